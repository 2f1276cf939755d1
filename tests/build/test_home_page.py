"""content/pages/index.md is the home page's own heading and text, above the latest news and
the agenda; on the public site only when its audience allows. pages/<folder>/index.md is that
folder's own page. Read back from two whole builds with BeautifulSoup and in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from test_browser import CHROMIUM, launched, serving

from conftest import FIXTURES, NOW_EPOCH, copy_project, run_courant
from courant.build import pipeline

HOME = "Welkom bij het Sociaal Domein"
PUBLIC_HOME = "Welkom, partners & <collega's>"
SECTION = "Leeracademie"
PARTNER_WELCOME = "Samen voor inwoners van Waalstad"  # mkdocs.yml: public_welcome_title


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(root: Path, audience: str, title: str) -> Path:
    write(root, "content/pages/index.md",
          f"---\ntitle: \"{title}\"\naudience: {audience}\nimage: foto.png\n"
          "image_alt: De balie van het stadskantoor\n---\nHier vind je alles over het "
          "Sociaal Domein, en de [Leeracademie](leeracademie/index.md) met **trainingen**.\n")
    write(root, "content/pages/leeracademie/index.md",
          f"---\ntitle: {SECTION}\ndate: 2026-08-31\naudience: all\n---\nLeren en "
          "[het aanbod](aanbod.md).\n")
    write(root, "content/pages/leeracademie/aanbod.md",
          "---\ntitle: Aanbod\naudience: all\n---\nDe trainingen.\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
        pipeline.build(pipeline.Project(root))
    return root / "dist"


@pytest.fixture(scope="module")
def staff_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The home page's text for staff only."""
    root = copy_project(tmp_path_factory.mktemp("home") / "p", content_from=FIXTURES / "tiny")
    return build(root, "staff", HOME)


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The home page's text for everyone."""
    root = copy_project(tmp_path_factory.mktemp("home") / "p", content_from=FIXTURES / "tiny")
    return build(root, "all", PUBLIC_HOME)


