"""build/cache.py, the one cache layer: a file that fails its own check is ignored (the run
rebuilds what it held), whatever byte was damaged; one of other code or other libraries is
ignored without being unpickled; only what a run used is kept; nothing is written before
commit(), and nothing at all when the cache is off."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from courant.build import cache as cache_module
from courant.build.cache import (
    Cache,
    Local,
    decode,
    encode,
    format_of,
    read_file,
    write_file,
)
from courant.engine import PageRecord

ENTRIES = {"event": b"BEGIN:VEVENT\r\nSUMMARY:Spotlights\r\nEND:VEVENT\r\n", "n": 3}
FORMAT = "calendar-staff abc icalendar=7"


def stored(tmp_path: Path) -> Path:
    index = tmp_path / "calendar-staff.pickle"
    write_file(index, encode(FORMAT, ENTRIES))
    return index


def test_what_is_stored_reads_back(tmp_path: Path) -> None:
    index = stored(tmp_path)
    assert read_file(index, FORMAT) == ENTRIES
    assert not index.with_suffix(".tmp").exists()


def test_a_flipped_byte_anywhere_makes_the_file_count_as_empty(tmp_path: Path) -> None:
    good = encode(FORMAT, ENTRIES)
    for position in range(len(good)):
        for flip in (0x01, 0x80, 0xFF):
            damaged = bytearray(good)
            damaged[position] ^= flip
            assert decode(bytes(damaged), FORMAT) is None, position


def test_the_calendar_damage_seen_in_the_issue_is_not_published(tmp_path: Path) -> None:
    """`END:VEVENT` turned into `END:VEV\\xffNT` inside the stored bytes."""
    root = tmp_path
    cache = Cache.at(root)
    cache.shelf("calendar-staff").put("event", ENTRIES["event"])
    cache.commit()
    index = root / ".cache" / "courant" / "calendar-staff.pickle"
    index.write_bytes(index.read_bytes().replace(b"END:VEVENT", b"END:VEV\xffNT"))
    assert Cache.at(root).shelf("calendar-staff").get("event") is None


@pytest.mark.parametrize("cut", [0, 1, 15, 40, -1])
def test_a_file_cut_short_counts_as_empty(tmp_path: Path, cut: int) -> None:
    index = stored(tmp_path)
    index.write_bytes(index.read_bytes()[:cut])
    assert read_file(index, FORMAT) == {}


def test_a_file_of_other_code_is_not_unpickled(tmp_path: Path) -> None:
    """Another format is refused on its header: its pickle could name classes that are
    gone. So is the pickle-only layout of earlier versions."""
    index = stored(tmp_path)
    assert read_file(index, "calendar-staff abd icalendar=7") == {}
    index.write_bytes(pickle.dumps({"format": FORMAT, "entries": ENTRIES}))
    assert read_file(index, FORMAT) == {}


def test_intact_bytes_that_do_not_unpickle_count_as_empty() -> None:
    name, payload = b"fmt", b"\x80\x05garbage"
    seal = f"{len(payload)} {cache_module.checksum(name + payload):08x}\n".encode()
    assert decode(cache_module.LAYOUT + name + b"\n" + seal + payload, "fmt") is None


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = Cache(blocked / "cache")
    cache.shelf("sources").put("k", 1)
    cache.commit()  # no error
    assert Cache(blocked / "cache").shelf("sources").get("k") is None


def test_one_rule_for_staleness_courants_code_and_every_librarys_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an earlier run kept is found only while courant's code and the libraries' versions
    are the same: a change to either (here: the sentence rules of the writing check, which the
    old writing cache did not notice) starts every file afresh."""
    cache = Cache.at(tmp_path)
    cache.shelf("writing").put("text", "score")
    cache.commit()
    assert Cache.at(tmp_path).shelf("writing").get("text") == "score"
    for changed in ("code_digest", "library_versions"):
        with monkeypatch.context() as patch:
            patch.setattr(cache_module, changed, lambda: "other")
            assert Cache.at(tmp_path).shelf("writing").get("text") is None, changed
    assert "weasyprint=" in format_of("x") and "mkdocs-material=" in format_of("x")


def test_the_code_digest_takes_every_file_of_the_package(tmp_path: Path) -> None:
    """Every module and template, wherever the cache module lives; compiled files are left
    out (they appear when a module is first imported)."""
    import courant

    assert Path(courant.__file__).resolve().parent == cache_module.PACKAGE
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "mail.html").write_text("a")
    before = cache_module.folder_digest(tmp_path)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert cache_module.folder_digest(tmp_path) == before
    (tmp_path / "render" / "mail.html").write_text("b")
    assert cache_module.folder_digest(tmp_path) != before


