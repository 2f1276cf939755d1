"""Both sites of the demo as readers see them (issue 15): Debian's Chromium, driven by
Playwright, at 1280 px (a desktop) and 390 px (a phone) wide, the sites served at the paths
their addresses give them (the intranet below /sociaal-domein/).

Every page type of both sites is opened at both widths and kept as a screenshot in
.cache/test-artifacts/sites/ (or $COURANT_ARTIFACTS/sites/); none scrolls sideways on a phone.
The rest is what a reader would notice first: photos on the home and overview pages, two sites
that say which is which, the partner site in its own words, a portrait that leaves room for the
interview, readable and tappable contact tables, an agenda to subscribe to, nothing to sign up
for once an event is over, a printed page that says where it came from, and a 404 page in
Dutch that helps, served by nginx below the intranet's path.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from test_browser import CHROMIUM, launched

from conftest import ROOT
from courant.audit.serve import Served, serving
from courant.audit.targets import page_targets
from courant.build.pipeline import Project, load
from courant.model import Event
from courant.read.config import Config, load_config

ARTIFACTS = Path(os.environ.get("COURANT_ARTIFACTS", ROOT / ".cache" / "test-artifacts"))
SITES = ("intranet", "public")
WIDTHS = {1280: 900, 390: 844}  # width -> height of the window (a desktop, an iPhone 14)
TODAY = "2026-11-22"  # tests/conftest.py's pinned now

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt)"),
]

LOAD_IMAGES = """async () => {
  const images = [...document.querySelectorAll('article img')];
  images.forEach(i => { i.loading = 'eager'; });
  await Promise.all(images.map(i => i.complete ? null :
      new Promise(done => { i.addEventListener('load', done);
                            i.addEventListener('error', done); })));
  return images.map(i => ({src: i.getAttribute('src'), cls: i.className, width: i.naturalWidth}));
}"""


@pytest.fixture(scope="module")
def config(demo_dist: Path) -> Config:
    return load_config(demo_dist.parent / "mkdocs.yml")


@pytest.fixture(scope="module")
def sites(demo_dist: Path, config: Config) -> Iterator[dict[str, Served]]:
    with serving({"intranet": (demo_dist / "intranet", urlsplit(config.site_url).path),
                  "public": (demo_dist / "public", urlsplit(config.public_url).path)}) as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as chromium:
        yield chromium


def open_page(browser: Any, url: str, width: int = 1280) -> Any:
    """A page at `url` in a window `width` px wide that may ask nothing of another host."""
    page = browser.new_page(viewport={"width": width, "height": WIDTHS[width]})
    own = urlsplit(url).netloc
    page.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc
               in {own, ""} else route.abort())
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def visible_text(page: Any, selector: str) -> str:
    return str(page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(e => e.offsetParent !== null)"
        ".map(e => e.innerText).join(' | ')", selector))


def test_every_page_type_of_both_sites_fits_a_phone_and_is_kept_as_a_screenshot(
        browser: Any, sites: dict[str, Served]) -> None:
    folder = ARTIFACTS / "sites"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    wide: list[tuple[str, str, int, int]] = []
    seen = 0
    for site in SITES:
        targets = page_targets(site, sites[site].folder)
        assert len(targets) >= 20, site  # home, overviews, items, tags, pages, 404 ...
        for target in targets:
            for width in WIDTHS:
                page = open_page(browser, sites[site].url(target.path), width)
                page.evaluate(LOAD_IMAGES)
                scroll = page.evaluate("document.documentElement.scrollWidth")
                name = re.sub(r"[^a-z0-9]+", "-", target.kind.lower()).strip("-")
                page.screenshot(path=folder / f"{site}-{name}-{width}.png", full_page=True)
                page.close()
                seen += 1
                if scroll > width:
                    wide.append((site, target.path, width, scroll))
    assert wide == []  # nothing to scroll sideways, on a phone or a desktop
    assert len(list(folder.glob("*.png"))) == seen


@pytest.mark.parametrize("site", SITES)
@pytest.mark.parametrize("path", ["", "nieuws/", "collega-in-beeld/", "nieuwsbrief/2026-10/"])
def test_the_home_and_overview_pages_show_photos(browser: Any, sites: dict[str, Served],
                                                 site: str, path: str) -> None:
    page = open_page(browser, sites[site].base + path, 390)
    images = page.evaluate(LOAD_IMAGES)
    page.close()
    cards = [i for i in images if "courant-card__image" in i["cls"]]
    assert len(cards) >= 2, images
    assert all(i["width"] > 0 for i in cards), cards  # every photo arrived
    if path == "collega-in-beeld/":  # portraits on the people's overview
        assert sum("portret-" in i["src"] for i in cards) >= 2, cards


@pytest.mark.parametrize("path", ["", "nieuws/", "agenda/", "collega-in-beeld/", "boekenkast/",
                                  "afdelingen/", "onderwerpen/", "nieuwsbrief/",
                                  "nieuwsbrief/2026-10/", "wie-benader-je-waarvoor/"])
def test_lists_have_no_table_of_contents_that_repeats_them(browser: Any,
                                                          sites: dict[str, Served],
                                                          path: str) -> None:
    page = open_page(browser, sites["intranet"].base + path, 1280)
    toc = page.locator(".md-sidebar--secondary .md-nav__link")
    shown = [toc.nth(i).inner_text() for i in range(toc.count()) if toc.nth(i).is_visible()]
    page.close()
    assert shown == [], (path, shown)


def test_the_two_sites_have_their_own_name_title_and_header(browser: Any, config: Config,
                                                            sites: dict[str, Served]) -> None:
    seen = {}
    for site in SITES:
        page = open_page(browser, sites[site].base)
        name = config.public_name if site == "public" else config.site_name
        header = page.locator(".md-header__topic").first.inner_text().strip()
        seen[site] = (page.title(), header, visible_text(page, ".courant-tagline"))
        article_h1 = page.locator("article h1").inner_text()
        nav_title = page.locator(".md-nav--primary > .md-nav__title").first
        assert header == name and page.title().startswith(name), site
        assert article_h1 != name and not nav_title.is_visible()  # the name once, up top
        assert page.locator(".md-sidebar--secondary").is_hidden()  # no contents repeating it
        page.close()
    assert seen["intranet"][0] != seen["public"][0]
    assert seen["intranet"][1] != seen["public"][1]
    assert "medewerkers" in seen["intranet"][2] and "samenwerken" in seen["public"][2]


def test_the_partner_site_speaks_to_partners(browser: Any, sites: dict[str, Served],
                                            config: Config) -> None:
    page = open_page(browser, sites["public"].base)
    menu = page.locator(".md-tabs").inner_text()
    drawer = page.locator(".md-nav--primary").first.inner_text(timeout=1000) \
        if page.locator(".md-nav--primary").count() else ""
    said = menu + drawer
    assert "Mensen in beeld" in said and "Collega in beeld" not in said
    assert "benader je" not in page.content()
    home = page.locator("article").inner_text()
    assert "Samen voor inwoners van Waalstad" in home and " je " not in home
    contact = page.locator("article .courant-contact").inner_text()
    assert config.settings.contact.address in contact and config.settings.contact.phone in contact
    footer = page.locator("footer").inner_text()
    for link in ("Toegankelijkheid", "Privacy", "Nieuwsbrief ontvangen",
                 config.settings.contact.address, config.settings.contact.phone):
        assert link in footer, link
    page.goto(sites["public"].base + "afdelingen/")
    page.get_by_role("link", name="Wie benadert u waarvoor").first.click()
    page.wait_for_load_state("load")
    assert page.locator("article h1").inner_text() == "Wie benadert u waarvoor"
    page.close()


def test_an_interview_portrait_leaves_room_for_the_interview(browser: Any,
                                                             sites: dict[str, Served]) -> None:
    for width, height in WIDTHS.items():
        page = open_page(browser, sites["intranet"].base + "collega-in-beeld/ria-de-wit/", width)
        page.evaluate(LOAD_IMAGES)
        portrait = page.locator("article img.courant-portrait").bounding_box()
        text = page.locator("article img.courant-portrait ~ p, article p:has(+ h2)").first
        first = text.bounding_box()
        page.close()
        assert portrait is not None and first is not None
        assert portrait["height"] <= height / 2, (width, portrait)
        assert first["y"] < height, (width, first)  # the text starts on the first screen


def test_contact_tables_are_readable_and_tappable_on_a_phone(browser: Any,
                                                            sites: dict[str, Served]) -> None:
    for site in SITES:
        page = open_page(browser, sites[site].base + "wie-benader-je-waarvoor/", 390)
        cells = page.evaluate("""() => [...document.querySelectorAll('article td')].map(td => {
            const r = td.getBoundingClientRect();
            return {right: r.right, size: parseFloat(getComputedStyle(td).fontSize)}; })""")
        hrefs = page.eval_on_selector_all("article td a", "as => as.map(a => a.href)")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.close()
        assert cells and all(c["right"] <= 390 for c in cells), cells  # no column cut off
        assert min(c["size"] for c in cells) >= 14, cells  # Material's own: 12.8 px
        assert any(h.startswith("mailto:") for h in hrefs) and \
            any(h.startswith("tel:") for h in hrefs)
        page = open_page(browser, sites[site].base + "afdelingen/wi/", 390)
        links = page.eval_on_selector_all("article a", "as => as.map(a => a.href)")
        page.close()
        assert "mailto:werkeninkomen@waalstad.nl" in links
        assert any(h.startswith("tel:14") for h in links), links


def test_the_agenda_subscribes_with_webcal(browser: Any, sites: dict[str, Served],
                                          config: Config) -> None:
    for site in SITES:
        page = open_page(browser, sites[site].base + "agenda/")
        hrefs = page.eval_on_selector_all(".courant-subscribe a", "as => as.map(a => a.href)")
        page.close()
        url = config.public_url if site == "public" else config.site_url
        assert hrefs[0] == "webcal://" + url.split("://", 1)[1] + "agenda.ics"


def _events(demo_dist: Path) -> list[Event]:
    content = load(Project(demo_dist.parent)).content
    return [e for e in content.items if isinstance(e, Event)]


def test_a_past_or_cancelled_event_offers_nothing_to_sign_up_for(
        browser: Any, sites: dict[str, Served], demo_dist: Path) -> None:
    events = _events(demo_dist)
    past = [e for e in events if str(e.end_day) < TODAY and e.registration and not e.cancelled]
    cancelled = [e for e in events if e.cancelled]
    coming = [e for e in events if str(e.end_day) >= TODAY and e.registration
              and not e.cancelled and not e.full]  # a full one offers no registration
    assert past and cancelled and coming
    for event, says in [(past[0], "voorbij"), (cancelled[0], "gaat niet door"),
                        (coming[0], "")]:
        page = open_page(browser, sites["intranet"].base + f"agenda/{event.slug}/")
        text = page.locator("article").inner_text()
        hrefs = page.eval_on_selector_all("article a", "as => as.map(a => a.href)")
        page.close()
        offered = event.registration in hrefs, "Zet in je agenda" in text
        if says:
            assert says in text.lower(), event.slug
            assert offered == (False, False), event.slug
            assert not event.online or event.online not in hrefs
        else:
            assert offered == (True, True), event.slug


def test_a_factsheet_says_when_it_was_brought_up_to_date(browser: Any,
                                                         sites: dict[str, Served]) -> None:
    page = open_page(browser, sites["intranet"].base + "factsheets/wmo-in-het-kort/")
    assert "Bijgewerkt op 15 september 2026" in page.locator("article").inner_text()
    page.close()


def test_a_printed_page_says_which_site_where_and_when(browser: Any, config: Config,
                                                       sites: dict[str, Served]) -> None:
    page = open_page(browser, sites["public"].base + "nieuws/")
    assert page.locator(".courant-print").is_hidden()  # on screen: not there
    page.emulate_media(media="print")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    printed = page.locator(".courant-print")
    assert printed.is_visible()
    line = printed.inner_text()
    assert config.public_name in line and config.settings.contact.address in line
    assert "sociaaldomein.waalstad.nl/nieuws/" in line
    assert re.search(r"Afgedrukt op \d{1,2} [a-z]+ \d{4}", line), line
    assert page.locator(".md-header").is_hidden() and page.locator(".md-tabs").is_hidden()
    page.close()


@pytest.fixture(scope="module")
def nginx_intranet(demo_dist: Path, config: Config,
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """dist/intranet at its path below nginx's root, as docs/hosting.md sets it up."""
    from webserver import SNIPPET, nginx

    prefix = urlsplit(config.site_url).path
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(demo_dist / "intranet", root / prefix.strip("/"))
    snippet = SNIPPET.read_text(encoding="utf-8").replace("error_page 404 /404.html;",
                                                          f"error_page 404 {prefix}404.html;")
    with nginx(tmp_path_factory.mktemp("nginx-run"), f"root {root};\n{snippet}") as port:
        yield f"http://127.0.0.1:{port}{prefix}"


