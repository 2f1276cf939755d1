"""A cold `courant check` (or first build) spends most of its time scoring texts for the
writing check (writing.analyse, one text at a time). When many texts are new, half of them
are scored in a second process (workers.in_child) and both halves go into the writing
cache (.cache/courant/writing.pickle) before the check reads it, so the check itself finds
every text scored. The warnings are the same: the check only ever reads scores back from
that cache or makes them itself.
"""

from __future__ import annotations

from pathlib import Path

from courant.build import diskcache
from courant.build.workers import in_child
from courant.check.writing import AnalysisMemo, Readability, analyse
from courant.model import Content

WORTH_A_PROCESS = 300  # new texts; below this a fork costs more than it saves


def warm_writing(content: Content, root: Path) -> None:
    """Score the texts the writing cache lacks, on two cores, into the cache."""
    index = root / ".cache" / "courant" / "writing.pickle"
    kept: dict[str, Readability] = diskcache.load(index, AnalysisMemo.FORMAT)
    texts = {diskcache.text_key(text): text for text in
             [*(item.body for item in content.items),
              *(issue.foreword for issue in content.issues)]}
    missing = sorted((key, text) for key, text in texts.items() if key not in kept)
    if len(missing) < WORTH_A_PROCESS:
        return  # a fork costs more than it saves
    other = in_child(lambda: _scored(missing[1::2]))
    try:
        kept.update(_scored(missing[::2]))
    except BaseException:  # stopped (SIGTERM, Ctrl+C): so is the child
        other.stop()
        raise
    kept.update(other())
    diskcache.store(index, AnalysisMemo.FORMAT, kept)


def _scored(texts: list[tuple[str, str]]) -> dict[str, Readability]:
    return {key: analyse(text) for key, text in texts}
