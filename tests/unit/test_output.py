"""output.Staging: one writer, swapped into dist/ whole; unchanged files keep their time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from courant.output import OutputError, Staging

LONG_AGO = 1_577_836_800_000_000_000


def build(dist: Path, files: dict[str, bytes], folder: dict[str, bytes] | None = None) -> None:
    with Staging(dist) as staging:
        for name, data in files.items():
            staging.write(name, data)
        if folder is not None:
            staging.fill("site", folder)
            staging.settle("site")


def test_a_second_write_of_one_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OutputError), Staging(tmp_path / "dist") as staging:
        staging.write("feed.xml", b"a")
        staging.write("feed.xml", b"b")
    assert not (tmp_path / "dist").exists()
    assert list(tmp_path.iterdir()) == []


def test_unchanged_bytes_keep_the_old_mtime_changed_bytes_get_a_new_one(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build(dist, {"feed.xml": b"<feed/>", "agenda.ics": b"BEGIN", "news.html": b"old"},
          {"page.html": b"page", "other.html": b"abc"})
    for path in dist.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(LONG_AGO, LONG_AGO))
    build(dist, {"feed.xml": b"<feed/>", "agenda.ics": b"BEGIN", "news.html": b"new"},
          {"page.html": b"page", "other.html": b"xyz"})

    def mtime(name: str) -> int:
        return (dist / name).stat().st_mtime_ns

    assert mtime("feed.xml") == mtime("agenda.ics") == mtime("site/page.html") == LONG_AGO
    assert mtime("news.html") != LONG_AGO  # same size, other bytes
    assert mtime("site/other.html") != LONG_AGO
    assert (dist / "news.html").read_bytes() == b"new"
