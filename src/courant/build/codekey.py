"""What makes a kept result stale besides its inputs: courant's own code and the versions of
the libraries that made it. Part of the format of each cache in .cache/courant/."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # src/courant: every module, not only build/


@cache
def code_digest() -> str:
    """Every module of courant, by name and bytes."""
    return folder_digest(PACKAGE, "*.py")


def folder_digest(folder: Path, pattern: str = "*") -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        name = path.relative_to(folder).as_posix().encode()
        data = path.read_bytes()
        for part in (name, data):
            hasher.update(len(part).to_bytes(8, "little") + part)
    return hasher.hexdigest()


def cache_format(kind: str, *packages: str) -> str:
    """`kind`, the code digest and the versions of `packages`."""
    versions = " ".join(f"{name}={metadata.version(name)}" for name in packages)
    return f"{kind} {code_digest()} {versions}"
