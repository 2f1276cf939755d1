"""render/calendar.py: the agendas read back with icalendar, as a calendar client would."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import FIXTURES, NOW_EPOCH, copy_project
from courant.audience import Edition, select
from courant.build import pipeline
from courant.clock import AMSTERDAM
from courant.model import Content, Event
from courant.render.calendar import calendar_files
from projects import tiny_project

NOW = datetime.fromtimestamp(int(NOW_EPOCH), tz=AMSTERDAM)
URL = "https://partners.example.org/"
TOKEN = re.compile(r"[A-Z]+TOKEN(?:-[A-Z]+)*")


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = copy_project(tmp_path_factory.mktemp("ics") / "p", content_from=FIXTURES / "feeds")
    return pipeline.load(pipeline.Project(root)).content


@pytest.fixture(scope="module")
def public(content: Content) -> dict[str, bytes]:
    return calendar_files(select(content, Edition.PARTNERS, NOW), "Sociaal Domein", URL)


@pytest.fixture(scope="module")
def events(public: dict[str, bytes]) -> dict[str, Calendar]:
    """The public agenda's events by slug, parsed back."""
    calendar = Calendar.from_ical(public["agenda.ics"])
    return {str(e["UID"]).split("/")[-2]: e for e in calendar.walk("VEVENT")}


def test_one_file_per_event_beside_the_agenda_and_one_per_series(
        public: dict[str, bytes]) -> None:
    assert sorted(public) == ["agenda.ics", "agenda/dst-wintertijd.ics",
                              "agenda/dst-zomertijd.ics", "agenda/netwerk-geannuleerd.ics",
                              "agenda/studiedag.ics", "agenda/week-sociaal-domein.ics",
                              "reeksen/spotlights.ics", "reeksen/week-van-het-sociaal-domein.ics"]


def test_the_partner_calendar_holds_exactly_the_partner_visible_events(
        public: dict[str, bytes], content: Content) -> None:
    found = set().union(*(TOKEN.findall(data.decode()) for data in public.values()))
    assert found == {"PARTNERTOKEN-EVENT-SUMMER", "PARTNERTOKEN-EVENT-WINTER",
                     "PARTNERTOKEN-EVENT-WEEK", "PARTNERTOKEN-EVENT-DAY",
                     "PARTNERTOKEN-EVENT-CANCELLED"}
    intranet = calendar_files(select(content, Edition.INTRANET, NOW), "Intranet", URL)
    assert "STAFFTOKEN-EVENT" in intranet["agenda.ics"].decode()
    assert len(Calendar.from_ical(intranet["agenda.ics"]).walk("VEVENT")) == 6


def test_a_calendar_client_reads_every_event_back(public: dict[str, bytes],
                                                   events: dict[str, Calendar]) -> None:
    calendar = Calendar.from_ical(public["agenda.ics"])
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Agenda Sociaal Domein"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert len(events) == 5
    for event in events.values():
        for key in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "DESCRIPTION",
                    "STATUS", "LAST-MODIFIED"):
            assert key in event, key
        assert str(event["URL"]) == str(event["UID"])
        assert "<" not in str(event["DESCRIPTION"])  # plain text


def test_times_are_right_across_daylight_saving(events: dict[str, Calendar]) -> None:
    summer, winter = events["dst-zomertijd"], events["dst-wintertijd"]
    assert summer["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert summer.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 24, 8, 0, tzinfo=UTC)
    assert summer.decoded("DTEND").astimezone(UTC) == datetime(2026, 10, 24, 9, 0, tzinfo=UTC)
    assert winter.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    assert winter.decoded("DTEND").astimezone(UTC) == datetime(2026, 10, 26, 10, 30, tzinfo=UTC)


def test_the_vtimezone_itself_gives_the_right_offsets(public: dict[str, bytes]) -> None:
    """A client that trusts the VTIMEZONE rather than its own tz database."""
    text = public["agenda.ics"].decode().replace("TZID=Europe/Amsterdam", "TZID=Waalstad")
    text = text.replace("TZID:Europe/Amsterdam", "TZID:Waalstad")
    calendar = Calendar.from_ical(text)
    starts = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT")
                    if isinstance(e.decoded("DTSTART"), datetime))
    assert not isinstance(starts[0].tzinfo, ZoneInfo)
    assert [s.utcoffset().total_seconds() / 3600 for s in starts] == [2, 1, 1]


def ical(value: object) -> str:
    text = value.to_ical()  # type: ignore[attr-defined]
    return text.decode() if isinstance(text, bytes) else str(text)


