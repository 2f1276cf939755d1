#!/usr/bin/env bash
# The two other engines, each in a venv of its own, then the test that builds the demo (and the
# leak fixture) on each and compares with the MkDocs build (tests/build/test_engines.py).
#   .venv-properdocs: courant on ProperDocs 1.6.7 with Material, MkDocs itself NOT installed
#                     (Material with --no-deps, its own dependencies, and mergedeep, which
#                     MkDocs pulls in and ProperDocs does not: the meta and blog plugins need it)
#   .venv-zensical:   Zensical 0.0.73 (later versions need a package PyPI does not serve here),
#                     which builds `courant export`'s pages
# scripts/test.sh runs `bash scripts/engines.sh --setup` (the venvs only; the suite then runs the
# test with the rest); on its own, after scripts/test.sh made .venv: bash scripts/engines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
setup_only=no
if [ "${1:-}" = --setup ]; then
  setup_only=yes
  shift
fi
PYTHON=${PYTHON:-python3}
PROPERDOCS=${PROPERDOCS:-properdocs==1.6.7}
ZENSICAL=${ZENSICAL:-zensical==0.0.73}
MATERIAL_DEPS="babel backrefs colorama paginate pygments pymdown-extensions requests"
quiet="--quiet --disable-pip-version-check"
if [ ! -x .venv-properdocs/bin/python ]; then
  "$PYTHON" -m venv .venv-properdocs
fi
.venv-properdocs/bin/python -m pip install $quiet "$PROPERDOCS" mergedeep $MATERIAL_DEPS
# the Material of .venv, so that the two builds differ only in the engine
material=$(.venv/bin/python -c "from importlib.metadata import version; print(version('mkdocs-material'))")
.venv-properdocs/bin/python -m pip install $quiet --no-deps \
  "mkdocs-material==$material" mkdocs-material-extensions
# courant itself without its dependency on MkDocs, then the rest of what it needs
.venv-properdocs/bin/python -m pip install $quiet --no-deps -e .
# courant's dependencies but MkDocs and Material (pip would pull MkDocs in for them)
.venv-properdocs/bin/python - <<'PY' | xargs .venv-properdocs/bin/python -m pip install $quiet
import tomllib
deps = tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]
print(" ".join(f"'{d}'" for d in deps if not d.startswith(("mkdocs", "mkdocs-material"))))
PY
if .venv-properdocs/bin/python -m pip show mkdocs >/dev/null 2>&1; then
  echo "engines.sh: MkDocs is installed in .venv-properdocs; it must not be" >&2
  exit 1
fi
if [ ! -x .venv-zensical/bin/python ]; then
  "$PYTHON" -m venv .venv-zensical
fi
.venv-zensical/bin/python -m pip install $quiet "$ZENSICAL"
if [ "$setup_only" = no ]; then
  COURANT_ALL_TOOLS=1 .venv/bin/python -m pytest -q tests/build/test_engines.py "$@"
fi
