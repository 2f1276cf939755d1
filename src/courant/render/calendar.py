"""iCalendar agendas (icalendar): agenda.ics per site, one .ics per series (reeksen/<slug>.ics,
to subscribe to just that series) and one .ics per event page.

What a subscriber's calendar needs, and nothing taken from the clock:
- UID: the event page's permanent URL, the same in agenda.ics and in the event's own .ics, so
  a client that has both sees one event.
- DTSTAMP and LAST-MODIFIED: the start of the event's `date` (Amsterdam), when the editor
  gave one, else the start of the event's first day. The sources hold no edit time, and a file
  time differs per checkout; both choices are the same in every build.
- SEQUENCE 1 for a cancelled event (0 otherwise), so a client that imported the event before
  takes the cancellation as the newer version.
- Timed events in Europe/Amsterdam with a VTIMEZONE for the years the events span (`vtimezone`:
  one STANDARD or DAYLIGHT block per change of offset, no RDATE); all-day events as DATE
  values with an exclusive DTEND (the editors' inclusive last day + 1).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as VEvent

from courant import wording
from courant.audience import EditionContent
from courant.clock import AMSTERDAM, start_of_day
from courant.markup import plain_text, to_html
from courant.model import Event
from courant.render.paths import event_ics_path, page_url
from courant.render.series import edition_series

REFRESH = timedelta(hours=6)  # how often subscribers are asked to poll agenda.ics
REFRESH_TEXT = "PT6H"  # the same, for Outlook's X-PUBLISHED-TTL (a text property)


@dataclass(frozen=True, slots=True)
class Block:
    """One event as it stands in any calendar: its VEVENT lines, and the time zones they
    name (which the calendar must define)."""

    ical: bytes
    tzids: tuple[str, ...]


MakeBlock = Callable[[Event, str], Block]


def calendar_files(edition: EditionContent, name: str, base_url: str,
                   make_block: MakeBlock | None = None) -> dict[str, bytes]:
    """agenda.ics with every event of the edition, one .ics per series and one per event.
    Each event is serialised once (`make_block`: event_block, or what gives the same) and
    its lines used in all."""
    events = sorted(edition.events, key=_order)
    blocks = [(make_block or event_block)(event, base_url) for event in events]
    files = {"agenda.ics": spliced_bytes(events, blocks, base_url, f"Agenda {name}")}
    by_event = {event.source: block for event, block in zip(events, blocks, strict=True)}
    for series in edition_series(edition):
        own = sorted(series.events, key=_order)
        files[series.ics] = spliced_bytes(own, [by_event[e.source] for e in own], base_url,
                                          f"{series.title} ({name})", series.ics)
    for event, block in zip(events, blocks, strict=True):
        files[event_ics_path(event)] = spliced_bytes([event], [block], base_url)
    return files


def event_block(event: Event, base_url: str) -> Block:
    """An event's lines for a site at `base_url`: they depend on nothing else (the event's
    every field is in its repr, which build/cache.py keys them on)."""
    component = event_component(event, base_url)
    holder = Calendar()
    holder.add_component(component)
    return Block(bytes(component.to_ical()), tuple(sorted(holder.get_used_tzids())))


def spliced_bytes(events: Sequence[Event], blocks: Sequence[Block], base_url: str,
                  name: str | None = None, source: str = "agenda.ics") -> bytes:
    """What `calendar_bytes` makes of the same events, from their serialised blocks: the
    calendar's own lines and time zones, then each event's lines."""
    tzids = tuple(sorted({tzid for block in blocks for tzid in block.tzids}))
    years = (min(e.start_day for e in events).year, max(e.end_day for e in events).year + 1) \
        if events and tzids else (0, 0)
    head = _head(base_url, name, source, tzids, *years)
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[:-len(end)] + b"".join(block.ical for block in blocks) + end


def calendar_bytes(events: Sequence[Event], components: Sequence[VEvent], base_url: str,
                   name: str | None = None, source: str = "agenda.ics") -> bytes:
    """A VCALENDAR of `events` (their `components`), all made by icalendar: what
    `spliced_bytes` must equal (tests/unit/test_calendar.py). With a `name` it is a calendar
    to subscribe to (NAME, X-WR-CALNAME, refresh interval); without, a single event to
    import. `source`: where the calendar is published, in the site."""
    calendar = _calendar(base_url, name, source)
    for component in components:
        calendar.add_component(component)
    tzids = tuple(sorted(calendar.get_used_tzids()))
    if events and tzids:
        first = min(e.start_day for e in events).year
        last = max(e.end_day for e in events).year + 1
        calendar.subcomponents[:0] = _timezones(tzids, first, last)
    return bytes(calendar.to_ical())


@lru_cache(maxsize=64)
def _head(base_url: str, name: str | None, source: str, tzids: tuple[str, ...], first: int,
          last: int) -> bytes:
    """The calendar's own lines and its time zones for the years `first` up to `last`, ending
    in END:VCALENDAR."""
    calendar = _calendar(base_url, name, source)
    for timezone in _timezones(tzids, first, last):
        calendar.add_component(timezone)
    return bytes(calendar.to_ical())


def _timezones(tzids: Sequence[str], first: int, last: int) -> list[Timezone]:
    """The VTIMEZONEs of `tzids`, leaving out one Python cannot give (out of its years)."""
    found = []
    for tzid in tzids:
        with contextlib.suppress(ValueError, KeyError):
            found.append(vtimezone(tzid, first, last))
    return found


def vtimezone(tzid: str, first: int, last: int) -> Timezone:
    """The VTIMEZONE of `tzid` from 1 January of `first` to 1 January of `last`: the offset at
    the start, then one STANDARD or DAYLIGHT block per change, its DTSTART the local time
    before the change (RFC 5545). icalendar's own (Timezone.from_tzid) gives a block several
    onsets as RDATEs, and ical.js (Thunderbird, web calendars), older libical and Outlook
    then skip its DTSTART: summer times of the first year came out an hour late."""
    zone = ZoneInfo(tzid)
    start = datetime(first, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last, 1, 1, tzinfo=zone).astimezone(UTC)
    timezone = Timezone()
    timezone.add("tzid", tzid)
    for moment in (start, *_offset_changes(zone, start, end)):
        local = moment.astimezone(zone)
        before = (moment - timedelta(seconds=1)).astimezone(zone).utcoffset() \
            if moment != start else local.utcoffset()
        assert before is not None
        part = TimezoneDaylight() if local.dst() else TimezoneStandard()
        part.add("dtstart", (moment + before).replace(tzinfo=None))
        part.add("tzname", local.tzname())
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", local.utcoffset())
        timezone.add_component(part)
    return timezone


def _offset_changes(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The instants (UTC, to the second) between `start` and `end` at which `zone` changes
    its offset: found day by day, then by halving the day."""
    changes, day = [], start
    while day < end:
        low, high = day, min(day + timedelta(days=1), end)
        if low.astimezone(zone).utcoffset() != high.astimezone(zone).utcoffset():
            offset = low.astimezone(zone).utcoffset()
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if middle.astimezone(zone).utcoffset() == offset \
                    else (low, middle)
            changes.append(high.replace(microsecond=0))
        day += timedelta(days=1)
    return changes