def test_the_vtimezone_has_one_block_per_change_and_no_rdate() -> None:
    """Every onset in a DTSTART of its own, the local time before the change (RFC 5545):
    ical.js, older libical and Outlook skip the DTSTART of a block with RDATEs, and put the
    summer of the first year in winter time (tests/build/test_clients.py reads it so)."""
    from courant.render.calendar import vtimezone

    blocks = vtimezone("Europe/Amsterdam", 2026, 2028).subcomponents
    assert [(b.name, str(b["TZNAME"]), ical(b["DTSTART"]), ical(b["TZOFFSETFROM"]),
             ical(b["TZOFFSETTO"])) for b in blocks] == [
        ("STANDARD", "CET", "20260101T000000", "+0100", "+0100"),
        ("DAYLIGHT", "CEST", "20260329T020000", "+0100", "+0200"),
        ("STANDARD", "CET", "20261025T030000", "+0200", "+0100"),
        ("DAYLIGHT", "CEST", "20270328T020000", "+0100", "+0200"),
        ("STANDARD", "CET", "20271031T030000", "+0200", "+0100")]
    assert all("RDATE" not in block for block in blocks)


def test_all_day_events_are_dates_with_an_exclusive_end(public: dict[str, bytes],
                                                        events: dict[str, Calendar]) -> None:
    week, day = events["week-sociaal-domein"], events["studiedag"]
    assert week.decoded("DTSTART") == date(2026, 11, 23)
    assert week.decoded("DTEND") == date(2026, 11, 28)  # editors wrote end: 2026-11-27
    assert day.decoded("DTSTART") == date(2026, 12, 10)
    assert day.decoded("DTEND") == date(2026, 12, 11)
    assert not isinstance(week.decoded("DTSTART"), datetime)
    assert "DTSTART;VALUE=DATE:20261123" in public["agenda.ics"].decode()


def test_cancelled_events_carry_their_status(events: dict[str, Calendar]) -> None:
    cancelled = events["netwerk-geannuleerd"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]).startswith("Geannuleerd: Netwerkbijeenkomst")
    assert cancelled.decoded("SEQUENCE") == 1
    assert str(events["studiedag"]["STATUS"]) == "CONFIRMED"
    assert events["studiedag"].decoded("SEQUENCE") == 0


def test_location_url_and_description(events: dict[str, Calendar]) -> None:
    summer = events["dst-zomertijd"]
    assert str(summer["LOCATION"]) == "Stadskantoor, zaal 2.14"
    assert str(summer["URL"]) == URL + "agenda/dst-zomertijd/"
    assert summer["CATEGORIES"].cats == ["Spotlights"]
    winter = str(events["dst-wintertijd"]["DESCRIPTION"])
    assert winter.startswith("De maandag na de overgang naar wintertijd.")
    assert "Online: https://meet.example.org/leeracademie" in winter
    assert "Aanmelden: https://example.org/aanmelden" in winter
    assert str(events["dst-wintertijd"]["LOCATION"]) == "https://meet.example.org/leeracademie"


def test_a_description_keeps_sentences_whole_and_a_cancelled_one_offers_nothing(
        content: Content) -> None:
    """An editor's line break inside a paragraph is a space (Outlook showed the sentence
    broken in two); a cancelled event has nothing to join or sign up for."""
    from courant.render.calendar import description

    event = next(e for e in content.items if isinstance(e, Event) and e.online
                 and e.registration)
    edited = replace(event, body="Wat verandert er in de regels? En\nwat merken inwoners "
                     "ervan?\n\nEen tweede alinea.\n\n    code\n    op regels\n")
    said = description(edited, URL)
    assert said.startswith("Wat verandert er in de regels? En wat merken inwoners ervan?\n"
                           "Een tweede alinea.\ncode\nop regels\n")  # code keeps its lines
    assert f"Online: {event.online}" in said and f"Aanmelden: {event.registration}" in said
    cancelled = description(replace(edited, cancelled=True), URL)
    assert cancelled.startswith("Geannuleerd: deze bijeenkomst gaat niet door.")
    assert "Online:" not in cancelled and "Aanmelden:" not in cancelled


def test_stamps_come_from_the_sources_not_the_clock(content: Content,
                                                    events: dict[str, Calendar]) -> None:
    # dst-wintertijd has `date: 2026-10-01`; the others fall back to their first day
    assert events["dst-wintertijd"].decoded("DTSTAMP") == datetime(2026, 9, 30, 22,
                                                                    tzinfo=UTC)
    assert events["studiedag"].decoded("LAST-MODIFIED") == datetime(2026, 12, 9, 23,
                                                                     tzinfo=UTC)
    later = datetime(2027, 3, 1, tzinfo=AMSTERDAM)
    again = calendar_files(select(content, Edition.PARTNERS, later), "Sociaal Domein", URL)
    assert again == calendar_files(select(content, Edition.PARTNERS, NOW), "Sociaal Domein",
                                   URL)


