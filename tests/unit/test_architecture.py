"""The import rules of pyproject.toml hold for every module, present and future: on a copy of
the package, a backward import, a module no layer names and a direct import of MkDocs outside
engine/mkdocs/ each fail lint-imports (which `make test` runs before the tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.spawns


def copy_of_courant(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "src" / "courant", tmp_path / "src" / "courant",
                    ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path / "src" / "courant"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(project / "src"))  # the copy, not the installed one
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_package_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    copy_of_courant(tmp_path)
    result = lint_imports(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_backward_import_a_module_no_layer_names_and_mkdocs_outside_the_engine_fail(
        tmp_path: Path) -> None:
    package = copy_of_courant(tmp_path)
    renderer = package / "render" / "markdown.py"
    renderer.write_text(renderer.read_text(encoding="utf-8")
                        + "\nfrom courant.build import pipeline  # noqa\n", encoding="utf-8")
    (package / "stray.py").write_text('"""A module nobody placed."""\n', encoding="utf-8")
    markup = package / "markup.py"
    markup.write_text(markup.read_text(encoding="utf-8") + "\nimport mkdocs  # noqa\n",
                      encoding="utf-8")
    result = lint_imports(tmp_path)
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "courant.render is not allowed to import courant.build" in said
    assert "courant.stray" in said  # exhaustive: every module at the top has its layer
    assert "courant.markup -> mkdocs" in said


def test_the_rest_of_courant_reaches_an_engine_only_through_the_protocol(
        tmp_path: Path) -> None:
    """engine/mkdocs/ can be deleted at the switch: nothing but engine/__init__.py names it."""
    package = copy_of_courant(tmp_path)
    serve = package / "editorial" / "serve.py"
    serve.write_text(serve.read_text(encoding="utf-8")
                     + "\nfrom courant.engine.mkdocs import session  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    said = result.stdout + result.stderr
    assert result.returncode != 0, said
    assert "Engines only through the protocol BROKEN" in said
    assert "courant.editorial.serve -> courant.engine.mkdocs.session" in said
