"""A rebuild that changes nothing leaves every file's mtime alone, so nginx's ETag and
Last-Modified stay the same for feed readers and calendar clients; a changed file gets a new
one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from courant.build import pipeline

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from corpus import generate

LONG_AGO = 1_577_836_800_000_000_000  # 2020-01-01, in ns: no build writes this time


def files(dist: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(dist).as_posix(): p.stat() for p in dist.rglob("*") if p.is_file()}


def contents(dist: Path) -> dict[str, bytes]:
    return {p.relative_to(dist).as_posix(): p.read_bytes() for p in dist.rglob("*")
            if p.is_file()}


def age(dist: Path) -> None:
    for path in dist.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(LONG_AGO, LONG_AGO))


def test_unchanged_files_keep_their_mtime_and_changed_files_get_a_new_one(
        tmp_path: Path) -> None:
    corpus = generate(tmp_path / "project", 45, seed=11)
    project, dist = pipeline.Project(corpus.root), corpus.root / "dist"
    pipeline.build(project)
    age(dist)
    pipeline.build(project)  # nothing changed
    after = files(dist)
    for name in ("intranet/feed.xml", "intranet/agenda.ics", "public/feed.xml",
                 "public/agenda.ics", "intranet/search/search_index.json"):
        assert after[name].st_mtime_ns == LONG_AGO, name
    assert [name for name, stat in after.items() if stat.st_mtime_ns != LONG_AGO] == []

    before, linked = contents(dist), {name: stat.st_ino for name, stat in after.items()}
    changed = next(p for p in corpus.items if "/updates/" in str(p))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nEen nieuwe alinea.\n",
                       encoding="utf-8")
    pipeline.build(project)
    now, later = contents(dist), files(dist)
    new = sorted(name for name in now if before.get(name) != now[name])
    assert f"intranet/nieuws/{changed.stem}/index.html" in new
    assert [name for name in new if later[name].st_mtime_ns == LONG_AGO] == []
    assert [name for name in now if name not in new
            and later[name].st_mtime_ns != LONG_AGO] == []
    # the times set on unchanged pages are the ones the page cache recorded: still reused
    reused = [name for name in now if name.endswith(".html") and name not in new
              and later[name].st_ino == linked[name]]
    assert len(reused) > len([name for name in now if name.endswith(".html")]) / 2
