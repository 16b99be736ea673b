#!/usr/bin/env bash
# The build command: set up, check the data against its sources, then build the book into _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The chapters' kernels import this checkout's analysis package.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

.venv/bin/python -m analysis validate
.venv/bin/python -m analysis audit
.venv/bin/python -m analysis pages
.venv/bin/python -m analysis figures

# Sphinx re-reads a chapter, and jupyter-cache re-executes it, only when the chapter's own file changes;
# neither can see data/ or analysis/, and Sphinx does not re-read pages when the table of contents or the
# book's extension changes. When any of these has changed since the last build, drop the execution cache
# and re-read every page, so that no stale figure, number or navigation is ever shown.
inputs=$(cat data/*.csv data/datapackage.json data/sources/* analysis/*.py _toc.yml _config.yml _ext/*.py \
  | sha256sum | cut -d' ' -f1)
stamp=_build/.inputs.sha256
rebuild_all=()
if [ "$(cat "$stamp" 2>/dev/null)" != "$inputs" ]; then
  [ -d _build/html ] && echo "[build] data or analysis code changed: re-executing every chapter"
  rm -rf _build/.jupyter_cache
  rebuild_all=(--all)
fi

echo "[build] building the HTML book"
.venv/bin/jupyter-book build . -W -n --keep-going --quiet "${rebuild_all[@]}"
mkdir -p _build && echo "$inputs" > "$stamp"
echo "[build] HTML book: _build/html/index.html"

# The PDF edition, from the same chapters and the same executed outputs (the execution cache).
if command -v xelatex >/dev/null && command -v latexmk >/dev/null; then
  echo "[build] building the PDF edition"
  .venv/bin/jupyter-book build . --builder pdflatex -W -n --keep-going --quiet "${rebuild_all[@]}" >/dev/null
  echo "[build] PDF edition: _build/latex/met-vawg-report.pdf"
else
  echo "[build] PDF edition skipped: TeX is not installed. As root, scripts/setup.sh installs it; otherwise run"
  echo "        sudo apt-get install --no-install-recommends texlive-xetex texlive-latex-recommended \\"
  echo "          texlive-latex-extra texlive-fonts-recommended fonts-sil-charis fonts-lato latexmk poppler-utils"
fi
