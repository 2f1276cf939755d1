"""Writing help for `courant check`: plain Dutch (language level B1) and images fit to publish.

Everything here is a warning, never an error (`courant check --strict` makes warnings fail):
a readability score per text (Flesch-Douma, the Dutch Flesch formula), sentences far above
B1 (very long, or with very long words) with their file and line, summaries over 300
characters, and images that are too heavy or too small to be shown large. Alt texts, link
texts and headings are checked in courant.check.accessibility.

Syllables come from pyphen's Dutch hyphenation dictionary (LibreOffice's, the one textstat
uses for Dutch); textstat itself is not used, because importing it loads NLTK, which would
double the time `courant check` takes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import chain
from operator import mul
from pathlib import Path
from typing import Any

from courant.model import Content, Item
from courant.problems import Problem, Problems, Severity
from courant.read.files import RawSource, Sources

B1_SCORE = 60
"""Flesch-Douma below this is harder than B1 (60-70: 'normaal', 50-60: 'vrij moeilijk')."""
MIN_WORDS_FOR_SCORE = 40
"""A shorter text gets no score: a few sentences say nothing about a whole text."""
LONG_SENTENCE = 25
"""Words; B1 guides advise 15 on average and at most about 20."""
LONG_WORD = 8
"""Syllables: 'so-cia-le-re-cher-che' has 6; 'vrij-wil-li-gers-or-ga-ni-sa-ties' (9) is far
above B1. Names (a capital inside the sentence) are left alone: an editor cannot shorten them."""
SUMMARY_MAX = 300
IMAGE_MAX_BYTES = 2 * 1024 * 1024
IMAGE_MIN_WIDTH = 600
QUOTE = 60  # characters of a sentence quoted in a message

ABBREVIATIONS = frozenset({
    "bijv", "bv", "o.a", "d.w.z", "m.b.t", "t.a.v", "i.p.v", "z.s.m", "e.d", "enz", "ca", "nr",
    "tel", "mr", "dr", "drs", "ir", "mevr", "dhr", "incl", "excl", "max", "jl", "a.s", "vs",
    "blz", "etc", "n.a.v", "evt", "resp", "t.z.t", "m.i.v", "i.o.m", "o.b.v", "mln", "mld", "art",
})


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str  # as plain text
    line: int  # 1-based line in the body (or 1 for a summary)
    words: int
    long_words: tuple[str, ...]

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as a tuple: the cache loads 10x faster
        return (Sentence, (self.text, self.line, self.words, self.long_words))

    @property
    def far_above_b1(self) -> bool:
        return self.words > LONG_SENTENCE or bool(self.long_words)


@dataclass(frozen=True, slots=True)
class Readability:
    """A text's Flesch-Douma score (None when it is too short to score), its words and
    sentences counted, and the sentences far above B1: all that the warnings read."""

    score: float | None
    words: int
    sentences: int
    hard: tuple[Sentence, ...]

    def __reduce__(self) -> tuple[Any, ...]:  # as a tuple: 10,000 texts load in a fraction
        return (Readability, (self.score, self.words, self.sentences, self.hard))


# --- analysis (pure) -------------------------------------------------------------------------

@cache
def _dictionary() -> Any:
    import pyphen  # loaded only when there is text to score

    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one Dutch word (a number counts as one)."""
    if not any(c.isalpha() for c in word):
        return 1
    return sum(len(_dictionary().positions(part)) + 1
               for part in re.split(r"[-'’]", word.lower()) if part)


WORD = re.compile(r"\w++(?:[-'’]\w++)*+")  # possessive: never given back, as nothing follows


def words_of(text: str) -> list[str]:
    return WORD.findall(text)


def flesch_douma(words: int, sentences: int, syllable_count: int) -> float:
    """Douma (1960): 206.835 - 0.93 × words per sentence - 77 × syllables per word."""
    return 206.835 - 0.93 * (words / sentences) - 77 * (syllable_count / words)


Measured = tuple[str, "LineOf", int, list[str]]
"""A sentence's plain text, its paragraph's line function, its offset there, its words."""


