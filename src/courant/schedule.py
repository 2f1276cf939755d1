"""When the published sites should change by themselves: the next embargo that lifts.

A static site changes only when it is rebuilt, so an item dated tomorrow stays hidden until
someone builds again. `next_due` says when the next item or issue becomes due (the start of its
day, Amsterdam time), so that a timer can rebuild at that moment (`courant next`). Drafts never
become due by themselves, so they do not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePosixPath

from courant.clock import AMSTERDAM, start_of_day
from courant.model import Content

FORMATS = ("iso", "epoch", "systemd", "utc")


@dataclass(frozen=True, slots=True)
class Due:
    """The next moment the sites change, and the sources that appear then."""

    moment: datetime  # aware, Europe/Amsterdam
    sources: tuple[PurePosixPath, ...]


def next_due(content: Content, now: datetime) -> Due | None:
    """The first moment after `now` at which an item or issue is published; None when
    nothing is waiting."""
    waiting: dict[datetime, list[PurePosixPath]] = {}
    for item in content.items:
        if item.draft or item.date is None:
            continue
        moment = start_of_day(item.date)
        if moment > now:
            waiting.setdefault(moment, []).append(item.source)
    for issue in content.issues:
        moment = start_of_day(issue.date)
        if moment > now:
            waiting.setdefault(moment, []).append(issue.source)
    if not waiting:
        return None
    first = min(waiting)
    return Due(first, tuple(sorted(waiting[first])))


def format_moment(moment: datetime, form: str = "iso") -> str:
    """`iso`: 2026-11-26T00:00:00+01:00 (ISO 8601 with offset); `epoch`: seconds since 1970
    (for `date -d @…` or a comparison in a cron line); `systemd`: an OnCalendar= value
    (2026-11-26 00:00:00 Europe/Amsterdam); `utc`: 2026-11-25T23:00:00Z."""
    local = moment.astimezone(AMSTERDAM)
    if form == "iso":
        return local.isoformat()
    if form == "epoch":
        return str(int(moment.timestamp()))
    if form == "systemd":
        return local.strftime("%Y-%m-%d %H:%M:%S") + " Europe/Amsterdam"
    if form == "utc":
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    raise ValueError(f"unknown format {form!r}; choose from {', '.join(FORMATS)}")
