"""EditionContent -> the pages of one site (intranet or public) as plain data (`Site`, in
pages.py): the item pages (items.py, with what surrounds an item's text in itempage.py), the
home page (home.py), the overviews and tag pages (overviews.py, indexes.py; entries as cards
and date tiles by lists.py), the menu (nav.py) and each site's own words, header, footer and
404 page (chrome.py)."""

from __future__ import annotations

from pathlib import PurePosixPath

from courant.audience import EditionContent
from courant.model import Kind, Page
from courant.read.config import Config
from courant.read.images import ImageSize
from courant.render.site.advisers import adviser_pages
from courant.render.site.chrome import words_for
from courant.render.site.home import home_page
from courant.render.site.indexes import department_pages, guide_page, newest_first
from courant.render.site.itempage import Related
from courant.render.site.items import home_text, item_page
from courant.render.site.nav import site_nav
from courant.render.site.overviews import (
    agenda_overview,
    reading_overview,
    reference_page,
    section_overview,
    tag_pages,
)
from courant.render.site.pages import Asset, Site, SitePage
from courant.render.site.series import series_links, series_pages


def render_site(edition: EditionContent, config: Config, name: str, url: str,
                extra_pages: tuple[SitePage, ...] = (),
                image_size: ImageSize | None = None) -> Site:
    """All pages of one site. `extra_pages` come from other renderers (newsletter archive);
    `image_size` gives images their width and height."""
    assets: dict[str, PurePosixPath] = {}
    by_source = edition.by_source
    words = words_for(edition.for_partners)
    page_size = config.settings.page_size
    home = next((i for i in edition.of_kind(Kind.PAGE) if isinstance(i, Page) and i.is_home),
                None)
    newest = newest_first(edition.items)
    related = Related(edition, newest)
    pages = [item_page(item, edition, by_source, assets, image_size, related.of(item))
             for item in edition.items if item is not home]
    own = home_text(home, edition, by_source, assets, image_size) if home else None
    pages.append(home_page(edition, config, words, own, image_size))
    for kind in (Kind.UPDATE, Kind.INTERVIEW):
        pages.extend(section_overview(edition, kind, words, image_size, page_size))
    pages.extend(agenda_overview(edition, words, url, page_size,
                                 series_links(edition, "agenda/index.md")))
    pages.append(reading_overview(edition, words, image_size))
    pages.extend(department_pages(edition, page_size, words, image_size))
    pages.extend(series_pages(edition, url))
    pages.append(guide_page(edition, words))
    pages.extend(adviser_pages(edition))
    if edition.of_kind(Kind.BOOKLET):
        pages.extend(section_overview(edition, Kind.BOOKLET, words, image_size, page_size))
    pages.extend(tag_pages(edition, words, image_size, page_size, newest))
    reference = reference_page(edition, words)
    pages.extend([reference] if reference else [])
    pages.extend(extra_pages)
    nav = site_nav(edition, words, reference is not None)
    return Site(name, url, tuple(pages), nav,
                tuple(Asset(path, source) for path, source in sorted(assets.items())))
