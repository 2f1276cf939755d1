"""Work kept between runs in .cache/courant/, one pickle per kind: only ever a speed-up.

A file that cannot be read, or was written by other code (its `format` differs), counts as
empty; one that cannot be written is skipped. Entries are keyed by what made them (a text's
bytes), never by file times.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

_UNREADABLE = (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
               TypeError, ValueError)


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def load(index: Path | None, format: str) -> dict[str, Any]:
    """The entries stored at `index` by code of the same `format`, else none."""
    if index is None or not index.is_file():
        return {}
    try:
        with index.open("rb") as stream:
            data = pickle.load(stream)
    except _UNREADABLE:
        return {}
    ok = isinstance(data, dict) and data.get("format") == format
    entries: dict[str, Any] = data["entries"] if ok else {}
    return entries


def store(index: Path | None, format: str, entries: dict[str, Any]) -> None:
    """Replace the file at `index` in one step, so a reader never sees half of it."""
    if index is None:
        return
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        partial = index.with_suffix(".tmp")
        with partial.open("wb") as stream:
            pickle.dump({"format": format, "entries": entries}, stream,
                        protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(index)
    except OSError:
        pass  # a cache that cannot be written only makes the next run slower
