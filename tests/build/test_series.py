"""Series pages and their calendars, built from tests/fixtures/series and read back with
BeautifulSoup and icalendar, at the pinned moment (2026-11-22 12:00).

The fixture: "Cursus" (a staff-only session in the past, a cancelled, a full and an `all`
session ahead; more than 14 days, so upcoming then past), "Najaarsweek" (three `all`
sessions over four days in October, across the night the clock goes back, one in the
second 02:30: a programme day by day), "Alleen intern" (staff-only: no partner page) and an
event of no series on one of the Week's days.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from icalendar import Calendar

from conftest import FIXTURES, copy_project
from courant.build import pipeline
from courant.read.config import load_config


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("series") / "p", FIXTURES / "series")
    pipeline.build(pipeline.Project(root))
    return root


def article_of(page: Path) -> Tag:
    """The page's <article> (its content, without Material's frame)."""
    found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert found is not None, page
    return found


def _sections(article: Tag) -> dict[str, list[str]]:
    """The h3 titles under each h2 ('Binnenkort', 'Geweest', 'Programma')."""
    sections: dict[str, list[str]] = {}
    current = ""
    for heading in article.find_all(["h2", "h3"]):
        text = heading.get_text(" ", strip=True).rstrip("¶").strip()
        if heading.name == "h2":
            current = text
            sections[current] = []
        else:
            sections.setdefault(current, []).append(text)
    return sections


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_series_page_lists_upcoming_sessions_first_then_past(built: Path) -> None:
    article = article_of(built / "dist/intranet/reeksen/cursus/index.html")
    assert article.h1 is not None and "De cursus van het jaar" in article.h1.get_text()
    assert _sections(article) == {
        "Binnenkort": ["Geannuleerd: Cursus begin december", "Cursus midden december (vol)",
                       "Cursus januari voor iedereen"],
        "Geweest": ["Cursus oktober STAFFTOKEN-CURSUS-OKT"],
    }
    links = [a["href"] for a in article.find_all("a")]
    assert "https://www.waalstad.nl/aanmelden/cursus-jan" in links
    assert "https://meet.waalstad.nl/cursus" in links
    # nobody is asked to sign up for a session that is full or will not take place
    assert "https://www.waalstad.nl/aanmelden/cursus-vol" not in links
    assert "https://www.waalstad.nl/aanmelden/cursus-dec" not in links
    assert "vol: er zijn geen plaatsen meer vrij" in article.get_text(" ")
    assert "STAFFTOKEN-DESCRIPTION" in article.get_text()


def test_partner_series_page_holds_only_partner_sessions(built: Path) -> None:
    article = article_of(built / "dist/public/reeksen/cursus/index.html")
    assert _sections(article) == {"Binnenkort": ["Cursus januari voor iedereen"]}
    # series.yml's title and description are staff-only (its audience): the name stands
    assert article.h1 is not None and article.h1.get_text(strip=True).startswith("Cursus")
    assert "De cursus van het jaar" not in article.get_text()
    events = _calendar(built / "dist/public/reeksen/cursus.ics").walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Cursus januari voor iedereen"]


def test_a_series_of_staff_events_has_no_partner_page(built: Path) -> None:
    public = built / "dist/public"
    assert not list(public.glob("reeksen/alleen-intern*"))
    assert (built / "dist/intranet/reeksen/alleen-intern-stafftoken-series.ics").is_file()
    for path in public.rglob("*"):
        if path.is_file():
            assert b"STAFFTOKEN" not in path.read_bytes(), path


def test_short_series_is_a_programme_day_by_day(built: Path) -> None:
    article = article_of(built / "dist/intranet/reeksen/najaarsweek/index.html")
    assert _sections(article) == {"Programma": [
        "Vrijdag 23 oktober 2026", "Zondag 25 oktober 2026", "Maandag 26 oktober 2026"]}
    days = [h.get_text(" ", strip=True) for h in article.find_all("h4")]
    assert [d.rstrip("¶").strip() for d in days] == [
        "Najaarsweek vrijdag", "Najaarsweek nachtwandeling", "Najaarsweek maandag"]
    assert "Dit programma is voorbij." in article.get_text()
    assert "02:30 (wintertijd)" in article.get_text()
    assert "Losse bijeenkomst" not in article.get_text()


def test_series_calendar_holds_just_that_series_at_the_right_instants(built: Path) -> None:
    config = load_config(built / "mkdocs.yml")
    calendar = _calendar(built / "dist/public/reeksen/najaarsweek.ics")
    assert str(calendar["x-wr-calname"]).startswith("Najaarsweek")
    assert str(calendar["source"]) == config.public_url + "reeksen/najaarsweek.ics"
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert sorted(events) == ["Najaarsweek maandag", "Najaarsweek nachtwandeling",
                              "Najaarsweek vrijdag"]
    instants = {title: e.decoded("dtstart").astimezone(UTC) for title, e in events.items()}
    assert instants == {  # summer time, the second 02:30 (winter time), winter time
        "Najaarsweek vrijdag": datetime(2026, 10, 23, 8, 0, tzinfo=UTC),
        "Najaarsweek nachtwandeling": datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        "Najaarsweek maandag": datetime(2026, 10, 26, 9, 0, tzinfo=UTC)}
    assert {str(e["uid"]) for e in events.values()} == {
        f"{config.public_url}agenda/week-{day}/" for day in ("vrijdag", "nacht", "maandag")}
    cancelled = _calendar(built / "dist/intranet/reeksen/cursus.ics").walk("VEVENT")
    assert [str(e["status"]) for e in cancelled] == ["CONFIRMED", "CANCELLED", "CONFIRMED",
                                                     "CONFIRMED"]


def test_event_pages_and_agenda_link_to_the_series(built: Path) -> None:
    event = article_of(built / "dist/intranet/agenda/cursus-vol/index.html")
    assert "../../reeksen/cursus/" in [a["href"] for a in event.find_all("a")]
    assert "vol" in event.get_text().lower()
    agenda = article_of(built / "dist/public/agenda/index.html")
    hrefs = [a["href"] for a in agenda.find_all("a")]
    assert {"../reeksen/cursus/", "../reeksen/najaarsweek/", "../reeksen/"} <= set(hrefs)
    series = article_of(built / "dist/intranet/reeksen/cursus/index.html")
    webcal = [a["href"] for a in series.find_all("a") if a["href"].startswith("webcal:")]
    config = load_config(built / "mkdocs.yml")
    assert webcal == [config.site_url.replace("https://", "webcal://", 1) +
                      "reeksen/cursus.ics"]
