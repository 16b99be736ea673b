#!/usr/bin/env bash
# The build command: set up, check the data against its sources, then build the book into _build/html.
# A stale page is jupyter-book's own concern: _ext/vawg_stale.py re-executes and re-reads every chapter when
# data/, analysis/, _ext/, _toc.yml, _config.yml or requirements.txt changed since the last build, and
# _ext/vawg_book.py writes the source pages and figure files from the data before any page is read.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

.venv/bin/python -m analysis validate
.venv/bin/python -m analysis audit

echo "[build] building the HTML book"
.venv/bin/jupyter-book build . -W -n --keep-going --quiet
echo "[build] HTML book: _build/html/index.html"

# The PDF edition, from the same chapters and the same executed outputs (the execution cache: nothing runs again).
if command -v xelatex >/dev/null && command -v latexmk >/dev/null; then
  echo "[build] building the PDF edition"
  .venv/bin/jupyter-book build . --builder pdflatex -W -n --keep-going --quiet >/dev/null
  echo "[build] PDF edition: _build/latex/met-vawg-report.pdf"
else
  echo "[build] PDF edition skipped: TeX is not installed. As root, scripts/setup.sh installs it; otherwise run"
  echo "        sudo apt-get install --no-install-recommends texlive-xetex texlive-latex-recommended \\"
  echo "          texlive-latex-extra texlive-fonts-recommended fonts-sil-charis fonts-lato latexmk poppler-utils"
fi
