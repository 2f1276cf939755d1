"""The one writer: everything goes into a staging folder, swapped into dist/ only on success.

MkDocs empties its site folder before it builds, and a build can fail halfway; building into
staging means a failed build leaves the previous dist/ exactly as it was.

- The staging folder (`.dist-staging-<pid>-<random>`) lies beside dist/, on the same file
  system, and its build holds a lock on it (flock) as long as it runs: a killed build's lock
  goes with its process, so the next build removes the folders no running build holds, and
  copies of an old dist/ (`.dist-old-*`) left by a build killed while it removed them.
- When dist/ is a symbolic link (to a web root), the link stays: the build is made beside the
  folder it points to and swapped there.
- The swap is one rename(2) with RENAME_EXCHANGE where the system has it (dist/ is never
  missing, not even for a moment), else two renames; either way with signals held off
  (stopping.unstoppable), so SIGTERM never leaves half of it.
- Folders are made as mkdir makes them, so the umask decides who may read dist/ (a web server
  running as another user).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from courant.build.oserrors import SystemFault
from courant.build.stopping import unstoppable


class OutputError(Exception):
    """Two parts of the build wanted to write the same file."""


class Folders:
    """The folders of a staging folder that parts of the build fill, possibly from another
    process (what a `Staging` hands to its second process: it pickles)."""

    def __init__(self, dist: Path, root: Path) -> None:
        self.dist, self.root = dist, root

    def folder(self, relative: str) -> Path:
        """A folder a site engine may fill (it owns it: it is emptied by the engine)."""
        return self.root / relative

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


class Staging(Folders):
    """A staging folder beside dist/ (same file system, so the swap is a rename)."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist
        self.place = real_place(dist)
        self.place.parent.mkdir(parents=True, exist_ok=True)
        refuse_mount_point(self.place, dist)
        remove_stale(self.place)
        root, self._lock = _locked_folder(self.place, "staging")
        super().__init__(dist, root)
        self._written: set[str] = set()

    def part(self) -> Folders:
        """Its folders, for the build's second process (the lock and the swap stay here)."""
        return Folders(self.dist, self.root)

    def write(self, relative: str, data: bytes | str) -> Path:
        """Write one file; a second write to the same path is a bug, not an overwrite."""
        if relative in self._written:
            raise OutputError(f"{relative} wordt twee keer geschreven")
        self._written.add(relative)
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def commit(self) -> None:
        """Swap staging into dist/; the old dist/ is removed only after the swap. Files
        written here (`write`) whose bytes did not change keep their time (`settle`)."""
        for relative in self._written:
            _keep_time(self.root / relative, self.dist / relative)
        with unstoppable():
            old = _swap(self.root, self.place)
            self._unlock()
            if old is not None:
                remove_tree(old)

    def discard(self) -> None:
        with unstoppable():
            remove_tree(self.root)
            self._unlock()

    def _unlock(self) -> None:
        if self._lock >= 0:
            os.close(self._lock)  # closing the descriptor ends the flock
            self._lock = -1

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is not None:
            self.discard()
            return
        try:
            self.commit()
        except BaseException:  # dist/ could not be replaced: it stays, staging goes
            self.discard()
            raise


def real_place(dist: Path) -> Path:
    """Where dist/ really is: the folder a symbolic link points to (which may not exist yet),
    else dist/ itself."""
    return Path(os.path.realpath(dist)) if dist.is_symlink() else dist


def refuse_mount_point(place: Path, dist: Path) -> None:
    """A mount point cannot be renamed, so a build there could never be swapped in: say so
    before building."""
    if os.path.ismount(place):
        shown = f"{dist} (naar {place})" if place != dist else str(dist)
        raise SystemFault(
            f"{shown} is een koppelpunt (mount point): courant vervangt die map in zijn geheel "
            "en dat kan daar niet. Koppel de schijf een map hoger, of maak van dist/ een "
            "symbolische koppeling naar een map óp die schijf (zie docs/hosting.md)")


def _locked_folder(place: Path, kind: str) -> tuple[Path, int]:
    """A new folder `.<name>-<kind>-<pid>-<random>` beside `place`, made as mkdir makes it
    (the umask applies), locked by this process until the descriptor is closed."""
    while True:
        folder = place.with_name(f".{place.name}-{kind}-{os.getpid()}-{secrets.token_hex(4)}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder, _lock(folder)


def _lock(folder: Path) -> int:
    """An exclusive flock on `folder` (BlockingIOError when another process holds it)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        raise
    return handle


def remove_stale(place: Path) -> None:
    """Remove the staging folders and old copies beside `place` that no running build holds
    (a build killed with kill -9 leaves them)."""
    prefixes = (f".{place.name}-staging-", f".{place.name}-old-")
    try:
        names = [name for name in os.listdir(place.parent) if name.startswith(prefixes)]
    except OSError:
        return
    for name in names:
        folder = place.parent / name
        try:
            handle = _lock(folder)
        except OSError:
            continue  # a running build's, or not a folder of ours
        try:
            remove_tree(folder)
        finally:
            os.close(handle)


def remove_tree(folder: Path) -> None:
    """Remove `folder` and everything in it, also below folders without write or read
    permission (made so, then removed on a second pass); what still cannot be removed stays
    for the next build to try again."""

    def permit(_function: Any, path: str, _error: Any) -> None:
        for target in (os.path.dirname(path), path):
            if os.path.isdir(target) and not os.path.islink(target):
                with contextlib.suppress(OSError):
                    os.chmod(target, 0o700)

    shutil.rmtree(folder, onerror=permit)
    if os.path.lexists(folder):
        shutil.rmtree(folder, ignore_errors=True)


def _swap(new: Path, place: Path) -> Path | None:
    """Put `new` at `place`; the folder that was there (now elsewhere, to be removed), if any."""
    if not place.exists():
        new.rename(place)
        return None
    if place.is_dir() and not place.is_symlink() and _exchange(new, place):
        return new  # the old dist/ is at the staging folder's name now
    old = place.with_name(f".{place.name}-old-{os.getpid()}-{secrets.token_hex(4)}")
    place.rename(old)
    try:
        new.rename(place)
    except OSError:
        old.rename(place)  # put the old one back: dist/ stays as it was
        raise
    return old


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(one: Path, other: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 with RENAME_EXCHANGE); False where the
    C library or the file system does not offer it."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


_LIBC = _libc()


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
