"""`courant next`: the moment the published sites should change by themselves (the next embargo
that lifts, audience.next_due), written for a timer.

A static site changes only when it is rebuilt, so an item dated tomorrow stays hidden until
someone builds again; a timer can rebuild at that moment.
"""

from __future__ import annotations

from datetime import UTC, datetime

from courant.clock import AMSTERDAM

FORMATS = ("iso", "epoch", "systemd", "utc")


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
