"""The overview pages of a site as a reader scans them: news and interviews as cards with
their images, the agenda as date tiles with a calendar to subscribe to, the Boekenkast by
kind, a page per subject (tag) and one for the standing pages.

Overviews repeat every teaser, so they stay out of the search (each item is found on its
own page), and have no table of contents or menu beside them: the list is the page.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from functools import partial
from typing import Any

from slugify import slugify

from courant import wording
from courant.audience import EditionContent
from courant.model import Event, Item, Kind, Page, ReadingTip
from courant.read.images import ImageSize
from courant.render.markdown import esc, front
from courant.render.paths import SECTION_DIRS, relative, url_of
from courant.render.site.chrome import HOME_CRUMB, Words, webcal_url
from courant.render.site.indexes import feed_note, newest_first, paginate, upcoming_and_past
from courant.render.site.lists import ListContext, cards, event_tiles, more_link
from courant.render.site.pages import SitePage

TAGS_DIR = "onderwerpen"
REFERENCE_DIR = "naslag"


def crumb(title: str, path: str) -> dict[str, str]:
    """A breadcrumb: its title (HTML text, as the theme writes it) and the page's address in
    the site ('' for the home page)."""
    return {"title": html.escape(title), "url": url_of(path)}


HOME = HOME_CRUMB


def overview_meta(*crumbs: dict[str, str], layout: str = "overview") -> dict[str, Any]:
    """Front matter of an overview: full width, out of the search, with breadcrumbs."""
    return {"hide": ["navigation", "toc"], "search": {"exclude": True}, "layout": layout,
            "crumbs": [HOME, *crumbs]}


def grid(edition: EditionContent, words: Words, image_size: ImageSize | None,
         css: str = "") -> Any:
    """A paginate `render_all`: one page's entries as cards."""
    def render(items: Sequence[Item], path: str) -> str:
        return cards(items, ListContext(edition, words, image_size, path, level=2), css)
    return render


def section_overview(edition: EditionContent, kind: Kind, words: Words,
                     image_size: ImageSize | None, page_size: int) -> list[SitePage]:
    """Nieuws or Collega in beeld: newest first, as cards (portraits for interviews)."""
    folder = SECTION_DIRS[kind]
    lead = feed_note(edition, f"{folder}/index.md") if kind is Kind.UPDATE else ""
    css = "courant-cards--portraits" if kind is Kind.INTERVIEW else ""
    return paginate(folder, words.index_title(kind), newest_first(edition.of_kind(kind)),
                    page_size, lead=lead, render_all=grid(edition, words, image_size, css),
                    **overview_meta())


def calendar_links(edition: EditionContent, words: Words, site_url: str, path: str) -> str:
    """Subscribe to the agenda (webcal://: the calendar program keeps it up to date), or
    download it once (https, the same file)."""
    return (f"Zet deze agenda in {words.your} eigen agenda: "
            f"[abonneer {words.you} op de agenda]({webcal_url(site_url)}) (Outlook, Google "
            "Agenda en Apple Agenda houden hem dan vanzelf bij), of "
            f"[download de agenda]({relative(path, 'agenda.ics')}) als bestand.\n"
            "{ .courant-subscribe }\n")


def agenda_overview(edition: EditionContent, words: Words, site_url: str,
                    page_size: int, series: str = "") -> list[SitePage]:
    """Upcoming events first (soonest first), then past ones (latest first), paginated;
    `series`: the line of links to the series (render/site/series.series_links)."""
    upcoming, past = upcoming_and_past(edition)
    today = edition.now.date()
    path = "agenda/index.md"
    lead = [calendar_links(edition, words, site_url, path), series, "## Binnenkort\n",
            event_tiles(upcoming, ListContext(edition, words, None, path, level=3), today)
            or "Er staan nog geen bijeenkomsten gepland.\n"]
    if past:
        lead.append("## Geweest\n")

    def render(events: Sequence[Item], on: str) -> str:
        level = 3 if on.endswith("index.md") else 2
        return event_tiles([e for e in events if isinstance(e, Event)],
                           ListContext(edition, words, None, on, level), today)

    return paginate("agenda", "Agenda", past, page_size, lead="\n".join(lead),
                    render_all=render, empty="", **overview_meta())


