"""Damaged caches are ignored, never published and never a traceback: after flipped bytes in
every file of .cache/courant/ and in a page of dist/ the cache would reuse, the next
`courant build` gives exactly the clean build's dist/.

Builds run as editors run them (`python -m courant build`, each in its own process), so no
memo of an earlier build in the test process can hide a damaged file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project, run_courant

pytestmark = pytest.mark.spawns  # builds run as their own processes


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def flip(path: Path, at: int) -> None:
    """One byte changed in place, size and mtime kept (as bit rot leaves a file)."""
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[at] ^= 0x20
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The clean build's dist/ of tests/fixtures/smallsite."""
    root = copy_project(tmp_path_factory.mktemp("clean") / "p",
                        content_from=FIXTURES / "smallsite")
    assert run_courant(root, "build").returncode == 0
    return tree(root / "dist")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """tests/fixtures/smallsite built once, its caches filled."""
    root = copy_project(tmp_path / "p", content_from=FIXTURES / "smallsite")
    first = run_courant(root, "build")
    assert first.returncode == 0, first.stderr
    return root


def assert_rebuilds_clean(project: Path, clean: dict[str, bytes]) -> None:
    again = run_courant(project, "build")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr + again.stdout
    built = tree(project / "dist")
    assert sorted(built) == sorted(clean)
    assert [name for name in clean if built[name] != clean[name]] == []


def test_damaged_cache_files_give_the_clean_build(built: Path,
                                                  clean: dict[str, bytes]) -> None:
    caches = built / ".cache" / "courant"
    kept = {path.name for path in caches.glob("*.pickle")}
    assert {"pages-intranet.pickle", "pages-public.pickle", "mail.pickle",
            "calendar-intranet.pickle", "calendar-partners.pickle", "sources.pickle",
            "writing.pickle", "a11y.pickle"} <= kept
    for calendar in caches.glob("calendar-*.pickle"):  # the damage the issue saw published
        data = calendar.read_bytes()
        assert b"END:VEVENT" in data
        calendar.write_bytes(data.replace(b"END:VEVENT", b"END:VEV\xffNT"))
    for path in caches.glob("*.pickle"):
        flip(path, path.stat().st_size // 2)
    assert_rebuilds_clean(built, clean)
    # the caches are whole again: the next build reuses them and gives the same bytes
    assert_rebuilds_clean(built, clean)


def test_a_damaged_page_in_dist_is_rendered_again(built: Path,
                                                  clean: dict[str, bytes]) -> None:
    """The page cache would hard-link this page from the previous dist/; its bytes changed
    (size and mtime kept), so it is rendered again instead."""
    page = built / "dist/intranet/over-ons/index.html"
    flip(page, page.read_bytes().index(b"<h1") + 1)  # <h1 -> <H1
    assert_rebuilds_clean(built, clean)


def test_a_damaged_image_in_dist_is_published_again(built: Path,
                                                    clean: dict[str, bytes]) -> None:
    """The cache reads a published image back from the previous dist/ instead of encoding it
    again; a flipped byte there (size and mtime kept) makes it encode it again instead."""
    media = sorted((built / "dist/intranet/media").glob("*.png"))
    assert media, "the fixture publishes no photo"
    for image in media:
        flip(image, image.stat().st_size // 2)
    assert_rebuilds_clean(built, clean)
