"""The demo's partner site served by Debian's nginx with the shipped configuration
(scripts/nginx/courant.conf), polled the way a feed reader and a calendar client poll it."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from conftest import ROOT
from syndication import expected_syndication
from webserver import SNIPPET, nginx_serving

pytestmark = pytest.mark.server


@dataclass(frozen=True)
class Server:
    url: str

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, Message,
                                                                           bytes]:
        request = urllib.request.Request(self.url + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as answer:  # urllib raises for 304 and 404
            return answer.code, answer.headers, answer.read()


@pytest.fixture(scope="module")
def server(demo_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with nginx_serving(demo_dist / "public", tmp_path_factory.mktemp("nginx")) as url:
        yield Server(url)


@pytest.fixture(scope="module")
def expected(demo_dist: Path) -> dict[str, set[str]]:
    """What the partner edition of the demo holds: news item and event page URLs."""
    public = expected_syndication(demo_dist.parent, "public")
    return {"news": set(public.feeds["feed.xml"]), "events": set(public.events)}


def test_a_feed_reader_gets_the_partner_news_and_a_304_next_time(
        server: Server, expected: dict[str, set[str]]) -> None:
    for name, version in (("feed.xml", "atom10"), ("rss.xml", "rss20")):
        first = feedparser.parse(server.url + name)  # feedparser's own HTTP client (gzip)
        assert first.status == 200 and not first.bozo, name
        assert first.version == version
        assert {e.link for e in first.entries} == expected["news"]
        assert first.etag and first.modified
        again = feedparser.parse(server.url + name, etag=first.etag, modified=first.modified)
        assert again.status == 304, name
        assert again.entries == []


def test_feeds_and_calendars_have_their_content_types(server: Server) -> None:
    types = {
        "feed.xml": "application/atom+xml; charset=utf-8",
        "rss.xml": "application/rss+xml; charset=utf-8",
        "nieuwsbrief/feed.xml": "application/atom+xml; charset=utf-8",
        "agenda.ics": "text/calendar; charset=utf-8",
    }
    for path, content_type in types.items():
        status, headers, _ = server.get(path)
        assert status == 200, path
        assert headers["Content-Type"] == content_type, path
        assert headers["Cache-Control"] == "public, max-age=900", path
        assert headers["ETag"] and headers["Last-Modified"], path


def test_a_calendar_client_gets_the_partner_events(server: Server,
                                                   expected: dict[str, set[str]]) -> None:
    status, _, body = server.get("agenda.ics")
    assert status == 200
    calendar = Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert {str(e["URL"]) for e in events} == expected["events"]
    for event in events:
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    if any(isinstance(e.decoded("DTSTART"), datetime) for e in events):
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_conditional_gets_cost_a_304(server: Server) -> None:
    for path in ("agenda.ics", "feed.xml"):
        _, headers, _ = server.get(path)
        status, _, body = server.get(path, {"If-None-Match": headers["ETag"]})
        assert (status, body) == (304, b""), path
        status, _, _ = server.get(path, {"If-Modified-Since": headers["Last-Modified"]})
        assert status == 304, path


def test_feeds_are_compressed_and_still_revalidate(server: Server) -> None:
    gzip_ok = {"Accept-Encoding": "gzip"}
    status, headers, body = server.get("feed.xml", gzip_ok)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert feedparser.parse(gzip.decompress(body)).version == "atom10"
    status, _, _ = server.get("feed.xml", {**gzip_ok, "If-None-Match": headers["ETag"]})
    assert status == 304


def test_pages_and_missing_files(server: Server) -> None:
    status, headers, body = server.get("")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b'type="application/atom+xml"' in body
    assert headers["Cache-Control"] == "no-cache"
    status, _, _ = server.get("bestaat-niet/")
    assert status == 404


def test_the_hosting_docs_show_the_shipped_configuration() -> None:
    snippet = SNIPPET.read_text(encoding="utf-8")
    body = snippet[snippet.index("server_tokens off;"):]
    assert body in (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
