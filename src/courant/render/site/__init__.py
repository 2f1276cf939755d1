"""EditionContent -> the pages of one site (intranet or public) as plain data (`Site`, in
pages.py): the item pages (items.py), the index pages (indexes.py) and the menu (nav.py)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from courant.audience import EditionContent
from courant.model import Kind, Page
from courant.read.images import ImageSize
from courant.render.site.indexes import (
    agenda_pages,
    department_pages,
    guide_page,
    home_page,
    reading_page,
    section_pages,
)
from courant.render.site.items import home_text, item_page
from courant.render.site.nav import INDEX_TITLES, site_nav
from courant.render.site.pages import Asset, Site, SitePage


def render_site(edition: EditionContent, name: str, url: str, page_size: int,
                home_news: int, extra_pages: tuple[SitePage, ...] = (),
                extra_nav: list[Any] | None = None,
                image_size: ImageSize | None = None) -> Site:
    """All pages of one site. `extra_pages` come from other renderers (newsletter archive);
    `image_size` gives images their width and height."""
    assets: dict[str, PurePosixPath] = {}
    by_source = edition.by_source
    home = next((i for i in edition.of_kind(Kind.PAGE) if isinstance(i, Page) and i.is_home),
                None)
    pages = [item_page(item, edition, by_source, assets, image_size) for item in edition.items
             if item is not home]
    own = home_text(home, edition, by_source, assets, image_size) if home else None
    pages.append(home_page(edition, name, home_news, own))
    pages.extend(section_pages(edition, Kind.UPDATE, INDEX_TITLES[Kind.UPDATE], page_size))
    pages.extend(section_pages(edition, Kind.INTERVIEW, INDEX_TITLES[Kind.INTERVIEW], page_size))
    pages.extend(agenda_pages(edition, page_size))
    pages.append(reading_page(edition))
    pages.extend(department_pages(edition, page_size))
    pages.append(guide_page(edition))
    pages.extend(extra_pages)
    nav = site_nav(edition, extra_nav or [])
    return Site(name, url, tuple(pages), nav,
                tuple(Asset(path, source) for path, source in sorted(assets.items())))
