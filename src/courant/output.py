"""The one writer: everything goes into a staging folder, swapped into dist/ only on success.

MkDocs empties its site folder before it builds, and a build can fail halfway; building into
staging means a failed build leaves the previous dist/ exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
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

    def folders_ahead(self, relative: str) -> FoldersAhead:
        """Start making, beside the caller's work, the folders dist/<relative> has (a
        rebuild's output has nearly the same ones, and a mkdir is slow on some file systems).
        The engine must then not empty the folder first; call `tidy()` when it is done."""
        return FoldersAhead(self.dist / relative, self.folder(relative))

    def settle(self, relative: str = "") -> None:
        """Files below `relative` whose bytes equal the file at their place in dist/ get that
        file's mtime, so nginx's ETag and Last-Modified stay the same for feed readers and
        calendar clients while nothing changed. Call it from the part of the build that
        filled the folder, before anything records the files' times."""
        keep_times(self.root / relative, self.dist / relative)

    def commit(self) -> None:
        """Swap staging into dist/; the old dist/ is removed only after the swap. Files
        written here (`write`) whose bytes did not change keep their time (`settle`)."""
        for relative in self._written:
            _keep_time(self.root / relative, self.dist / relative)
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


def keep_times(new: Path, old: Path) -> None:
    """Every file below `new` whose bytes equal its counterpart below `old` takes its mtime."""
    if not old.is_dir():
        return
    for folder, _subfolders, names in os.walk(new):
        counterpart = old / os.path.relpath(folder, new)
        for name in names:
            _keep_time(Path(folder, name), counterpart / name)


def _keep_time(new: Path, old: Path) -> None:
    try:
        was, now = old.stat(), new.stat()
    except OSError:
        return
    if (was.st_ino, was.st_dev) == (now.st_ino, now.st_dev):
        return  # a reused file, hard-linked: it is the old file
    if was.st_size == now.st_size and was.st_mtime_ns != now.st_mtime_ns and _same_bytes(
            new, old):
        os.utime(new, ns=(now.st_atime_ns, was.st_mtime_ns))


def _same_bytes(one: Path, other: Path, chunk: int = 1 << 20) -> bool:
    with one.open("rb") as first, other.open("rb") as second:
        while True:
            block = first.read(chunk)
            if block != second.read(chunk):
                return False
            if not block:
                return True


class FoldersAhead:
    """A thread that makes the folders of `like` below `target`, parents first."""

    def __init__(self, like: Path, target: Path) -> None:
        self.like, self.target = like, target
        self.made: list[Path] = []
        self._thread = threading.Thread(target=self._make, daemon=True)
        self._thread.start()

    def _make(self) -> None:
        with contextlib.suppress(FileExistsError):
            self.target.mkdir(parents=True)
        for folder, _subfolders, _names in os.walk(self.like):
            relative = os.path.relpath(folder, self.like)
            if relative == ".":
                continue
            path = self.target / relative
            with contextlib.suppress(FileExistsError):
                path.mkdir()
            self.made.append(path)

    def tidy(self) -> None:
        """Wait for the thread; remove the folders made ahead that the build left empty (a
        clean build has none), deepest first."""
        self._thread.join()
        for path in reversed(self.made):
            with contextlib.suppress(OSError):
                path.rmdir()
