"""A cold `courant check` (or first build) spends most of its time scoring texts for the
writing check (writing.analyse, one text at a time). So the scores are made in a second
process (workers.in_child) while this process reads and validates the sources and runs the
other checks, and put on the cache's shelf `writing` before the writing check reads it: the
check itself finds every text scored. The warnings are the same: the check reads scores back
from that shelf or makes them itself.

- Nothing scored yet (the shelf is empty: no cache, or a new version of courant): the second
  process starts before the sources are read and reads every text itself (its body only).
  It finds each text's links first (validate.text_links), which the validation asks for
  (`text_links`) as soon as the sources are read; then what the accessibility check finds
  in it (accessibility.body_findings, for the shelf `a11y`), and the scores of a share
  (AHEAD) of the texts. This process scores the others at the block's end, after the
  partner check, while the second one finishes; the accessibility check runs after the
  block. The checks do whatever neither did (a file that changed meanwhile).
- Some texts new (after an edit, a pull of many files): once the sources are read, the second
  process scores a share (BESIDE) of the new ones, and the check the rest.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from courant.build.cache import Shelf, digest
from courant.build.workers import Child, in_child, prepare
from courant.check.accessibility import Found, body_findings
from courant.check.writing import Readability, analyse
from courant.markup import dialect, use_dialect
from courant.read.files import Sources, markdown_body, text_files
from courant.read.validate import TextLinks, text_links

WORTH_A_PROCESS = 300  # new texts; below this a second process costs more than it saves
BESIDE = 0.85
"""The share of the new texts the second process scores once the sources are read. Meanwhile
this process validates the sources and runs the other checks, which cost about as much as
scoring the rest here (a cold `courant check` of 10,000 items, before the scores were made
ahead: 6.9-7.4 s with half, 5.7-5.8 s with 0.85-0.9, 6.3 s with all; docs/performance.md)."""

AHEAD = 0.75
"""The share of the texts the second process scores when it reads ahead, after their links
and accessibility findings; this process scores the rest once it has validated the sources
and run the partner check (a cold `courant check` of 10,000 items: see docs/performance.md)."""

OWN_MODULES = ("courant.build.warmup",)
"""What the second process loads for this work, when no build started it before (`check`):
not the command's own modules (multiprocessing's default, '__main__', is all of courant's
command line: 0.35 s more before the second process can start)."""

Scores = dict[str, Readability]
Findings = dict[str, Found]
"""The accessibility check's findings (accessibility.body_findings) by their text's digest."""
Links = tuple[tuple[tuple[str, ...], str], dict[str, TextLinks], str | None]
"""The Markdown extensions the links were found with (markup.dialect), each text's links
(validate.text_links) by its digest, and the digest from which on (in their order) the
second process leaves the texts to be scored here (None: it scores them all)."""


def texts_of(sources: Sources) -> list[str]:
    """The texts the writing check scores: every item's body and every issue's foreword,
    valid or not (a file with errors still has its text checked)."""
    return [raw.body for raw in [*sources.items, *sources.issues]]


class ChecksAhead:
    """The block in which texts are scored beside the other work: `read` tells it the texts
    once the sources are read, `text_links` gives their links (found ahead where they were);
    at the block's end the scores of them are on `shelf`, and the findings on `findings`
    (when the second process read ahead). When the block fails (an error, Ctrl+C) the second
    process is stopped and nothing is kept. With `shelf` None it does nothing but find links
    (after a save in the preview)."""

    def __init__(self, root: Path, shelf: Shelf[Any] | None,
                 findings: Shelf[Any] | None = None, extensions: Any = None) -> None:
        """`extensions`: mkdocs.yml's markdown_extensions, which the links are found with."""
        self.shelf, self.findings = shelf, findings
        self.missing: list[tuple[str, str]] = []
        self.read_keys: list[str] = []
        self.links: dict[str, TextLinks] | None = None
        self.scored_here: str | None = None
        self.ahead: Child[Any] | None = None  # its parts: Links, then (Scores, Findings)
        self.beside: Child[Scores] | None = None
        if shelf is not None and not shelf.kept and len(text_files(root)) >= WORTH_A_PROCESS:
            prepare(OWN_MODULES)
            self.ahead = in_child(_ahead_files, root, extensions)

    def __enter__(self) -> ChecksAhead:
        return self

    def read(self, texts: list[str]) -> None:
        """The texts as read: a share of those the shelf lacks goes to the second process,
        if none started ahead and there are enough to be worth one."""
        if self.shelf is None:
            return
        found = {digest(text): text for text in texts}
        self.read_keys = list(found)
        self.missing = sorted((key, text) for key, text in found.items()
                              if self.shelf.get(key) is None)
        if self.ahead is None and len(self.missing) >= WORTH_A_PROCESS:
            cut = round(len(self.missing) * BESIDE)
            prepare(OWN_MODULES)
            self.beside = in_child(_scored, self.missing[:cut])

    def text_links(self, body: str) -> TextLinks:
        """validate.text_links(body), as the second process found them where it did (with
        the same Markdown extensions), waiting for them if need be."""
        links = self._links()
        found = links.get(digest(body)) if links else None  # none ahead: no digest to make
        return found if found is not None else text_links(body)

    def _links(self) -> dict[str, TextLinks]:
        if self.links is None:
            self.links = {}
            if self.ahead is not None:
                used, links, self.scored_here = self.ahead.part()
                self.links = links if used == dialect() else {}
        return self.links

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.shelf is None:
            return
        if error is not None:
            self._stop()
            return
        try:
            scores, findings = self._finished()
        except BaseException:  # stopped (SIGTERM, Ctrl+C) or failed: so is the child
            self._stop()
            raise
        for key, score in scores.items():
            self.shelf.put(key, score)
        if self.findings is not None:
            for key in self.read_keys:
                if key in findings and self.findings.get(key) is None:
                    self.findings.put(key, findings[key])

    def _finished(self) -> tuple[Scores, Findings]:
        """The second process's scores of the texts read (what it read otherwise is left),
        and its findings."""
        if self.ahead is not None:
            self._links()  # the first part, if nothing asked for it
            start = self.scored_here
            here = _scored([] if start is None else
                           [(key, text) for key, text in self.missing if key >= start])
            ahead, findings = self.ahead.part()
            self.ahead()
            return {key: ahead[key] for key, _text in self.missing if key in ahead} | here, \
                findings
        return (self.beside() if self.beside is not None else {}), {}

    def _stop(self) -> None:
        for child in (self.ahead, self.beside):
            if child is not None:
                child.stop()


