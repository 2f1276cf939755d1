"""The built intranet (dist/intranet), read back with BeautifulSoup: every page the issue lists,
what each lists, items kept out of the menu, long lists paginated, editors' text shown as text,
and no request to a third party.

Two builds are read: the demo (session fixture demo_dist) and tests/fixtures/smallsite, a small
project with a title full of markup characters, a draft, an item under embargo, a cancelled
event and 25 generated updates (so that the lists paginate).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from conftest import FIXTURES, ROOT, copy_project
from courant.audience import Edition, select
from courant.build import pipeline
from courant.clock import AMSTERDAM
from courant.model import Event, Interview, Item, Kind, Page, ReadingTip, Update
from courant.read.config import load_config
from courant.wording import day

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
SECTION = {Kind.UPDATE: "nieuws", Kind.INTERVIEW: "collega-in-beeld", Kind.EVENT: "agenda",
           Kind.READING: "boekenkast", Kind.ADVISER: "vraagbaken", Kind.BOOKLET: "boekjes"}
TRICKY = "Let op: <b>vet</b> & \"citaat\" 'enkel' <script>alert(1)</script>"
GENERATED = 25


def dutch(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def url_of(item: Item) -> str:
    """Where the spec's URL layout puts an item: nieuws/<slug>/, <page path>/."""
    if item.kind is Kind.PAGE:  # a folder's index.md is the folder's page (pages/index.md:
        path = re.sub(r"(^|/)index$", "", item.slug)  # the home page's own text)
        return path + "/" if path else ""
    return f"{SECTION[item.kind]}/{item.slug}/"


def soup(site: Path, url: str) -> BeautifulSoup:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.is_file(), f"{url} is not in {site}"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def article(page: BeautifulSoup) -> Tag:
    found = page.select_one("article")
    assert found is not None
    return found


def text(tag: Tag) -> str:
    return re.sub(r"\s+", " ", tag.get_text(" ", strip=True))


def links(tag: Tag, page_url: str) -> list[str]:
    """Site-relative targets of the links in `tag` (of the page at `page_url`)."""
    found = []
    for a in tag.select("a[href]"):
        href = str(a["href"])
        if urlsplit(href).scheme or href.startswith(("#", "mailto:")):
            continue
        found.append(urljoin("/" + page_url, href).lstrip("/").split("#")[0])
    return found


def menu_targets(page: BeautifulSoup, page_url: str) -> set[str]:
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    return set(links(nav, page_url)) - {page_url}


# --- the builds ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site(demo_dist: Path) -> Path:
    return demo_dist / "intranet"


