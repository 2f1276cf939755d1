"""The menu of a site: home, the overviews, departments with the guide, the newsletter, and
the standing pages under one section (Naslag, for partners Informatie).

Items are reached through index pages and kept out of the menu: a menu that lists every item
makes each page render the whole archive, and the build grows quadratically.
"""

from __future__ import annotations

import html
from typing import Any

from courant.audience import EditionContent
from courant.model import Kind, Page
from courant.render.paths import SECTION_DIRS, page_path
from courant.render.series import SERIES_DIR, edition_series
from courant.render.site.chrome import INDEX_TITLES, Words
from courant.render.site.overviews import REFERENCE_DIR

COURANT_PAGES = frozenset({"nieuwsbrief-ontvangen.md", "privacy.md", "toegankelijkheid.md"})
"""Pages courant makes itself (an editor's page at that path replaces courant's): the menu
has them in their own place, never among the standing pages."""


def site_nav(edition: EditionContent, words: Words, reference: bool) -> list[Any]:
    """The menu: courant's sections, then the standing pages under one section (Naslag);
    Privacy and Toegankelijkheid are in every page's footer."""
    nav: list[Any] = [{"Home": "index.md"}]
    for kind in INDEX_TITLES:
        if kind is Kind.EVENT or kind is Kind.READING or edition.of_kind(kind):
            nav.append({words.index_title(kind): f"{SECTION_DIRS[kind]}/index.md"})
        if kind is Kind.EVENT and edition_series(edition):
            nav.append({"Reeksen": f"{SERIES_DIR}/index.md"})
    nav.append({"Afdelingen": ["afdelingen/index.md",
                               {words.guide: "wie-benader-je-waarvoor.md"}]})
    nav.append({"Nieuwsbrief": ["nieuwsbrief/index.md",
                                {"Nieuwsbrief ontvangen": "nieuwsbrief-ontvangen.md"}]})
    standing = _pages_nav([i for i in edition.items if isinstance(i, Page)
                           and page_path(i) not in COURANT_PAGES])
    if reference:
        nav.append({words.reference: [f"{REFERENCE_DIR}/index.md", *standing]})
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
