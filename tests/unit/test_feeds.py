"""render/feeds.py: Atom and RSS read back by real parsers (ElementTree, feedparser).

The fixture project tests/fixtures/feeds/ plants tokens: PARTNERTOKEN-* in partner-visible
items, STAFFTOKEN-* in staff-only ones, and items under embargo, in draft or of the wrong kind.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, NOW_EPOCH, ROOT, copy_project
from courant.audience import Edition, EditionContent, select
from courant.build import pipeline
from courant.clock import AMSTERDAM
from courant.model import Content
from courant.read.config import load_config
from courant.render.feeds import FeedSite, atom_bytes, feed_files, issue_feed, item_feed
from projects import tiny_project

NOW = datetime.fromtimestamp(int(NOW_EPOCH), tz=AMSTERDAM)
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
SITE = FeedSite("Sociaal Domein", "https://partners.example.org/", "assets/images/logo.png", 50)
STAFF_SITE = replace(SITE, url="https://intranet.example.org/sd/")
PARTNER_NEWS = {"PARTNERTOKEN-UPDATE-ALL", "PARTNERTOKEN-UPDATE-PARTNERS",
                "PARTNERTOKEN-INTERVIEW", "PARTNERTOKEN-READING"}
TOKEN = re.compile(r"[A-Z]+TOKEN(?:-[A-Z]+)*")
SECTIONS = load_config(ROOT / "mkdocs.yml").sections


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    root = copy_project(tmp_path_factory.mktemp("feeds") / "p", content_from=FIXTURES / "feeds")
    return pipeline.load(pipeline.Project(root)).content


@pytest.fixture(scope="module")
def partners(content: Content) -> EditionContent:
    return select(content, Edition.PARTNERS, NOW)


@pytest.fixture(scope="module")
def public_files(partners: EditionContent) -> dict[str, bytes]:
    return feed_files(partners, partners, SITE, SECTIONS)


@pytest.fixture(scope="module")
def staff_files(content: Content) -> dict[str, bytes]:
    staff = select(content, Edition.STAFF, NOW)
    intranet = select(content, Edition.INTRANET, NOW)
    return feed_files(staff, intranet, STAFF_SITE, SECTIONS)


def tokens(data: bytes) -> set[str]:
    return set(TOKEN.findall(data.decode()))


def test_the_files_of_a_site(public_files: dict[str, bytes]) -> None:
    assert sorted(public_files) == ["feed.xml", "nieuwsbrief/feed.xml", "rss.xml"]


def test_partner_feeds_hold_exactly_the_partner_visible_published_items(
        public_files: dict[str, bytes]) -> None:
    for name in ("feed.xml", "rss.xml"):
        assert tokens(public_files[name]) == PARTNER_NEWS, name
        assert b"geheim-reorganisatie" not in public_files[name]  # not even a file name
    assert not tokens(public_files["nieuwsbrief/feed.xml"]) - PARTNER_NEWS


def test_staff_feed_is_the_staff_edition(staff_files: dict[str, bytes]) -> None:
    assert tokens(staff_files["feed.xml"]) == {
        "PARTNERTOKEN-UPDATE-ALL", "PARTNERTOKEN-INTERVIEW", "STAFFTOKEN-UPDATE",
        "STAFFTOKEN-SUMMARY", "STAFFTOKEN-BODY", "STAFFTOKEN-READING"}
    assert tokens(staff_files["rss.xml"]) == tokens(staff_files["feed.xml"])


def test_atom_has_what_rfc_4287_requires(public_files: dict[str, bytes]) -> None:
    feed = ET.fromstring(public_files["feed.xml"])
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author/" + ATOM + "name"):
        assert feed.find(ATOM + required).text, required
    links = {link.get("rel", "alternate"): link.get("href") for link in feed.iter(f"{ATOM}link")
             if link in list(feed)}
    assert links == {"self": SITE.url + "feed.xml", "alternate": SITE.url}
    assert feed.find(f"{ATOM}logo").text == SITE.url + "assets/images/logo.png"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 4
    for entry in entries:
        for required in ("id", "title", "updated", "published", "summary", "content"):
            assert entry.find(ATOM + required).text, required
        assert entry.find(f"{ATOM}content").get("type") == "html"
        assert entry.find(f"{ATOM}link").get("rel", "alternate") == "alternate"
        assert {c.get("term") for c in entry.findall(f"{ATOM}category")}
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids)
    assert feed.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text


def test_rss_has_what_rss_2_requires(public_files: dict[str, bytes]) -> None:
    rss = ET.fromstring(public_files["rss.xml"])
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    channel = rss.find("channel")
    assert channel.find("title").text == SITE.name
    assert channel.find("link").text == SITE.url
    assert channel.find("description").text
    assert channel.find(f"{ATOM}link").get("href") == SITE.url + "rss.xml"
    assert channel.find("image/url").text == SITE.url + "assets/images/logo.png"
    assert channel.find("image/link").text == SITE.url
    items = channel.findall("item")
    assert len(items) == 4
    for item in items:
        assert item.find("title").text and item.find("description").text
        assert item.find("guid").get("isPermaLink") == "true"
        assert item.find("guid").text == item.find("link").text
        assert parsedate_to_datetime(item.find("pubDate").text).tzinfo is not None
    newest = parsedate_to_datetime(items[0].find("pubDate").text)
    assert parsedate_to_datetime(channel.find("lastBuildDate").text) == newest


def test_a_feed_reader_reads_every_entry(public_files: dict[str, bytes]) -> None:
    atom = feedparser.parse(public_files["feed.xml"])
    rss = feedparser.parse(public_files["rss.xml"])
    assert not atom.bozo and not rss.bozo
    assert (atom.version, rss.version) == ("atom10", "rss20")
    assert [e.id for e in atom.entries] == [e.id for e in rss.entries] == [
        SITE.url + "boekenkast/boek-armoede/",
        SITE.url + "nieuws/pilot-schulden/",
        SITE.url + "nieuws/alleen-partners/",
        SITE.url + "collega-in-beeld/sanne/",
    ]  # newest first
    pilot = atom.entries[1]
    assert pilot.title == "Pilot <vroeg> & 'snel' erop af PARTNERTOKEN-UPDATE-ALL"
    assert pilot.link == SITE.url + "nieuws/pilot-schulden/"
    assert pilot.summary == "Samen met partners vroeg erop af bij betalingsachterstanden."
    assert [a.name for a in pilot.authors] == ["Anna de Vries", "Omar Yilmaz"]
    assert [t.label for t in pilot.tags] == [
        "Nieuws", "Schulden, Minima en Sociale Recherche", "schulden", "samenwerking"]
    creators = ET.fromstring(public_files["rss.xml"]).findall(f"channel/item/{DC}creator")
    assert [c.text for c in creators] == ["Anna de Vries", "Omar Yilmaz"]


def test_times_carry_the_amsterdam_offset_of_the_items_date(
        public_files: dict[str, bytes]) -> None:
    feed = ET.fromstring(public_files["feed.xml"])
    published = {e.find(f"{ATOM}id").text.split("/")[-2]: e.find(f"{ATOM}published").text
                 for e in feed.findall(f"{ATOM}entry")}
    assert published["pilot-schulden"] == "2026-11-10T00:00:00+01:00"
    assert published["sanne"] == "2026-10-20T00:00:00+02:00"  # summer time


class _Urls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls.extend(v or "" for k, v in attrs if k in ("href", "src"))


def test_content_is_sanitised_html_with_absolute_urls(public_files: dict[str, bytes]) -> None:
    pilot = feedparser.parse(public_files["feed.xml"]).entries[1]
    html = pilot.content[0].value
    parser = _Urls()
    parser.feed(html)
    assert "script" not in parser.tags and "xss" not in html and "javascript" not in html
    assert parser.urls == [
        SITE.url + "media/foto.png",
        SITE.url + "boekenkast/boek-armoede/",
        SITE.url + "media/factsheet.pdf",
        "https://example.org/schulden",
        SITE.url + "nieuws/pilot-schulden/#aanpak",
    ]
    assert "de interne notitie" in html  # a link to a staff-only item: its text only


def test_staff_feed_links_into_the_intranet(staff_files: dict[str, bytes]) -> None:
    feed = feedparser.parse(staff_files["feed.xml"])
    for entry in feed.entries:
        assert entry.link.startswith(STAFF_SITE.url)
        parser = _Urls()
        parser.feed(entry.content[0].value)
        for url in parser.urls:
            assert urlsplit(url).scheme in ("http", "https"), url


def test_the_most_recent_entries_only(partners: EditionContent) -> None:
    feed = item_feed(partners, partners, replace(SITE, size=2))
    assert [e.link.split("/")[-2] for e in feed.entries] == ["boek-armoede", "pilot-schulden"]
    assert feed.updated == datetime(2026, 11, 15, tzinfo=AMSTERDAM)


def test_ids_do_not_depend_on_other_items_or_now(content: Content) -> None:
    early = select(content, Edition.PARTNERS, datetime(2026, 11, 12, tzinfo=AMSTERDAM))
    late = select(content, Edition.PARTNERS, NOW)
    ids_early = {e.link: e.id for e in item_feed(early, early, SITE).entries}
    ids_late = {e.link: e.id for e in item_feed(late, late, SITE).entries}
    assert len(ids_late) > len(ids_early)  # the reading tip of 15 November came in
    assert {link: ids_late[link] for link in ids_early} == ids_early


def test_an_empty_feed_is_valid_and_dated_without_the_clock() -> None:
    empty = select(Content((), ()), Edition.PARTNERS, NOW)
    data = atom_bytes(item_feed(empty, empty, SITE))
    parsed = feedparser.parse(data)
    assert not parsed.bozo and parsed.entries == []
    assert ET.fromstring(data).find(f"{ATOM}updated").text == "1970-01-01T00:00:00+00:00"


def test_the_newsletter_feed_lists_published_issues(public_files: dict[str, bytes]) -> None:
    feed = feedparser.parse(public_files["nieuwsbrief/feed.xml"])
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [SITE.url + "nieuwsbrief/2026-11/",
                                             SITE.url + "nieuwsbrief/2026-10/"]
    assert feed.entries[0].title == "Nieuwsbrief november 2026"
    assert feed.feed.link == SITE.url + "nieuwsbrief/"
    november = _Urls()
    november.feed(feed.entries[0].content[0].value)
    assert november.urls == [
        SITE.url + "nieuws/pilot-schulden/",  # the foreword's links to sources
        SITE.url + "nieuwsbrief/2026-10/",
        SITE.url + "nieuws/pilot-schulden/",  # the issue's items in this edition
        SITE.url + "nieuws/alleen-partners/",
        SITE.url + "boekenkast/boek-armoede/",
    ]
    assert "de reorganisatie" in feed.entries[0].content[0].value  # staff-only: text only
    assert b"geheim-reorganisatie" not in public_files["nieuwsbrief/feed.xml"]
    assert b"ISSUETOKEN-FUTURE" not in public_files["nieuwsbrief/feed.xml"]


def test_the_newsletter_feed_is_dated_by_its_newest_issue(partners: EditionContent) -> None:
    feed = issue_feed(partners, SITE, SECTIONS)
    assert feed.updated == datetime(2026, 11, 20, tzinfo=AMSTERDAM)
    assert all(e.updated.tzinfo is not None for e in feed.entries)
    assert feed.updated < NOW.astimezone(UTC)


PLAIN = 'Wmo <2027> & "jeugd": <b>niet vet</b> &amp; <script>alert(1)</script>'


@pytest.fixture(scope="module")
def plain_summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The feeds of one item whose plain summary is full of what HTML would read as markup."""
    root = tiny_project(tmp_path_factory.mktemp("plain") / "p")
    (root / "content" / "updates").mkdir(parents=True)
    (root / "content" / "updates" / "wmo.md").write_text(
        f"---\ntitle: Wmo\ndate: 2026-11-02\ndepartment: wi\naudience: all\n"
        f"summary: '{PLAIN}'\n---\nTekst.\n", encoding="utf-8")
    partners = select(pipeline.load(pipeline.Project(root)).content, Edition.PARTNERS, NOW)
    return feed_files(partners, partners, SITE, SECTIONS)


def test_rss_description_is_html_that_shows_the_plain_summary(
        plain_summary: dict[str, bytes]) -> None:
    """RSS 2.0 readers render <description> as HTML: the editor's `<b>` and `&amp;` must show
    as the characters they are, and no tag may come of them."""
    (entry,) = feedparser.parse(plain_summary["rss.xml"]).entries
    assert entry.summary_detail.type == "text/html"
    soup = BeautifulSoup(entry.summary, "html.parser")
    assert soup.find() is None  # text only: no <b>, no <script>
    assert soup.get_text() == PLAIN
    description = ET.fromstring(plain_summary["rss.xml"]).findtext("channel/item/description")
    assert BeautifulSoup(description, "html.parser").get_text() == PLAIN


def test_atom_summary_stays_text(plain_summary: dict[str, bytes]) -> None:
    (entry,) = feedparser.parse(plain_summary["feed.xml"]).entries
    assert entry.summary_detail.type == "text/plain"
    summary = ET.fromstring(plain_summary["feed.xml"]).find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None and summary.text == PLAIN
