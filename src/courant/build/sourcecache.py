"""Files read before, by content: `courant check`, `build` and the preview parse only the
sources whose bytes changed.

A source's parsed form (front matter, body, key lines, and the problems reading it gave) depends
on its path, its kind and its bytes only, so those are its key; nothing here looks at file
times. The index lives in .cache/courant/sources.pickle (or only in memory, for the preview).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from courant import problems as _problems_module
from courant.build import diskcache
from courant.model import Kind
from courant.problems import Problem, Problems
from courant.read import files as _sources_module
from courant.read import markdown_limits as _limits_module
from courant.read import yamlcheck as _yamlcheck_module
from courant.read import yamlload as _yamlload_module
from courant.read.files import RawSource, read_markdown

# Keyed on the code that reads and words them too: a RawSource pickled by older code may lack
# a field, and its problems would keep old wording, line numbers or limits.
FORMAT = "courant-sources-1:" + hashlib.blake2b(
    b"".join(Path(str(module.__file__)).read_bytes() for module in (
        _sources_module, _yamlload_module, _problems_module, _yamlcheck_module,
        _limits_module)),
    digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    raw: RawSource
    problems: tuple[Problem, ...]


class SourceMemo:
    """A `read` for read.files.read_sources that reuses what an earlier read of the same bytes
    gave. `save()` keeps what this read saw (and writes the index, when there is one)."""

    def __init__(self, index: Path | None = None) -> None:
        self.index = index
        self.entries: dict[str, _Entry] = diskcache.load(index, FORMAT)
        self.seen: dict[str, _Entry] = {}
        self.parsed = 0

    def __call__(self, root: Path, path: Path, kind: Kind | None,
                 problems: Problems) -> RawSource | None:
        data = path.read_bytes()
        name = path.relative_to(root).as_posix()
        key = hashlib.blake2b(f"{kind}\0{name}\0".encode() + data, digest_size=16).hexdigest()
        entry = self.entries.get(name)
        if entry is None or entry.key != key:
            found = Problems()
            raw = read_markdown(root, path, kind, found)
            problems.extend(found.found)
            if raw is None:
                return None  # not kept: read (and reported) again next time
            entry = _Entry(key, raw, tuple(found.found))
            self.parsed += 1
        else:
            problems.extend(entry.problems)
        self.seen[name] = entry
        return entry.raw

    def save(self) -> None:
        changed = self.parsed > 0 or self.seen.keys() != self.entries.keys()
        self.entries, self.seen, self.parsed = self.seen, {}, 0
        if changed:
            diskcache.store(self.index, FORMAT, self.entries)
