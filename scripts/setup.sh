#!/usr/bin/env bash
# Sets up courant in .venv and builds the demo site into dist/ (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${COURANT_EXTRAS:-}"
.venv/bin/courant build
echo "Open dist/intranet/index.html, or run: .venv/bin/courant serve"
