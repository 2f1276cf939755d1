"""Atom and RSS 2.0 feeds (feedgen), wrapped in one module that pins feedgen's defaults.

feedgen prepends entries unless told otherwise, stamps `updated` and `lastBuildDate` with the
clock, and points RSS' channel link at the last link added. Here entries are appended in the
order given (newest first), every time is an aware datetime taken from the sources, and each
format gets its own generator with its own self link, so two builds of the same sources are
byte-identical.

Entries are resolved into plain `Entry` values first (ids, absolute links, sanitised HTML);
`atom_bytes` and `rss_bytes` only serialise them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import PurePosixPath
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from courant import wording
from courant.audience import EditionContent
from courant.clock import start_of_day
from courant.issues import place_items
from courant.markup import first_paragraph, to_html
from courant.model import NEWS_KINDS, Interview, Issue, Item, Kind, ReadingTip, Update
from courant.render.paths import (
    SECTION_DIRS,
    Target,
    asset_path,
    page_url,
    resolve_body,
    teaser,
    url_of,
)
from courant.sanitize import clean_html

NO_ENTRIES = datetime(1970, 1, 1, tzinfo=UTC)
"""`updated` of a feed without entries: Atom requires one, and the clock is no source."""
RASTER_LOGO = (".png", ".gif", ".jpg", ".jpeg")  # RSS 2.0 images must be GIF, JPEG or PNG


@dataclass(frozen=True, slots=True)
class FeedSite:
    """The site a feed belongs to: its name, absolute address (ending in /) and logo."""

    name: str
    url: str
    logo: str | None = None  # site-relative path of the logo (mkdocs.yml theme.logo)
    size: int = 50  # the most recent entries kept (extra.courant.feed_size)


@dataclass(frozen=True, slots=True)
class Category:
    term: str
    label: str
    scheme: str | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str
    content: str  # sanitised HTML, absolute URLs
    authors: tuple[str, ...] = ()
    categories: tuple[Category, ...] = ()


@dataclass(frozen=True, slots=True)
class Feed:
    title: str
    subtitle: str
    site_url: str  # the alternate link: the site, or the archive a feed lists
    self_url: str
    author: str
    logo: str | None
    entries: tuple[Entry, ...]

    @property
    def updated(self) -> datetime:
        """The newest entry's time, never the clock."""
        return max((e.updated for e in self.entries), default=NO_ENTRIES)


def feed_files(news: EditionContent, edition: EditionContent, site: FeedSite,
               sections: Sequence[tuple[Kind, str]]) -> dict[str, bytes]:
    """feed.xml (Atom), rss.xml (RSS 2.0) and nieuwsbrief/feed.xml of one site.

    `news` is the feed's edition (the intranet's feed is the staff edition); `edition` is the
    site's own content, which links in the entries may point to.
    """
    items = item_feed(news, edition, site)
    return {
        "feed.xml": atom_bytes(items),
        "rss.xml": rss_bytes(replace(items, self_url=site.url + "rss.xml")),
        "nieuwsbrief/feed.xml": atom_bytes(issue_feed(news, site, sections)),
    }


def item_feed(news: EditionContent, edition: EditionContent, site: FeedSite) -> Feed:
    """Updates, interviews and reading tips of `news`, newest first, the latest `site.size`."""
    by_source = edition.by_source
    items = [i for i in news.items if i.kind in NEWS_KINDS and i.date is not None]
    items.sort(key=lambda i: (i.date, str(i.source)), reverse=True)
    entries = tuple(item_entry(item, edition, by_source, site.url)
                    for item in items[:site.size])
    subtitle = f"Nieuws, Collega in beeld en de Boekenkast van {site.name}"
    return Feed(site.name, subtitle, site.url, site.url + "feed.xml", _editors(site),
                _logo(site), entries)


def issue_feed(news: EditionContent, site: FeedSite,
               sections: Sequence[tuple[Kind, str]]) -> Feed:
    """One entry per published issue of the newsletter, linking its web version."""
    placed = place_items(news.items, news.issues, news.newsletter)
    issues = sorted(news.issues, key=lambda i: i.date, reverse=True)[:site.size]
    entries = tuple(issue_entry(issue, placed.get(issue.month, []), news, site.url, sections)
                    for issue in issues)
    return Feed(f"Nieuwsbrief {site.name}", f"Alle nummers van de nieuwsbrief van {site.name}",
                site.url + "nieuwsbrief/", site.url + "nieuwsbrief/feed.xml", _editors(site),
                _logo(site), entries)


def item_entry(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
               base_url: str) -> Entry:
    """One item as a feed entry. Its id is its permanent URL: it never changes between builds,
    and a reader that follows it lands on the item."""
    assert item.date is not None
    url = page_url(item, base_url)
    published = start_of_day(item.date)
    return Entry(id=url, title=item.title, link=url, published=published, updated=published,
                 summary=teaser(item), content=item_html(item, edition, by_source, base_url),
                 authors=item.authors, categories=categories(item, edition, base_url))