def _scored(texts: list[tuple[str, str]]) -> Scores:
    """The texts scored (in the second process, or here: the share left to this one, or all
    with COURANT_SERIAL=1), with the garbage collector off. What the scores are made of
    (strings, numbers, tuples) holds no cycles, so its passes over a heap that only grows
    find nothing, and took a third of the time (the 10,509 texts of the 10,000-item archive:
    4.8-5.7 s with it, 3.2-3.5 s without). It leaves the collector as it found it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return {key: analyse(text) for key, text in texts}
    finally:
        if collecting:
            gc.enable()


def _ahead_files(root: Path, extensions: Any) -> Iterator[Links | tuple[Scores, Findings]]:
    """In the second process: every text read_sources will read, read; its links, then what
    the accessibility check finds in it, and the scores of the first share (AHEAD) of them
    in the order of their digests."""
    use_dialect(extensions)
    bodies = (markdown_body(path) for path, _name in text_files(root))
    texts = sorted({digest(body): body for body in bodies if body is not None}.items())
    cut = round(len(texts) * AHEAD)
    yield dialect(), {key: text_links(text) for key, text in texts}, \
        texts[cut][0] if cut < len(texts) else None
    findings = {key: body_findings(text) for key, text in texts}
    yield _scored(texts[:cut]), findings
