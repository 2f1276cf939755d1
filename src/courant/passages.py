"""Staff-only passages: a part of a partner-visible text between a line `::: medewerkers` and
a line `:::` (../shared/spec/content-model.md, "Staff-only passages").

`read` finds them on the source, line by line, with code read as links.py reads it (fenced
code blocks and code spans blanked: a `:::` in code is code) and reports every malformed one
(not closed, one inside another, a closing line without an opening, a line that looks like an
opening but is not one) with its line and what to write. `for_partners` removes them, and
proves the result as links.py proves its rewrite: the text left is converted by
Python-Markdown, with the sites' extensions, and no line of text outside code may still
start with `:::` (a marker Python-Markdown reads otherwise than this module did, inside a
list or a quote, say). Anything it cannot prove raises `Unsafe`: the caller fails closed.
`for_staff` shows them marked "Alleen voor medewerkers", as a Material admonition the site,
feeds and mail can each recognise (`split_html`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from courant.links import blank_code
from courant.markup import dialect, to_html

OPENING = "::: medewerkers"
CLOSING = ":::"
LABEL = "Alleen voor medewerkers"
CSS_CLASS = "courant-medewerkers"
INVISIBLE = "\\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
"""Spaces, and characters a reader does not see (zero-width, direction marks, a byte order
mark: pasted from a word processor or chat), before a marker."""
LOOKS_LIKE_MARKER = re.compile(
    rf"^[{INVISIBLE}]*(?:(?:>[{INVISIBLE}]*)+|(?:[-*+]|\d+[.)])[{INVISIBLE}]+)*:{{3,}}")
"""A line that an editor may have meant as a marker: `:::` at its start, perhaps indented or
inside a quote or list item, or after an invisible character (where it is not one)."""
MARKER_IN_TEXT = re.compile(rf"(?m)^[{INVISIBLE}]*:{{3,}}")


@dataclass(frozen=True, slots=True)
class Passage:
    """Lines `opening` up to and including `closing` (1-based, within the body)."""

    opening: int
    closing: int


@dataclass(frozen=True, slots=True)
class Fault:
    line: int  # 1-based, within the body
    message: str  # Dutch: what is wrong, and what to write


@dataclass(frozen=True, slots=True)
class Reading:
    passages: tuple[Passage, ...]
    faults: tuple[Fault, ...]

    def holds(self, line: int) -> bool:
        """Is `line` (1-based) inside a passage, its marker lines included?"""
        return any(p.opening <= line <= p.closing for p in self.passages)


class Unsafe(Exception):
    """The passages of a text could not be removed with certainty: publish none of it."""

    def __init__(self, faults: tuple[Fault, ...]) -> None:
        self.faults = faults
        super().__init__("; ".join(f"regel {f.line}: {f.message}" for f in faults))


def may_have(body: str) -> bool:
    """Cheap: could `body` hold a marker (or something that looks like one)?"""
    return ":::" in body


def read(body: str) -> Reading:
    """The passages of `body` and everything malformed about them."""
    if not may_have(body):
        return Reading((), ())
    passages: list[Passage] = []
    faults: list[Fault] = []
    opened: int | None = None
    meant = False  # a near miss of an opening: its closing line is not a second fault
    for number, line in enumerate(blank_code(body).split("\n"), start=1):
        if not LOOKS_LIKE_MARKER.match(line):
            continue
        written = line.rstrip()
        if written == OPENING:
            if opened is not None:
                faults.append(Fault(number, _nested(opened)))
            else:
                opened, meant = number, False
        elif written == CLOSING:
            if opened is not None:
                passages.append(Passage(opened, number))
                opened = None
            elif meant:
                meant = False
            else:
                faults.append(Fault(number, STRAY))
        else:
            faults.append(Fault(number, near_miss(written)))
            meant = opened is None and written.strip(": \t") != ""
    if opened is not None:
        faults.append(Fault(opened, UNCLOSED))
    return Reading(tuple(passages), tuple(faults))


UNCLOSED = ("het blok \u2018::: medewerkers\u2019 wordt niet gesloten, dus courant weet niet waar "
            "de tekst voor partners weer begint; zet onder het laatste stuk voor medewerkers een "
            "regel met alleen \u2018:::\u2019")
STRAY = ("deze regel \u2018:::\u2019 sluit geen blok voor medewerkers; zet boven het stuk dat "
         "alleen voor medewerkers is een regel \u2018::: medewerkers\u2019, of haal deze regel weg")


def _nested(opened: int) -> str:
    return (f"\u2018::: medewerkers\u2019 staat in het blok dat op regel {opened} begint, en een "
            "blok in een blok kan niet; sluit het eerste blok eerst met een regel "
            "\u2018:::\u2019")


UNSEEN = re.compile("[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def near_miss(written: str) -> str:
    """What an editor reads about a line that starts like a marker but is none."""
    unseen = (" (in deze regel staat een teken dat je niet ziet, of een harde spatie: typ de "
              "regel opnieuw)" if UNSEEN.search(written) else "")
    return (f"\u2018{UNSEEN.sub('', written).strip()}\u2019 is geen begin of einde van een blok "
            f"voor medewerkers{unseen}; schrijf precies \u2018::: medewerkers\u2019 (drie "
            "dubbele punten, een spatie, kleine letters) aan het begin van de regel, en sluit "
            "het blok met een regel met alleen \u2018:::\u2019")


def seen_as_text(written: str) -> str:
    """What an editor reads about a marker Python-Markdown shows as text where this module
    read code (a code block it does not take for one)."""
    return (f"\u2018{written.strip()}\u2019 lijkt in een codeblok te staan, maar de opmaak toont "
            "het als gewone tekst, dus partners zouden het lezen; een codeblok begint met een "
            "regel ``` (of ``` en één woord, de taal) en sluit met dezelfde regel ```: maak het "
            "codeblok zo af, of zet het blok voor medewerkers buiten de code")


def for_partners(body: str) -> str:
    """`body` without its staff-only passages (each line of them left blank, so that every
    other line keeps its number), proven: raises `Unsafe` when a passage is malformed or a
    marker survives outside code."""
    reading = read(body)
    if reading.faults:
        raise Unsafe(reading.faults)
    if not reading.passages:
        return _proven(body)
    kept = ["" if reading.holds(number) else line
            for number, line in enumerate(body.split("\n"), start=1)]
    return _proven("\n".join(kept))


def _proven(text: str) -> str:
    """`text`, when Python-Markdown shows no line of it outside code that starts with `:::`."""
    if may_have(text):
        left = _markers_in_text(to_html(text))
        if left:
            raise Unsafe(tuple(_placed(text, left)))
    return text


def _placed(text: str, left: list[str]) -> list[Fault]:
    """The lines Python-Markdown shows outside code that start like a marker: each such line
    is given a probe in place of its colons (which mean nothing to Markdown, so the reading
    does not change), and the text outside code of one more conversion says which it shows."""
    lines = text.split("\n")
    probed, candidates = [], []
    for number, line in enumerate(lines, start=1):
        match = LOOKS_LIKE_MARKER.match(line)
        if match:
            candidates.append(number)
            line = line[:match.end()].rstrip(":") + f"courantprobe{number}x" + line[match.end():]
        probed.append(line)
    shown = "\n".join(_text_outside_code(to_html("\n".join(probed))))
    faults = [Fault(n, seen_as_text(lines[n - 1])) for n in candidates
              if f"courantprobe{n}x" in shown]
    return faults or [Fault(1, seen_as_text(marker)) for marker in left]


class _TextOutsideCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self.code += 1
        else:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.code:
            self.code -= 1
        else:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.code:
            self.parts.append(data)


def _text_outside_code(html: str) -> list[str]:
    parser = _TextOutsideCode()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).splitlines()


def _markers_in_text(html: str) -> list[str]:
    """Lines of the HTML's text (outside code) that start with `:::`."""
    return [line.strip() for line in _text_outside_code(html) if MARKER_IN_TEXT.match(line)]


