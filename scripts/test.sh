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
# ProperDocs and Zensical, each in a venv of its own (tests/build/test_engines.py builds on them)
bash scripts/engines.sh --setup
.venv/bin/ruff check src tests scripts
.venv/bin/lint-imports
.venv/bin/mypy  # strict, on src/courant (pyproject.toml)
# every tool is installed now, so a test that skips for want of one fails (tests/conftest.py);
# a process that crashes (any of them: the build's second process too) prints where it was
COURANT_ALL_TOOLS=1 PYTHONFAULTHANDLER=1 .venv/bin/python -m pytest -n 2 --dist loadfile "$@"
# The tests that run in this process again, with the system clock two years ahead of today
# (libfaketime), to prove that none depends on the day it runs: every test has the pinned
# "now" of tests/conftest.py. Tests that start another process (nginx, Chromium, Java,
# `python -m courant`) carry the mark `spawns` and stay out: libfaketime breaks their waits.
# (Exit code 5: the arguments chose only such tests, so none is left to run.)
ahead=$(date -d '+2 years' '+%Y-%m-%d %H:%M:%S')
echo "Again, the clock at $(FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$ahead" date) (faketime):"
COURANT_ALL_TOOLS=1 PYTHONFAULTHANDLER=1 FAKETIME_DONT_FAKE_MONOTONIC=1 faketime "$ahead" \
  .venv/bin/python -m pytest -n 2 --dist loadfile -q -p no:cacheprovider -m "not spawns" "$@" \
  || [ $? -eq 5 ]