@pytest.mark.server
def test_the_404_page_is_in_dutch_and_helps_at_any_depth(browser: Any,
                                                        nginx_intranet: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda answer: failed.append(answer.url)  # Material asks for a
            if answer.status >= 400 and not answer.url.endswith(  # sitemap the sites lack
                ("/bestaat/niet/", "/sitemap.xml")) else None)
    answer = page.goto(nginx_intranet + "nieuws/bestaat/niet/")
    assert answer is not None and answer.status == 404
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.title().startswith("Pagina niet gevonden")
    assert page.locator("article h1, .md-content h1").first.inner_text() == \
        "Pagina niet gevonden"
    assert "Not found" not in page.content()
    assert failed == []  # styles, scripts and logo found from three folders deep
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                         ".backgroundColor") != "rgba(0, 0, 0, 0)"
    home = page.get_by_role("link", name="Naar de startpagina")
    assert home.get_attribute("href") == urlsplit(nginx_intranet).path
    page.locator("#courant-zoekterm").fill("mantelzorgwaardering")
    page.locator(".courant-search button").click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == urlsplit(nginx_intranet).path  # the site's own home
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "mantelzorgwaardering" in page.locator(".md-search-result").inner_text().lower()
    page.close()


OVERVIEW = re.compile(r"(|(nieuws|agenda|collega-in-beeld|boekenkast|afdelingen|onderwerpen)/"
                      r"(pagina-\d+/)?|onderwerpen/[^/]+/(pagina-\d+/)?|nieuwsbrief/(\d{4}-\d{2}/)?)")


@pytest.mark.parametrize("site", SITES)
def test_overviews_and_issues_stay_out_of_the_search(demo_dist: Path, site: str) -> None:
    """They repeat every teaser, and came first for almost every word; an event's buttons
    and the related items of a page are not its text either."""
    import json

    docs = json.loads((demo_dist / site / "search" / "search_index.json").read_text(
        "utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert not {p for p in pages if OVERVIEW.fullmatch(p)}, pages
    assert any(p.startswith("nieuws/") for p in pages) and any(p.startswith("agenda/")
                                                               for p in pages)
    for doc in docs:
        for words in ("Zet in je agenda", "Zet in uw agenda", "Ook interessant"):
            assert words not in doc["text"] and words not in doc["title"], doc["location"]


def test_a_search_for_a_common_word_finds_items_first(browser: Any,
                                                      sites: dict[str, Served]) -> None:
    page = open_page(browser, sites["intranet"].base)
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("wmo", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    found = page.eval_on_selector_all(".md-search-result__item > a",
                                      "links => links.map(a => a.href)")[:8]
    page.close()
    paths = [urlsplit(url).path.removeprefix(sites["intranet"].prefix) for url in found]
    assert paths and not [p for p in paths if OVERVIEW.fullmatch(p)], paths
