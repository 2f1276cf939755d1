"""`courant check` of an unchanged project is kept (build/pipeline.all_problems, shelf `check`):
what it says is what a check without the cache says, after every kind of change that could
alter it (a source, a photo, the theme's style sheets, mkdocs.yml, the time passing an
embargo), and the check runs again after each of them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import copy_project
from courant import clock
from courant.audience import next_due
from courant.build import pipeline
from courant.build.cache import Cache, tree_digest
from courant.problems import ContentError, Problem


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the whole check ran (reading and checking every source)."""
    counted: list[int] = []
    real = pipeline._read_and_check

    def counting(*args: Any) -> Any:
        counted.append(1)
        return real(*args)
    monkeypatch.setattr(pipeline, "_read_and_check", counting)
    return counted


def said(root: Path, cache: Cache | None = None) -> list[Problem]:
    try:
        return pipeline.check(pipeline.Project(root), cache=cache or Cache.at(root))
    except ContentError as error:
        return error.problems


def checked_anew(root: Path, runs: list[int], change: Callable[[], Any]) -> list[Problem]:
    """After `change`, the kept check runs again and says what the check without a cache
    says; a second check is taken from the cache."""
    change()
    before = len(runs)
    found = said(root)
    assert len(runs) == before + 1
    assert found == said(root, Cache.off())
    assert said(root) == found and len(runs) == before + 2  # the one with the cache off
    return found


def test_an_unchanged_project_is_checked_once(tmp_path: Path, runs: list[int]) -> None:
    root = copy_project(tmp_path / "demo")
    first = said(root)
    assert len(runs) == 1 and any(not p.is_error for p in first)
    assert said(root) == first and len(runs) == 1
    assert (root / ".cache" / "courant" / "check.pickle").is_file()
    assert said(root, Cache.off()) == first and len(runs) == 2


def test_every_change_is_checked_again(tmp_path: Path, runs: list[int]) -> None:
    root = copy_project(tmp_path / "demo")
    said(root)
    update = next((root / "content" / "updates").rglob("*.md"))
    text = update.read_text(encoding="utf-8")
    found = checked_anew(root, runs, lambda: update.write_text(
        text.replace("title:", "titel:", 1), encoding="utf-8"))
    assert any(p.is_error and p.file.endswith(update.name) for p in found)
    checked_anew(root, runs, lambda: update.write_text(text, encoding="utf-8"))
    css = root / "theme" / "email" / "email.css"
    found = checked_anew(root, runs, lambda: css.write_text(
        css.read_text(encoding="utf-8") + "\np { color: #eeeeee; background: #ffffff; }\n",
        encoding="utf-8"))
    assert any("email.css" in p.file for p in found)
    settings = root / "mkdocs.yml"
    checked_anew(root, runs, lambda: settings.write_text(
        settings.read_text(encoding="utf-8") + "\n# een regel commentaar\n", encoding="utf-8"))


def test_a_photo_replaced_is_checked_again(tmp_path: Path, runs: list[int]) -> None:
    root = copy_project(tmp_path / "demo")
    before = said(root)
    photo = root / "content" / "media" / "banenmarkt.jpg"
    found = checked_anew(root, runs, lambda: Image.new("RGB", (120, 80)).save(photo))
    assert len(found) > len(before)  # too small for the page now


def test_same_size_and_time_is_still_another_file(tmp_path: Path) -> None:
    """A photo's key is its inode, size and times: rewritten with other bytes of the same
    length, its modification time set back, it still counts as changed (the ctime)."""
    folder = tmp_path / "content"
    folder.mkdir()
    photo = folder / "foto.jpg"
    photo.write_bytes(b"a" * 1000)
    first = tree_digest(folder, lambda name: name.endswith(".md"))
    info = photo.stat()
    photo.write_bytes(b"b" * 1000)
    os.utime(photo, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert tree_digest(folder, lambda name: name.endswith(".md")) not in (None, first)


def test_a_symbolic_link_means_no_key(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "a.md").write_text("a", encoding="utf-8")
    assert tree_digest(folder, lambda name: True) is not None
    (folder / "b.md").symlink_to(folder / "a.md")
    assert tree_digest(folder, lambda name: True) is None
    assert tree_digest(tmp_path / "gone", lambda name: True) is None


def test_a_project_with_a_symbolic_link_is_checked_every_time(tmp_path: Path,
                                                              runs: list[int]) -> None:
    root = copy_project(tmp_path / "demo")
    (root / "content" / "pages" / "link.md").symlink_to(root / "content" / "pages" / "index.md")
    first = said(root)
    assert said(root) == first and len(runs) == 2


def test_when_an_embargo_lifts_the_check_runs_again(tmp_path: Path, runs: list[int],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "demo")
    said(root)
    due = next_due(pipeline.load(pipeline.Project(root), Cache.off()).content, clock.now())
    assert due is not None
    runs.clear()
    just_before = int(due.moment.timestamp()) - 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(just_before))
    said(root)
    assert runs == []  # the kept outcome holds until the moment itself
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(just_before + 1))
    assert said(root) == said(root, Cache.off()) and len(runs) == 2
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(just_before - 3600))  # before it was made
    said(root)
    assert len(runs) == 3
