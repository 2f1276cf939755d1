"""The one writer: everything goes into a staging folder, swapped into dist/ only on success.

MkDocs empties its site folder before it builds, and a build can fail halfway; building into
staging means a failed build leaves the previous dist/ exactly as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from types import TracebackType


class OutputError(Exception):
    """Two parts of the build wanted to write the same file."""


class Staging:
    """A staging folder beside dist/ (same file system, so the swap is two renames)."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        dist.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f".{dist.name}-staging-", dir=dist.parent))
        self._written: set[str] = set()

    def folder(self, relative: str) -> Path:
        """A folder a site engine may fill (it owns it: it is emptied by the engine)."""
        return self.root / relative

    def write(self, relative: str, data: bytes | str) -> Path:
        """Write one file; a second write to the same path is a bug, not an overwrite."""
        if relative in self._written:
            raise OutputError(f"{relative} wordt twee keer geschreven")
        self._written.add(relative)
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def fill(self, folder: str, files: dict[str, bytes]) -> None:
        """Write a folder that one part of the build owns (`folder(...)`), possibly from
        another process: its files go to disk where they are made."""
        root = self.folder(folder)
        for relative, data in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def commit(self) -> None:
        """Swap staging into dist/; the old dist/ is removed only after the swap."""
        old = None
        if self.dist.exists():
            old = self.dist.with_name(f".{self.dist.name}-old-{self.root.name.rsplit('-', 1)[-1]}")
            self.dist.rename(old)
        self.root.rename(self.dist)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()
