"""Repeatable builds: the same sources and SOURCE_DATE_EPOCH give a byte-identical dist/, whatever
the process (hash seed), time zone, locale, build folder, parallel or serial, cold or cached."""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

import pytest

from conftest import NOW_EPOCH, copy_project, run_courant

pytestmark = pytest.mark.spawns


def hashes(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """What differs, readably: missing files, and the first changed line of each text file."""
    a, b = hashes(first), hashes(second)
    found = [f"only in one build: {name}" for name in sorted(a.keys() ^ b.keys())]
    for name in sorted(n for n in a.keys() & b.keys() if a[n] != b[n]):
        try:
            old = (first / name).read_text(encoding="utf-8").splitlines()
            new = (second / name).read_text(encoding="utf-8").splitlines()
            diff = [d for d in difflib.unified_diff(old, new, lineterm="", n=0)
                    if d[:1] in "+-" and not d.startswith(("---", "+++"))]
            found.append(f"{name}: {diff[:2]}")
        except UnicodeDecodeError:
            found.append(f"{name}: binary content differs")
    return found


def build_in_subprocess(root: Path, **env: str) -> None:
    result = run_courant(root, "build", **env)
    assert result.returncode == 0, result.stderr


def test_two_builds_of_the_demo_are_byte_identical(demo_dist: Path, tmp_path: Path) -> None:
    """demo_dist was built in this process; this one in another process, elsewhere, with
    another hash seed, time zone and locale, on one core."""
    root = copy_project(tmp_path / "elders" / "demo")
    build_in_subprocess(root, PYTHONHASHSEED="4242", TZ="America/New_York", LANG="C",
                        LC_ALL="C", COURANT_SERIAL="1")
    assert differences(demo_dist, root / "dist") == []
    assert len(hashes(demo_dist)) > 100


def test_a_cached_rebuild_is_byte_identical(demo_dist: Path, tmp_path: Path) -> None:
    """The second build reuses .cache/courant/; its output must not tell."""
    root = copy_project(tmp_path / "demo")
    build_in_subprocess(root, PYTHONHASHSEED="1")
    assert (root / ".cache").is_dir()
    build_in_subprocess(root, PYTHONHASHSEED="2")
    assert differences(demo_dist, root / "dist") == []


def test_another_moment_gives_another_build(demo_dist: Path, tmp_path: Path) -> None:
    """The test can fail: a later "now" (a published issue, an embargo lifted) changes dist/."""
    root = copy_project(tmp_path / "demo")
    later = str(int(NOW_EPOCH) + 14 * 24 * 3600)
    build_in_subprocess(root, SOURCE_DATE_EPOCH=later)
    assert differences(demo_dist, root / "dist") != []
