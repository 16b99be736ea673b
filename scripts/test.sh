#!/usr/bin/env bash
# The test command: set up, lint, then run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The linter, with the rules pyproject.toml states: a finding fails the command as a failing test does.
.venv/bin/ruff check --no-cache --quiet .
exec .venv/bin/python -m pytest "$@"
