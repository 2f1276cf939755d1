"""After a save the preview reads the files that changed, not every source: a file whose
inode, size and times of change are the ones it had when it was last read is taken as
read (build/cache.py's Cache.sources and `settled`, in a process that builds again)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from courant.build import cache as cache_module
from courant.build import pipeline
from courant.build.cache import Cache, file_clock, settled

UPDATE = PurePosixPath("content/updates/2026/banenmarkt-waalstad-werkt.md")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every source file read from now on."""
    read: list[Path] = []
    original = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md":
            read.append(path)
        return original(path)
    monkeypatch.setattr(Path, "read_bytes", counted)
    return read


def titles(root: Path, cache: Cache) -> dict[PurePosixPath, str]:
    return {item.source: item.title
            for item in pipeline.load(pipeline.Project(root), cache).content.items}


def test_only_a_changed_file_is_read_again(demo: Path, reads: list[Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # the copies are settled at once
    cache = Cache.memory()
    titles(demo, cache)
    assert len(reads) > 20
    reads.clear()
    titles(demo, cache)
    assert reads == []
    source = demo / UPDATE
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: ", "title: Nieuw - ", 1), encoding="utf-8")
    assert titles(demo, cache)[UPDATE].startswith("Nieuw - ")
    assert set(reads) == {source}  # its bytes for the key, its text for the item


def test_a_file_written_with_its_old_times_set_back_is_read_again(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same size, the modification time set back (as a copy that keeps times does):
    the time of change, which no program sets, tells."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache, source = Cache.memory(), demo / UPDATE
    before = titles(demo, cache)[UPDATE]
    times = os.stat(source)
    text = source.read_text(encoding="utf-8")
    same_size = text.replace(before, before[::-1], 1)
    assert len(same_size.encode()) == len(text.encode())
    source.write_text(same_size, encoding="utf-8")
    os.utime(source, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert os.stat(source).st_mtime_ns == times.st_mtime_ns
    assert titles(demo, cache)[UPDATE] == before[::-1]


def test_a_file_changed_a_moment_ago_is_read_every_time(demo: Path,
                                                         reads: list[Path]) -> None:
    """A change within RACY_NS of a read may leave the file's times as they were on a coarse
    clock: such a file is read, whatever its times say."""
    source = demo / UPDATE
    source.write_text(source.read_text(encoding="utf-8") + "\nMeer.\n", encoding="utf-8")
    assert settled(source, file_clock()) is None
    cache = Cache.memory()
    titles(demo, cache)
    reads.clear()
    titles(demo, cache)
    assert source in reads


def test_a_one_off_run_reads_every_file(demo: Path, reads: list[Path],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = Cache.at(demo)
    sources = {demo / source for source in titles(demo, cache)}
    reads.clear()
    titles(demo, cache)
    assert sources <= set(reads)


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every folder listed from now on."""
    folders: list[str] = []
    original = os.scandir

    def counted(path: str) -> Any:
        folders.append(str(path))
        return original(path)
    monkeypatch.setattr(os, "scandir", counted)
    return folders


def test_the_folders_are_listed_again_only_when_one_changed(
        demo: Path, listed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = Cache.memory()
    titles(demo, cache)
    updates = str(demo / "content" / "updates")
    assert updates in listed
    listed.clear()
    titles(demo, cache)
    assert updates not in listed
    (demo / UPDATE).write_text((demo / UPDATE).read_text(encoding="utf-8") + "\nMeer.\n",
                               encoding="utf-8")
    titles(demo, cache)
    assert updates not in listed  # a file written in place leaves its folder as it was


@pytest.mark.parametrize("where", ["content/updates/2026", "content/updates/2027/januari"])
def test_a_new_file_is_found_at_the_next_save(demo: Path, where: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """In a folder there was, and in a new one: the folder above changes too."""
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = Cache.memory()
    titles(demo, cache)
    folder = demo / where
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nieuw-stuk.md").write_text(
        "---\ntitle: Een nieuw stuk\ndate: 2026-11-20\ndepartment: wi\n---\nTekst.\n",
        encoding="utf-8")
    assert titles(demo, cache)[PurePosixPath(where) / "nieuw-stuk.md"] == "Een nieuw stuk"


def test_a_removed_file_is_gone_at_the_next_save(demo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    cache = Cache.memory()
    assert UPDATE in titles(demo, cache)
    (demo / UPDATE).unlink()
    image = demo / "content" / "media" / "banenmarkt.jpg"  # no longer used: no warning
    assert image.exists()
    assert UPDATE not in titles(demo, cache)


def test_the_clock_of_files_leaves_no_file_behind(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """file_clock's file has no name: a preview killed (kill -9, a crash) leaves nothing in
    the temporary folder, and time read by it moves on with each call."""
    monkeypatch.setattr(cache_module.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(cache_module, "_STAMP", [])
    first = file_clock()
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "later").write_bytes(b"")
    assert first <= (tmp_path / "later").stat().st_mtime_ns <= file_clock()
