"""Both sites' feeds and calendars read by the clients people use, which are stricter than
feedparser (lenient, it hides errors): the built demo and tests/fixtures/feeds, served by
Debian's nginx with the shipped configuration on 127.0.0.1, read by sfeed and newsboat (every
entry with its date, nothing on stderr), by vdirsyncer's http storage into khal as a
subscriber (every event, no warning, a cancelled event shown as cancelled), and every .ics
file by Mozilla's ical.js (pinned in package.json), with only the time zones it defines.

What each must show comes from courant's model of the sources (tests/syndication.py)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from slugify import slugify

from conftest import FIXTURES, ROOT, copy_project
from courant.build import pipeline
from syndication import FEEDS, SITES, Entry, Happening, Syndication, expected_syndication
from webserver import nginx_serving

pytestmark = pytest.mark.server
ICALJS = ROOT / "node_modules" / "ical.js" / "package.json"
READER = Path(__file__).with_name("icaljs_read.mjs")


@dataclass(frozen=True)
class Site:
    """One built site: its folder, where nginx serves it, and what its files must hold."""

    name: str  # "<project>_<site>": demo_public, feeds_intranet, ...
    folder: Path
    url: str  # ends in /
    expected: Syndication


def _client(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run scripts/install-system.sh")
    return found


def _run(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """A client as its user runs it, with a home of its own (no configuration of ours)."""
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
           "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    home.mkdir(parents=True, exist_ok=True)
    return subprocess.run(args, capture_output=True, text=True, env=env, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def sites(demo_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Site]]:
    """The demo and tests/fixtures/feeds (a cancelled partner event, all-day and multi-day
    events, both sides of a change to winter time), both sites of each, behind one nginx."""
    base = tmp_path_factory.mktemp("clients")
    feeds = copy_project(base / "feeds", content_from=FIXTURES / "feeds")
    pipeline.build(pipeline.Project(feeds))
    www = base / "www"
    www.mkdir()
    roots = {"demo": demo_dist.parent, "feeds": feeds}
    for project, root in roots.items():
        for site in SITES:
            (www / f"{project}_{site}").symlink_to(root / "dist" / site)
    with nginx_serving(www, base / "nginx") as url:
        yield [Site(f"{project}_{site}", root / "dist" / site, f"{url}{project}_{site}/",
                    expected_syndication(root, site))
               for project, root in roots.items() for site in SITES]


def _feeds(sites: list[Site]) -> dict[str, tuple[str, dict[str, Entry]]]:
    """Every feed of every site: a name for it -> (its served URL, the entries it must hold)."""
    return {f"{site.name}-{path.replace('/', '-')}": (site.url + path, site.expected.feeds[path])
            for site in sites for path in FEEDS}


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def test_sfeed_reads_every_entry_and_every_date(sites: list[Site], tmp_path: Path) -> None:
    """sfeed_update fetches each feed (with curl) and sfeed parses it into one line per entry:
    UNIX time, title, link, ...; an empty time is a date sfeed could not parse."""
    _client("sfeed")
    feeds = _feeds(sites)
    lines = "".join(f'\tfeed "{name}" "{url}"\n' for name, (url, _) in feeds.items())
    config = tmp_path / "sfeedrc"
    config.write_text(f'sfeedpath="{tmp_path / "feeds"}"\nfeeds() {{\n{lines}}}\n',
                      encoding="utf-8")
    done = _run([_client("sfeed_update"), str(config)], tmp_path / "home")
    assert (done.returncode, done.stderr) == (0, ""), done.stdout
    assert done.stdout.count(" OK\n") == len(feeds), done.stdout
    for name, (url, entries) in feeds.items():
        rows = [line.split("\t") for line in
                (tmp_path / "feeds" / name).read_text(encoding="utf-8").splitlines()]
        assert [row[2] for row in rows if not row[0]] == [], f"{url}: dates sfeed cannot read"
        assert len(rows) == len(entries), url
        got = {row[2]: (row[1], int(row[0])) for row in rows}
        assert got == {link: (e.title, _epoch(e.published)) for link, e in entries.items()}, url


def test_newsboat_reloads_every_feed_without_an_error(sites: list[Site],
                                                      tmp_path: Path) -> None:
    """`newsboat -x reload` fetches the feed into its cache (SQLite); every entry is there with
    its title, link and date, and its error log stays empty. One reader per feed: newsboat
    keeps an entry once per id, and feed.xml and rss.xml of a site share their ids."""
    for name, (url, entries) in _feeds(sites).items():
        folder = tmp_path / name
        folder.mkdir()
        urls, config, log = folder / "urls", folder / "config", folder / "error.log"
        urls.write_text(url + "\n", encoding="utf-8")
        config.write_text(f'error-log "{log}"\n', encoding="utf-8")
        cache = folder / "cache.db"
        done = _run([_client("newsboat"), "-u", str(urls), "-c", str(cache), "-C",
                     str(config), "-x", "reload"], folder / "home")
        assert (done.returncode, done.stderr) == (0, ""), (url, done.stdout)
        assert not log.exists() or log.read_text(encoding="utf-8") == "", url
        with sqlite3.connect(cache) as db:
            rows = db.execute("SELECT url, title, pubDate FROM rss_item").fetchall()
            titles = db.execute("SELECT title FROM rss_feed").fetchall()
        assert len(titles) == 1 and titles[0][0], f"{url}: newsboat has no feed title"
        assert len(rows) == len(entries), url
        assert {link: (title, when) for link, title, when in rows} == {
            link: (e.title, _epoch(e.published)) for link, e in entries.items()}, url


def _khal_when(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.isoformat()


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


KHAL_FORMAT = "{cancelled}|{start}|{end}|{title}|{url}"


def test_khal_shows_both_agendas_as_a_subscriber_sees_them(sites: list[Site],
                                                          tmp_path: Path) -> None:
    """vdirsyncer subscribes to each agenda.ics (its read-only http storage) and copies the
    events into a folder khal reads; khal lists every event at its time in Amsterdam, the
    cancelled ones as CANCELLED, and neither says a word on stderr (khal warns there about a
    time zone it does not understand)."""
    pairs, calendars = [], []
    for site in sites:
        local = tmp_path / "calendars" / site.name
        local.mkdir(parents=True)
        pairs.append(f"""