def analyse(body: str) -> Readability:
    """Score a Markdown text and keep its sentences far above B1, with their lines. This is
    most of a cold `courant check`: each distinct word of the text is looked up once (a
    Counter of them), a sentence is searched for long words only when a set operation says
    it holds one, and only the sentences far above B1 are made into objects."""
    found = list(_measured(body))
    words = Counter(chain.from_iterable(measured[3] for measured in found))
    counts = list(map(syllables, words))
    long = {word for word, count in zip(words, counts, strict=True) if count >= LONG_WORD}
    total = words.total()
    hard = tuple(_hard(found, long))
    score = None if total < MIN_WORDS_FOR_SCORE else \
        round(flesch_douma(total, len(found), sum(map(mul, counts, words.values()))), 1)
    return Readability(score, total, len(found), hard)


def sentences_of(body: str) -> list[Sentence]:
    """Every sentence of a Markdown text with words, as the writing check reads it."""
    found = list(_measured(body))
    long = {word for measured in found for word in measured[3]
            if syllables(word) >= LONG_WORD}
    return [_sentence(measured, long) for measured in found]


def _measured(body: str) -> Iterator[Measured]:
    for text, line in _prose_units(body):
        for start, sentence in split_sentences(text):
            words = WORD.findall(sentence)
            if words:
                yield sentence, line, start, words


def _hard(found: list[Measured], long: set[str]) -> Iterator[Sentence]:
    """The sentences far above B1 (`long`: the text's words of LONG_WORD syllables or more):
    only a long sentence, or one with a long word, is looked at."""
    for measured in found:
        words = measured[3]
        if len(words) > LONG_SENTENCE or not long.isdisjoint(words):
            sentence = _sentence(measured, long)
            if sentence.far_above_b1:
                yield sentence


def _sentence(measured: Measured, long: set[str]) -> Sentence:
    """A sentence with its long words, once each, but for names (a capital after the
    sentence's first word: an editor cannot shorten them)."""
    text, line, start, words = measured
    return Sentence(text, line(start), len(words), tuple(dict.fromkeys(
        word for n, word in enumerate(words)
        if word in long and (n == 0 or not word[:1].isupper()))))


SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(]?[A-ZÀ-Ý0-9])")
"""From a sentence's last character to the next one's first (the pattern starts with the
characters that end a sentence, so the regex engine skips to them)."""
ABBREVIATION_MAX = max(map(len, ABBREVIATIONS))


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs: a new sentence after . ! ? and a capital, not after an
    abbreviation such as 'bijv.' or 'o.a.'."""
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        end = match.start() + 1
        if text[end - 1] == "." and _abbreviation_before(text, start, end):
            continue
        found.append((start, text[start:end].strip()))
        start = match.end()
    if text[start:].strip():
        found.append((start, text[start:].strip()))
    return found


SPACE = re.compile(r"\s")


def _abbreviation_before(text: str, start: int, end: int) -> bool:
    """The word before `end` (a full stop) is an abbreviation or a single letter. Only the
    characters just before it are looked at, unless the word is longer than those."""
    word_end = end - 1
    while word_end > start and text[word_end - 1] == ".":
        word_end -= 1
    if word_end - start > ABBREVIATION_MAX and \
            SPACE.search(text, word_end - ABBREVIATION_MAX - 1, word_end) is None:
        return False  # the word (its full stops left out) is longer than any abbreviation
    near = max(start, end - ABBREVIATION_MAX - 4)
    before = text[near:end].rsplit(None, 1)
    if len(before) < 2 and near > start:  # the word may start earlier: all of it
        before = text[start:end].rsplit(None, 1)
    last = before[-1].rstrip(".").lower() if before else ""
    return last in ABBREVIATIONS or (len(last) == 1 and "a" <= last <= "z")


# --- Markdown to prose with line numbers ------------------------------------------------------

LineOf = Callable[[int], int]
"""From an offset in a paragraph's plain text to its line in the body (1-based)."""

FENCE = re.compile(r"^\s*(```|~~~)")
SKIP_LINE = re.compile(r"^\s*(\||#{1,6}\s|!!!|\?\?\?|\{[^}]*\}\s*$|<!--|-{3,}\s*$|\*{3,}\s*$)")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?")
ADDRESS = re.compile(r"<https?://[^>]*>|https?://\S+|www\.\S+")
TAG = re.compile(r"<[^>]+>")
CODE = re.compile(r"`[^`]*`")
EMPHASIS = re.compile(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}")
ATTRIBUTES = re.compile(r"\{[^}]*\}")


