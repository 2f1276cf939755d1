"""The index pages of a site: paginated lists, departments, guide (render/site/overviews.py and
render/site/home.py make the others)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from courant.audience import EditionContent
from courant.model import Event, Item, Kind, Update, topic_rows
from courant.read.images import ImageSize
from courant.render.markdown import esc, front
from courant.render.paths import SECTION_DIRS, relative
from courant.render.site.chrome import HOME_CRUMB, Words, tel_href
from courant.render.site.lists import ListContext, cards
from courant.render.site.pages import SitePage

Entry = Callable[[Item, str], str]


def newest_first(items: Sequence[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.date is not None, i.date, i.title), reverse=True)


def paginate(folder: str, title: str, items: Sequence[Item], page_size: int,
             render: Entry | None = None, lead: str = "", empty: str = "Er is hier nog niets.",
             render_all: Callable[[Sequence[Item], str], str] | None = None,
             **meta: Any) -> list[SitePage]:
    """folder/index.md, folder/pagina-2.md, ...: `page_size` entries a page, with a pager;
    each entry made by `render`, or each page's entries at once by `render_all` (a grid);
    `meta` goes into the front matter (front)."""
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)] or [[]]
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        path = f"{folder}/index.md" if number == 1 else f"{folder}/pagina-{number}.md"
        heading = title if number == 1 else f"{title}, pagina {number}"
        body = [front(heading, **meta), f"# {esc(heading)}\n"]
        if number == 1 and lead:
            body.append(lead)
        if render_all is not None:
            body.append(render_all(chunk, path))
        elif render is not None:
            body.extend(render(item, path) for item in chunk)
        if not items and not lead:
            body.append(empty + "\n")
        body.append(_pager(folder, path, number, len(chunks)))
        pages.append(SitePage(path, "\n".join(body)))
    return pages


def _pager(folder: str, path: str, number: int, total: int) -> str:
    if total == 1:
        return ""

    def target(n: int) -> str:
        return relative(path, f"{folder}/index.md" if n == 1 else f"{folder}/pagina-{n}.md")

    links = []
    if number > 1:
        links.append(f"[Vorige pagina]({target(number - 1)})")
    links.append(f"Pagina {number} van {total}")
    if number < total:
        links.append(f"[Volgende pagina]({target(number + 1)})")
    return "\n" + " · ".join(links) + "\n{ .courant-pager }\n"


def feed_note(edition: EditionContent, path: str) -> str:
    """How to follow the news in a feed reader (feed.xml and rss.xml are at the site's root)."""
    your = "uw" if edition.for_partners else "je"
    return (f"Volg het nieuws in {your} feedlezer: [Atom-feed]({relative(path, 'feed.xml')}) "
            f"of [RSS-feed]({relative(path, 'rss.xml')}).\n{{ .courant-subscribe }}\n")


def upcoming_and_past(edition: EditionContent) -> tuple[list[Event], list[Event]]:
    today = edition.now.date()
    events = sorted(edition.events, key=lambda e: (e.start_day, str(e.start), e.title))
    upcoming = [e for e in events if e.end_day >= today]
    past = [e for e in reversed(events) if e.end_day < today]
    return upcoming, past


def department_pages(edition: EditionContent, page_size: int, words: Words,
                     image_size: ImageSize | None = None) -> list[SitePage]:
    """One page per department (description, contact, topics, its updates) and an overview."""
    overview = [front("Afdelingen", hide=["toc"], search={"exclude": True},
                      crumbs=[HOME_CRUMB]), "# Afdelingen\n"]
    pages: list[SitePage] = []
    updates = newest_first([u for u in edition.items if isinstance(u, Update)])
    up = [HOME_CRUMB, {"title": "Afdelingen", "url": "afdelingen/"}]
    for dept in edition.departments:
        folder = f"afdelingen/{dept.key}"
        overview.append(f"## [{esc(dept.name)}]({dept.key}/index.md)\n")
        if dept.description:
            overview.append(esc(dept.description) + "\n")
        lead = [esc(dept.description) + "\n" if dept.description else "", _contact(dept.email,
                                                                                   dept.phone)]
        if dept.topics:
            lead.append(f"## Hier {words.you_can} terecht voor\n")
            lead.append("\n".join(f"- {esc(t)}" for t in dept.topics) + "\n")
        own = [u for u in updates if isinstance(u, Update) and u.department == dept.key]
        lead.append("## Nieuws van de afdeling { data-search-exclude }\n")
        if not own:
            lead.append("Nog geen nieuws van deze afdeling.\n")

        def news(items: Sequence[Item], path: str) -> str:
            return cards(items, ListContext(edition, words, image_size, path), with_text=False)

        pages.extend(paginate(folder, dept.name, own, page_size, render_all=news,
                              lead="\n".join(lead), hide=["navigation", "toc"], crumbs=up,
                              layout="article"))
    pages.append(SitePage("afdelingen/index.md", "\n".join(overview)))
    return pages


def _contact(email: str | None, phone: str | None) -> str:
    bits = []
    if email:
        bits.append(f"E-mail: [{esc(email)}](mailto:{email})")
    if phone:
        bits.append(f"Telefoon: [{esc(phone)}]({tel_href(phone)})")
    return ("## Contact\n\n" + "\n".join(f"- {b}" for b in bits) + "\n") if bits else ""


def guide_page(edition: EditionContent, words: Words) -> SitePage:
    """"Wie benader je waarvoor": every topic, alphabetically, with its department and how to
    reach it (two columns, so it fits a phone; mail and phone are links)."""
    path = "wie-benader-je-waarvoor.md"
    rows = topic_rows(edition.departments)
    parts = [front(words.guide, hide=["toc"], crumbs=[HOME_CRUMB, {
                 "title": "Afdelingen", "url": "afdelingen/"}], layout="guide"),
             f"# {esc(words.guide)}\n",
             "Met een vraag van een inwoner over een van deze onderwerpen "
             f"{words.you_can} terecht bij de afdeling die erachter staat.\n"]
    if rows:
        parts.append("| Onderwerp | Afdeling en contact |\n|---|---|")
        for topic, dept in rows:
            reach = [f"[{esc(dept.email)}](mailto:{dept.email})" if dept.email else "",
                     f"[{esc(dept.phone)}]({tel_href(dept.phone)})" if dept.phone else ""]
            contact = "<br>".join(r for r in reach if r)
            parts.append(f"| {esc(topic)} | [{esc(dept.name)}](afdelingen/{dept.key}/index.md)"
                         + (f"<br>{contact}" if contact else "") + " |")
        parts[-1] += "\n"
    if edition.of_kind(Kind.ADVISER):
        parts.append(f"Een ingewikkelde casus? Bij de [vraagbaken]({SECTION_DIRS[Kind.ADVISER]}/"
                     f"index.md) {'vindt u' if edition.for_partners else 'vind je'} collega's "
                     "die er veel van weten.\n")
    return SitePage(path, "\n".join(parts))
