"""Work kept between runs in .cache/courant/, one file per kind: only ever a speed-up.

Every file says what wrote it and checks itself: a first line naming the layout, a line with
the `format` (the code and library versions that made the entries, codekey.py), a line with
the length and CRC-32 of the rest, then the pickled entries. A file that cannot be read, was
written by other code, or fails its own check (a flipped byte, a file cut short) counts as
empty, so the run rebuilds what it held, exactly as a clean run would; one that cannot be
written is skipped. Entries are keyed by what made them (a text's bytes), never by file times.

The check is a CRC, not a signature: it catches damage, not tampering (whoever can write
.cache/ can write the sources too).
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import zlib
from pathlib import Path
from typing import Any

LAYOUT = b"courant-cache-2\n"


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def checksum(data: bytes) -> int:
    """The CRC-32 courant keeps beside stored bytes (cache files, reused pages of dist/)."""
    return zlib.crc32(data)


def encode(format: str, entries: dict[str, Any]) -> bytes:
    """`entries` as the bytes of a cache file of `format`."""
    name = format.replace("\n", " ").encode()
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    seal = f"{len(payload)} {checksum(name + payload):08x}\n".encode()
    return LAYOUT + name + b"\n" + seal + payload


def decode(data: bytes, format: str) -> dict[str, Any] | None:
    """The entries in `data` if it is a whole, undamaged cache file of `format`, else None."""
    name = format.replace("\n", " ").encode()
    head = LAYOUT + name + b"\n"
    if not data.startswith(head):
        return None
    seal, newline, payload = data[len(head):].partition(b"\n")
    try:
        size, crc = seal.split(b" ")
        intact = newline and int(size) == len(payload) and int(crc, 16) == checksum(
            name + payload)
    except ValueError:
        return None
    if not intact:
        return None
    try:
        entries = pickle.loads(payload)
    except Exception:  # intact bytes of other code: this is a cache, so start afresh
        return None
    return entries if isinstance(entries, dict) else None


def load(index: Path | None, format: str) -> dict[str, Any]:
    """The entries stored at `index` by code of the same `format`, else none."""
    if index is None:
        return {}
    try:
        data = index.read_bytes()
    except OSError:
        return {}
    entries = decode(data, format)
    return {} if entries is None else entries


def store(index: Path | None, format: str, entries: dict[str, Any]) -> None:
    """Replace the file at `index` in one step, so a reader never sees half of it."""
    if index is not None and stage(index, format, entries):
        commit(index)


def stage(index: Path, format: str, entries: dict[str, Any]) -> bool:
    """Write the entries beside `index` (`commit` puts them in its place); False when that
    could not be written, which only makes the next run slower."""
    try:
        index.parent.mkdir(parents=True, exist_ok=True)
        staged(index).write_bytes(encode(format, entries))
    except OSError:
        with contextlib.suppress(OSError):
            staged(index).unlink(missing_ok=True)
        return False
    return True


def commit(index: Path) -> None:
    """The entries written by `stage` become the ones at `index`."""
    with contextlib.suppress(OSError):  # nothing staged: the next run starts afresh
        staged(index).replace(index)


def staged(index: Path) -> Path:
    return index.with_suffix(".tmp")
