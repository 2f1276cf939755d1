"""Whole builds of tests/fixtures/feeds: feeds and calendars in both sites, read back by
feedparser, icalendar and an HTML parser; repeatable to the byte."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import FIXTURES, copy_project, run_courant
from courant import clock
from courant.build import pipeline
from courant.read.config import load_config

SITES = ("intranet", "public")
SYNDICATION = ("feed.xml", "rss.xml", "nieuwsbrief/feed.xml", "agenda.ics")
NEW_ITEM = """---
title: Een nieuw bericht
date: 2026-11-18
department: wi
audience: all
---
Later toegevoegd.
"""


def _build(target: Path, extra: dict[str, str] | None = None) -> Path:
    root = copy_project(target, content_from=FIXTURES / "feeds")
    for path, text in (extra or {}).items():
        (root / path).write_text(text, encoding="utf-8")
    pipeline.build(pipeline.Project(root))
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built in this process."""
    return _build(tmp_path_factory.mktemp("feeds-build") / "one")


@pytest.fixture(scope="module")
def dist(built: Path) -> Path:
    return built / "dist"


@pytest.fixture(scope="module")
def urls(built: Path) -> dict[str, str]:
    config = load_config(built / "mkdocs.yml")
    return {"intranet": config.site_url, "public": config.public_url}


def _syndication_files(site_dir: Path) -> list[Path]:
    return sorted(p.relative_to(site_dir) for p in site_dir.rglob("*")
                  if p.name in ("feed.xml", "rss.xml") or p.suffix == ".ics")


@pytest.mark.spawns
def test_same_sources_give_byte_identical_feeds_and_calendars(built: Path,
                                                               tmp_path: Path) -> None:
    """Built again in another folder, by another process: no memo of this one can help."""
    again = copy_project(tmp_path / "two", content_from=FIXTURES / "feeds")
    result = run_courant(again, "build")
    assert result.returncode == 0, result.stderr
    one, two = built / "dist", again / "dist"
    for site in SITES:
        files = _syndication_files(one / site)
        assert [str(f) for f in files if str(f) in SYNDICATION] == sorted(SYNDICATION)
        assert files == _syndication_files(two / site)
        for path in files:
            assert (one / site / path).read_bytes() == (two / site / path).read_bytes(), path


def _local(url: str, base: str, site_dir: Path) -> Path:
    """The file in the built site that an absolute URL of that site serves."""
    assert url.startswith(base), url
    path = urlsplit(url).path.removeprefix(urlsplit(base).path)
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.mark.parametrize("site", SITES)
def test_every_url_in_the_feeds_is_absolute_and_published(dist: Path, urls: dict[str, str],
                                                          site: str) -> None:
    for name in ("feed.xml", "rss.xml", "nieuwsbrief/feed.xml"):
        feed = feedparser.parse((dist / site / name).read_bytes())
        assert not feed.bozo, name
        assert feed.entries, name
        for entry in feed.entries:
            assert _local(entry.link, urls[site], dist / site).is_file(), entry.link
            soup = BeautifulSoup(entry.content[0].value, "html.parser")
            for tag in soup.find_all(["a", "img"]):
                url = tag.get("href") or tag.get("src")
                if url is None:
                    assert tag.name == "a" and tag.get_text() == "klik"  # javascript: removed
                elif url.startswith(urls[site]):
                    assert _local(url.split("#")[0], urls[site], dist / site).is_file(), url
                else:
                    assert urlsplit(url).scheme == "https", url


@pytest.mark.parametrize("site", SITES)
def test_calendar_urls_lead_to_event_pages(dist: Path, urls: dict[str, str], site: str) -> None:
    calendar = Calendar.from_ical((dist / site / "agenda.ics").read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == {"intranet": 6, "public": 5}[site]
    for event in events:
        assert _local(str(event["URL"]), urls[site], dist / site).is_file()


@pytest.mark.parametrize("site", SITES)
def test_every_page_announces_the_feeds(dist: Path, urls: dict[str, str], site: str) -> None:
    pages = sorted((dist / site).rglob("*.html"))
    assert len(pages) > 10
    expected = {("application/atom+xml", urls[site] + "feed.xml"),
                ("application/rss+xml", urls[site] + "rss.xml"),
                ("application/atom+xml", urls[site] + "nieuwsbrief/feed.xml")}
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        address = urls[site] + page.relative_to(dist / site).as_posix()
        found = {(link["type"], urljoin(address, link["href"]))
                 for link in head.find_all("link", rel="alternate")}
        assert found == expected, page


@pytest.mark.parametrize("site", SITES)
def test_each_event_page_offers_its_own_ics(dist: Path, site: str) -> None:
    pages = sorted((dist / site / "agenda").glob("*/index.html"))
    assert pages
    offered = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        label = "Zet in uw agenda" if site == "public" else "Zet in je agenda"
        ics = dist / site / "agenda" / f"{page.parent.name}.ics"
        [event] = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        assert "COMMENT" not in event  # no English note for the reader's calendar
        assert str(event["UID"]).endswith(f"/agenda/{page.parent.name}/")
        buttons = [a for a in soup.find_all("a") if a.get_text(strip=True) == label]
        end = event.decoded("DTEND")  # exclusive: the day after an all-day event
        end_day = end.date() if isinstance(end, datetime) else end - timedelta(days=1)
        if event["STATUS"] == "CANCELLED" or end_day < clock.now().date():
            assert buttons == [], page  # nothing to put in a calendar any more
            continue
        [button] = buttons
        assert (page.parent / button["href"]).resolve() == ics.resolve()
        offered += 1
    assert offered


def test_ids_stay_when_another_item_is_added(built: Path, tmp_path: Path) -> None:
    later = _build(tmp_path / "later", {"content/updates/nieuw-bericht.md": NEW_ITEM})
    for site in SITES:
        for name in ("feed.xml", "rss.xml"):
            before = feedparser.parse((built / "dist" / site / name).read_bytes())
            after = feedparser.parse((later / "dist" / site / name).read_bytes())
            old = {e.link: e.id for e in before.entries}
            new = {e.link: e.id for e in after.entries}
            assert len(new) == len(old) + 1
            assert {link: new[link] for link in old} == old
            assert len(set(new.values())) == len(new)
            assert after.entries[0].title == "Een nieuw bericht"  # the newest comes first
