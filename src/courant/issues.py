"""Which items go into which monthly issue, and the issue's agenda window (pure functions)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import timedelta

from courant.model import NEWS_KINDS, Event, Issue, Item


def place_items(items: Iterable[Item], issues: Sequence[Issue]) -> dict[str, list[Item]]:
    """The news items of every issue, by month (YYYY-MM), newest first.

    An item belongs to the first issue dated on or after its own date, unless its `issue` key
    names another; an item dated after the last issue waits (it is in no list yet). Events and
    pages belong to no issue. `issues` must be sorted by date.
    """
    dates = [issue.date for issue in issues]
    placed: dict[str, list[Item]] = {issue.month: [] for issue in issues}
    for item in items:
        if item.kind not in NEWS_KINDS:
            continue
        month = item.issue
        if month is None and item.date is not None:
            index = bisect_left(dates, item.date)
            month = issues[index].month if index < len(issues) else None
        if month in placed:
            placed[month].append(item)
    for members in placed.values():
        members.sort(key=lambda i: (i.date, i.title), reverse=True)
    return placed


def agenda_of_issue(issue: Issue, events: Iterable[Event], weeks: int = 8) -> list[Event]:
    """Events starting from the issue's date up to `weeks` weeks later, soonest first."""
    last = issue.date + timedelta(weeks=weeks)
    return sorted(
        (e for e in events if issue.date <= e.start_day <= last),
        key=lambda e: (e.start_day, e.all_day is False, str(e.start), e.title),
    )
