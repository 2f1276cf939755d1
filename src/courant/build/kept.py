"""Results of an earlier build kept in .cache/courant/, keyed on what made them (a digest of
the inputs), never on file times: an event's calendar lines, an issue's mail.

Each file is for one `format`: courant's code and the libraries' versions (codekey.py), so a
change to either starts afresh. Only what the last run used is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

from courant.build import diskcache

T = TypeVar("T")


class Kept(Generic[T]):
    """`get` what an earlier run made, `kept[key] = value` what this run made; `save`."""

    def __init__(self, index: Path, format: str) -> None:
        self.index, self.format = index, format
        self.kept: dict[str, T] = diskcache.load(index, format)
        self.used: dict[str, T] = {}

    def get(self, key: str, /) -> T | None:
        value = self.kept.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def __setitem__(self, key: str, value: T, /) -> None:
        self.used[key] = value

    def save(self) -> None:
        if self.used.keys() != self.kept.keys():
            diskcache.store(self.index, self.format, self.used)
