"""Accessibility help for `courant check`: what the sources show before anything is built.

Warnings with file and line (never errors; `courant check --strict` makes them fail):
- alt text that is empty, a file name or a word like "foto" (a screen reader reads it out);
- link text that says nothing out of context ("klik hier", "lees meer") or is a web address,
  and a bare web address in the text (it does not become a link);
- headings that skip a level, or a '#' heading in the text (the title is the page's only h1);
- links that partners are shown but cannot open (to the intranet, in a partner item);
- the contrast of the colours in the project's CSS (courant.check.contrast).
`courant audit` checks the built pages themselves.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import partial
from itertools import accumulate
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from courant import passages
from courant.check.contrast import Pair, darker, luminance, palette_pairs, parse, rule_pairs
from courant.model import Audience, Content, Event, Item, ReadingTip
from courant.problems import Problem, Problems, Severity
from courant.read.files import RawSource, Sources

# possessive (*+): with plain * a '(' that never closes made every split of the rest a try,
# and a 20 KB line of '[a](' took minutes; a match is the same either way
IMAGE = re.compile(r"!\[([^\]]*+)\]\(\s*+<?([^)\s>]*+)>?[^)]*+\)")
LINK = re.compile(r"(?<!!)\[([^\]]++)\]\(\s*+<?([^)\s>]*+)>?[^)]*+\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
BARE_URL = re.compile(r"(?<![(<\[\"'=/])\b(https?://[^\s)<>\]]+|www\.[a-z0-9-]+\.[a-z]{2,}\S*)",
                      re.IGNORECASE)
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HEADING = re.compile(r"^(#{1,6})\s+\S")
MAYBE = re.compile(r"^#|[\[<]|https?:|www\.", re.IGNORECASE)  # a line worth the checks below
INTERESTING = re.compile(r"[#\[<:]")  # fast to scan for
SLOW_PATH = ("`", "~~~", "\n    ", "\t")  # code: line by line

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`[^`]*`")
IMAGE_FILE = re.compile(r"^[\w.-]+\.(jpe?g|png|gif|webp|svg|avif|tiff?|bmp|heic)$", re.IGNORECASE)
CAMERA_NAME = re.compile(r"^(img|dsc|dscn|pxl|photo|image|foto|scan)[_ -]?\d+$", re.IGNORECASE)
VAGUE_ALT = frozenset({"afbeelding", "foto", "plaatje", "image", "img", "picture", "logo",
                       "illustratie", "figuur", "beeld", "portret", "photo"})
VAGUE_LINK = frozenset({
    "klik hier", "hier", "klik", "klik op deze link", "lees meer", "lees verder", "meer",
    "meer informatie", "meer info", "info", "link", "deze link", "via deze link", "pagina",
    "deze pagina", "website", "deze website", "download", "bekijk", "bekijk hier",
    "click here", "here", "read more", "more", "more info",
})


ItemA11yCheck = Callable[[Item, RawSource, str, Problems], None]


def check_a11y(content: Content, sources: Sources, root: Path, intranet_url: str,
               problems: Problems, findings: Callable[[str], Found] | None = None,
               check_item: ItemA11yCheck | None = None,
               pairs_of: CssPairs | None = None) -> None:
    """Add the accessibility warnings of every item, every foreword and the project's CSS;
    also while there are errors, so that one check says everything (a file whose front matter
    is wrong still has its text checked). `check_item`: check_item_a11y with `findings`, or
    a memo of it (keyed by item_a11y_inputs); `pairs_of`: css_pairs, or a memo of it."""
    raws = {raw.path: raw for raw in [*sources.items, *sources.issues]}
    host = urlsplit(intranet_url).netloc
    find = findings or body_findings  # or what gives the same (the pipeline keeps results)
    check = check_item or partial(check_item_a11y, findings=find)
    for item in content.items:
        raw = raws.pop(item.source, None)
        if raw is not None:
            check(item, raw, host, problems)
    for issue in content.issues:
        raw = raws.pop(issue.source, None)
        if raw is not None:
            problems.extend(body_warnings(str(issue.source), issue.foreword, raw.body_line,
                                          find))
    for raw in raws.values():  # not valid: its text alone
        problems.extend(body_warnings(str(raw.path), raw.body, raw.body_line, find))
    problems.extend(colour_warnings(root, pairs_of or css_pairs))


def check_item_a11y(item: Item, raw: RawSource, intranet_host: str, problems: Problems,
                    findings: Callable[[str], Found] | None = None) -> None:
    problems.extend(item_warnings(item, raw, intranet_host, findings))


def item_a11y_inputs(item: Item, raw: RawSource, intranet_host: str) -> str:
    """All that check_item_a11y reads besides `item` and `raw` themselves (for a memo of
    it, build/cache.py): the intranet's host."""
    return intranet_host


def item_warnings(item: Item, raw: RawSource, intranet_host: str = "",
                  findings: Callable[[str], Found] | None = None) -> list[Problem]:
    file = str(item.source)
    found = body_warnings(file, item.body, raw.body_line, findings)
    if item.image is not None:
        found.extend(alt_warnings(file, item.image.alt, item.image.path.name,
                                  raw.line("image_alt"), key="image_alt"))
    if intranet_host and item.audience is not Audience.STAFF:
        found.extend(intranet_link_warnings(item, raw, intranet_host))
    return found