def _calendar(base_url: str, name: str | None, source: str = "agenda.ics") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//courant//{urlsplit(base_url).netloc}//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", str(AMSTERDAM))
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH_TEXT)
        calendar.add("source", base_url + source, parameters={"VALUE": "URI"})
    return calendar


def event_component(event: Event, base_url: str) -> VEvent:
    url = page_url(event, base_url)
    stamp = last_modified(event)
    component = VEvent()
    component.add("uid", url)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", 1 if event.cancelled else 0)
    start, end = instants(event)
    component.add("dtstart", start)
    component.add("dtend", end)
    title = f"{wording.CANCELLED}: {event.title}" if event.cancelled else event.title
    component.add("summary", title)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.all_day:
        component.add("transp", "TRANSPARENT")  # a day or week of events blocks no one's diary
    location = event.location or event.online
    if location:
        component.add("location", location)
    if event.series:
        component.add("categories", [event.series])
    component.add("url", url, parameters={"VALUE": "URI"})
    component.add("description", description(event, url))
    return component


def instants(event: Event) -> tuple[datetime | date, datetime | date]:
    """DTSTART and DTEND: Amsterdam times, or dates with an exclusive end for all-day events."""
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        return ical_moment(event.start), ical_moment(event.end)
    return event.start_day, event.end_day + timedelta(days=1)


def ical_moment(moment: datetime) -> datetime:
    """Amsterdam time, except the second time of an hour the clock repeats: iCalendar reads a
    local time that happens twice as the first one (RFC 5545, 3.3.5), so that one goes in UTC."""
    local = moment.astimezone(AMSTERDAM)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return local.astimezone(UTC)
    return local


def last_modified(event: Event) -> datetime:
    """From the sources, never the clock: the event's `date`, else its first day (UTC)."""
    return start_of_day(event.date or event.start_day).astimezone(UTC)


def description(event: Event, url: str) -> str:
    """Plain text: the cancellation, the body (paragraphs on one line each: an editor's line
    breaks are spaces, markup.plain_text), then the links a page would show."""
    lines = []
    if event.cancelled:
        lines.append(f"{wording.CANCELLED}: deze bijeenkomst gaat niet door.\n")
    elif event.full:
        lines.append(f"{wording.FULL}: er zijn geen plaatsen meer vrij.\n")
    body = plain_text(to_html(event.body))
    if body:
        lines.append(body + "\n")
    lines.append(f"Wanneer: {wording.when(event)}")
    if event.location:
        lines.append(f"Waar: {event.location}")
    if event.online and not event.cancelled:  # nothing to join or sign up for
        lines.append(f"Online: {event.online}")
    if event.registration and not event.cancelled:
        lines.append(f"Aanmelden: {event.registration}")
    lines.append(f"Meer informatie: {url}")
    return "\n".join(lines)


def _order(event: Event) -> tuple[date, bool, str, str]:
    return event.start_day, not event.all_day, str(event.start), event.slug
