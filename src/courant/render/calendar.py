"""iCalendar agendas (icalendar): agenda.ics per site, and one .ics per event page.

What a subscriber's calendar needs, and nothing taken from the clock:
- UID: the event page's permanent URL, the same in agenda.ics and in the event's own .ics, so
  a client that has both sees one event.
- DTSTAMP and LAST-MODIFIED: the start of the event's `date` (Amsterdam), when the editor
  gave one, else the start of the event's first day. The sources hold no edit time, and a file
  time differs per checkout; both choices are the same in every build.
- SEQUENCE 1 for a cancelled event (0 otherwise), so a client that imported the event before
  takes the cancellation as the newer version.
- Timed events in Europe/Amsterdam with a VTIMEZONE (icalendar's add_missing_timezones,
  limited to the years the events span); all-day events as DATE values with an exclusive
  DTEND (the editors' inclusive last day + 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from courant.audience import EditionContent
from courant.clock import AMSTERDAM, start_of_day
from courant.markup import plain_text, to_html
from courant.model import Event, Kind
from courant.render import dutch
from courant.render.common import SECTION_DIRS, page_url

REFRESH = timedelta(hours=6)  # how often subscribers are asked to poll agenda.ics
REFRESH_TEXT = "PT6H"  # the same, for Outlook's X-PUBLISHED-TTL (a text property)


def event_ics_path(event: Event) -> str:
    """The event's own .ics beside its page: agenda/<slug>.ics (linked as "Zet in je agenda")."""
    return f"{SECTION_DIRS[Kind.EVENT]}/{event.slug}.ics"


def calendar_files(edition: EditionContent, name: str, base_url: str) -> dict[str, bytes]:
    """agenda.ics with every event of the edition, and one .ics per event."""
    events = sorted(edition.events, key=_order)
    components = [event_component(event, base_url) for event in events]  # made once, used twice
    files = {"agenda.ics": calendar_bytes(events, components, base_url, f"Agenda {name}")}
    for event, component in zip(events, components, strict=True):
        files[event_ics_path(event)] = calendar_bytes([event], [component], base_url)
    return files


def calendar_bytes(events: Sequence[Event], components: Sequence[VEvent], base_url: str,
                   name: str | None = None) -> bytes:
    """A VCALENDAR of `events` (their `components`). With a `name` it is a calendar to
    subscribe to (NAME, X-WR-CALNAME, refresh interval); without, a single event to import."""
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
        calendar.add("source", base_url + "agenda.ics", parameters={"VALUE": "URI"})
    for component in components:
        calendar.add_component(component)
    if events:
        first = min(e.start_day for e in events)
        last = max(e.end_day for e in events)
        calendar.add_missing_timezones(first_date=date(first.year, 1, 1),
                                       last_date=date(last.year + 1, 1, 1))
    return bytes(calendar.to_ical())


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
    title = f"{dutch.CANCELLED}: {event.title}" if event.cancelled else event.title
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
        return event.start.astimezone(AMSTERDAM), event.end.astimezone(AMSTERDAM)
    return event.start_day, event.end_day + timedelta(days=1)


def last_modified(event: Event) -> datetime:
    """From the sources, never the clock: the event's `date`, else its first day (UTC)."""
    return start_of_day(event.date or event.start_day).astimezone(UTC)


def description(event: Event, url: str) -> str:
    """Plain text: the cancellation, the body, then the links a page would show."""
    lines = []
    if event.cancelled:
        lines.append(f"{dutch.CANCELLED}: deze bijeenkomst gaat niet door.\n")
    body = plain_text(to_html(event.body))
    if body:
        lines.append(body + "\n")
    lines.append(f"Wanneer: {dutch.when(event)}")
    if event.location:
        lines.append(f"Waar: {event.location}")
    if event.online:
        lines.append(f"Online: {event.online}")
    if event.registration:
        lines.append(f"Aanmelden: {event.registration}")
    lines.append(f"Meer informatie: {url}")
    return "\n".join(lines)


def _order(event: Event) -> tuple[date, bool, str, str]:
    return event.start_day, not event.all_day, str(event.start), event.slug