def for_staff(body: str) -> str:
    """`body` with each passage shown marked (a malformed one is left as written: `courant
    check` names it, and nothing partners see holds it)."""
    reading = read(body)
    if reading.faults or not reading.passages:
        return body
    lines = body.split("\n")
    opening, closing = _marks()
    for passage in reading.passages:
        lines[passage.opening - 1] = opening
        lines[passage.closing - 1] = closing
    return "\n".join(lines)


def _marks() -> tuple[str, str]:
    """The lines that take the place of the markers: with md_in_html, a Material admonition
    whose content is Markdown; without it, a labelled paragraph before and after."""
    if "md_in_html" in dialect()[0]:
        return (f'\n<div class="admonition info {CSS_CLASS}" markdown="1">\n'
                f'<p class="admonition-title">{LABEL}</p>\n',
                "\n</div>\n")
    return f"\n**{LABEL}:**\n", f"\n**Einde: {LABEL.lower()}.**\n"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of converted HTML: a staff-only passage's content (without its label), or not."""

    html: str
    staff: bool


LABEL_HTML = f'<p class="admonition-title">{LABEL}</p>'


class _Passages(HTMLParser):
    """Where each marked passage (div.courant-medewerkers) starts and ends in an HTML text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.starts = [0]  # where each line begins: HTMLParser counts lines by "\n" alone
        for line in html.split("\n"):
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.depth = 0
        self.opened: tuple[int, int] | None = None  # the div's start, and its content's
        self.found: list[tuple[int, int, int, int]] = []  # and the content's end, the div's

    def _at(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        if self.opened is not None:
            self.depth += 1
        elif CSS_CLASS in (dict(attrs).get("class") or "").split():
            start = self._at()
            self.opened, self.depth = (start, start + len(self.get_starttag_text() or "")), 0

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or self.opened is None:
            return
        if self.depth:
            self.depth -= 1
            return
        end = self._at()
        self.found.append((*self.opened, end, self.rawdata.index(">", end) + 1))
        self.opened = None


def split_html(html: str) -> list[Segment]:
    """`html` (a staff text converted) cut into its marked passages and the rest, so that a
    renderer can mark them its own way (a mail as a table Outlook shows)."""
    if CSS_CLASS not in html:
        return [Segment(html, False)]
    parser = _Passages(html)
    parser.feed(html)
    parser.close()
    segments, index = [], 0
    for outer, inner, end, after in parser.found:
        segments.append(Segment(html[index:outer], False))
        content = html[inner:end]
        if content.lstrip().startswith(LABEL_HTML):
            content = content.lstrip()[len(LABEL_HTML):]
        segments.append(Segment(content, True))
        index = after
    segments.append(Segment(html[index:], False))
    return [s for s in segments if s.html.strip() or s.staff]
