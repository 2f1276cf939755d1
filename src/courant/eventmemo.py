"""Calendar events serialised by an earlier build, kept in .cache/courant/ (one file per
edition): an unchanged event is not made and serialised by icalendar again.

Keyed on the event itself (render/calendar.py: its every field and the site's address); the
file is for this code only (every module of courant and icalendar's version), so a change to
either starts afresh. Only the events of the last build are kept.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from courant import diskcache
from courant.render.calendar import Block


@cache
def memo_format() -> str:
    hasher = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        hasher.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return f"calendar-events-1 {hasher.hexdigest()} icalendar={metadata.version('icalendar')}"


class EventMemo:
    """What calendar_files asks (`get`) and adds (`memo[key] = block`), for one edition."""

    def __init__(self, index: Path) -> None:
        self.index = index
        self.kept: dict[str, Block] = diskcache.load(index, memo_format())
        self.used: dict[str, Block] = {}

    def get(self, key: str, /) -> Block | None:
        block = self.kept.get(key)
        if block is not None:
            self.used[key] = block
        return block

    def __setitem__(self, key: str, block: Block, /) -> None:
        self.used[key] = block

    def save(self) -> None:
        if self.used.keys() != self.kept.keys():
            diskcache.store(self.index, memo_format(), self.used)
