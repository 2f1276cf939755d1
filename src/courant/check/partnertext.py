"""What partners see, as the editors typed it: intranet addresses, and links in text keys.

Intranet addresses. An editor's link to another source is relative, and the privacy gate
decides per edition what it becomes. An intranet address typed instead
(`<https://intranet…/nieuws/x/>`, a link, raw HTML, a bare address) passes by every rule for
links: it is written as typed, and its path is the file name of a source, often one for staff
only. Partners cannot open the intranet anyway. So in partner-visible sources (their body and
every front matter value), the forewords and departments.yml, the intranet's address may only
stand alone (with `#` or `?` after it at most); an address of a page under it stops the build,
naming the line. A staff passage (`::: medewerkers`) is for staff: its lines are not searched.

The text is searched as a reader's browser would read it: HTML entities and %-escapes decoded,
any scheme or none, the host in any case.

Links in text keys. `title`, `summary` and every other front matter value are text, shown as
written: a link typed there (`summary: Zie [de notitie](x.md)`) is not resolved, so partners
would read the file name it names. In a partner-visible source that is an error naming the key
(for a link to a file courant reads or publishes: `<img src=x>` in a title is just text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from courant import passages
from courant.audience import VISIBLE, Edition
from courant.links import find_links
from courant.markup import dialect
from courant.model import Content
from courant.problems import Problems
from courant.read.files import MARKDOWN_LIKE, PUBLISHED_SUFFIXES, RawSource, Sources
from courant.read.yamlload import texts_in

DEPARTMENTS = "content/departments.yml"
NAMED_SUFFIXES = MARKDOWN_LIKE | PUBLISHED_SUFFIXES


def intranet_page_pattern(site_url: str) -> re.Pattern[str] | None:
    """What names a page of the intranet at `site_url`: its host and path followed by more path
    (not by a `#`, `?`, space or end). None when site_url has no host."""
    parts = urlsplit(site_url)
    if not parts.netloc:
        return None
    prefix = re.escape(parts.netloc + parts.path.rstrip("/"))
    return re.compile(rf"(?<![\w.-]){prefix}/+[^\s#?/<>\"'()\[\]`]", re.IGNORECASE)


SourceCheck = Callable[[RawSource, re.Pattern[str] | None, Problems], None]


def check_partner_text(content: Content, sources: Sources, site_url: str,
                       problems: Problems, check_one: SourceCheck | None = None) -> None:
    """An error for every intranet page address, and every link in a text key, in what
    partners may see. `check_one`: check_source, or a memo of it (keyed by source_inputs)."""
    check = check_one or check_source
    pattern = intranet_page_pattern(site_url)
    partners = VISIBLE[Edition.PARTNERS]
    shown = {item.source for item in content.items if item.audience in partners}
    for raw in sources.items:
        if raw.path in shown:
            check(raw, pattern, problems)
    for raw in sources.issues:  # a foreword is in both editions
        check(raw, pattern, problems)
    for key, text in texts_in(sources.departments):  # shown on the partner site
        if pattern is not None and _names_a_page(pattern, text):
            problems.add(DEPARTMENTS, _message(), key=key.rpartition(".")[2] or None,
                         line=sources.departments_lines.get(key))


def source_inputs(raw: RawSource, pattern: re.Pattern[str] | None) -> str:
    """All that check_source reads besides `raw` itself (for a memo of it, build/cache.py):
    the intranet's address, and the Markdown extensions by which links are found."""
    return repr(("" if pattern is None else pattern.pattern, dialect()))


def check_source(raw: RawSource, pattern: re.Pattern[str] | None,
                 problems: Problems) -> None:
    """One file's text keys and body, partners' view of it (`pattern`: intranet_page_pattern)."""
    for key, text in texts_in(raw.meta):
        if (named := _file_named(text)) is not None:
            problems.add(str(raw.path), _link_in_text(named), key=key, line=raw.line(key))
        if pattern is not None and _names_a_page(pattern, text):
            problems.add(str(raw.path), _message(), key=key, line=raw.line(key))
    if pattern is None:
        return
    staff_only = passages.read(raw.body)  # partners never see a staff passage
    for number, line in enumerate(raw.body.split("\n"), start=1):
        if not staff_only.holds(number) and _names_a_page(pattern, line):
            problems.add(str(raw.path), _message(), line=raw.body_line + number - 1)


def _names_a_page(pattern: re.Pattern[str], text: str) -> bool:
    return pattern.search(unquote(html.unescape(text))) is not None



def _file_named(text: str) -> str | None:
    """The first link in `text` to a file courant reads (.md) or publishes (.png, .pdf, ...)."""
    return next((link.target for link in find_links(text)
                 if PurePosixPath(link.target).suffix.lower() in NAMED_SUFFIXES), None)


def _link_in_text(written: str) -> str:
    return (f'is tekst en wordt getoond zoals je hem typt: de link naar "{written}" zou er '
            "letterlijk staan, met de bestandsnaam, ook voor partners; zet de link in de tekst "
            "onder de kopregels (daar kiest courant per editie wat hij wordt)")


def _message() -> str:
    return ("noemt een adres op het intranet; dit stuk zien ook partners, die het intranet niet "
            "kunnen openen, en het adres noemt de bestandsnaam van een stuk dat alleen voor "
            "medewerkers kan zijn. Link naar het bronbestand, bijvoorbeeld "
            "[tekst](../updates/bestand.md): courant kiest dan per editie het juiste adres "
            "(alleen de tekst waar het stuk niet te zien is)")
