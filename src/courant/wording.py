"""Dates, times and words in Dutch, one place for every renderer."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from babel.dates import format_date

from courant.model import Event, Kind, ReadingKind

KIND_LABELS = {
    Kind.UPDATE: "Nieuws",
    Kind.INTERVIEW: "Collega in beeld",
    Kind.EVENT: "Agenda",
    Kind.READING: "Boekenkast",
    Kind.PAGE: "Pagina",
    Kind.ADVISER: "Vraagbaken",
    Kind.BOOKLET: "Boekjes",
}
READING_LABELS = {
    ReadingKind.BOOK: ("Boek", "Boeken"),
    ReadingKind.ARTICLE: ("Artikel", "Artikelen"),
    ReadingKind.VIDEO: ("Video", "Video's"),
    ReadingKind.PODCAST: ("Podcast", "Podcasts"),
    ReadingKind.WEBSITE: ("Website", "Websites"),
}
CANCELLED = "Geannuleerd"
FULL = "Vol"
EDITION_NAMES = {"staff": "medewerkers", "partners": "partners"}
"""A newsletter edition in a sentence: 'de nieuwsbrief voor medewerkers'."""
AUDIENCE_NAMES = {**EDITION_NAMES, "all": "iedereen"}
"""An item's audience (`audience:`) in a sentence."""


def counted(number: int, one: str, more: str) -> str:
    """'1 waarschuwing', '3 waarschuwingen'."""
    return f"{number} {one if number == 1 else more}"


def number(value: int) -> str:
    """102000 -> 102.000"""
    return f"{value:,}".replace(",", ".")


@lru_cache(maxsize=65536)  # babel takes ~50 µs a date; lists repeat them
def day(value: date) -> str:
    """28 november 2026"""
    return format_date(value, "d MMMM y", locale="nl")


@lru_cache(maxsize=65536)  # babel takes ~50 µs a date; lists repeat them
def weekday(value: date) -> str:
    """dinsdag 24 november 2026"""
    return format_date(value, "EEEE d MMMM y", locale="nl")


@lru_cache(maxsize=65536)  # babel takes ~50 µs a date; lists repeat them
def month(value: date) -> str:
    """november 2026"""
    return format_date(value, "MMMM y", locale="nl")


def clock(value: datetime) -> str:
    """15:00; a time the clock shows twice says which one: 02:30 (zomertijd)."""
    shown = f"{value.hour:02d}:{value.minute:02d}"  # strftime is slow on aware datetimes
    if value.tzinfo is not None and value.replace(fold=1 - value.fold).utcoffset() != \
            value.utcoffset():
        return f"{shown} ({'zomertijd' if value.dst() else 'wintertijd'})"
    return shown


def when(event: Event) -> str:
    """Human wording of an event's time: 'dinsdag 24 november 2026, 15:00 – 16:30'."""
    if not isinstance(event.start, datetime) or not isinstance(event.end, datetime):
        if event.end_day == event.start_day:
            return f"{weekday(event.start_day)} (hele dag)"
        return f"{weekday(event.start_day)} tot en met {weekday(event.end_day)}"
    if event.end.date() == event.start.date():
        return f"{weekday(event.start_day)}, {clock(event.start)} – {clock(event.end)} uur"
    return (f"{weekday(event.start_day)} {clock(event.start)} uur tot "
            f"{weekday(event.end_day)} {clock(event.end)} uur")