def test_only_what_a_run_used_is_kept_and_only_at_commit(tmp_path: Path) -> None:
    cache = Cache.at(tmp_path)
    shelf = cache.shelf("a11y")
    shelf.put("old", 1)
    shelf.put("gone", 2)
    cache.commit()
    again = Cache.at(tmp_path)
    assert again.shelf("a11y").get("old") == 1
    again.shelf("a11y").put("new", 3)
    assert Cache.at(tmp_path).shelf("a11y").get("new") is None  # not before commit()
    again.commit()
    last = Cache.at(tmp_path).shelf("a11y")
    assert (last.get("old"), last.get("gone"), last.get("new")) == (1, None, 3)


def test_a_shelf_no_one_asked_for_keeps_its_file(tmp_path: Path) -> None:
    cache = Cache.at(tmp_path)
    cache.shelf("mail").put("m", 1)
    cache.commit()
    other = Cache.at(tmp_path)
    other.shelf("mail")  # read, not asked anything
    other.shelf("sources").put("s", 2)
    other.commit()
    assert Cache.at(tmp_path).shelf("mail").get("m") == 1


def test_a_second_process_hands_its_writes_to_the_parent(tmp_path: Path) -> None:
    child = Cache.at(tmp_path)
    child.shelf("pages-public").put("index.md", "record")
    pending = child.pending()
    assert list(pending) == ["pages-public.pickle"]
    assert not (tmp_path / ".cache").exists()
    parent = Cache.at(tmp_path)
    parent.adopt(pending)
    parent.commit()
    assert Cache.at(tmp_path).shelf("pages-public").get("index.md") == "record"


def test_off_reads_and_writes_nothing(tmp_path: Path) -> None:
    cache = Cache.at(tmp_path)
    cache.shelf("writing").put("text", "score")
    cache.commit()
    off = Cache.off()
    assert off.shelf("writing").get("text") is None
    off.shelf("writing").put("text", "other")
    assert off.pending() == {}
    off.commit()
    assert off.shelf("writing").get("text") is None  # not even in memory, past one run
    assert Cache.at(tmp_path).shelf("writing").get("text") == "score"


def test_memo_calls_the_function_once_per_text() -> None:
    calls: list[str] = []
    cache = Cache.memory()
    score = cache.memo("writing", lambda text: calls.append(text) or len(text))
    assert [score("ab"), score("ab"), score("abc")] == [2, 2, 3]
    cache.commit()
    assert score("ab") == 2 and calls == ["ab", "abc"]


def test_a_page_is_reusable_only_while_its_file_is_the_one_written(tmp_path: Path) -> None:
    site = tmp_path / "dist" / "intranet"
    (site / "x").mkdir(parents=True)
    data = b"<html>x</html>"
    (site / "x" / "index.html").write_bytes(data)
    record = PageRecord("key", "x/index.html", {}, "X", [], len(data),
                        cache_module.checksum(data))
    cache = Cache.at(tmp_path)
    cache.pages("intranet", site).keep("x.md", record)
    cache.commit()
    store = Cache.at(tmp_path).pages("intranet", site)
    assert store.reusable("x.md", "key") == record
    assert store.reusable("x.md", "other key") is None
    (site / "x" / "index.html").write_bytes(data.replace(b"x<", b"y<"))  # same size
    assert store.reusable("x.md", "key") is None
    assert Cache.off().pages("intranet", site).reusable("x.md", "key") is None


def test_a_local_shelf_lets_go_of_what_no_run_used_for_a_while() -> None:
    """Cache.checked's and Cache.remembered's shelf keeps what a run used, and lets go of
    an entry no run used for Local.SWEEP runs (at the sweep after), as a Shelf does at once."""
    shelf: Local[str] = Local()
    shelf.put("used", "a")
    shelf.put("left", "b")
    for _ in range(3 * Local.SWEEP):
        assert shelf.get("used") == "a"
        shelf.roll()
    assert shelf.get("left") is None
    assert shelf.get("used") == "a"
    shelf.roll(remember=False)  # the cache is off: nothing is kept
    assert shelf.get("used") is None


def test_a_result_is_kept_without_what_it_shares_with_its_source(demo: Path) -> None:
    """The checks of one source kept on disk (Cache._checked_on_disk): an Item holds its
    source's body and path, which are kept once, on the shelf `sources`."""
    from courant.problems import Problems
    from courant.read.files import read_sources
    from courant.read.validate import validate_item

    sources = read_sources(demo, Problems())
    raw = max(sources.items, key=lambda raw: len(raw.body))
    item = validate_item(demo, raw, {"wi": "Werk en Inkomen"}, Problems())
    assert item is not None and item.body is raw.body and item.source is raw.path
    data = cache_module._pickled_beside((item, ()), raw)
    assert len(data) < len(raw.body) < len(pickle.dumps(item))
    again = read_sources(demo, Problems())  # the next run: its own objects
    twin = next(other for other in again.items if other.path == raw.path)
    back, problems = cache_module._unpickled_beside(data, twin)
    assert back == item and problems == ()
    assert back.body is twin.body and back.source is twin.path
    assert cache_module._unpickled_beside(data.replace(b"body", b"bodx"), twin) is None
