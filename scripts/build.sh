#!/usr/bin/env bash
# The build command: set up, then check the data against its sources.
# (The book itself is built here once its chapters exist: see the open issues.)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m analysis validate
.venv/bin/python -m analysis audit
