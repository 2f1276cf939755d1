#!/usr/bin/env bash
# Sets up courant in .venv and builds the demo site into dist/ (the README's first command).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# WeasyPrint (the booklets' PDF) draws text with Debian's Pango
if ! ldconfig -p 2>/dev/null | grep -q libpango-1.0; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".${COURANT_EXTRAS:-}"
.venv/bin/courant build
echo "Open dist/intranet/index.html, or run: .venv/bin/courant serve"
