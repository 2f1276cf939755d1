"""The series pages (reeksen/<slug>.md): each series' sessions, upcoming first then past, or
day by day when it spans at most two weeks (the Week's programme), with its own calendar to
subscribe to; and reeksen/index.md, every series of the edition."""

from __future__ import annotations

from itertools import groupby
from urllib.parse import urlsplit

from courant import wording
from courant.audience import EditionContent
from courant.model import Event
from courant.render.markdown import esc, front, meta_line
from courant.render.paths import page_path, relative, teaser
from courant.render.series import SERIES_DIR, Series, edition_series
from courant.render.site.items import event_rows
from courant.render.site.pages import SitePage

INDEX = f"{SERIES_DIR}/index.md"


def series_pages(edition: EditionContent, url: str) -> list[SitePage]:
    """One page per series of the edition and the list of them; nothing without series."""
    found = edition_series(edition)
    if not found:
        return []
    return [*(_series_page(series, edition, url) for series in found), _index(found, edition)]


def series_links(edition: EditionContent, from_page: str) -> str:
    """The series, as one line of links (on the agenda); '' when there are none."""
    found = edition_series(edition)
    if not found:
        return ""
    links = " · ".join(f"[{esc(s.title)}]({relative(from_page, s.page)})" for s in found)
    return f"Reeksen: {links} ([alle reeksen]({relative(from_page, INDEX)}))\n"


def _index(found: list[Series], edition: EditionContent) -> SitePage:
    parts = [front("Reeksen"), "# Reeksen\n",
             "Bijeenkomsten die bij elkaar horen: trainingen, sessies en programma's. Elke reeks "
             f"heeft een eigen agenda om {'u' if edition.for_partners else 'je'} op te "
             "abonneren.\n"]
    for series in found:
        parts.append(f"## [{esc(series.title)}]({relative(INDEX, series.page)})\n")
        parts.append(meta_line([_span(series), wording.counted(len(series.events),
                                                               "bijeenkomst", "bijeenkomsten")]))
        if series.description:
            parts.append(esc(series.description) + "\n")
    return SitePage(INDEX, "\n".join(parts))


def _span(series: Series) -> str:
    if series.first_day == series.last_day:
        return wording.day(series.first_day)
    return f"{wording.day(series.first_day)} tot en met {wording.day(series.last_day)}"


def _series_page(series: Series, edition: EditionContent, url: str) -> SitePage:
    path = series.page
    parts = [front(series.title, series.description or None), f"# {esc(series.title)}\n"]
    if series.description:
        parts.append(esc(series.description) + "\n")
    parts.append(_subscribe(series, edition, url))
    if series.is_programme:
        parts.extend(_programme(series, edition, path))
    else:
        parts.extend(_upcoming_then_past(series, edition, path))
    return SitePage(path, "\n".join(parts))


def _subscribe(series: Series, edition: EditionContent, url: str) -> str:
    """The series' own calendar: a webcal: link that calendar programs subscribe to, and the
    file itself (reeksen/<slug>.ics) for those that import it."""
    you, your = ("u", "uw") if edition.for_partners else ("je", "je")
    parts = urlsplit(url)
    webcal = f"webcal://{parts.netloc}{parts.path.rstrip('/')}/{series.ics}"
    ics = series.ics.rpartition("/")[2]
    return (f"Zet deze reeks in {your} eigen agenda: [abonneer {you} op {esc(series.title)}]"
            f"({webcal}) of [download het agendabestand]({ics}){{ download=\"{ics}\" }}. Nieuwe "
            "en gewijzigde bijeenkomsten van de reeks komen er dan vanzelf in.\n"
            "{ .courant-subscribe }\n")


def _upcoming_then_past(series: Series, edition: EditionContent, path: str) -> list[str]:
    today = edition.now.date()
    upcoming = [e for e in series.events if e.end_day >= today]
    past = [e for e in reversed(series.events) if e.end_day < today]
    parts = ["## Binnenkort\n"]
    parts.extend(_session(e, edition, path, 3) for e in upcoming)
    if not upcoming:
        parts.append("Er staan nog geen nieuwe bijeenkomsten van deze reeks gepland.\n")
    if past:
        parts.append("## Geweest\n")
        parts.extend(_past(e, path) for e in past)
    return parts


def _programme(series: Series, edition: EditionContent, path: str) -> list[str]:
    """Day by day: a heading per day, its sessions under it in the order of the day."""
    parts = ["## Programma\n"]
    if series.last_day < edition.now.date():
        parts.append("Dit programma is voorbij.\n")
    for day, events in groupby(series.events, key=lambda e: e.start_day):
        parts.append(f"### {wording.weekday(day).capitalize()}\n")
        parts.extend(_session(e, edition, path, 4) for e in events)
    return parts


def _title(event: Event) -> str:
    title = esc(event.title)
    if event.cancelled:
        return f"{wording.CANCELLED}: {title}"
    return f"{title} ({wording.FULL.lower()})" if event.full else title


def _session(event: Event, edition: EditionContent, path: str, level: int) -> str:
    """A session as the reader needs it to decide and sign up: time, place, links."""
    rows = event_rows(event, edition, path)
    text = teaser(event)
    return "\n".join([
        f"{'#' * level} [{_title(event)}]({relative(path, page_path(event))})\n",
        "\n".join(f"- **{k}:** {v}" for k, v in rows) + "\n",
        esc(text) + "\n" if text else "",
    ])


def _past(event: Event, path: str) -> str:
    bits = [wording.when(event)]
    if event.location:
        bits.append(esc(event.location))
    return "\n".join([f"### [{_title(event)}]({relative(path, page_path(event))})\n",
                      meta_line(bits)])
