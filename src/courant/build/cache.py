"""The one cache layer: what courant keeps between runs, where, and when it is stale.

Everything here is only ever a speed-up, applied by the pipeline around pure functions (the
checks' scores and findings, an event's calendar lines, a source as read, a mail, a booklet,
a page of the site engine); the checks, renderers and engines never know it exists. With
`Cache.off()` (`courant build --no-cache`, and `check` and `serve`) nothing is read or
written and the output is the same bytes (tests/build/test_cache_layer.py).

- One folder: FOLDER below the project's root (git-ignored), one file per kind of result (a
  `Shelf`, `<kind>.pickle`).
- One rule for staleness: an entry is found only by a digest of its inputs (a text's bytes,
  an event's every field, a source's path and bytes), never by file times (one exception,
  `tree_digest`: a photo's place in the key of the whole check is its inode, size and times
  of change, as git's index has it, for reading every photo of ten years costs more than
  the check); and a file holds
  entries only for the `format` that wrote it: its kind, a digest of courant's code (every
  file of the package) and the versions of every library courant runs. A change to any of
  them starts that file afresh.
- Every file checks itself (layout, format, length, CRC-32 of the rest): a damaged one counts
  as empty, one that cannot be written is skipped.
- Only what a run used is kept, and nothing is written until `commit()`: the pipeline commits
  after dist/ is swapped, and the second process of a build hands its writes back
  (`pending()`) for the parent to commit (`adopt()`).

The check is a CRC, not a signature: it catches damage, not tampering (whoever can write
.cache/ can write the sources too).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import re
import tempfile
import zlib
from collections.abc import Callable, Hashable
from datetime import datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from courant.audience import Remember, make_now
from courant.model import Kind
from courant.problems import Problem, Problems
from courant.read.files import RawSource, Walk, Walked, read_markdown, walk

if TYPE_CHECKING:  # the engines' package loads the configuration's: not for a second process
    from courant.engine import PageRecord

T = TypeVar("T")

FOLDER = Path(".cache") / "courant"
"""Where a project's cache lives, below its root: the only place this is spelled out."""

LAYOUT = b"courant-cache-3\n"
PACKAGE = Path(__file__).resolve().parents[1]  # src/courant: every module, not only build/
ENGINES = ("properdocs",)  # engines courant can run that it does not require


# --- the rule for staleness --------------------------------------------------------------

def digest(*parts: str | bytes) -> str:
    """A digest of `parts`, each told apart from the next (by its length)."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def folder_digest(folder: Path) -> str:
    """Every file below `folder`, by name and bytes (compiled Python left out: it follows
    from the sources, and is written when a module is first imported)."""
    parts: list[str | bytes] = []
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def tree_digest(folder: Path, by_bytes: Callable[[str], bool]) -> str | None:
    """Every entry below `folder` by its path and, for the files whose name `by_bytes`
    accepts, its bytes; for the others their inode, size and times of change (any write
    changes the ctime, which no program can set back). None when the folder is not there
    as a folder, or holds a symbolic link or a file that cannot be read: the caller then
    does without a key."""
    parts: list[str | bytes] = []
    pending = [str(folder)]
    start = len(str(folder)) + 1
    try:
        if not folder.is_dir() or folder.is_symlink():
            return None
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_symlink():
                        return None
                    parts.append(entry.path[start:])
                    if entry.is_dir():
                        pending.append(entry.path)
                    elif by_bytes(entry.name):
                        with open(entry.path, "rb") as file:
                            parts.append(file.read())
                    else:
                        info = entry.stat()
                        parts.append(f"{info.st_ino} {info.st_size} {info.st_mtime_ns} "
                                     f"{info.st_ctime_ns}")
    except (OSError, ValueError):
        return None
    return digest(*parts)


@cache
def code_digest() -> str:
    """courant's own code: every module and template of the package."""
    return folder_digest(PACKAGE)


@cache
def library_versions() -> str:
    """The version of every library courant runs (its requirements, and the engines it can
    use instead of MkDocs when they are installed)."""
    try:
        required = [re.match(r"[A-Za-z0-9._-]+", spec).group(0)  # type: ignore[union-attr]
                    for spec in metadata.requires("courant") or () if "extra ==" not in spec]
    except metadata.PackageNotFoundError:  # run from the sources without installing
        required = ["mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2"]
    found = []
    for name in sorted({*required, *ENGINES}):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


