#!/usr/bin/env bash
# Set up what the project needs on a Debian machine with Python 3.11: a .venv with the pinned packages.
# Safe to run again: it reinstalls only when requirements.txt has changed.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '[setup] %s\n' "$*"; }

# Install Debian packages when root; otherwise say exactly what to install. A "required" set stops the
# setup when it cannot be installed; an "optional" one only warns (the build then says what it skipped).
need_debian_packages() {
  local mode=$1; shift
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
      || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
  else
    say "missing Debian packages: ${missing[*]}"
    say "install them with: sudo apt-get install --no-install-recommends ${missing[*]}"
    [ "$mode" = required ] && exit 1
  fi
  return 0
}

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  say "Python 3.11 or newer is needed as '$PYTHON' (found: $("$PYTHON" --version 2>&1 || echo none))."
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$PYTHON" -c 'import venv, ensurepip' 2>/dev/null; then
    need_debian_packages required python3-venv
  fi
  say "creating .venv"
  "$PYTHON" -m venv .venv
fi

# The PDF edition: xelatex from Debian's TeX Live (no recommends: about 350 MB), its typefaces (Charis SIL
# for the text, Lato for headings and tables; DejaVu Sans Mono, below, for code) and poppler to read the
# PDF back in the tests.
need_debian_packages optional texlive-xetex texlive-latex-recommended texlive-latex-extra \
  texlive-fonts-recommended fonts-sil-charis fonts-lato latexmk poppler-utils
# The charts name DejaVu Sans, so figure files are the same on every machine; the PDF's code is in its Mono.
need_debian_packages optional fonts-dejavu-core
# The browser tests drive Debian's chromium (Playwright never downloads a browser here).
need_debian_packages optional chromium

stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  say "installing Python packages from requirements.txt"
  .venv/bin/python -m pip install -qq --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install -qq --disable-pip-version-check -r requirements.txt
  .venv/bin/python -m pip check
  echo "$wanted" > "$stamp"
fi
# Chapters import the project's analysis package from anywhere (the build, a notebook opened in
# JupyterLab, the tests): put the project root on the environment's path. Only the checkout that owns the
# environment does: a copy whose .venv is a link to another's (a test's working copy) leaves it naming its
# owner, since its own commands run from its root, which Python puts first on the path.
if [ ! -L .venv ]; then
  site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  [ "$(cat "$site/vawg-project.pth" 2>/dev/null)" = "$PWD" ] || echo "$PWD" > "$site/vawg-project.pth"
fi
say "ready: $(.venv/bin/python --version)"
