"""Cleaning HTML that partners see: nh3 (the Rust sanitiser ammonia), with courant's settings.

Editors may write raw HTML inside Markdown. What goes out in mail and feeds (`clean_html`) and
what the partner site shows (`clean_site_html`) keeps only known tags and attributes: no
script or style elements, no event handlers (onclick, onerror, ...), no `style` or `hidden`
attribute that could hide text from a reader, and only web, mail and phone links (never
javascript: or data:).
"""

from __future__ import annotations

from functools import partial
from urllib.parse import urljoin

import nh3

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SITE_TAGS = frozenset(nh3.ALLOWED_TAGS)
"""Tags the partner site keeps: nh3's safe set (no script, style, iframe, form, object)."""
SITE_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    # headings keep their id (the table of contents links to it); classes carry the theme's
    # own markup (admonitions, buttons, courant-meta); `download` names the .ics of an event
    "*": {"id", "class", "title", "lang", "dir"},
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
    """Sanitise a partner site page's content: relative links stay as the site wrote them."""
    return nh3.clean(html, tags=set(SITE_TAGS), attributes=SITE_ATTRIBUTES,
                     url_schemes=set(URL_SCHEMES), link_rel=None)


def _absolute(base_url: str, tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        return urljoin(base_url, value.strip())
    return value