def format_of(kind: str) -> str:
    """What a file of `kind` must have been written by to be read: the rule for staleness."""
    return f"{kind} {code_digest()} {library_versions()}"


def checksum(data: bytes) -> int:
    """The CRC-32 courant keeps beside stored bytes (cache files, reused pages of dist/)."""
    return zlib.crc32(data)


# --- files that check themselves --------------------------------------------------------

def encode(format: str, entries: dict[Hashable, Any]) -> bytes:
    """`entries` as the bytes of a cache file of `format`."""
    name = format.replace("\n", " ").encode()
    payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    seal = f"{len(payload)} {checksum(name + payload):08x}\n".encode()
    return LAYOUT + name + b"\n" + seal + payload


def decode(data: bytes, format: str) -> dict[Hashable, Any] | None:
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


def read_file(path: Path, format: str) -> dict[Hashable, Any]:
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    entries = decode(data, format)
    return {} if entries is None else entries


def write_file(path: Path, data: bytes) -> None:
    """Replace the file at `path` in one step, so a reader never sees half of it; a file
    that cannot be written only makes the next run slower."""
    staged = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(data)
        staged.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)


# --- the store ---------------------------------------------------------------------------

class Shelf(Generic[T]):
    """One kind of result: what the last run kept (`earlier`), and what this run used or
    made (`get`, `put`), which is all the next run finds."""

    def __init__(self, kind: str, kept: dict[Hashable, T]) -> None:
        self.kind, self.format = kind, format_of(kind)
        self.kept = kept
        self.used: dict[Hashable, T] = {}
        self.changed = False
        self.active = False  # used in this run (a shelf no one asked for keeps its file)

    def get(self, key: Hashable) -> T | None:
        self.active = True
        value = self.used.get(key)
        if value is None:
            value = self.kept.get(key)
            if value is not None:
                self.used[key] = value
        return value

    def earlier(self, key: Hashable) -> T | None:
        """What the last run kept under `key`, not counted as used."""
        self.active = True
        return self.kept.get(key)

    def put(self, key: Hashable, value: T) -> None:
        self.used[key] = value
        self.changed = self.active = True

    def keep(self, key: Hashable, value: T) -> None:
        """`put`, which changes the file only when the last run kept another value."""
        kept = self.kept.get(key)
        if kept is value or kept == value:
            self.used[key] = value
            self.active = True
        else:
            self.put(key, value)

    def dirty(self) -> bool:
        return self.active and (self.changed or self.used.keys() != self.kept.keys())

    def roll(self, remember: bool = True) -> None:
        """This run is done: what it used is what the next run finds (`remember`), or
        nothing is (the cache is off)."""
        if remember and self.active:
            self.kept = self.used
        self.used, self.changed, self.active = {}, False, False


class Local(Generic[T]):
    """A shelf of this process only (`Cache.checked`, `Cache.remembered`): one dict, each
    entry marked with the last run that used it. A lookup is one look in the dict (a Shelf
    takes three, and makes its dict of what a run used anew, which after a save at 10,000
    items means 80,000 keys put in and as many let go); an entry no run used for SWEEP runs
    goes at the next sweep, every SWEEP runs."""

    SWEEP = 8

    def __init__(self) -> None:
        self.entries: dict[Hashable, list[Any]] = {}
        self.run = 0

    def get(self, key: Hashable) -> T | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        entry[0] = self.run
        return entry[1]  # type: ignore[no-any-return]

    def put(self, key: Hashable, value: T) -> None:
        self.entries[key] = [self.run, value]

    def roll(self, remember: bool = True) -> None:
        self.run += 1
        if not remember:
            self.entries = {}
        elif self.run % self.SWEEP == 0:
            recent = self.run - self.SWEEP
            self.entries = {key: entry for key, entry in self.entries.items()
                            if entry[0] >= recent}


class Cache:
    """A project's cache: `Cache.at(root)` on disk, `Cache.memory()` kept in this process
    only (the preview's pages between edits), `Cache.off()` nothing kept past one run."""

    def __init__(self, folder: Path | None, remember: bool = True, again: bool = False) -> None:
        self.folder, self.remember = folder, remember
        self.again = again  # this process builds again (the preview): `checked` keeps results
        self.shelves: dict[str, Shelf[Any]] = {}
        self.local: dict[str, Local[Any]] = {}  # in this process only (`checked`, `remembered`)
        self.seen: dict[tuple[Kind | None, Path], tuple[tuple[int, int, int, int], str]] = {}
        # ^ `sources`, `again`: each file's state and key when it was last read
        self.walks: dict[tuple[str, tuple[str, ...]], Walked] = {}  # `walker`, `again`
        self.read_as: dict[int, tuple[RawSource, str]] = {}  # `sources`: each one's key
        self.adopted: dict[str, bytes] = {}
        self.runs = 0  # committed so far: a process that builds again has after its first

    def __getstate__(self) -> tuple[Path | None, bool]:
        """To another process a cache goes as its place: it reads its own shelves there and
        hands its writes back (`pending`)."""
        return self.folder, self.remember

    def __setstate__(self, state: tuple[Path | None, bool]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @classmethod
    def at(cls, root: Path, again: bool = False) -> Cache:
        """The cache on disk; `again`: for a process that builds again and again (the
        preview), which keeps the checks of one file between its builds too (`checked`)."""
        return cls(root / FOLDER, again=again)

    @classmethod
    def memory(cls) -> Cache:
        return cls(None, again=True)

    @classmethod
    def off(cls) -> Cache:
        return cls(None, remember=False)

    def shelf(self, kind: str) -> Shelf[Any]:
        """The shelf of `kind` (a file name: letters, digits and '-'), read on first use."""
        found = self.shelves.get(kind)
        if found is None:
            kept = read_file(self.folder / f"{kind}.pickle", format_of(kind)) \
                if self.folder is not None else {}
            found = self.shelves[kind] = Shelf(kind, kept)
        return found

    def memo(self, kind: str, function: Callable[[str], T]) -> Callable[[str], T]:
        """`function` of a text, its results kept on the shelf `kind` by the text's bytes."""
        return self.kept(kind, function, lambda text: text)

    def kept(self, kind: str, function: Callable[..., T],
             inputs: Callable[..., str]) -> Callable[..., T]:
        """`function`, its results kept on the shelf `kind` by a digest of `inputs` (of the
        same arguments): all that the result depends on."""
        shelf = self.shelf(kind)

        def remembered(*args: Any) -> T:
            key = digest(inputs(*args))
            found: T | None = shelf.get(key)
            if found is None:
                found = function(*args)
                shelf.put(key, found)
            return found
        return remembered

    def lasting(self, kind: str, key: str, now: datetime,
                make: Callable[[], tuple[T, datetime | None]]) -> T:
        """The first of `make()`'s results, kept on the shelf `kind` by `key` (a digest of
        every input but the time) for as long as it holds: from `now` when it was made to
        the moment its second result names (None: for good), the next moment at which the
        time alone changes it. One entry: the latest."""
        shelf = self.shelf(kind)
        entry: tuple[T, datetime, datetime | None] | None = shelf.earlier(key)
        if entry is not None and entry[1] <= now and (entry[2] is None or now < entry[2]):
            shelf.keep(key, entry)
            return entry[0]
        value, until = make()
        shelf.put(key, (value, now, until))
        return value

    def pages(self, site: str, previous: Path | None) -> PageShelf:
        """The pages of `site`'s last build (their files in `previous`), for an engine."""
        return PageShelf(self, self.shelf(f"pages-{site}"), previous)

    def files(self, kind: str, folder: Path | None,
              make: Callable[[Path, str], dict[str, bytes]]) -> Callable[[Path, str],
                                                                       dict[str, bytes]]:
        """`make(source, address)`, whose files (by address) the last build wrote below
        `folder` (the previous dist/<site>): the shelf `kind` records each file's size and
        CRC-32 by the source's bytes and address, and while the files in `folder` still have
        them they are read back instead of made again (an image re-encoded without its
        metadata, at every width it is shown)."""
        shelf = self.shelf(kind)

        def made(source: Path, address: str) -> dict[str, bytes]:
            key = digest(address, source.read_bytes())
            record: dict[str, tuple[int, int]] | None = shelf.get(key)
            if record is not None and folder is not None:
                found = _read_back(folder, record)
                if found is not None:
                    return found
            files = make(source, address)
            shelf.put(key, {name: (len(data), checksum(data)) for name, data in files.items()})
            return files
        return made

    def sources(self) -> Callable[[Path, Path, Kind | None, Problems], RawSource | None]:
        """read.files.read_markdown, with the files whose path, kind and bytes were read
        before taken from the shelf `sources` (with the problems reading them gave). In a
        process that builds `again`, a file whose inode, size and times of change are the
        ones it had when it was last read is not read again (`settled`): after a save the
        preview reads the saved file, not ten years of them."""
        shelf = self.shelf("sources")
        seen, self.seen = self.seen, {}
        self.read_as = {}
        now = file_clock() if self.again else 0

        def read(root: Path, path: Path, kind: Kind | None,
                 problems: Problems) -> RawSource | None:
            name, state = (kind, path), settled(path, now) if self.again else None
            known = seen.get(name) if state is not None else None
            key = known[1] if known is not None and known[0] == state else \
                digest(str(kind), path.relative_to(root).as_posix(), path.read_bytes())
            if state is not None:
                self.seen[name] = (state, key)
            entry: tuple[RawSource, tuple[Problem, ...]] | None = shelf.get(key)
            if entry is None:
                found = Problems()
                raw = read_markdown(root, path, kind, found)
                problems.extend(found.found)
                if raw is not None:  # else not kept: read (and reported) again next time
                    shelf.put(key, (raw, tuple(found.found)))
                    self.read_as[id(raw)] = (raw, key)
                return raw
            if entry[1]:
                problems.extend(entry[1])
            self.read_as[id(entry[0])] = (entry[0], key)
            return entry[0]
        return read

    def walker(self) -> Walk:
        """read.files.walk, which in a process that builds `again` lists a folder again
        only when a folder below it changed (a file added, removed or renamed changes its
        folder's times) or it holds a symbolic link (whose target may change unseen): after a
        save the preview looks at the folders instead of listing ten years of files."""
        if not self.again:
            return walk

        now = file_clock()

        def state(folder: str) -> tuple[int, int, int, int] | None:
            return settled(folder, now)

        def walked(base: Path, skip: tuple[str, ...]) -> Walked:
            key = (str(base), skip)
            found = self.walks.get(key)
            if found is not None and not found.links and all(
                    kept is not None and state(folder) == kept
                    for folder, kept in found.folders):
                return found
            found = self.walks[key] = walk(base, skip, state)
            return found
        return walked

    def checked(self, kind: str, check: Callable[..., T], inputs: Callable[..., object],
                held: Callable[..., tuple[object, ...]] = lambda first, *_: (first,)
                ) -> Callable[..., T]:
        """`check(*args, problems)` of one source (read.validate.validate_item, one file's
        partner check, an item's writing check), its result and the problems it added kept on
        the shelf `kind` in this process only, found by the identity of each object of
        `held(*args)` (the RawSource; the Item made of it and the RawSource) and by
        `inputs(*args)`: all else the check reads (read.validate's item_inputs). The shelf
        `sources` hands back the same RawSource while a file's bytes are unchanged, and this
        memo the same Item made of it, so after a save the preview checks again only the
        files that changed, or whose `inputs` did. Never written to disk; an entry holds its
        objects, so no other object can take their identity while the entry lasts. Only in a
        process that builds `again`; in a one-off run the checks of a source alone (`held`
        is its RawSource) are kept on disk instead (`_checked_on_disk`), and the others are
        `check` itself."""
        if not self.again:
            return self._checked_on_disk(kind, check, inputs, held) \
                if self.folder is not None else check
        shelf = self._local(kind)

        def checked_one(*args: Any) -> T:
            *given, problems = args
            objects, said = held(*given), inputs(*given)
            entry: tuple[object, T, tuple[Problem, ...]] | None = _recalled(shelf, objects, ())
            if entry is not None and entry[0] == said:
                if entry[2]:
                    problems.extend(entry[2])
                return entry[1]
            found = Problems()
            result = check(*given, found)
            problems.extend(found.found)
            _keep(shelf, objects, (), (said, result, tuple(found.found)))
            return result
        return checked_one

    def _checked_on_disk(self, kind: str, check: Callable[..., T],
                         inputs: Callable[..., object],
                         held: Callable[..., tuple[object, ...]]) -> Callable[..., T]:
        """`checked` for a one-off run (`courant check` after an edit, a build): the result
        and problems of a check of one source, kept on the shelf `kind` by the source's own
        key on the shelf `sources` (its kind, path and bytes) and the repr of `inputs`, so
        that only the files that changed are checked again. For a check that reads more than
        a source (`held` is more than a RawSource of this run), `check` itself. An entry is
        kept as bytes, with what the result shares with its source (an Item's body and path)
        as references to it (`_pickled_beside`)."""
        shelf = self.shelf(kind)

        def checked_one(*args: Any) -> T:
            *given, problems = args
            objects = held(*given)
            known = self.read_as.get(id(objects[0])) if len(objects) == 1 else None
            if known is None or known[0] is not objects[0]:
                return check(*args)
            source, key = known[0], digest(known[1], repr(inputs(*given)))
            data: bytes | None = shelf.get(key)
            entry: tuple[T, tuple[Problem, ...]] | None = None \
                if data is None else _unpickled_beside(data, source)
            if entry is None:
                found = Problems()
                entry = (check(*given, found), tuple(found.found))
                shelf.put(key, _pickled_beside(entry, source))
            problems.extend(entry[1])
            return entry[0]
        return checked_one

    def remembered(self) -> Remember:
        """The renderers' memo (audience.Remember, handed to them on the edition they render):
        in a process that builds `again`, what a renderer made of the same objects and key
        is kept for the next build, in this process only, as `checked` keeps the checks; in
        any other, nothing is (make_now)."""
        if not self.again:
            return make_now

        def remember(kind: str, held: tuple[object, ...], key: Hashable,
                     make: Callable[[], T]) -> T:
            shelf = self._local(kind)
            entry: tuple[T] | None = _recalled(shelf, held, key)
            if entry is None:
                entry = (make(),)
                _keep(shelf, held, key, entry)
            return entry[0]
        return remember

    def _local(self, kind: str) -> Local[Any]:
        """The shelf `kind` of this process only (never written to disk)."""
        shelf = self.local.get(kind)
        if shelf is None:
            shelf = self.local[kind] = Local()
        return shelf

    def pending(self) -> dict[str, bytes]:
        """The files this run would write (a second process hands them to its parent)."""
        if self.folder is None:
            return {}
        files = dict(self.adopted)
        files.update((f"{kind}.pickle", encode(shelf.format, shelf.used))
                     for kind, shelf in self.shelves.items() if shelf.dirty())
        return files

    def adopt(self, files: dict[str, bytes]) -> None:
        """Files another process made for this cache, written at this one's `commit()`."""
        self.adopted.update(files)

    def commit(self) -> None:
        """Write what this run changed; what it used is what the next run (or the next edit
        in the preview) finds."""
        if self.folder is not None:
            for name, data in self.pending().items():
                write_file(self.folder / name, data)
        self.adopted = {}
        self.runs += 1
        for shelf in self.shelves.values():
            shelf.roll(self.remember)
        for local in self.local.values():
            local.roll(self.remember)


SHARED = ("body", "path", "meta")
"""What a check's result may hold of its source itself (an Item its body and path)."""


class _Beside(pickle.Pickler):
    """Pickles what `source` holds itself (SHARED) as a reference to it."""

    def __init__(self, file: io.BytesIO, source: RawSource) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = {id(getattr(source, name)): name for name in SHARED}

    def persistent_id(self, obj: object) -> str | None:
        return self.shared.get(id(obj))


def _pickled_beside(value: object, source: RawSource) -> bytes:
    """`value` as bytes, with what it shares with `source` left out: 10,000 Items kept this
    way are a tenth of the bytes (their bodies are on the shelf `sources` already), read in
    a fraction of the time."""
    file = io.BytesIO()
    _Beside(file, source).dump(value)
    return file.getvalue()


def _unpickled_beside(data: bytes, source: RawSource) -> Any:
    """What _pickled_beside kept, with `source`'s own parts in their places; None when the
    bytes do not load (the entry is made again)."""
    try:
        return _Back(io.BytesIO(data), source).load()
    except Exception:  # a cache: made again
        return None


class _Back(pickle.Unpickler):
    """Loads what _Beside pickled, with `source`'s own parts in their places."""

    def __init__(self, file: io.BytesIO, source: RawSource) -> None:
        super().__init__(file)
        self.source = source

    def persistent_load(self, pid: Any) -> Any:
        if pid not in SHARED:
            raise pickle.UnpicklingError(f"no part {pid!r} of a source")
        return getattr(self.source, pid)


RACY_NS = 2_000_000_000
"""How long ago a file must have changed for its inode, size and times to stand for its bytes:
a write in the same tick of a coarse clock (two seconds on FAT) leaves them as they were."""


def settled(path: Path | str, now: int) -> tuple[int, int, int, int] | None:
    """The inode, size and times of change of the file (or folder) at `path`, if it last
    changed at least RACY_NS before `now` (file_clock): as git's index has it, a file changed
    since is "racy" and is read whatever its times say. Any write changes the ctime, and no
    program can set it back. None for a file that changed since, or cannot be looked at."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    if now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


_STAMP: list[int] = []  # the descriptor of this process's nameless file for file_clock


def file_clock() -> int:
    """Now, by the clock that stamps files: the time a file of this process's own gets when
    it is written. Not the wall clock, which can be set apart from it (faketime does, in the
    tests, and fakes os.utime's "now" too) while a write gets the kernel's time. The file has
    no name (an unlinked temporary file), so nothing is left behind, whatever ends the
    process."""
    if not _STAMP:
        handle, name = tempfile.mkstemp(prefix="courant-clock-")
        os.unlink(name)
        _STAMP.append(handle)
    os.pwrite(_STAMP[0], b"0", 0)
    return os.fstat(_STAMP[0]).st_mtime_ns


def _recalled(shelf: Local[Any], held: tuple[object, ...], key: Hashable) -> Any:
    """What `shelf` keeps for `key` with these very objects (`held`), or None. An entry is
    found by their identities, and holds them: two objects alive at once never share an
    identity, so the objects an entry is found by are the ones it was kept for."""
    entry = shelf.get((key, *map(id, held)))
    return None if entry is None else entry[1]


def _keep(shelf: Local[Any], held: tuple[object, ...], key: Hashable, value: Any) -> None:
    shelf.put((key, *map(id, held)), (held, value))


def _read_back(folder: Path, record: dict[str, tuple[int, int]]) -> dict[str, bytes] | None:
    """The files of `record` below `folder`, if each still has its size and CRC-32."""
    found = {}
    for name, (size, crc) in record.items():
        try:
            data = (folder / name).read_bytes()
        except OSError:
            return None
        if len(data) != size or checksum(data) != crc:
            return None
        found[name] = data
    return found


class PageShelf:
    """The pages of one site's previous build, for an engine to reuse (engine.PageStore): a
    page is reusable while its record has the engine's key and the file in `previous` still
    has the size and CRC-32 recorded when it was written."""

    def __init__(self, cache: Cache, shelf: Shelf[PageRecord], previous: Path | None) -> None:
        self.cache, self.shelf, self._previous = cache, shelf, previous

    @property
    def previous(self) -> Path | None:
        return self._previous

    def reusable(self, page: str, key: str) -> PageRecord | None:
        record = self.shelf.earlier(page)
        if record is None or record.key != key or self._previous is None:
            return None
        try:
            data = (self._previous / record.dest).read_bytes()
        except OSError:
            return None
        if len(data) != record.size or checksum(data) != record.crc:
            return None
        return record

    def keep(self, page: str, record: PageRecord) -> None:
        self.shelf.keep(page, record)

    def save(self) -> None:
        """The preview's build is in place: its pages are the ones to reuse next (in memory;
        the pipeline commits the whole cache once dist/ is swapped)."""
        self.shelf.active = True  # a build that kept no page leaves none to reuse
        self.shelf.roll(self.cache.remember)
