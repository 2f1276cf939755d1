"""The parts of an item's page around its text: breadcrumbs and layout (front matter), what
an event offers (nothing to sign up for once it is over or cancelled), its subjects, and
related items (same department or subject) to read next.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Any

from courant import wording
from courant.audience import EditionContent
from courant.model import Event, Interview, Item, Kind, Page, Update
from courant.read.images import ImageSize
from courant.render.markdown import esc
from courant.render.paths import (
    SECTION_DIRS,
    event_ics_path,
    page_path,
    relative,
    relative_url,
)
from courant.render.site.chrome import Words
from courant.render.site.lists import ListContext, card_facts, cards, text
from courant.render.site.overviews import HOME, REFERENCE_DIR, crumb, section_title, tag_path

RELATED = 3


def item_meta(item: Item, words: Words, edition: EditionContent) -> dict[str, Any]:
    """Front matter of an item's page: breadcrumbs; a standing page keeps the menu of its
    section and its table of contents, other items are one column of text."""
    if isinstance(item, Page):
        return {"crumbs": page_crumbs(item, words, edition), "layout": "page"}
    folder = SECTION_DIRS[item.kind]
    return {"crumbs": [HOME, crumb(words.index_title(item.kind), f"{folder}/index.md")],
            "hide": ["navigation", "toc"], "layout": "article"}


def page_crumbs(page: Page, words: Words, edition: EditionContent) -> list[dict[str, str]]:
    """Home > Naslag > the page's section (when the section has a page of its own)."""
    crumbs = [HOME, crumb(words.reference, f"{REFERENCE_DIR}/index.md")]
    if page.section.parts and not page.slug.endswith("index"):
        top = page.section.parts[0]
        own = next((p for p in edition.of_kind(Kind.PAGE) if isinstance(p, Page)
                    and p.slug in {f"{top}/index", top}), None)
        if own is not None:
            crumbs.append(crumb(own.title if own.title else section_title(page),
                                f"{top}/index.md"))
    return crumbs


def is_over(event: Event, today: date) -> bool:
    return event.end_day < today


def event_details(event: Event, words: Words, today: date,
                  series: tuple[str, str] | None = None) -> str:
    """When and where; online and registration links and the event's own .ics only while
    they mean something: not for an event that is over, nor for a cancelled one; no
    registration once it is full. `series`: its series' title and page (render/series.py)."""
    lines = []
    over = is_over(event, today)
    if event.cancelled:
        lines.append(f'!!! danger "{wording.CANCELLED}"\n    Deze bijeenkomst gaat niet door.\n')
    elif over:
        lines.append('!!! note "Voorbij"\n    Deze bijeenkomst is voorbij.\n')
    elif event.full:
        lines.append(f'!!! warning "{wording.FULL}"\n    Deze bijeenkomst is vol: er zijn geen '
                     "plaatsen meer vrij.\n")
    open_for_all = not (event.cancelled or over)
    rows = [("Wanneer", text(wording.when(event)))]
    if series is not None:
        href = html.escape(relative_url(page_path(event), series[1]))
        rows.append(("Reeks", f'<a href="{href}">{text(series[0])}</a>'))
    elif event.series:
        rows.append(("Reeks", text(event.series)))
    if event.location:
        rows.append(("Waar", text(event.location)))
    if event.online and open_for_all:
        rows.append(("Online", f'<a href="{html.escape(event.online)}">Deelnemen via de online '
                     "link</a>"))
    if event.registration and open_for_all:
        rows.append(("Aanmelden", "vol: er zijn geen plaatsen meer vrij" if event.full else
                     f'<a href="{html.escape(event.registration)}">Aanmelden voor '
                     f"{text(event.title)}</a>"))
    lines.append('<dl class="courant-facts">' + "".join(
        f"<div><dt>{key}</dt><dd>{value}</dd></div>" for key, value in rows) + "</dl>\n")
    if open_for_all:  # render/calendar.py publishes the event's own .ics beside this page
        href = html.escape(relative_url(page_path(event), event_ics_path(event)))
        label = "Zet in uw agenda" if words.partners else "Zet in je agenda"
        lines.append(f'<p class="courant-actions" data-search-exclude><a class="md-button" '
                     f'href="{href}" download="{html.escape(event.slug)}.ics">{label}</a></p>\n')
    return "\n".join(lines)


def tag_links(item: Item, path: str) -> str:
    """The item's subjects, each a link to its page (render/overviews.tag_pages)."""
    if not item.tags:
        return ""
    links = ", ".join(f"[{esc(tag)}]({relative(path, tag_path(tag))})"
                      for tag in dict.fromkeys(item.tags))
    return f"\nOnderwerpen: {links}\n{{ .courant-tags }}\n"


class Related:
    """Per department and per subject, the edition's items newest first: an item's page
    shows a few of them (found in time linear in the number of items)."""

    def __init__(self, edition: EditionContent, newest: Sequence[Item]) -> None:
        self.by_key: dict[str, list[Item]] = {}
        self.keys_of: dict[int, tuple[Item, list[str]]] = {}  # by identity, with the item
        for item in newest:
            if item.kind is Kind.PAGE:
                continue
            keys = self.keys(item)
            self.keys_of[id(item)] = (item, keys)
            for key in keys:
                self.by_key.setdefault(key, []).append(item)

    @staticmethod
    def keys(item: Item) -> list[str]:
        keys = [f"tag:{tag.lower()}" for tag in item.tags]
        if isinstance(item, Update):
            keys.append(f"department:{item.department}")
        if isinstance(item, Interview) and item.person.department:
            keys.append(f"department:{item.person.department}")
        return keys

    def of(self, item: Item) -> tuple[Item, ...]:
        if item.kind is Kind.PAGE:
            return ()
        found: dict[int, Item] = {}
        known = self.keys_of.get(id(item))
        for key in known[1] if known is not None and known[0] is item else self.keys(item):
            for other in self.by_key.get(key, [])[:RELATED + 1]:
                if other is not item:
                    found.setdefault(id(other), other)
        ordered = sorted(found.values(), key=lambda i: (i.date is not None, i.date, i.title),
                         reverse=True)
        return tuple(ordered[:RELATED])


def related_block(related: Sequence[Item], edition: EditionContent, words: Words,
                  image_size: ImageSize | None, path: str) -> str:
    """'Ook interessant': the related items' cards, without text. Remembered for the items
    (the same text, the same object: an item page's key holds it), and made again of the
    cards (each remembered by itself) when one of them changed."""
    if not related:
        return ""
    context = ListContext(edition, words, image_size, path, level=3)
    key = (path, words.partners, tuple(card_facts(item, context) for item in related))
    return edition.remember("related", tuple(related), key, lambda: (
        "\n## Ook interessant { data-search-exclude }\n\n"
        + cards(related, context, "courant-cards--small", with_text=False)))
