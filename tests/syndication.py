"""What a built site's feeds and calendar must hold, taken from courant's own model of the
sources (not from the files), for the tests that read those files with real clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from courant import clock, wording
from courant.audience import Edition, select
from courant.build import pipeline
from courant.clock import start_of_day
from courant.model import NEWS_KINDS, Event
from courant.render.paths import page_url

SITES = ("intranet", "public")
FEEDS = ("feed.xml", "rss.xml", "nieuwsbrief/feed.xml")


@dataclass(frozen=True, slots=True)
class Entry:
    title: str
    published: datetime


@dataclass(frozen=True, slots=True)
class Happening:
    """An event as a calendar shows it; `end` is the last day (inclusive) of an all-day event."""

    title: str
    start: datetime | date
    end: datetime | date
    cancelled: bool
    slug: str
    series: str | None = None  # the `series` it belongs to


@dataclass(frozen=True, slots=True)
class Syndication:
    feeds: dict[str, dict[str, Entry]]  # feed path -> entry link -> entry
    events: dict[str, Happening]  # event page URL (its UID) -> event


def expected_syndication(root: Path, site: str) -> Syndication:
    """The entries of `site`'s feeds (feed.xml and rss.xml: the news of its feed edition,
    newest first, the latest feed_size; nieuwsbrief/feed.xml: its published issues) and the
    events of its calendar, at the pinned moment."""
    loaded = pipeline.load(pipeline.Project(root))
    config, now = loaded.config, clock.now()
    base = config.site_url if site == "intranet" else config.public_url
    news = select(loaded.content, Edition.STAFF if site == "intranet" else Edition.PARTNERS, now)
    own = select(loaded.content, Edition.INTRANET if site == "intranet" else Edition.PARTNERS,
                 now)
    size = config.settings.feed_size
    items = sorted((i for i in news.items if i.kind in NEWS_KINDS and i.date is not None),
                   key=lambda i: (i.date, str(i.source)), reverse=True)[:size]
    issues = sorted(news.issues, key=lambda i: i.date, reverse=True)[:size]
    entries = {page_url(i, base): Entry(i.title, start_of_day(i.date)) for i in items
               if i.date is not None}
    feeds = {"feed.xml": entries, "rss.xml": entries,
             "nieuwsbrief/feed.xml": {f"{base}nieuwsbrief/{i.month}/":
                                      Entry(i.title, start_of_day(i.date)) for i in issues}}
    return Syndication(feeds, {page_url(e, base): happening(e) for e in own.events})


def happening(event: Event) -> Happening:
    title = f"{wording.CANCELLED}: {event.title}" if event.cancelled else event.title
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        return Happening(title, event.start.astimezone(clock.AMSTERDAM),
                         event.end.astimezone(clock.AMSTERDAM), event.cancelled, event.slug,
                         event.series)
    return Happening(title, event.start_day, event.end_day, event.cancelled, event.slug,
                     event.series)
