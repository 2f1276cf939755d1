"""A cold `courant check` (or first build) spends most of its time scoring texts for the
writing check (writing.analyse, one text at a time). When many texts are new, half of them
are scored in a second process (workers.in_child) and both halves put on the cache's shelf
`writing` before the check reads it, so the check itself finds every text scored. The
warnings are the same: the check reads scores back from that shelf or makes them itself.
"""

from __future__ import annotations

from typing import Any

from courant.build.cache import Shelf, digest
from courant.build.workers import in_child
from courant.check.writing import Readability, analyse
from courant.model import Content

WORTH_A_PROCESS = 300  # new texts; below this a second process costs more than it saves


def warm_writing(content: Content, shelf: Shelf[Any]) -> None:
    """Score the texts the shelf lacks, on two cores, onto the shelf."""
    texts = {digest(text): text for text in
             [*(item.body for item in content.items),
              *(issue.foreword for issue in content.issues)]}
    missing = sorted((key, text) for key, text in texts.items() if shelf.get(key) is None)
    if len(missing) < WORTH_A_PROCESS:
        return
    other = in_child(_scored, missing[1::2])
    try:
        mine = _scored(missing[::2])
    except BaseException:  # stopped (SIGTERM, Ctrl+C): so is the child
        other.stop()
        raise
    for key, score in [*mine.items(), *other().items()]:
        shelf.put(key, score)


def _scored(texts: list[tuple[str, str]]) -> dict[str, Readability]:
    return {key: analyse(text) for key, text in texts}
