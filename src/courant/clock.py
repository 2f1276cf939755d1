"""The only clock: SOURCE_DATE_EPOCH when set, else the system time, in Amsterdam time."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def now() -> datetime:
    """The build's "now": aware, Europe/Amsterdam. Repeatable builds set SOURCE_DATE_EPOCH."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(AMSTERDAM)
    return datetime.now(tz=AMSTERDAM)


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day`, Amsterdam time: when an item dated `day` is published."""
    return datetime.combine(day, time(0, 0), tzinfo=AMSTERDAM)
