"""E-mail addresses and phone numbers in a page's text as links a phone can follow.

Editors write "mail geldzaken@waalstad.nl of bel 14 0488" as plain text; on a phone that is
something to copy by hand. In the HTML of a site page (after the engine made it, before the
search index reads it) each such address becomes a mailto: link and each Dutch phone number
a tel: link. Text inside a link, code, a script or a form field is left alone, and so is
anything that only looks like a number (a date, a time, a room number): a phone number is
the municipal 14 number, 0800 or 0900 with four to seven digits, or ten digits from 0 (or
+31 and nine).
"""

from __future__ import annotations

import re
from html import escape, unescape

from courant.sanitize import clean_site_html, unclobber

PARTS = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
LEFT_ALONE = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style", "textarea",
                        "select", "option", "button", "label", "title", "svg", "math"})
EMAIL = re.compile(r"(?<![\w.+%@/:=-])[\w.+%-]+@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,}"
                   r"(?![\w@-])")
PHONE = re.compile(r"(?<![\w+/.,:-])(?:\+31[ -]?|\()?\d[\d ()-]{3,14}\d(?![\w/:-]|[.,]\d)")


def phone_digits(text: str) -> str | None:
    """The digits to dial, if `text` is a Dutch phone number; else None."""
    if text.count("(") != text.count(")"):
        return None
    digits = re.sub(r"[^\d+]", "", text)
    if re.fullmatch(r"140\d{2,3}|0[89]00\d{4,7}|0[1-9]\d{8}|\+31[1-9]\d{8}", digits):
        return digits
    return None


def _linked_text(text: str) -> str:
    """A run of text with its addresses and numbers linked (entities decoded to find them,
    and the text written back escaped)."""
    if "@" not in text and not any(c.isdigit() for c in text):
        return text
    plain = unescape(text)
    escaped = plain != text

    def shown(part: str) -> str:
        return escape(part, quote=False) if escaped else part

    found = sorted([*((m.start(), m.end(), "mailto:") for m in EMAIL.finditer(plain)),
                    *((m.start(), m.end(), "tel:") for m in PHONE.finditer(plain))])
    out, index = [], 0
    for start, end, scheme in found:
        if start < index:
            continue
        part = plain[start:end]
        target = part if scheme == "mailto:" else phone_digits(part)
        if target is None:
            continue
        out.append(shown(plain[index:start]))
        out.append(f'<a href="{scheme}{escape(target)}">{shown(part)}</a>')
        index = end
    if not out:
        return text
    out.append(shown(plain[index:]))
    return "".join(out)


def tappable(html: str) -> str:
    """`html` with the addresses and phone numbers in its text as links."""
    if "@" not in html and not re.search(r"\d{2}", html):
        return html
    out: list[str] = []
    skipping: list[str] = []
    for part in PARTS.split(html):
        if not part:
            continue
        if part.startswith("<"):
            tag = TAG.match(part)
            if tag is not None and tag.group(2).lower() in LEFT_ALONE \
                    and not part.endswith("/>"):
                name = tag.group(2).lower()
                if tag.group(1):
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name):]
                else:
                    skipping.append(name)
            out.append(part)
        else:
            out.append(part if skipping else _linked_text(part))
    return "".join(out)


def partner_page_html(html: str) -> str:
    """A partner page's content: sanitised (sanitize.clean_site_html), then made tappable."""
    return tappable(clean_site_html(html))


def intranet_page_html(html: str) -> str:
    """An intranet page's content: the editors' HTML less clobbering ids, made tappable."""
    return tappable(unclobber(html))