def page(dist: Path, site: str, url: str = "") -> BeautifulSoup:
    return BeautifulSoup((dist / site / url / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def article(soup: BeautifulSoup) -> Tag:
    found = soup.select_one("article")
    assert found is not None
    return found


def test_the_intranet_home_has_the_pages_heading_and_text_above_the_news(
        staff_home: Path) -> None:
    home = article(page(staff_home, "intranet"))
    headings = [h.get_text(strip=True) for h in home.find_all(["h1", "h2"])]
    assert headings[:3] == [HOME, "Snel naar", "Laatste nieuws"]  # the top tasks, then news
    text = home.get_text(" ", strip=True)
    assert text.index("Hier vind je alles over het Sociaal Domein") < text.index("Laatste nieuws")
    assert home.find("strong", string="trainingen") is not None
    image = home.find("img", alt="De balie van het stadskantoor")
    assert image is not None and (staff_home / "intranet" / str(image["src"])).is_file()
    link = home.find("a", string="Leeracademie")
    assert link is not None and link["href"] == "leeracademie/"


def test_the_public_home_keeps_its_own_heading_when_the_text_is_for_staff(
        staff_home: Path) -> None:
    home = article(page(staff_home, "public"))
    assert [h.get_text(strip=True) for h in home.find_all("h1")] == [PARTNER_WELCOME]
    assert "Op deze site vindt u het nieuws" in home.get_text()  # mkdocs.yml's welcome
    for path in (staff_home / "public").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".ics", ".txt"}:
            data = path.read_text(encoding="utf-8", errors="replace")
            assert HOME not in data and "Hier vind je alles" not in data, path
    assert not [p for p in (staff_home / "public").rglob("foto*")]  # nor its image


def test_the_public_home_shows_the_text_its_audience_allows(shared_home: Path) -> None:
    for site in ("intranet", "public"):
        home = article(page(shared_home, site))
        assert [h.get_text() for h in home.find_all("h1")] == [PUBLIC_HOME]  # text, not markup
        assert "Hier vind je alles over het Sociaal Domein" in home.get_text()


def test_the_menu_has_one_home_and_the_folders_index_is_its_section(staff_home: Path) -> None:
    soup = page(staff_home, "intranet")
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    labels = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert labels.count("Home") == 1 and HOME not in labels
    (section,) = [li for li in nav.select("li.md-nav__item--nested")
                  if (label := li.select_one("label.md-nav__title"))
                  and label.get_text(strip=True) == SECTION]
    hrefs = [str(a["href"]) for a in section.select("a[href]")]
    assert "leeracademie/" in hrefs and "leeracademie/aanbod/" in hrefs
    own = article(page(staff_home, "intranet", "leeracademie"))
    assert own.find("h1").get_text(strip=True) == SECTION  # type: ignore[union-attr]
    assert "Bijgewerkt op 31 augustus 2026" in own.get_text()
    assert not (staff_home / "intranet" / "leeracademie" / "index" / "index.html").exists()


def test_the_top_tasks_are_the_configured_pages_in_their_order(demo_dist: Path) -> None:
    """extra.courant.top_tasks: a staff-only page is left out of the partner site, and
    'nieuwsbrief' is the latest issue (2026-10 on the pinned day)."""
    for site, expected in (("intranet", ["wie-benader-je-waarvoor/", "agenda/", "leeracademie/",
                                         "nieuwsbrief/2026-10/"]),
                           ("public", ["wie-benader-je-waarvoor/", "agenda/",
                                       "nieuwsbrief/2026-10/"])):
        soup = BeautifulSoup((demo_dist / site / "index.html").read_text("utf-8"),
                             "html.parser")
        tasks = soup.select_one(".courant-home-taken")
        assert tasks is not None and tasks.find("h2").get_text(strip=True) == "Snel naar"
        assert [a["href"] for a in tasks.select("a")] == expected, site
        guide = tasks.select("a")[0].get_text(" ", strip=True)
        assert guide.startswith("Wie benadert u waarvoor" if site == "public"
                                else "Wie benader je waarvoor")


@pytest.mark.spawns
def test_a_top_task_that_names_no_page_is_a_warning_with_what_to_write(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    settings = root / "mkdocs.yml"
    text = settings.read_text("utf-8")
    settings.write_text(text.replace("      - leeracademie\n", "      - leeracadmie\n"), "utf-8")
    line = text.splitlines().index("    top_tasks:               # the home page's top tasks "
                                   "(a page of the site), in this order") + 1
    done = run_courant(root, "build")
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert (f"mkdocs.yml:{line}: (waarschuwing) extra.courant.top_tasks: 'leeracadmie' is geen "
            "pagina van de site; bedoel je 'leeracademie'?") in said
    assert "Traceback" not in said
    home = (root / "dist" / "intranet" / "index.html").read_text("utf-8")
    tasks = BeautifulSoup(home, "html.parser").select_one(".courant-home-taken")
    assert tasks is not None and "leeracademie/" not in [a["href"] for a in tasks.select("a")]


@pytest.fixture(scope="module")
def served(staff_home: Path) -> Iterator[str]:
    """The staff_home build's dist/ on http://127.0.0.1:<free port>/."""
    with serving(staff_home) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched() as chromium:
        yield chromium


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (apt)")
def test_in_chromium_the_home_text_is_seen_and_its_link_followed(browser: Any,
                                                                  served: str) -> None:
    visit = browser.new_page()
    visit.goto(served + "intranet/")
    heading = visit.locator("article h1")
    assert heading.inner_text() == HOME and heading.is_visible()
    assert visit.locator("article img[alt='De balie van het stadskantoor']").evaluate(
        "img => img.complete && img.naturalWidth > 0")
    visit.locator("article a", has_text="Leeracademie").first.click()
    visit.wait_for_load_state("load")
    assert visit.locator("article h1").inner_text() == SECTION
    visit.goto(served + "public/")
    assert visit.locator("article h1").inner_text() == PARTNER_WELCOME
    visit.close()
