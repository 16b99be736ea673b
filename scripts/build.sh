#!/usr/bin/env bash
# The build command: set up, check the data against its sources, then build the book into _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

.venv/bin/python -m analysis validate
.venv/bin/python -m analysis audit

# jupyter-cache re-executes a chapter only when its own code changes; it cannot see data/ or analysis/.
# When either has changed since the last build, drop the cache so no stale figure is ever shown.
inputs=$(cat data/*.csv data/datapackage.json data/sources/* analysis/*.py | sha256sum | cut -d' ' -f1)
stamp=_build/.inputs.sha256
if [ -d _build/.jupyter_cache ] && [ "$(cat "$stamp" 2>/dev/null)" != "$inputs" ]; then
  echo "[build] data or analysis code changed: re-executing every chapter"
  rm -rf _build/.jupyter_cache
fi

echo "[build] building the HTML book"
.venv/bin/jupyter-book build . -W -n --keep-going --quiet
mkdir -p _build && echo "$inputs" > "$stamp"
echo "[build] done: open _build/html/index.html"
