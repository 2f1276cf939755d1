"""issues.py: which item goes into which monthly issue, and each issue's agenda window."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePosixPath

import pytest

from courant.clock import AMSTERDAM
from courant.issues import agenda_of_issue, place_items
from courant.model import (
    Event,
    Interview,
    Issue,
    Item,
    Page,
    Person,
    ReadingKind,
    ReadingTip,
    Update,
)

ISSUES = (
    # (month, date): the demo's rhythm, the last Thursday or so of the month
    ("2026-09", date(2026, 9, 24)),
    ("2026-10", date(2026, 10, 29)),
    ("2026-11", date(2026, 11, 26)),
)


def issues() -> list[Issue]:
    return [Issue(PurePosixPath(f"newsletter/{m}.md"), m, d, m, "") for m, d in ISSUES]


def news(slug: str, day: date, issue: str | None = None, kind: str = "update") -> Item:
    common = {"source": PurePosixPath(f"content/x/{slug}.md"), "slug": slug, "title": slug,
              "body": "", "date": day, "issue": issue}
    if kind == "interview":
        return Interview(person=Person("K"), **common)
    if kind == "reading":
        return ReadingTip(reading_kind=ReadingKind.BOOK, **common)
    return Update(department="wi", **common)


def event(slug: str, start: date | datetime, cancelled: bool = False) -> Event:
    return Event(source=PurePosixPath(f"content/agenda/{slug}.md"), slug=slug, title=slug,
                 body="", start=start, end=start, cancelled=cancelled)


def month_of(item: Item, placed: dict[str, list[Item]]) -> str | None:
    return next((month for month, members in placed.items() if item in members), None)


@pytest.mark.parametrize(("day", "month"), [
    (date(2026, 8, 1), "2026-09"),     # before the first issue: the first one
    (date(2026, 9, 24), "2026-09"),    # on the issue's day: that issue
    (date(2026, 9, 25), "2026-10"),    # the day after: the next one
    (date(2026, 10, 29), "2026-10"),
    (date(2026, 11, 1), "2026-11"),
    (date(2026, 11, 26), "2026-11"),
    (date(2026, 11, 27), None),        # after the last issue: waits for the next issue file
])
def test_an_item_goes_to_the_first_issue_on_or_after_its_date(day: date,
                                                              month: str | None) -> None:
    item = news("x", day)
    assert month_of(item, place_items([item], issues())) == month


@pytest.mark.parametrize("kind", ["update", "interview", "reading"])
def test_every_news_kind_is_placed(kind: str) -> None:
    item = news("x", date(2026, 10, 5), kind=kind)
    assert month_of(item, place_items([item], issues())) == "2026-10"


def test_the_issue_key_overrides_the_date() -> None:
    late = news("late", date(2026, 10, 30), issue="2026-10")
    early = news("early", date(2026, 9, 1), issue="2026-11")
    nowhere = news("nowhere", date(2026, 9, 1), issue="2027-01")  # no such issue (yet)
    placed = place_items([late, early, nowhere], issues())
    assert month_of(late, placed) == "2026-10"
    assert month_of(early, placed) == "2026-11"
    assert month_of(nowhere, placed) is None


def test_an_item_waits_until_its_issue_file_exists() -> None:
    item = news("x", date(2026, 12, 3))
    assert month_of(item, place_items([item], issues())) is None
    december = Issue(PurePosixPath("newsletter/2026-12.md"), "2026-12", date(2026, 12, 17),
                     "2026-12", "")
    assert month_of(item, place_items([item], [*issues(), december])) == "2026-12"


def test_events_and_pages_belong_to_no_issue() -> None:
    page = Page(source=PurePosixPath("content/pages/p.md"), slug="p", title="p", body="",
                date=date(2026, 10, 1))
    dated_event = Event(source=PurePosixPath("content/agenda/e.md"), slug="e", title="e",
                        body="", date=date(2026, 10, 1), start=date(2026, 10, 20),
                        end=date(2026, 10, 20))
    placed = place_items([page, dated_event], issues())
    assert all(members == [] for members in placed.values())
    assert list(placed) == ["2026-09", "2026-10", "2026-11"]


def test_members_are_newest_first() -> None:
    items = [news(f"n{d}", date(2026, 10, d)) for d in (3, 17, 9)]
    assert [i.slug for i in place_items(items, issues())["2026-10"]] == ["n17", "n9", "n3"]


def test_no_issues_no_places() -> None:
    assert place_items([news("x", date(2026, 10, 1))], []) == {}


def november() -> Issue:
    return issues()[2]  # dated 2026-11-26


def test_the_agenda_window_runs_eight_weeks_from_the_issue_date() -> None:
    events = [
        event("day-before", date(2026, 11, 25)),
        event("issue-day", date(2026, 11, 26)),
        event("timed", datetime(2026, 12, 3, 15, 0, tzinfo=AMSTERDAM)),
        event("cancelled", date(2026, 12, 10), cancelled=True),
        event("last-day", date(2027, 1, 21)),  # 8 weeks after 26 November
        event("too-late", date(2027, 1, 22)),
    ]
    agenda = agenda_of_issue(november(), events)
    assert [e.slug for e in agenda] == ["issue-day", "timed", "cancelled", "last-day"]
    assert agenda[2].cancelled  # kept, marked by the renderer


def test_the_agenda_window_is_configurable() -> None:
    events = [event("soon", date(2026, 12, 1)), event("later", date(2026, 12, 24))]
    assert [e.slug for e in agenda_of_issue(november(), events, weeks=2)] == ["soon"]


def test_the_agenda_is_soonest_first_all_day_before_timed() -> None:
    events = [
        event("afternoon", datetime(2026, 12, 1, 15, 0, tzinfo=AMSTERDAM)),
        event("morning", datetime(2026, 12, 1, 9, 0, tzinfo=AMSTERDAM)),
        event("all-day", date(2026, 12, 1)),
        event("first", date(2026, 11, 30)),
    ]
    assert [e.slug for e in agenda_of_issue(november(), events)] == [
        "first", "all-day", "morning", "afternoon"]
