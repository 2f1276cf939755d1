"""Limits on what an editor's Markdown may ask of the Markdown converter.

Python-Markdown (with courant's extensions) does some work that grows with the square of the
input, and recurses once per level of nesting: one file, written by accident or on purpose
(20 KB of '['), then stalls every build for minutes or ends it in a traceback. Such a file is
refused when it is read (so by `courant check` and before a build renders anything), with the
line and what to write instead. Each limit lies far above what editors write and far below
where the converter slows down (docs/performance.md, "Slow input").

What is measured, each in one pass:
- links: for every '[' the link patterns search for its ']' (counting nested brackets, up to
  the end of the paragraph when none comes), three times; for every '](' the ')' likewise.
  The measure is the characters those searches cross (~1 µs each).
- tags: for every '<' and a letter, Python's HTML parser reads on to the '>' (or the end of
  the text); the measure is again the characters crossed (~0.07 µs each; eight times that for
  '<![CDATA[' up to its ']]>'). Comments, '</' and '<?' are read in one pass.
- nesting: lists, quotes and admonitions in each other, '*'/'_' emphasis in each other, and
  HTML blocks with a markdown attribute: the converter recurses per level (a RecursionError
  from ~250, ~900 and ~450 levels).
- runs: a heading, rule or admonition line splits its block, and the rest is tested again:
  lines x such lines per block without a blank line (and the same, far cheaper, for lists).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

LINK_SCAN = 200_000  # characters crossed looking for ']' and ')': ~0.2 s a conversion
TAG_SCAN = 2_000_000  # characters crossed looking for '>': ~0.15 s a conversion
NESTING = 40  # lists, quotes, admonitions
EMPHASIS = 100  # '*' and '_'
HTML_BLOCKS = 100  # <div markdown="1"> and the like
RUN = 500_000  # lines x headings, rules and admonitions in one block: ~0.2 s
LIST_RUN = 10_000_000  # lines x list items in one block: ~0.3 s
LONG = 80  # a '[' whose ']' comes later than this is "far"

_LINK_TOKEN = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_TAG_START = re.compile(r"<(?:!\[CDATA\[|[A-Za-z])")
_TAG_END = {"<![CDATA[": "]]>"}  # else '>'
_TAG_WEIGHT = {"<![CDATA[": 8}  # Python-Markdown reads CDATA more slowly
_PREFIX = re.compile(rf"^[ \t>]{{{NESTING},}}", re.MULTILINE)
_NESTED = re.compile(r"^(?P<lead>[ \t>]*)(?P<mark>[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?)?",
                     re.MULTILINE)
_QUOTE_MARK = re.compile(r"> ?")
_EMPHASIS = re.compile(r"\\.|\*+|_+", re.DOTALL)
_MARKDOWN_ATTR = re.compile(r"<[A-Za-z][^<>]*?\smarkdown\b", re.IGNORECASE)
_PEELED = re.compile(r"^(?: {0,3}#|[ \t]*+(?:!!!|\?\?\?)|[ \t]*+(?:=++|-++|(?:[-*_][ \t]*+){3,}+)"
                     r"[ \t]*+$)", re.MULTILINE)
_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]", re.MULTILINE)
_BLANK = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Excess:
    """One thing in a text the converter cannot do in normal time: where, and what to do."""

    offset: int  # in the text
    message: str

    def line(self, text: str) -> int:
        """1-based line within the text."""
        return text.count("\n", 0, self.offset) + 1


def excesses(text: str) -> list[Excess]:
    """What in `text` (an editor's Markdown) goes past a limit: at most one finding a kind."""
    found = []
    for measure in _MEASURES:
        excess = measure(text)
        if excess is not None:
            found.append(excess)
    return found


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each block: the text between blank lines."""
    start = 0
    for blank in _BLANK.finditer(text):
        yield start, blank.start()
        start = blank.end()
    yield start, len(text)


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# --- links: '[' ... ']' and '](' ... ')' ---------------------------------------------------

@dataclass(slots=True)
class _Scan:
    crossed: int = 0  # characters crossed by the searches for ']'
    far: int = 0  # '[' whose ']' is missing or far off
    target_crossed: int = 0  # characters crossed by the searches for ')'
    targets_open: int = 0  # '](' whose ')' is missing or far off


def _links(text: str) -> Excess | None:
    if (text.count("[") + text.count("](")) * len(text) <= LINK_SCAN:
        return None  # no search can cross more than the whole text
    total, worst, at = 0, _Scan(), 0
    for start, end in _blocks(text):
        scan = _scan_links(text, start, end)
        total += scan.crossed + scan.target_crossed
        if scan.crossed + scan.target_crossed > worst.crossed + worst.target_crossed:
            worst, at = scan, start
    if total <= LINK_SCAN:
        return None
    if worst.crossed >= worst.target_crossed:
        return Excess(at, f"in de alinea die hier begint staan {_number(worst.far)} haken '[' "
                          "die niet of pas veel later sluiten; zoveel kan courant niet binnen "
                          "redelijke tijd opmaken. Sluit elke '[' met een ']', of schrijf '\\[' "
                          "voor een los haakje")
    return Excess(at, f"in de alinea die hier begint staan {_number(worst.targets_open)} links "
                      "'](' waarvan de ')' ontbreekt of pas veel later komt; zoveel kan courant "
                      "niet binnen redelijke tijd opmaken. Sluit elk linkadres af met ')', zoals "
                      "in [tekst](adres), of schrijf '\\(' voor een los haakje")


def _scan_links(text: str, start: int, end: int) -> _Scan:
    scan = _Scan()
    brackets: list[int] = []
    parens: list[tuple[int, bool]] = []  # '(' and whether it opens a link's address
    closed = -2  # the last ']'
    for token in _LINK_TOKEN.finditer(text, start, end):
        char, at = token.group(), token.start()
        if char == "[":
            brackets.append(at)
        elif char == "]":
            if brackets:
                crossed = at - brackets.pop()
                scan.crossed += crossed
                scan.far += crossed > LONG
            closed = at
        elif char == "(":
            parens.append((at, at == closed + 1))
        elif char == ")" and parens:
            opened, target = parens.pop()
            if target:
                scan.target_crossed += at - opened
                scan.targets_open += at - opened > LONG
    scan.crossed += sum(end - at for at in brackets)
    scan.far += len(brackets)
    open_targets = [at for at, target in parens if target]
    scan.target_crossed += sum(end - at for at in open_targets)
    scan.targets_open += len(open_targets)
    return scan


# --- tags: '<' ... '>' ---------------------------------------------------------------------

def _tags(text: str) -> Excess | None:
    if text.count("<") * len(text) <= TAG_SCAN:
        return None
    total, count, worst, worst_at = 0, 0, 0, 0
    ahead: dict[str, int] = {}  # the next place of each terminator (len(text): none left)
    for start in _TAG_START.finditer(text):
        opener = start.group()
        terminator = _TAG_END.get(opener, ">")
        at = start.start()
        found = ahead.get(terminator, -1)
        if found < start.end():
            found = text.find(terminator, start.end())
            ahead[terminator] = found = len(text) if found < 0 else found
        crossed = found - at
        total += crossed * _TAG_WEIGHT.get(opener, 1)
        count += crossed > LONG
        if crossed > worst:
            worst, worst_at = crossed, at
    if total <= TAG_SCAN:
        return None
    first = _TAG_START.match(text, worst_at)
    shown = first.group() if first else "<"
    closing = _TAG_END.get(shown, ">")
    return Excess(worst_at, f"hier staat '{shown}' zonder '{closing}' erna, en zo staan er "
                            f"{_number(count)} in de tekst; zoveel kan courant niet binnen "
                            "redelijke tijd opmaken. Schrijf '&lt;' voor een los "
                            f"kleiner-dan-teken, of sluit de HTML-code af met '{closing}'")


# --- nesting ----------------------------------------------------------------------------------

def _nesting(text: str) -> Excess | None:
    if _PREFIX.search(text) is None:
        return None  # every level takes at least one character before the text
    for line in _NESTED.finditer(text):
        lead = line["lead"]
        if len(lead) < NESTING or (line["mark"] is None and ">" not in lead):
            continue
        quotes = _QUOTE_MARK.sub(">", lead)  # '> ' is one level, as '>' is
        depth = quotes.count(">") + _columns(quotes.replace(">", "")) // 4
        if depth > NESTING:
            return Excess(line.start(), f"hier staan lijsten, citaten of kaders "
                                        f"{_number(depth)} lagen diep in elkaar; meer dan "
                                        f"{NESTING} kan courant niet opmaken. Maak de opbouw "
                                        "minder diep")
    return None


def _columns(whitespace: str) -> int:
    return len(whitespace.expandtabs(4))


def _emphasis(text: str) -> Excess | None:
    if text.count("*") + text.count("_") <= EMPHASIS:
        return None
    for start, end in _blocks(text):
        depth = _emphasis_depth(text, start, end)
        if depth > EMPHASIS:
            return Excess(start, f"in de alinea die hier begint staan '*' of '_' "
                                 f"{_number(depth)} lagen diep in elkaar; meer dan {EMPHASIS} "
                                 "kan courant niet opmaken. Haal ze weg, of schrijf '\\*' en "
                                 "'\\_' voor losse tekens")
    return None


def _emphasis_depth(text: str, start: int, end: int) -> int:
    """Runs of '*' or '_' that open (a letter follows) go on a stack, those that close (a
    letter before) come off it; '_' inside a word is no emphasis."""
    depth = deepest = 0
    for run in _EMPHASIS.finditer(text, start, end):
        if run.group()[0] == "\\":
            continue
        before = text[run.start() - 1] if run.start() > start else " "
        after = text[run.end()] if run.end() < end else " "
        opens, closes = not after.isspace(), not before.isspace()
        if opens and closes:  # inside a word
            if run.group()[0] == "_":
                continue
            opens = depth == 0
            closes = not opens
        if closes and depth:
            depth -= 1
        elif opens:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _html_blocks(text: str) -> Excess | None:
    if "markdown" not in text.lower():
        return None
    found = list(_MARKDOWN_ATTR.finditer(text))
    if len(found) <= HTML_BLOCKS:
        return None
    return Excess(found[HTML_BLOCKS].start(),
                  f"de tekst heeft {_number(len(found))} HTML-elementen met 'markdown'; meer "
                  f"dan {HTML_BLOCKS} kan courant niet opmaken. Schrijf gewone Markdown, of "
                  "verdeel de tekst over meer bestanden")


# --- runs of lines that each split their block ----------------------------------------------

def _runs(text: str) -> Excess | None:
    lines = text.count("\n") + 1
    if lines * lines <= RUN:
        return None
    for start, end in _blocks(text):
        size = text.count("\n", start, end) + (text[end - 1:end] not in ("", "\n"))
        if size * size <= RUN:
            continue
        peeled = len(_PEELED.findall(text, start, end))
        if peeled * size > RUN:
            return Excess(start, f"in het blok dat hier begint staan {_number(peeled)} kopjes, "
                                 f"lijnen of kaders op {_number(size)} regels zonder lege regel "
                                 "ertussen; zoveel kan courant niet binnen redelijke tijd "
                                 "opmaken. Zet een lege regel na elk kopje, elke lijn en elk "
                                 "kader")
        items = len(_ITEM.findall(text, start, end)) if size * size > LIST_RUN else 0
        if items * size > LIST_RUN:
            return Excess(start, f"de lijst die hier begint heeft {_number(items)} punten "
                                 "zonder lege regel ertussen; zoveel kan courant niet binnen "
                                 "redelijke tijd opmaken. Verdeel hem over meer lijsten, met "
                                 "een lege regel en een tussenkop ertussen")
    return None


_MEASURES: tuple[Callable[[str], Excess | None], ...] = (
    _links, _tags, _nesting, _emphasis, _html_blocks, _runs)
