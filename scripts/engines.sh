#!/usr/bin/env bash
# The two other engines, each in a venv of its own, then the test that builds the demo (and the
# leak fixture) on each and compares with the MkDocs build (tests/build/test_engines.py).
#   .venv-properdocs: courant on ProperDocs 1.6.7 with Material, MkDocs itself NOT installed
#                     (Material with --no-deps, its own dependencies, and mergedeep, which
#                     MkDocs pulls in and ProperDocs does not: the meta and blog plugins need it)
#   .venv-zensical:   Zensical 0.0.73 (later versions need a package PyPI does not serve here),
#                     which builds `courant export`'s pages
# Run by scripts/test.sh; on its own: bash scripts/engines.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
PROPERDOCS=${PROPERDOCS:-properdocs==1.6.7}
ZENSICAL=${ZENSICAL:-zensical==0.0.73}
MATERIAL_DEPS="babel backrefs colorama paginate pygments pymdown-extensions requests"
quiet="--quiet --disable-pip-version-check"
if [ ! -x .venv-properdocs/bin/python ]; then
  "$PYTHON" -m venv .venv-properdocs
fi
.venv-properdocs/bin/python -m pip install $quiet "$PROPERDOCS" mergedeep $MATERIAL_DEPS
.venv-properdocs/bin/python -m pip install $quiet --no-deps \
  "mkdocs-material>=9.6,<10" mkdocs-material-extensions
# courant itself without its dependency on MkDocs, then the rest of what it needs
.venv-properdocs/bin/python -m pip install $quiet --no-deps -e .
.venv-properdocs/bin/python - <<'PY' | xargs .venv-properdocs/bin/python -m pip install $quiet
import tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print(" ".join(f"'{d}'" for d in deps if not d.startswith(("mkdocs", "mkdocs-material"))))
PY
if .venv-properdocs/bin/python -c "import importlib.util as u; import sys; sys.exit(u.find_spec('mkdocs') is None)" 2>/dev/null \
   && .venv-properdocs/bin/python -m pip show mkdocs >/dev/null 2>&1; then
  echo "engines.sh: MkDocs is installed in .venv-properdocs; it must not be" >&2
  exit 1
fi
if [ ! -x .venv-zensical/bin/python ]; then
  "$PYTHON" -m venv .venv-zensical
fi
.venv-zensical/bin/python -m pip install $quiet "$ZENSICAL"
COURANT_ALL_TOOLS=1 .venv/bin/python -m pytest -q -p no:randomly tests/build/test_engines.py "$@"