def body_warnings(file: str, body: str, body_line: int,
                  findings: Callable[[str], Found] | None = None) -> list[Problem]:
    """Alt texts, link texts, bare addresses and headings of a Markdown text."""
    return [_warning(file, body_line + line - 1, message)
            for line, message in (findings or body_findings)(body)]


Found = tuple[tuple[int, str], ...]
"""(line in the text, message) of each finding."""


def body_findings(body: str) -> Found:
    found: list[tuple[int, str]] = []
    level = 1  # the title is the h1
    for at, line in _candidate_lines(body):
        for alt, src in IMAGE.findall(line):
            found.extend((at, p.message) for p in alt_warnings("", alt, PurePosixPath(src).name,
                                                                at))
        for tag in HTML_IMG.findall(line):
            found.extend((at, p.message) for p in _html_img_warnings("", tag, at))
        for text, _ in LINK.findall(IMAGE.sub("", line)):
            found.extend((at, p.message) for p in link_text_warnings("", text, at))
        for url in AUTOLINK.findall(line):
            found.append((at, f"de link <{url}> toont alleen het webadres; schrijf [waar de "
                              f"link heen gaat]({url})"))
        found.extend((at, f"'{url}' is een los webadres: het wordt geen link en een "
                          "schermlezer leest het letter voor letter voor; schrijf [waar de "
                          f"link heen gaat]({url})")
                     for url in BARE_URL.findall(LINK.sub("", AUTOLINK.sub("", line))))
        heading = HEADING.match(line)
        if heading:
            new = len(heading.group(1))
            found.extend((at, p.message) for p in heading_warnings("", new, level, at))
            level = new
    return tuple(found)


def _candidate_lines(body: str) -> Iterator[tuple[int, str]]:
    """The lines worth a look (a heading, a bracket, an address), found with one search over
    the whole text: most lines are plain prose. A text with code goes line by line."""
    if any(sign in body for sign in SLOW_PATH) or _bare_www(body):
        yield from ((n, line) for n, line in _prose_lines(body) if MAYBE.search(line))
        return
    hits = [match.start() for match in INTERESTING.finditer(body)]
    if not hits:
        return
    lines = body.splitlines(keepends=True)
    ends = list(accumulate(map(len, lines)))
    seen = -1
    for hit in hits:
        index = bisect_right(ends, hit)
        if index != seen and index < len(lines):
            seen = index
            line = lines[index].rstrip("\r\n")
            if MAYBE.search(line):
                yield index + 1, line


def _bare_www(body: str) -> bool:
    """An address written as www.… without '://' before it (the fast search looks for ':')."""
    lowered = body.lower()
    return lowered.count("www.") > lowered.count("//www.")


def _prose_lines(body: str) -> Iterator[tuple[int, str]]:
    """(1-based line, text without code spans) outside fenced code blocks."""
    fenced = False
    for number, line in enumerate(body.splitlines(), start=1):
        if "`" in line or "~~~" in line:
            if FENCE.match(line):
                fenced = not fenced
                continue
            line = CODE_SPAN.sub("", line)
        if not fenced and not line.startswith(("    ", "\t")):
            yield number, line


def heading_warnings(file: str, level: int, previous: int, line: int) -> list[Problem]:
    if level == 1:
        return [_warning(file, line, "een kop met één # is even belangrijk als de titel; de "
                         "titel is de enige hoofdkop van de pagina: begin kopjes met ##")]
    if level > previous + 1:
        return [_warning(file, line, f"de kop springt van niveau {previous} naar {level} "
                         f"({'#' * level}); een schermlezer mist dan een niveau: schrijf "
                         f"{'#' * (previous + 1)}")]
    return []


def alt_warnings(file: str, alt: str, image_name: str, line: int | None,
                 key: str | None = None) -> list[Problem]:
    """Alt text says what the image shows: not empty, not its file name, not just 'foto'."""
    text = alt.strip()
    name = PurePosixPath(image_name)
    what = f"de alt-tekst van {image_name}" if image_name else "de alt-tekst"
    if not text:
        message = f"{what} is leeg; beschrijf in een zin wat er op de afbeelding te zien is"
    elif text.lower() in {name.name.lower(), name.stem.lower()} or IMAGE_FILE.match(text) \
            or CAMERA_NAME.match(text):
        message = (f"{what} is een bestandsnaam ('{text}'); een schermlezer leest die voor. "
                   "Beschrijf wat er te zien is")
    elif text.lower().strip(".") in VAGUE_ALT:
        message = (f"{what} zegt alleen '{text}'; beschrijf wat er te zien is, bijvoorbeeld "
                   "'Twee collega's aan de balie van het stadskantoor'")
    else:
        return []
    return [Problem(file, message, key, line, Severity.WARNING)]