[pair {site.name}]
a = "{site.name}_remote"
b = "{site.name}_local"
collections = null
conflict_resolution = "a wins"

[storage {site.name}_remote]
type = "http"
url = "{site.url}agenda.ics"

[storage {site.name}_local]
type = "filesystem"
path = "{local}"
fileext = ".ics"
""")
        calendars.append(f"[[{site.name}]]\npath = {local}\n")
    vdirsyncer = tmp_path / "vdirsyncer"
    vdirsyncer.write_text(f'[general]\nstatus_path = "{tmp_path / "status"}"\n' +
                          "".join(pairs), encoding="utf-8")
    khal = tmp_path / "khal"
    khal.write_text("[calendars]\n" + "".join(calendars) + """
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Amsterdam
default_timezone = Europe/Amsterdam
""", encoding="utf-8")
    home = tmp_path / "home"
    for command in ("discover", "sync"):
        done = _run([_client("vdirsyncer"), "-v", "WARNING", "-c", str(vdirsyncer), command],
                    home)
        assert (done.returncode, done.stderr) == (0, ""), (command, done.stdout)
    for site in sites:
        days = [_day(moment) for e in site.expected.events.values() for moment in (e.start, e.end)]
        done = _run([_client("khal"), "-c", str(khal), "list", "--once", "--day-format", "",
                     "--format", KHAL_FORMAT, "--include-calendar", site.name,
                     (min(days) - timedelta(days=1)).isoformat(),
                     (max(days) + timedelta(days=1)).isoformat()], home)
        assert (done.returncode, done.stderr) == (0, ""), site.name
        rows = [line.split("|") for line in done.stdout.splitlines() if line]
        assert len(rows) == len(site.expected.events), (site.name, done.stdout)
        got = {url: (cancelled.strip(), start, end, title)
               for cancelled, start, end, title, url in rows}
        assert got == {url: ("CANCELLED" if e.cancelled else "", _khal_when(e.start),
                             _khal_when(e.end), e.title)
                       for url, e in site.expected.events.items()}, site.name
    assert any(e.cancelled for site in sites for e in site.expected.events.values())


def _icaljs_when(moment: datetime | date, end: bool = False) -> dict[str, Any]:
    """A moment as icaljs_read.mjs prints it: the local time text, UNIX time and zone; an
    all-day event's DTEND is the day after its last day."""
    if isinstance(moment, datetime):
        return {"text": moment.strftime("%Y-%m-%dT%H:%M:%S"), "unix": _epoch(moment),
                "tzid": "Europe/Amsterdam"}
    return {"text": (moment + timedelta(days=1) if end else moment).isoformat(), "unix": None,
            "tzid": None}


