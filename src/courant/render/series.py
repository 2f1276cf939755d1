"""The series of an edition: events with the same `series`, with what content/series.yml says
of them (when this edition may see that), and where their page and calendar live.

A series is made from the events the edition holds, so the partner site only knows a series
through its partner events: a series of staff-only events does not exist there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from slugify import slugify

from courant.audience import EditionContent
from courant.model import Event

SERIES_DIR = "reeksen"
PROGRAMME_DAYS = 14
"""A series whose events span at most this many days (the Week) is shown day by day."""


@dataclass(frozen=True, slots=True)
class Series:
    name: str  # as the events write it in `series`
    slug: str  # its address: reeksen/<slug>/
    title: str  # series.yml's title, else the name
    description: str  # series.yml's description ('' without)
    events: tuple[Event, ...]  # in the order they take place

    @property
    def page(self) -> str:
        return f"{SERIES_DIR}/{self.slug}.md"

    @property
    def ics(self) -> str:
        """Its own calendar, beside its page: reeksen/<slug>.ics."""
        return f"{SERIES_DIR}/{self.slug}.ics"

    @property
    def first_day(self) -> date:
        return self.events[0].start_day

    @property
    def last_day(self) -> date:
        return max(e.end_day for e in self.events)

    @property
    def is_programme(self) -> bool:
        """Sessions within PROGRAMME_DAYS days from the first to the last: a programme, day by
        day. A single session is no programme (a series with one session so far is shown as
        any series: the next ones are to come)."""
        return len(self.events) > 1 and (self.last_day - self.first_day).days < PROGRAMME_DAYS


def in_order(events: list[Event]) -> list[Event]:
    """Soonest first; on one day all-day events before timed ones, then by time and title."""
    return sorted(events, key=lambda e: (e.start_day, not e.all_day, str(e.start), e.title,
                                         e.slug))


def edition_series(edition: EditionContent) -> list[Series]:
    """Every series of the edition's events, by name; remembered per edition."""
    if "series" not in edition._memo:
        edition._memo["series"] = _made(edition)
    return list(edition._memo["series"])


def _made(edition: EditionContent) -> list[Series]:
    groups: dict[str, list[Event]] = {}
    for event in edition.events:
        if event.series:
            groups.setdefault(event.series, []).append(event)
    info = {s.name: s for s in edition.series}
    taken: set[str] = set()
    found = []
    for name in sorted(groups, key=lambda n: (n.lower(), n)):
        slug = _free(slugify(name) or "reeks", taken)
        taken.add(slug)
        own = info.get(name)
        found.append(Series(name, slug, (own.title if own else None) or name,
                            own.description if own else "", tuple(in_order(groups[name]))))
    return found


def _free(slug: str, taken: set[str]) -> str:
    """`slug`, or with a number when another series of the edition has it (Spotlights and
    spotlights)."""
    return slug if slug not in taken else next(
        f"{slug}-{n}" for n in range(2, len(taken) + 3) if f"{slug}-{n}" not in taken)


def series_of(event: Event, edition: EditionContent) -> Series | None:
    """The series `event` belongs to in this edition."""
    return next((s for s in edition_series(edition) if s.name == event.series), None)
