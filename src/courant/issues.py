"""Which items go into which monthly issue, and the issue's agenda window (pure functions).

An edition of an issue that has gone out is closed (newsletter/YYYY-MM.sent.yml): it holds
exactly the items and events its record names, forever, and an item that would have gone into
it goes into the next issue that edition has not sent yet.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import PurePosixPath

from courant.model import NEWS_KINDS, Event, Issue, Item


def place_items(items: Iterable[Item], issues: Sequence[Issue],
                edition: str | None = None) -> dict[str, list[Item]]:
    """The news items of every issue, by month (YYYY-MM), newest first.

    An item belongs to the first issue dated on or after its own date, unless its `issue` key
    names another; an item dated after the last issue waits (it is in no list yet). Events and
    pages belong to no issue. `issues` must be sorted by date. With `edition` (staff or
    partners), the issues that edition has sent hold what their record names, and the other
    items go into the issues still open (an `issue:` naming a closed issue counts for nothing).
    """
    placed: dict[str, list[Item]] = {issue.month: [] for issue in issues}
    held = held_items(issues, edition)
    open_issues = [issue for issue in issues if issue.sent_as(edition) is None]
    dates = [issue.date for issue in open_issues]
    closed_months = {issue.month for issue in issues if issue.sent_as(edition) is not None}
    for item in items:
        if item.kind not in NEWS_KINDS:
            continue
        month = held.get(item.source)
        if month is None and item.issue not in closed_months:
            month = item.issue  # an open issue, or one that does not exist yet: it waits
        if month is None and item.date is not None:
            index = bisect_left(dates, item.date)
            month = open_issues[index].month if index < len(open_issues) else None
        if month in placed:
            placed[month].append(item)
    for members in placed.values():
        members.sort(key=lambda i: (i.date, i.title), reverse=True)
    return placed


def held_items(issues: Iterable[Issue], edition: str | None) -> dict[PurePosixPath, str]:
    """Source -> month of every news item a closed issue of `edition` holds."""
    return {source: issue.month for issue in issues
            if (sent := issue.sent_as(edition)) is not None for source in sent.items}


class Agenda:
    """Events in the order of their first day, so that the window of each of many issues is
    found by bisection, not by going through every event of ten years for each."""

    def __init__(self, events: Iterable[Event]) -> None:
        self.events = sorted(events, key=lambda e: e.start_day)
        self.days = [e.start_day for e in self.events]

    def starting(self, first: date, last: date) -> list[Event]:
        """The events whose first day is from `first` up to and including `last`."""
        return self.events[bisect_left(self.days, first):bisect_right(self.days, last)]


def agenda_of_issue(issue: Issue, events: Agenda | Iterable[Event], weeks: int = 8,
                    edition: str | None = None) -> list[Event]:
    """Events starting from the issue's date up to `weeks` weeks later, soonest first; for an
    issue `edition` has sent, the events it held. `events`: an Agenda when there are many
    issues to make."""
    agenda = events if isinstance(events, Agenda) else Agenda(events)
    sent = issue.sent_as(edition)
    if sent is not None:
        held = set(sent.agenda)
        chosen = [e for e in agenda.events if e.source in held]
    else:
        chosen = agenda.starting(issue.date, issue.date + timedelta(weeks=weeks))
    return sorted(chosen, key=lambda e: (e.start_day, e.all_day is False, str(e.start), e.title))