def _icaljs_event(url: str, event: Happening) -> dict[str, Any]:
    return {"uid": url, "url": url, "summary": event.title,
            "status": "CANCELLED" if event.cancelled else "CONFIRMED",
            "start": _icaljs_when(event.start), "end": _icaljs_when(event.end, end=True)}


def _unfolded(text: str) -> list[str]:
    """The content lines of an iCalendar text, folding undone; URL's VALUE=URI left out (URI
    is its default type, which ical.js does not write)."""
    lines = text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")
    return [line.replace("URL;VALUE=URI:", "URL:", 1) for line in lines if line]


def test_icaljs_reads_every_calendar_file(sites: list[Site]) -> None:
    """Every .ics of both sites (agenda.ics, each series' and each event's own file), each read
    on its own:
    ical.js parses it, writes back every line as it stands (a line it misread or skipped shows
    there: it takes `END:VEV\xffNT` for the END of the event), and each event's times,
    resolved with the file's own VTIMEZONE, are the instants of the sources."""
    if not ICALJS.is_file():
        pytest.fail("ical.js is not installed: run `npm ci --ignore-scripts` (package-lock.json)")
    files = sorted(path for site in sites for path in site.folder.rglob("*.ics"))
    done = subprocess.run([_client("node"), str(READER), *map(str, files)], capture_output=True,
                          text=True, timeout=120, check=False, cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "")
    found = [json.loads(line) for line in done.stdout.splitlines()]
    assert sorted(f["file"] for f in found) == sorted(map(str, files))  # also any without events
    for each in found:
        written = _unfolded(Path(each["file"]).read_bytes().decode("utf-8"))
        assert [line for line in _unfolded(each["again"]) if line not in written] == [], (
            f"{each['file']}: lines ical.js did not read as they were written")
        assert len(_unfolded(each["again"])) == len(written), each["file"]
    read = {f["file"]: f["events"] for f in found}
    for site in sites:
        events = site.expected.events
        agenda = str(site.folder / "agenda.ics")
        assert sorted(read[agenda], key=lambda e: str(e["uid"])) == sorted(
            (_icaljs_event(url, e) for url, e in events.items()), key=lambda e: str(e["uid"]))
        own = {str(site.folder / "agenda" / f"{e.slug}.ics"): [_icaljs_event(url, e)]
               for url, e in events.items()}
        assert {name: found for name, found in read.items()
                if name.startswith(str(site.folder / "agenda") + "/")} == own
        names = {e.series for e in events.values() if e.series}
        per_series = {str(site.folder / "reeksen" / f"{slugify(name)}.ics"): sorted(
            (_icaljs_event(url, e) for url, e in events.items() if e.series == name),
            key=lambda e: str(e["uid"])) for name in names}
        assert {name: sorted(found, key=lambda e: str(e["uid"])) for name, found in read.items()
                if name.startswith(str(site.folder / "reeksen") + "/")} == per_series