def _html_img_warnings(file: str, tag: str, line: int) -> list[Problem]:
    alt = re.search(r"\balt\s*=\s*(\"([^\"]*)\"|'([^']*)')", tag, re.IGNORECASE)
    src = re.search(r"\bsrc\s*=\s*[\"']([^\"']*)", tag, re.IGNORECASE)
    name = PurePosixPath(src.group(1)).name if src else ""
    if alt is None:
        return [_warning(file, line, f"<img> {name} heeft geen alt-tekst; schrijf alt=\"wat er "
                         "te zien is\" (of alt=\"\" als het alleen versiering is)")]
    text = alt.group(2) if alt.group(2) is not None else alt.group(3)
    return alt_warnings(file, text, name, line) if text.strip() else []  # alt="": decoration


def link_text_warnings(file: str, text: str, line: int) -> list[Problem]:
    plain = re.sub(r"[*_`]", "", text).strip()
    if plain.lower().rstrip(".!:…") in VAGUE_LINK:
        return [_warning(file, line, f"de linktekst '{plain}' zegt niet waar de link heen "
                         "gaat (wie met een schermlezer alle links opsomt, hoort alleen "
                         f"'{plain}'); schrijf bijvoorbeeld [aanmelden voor de training](…)")]
    if re.match(r"^(https?://|www\.)\S+$", plain, re.IGNORECASE):
        return [_warning(file, line, f"de linktekst is een webadres ('{plain}'); schrijf "
                         "waar de link heen gaat, bijvoorbeeld [de regeling op waalstad.nl](…)")]
    return []


def intranet_link_warnings(item: Item, raw: RawSource, intranet_host: str) -> list[Problem]:
    """A partner item (audience partners or all) that links into the intranet: partners see
    the link on the public site and in their mail, but cannot open it."""
    file = str(item.source)
    keys: dict[str, str | None] = {}
    if isinstance(item, Event):
        keys = {"online": item.online, "registration": item.registration}
    elif isinstance(item, ReadingTip):
        keys = {"link": item.link}
    found = [Problem(file, f"'{url}' staat op het intranet: partners zien deze link wel, maar "
                     "kunnen hem niet openen. Kies een adres dat partners kunnen bereiken",
                     key, raw.line(key), Severity.WARNING)
             for key, url in keys.items() if url and urlsplit(url).netloc == intranet_host]
    if intranet_host not in item.body:
        return found
    staff_only = passages.read(item.body)  # partners never see a staff passage's links
    for number, line in _prose_lines(item.body):
        if staff_only.holds(number):
            continue
        for _, url in LINK.findall(line):
            if urlsplit(url).netloc == intranet_host:
                found.append(_warning(file, raw.body_line + number - 1, f"'{url}' staat op het "
                                      "intranet: partners zien deze link, maar kunnen hem niet "
                                      "openen"))
    return found


CssPairs = Callable[[str], tuple[tuple[Pair, ...], tuple[Pair, ...]]]
"""css_pairs' shape: what colour_warnings reads a stylesheet with (a memo of it, by the
stylesheet's text, in the pipeline)."""


def css_pairs(css: str) -> tuple[tuple[Pair, ...], tuple[Pair, ...]]:
    """The colour pairs of a stylesheet: its palette's, and its rules'."""
    return tuple(palette_pairs(css)), tuple(rule_pairs(css))


def colour_warnings(root: Path, pairs_of: CssPairs = css_pairs) -> list[Problem]:
    """Text colours of the project's CSS against their backgrounds (theme and mail)."""
    found = []
    theme = root / "theme" / "overrides"
    for path in sorted(theme.rglob("*.css")) if theme.is_dir() else []:
        palette, rules = pairs_of(path.read_text(encoding="utf-8", errors="replace"))
        found += [_contrast_problem(root, path, pair) for pair in [*palette, *rules]
                  if not pair.passes]
    mail = root / "theme" / "email" / "email.css"
    if mail.is_file():
        _, rules = pairs_of(mail.read_text(encoding="utf-8", errors="replace"))
        found += [_contrast_problem(root, mail, pair) for pair in rules if not pair.passes]
    return found


def _contrast_problem(root: Path, path: Path, pair: Pair) -> Problem:
    text, back = parse(pair.text), parse(pair.background)
    if text and back and luminance(back) < luminance(text):  # light text: darken the ground
        fix = f"een donkerdere achtergrond, zoals {darker(back, text, pair.needed)}"
    else:
        fix = f"een donkerdere tekstkleur, zoals {darker(text, back, pair.needed)}" \
            if text and back else "een donkerdere tekstkleur"
    return Problem(path.relative_to(root).as_posix(),
                   f"{pair.what}: tekst {pair.text} op {pair.background} heeft een contrast "
                   f"van {_number(pair.ratio)}:1; nodig is {_number(pair.needed)}:1 (WCAG "
                   f"1.4.3). Kies {fix}", None, pair.line or None, Severity.WARNING)


def _number(value: float) -> str:
    """4.5 -> '4,5'; 2.054 -> '2,05' (Dutch decimal comma)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")


def _warning(file: str, line: int, message: str) -> Problem:
    return Problem(file, message, None, line, Severity.WARNING)
