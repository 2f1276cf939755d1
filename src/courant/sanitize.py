"""Cleaning HTML that partners see: nh3 (the Rust sanitiser ammonia), with courant's settings.

Editors may write raw HTML inside Markdown. What goes out in mail and feeds (`clean_html`) and
what the partner site shows (`clean_site_html`) keeps only known tags and attributes: no
script or style elements, no event handlers (onclick, onerror, ...), no `style` or `hidden`
attribute that could hide text from a reader, and only web, mail and phone links (never
javascript: or data:).
"""

from __future__ import annotations

import re
from functools import partial
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin

import nh3

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})
"""webcal: subscribes a calendar program to the agenda (the agenda's and each series' own link)."""
SITE_TAGS = frozenset(nh3.ALLOWED_TAGS)
"""Tags the partner site keeps: nh3's safe set (no script, style, iframe, form, object)."""
SITE_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    # headings keep their id (the table of contents links to it); classes carry the theme's
    # own markup (admonitions, buttons, courant-meta); `download` names the .ics of an event;
    # data-search-exclude keeps a list of teasers out of the site's search
    "*": {"id", "class", "title", "lang", "dir", "data-search-exclude"},
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "td": set(nh3.ALLOWED_ATTRIBUTES["td"]),
    "th": set(nh3.ALLOWED_ATTRIBUTES["th"]),
}


def clean_html(html: str, base_url: str) -> str:
    """Sanitise `html` for another program (mail client, feed reader): relative URLs are
    resolved against `base_url` (the page it belongs to), as there is no page around it."""
    return nh3.clean(html, attribute_filter=partial(_absolute, base_url),
                     url_schemes=set(URL_SCHEMES))


def clean_site_html(html: str) -> str:
    """Sanitise a partner site page's content: relative links stay as the site wrote them;
    no id that could take the place of one of the theme's own (see `clobbers`)."""
    return nh3.clean(html, tags=set(SITE_TAGS), attributes=SITE_ATTRIBUTES,
                     url_schemes=set(URL_SCHEMES), link_rel=None, attribute_filter=_unclobbered)


def clobbers(attribute: str, value: str) -> bool:
    """Would this id or name take the place of the theme's own element or script variable?

    Material finds its configuration as `#__config` (the first in the page: an editor's
    element before it would replace it, and its search would load what that names), its
    drawer, search and menu switches as `__drawer`, `__search`, `__toc`, `__nav_*`, and keeps
    its functions as `__md_*` on window, which an element's id or name can shadow (DOM
    clobbering). Everything the theme names begins with an underscore; nothing an editor
    needs does (a heading 'Over __init__' gets the id 'over-__init__')."""
    return attribute in {"id", "name"} and value.strip().startswith("_")


def _unclobbered(tag: str, attribute: str, value: str) -> str | None:
    return None if clobbers(attribute, value) else value


def _absolute(base_url: str, tag: str, attribute: str, value: str) -> str | None:
    if clobbers(attribute, value):
        return None
    if attribute in URL_ATTRIBUTES:
        return urljoin(base_url, value.strip())
    return value


CLOBBER_HINT = re.compile(r"""=\s+["']?\s*_|=\s*["']\s+_""")


def unclobber(html: str) -> str:
    """The intranet's page content as the editors wrote it (scripts included: staff pages are
    not sanitised), less any id or name that `clobbers` the theme: a heading '__config' must
    not stop the intranet's search."""
    if "_" not in html or ('="_' not in html and "='_" not in html and "=_" not in html
                           and CLOBBER_HINT.search(html) is None):
        return html  # nearly every page: a few searches at C speed, no parse
    tags = _StartTags()
    tags.feed(html)
    tags.close()
    out, index = [], 0
    for start, raw in tags.found:
        out.append(html[index:start])
        out.append(_without_clobbering(raw))
        index = start + len(raw)
    out.append(html[index:])
    return "".join(out)


ATTRIBUTE = re.compile(r"""(?P<space>[\s/]+)(?P<name>[^\s"'>/=]+)"""
                       r"""(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _without_clobbering(raw: str) -> str:
    """A start tag without its clobbering attributes, read one attribute after another."""
    name = re.match(r"<[^\s/>]+", raw)
    index = name.end() if name else 1
    out = [raw[:index]]
    for match in ATTRIBUTE.finditer(raw, index):
        if match.start() != index:
            break
        value = (match.group("value") or "").strip("\"'")
        if not clobbers(match.group("name").lower(), unescape(value)):
            out.append(match.group())
        index = match.end()
    out.append(raw[index:])
    return "".join(out)


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.lines: list[int] = []
        self.found: list[tuple[int, str]] = []

    def feed(self, data: str) -> None:
        self.lines = [0] + [m.end() for m in re.finditer("\n", data)]
        super().feed(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, column = self.getpos()
        self.found.append((self.lines[line - 1] + column, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag
