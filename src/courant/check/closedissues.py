"""Closed issues in `courant check`: an item too late for an issue that went out, and an
`issue:` that names one.

An issue's edition is closed once sent (newsletter/YYYY-MM.sent.yml). An item dated on or
before its date that was not in it goes into the next issue that edition has not sent: the
editor is told so, with both issues, because the item is not in the issue they may expect.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from courant import wording
from courant.audience import VISIBLE, Edition, Remember, make_now, select
from courant.clock import AMSTERDAM
from courant.issues import place_items
from courant.model import Content, Issue, Item, Sent
from courant.problems import Problems
from courant.wording import EDITION_NAMES

EDITIONS = {"staff": Edition.STAFF, "partners": Edition.PARTNERS}

LineOf = Callable[[Item, str], int | None]
"""The line of a key in an item's file (None when it is not written there)."""


@dataclass(frozen=True, slots=True)
class Late:
    item: Item
    closed: Issue  # where its date would put it
    goes_to: str | None  # the open issue it goes into instead (None: it waits for one)
    edition: str


def check_closed_issues(content: Content, now: datetime, line_of: LineOf,
                        problems: Problems, remember: Remember = make_now) -> None:
    """Warn about late items, refuse `issue:` naming a closed issue, and warn about items a
    record names that are gone. `remember`: the memo each edition is selected with."""
    named = _issue_keys_naming_closed(content, line_of, problems)
    late: dict[tuple[PurePosixPath, str, str | None], list[Late]] = {}
    for found in late_items(content, now, remember):
        if found.item.source not in named:
            late.setdefault((found.item.source, found.closed.month, found.goes_to),
                            []).append(found)
    for group in late.values():
        first = group[0]
        where = (f"het stuk komt in nieuwsbrief {first.goes_to}" if first.goes_to else
                 "het stuk wacht op het volgende nummer (maak het met 'courant new issue')")
        problems.add(str(first.item.source),
                     f"staat vóór nieuwsbrief {first.closed.month}, maar die is al verstuurd "
                     f"({_sent_as(first.closed, [g.edition for g in group])}); {where}",
                     key="date", line=line_of(first.item, "date"), warning=True)
    _gone(content, problems)


def late_items(content: Content, now: datetime, remember: Remember = make_now) -> list[Late]:
    """Published items whose date (or `issue:`) points at an issue their edition has sent
    without them."""
    found: list[Late] = []
    issues = content.issues
    by_month = {issue.month: issue for issue in issues}
    for name, edition in EDITIONS.items():
        news = select(content, edition, now, remember=remember)
        natural = place_items(news.items, issues)
        actual = {item.source: month for month, members in
                  place_items(news.items, issues, name).items() for item in members}
        for month, members in natural.items():
            issue = by_month[month]
            sent = issue.sent_as(name)
            if sent is None:
                continue
            found.extend(Late(item, issue, actual.get(item.source), name)
                         for item in members if item.source not in sent.items)
    return found


def _issue_keys_naming_closed(content: Content, line_of: LineOf,
                              problems: Problems) -> set[PurePosixPath]:
    """`issue: 2026-11` where 2026-11 went out, for an edition the item is in, without it."""
    by_month = {issue.month: issue for issue in content.issues}
    named: set[PurePosixPath] = set()
    for item in content.items:
        issue = by_month.get(item.issue or "")
        if issue is None:
            continue
        editions = [name for name, edition in EDITIONS.items()
                    if item.audience in VISIBLE[edition]
                    and (sent := issue.sent_as(name)) is not None
                    and item.source not in sent.items]
        if editions:
            named.add(item.source)
            later = _next_open(content, issue, editions)
            instead = f"kies een nummer dat nog moet komen, zoals {later}," if later else \
                "maak een nieuw nummer met 'courant new issue' en kies dat,"
            problems.add(str(item.source), f"nieuwsbrief {issue.month} is al verstuurd "
                         f"({_sent_as(issue, editions)}) en verandert niet meer; {instead} "
                         "of haal de regel weg", key="issue", line=line_of(item, "issue"))
    return named


def _next_open(content: Content, issue: Issue, editions: list[str]) -> str | None:
    later = [i for i in content.issues if i.date > issue.date
             and all(i.sent_as(name) is None for name in editions)]
    return later[0].month if later else None


def _gone(content: Content, problems: Problems) -> None:
    for issue in content.issues:
        for sent in issue.sent:
            for source in (*sent.items, *sent.agenda):
                if source not in content.by_source:
                    problems.add(f"newsletter/{issue.month}.sent.yml",
                                 f"{source} stond in dit nummer ({EDITION_NAMES[sent.edition]}), "
                                 "maar bestaat niet meer: de webversie toont het niet meer",
                                 warning=True)


def _sent_as(issue: Issue, editions: list[str]) -> str:
    """'partners op 26 november 2026', or 'medewerkers en partners op ...'."""
    records = [s for name in editions if (s := issue.sent_as(name)) is not None]
    days = {_day(s) for s in records}
    if len(days) == 1:
        return f"{' en '.join(EDITION_NAMES[s.edition] for s in records)} op {days.pop()}"
    return ", ".join(f"{EDITION_NAMES[s.edition]} op {_day(s)}" for s in records)


def _day(sent: Sent) -> str:
    return wording.day(sent.time.astimezone(AMSTERDAM).date())
