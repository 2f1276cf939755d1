"""The demo's partner site served by Debian's nginx with the shipped configuration
(scripts/nginx/courant.conf), polled the way a feed reader and a calendar client poll it."""

from __future__ import annotations

import gzip
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from conftest import NOW_EPOCH, ROOT
from courant import pipeline
from courant.audience import Edition, select
from courant.model import NEWS_KINDS
from courant.render.common import page_url

pytestmark = pytest.mark.server
SNIPPET = ROOT / "scripts" / "nginx" / "courant.conf"
NOW = datetime.fromtimestamp(int(NOW_EPOCH), tz=UTC)


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


def _nginx() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists()
                                      else None)
    if found is None:
        pytest.fail("nginx is not installed: run scripts/install-system.sh (nginx-light)")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _temp_paths(nginx: str, run: Path) -> str:
    """Temp folders inside `run` for every module this nginx has (the defaults need root)."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    lines = [f"client_body_temp_path {run}/body;"]
    for module in ("proxy", "fastcgi", "uwsgi", "scgi"):
        if f"--without-http_{module}_module" not in built:
            lines.append(f"{module}_temp_path {run}/{module};")
    return "\n    ".join(lines)


def _config(nginx: str, run: Path, root: Path, port: int) -> Path:
    """A whole nginx.conf around the shipped snippet; master_process off keeps nginx one
    process, in the foreground, as the user running the tests."""
    config = run / "nginx.conf"
    config.write_text(f"""
daemon off;
master_process off;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {run}/access.log;
    {_temp_paths(nginx, run)}
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {SNIPPET};
    }}
}}
""", encoding="utf-8")
    return config


def _wait_until_listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("nginx stopped: " + (log.read_text() if log.exists() else ""))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not start listening: " + (log.read_text() if log.exists() else ""))


@pytest.fixture(scope="module")
def server(demo_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    nginx = _nginx()
    run = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    config = _config(nginx, run, demo_dist / "public", port)
    log = run / "error.log"
    check = subprocess.run([nginx, "-t", "-p", str(run), "-c", str(config), "-e", str(log)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([nginx, "-p", str(run), "-c", str(config), "-e", str(log)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_until_listening(process, port, log)
        yield Server(f"http://127.0.0.1:{port}/")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def expected(demo_dist: Path) -> dict[str, set[str]]:
    """What the partner edition of the demo holds: news item and event page URLs."""
    loaded = pipeline.load(pipeline.Project(demo_dist.parent))
    partners = select(loaded.content, Edition.PARTNERS, NOW)
    base = loaded.config.public_url
    news = sorted((i for i in partners.items if i.kind in NEWS_KINDS and i.date),
                  key=lambda i: (i.date, str(i.source)), reverse=True)
    return {"news": {page_url(i, base) for i in news[:loaded.config.settings.feed_size]},
            "events": {page_url(e, base) for e in partners.events}}


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


def test_the_readme_shows_the_shipped_configuration() -> None:
    snippet = SNIPPET.read_text(encoding="utf-8")
    body = snippet[snippet.index("server_tokens off;"):]
    assert body in (ROOT / "README.md").read_text(encoding="utf-8")