def plain_line(line: str) -> str:
    """A line of Markdown as plain text: images, addresses, HTML tags, code and attribute
    lists left out, links as their text, emphasis as its words. Each pattern is tried only
    on a line that holds the characters it needs: most lines have none of them."""
    if "![" in line:
        line = IMAGE.sub("", line)
    if "](" in line:
        line = LINK.sub(r"\1", line)
    if "http" in line or "www." in line:
        line = ADDRESS.sub("", line)
    if "<" in line:
        line = TAG.sub("", line)
    if "`" in line:
        line = CODE.sub("", line)
    if "*" in line or "_" in line:
        line = EMPHASIS.sub("", line)
    if "{" in line:
        line = ATTRIBUTES.sub("", line)
    return line.strip()


def _prose_units(body: str) -> Iterator[tuple[str, LineOf]]:
    """Paragraphs and list items as one line of plain text each, with a function from an
    offset in that text to its body line (1-based). Code, tables and headings are left out."""
    parts: list[tuple[int, str]] = []  # (body line, plain text)
    in_code = False
    for number, raw in enumerate(body.splitlines(), start=1):
        if FENCE.match(raw):
            in_code = not in_code
            yield from _unit(parts)
            parts = []
            continue
        if in_code:
            continue
        if not raw.strip() or SKIP_LINE.match(raw) or ITEM.match(raw):
            yield from _unit(parts)
            parts = []
            if not ITEM.match(raw):
                continue
            raw = ITEM.sub("", raw, count=1)
        text = plain_line(raw)
        if text:
            parts.append((number, text))
    yield from _unit(parts)


def _unit(parts: list[tuple[int, str]]) -> Iterator[tuple[str, LineOf]]:
    if not parts:
        return
    starts, numbers, offset = [], [], 0
    for number, text in parts:
        starts.append(offset)
        numbers.append(number)
        offset += len(text) + 1

    def line(at: int) -> int:
        return numbers[bisect_right(starts, at) - 1]

    yield " ".join(text for _number, text in parts), line


# --- problems for `courant check` --------------------------------------------------------------

Analyse = Callable[[str], Readability]


ItemTextCheck = Callable[[Item, RawSource, Path, Problems], None]


def check_writing(content: Content, sources: Sources, root: Path, problems: Problems,
                  analysed: Analyse = analyse, check_item: ItemTextCheck | None = None) -> None:
    """Add the writing and image warnings of every item and issue; also while there are
    errors, so that one check says everything (a file whose front matter is wrong still has
    its text checked). `analysed`: `analyse`, or what gives the same (the pipeline keeps its
    results between runs, build/cache.py); `check_item`: check_item_text with `analysed`, or
    a memo of it (keyed by item_text_inputs)."""
    check = check_item or partial(check_item_text, score=analysed)
    raws = {raw.path: raw for raw in [*sources.items, *sources.issues]}
    for item in content.items:
        raw = raws.pop(item.source, None)
        if raw is not None:
            check(item, raw, root, problems)
    for issue in content.issues:
        raw = raws.pop(issue.source, None)
        if raw is not None:
            problems.extend(text_warnings(str(raw.path), issue.foreword, raw.body_line,
                                         analysed))
    for raw in raws.values():  # not valid: its text alone
        problems.extend(text_warnings(str(raw.path), raw.body, raw.body_line, analysed))


def check_item_text(item: Item, raw: RawSource, root: Path, problems: Problems,
                    score: Analyse = analyse) -> None:
    problems.extend(item_warnings(item, raw, root, score))


def item_text_inputs(item: Item, raw: RawSource, root: Path) -> str:
    """All that check_item_text reads besides `item` and `raw` themselves (for a memo of
    it, build/cache.py): its image's place on disk, by inode, size and times of change, as
    cache.tree_digest knows a photo."""
    image = ""
    if item.image is not None:
        try:
            info = (root / "content" / item.image.path).stat()
            image = f"{info.st_ino} {info.st_size} {info.st_mtime_ns} {info.st_ctime_ns}"
        except (OSError, ValueError):
            image = "-"
    return image


