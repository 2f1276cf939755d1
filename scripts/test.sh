#!/usr/bin/env bash
# Sets up everything the tests need and runs them (the README's second command; CI runs it too).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
bash scripts/install-system.sh
if [ -f package-lock.json ]; then
  npm ci --silent --no-audit --no-fund --ignore-scripts  # vnu-jar runs with Debian's Java
fi
.venv/bin/ruff check src tests scripts
.venv/bin/lint-imports
.venv/bin/mypy  # strict, on src/courant (pyproject.toml)
# every tool is installed now, so a test that skips for want of one fails (tests/conftest.py)
COURANT_ALL_TOOLS=1 .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