def test_an_events_own_file_is_the_same_event(public: dict[str, bytes],
                                              events: dict[str, Calendar]) -> None:
    single = Calendar.from_ical(public["agenda/dst-zomertijd.ics"])
    [event] = single.walk("VEVENT")
    assert event.to_ical() == events["dst-zomertijd"].to_ical()
    assert "X-WR-CALNAME" not in single  # imported into the user's calendar, not a new one
    assert [str(tz["TZID"]) for tz in single.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_uids_are_unique_and_lines_end_in_crlf(public: dict[str, bytes],
                                                events: dict[str, Calendar]) -> None:
    uids = [str(e["UID"]) for e in events.values()]
    assert len(set(uids)) == len(uids)
    raw = public["agenda.ics"]
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_an_empty_agenda_is_still_a_calendar() -> None:
    empty = calendar_files(select(Content((), ()), Edition.PARTNERS, NOW), "Leeg", URL)
    assert list(empty) == ["agenda.ics"]
    assert Calendar.from_ical(empty["agenda.ics"]).walk("VEVENT") == []


def test_events_serialised_once_and_kept_give_icalendars_own_bytes(content: Content) -> None:
    """Each event's lines are made once (and kept between builds) and spliced into agenda.ics
    and its own .ics: byte for byte what icalendar makes of the whole calendar."""
    from courant.render.calendar import (
        _order,
        calendar_bytes,
        event_block,
        event_component,
        event_ics_path,
    )
    from courant.render.series import edition_series

    for edition in (Edition.INTRANET, Edition.PARTNERS):
        selected = select(content, edition, NOW)
        events = sorted(selected.events, key=_order)
        components = [event_component(event, URL) for event in events]
        whole = {"agenda.ics": calendar_bytes(events, components, URL, "Agenda X")}
        for event, component in zip(events, components, strict=True):
            whole[event_ics_path(event)] = calendar_bytes([event], [component], URL)
        for series in edition_series(selected):
            own = [(e, c) for e, c in zip(events, components, strict=True)
                   if e.series == series.name]
            whole[series.ics] = calendar_bytes([e for e, _ in own], [c for _, c in own], URL,
                                               f"{series.title} (X)", series.ics)
        made: list[str] = []

        def block(event, url, made=made):
            made.append(event.source)
            return event_block(event, url)
        assert calendar_files(selected, "X", URL, block) == whole
        assert sorted(made) == sorted(event.source for event in events)  # once each


@pytest.fixture(scope="module")
def night(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The night the clock goes back (2026-10-25, 03:00 summer time -> 02:00): an event in the
    first and one in the second 02:00-03:00, and one of an hour from 02:30, by default end."""
    root = tiny_project(tmp_path_factory.mktemp("night") / "p")
    for name, start in (("eerste", "2026-10-25 02:00"), ("tweede", "2026-10-25 02:00 +01:00"),
                        ("over-de-grens", "2026-10-25 02:30")):
        (root / "content" / "agenda").mkdir(parents=True, exist_ok=True)
        (root / "content" / "agenda" / f"{name}.md").write_text(
            f'---\ntitle: {name}\nstart: "{start}"\naudience: all\n---\nT.\n')
    content = pipeline.load(pipeline.Project(root)).content
    return calendar_files(select(content, Edition.PARTNERS, NOW), "Sociaal Domein", URL)


@pytest.mark.parametrize("own_zone", [False, True])
def test_an_hour_the_clock_repeats_is_the_right_hour_in_a_client(night: dict[str, bytes],
                                                                  own_zone: bool) -> None:
    """Read by icalendar with its tz database, and (`own_zone`) with only the calendar's own
    VTIMEZONE: each event lasts its one hour, and the second 02:00 is the second."""
    text = night["agenda.ics"].decode()
    if own_zone:
        text = text.replace("TZID=Europe/Amsterdam", "TZID=Waalstad").replace(
            "TZID:Europe/Amsterdam", "TZID:Waalstad")
    times = {str(e["SUMMARY"]): (e.decoded("DTSTART").astimezone(UTC),
                                 e.decoded("DTEND").astimezone(UTC))
             for e in Calendar.from_ical(text).walk("VEVENT")}
    assert times == {
        "eerste": (datetime(2026, 10, 25, 0, 0, tzinfo=UTC), datetime(2026, 10, 25, 1, 0,
                                                                      tzinfo=UTC)),
        "tweede": (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), datetime(2026, 10, 25, 2, 0,
                                                                      tzinfo=UTC)),
        "over-de-grens": (datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
                          datetime(2026, 10, 25, 1, 30, tzinfo=UTC)),
    }


def test_pages_and_mails_say_which_of_the_repeated_hour() -> None:
    """The wording every page, list and mail uses for an event's time (wording.py)."""
    from courant.wording import when

    first = Event(source=PurePosixPath("content/agenda/a.md"), slug="a", title="A", body="",
                  start=datetime(2026, 10, 25, 2, 0, tzinfo=AMSTERDAM),
                  end=datetime(2026, 10, 25, 2, 0, fold=1, tzinfo=AMSTERDAM))
    assert when(first) == ("zondag 25 oktober 2026, 02:00 (zomertijd) – 02:00 (wintertijd) "
                           "uur")
    plain = replace(first, start=datetime(2026, 11, 24, 15, 0, tzinfo=AMSTERDAM),
                    end=datetime(2026, 11, 24, 16, 0, tzinfo=AMSTERDAM))
    assert when(plain) == "dinsdag 24 november 2026, 15:00 – 16:00 uur"
