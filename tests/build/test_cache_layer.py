"""The one cache layer (build/cache.py) from outside: `--no-cache` gives the same bytes as a
build from the cache and as a cold one, and reads and writes nothing in .cache/courant/;
`check --no-cache` says the same; after an edit, the cache gives what a cold build gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_repeatable import differences, hashes

from conftest import copy_project, run_courant

pytestmark = pytest.mark.spawns


def built(root: Path, *args: str) -> Path:
    result = run_courant(root, "build", *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    copy = root.parent / f"dist-{len(list(root.parent.glob('dist-*')))}"
    shutil.copytree(root / "dist", copy)
    return copy


def cache_files(root: Path) -> dict[str, str]:
    return hashes(root / ".cache" / "courant")


def test_no_cache_gives_the_same_bytes_and_touches_no_cache(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    cold = built(root, "--no-cache")
    assert not (root / ".cache" / "courant").exists()  # nothing written
    first = built(root)  # cold, filling the cache
    assert {"sources.pickle", "writing.pickle", "a11y.pickle", "pages-intranet.pickle",
            "pages-public.pickle", "mail.pickle", "calendar-intranet.pickle",
            "calendar-partners.pickle", "booklets-intranet.pickle"} <= cache_files(root).keys()
    cached = built(root)
    kept = cache_files(root)
    built(root)
    assert cache_files(root) == kept  # a build with nothing new changes no cache file
    again = built(root, "--no-cache")
    assert cache_files(root) == kept  # neither read into nor written
    for other in (first, cached, again):
        assert differences(cold, other) == []
    assert len(hashes(cold)) > 100


def test_after_an_edit_the_cache_gives_the_cold_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    built(root)
    update = next((root / "content" / "updates").rglob("*.md"))
    update.write_text(update.read_text(encoding="utf-8").replace(
        "\n\n", "\n\nEen nieuwe zin na de bewerking.\n\n", 1), encoding="utf-8")
    cached = built(root)
    assert differences(built(root, "--no-cache"), cached) == []


def test_check_without_the_cache_says_the_same(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    first = run_courant(root, "check")
    kept = cache_files(root)
    cached = run_courant(root, "check")
    off = run_courant(root, "check", "--no-cache")
    assert first.returncode == cached.returncode == off.returncode == 0, off.stderr
    assert first.stderr == cached.stderr == off.stderr and "waarschuwing" in off.stderr
    assert cache_files(root) == kept
    assert "--no-cache" in run_courant(root, "build", "--help").stdout
