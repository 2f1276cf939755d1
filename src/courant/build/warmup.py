"""A cold `courant check` (or first build) spends most of its time scoring texts for the
writing check (writing.analyse, one text at a time). When many texts are new, most of them
are scored in a second process (workers.in_child) from the moment the sources are read,
while this process validates them and runs the other checks; at the end of the block this
process scores the rest, and both shares go on the cache's shelf `writing` before the writing
check reads it, so the check itself finds every text scored. The warnings are the same: the
check reads scores back from that shelf or makes them itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from courant.build.cache import Shelf, digest
from courant.build.workers import in_child
from courant.check.writing import Readability, analyse
from courant.read.files import Sources

WORTH_A_PROCESS = 300  # new texts; below this a second process costs more than it saves
BESIDE = 0.85
"""The share of the new texts the second process scores. Meanwhile this process validates
the sources and runs the other checks, which cost about as much as scoring the rest here
(a cold `courant check` of 10,000 items: 6.9-7.4 s with half, 5.7-5.8 s with 0.85-0.9, 6.3 s
with all; at 1,000 items 1.13-1.28 s whichever: docs/performance.md)."""


def texts_of(sources: Sources) -> list[str]:
    """The texts the writing check scores: every item's body and every issue's foreword,
    valid or not (a file with errors still has its text checked)."""
    return [raw.body for raw in [*sources.items, *sources.issues]]


@contextmanager
def writing_scored(texts: Iterable[str], shelf: Shelf[Any]) -> Iterator[None]:
    """Within the block, the second process scores its share of the texts the shelf lacks;
    at its end this process scores the rest, and every score is on the shelf. When the block
    fails (an error, Ctrl+C) the second process is stopped and nothing is kept."""
    found = {digest(text): text for text in texts}
    missing = sorted((key, text) for key, text in found.items() if shelf.get(key) is None)
    if len(missing) < WORTH_A_PROCESS:
        yield
        return
    cut = round(len(missing) * BESIDE)
    other = in_child(_scored, missing[:cut])
    try:
        yield
        mine = _scored(missing[cut:])
        theirs = other()
    except BaseException:  # stopped (SIGTERM, Ctrl+C) or failed: so is the child
        other.stop()
        raise
    for key, score in [*mine.items(), *theirs.items()]:
        shelf.put(key, score)


def _scored(texts: list[tuple[str, str]]) -> dict[str, Readability]:
    return {key: analyse(text) for key, text in texts}
