"""diskcache: a cache file that fails its own check is ignored (the run rebuilds what it
held), whatever byte was damaged; one of other code is ignored without being unpickled."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from courant.build import diskcache
from courant.build.kept import Kept

ENTRIES = {"event": b"BEGIN:VEVENT\r\nSUMMARY:Spotlights\r\nEND:VEVENT\r\n", "n": 3}


def stored(tmp_path: Path) -> Path:
    index = tmp_path / "calendar-staff.pickle"
    diskcache.store(index, "calendar-events-1 abc icalendar=7", ENTRIES)
    return index


def test_what_is_stored_loads_back(tmp_path: Path) -> None:
    index = stored(tmp_path)
    assert diskcache.load(index, "calendar-events-1 abc icalendar=7") == ENTRIES
    assert not diskcache.staged(index).exists()


def test_a_flipped_byte_anywhere_makes_the_file_count_as_empty(tmp_path: Path) -> None:
    index = stored(tmp_path)
    good = index.read_bytes()
    for position in range(len(good)):
        for flip in (0x01, 0x80, 0xFF):
            damaged = bytearray(good)
            damaged[position] ^= flip
            index.write_bytes(bytes(damaged))
            assert diskcache.load(index, "calendar-events-1 abc icalendar=7") == {}, position


def test_the_calendar_damage_seen_in_the_issue_is_not_published(tmp_path: Path) -> None:
    """`END:VEVENT` turned into `END:VEV\\xffNT` inside the stored bytes."""
    index = stored(tmp_path)
    index.write_bytes(index.read_bytes().replace(b"END:VEVENT", b"END:VEV\xffNT"))
    kept: Kept[bytes] = Kept(index, "calendar-events-1 abc icalendar=7")
    assert kept.get("event") is None


@pytest.mark.parametrize("cut", [0, 1, 15, 40, -1])
def test_a_file_cut_short_counts_as_empty(tmp_path: Path, cut: int) -> None:
    index = stored(tmp_path)
    index.write_bytes(index.read_bytes()[:cut])
    assert diskcache.load(index, "calendar-events-1 abc icalendar=7") == {}


def test_a_file_of_other_code_is_not_unpickled(tmp_path: Path) -> None:
    """Another format is refused on its header: its pickle could name classes that are
    gone. So is the pickle-only layout of earlier versions."""
    index = stored(tmp_path)
    assert diskcache.load(index, "calendar-events-2 abc icalendar=7") == {}
    index.write_bytes(pickle.dumps({"format": "calendar-events-1 abc icalendar=7",
                                    "entries": ENTRIES}))
    assert diskcache.load(index, "calendar-events-1 abc icalendar=7") == {}


def test_intact_bytes_that_do_not_unpickle_count_as_empty(tmp_path: Path) -> None:
    index = tmp_path / "x.pickle"
    name = b"fmt"
    payload = b"\x80\x05garbage"
    seal = f"{len(payload)} {diskcache.checksum(name + payload):08x}\n".encode()
    index.write_bytes(diskcache.LAYOUT + name + b"\n" + seal + payload)
    assert diskcache.load(index, "fmt") == {}


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    diskcache.store(blocked / "sources.pickle", "fmt", ENTRIES)  # no error
    assert diskcache.load(blocked / "sources.pickle", "fmt") == {}


def test_the_code_in_a_cache_format_is_every_module_of_courant(monkeypatch) -> None:
    """A change to any module (not only those beside the cache's own) makes caches stale:
    the digest is taken over the whole package, wherever the cache module lives."""
    import courant
    from courant.build import codekey
    from courant.engine.mkdocs import pagecache

    package = Path(courant.__file__).resolve().parent
    assert package == codekey.PACKAGE
    digested: list[Path] = []
    monkeypatch.setattr(pagecache, "_tree_digest", lambda folder, pattern="*": digested.append(
        folder) or "")
    pagecache._code_digest()
    assert digested == [package]