def item_warnings(item: Item, raw: RawSource, root: Path,
                  score: Analyse = analyse) -> list[Problem]:
    file = str(item.source)
    found = text_warnings(file, item.body, raw.body_line, score)
    if item.summary is not None:
        found.extend(summary_warnings(file, item.summary, raw.line("summary")))
    if item.image is not None:
        found.extend(image_warnings(file, root / "content" / item.image.path, raw.line("image")))
    return found


def _warning(file: str, message: str, key: str | None = None,
             line: int | None = None) -> Problem:
    return Problem(file, message, key, line, Severity.WARNING)


def text_warnings(file: str, body: str, body_line: int,
                  score: Analyse = analyse) -> list[Problem]:
    """The score (when below B1) and every sentence far above B1, with its line in the file."""
    result = score(body)
    found = []
    if result.score is not None and result.score < B1_SCORE:
        found.append(_warning(file, f"leesbaarheid {dutch_score(result.score)} (Flesch-Douma); "
                              f"voor B1 is {B1_SCORE} of hoger het doel. Maak zinnen korter en "
                              "kies kortere, gewone woorden", line=body_line))
    found.extend(_warning(file, sentence_message(s), line=body_line + s.line - 1)
                 for s in result.hard)
    return found


def sentence_message(sentence: Sentence) -> str:
    quoted = sentence.text if len(sentence.text) <= QUOTE else sentence.text[:QUOTE] + "…"
    faults = []
    if sentence.words > LONG_SENTENCE:
        faults.append(f"is {sentence.words} woorden lang; knip hem in tweeën (op B1-niveau is "
                      "een zin liefst hooguit 15 tot 20 woorden)")
    if sentence.long_words:
        words = ", ".join(f"'{w}'" for w in sentence.long_words)
        which = "een heel lang woord" if len(sentence.long_words) == 1 else "heel lange woorden"
        faults.append(f"heeft {which} ({words}); kies een korter woord of zeg het in meer "
                      "woorden")
    return f"de zin \"{quoted}\" " + " en ".join(faults)


def summary_warnings(file: str, summary: str, line: int | None) -> list[Problem]:
    if len(summary) <= SUMMARY_MAX:
        return []
    return [_warning(file, f"is {len(summary)} tekens lang; houd de samenvatting onder "
                     f"{SUMMARY_MAX} tekens (één of twee korte zinnen): de nieuwsbrief en de "
                     "feeds tonen hem helemaal", key="summary", line=line)]


def image_warnings(file: str, path: Path, line: int | None) -> list[Problem]:
    """An item's image is shown large (on its page and in the newsletter): not over 2 MB,
    not under 600 pixels wide."""
    from courant.read.images import image_size

    found = []
    try:
        size = path.stat().st_size
    except OSError:
        return []
    if size > IMAGE_MAX_BYTES:
        found.append(_warning(file, f"{path.name} is {dutch_megabytes(size)} MB; maak de "
                              "afbeelding kleiner dan 2 MB (bijvoorbeeld 1600 pixels breed): "
                              "het origineel staat ook op de site, als download",
                              key="image", line=line))
    dimensions = image_size(path)
    if dimensions is None and path.suffix.lower() != ".svg":
        found.append(_warning(file, f"{path.name} is geen afbeelding die te lezen is (het "
                              "bestand is beschadigd, of van een ander soort dan de naam zegt) "
                              "en staat dan kapot op de site: sla hem opnieuw op als .jpg of "
                              ".png", key="image", line=line))
    elif dimensions is not None and dimensions[0] < IMAGE_MIN_WIDTH:
        found.append(_warning(file, f"{path.name} is maar {dimensions[0]} pixels breed; hij "
                              "wordt groot getoond (op de pagina en in de nieuwsbrief) en wordt "
                              f"dan wazig: kies een afbeelding van minstens {IMAGE_MIN_WIDTH} "
                              "pixels breed", key="image", line=line))
    return found


def dutch_score(score: float) -> str:
    return f"{score:.0f}"


def dutch_megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")