@pytest.fixture(scope="module")
def demo_items(demo_dist: Path) -> list[Item]:
    """What the demo's intranet must hold: its published items, as the model sees them."""
    loaded = pipeline.load(pipeline.Project(demo_dist.parent))
    now = pipeline.clock.now()
    return list(select(loaded.content, Edition.INTRANET, now).items)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/smallsite built once, with GENERATED more updates of Werk en Inkomen."""
    root = copy_project(tmp_path_factory.mktemp("site") / "p", content_from=FIXTURES / "smallsite")
    for n in range(1, GENERATED + 1):
        (root / "content/updates/reeks").mkdir(exist_ok=True)
        (root / f"content/updates/reeks/bericht-{n:02d}.md").write_text(
            f"---\ntitle: Bericht {n:02d}\ndate: 2026-09-{n:02d}\ndepartment: wi\n---\n"
            f"Korte tekst {n}.\n", encoding="utf-8")
    pipeline.build(pipeline.Project(root))
    return root / "dist" / "intranet"


# --- the demo ------------------------------------------------------------------------------


def test_the_demo_has_every_page_the_issue_lists(demo_site: Path, demo_dist: Path) -> None:
    departments = yaml.safe_load((demo_dist.parent / "content/departments.yml").read_text())
    pages = ["", "nieuws/", "collega-in-beeld/", "agenda/", "boekenkast/", "afdelingen/",
             "wie-benader-je-waarvoor/", "nieuwsbrief/",
             *(f"afdelingen/{d['key']}/" for d in departments)]
    for url in pages:
        assert soup(demo_site, url).select_one("article") is not None, url
    assert len(departments) == 4


def test_every_published_demo_item_has_its_page(demo_site: Path,
                                                demo_items: list[Item]) -> None:
    kinds = {item.kind for item in demo_items}
    assert kinds == set(Kind)  # the demo covers every type
    for item in demo_items:
        page = soup(demo_site, url_of(item))
        assert text(article(page)).startswith(item.title.split("\n")[0][:40]), item.source


def test_demo_item_pages_show_dates_in_dutch(demo_site: Path, demo_items: list[Item]) -> None:
    dated = [i for i in demo_items if i.date and isinstance(i, Update | Interview | ReadingTip)]
    assert len(dated) > 10
    for item in dated:
        assert item.date is not None
        assert dutch(item.date) in text(article(soup(demo_site, url_of(item)))), item.source


def test_demo_items_are_not_in_the_menu(demo_site: Path, demo_items: list[Item]) -> None:
    home = soup(demo_site, "")
    menu = menu_targets(home, "")
    news_items = {url_of(i) for i in demo_items if i.kind is not Kind.PAGE}
    assert not menu & news_items
    assert {"nieuws/", "collega-in-beeld/", "agenda/", "boekenkast/", "afdelingen/",
            "wie-benader-je-waarvoor/", "nieuwsbrief/"} <= menu
    pages = {url_of(i) for i in demo_items if isinstance(i, Page) and not i.is_home}
    assert pages <= menu  # standing pages are in it


def test_demo_home_lists_latest_news_and_coming_events(demo_site: Path,
                                                       demo_items: list[Item]) -> None:
    home = article(soup(demo_site, ""))
    news_block, agenda_block = home.select_one(".courant-home-nieuws"), home.select_one(
        ".courant-home-agenda")
    assert news_block is not None and agenda_block is not None
    listed = links(news_block, "")
    news = sorted((i for i in demo_items if isinstance(i, Update)),  # news is news: not an
                  key=lambda i: (i.date, i.title), reverse=True)  # interview, not a podcast
    assert listed[:6] == [url_of(i) for i in news[:6]] and listed[6:] == ["nieuws/"]
    today = date(2026, 11, 22)
    coming = [e for e in demo_items if isinstance(e, Event) and e.end_day >= today]
    assert coming
    assert url_of(min(coming, key=lambda e: e.start_day)) == links(agenda_block, "")[0]


def test_demo_home_links_every_overview(demo_site: Path) -> None:
    home = article(soup(demo_site, ""))
    everything = home.select_one(".courant-home-alles")
    assert everything is not None
    assert links(everything, "") == ["nieuws/", "collega-in-beeld/", "agenda/", "boekenkast/",
                                     "afdelingen/", "wie-benader-je-waarvoor/", "nieuwsbrief/",
                                     "onderwerpen/", "naslag/"]
    tiles = home.select(".courant-home-agenda .courant-event")
    assert tiles and all(t.select_one(".courant-event__date") is not None for t in tiles)


def test_demo_item_pages_have_breadcrumbs_subjects_and_related_items(
        demo_site: Path, demo_items: list[Item]) -> None:
    for item in demo_items:
        if item.kind is Kind.PAGE or isinstance(item, Page):
            continue
        url = url_of(item)
        page = soup(demo_site, url)
        crumbs = page.select_one("nav.courant-crumbs")
        assert crumbs is not None, url
        assert crumbs.select("a")[0].get_text() == "Home"
        assert links(crumbs, url)[1] == url.split("/")[0] + "/"  # its overview
        assert crumbs.select_one('[aria-current="page"]').get_text() == item.title
        body = article(page)
        for tag in item.tags:
            assert tag in body.select_one("p.courant-tags").get_text(), url
        related = body.select_one("#ook-interessant")
        if related is None:
            continue
        shown = links(related.find_next("ul"), url)
        assert shown and url not in shown and len(shown) <= 3
        others = {url_of(i): i for i in demo_items}
        for target in shown:  # the same department or a subject in common
            other = others[target]
            same = department(other) is not None and department(other) == department(item)
            assert same or subjects(other) & subjects(item), target


def subjects(item: Item) -> set[str]:
    return {tag.lower() for tag in item.tags}


def department(item: Item) -> str | None:
    if isinstance(item, Update):
        return item.department
    return item.person.department if isinstance(item, Interview) else None


def test_demo_tag_pages_list_what_has_the_subject(demo_site: Path,
                                                  demo_items: list[Item]) -> None:
    index = article(soup(demo_site, "onderwerpen/"))
    tags = {t.lower() for i in demo_items if i.kind is not Kind.PAGE for t in i.tags}
    assert len(links(index, "onderwerpen/")) == len(tags)
    tagged = [i for i in demo_items if "bijstand" in [t.lower() for t in i.tags]
              and i.kind is not Kind.PAGE]
    page = article(soup(demo_site, "onderwerpen/bijstand/"))
    assert set(links(page, "onderwerpen/bijstand/")) >= {url_of(i) for i in tagged}
    labels = {li.select_one(".courant-card__label").get_text() for li in page.select("li")}
    assert labels <= {"Nieuws", "Interview", "Bijeenkomst", "Tip", "Boek", "Artikel", "Video",
                      "Podcast", "Website"} and labels  # the type of each entry


def test_demo_standing_page_folders_are_menu_sections(demo_site: Path,
                                                      demo_items: list[Item]) -> None:
    nested = [p for p in demo_items if isinstance(p, Page) and p.section.parts]
    assert nested
    nav = soup(demo_site, "").select_one("nav.md-nav--primary")
    assert nav is not None
    for page in nested:
        (anchor,) = [a for a in nav.select("a[href]")
                     if urljoin("/", str(a["href"])).lstrip("/") == url_of(page)]
        section = anchor.find_parent("li", class_="md-nav__item--nested")  # a menu section
        assert section is not None, page.source
        label = section.select_one("label.md-nav__title")
        assert label is not None
        assert label.get_text(strip=True).lower() == page.section.parts[0].replace("-", " ")


def test_demo_newsletter_archive(demo_site: Path, demo_dist: Path) -> None:
    page = article(soup(demo_site, "nieuwsbrief/"))
    issues = sorted(p.stem for p in (demo_dist.parent / "newsletter").glob("*.md"))
    published = [m for m in issues if (demo_site / "nieuwsbrief" / m / "index.html").is_file()]
    assert published  # at least one issue is out by the demo's "today"
    assert [u for u in links(page, "nieuwsbrief/") if u.startswith("nieuwsbrief/20")] == [
        f"nieuwsbrief/{m}/" for m in reversed(published)]


def load_config_url() -> str:
    return load_config(ROOT / "mkdocs.yml").site_url


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_request_to_third_parties(demo_site: Path) -> None:
    """Every stylesheet, script, font, image and frame comes from the site itself."""
    own = urlsplit(load_config_url()).netloc
    for path in all_html(demo_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in page.select("link[href], script[src], img[src], iframe[src], source[src], "
                               "video[src], audio[src], embed[src], object[data]"):
            if tag.name == "link" and {"alternate", "canonical"} & set(tag.get("rel") or []):
                continue  # addresses for feed readers and search engines, never loaded
            url = str(tag.get("href") or tag.get("src") or tag.get("data"))
            assert urlsplit(url).netloc in {"", own}, (path, url)
        assert "fonts.googleapis" not in str(page) and "fonts.gstatic" not in str(page)
    for css in demo_site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


# --- the small project -----------------------------------------------------------------------


def test_a_title_with_markup_characters_shows_as_text(small: Path) -> None:
    page = soup(small, "nieuws/tekens-in-de-titel/")
    assert page.title is not None
    assert page.title.get_text() == f"{TRICKY} - Sociaal Domein Waalstad"
    heading = article(page).select_one("h1")
    assert heading is not None and heading.get_text() == TRICKY
    assert not article(page).select("b, script, i")  # no editor's tag became markup
    assert not [s for s in page.select("script") if "alert" in s.get_text()]
    image = article(page).select_one("img")
    assert image is not None and image["alt"] == "Twee collega's <aan> tafel"
    description = page.select_one('meta[name="description"]')
    assert description is not None and description["content"] == "Een <i>samenvatting</i> & meer"
    tags = article(page).select_one("p.courant-tags")
    assert tags is not None and tags.get_text() == "Onderwerpen: intake, <tag>"
    assert links(tags, "nieuws/tekens-in-de-titel/") == ["onderwerpen/intake/", "onderwerpen/tag/"]
    for url in ("", "nieuws/", "afdelingen/wi/"):  # and in every list that shows it
        listing = article(soup(small, url))
        (entry,) = [a for a in listing.select("a") if a.get_text() == TRICKY]
        assert not listing.select("b, script, i")
        assert entry


def test_item_page_details(small: Path) -> None:
    update = text(article(soup(small, "nieuws/tekens-in-de-titel/")))
    assert "10 november 2026 · Werk en Inkomen · Door Anna de Vries" in update
    interview = text(article(soup(small, "collega-in-beeld/kees-jansen/")))
    assert "5 november 2026" in interview
    assert "Kees Jansen , Schuldhulpverlener, Werk en Inkomen" in interview
    event = article(soup(small, "agenda/spotlights-wmo/"))
    said = text(event)
    for part in ("dinsdag 1 december 2026, 15:00 – 16:30 uur", "Stadskantoor, zaal 2.14",
                 "Reeks Spotlights"):
        assert part in said
    hrefs = {a["href"] for a in event.select("a[href]")}
    assert {"https://teams.example.org/spotlights",
            "https://aanmelden.example.org/spotlights"} <= hrefs
    cancelled = text(article(soup(small, "agenda/netwerkdag/")))
    assert "Geannuleerd" in cancelled
    assert "zaterdag 5 december 2026 tot en met zondag 6 december 2026" in cancelled
    assert "Zet in je agenda" in said  # coming: into a calendar; cancelled, still to come:
    assert "Zet in je agenda" not in cancelled and "Deze bijeenkomst gaat niet door" in cancelled


def test_drafts_and_embargoed_items_are_nowhere(small: Path) -> None:
    for path in small.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".txt"}:
            data = path.read_text(encoding="utf-8", errors="replace")
            assert "CONCEPTTITEL" not in data and "EMBARGOTITEL" not in data, path
    assert not (small / "nieuws/concept-bericht").exists()
    assert not (small / "nieuws/onder-embargo").exists()


def test_agenda_upcoming_first_then_past_with_cancelled_marked(small: Path) -> None:
    page = article(soup(small, "agenda/"))
    headings = [h.get_text(strip=True) for h in page.select("h2")]
    assert headings == ["Binnenkort", "Geweest"]
    order = [u for u in links(page, "agenda/") if u.startswith("agenda/")]
    assert order == ["agenda/spotlights-wmo/", "agenda/netwerkdag/", "agenda/studiedag-oktober/"]
    titles = [h.get_text(" ", strip=True) for h in page.select("h3")]
    assert titles == ["Spotlights Wmo", "Geannuleerd Netwerkdag partners", "Studiedag oktober"]


def test_boekenkast_grouped_by_kind(small: Path) -> None:
    page = article(soup(small, "boekenkast/"))
    groups: dict[str, list[str]] = {}
    for heading in page.select("h2, h3"):
        if heading.name == "h2":
            current = groups.setdefault(heading.get_text(strip=True), [])
        else:
            current.append(heading.get_text(strip=True))
    assert groups == {"Boeken": ["Schaarste"], "Artikelen": ["Armoede in cijfers"],
                      "Podcasts": ["De schuldenpodcast"]}


def test_department_page(small: Path) -> None:
    page = article(soup(small, "afdelingen/wi/"))
    said = text(page)
    assert "Uitkeringen, re-integratie en begeleiding naar werk." in said
    assert "Telefoon: 14 0123" in said
    assert "tel:140123" in {a["href"] for a in page.select("a")}
    assert "mailto:werkeninkomen@waalstad.nl" in {a["href"] for a in page.select("a")}
    assert "Bijstandsuitkering" in said and "Re-integratie" in said
    listed = links(page, "afdelingen/wi/")
    assert "nieuws/tekens-in-de-titel/" in listed
    assert "nieuws/wmo-nieuws/" not in listed  # Maatschappelijke Ondersteuning's


def test_wie_benader_je_waarvoor(small: Path) -> None:
    page = article(soup(small, "wie-benader-je-waarvoor/"))
    rows = [[text(td.select("a")[0] if td.select("a") else td) for td in tr.select("td")]
            for tr in page.select("tbody tr")]
    assert [row[:2] for row in rows] == [
        ["Bijstandsuitkering", "Werk en Inkomen"],
        ["Huishoudelijke ondersteuning", "Maatschappelijke Ondersteuning"],
        ["Mantelzorgwaardering", "Maatschappelijke Ondersteuning"],
        ["Re-integratie", "Werk en Inkomen"],
    ]
    first = page.select("tbody tr")[0]  # mail and phone: a tap away on a phone
    assert [a["href"] for a in first.select("a")] == ["../afdelingen/wi/", "mailto:"
                                                      "werkeninkomen@waalstad.nl", "tel:140123"]
    assert set(links(page, "wie-benader-je-waarvoor/")) == {"afdelingen/wi/", "afdelingen/mo/"}


def test_long_lists_paginate(small: Path) -> None:
    first = article(soup(small, "nieuws/"))
    second = article(soup(small, "nieuws/pagina-2/"))
    on_first = [u for u in links(first, "nieuws/") if u.startswith("nieuws/")
                and "pagina" not in u]
    on_second = [u for u in links(second, "nieuws/pagina-2/") if u.startswith("nieuws/")
                 and "pagina" not in u and u != "nieuws/"]
    assert len(on_first) == 20  # page_size in mkdocs.yml
    assert len(on_first) + len(on_second) == GENERATED + 2
    assert not set(on_first) & set(on_second)
    assert "Pagina 1 van 2" in text(first) and "Pagina 2 van 2" in text(second)
    assert "nieuws/pagina-2/" in links(first, "nieuws/")
    assert (small / "afdelingen/wi/pagina-2/index.html").is_file()  # 26 updates of wi
    assert not (small / "nieuws/pagina-3").exists()


def test_small_items_are_not_in_the_menu(small: Path) -> None:
    for url in ("", "nieuws/", "nieuws/pagina-2/", "nieuws/bericht-01/", "agenda/netwerkdag/"):
        page = soup(small, url)
        menu = menu_targets(page, url)
        assert not {u for u in menu if re.match(r"(nieuws|agenda|boekenkast|"
                                                r"collega-in-beeld)/[^/]+/$", u)
                    and not u.startswith("nieuws/pagina")}, url
        assert "leeracademie/trainingen/" in menu


def test_the_intranet_search_index_holds_every_item(small: Path) -> None:
    index = json.loads((small / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"nieuws/tekens-in-de-titel/", "collega-in-beeld/kees-jansen/",
            "agenda/netwerkdag/", "leeracademie/trainingen/"} <= locations
    assert index["config"]["lang"] == ["nl"]
    assert not [d for d in index["docs"] if "CONCEPTTITEL" in d["title"]]


def test_dates_are_dutch_and_today_is_fixed() -> None:
    """The helper above agrees with courant's own Dutch dates."""
    assert day(date(2026, 11, 28)) == dutch(date(2026, 11, 28)) == "28 november 2026"
    assert pipeline.clock.now().tzinfo == AMSTERDAM