def reading_overview(edition: EditionContent, words: Words,
                     image_size: ImageSize | None) -> SitePage:
    """Boekenkast, grouped by kind (books, articles, videos, podcasts, websites)."""
    path = "boekenkast/index.md"
    parts = [front("Boekenkast", **overview_meta()), "# Boekenkast\n",
             "Boeken, artikelen, video's, podcasts en websites die collega's aanraden.\n"]
    tips = [i for i in edition.items if isinstance(i, ReadingTip)]
    context = ListContext(edition, words, image_size, path)
    for kind, (_, plural) in wording.READING_LABELS.items():
        of_kind = newest_first([t for t in tips if t.reading_kind is kind])
        if of_kind:
            parts.append(f"## {plural}\n")
            parts.append(cards(of_kind, context, "courant-cards--small"))
    if not tips:
        parts.append("Er staan nog geen tips in de Boekenkast.\n")
    return SitePage(path, "\n".join(parts))


def tag_slug(tag: str) -> str:
    return slugify(tag) or "onderwerp"


def tags_of(edition: EditionContent, newest: Sequence[Item] | None = None
            ) -> dict[str, tuple[str, list[Item]]]:
    """Every subject (tag) of the edition's items: slug -> (the name as first written, its
    items newest first); 'Jeugd' and 'jeugd' are one subject. `newest`: the edition's items
    newest first, when the caller has them."""
    found: dict[str, tuple[str, list[Item]]] = {}
    remember = edition.remember
    for item in newest_first(edition.items) if newest is None else newest:
        names: dict[str, str] = {}  # the item's subjects: each slug as first written
        for tag in item.tags:
            names.setdefault(remember("tag-slug", (), tag, partial(tag_slug, tag)), tag)
        for slug, tag in names.items():
            found.setdefault(slug, (tag, []))[1].append(item)
    return dict(sorted(found.items()))


def tag_path(tag: str) -> str:
    return f"{TAGS_DIR}/{tag_slug(tag)}/index.md"


def tag_pages(edition: EditionContent, words: Words, image_size: ImageSize | None,
              page_size: int, newest: Sequence[Item] | None = None) -> list[SitePage]:
    """onderwerpen/: every subject with its number of items, and a page per subject
    (`newest`: see tags_of)."""
    tags = tags_of(edition, newest)
    index = f"{TAGS_DIR}/index.md"
    parts = [front("Onderwerpen", **overview_meta()), "# Onderwerpen\n"]
    if tags:
        parts.append("Alles op deze site over één onderwerp bij elkaar.\n")
        parts.append('<ul class="courant-chips" data-search-exclude>\n' + "\n".join(
            f'<li><a href="{html.escape(slug)}/index.md">{html.escape(name)} '
            f'<span class="courant-chips__count">{len(items)}</span></a></li>'
            for slug, (name, items) in tags.items()) + "\n</ul>\n")
    else:
        parts.append("Er zijn nog geen onderwerpen.\n")
    pages = [SitePage(index, "\n".join(parts))]
    up = crumb("Onderwerpen", index)
    for slug, (name, items) in tags.items():
        pages.extend(paginate(f"{TAGS_DIR}/{slug}", f"Onderwerp: {name}", items, page_size,
                              render_all=grid(edition, words, image_size),
                              **overview_meta(up)))
    return pages


def reference_page(edition: EditionContent, words: Words) -> SitePage | None:
    """naslag/: the standing pages, per menu section, as cards (None without any)."""
    pages = [p for p in edition.items if isinstance(p, Page) and not p.is_home]
    if not pages:
        return None
    path = f"{REFERENCE_DIR}/index.md"
    title = words.reference
    parts = [front(title, **overview_meta()), f"# {esc(title)}\n"]
    context = ListContext(edition, words, None, path)
    sections: dict[str, list[Item]] = {}
    for page in sorted(pages, key=lambda p: (str(p.section), not p.slug.endswith("index"),
                                             p.title.lower())):
        sections.setdefault(section_title(page), []).append(page)
    for section, members in sections.items():
        if section:
            parts.append(f"## {esc(section)}\n")
        parts.append(cards(members, context.at(path, 3 if section else 2),
                           "courant-cards--small"))
    return SitePage(path, "\n".join(parts))


def section_title(page: Page) -> str:
    """The menu section of a standing page: its top folder, as a title ('' at the top)."""
    return page.section.parts[0].replace("-", " ").capitalize() if page.section.parts else ""


def section_more(kind: Kind, words: Words) -> tuple[str, str]:
    """The overview of a kind and the words of the link to it ('Alle nieuws')."""
    labels = {Kind.UPDATE: "Alle nieuws", Kind.EVENT: "De hele agenda",
              Kind.READING: "Naar de Boekenkast"}
    return (f"{SECTION_DIRS[kind]}/index.md",
            labels.get(kind, f"Alle verhalen in {words.index_title(kind)}"))


def more(context: ListContext, kind: Kind) -> str:
    path, label = section_more(kind, context.words)
    return more_link(context, path, label)
