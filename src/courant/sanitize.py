"""HTML that leaves courant for someone else's program (feed readers, mail clients).

Editors may write raw HTML inside Markdown. What goes out keeps only nh3's safe tags and
attributes, only web, mail and phone links, and every link and image absolute: a feed reader or
mail client has no page to resolve a relative URL against.
"""

from __future__ import annotations

from functools import partial
from urllib.parse import urljoin

import nh3

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def clean_html(html: str, base_url: str) -> str:
    """Sanitise `html`; relative URLs are resolved against `base_url` (the page it belongs to)."""
    return nh3.clean(html, attribute_filter=partial(_absolute, base_url),
                     url_schemes=set(URL_SCHEMES))


def _absolute(base_url: str, tag: str, attribute: str, value: str) -> str | None:
    if attribute in URL_ATTRIBUTES:
        return urljoin(base_url, value.strip())
    return value
