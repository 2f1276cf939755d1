"""engine/mkdocs/navcache.py: the menu rendered once per folder gives the bytes Material gives
when it renders the menu for every page."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import run_courant
from courant.build import pipeline
from courant.engine.mkdocs import pagecache

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from corpus import generate


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.spawns
def test_menu_once_per_folder_equals_materials_menu_on_every_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build with the menu cache is `courant build` in a process of its own, so no memo of
    it can stand in for the pages this process renders with Material's menu."""
    corpus = generate(tmp_path / "cached", 45, seed=5)
    plain = tmp_path / "plain"
    shutil.copytree(corpus.root, plain)
    result = run_courant(corpus.root, "build")
    assert result.returncode == 0, result.stderr
    made: list[object] = []
    monkeypatch.setattr(pagecache, "install_nav_cache", lambda *args: made.append(args))
    pipeline.build(pipeline.Project(plain))
    assert made  # the second build really rendered Material's menu on every page
    cached, every_page = tree(corpus.root / "dist"), tree(plain / "dist")
    assert sorted(cached) == sorted(every_page)
    assert [name for name in cached if cached[name] != every_page[name]] == []
