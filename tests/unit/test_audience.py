"""audience.py: the privacy gate. Who sees what (the spec's table of editions), embargo from the
start of the item's day in Amsterdam, drafts never built, issues from their date."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import PurePosixPath

import pytest

from courant.audience import Edition, is_published, is_visible, select
from courant.clock import AMSTERDAM, start_of_day
from courant.model import Audience, Content, Department, Event, Issue, Page, Update

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)


def update(slug: str, audience: Audience = Audience.STAFF, day: date = date(2026, 11, 2),
           draft: bool = False) -> Update:
    return Update(source=PurePosixPath(f"content/updates/{slug}.md"), slug=slug, title=slug,
                  body="Tekst.", date=day, audience=audience, draft=draft, department="wi")


def issue(month: str, day: date) -> Issue:
    return Issue(PurePosixPath(f"newsletter/{month}.md"), month, day, month, "Voorwoord.")


# The spec's table: audience of an item -> intranet, staff newsletter/feed, partner outputs.
TABLE = {
    Audience.STAFF: {Edition.INTRANET: True, Edition.STAFF: True, Edition.PARTNERS: False},
    Audience.PARTNERS: {Edition.INTRANET: True, Edition.STAFF: False, Edition.PARTNERS: True},
    Audience.ALL: {Edition.INTRANET: True, Edition.STAFF: True, Edition.PARTNERS: True},
}


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("edition", list(Edition))
def test_the_table_of_editions(audience: Audience, edition: Edition) -> None:
    item = update("x", audience)
    assert is_visible(item, edition, NOW) is TABLE[audience][edition]
    content = Content((), (item,))
    assert (item in select(content, edition, NOW).items) is TABLE[audience][edition]


def test_the_partner_edition_holds_nothing_staff_only() -> None:
    items = tuple(update(f"{a.value}-{n}", a) for a in Audience for n in range(3))
    partners = select(Content((), items), Edition.PARTNERS, NOW)
    assert {i.audience for i in partners.items} == {Audience.PARTNERS, Audience.ALL}
    assert len(partners.items) == 6
    assert partners.edition is Edition.PARTNERS


@pytest.mark.parametrize("edition", list(Edition))
def test_embargo_lifts_at_the_start_of_the_day_in_amsterdam(edition: Edition) -> None:
    item = update("x", Audience.ALL, date(2026, 11, 24))
    midnight = datetime(2026, 11, 24, 0, 0, tzinfo=AMSTERDAM)
    assert not is_visible(item, edition, midnight - timedelta(seconds=1))
    assert is_visible(item, edition, midnight)
    # 23:30 UTC on the 23rd is already the 24th in Amsterdam (UTC+1 in winter)
    assert is_visible(item, edition, datetime(2026, 11, 23, 23, 30, tzinfo=UTC))
    assert not is_visible(item, edition, datetime(2026, 11, 23, 22, 59, tzinfo=UTC))


def test_embargo_in_summer_time() -> None:
    """On a summer day the day starts at 22:00 UTC the evening before (UTC+2)."""
    item = update("x", Audience.ALL, date(2026, 7, 1))
    assert start_of_day(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)
    assert is_visible(item, Edition.PARTNERS, datetime(2026, 6, 30, 22, 0, tzinfo=UTC))
    assert not is_visible(item, Edition.PARTNERS, datetime(2026, 6, 30, 21, 59, tzinfo=UTC))


def test_an_item_under_embargo_appears_nowhere() -> None:
    later = update("later", Audience.ALL, date(2026, 11, 23))
    content = Content((), (later, update("now", Audience.ALL, date(2026, 11, 22))))
    for edition in Edition:
        assert [i.slug for i in select(content, edition, NOW).items] == ["now"]


def test_items_without_a_date_are_not_under_embargo() -> None:
    page = Page(source=PurePosixPath("content/pages/over.md"), slug="over", title="Over",
                body="T.", audience=Audience.ALL)
    event = Event(source=PurePosixPath("content/agenda/a.md"), slug="a", title="A", body="",
                  start=date(2027, 1, 5), end=date(2027, 1, 5), audience=Audience.ALL)
    for edition in Edition:
        assert select(Content((), (page, event)), edition, NOW).items == (page, event)


def test_an_event_with_a_date_waits_for_it() -> None:
    event = Event(source=PurePosixPath("content/agenda/a.md"), slug="a", title="A", body="",
                  date=date(2026, 12, 1), start=date(2027, 1, 5), end=date(2027, 1, 5))
    assert not is_visible(event, Edition.INTRANET, NOW)


@pytest.mark.parametrize("edition", list(Edition))
def test_drafts_are_never_built(edition: Edition) -> None:
    draft = update("concept", Audience.ALL, draft=True)
    content = Content((), (draft,))
    assert select(content, edition, NOW).items == ()
    preview = select(content, edition, NOW, preview=True)
    assert preview.items == (draft,)  # the local preview shows it (marked by the renderer)
    assert preview.preview


def test_the_preview_shows_items_under_embargo_the_build_does_not() -> None:
    """The editor writing next week's item sees it in `courant serve` (marked there); the
    preview is never published, so the promise about partners is untouched."""
    later = update("later", Audience.ALL, date(2026, 12, 1))
    draft = update("concept", Audience.ALL, date(2026, 12, 1), draft=True)
    content = Content((), (later, draft))
    assert select(content, Edition.INTRANET, NOW, preview=True).items == (later, draft)
    assert select(content, Edition.INTRANET, NOW).items == ()


def test_issues_are_published_from_their_date() -> None:
    issues = (issue("2026-10", date(2026, 10, 29)), issue("2026-11", date(2026, 11, 22)),
              issue("2026-12", date(2026, 12, 17)))
    content = Content((), (), issues)
    assert [i.month for i in select(content, Edition.PARTNERS, NOW).issues] == [
        "2026-10", "2026-11"]
    assert [i.month for i in select(content, Edition.STAFF, NOW, preview=True).issues] == [
        "2026-10", "2026-11", "2026-12"]
    assert not is_published(issues[1], datetime(2026, 11, 21, 23, 59, tzinfo=AMSTERDAM))


def test_select_keeps_the_departments_and_now() -> None:
    departments = (Department("wi", "Werk en Inkomen"),)
    edition = select(Content(departments, ()), Edition.PARTNERS, NOW)
    assert edition.departments == departments
    assert edition.now == NOW
    assert edition.department("wi") == departments[0]
    assert edition.department("mo") is None