def issue_entry(issue: Issue, items: Sequence[Item], news: EditionContent, base_url: str,
                sections: Sequence[tuple[Kind, str]]) -> Entry:
    """One issue: its foreword, then the titles of its items in this edition, linked."""
    by_source, months = news.by_source, {i.month for i in news.issues}
    url = _issue_url(issue.month, base_url)
    published = start_of_day(issue.date)
    parts = [to_html(absolute_foreword(issue, by_source, months, base_url))]
    for kind, title in sections:
        members = [i for i in items if i.kind is kind]
        if members:
            parts.append(f"<h2>{html.escape(title)}</h2>\n<ul>")
            parts.extend(f'<li><a href="{html.escape(page_url(i, base_url))}">'
                         f"{html.escape(i.title)}</a></li>" for i in members)
            parts.append("</ul>")
    summary = first_paragraph(issue.foreword) or issue.title
    return Entry(id=url, title=issue.title, link=url, published=published, updated=published,
                 summary=summary, content=clean_html("\n".join(parts), url))


def categories(item: Item, edition: EditionContent, base_url: str) -> tuple[Category, ...]:
    """The item's type, its department and its tags."""
    found = [Category(SECTION_DIRS[item.kind], wording.KIND_LABELS[item.kind])]
    key = item.department if isinstance(item, Update) else (
        item.person.department if isinstance(item, Interview) else None)
    department = edition.department(key)
    if department is not None:
        found.append(Category(department.key, department.name, base_url + "afdelingen/"))
    found.extend(Category(tag, tag) for tag in item.tags)
    return tuple(found)


def item_html(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
              base_url: str) -> str:
    """The item's full text as sanitised HTML: image, what its kind adds, then the body."""
    parts: list[str] = []
    if item.image is not None:
        src = base_url + asset_path(item.image.path)
        parts.append(f'<p><img src="{html.escape(src)}" alt="{html.escape(item.image.alt)}">'
                     "</p>")
    if isinstance(item, Interview):
        person = item.person
        who = [f"<strong>{html.escape(person.name)}</strong>"]
        if person.role:
            who.append(html.escape(person.role))
        department = edition.department(person.department)
        if department is not None:
            who.append(html.escape(department.name))
        parts.append("<p>Collega in beeld: " + ", ".join(who) + "</p>")
    if isinstance(item, ReadingTip):
        label = wording.READING_LABELS[item.reading_kind][0]
        creator = f" van {html.escape(item.creator)}" if item.creator else ""
        parts.append(f"<p><strong>{label}</strong>{creator}</p>")
        if item.link:
            parts.append(f'<p><a href="{html.escape(item.link)}">{html.escape(item.title)} '
                         "bekijken bij de bron</a></p>")
    parts.append(to_html(absolute_body(item, by_source, base_url)))
    return clean_html("\n".join(parts), page_url(item, base_url))


def absolute_body(item: Item, by_source: dict[PurePosixPath, Item], base_url: str) -> str:
    """The Markdown body with editors' relative links made absolute, as the site publishes
    them: items of this site become their page URL, files from content/ their published
    address, links to anything the site does not hold only their text."""
    return resolve_body(item.body, item.source, by_source, partial(_absolute, base_url))


def absolute_foreword(issue: Issue, by_source: dict[PurePosixPath, Item], months: set[str],
                      base_url: str) -> str:
    """The foreword with editors' links to sources made absolute: an item of this edition or
    another published issue becomes its URL, anything else relative only its text."""
    return resolve_body(issue.foreword, issue.source, by_source, partial(_absolute, base_url),
                        frozenset(months), files=False)


def _absolute(base_url: str, target: Target, in_html: bool = False) -> str:
    if target.page is not None:
        return base_url + url_of(target.page)
    assert target.asset is not None
    return base_url + asset_path(target.asset)


def _issue_url(month: str, base_url: str) -> str:
    return base_url + f"nieuwsbrief/{month}/"


def atom_bytes(feed: Feed) -> bytes:
    return bytes(_generator(feed).atom_str(pretty=True))


def rss_bytes(feed: Feed) -> bytes:
    """RSS 2.0: its <description> is HTML (readers render it), so the plain summary goes in
    as HTML that shows exactly that text: an editor's `<` or `&` stays a character."""
    return bytes(_generator(feed, summary_as_html=True).rss_str(pretty=True))


def _generator(feed: Feed, summary_as_html: bool = False) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc", atom=False, rss=True)  # RSS authors without an e-mail
    generator.id(feed.self_url)
    generator.title(feed.title)
    generator.subtitle(feed.subtitle)
    generator.author(name=feed.author)
    generator.link(href=feed.self_url, rel="self")
    generator.link(href=feed.site_url, rel="alternate")  # last: feedgen's RSS channel link
    generator.language("nl")
    generator.generator("courant")
    if feed.logo:
        generator.logo(feed.logo)
        if feed.logo.lower().endswith(RASTER_LOGO):
            generator.image(url=feed.logo, title=feed.title, link=feed.site_url)
    generator.updated(feed.updated)
    for entry in feed.entries:
        _add_entry(generator, entry, summary_as_html)
    return generator


def _add_entry(generator: FeedGenerator, entry: Entry, summary_as_html: bool) -> None:
    added = generator.add_entry(order="append")
    added.guid(entry.id, permalink=entry.id == entry.link)
    added.title(entry.title)
    added.link(href=entry.link, rel="alternate")
    added.published(entry.published)
    added.updated(entry.updated)
    for name in entry.authors:
        added.author(name=name)
        added.dc.dc_creator(name)
    for category in entry.categories:
        added.category(term=category.term, label=category.label, scheme=category.scheme)
    summary = entry.summary or entry.title
    added.summary(html.escape(summary, quote=False) if summary_as_html else summary)
    added.content(entry.content, type="html")


def _editors(site: FeedSite) -> str:
    return f"Redactie {site.name}"


def _logo(site: FeedSite) -> str | None:
    return urljoin(site.url, site.logo) if site.logo else None
