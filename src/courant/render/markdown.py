"""Small builders for the Markdown courant generates (front matter, meta lines, list entries)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from courant import wording
from courant.markup import escape_text
from courant.model import Event, Item
from courant.render.paths import page_path, relative, teaser

esc = escape_text
NOT_YAML_AS_IS = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""What JSON writes as it is but YAML reads otherwise: control characters YAML does not allow
in a file, and the line breaks it folds inside a quoted string (NEL, U+2028, U+2029)."""


def front(title: str, description: str | None = None, **extra: Any) -> str:
    """YAML front matter for a generated page, written as JSON (which YAML reads as it is:
    PyYAML's representer took ten times as long, a twentieth of a build at 10,000 items).

    Material writes `page.meta.title` and `page.meta.description` into the HTML unescaped
    (in <title>, the header and a content="" attribute), so they are escaped here: an editor's
    `<`, `&` or quote then shows as the character it is.
    """
    data: dict[str, Any] = {"title": html.escape(title)}
    if description:
        data["description"] = html.escape(description)
    data.update(extra)
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return "---\n" + NOT_YAML_AS_IS.sub(_escaped, text) + "\n---\n"


def _escaped(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def meta_line(bits: list[str]) -> str:
    """A paragraph of small facts under a title: '28 november 2026 · Werk en Inkomen'."""
    return " · ".join(b for b in bits if b) + "\n{ .courant-meta }\n"


def entry(item: Item, from_page: str, level: int = 2, department: str | None = None) -> str:
    """One item in a list: linked title, date (and department), teaser."""
    title = esc(item.title)
    if isinstance(item, Event) and item.cancelled:
        title = f"{wording.CANCELLED}: {title}"
    if item.draft:
        title += " (concept)"
    bits: list[str] = []
    if isinstance(item, Event):
        bits.append(wording.when(item))
        if item.location:
            bits.append(esc(item.location))
    elif item.date:
        bits.append(wording.day(item.date))
    if department:
        bits.append(esc(department))
    text = teaser(item)
    return "\n".join([
        f"{'#' * level} [{title}]({relative(from_page, page_path(item))})\n",
        meta_line(bits),
        esc(text) + "\n" if text else "",
    ])
