"""The menu of a site: home, the index pages, `extra_nav` and the standing pages by folder.

Items are reached through index pages and kept out of the menu: a menu that lists every item
makes each page render the whole archive, and the build grows quadratically.
"""

from __future__ import annotations

import html
from typing import Any

from courant.audience import EditionContent
from courant.model import Kind, Page
from courant.render.paths import SECTION_DIRS, page_path
from courant.wording import KIND_LABELS

INDEX_TITLES = {kind: KIND_LABELS[kind] for kind in
                (Kind.UPDATE, Kind.INTERVIEW, Kind.EVENT, Kind.READING)}


def site_nav(edition: EditionContent, extra_nav: list[Any]) -> list[Any]:
    """The menu: home, the indexes, departments, the guide, `extra_nav`, standing pages."""
    nav: list[Any] = [{"Home": "index.md"}]
    for kind, title in INDEX_TITLES.items():
        if kind is Kind.EVENT or kind is Kind.READING or edition.of_kind(kind):
            nav.append({title: f"{SECTION_DIRS[kind]}/index.md"})
    nav.append({"Afdelingen": "afdelingen/index.md"})
    nav.append({"Wie benader je waarvoor": "wie-benader-je-waarvoor.md"})
    nav.extend(extra_nav)
    nav.extend(_pages_nav([i for i in edition.items if isinstance(i, Page)]))
    return escaped_nav(nav)


def escaped_nav(nav: list[Any]) -> list[Any]:
    """The menu with every title as HTML text: Material writes a menu title into every page
    unescaped (as it does page.meta.title, see markdown.front), so a page title or folder name
    with `<` or `&` shows as written and never becomes markup."""
    return [{html.escape(str(title)): escaped_nav(target) if isinstance(target, list)
             else target for title, target in entry.items()} if isinstance(entry, dict)
            else entry for entry in nav]


def _pages_nav(pages: list[Page]) -> list[Any]:
    """Standing pages: top-level ones directly, each folder as a menu section."""
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in sorted((p for p in pages if not p.is_home),
                       key=lambda p: (str(p.section), not p.slug.endswith("index"),
                                      p.title.lower())):
        entry = {page.title: page_path(page)}
        if not page.section.parts:
            nav.append(entry)
        else:
            title = page.section.parts[0].replace("-", " ").capitalize()
            if title not in sections:
                sections[title] = []
                nav.append({title: sections[title]})
            sections[title].append(entry)
    return nav