@pytest.mark.parametrize(("site", "you"), [("intranet", "je"), ("public", "u")])
def test_the_agenda_and_the_news_say_how_to_subscribe(demo_dist: Path, site: str,
                                                      you: str) -> None:
    """The calendar and the feeds are offered where readers look for them, not only in <head>."""
    root = demo_dist / site
    agenda = soup(root, "agenda/").select_one("p.courant-subscribe")
    assert agenda is not None and f"abonneer {you} op de agenda" in agenda.get_text()
    address = load_config(demo_dist.parent / "mkdocs.yml")
    url = address.site_url if site == "intranet" else address.public_url
    webcal = "webcal://" + url.split("://")[1] + "agenda.ics"  # subscribes, and the file too
    assert [a["href"] for a in agenda.select("a")] == [webcal, "../agenda.ics"]
    news = soup(root, "nieuws/").select_one("p.courant-subscribe")
    assert news is not None
    assert [a["href"] for a in news.select("a")] == ["../feed.xml", "../rss.xml"]
    archive = soup(root, "nieuwsbrief/").select_one("article")
    assert archive is not None
    assert [a["href"] for a in archive.select("a") if "feed" in a["href"]] == ["feed.xml"]
    for name in ("agenda.ics", "feed.xml", "rss.xml", "nieuwsbrief/feed.xml"):
        assert (root / name).is_file()


@pytest.mark.parametrize(("site", "can"), [("intranet", "kun je"), ("public", "kunt u")])
def test_partners_are_addressed_as_u(demo_dist: Path, site: str, can: str) -> None:
    guide = article(soup(demo_dist / site, "wie-benader-je-waarvoor/")).get_text(" ")
    assert f"{can} terecht" in guide
    department = article(soup(demo_dist / site, "afdelingen/wi/")).get_text(" ")
    assert f"Hier {can} terecht voor" in department
