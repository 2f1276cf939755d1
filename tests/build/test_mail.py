"""dist/mail/ of the built demo, read back by real parsers (BeautifulSoup, the email package)
and shown in a real browser (Chromium through Playwright) at 600 and 375 px."""

from __future__ import annotations

import email
import os
import re
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from courant.build.mails import MAX_BYTES
from courant.clock import AMSTERDAM
from courant.read.config import load_config

CONFIG = load_config(ROOT / "mkdocs.yml")
SITES = {"staff": CONFIG.site_url, "partners": CONFIG.public_url}
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("COURANT_ARTIFACTS", ROOT / ".cache" / "test-artifacts"))
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync"]


def mails(dist: Path) -> list[tuple[str, str]]:
    """(month, edition) of every mail written."""
    return sorted((p.parent.name, p.stem) for p in (dist / "mail").glob("*/*.html"))


def soup(dist: Path, month: str, edition: str) -> BeautifulSoup:
    html = (dist / "mail" / month / f"{edition}.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser")


def message(dist: Path, month: str, edition: str) -> EmailMessage:
    data = (dist / "mail" / month / f"{edition}.eml").read_bytes()
    parsed = email.message_from_bytes(data, policy=default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_every_published_issue_has_both_editions_in_every_form(demo_dist: Path) -> None:
    published = sorted(p.name for p in (demo_dist / "intranet" / "nieuwsbrief").iterdir()
                       if re.fullmatch(r"\d{4}-\d{2}", p.name))
    assert published  # the demo has published issues
    assert mails(demo_dist) == [(m, e) for m in published for e in ("partners", "staff")]
    for month in published:
        names = {p.name for p in (demo_dist / "mail" / month).iterdir()}
        assert names == {"manifest.json"} | {f"{e}.{x}" for e in ("staff", "partners")
                                               for x in ("html", "txt", "eml")}


def test_every_mail_file_stays_under_gmails_limit(demo_dist: Path) -> None:
    sizes = {str(p.relative_to(demo_dist)): p.stat().st_size
             for p in (demo_dist / "mail").rglob("*.*")}
    assert sizes and max(sizes.values()) < MAX_BYTES, sizes


def test_css_is_inlined_and_nothing_is_loaded_or_run(demo_dist: Path) -> None:
    for month, edition in mails(demo_dist):
        page = soup(demo_dist, month, edition)
        assert page.find("script") is None
        assert page.find("link") is None
        styles = page.find_all("style")
        assert all(s.get_text().strip().startswith("@media") for s in styles)  # only @media
        assert page.find("table", class_="container")["style"].count("max-width: 600px")
        assert len(page.find_all(style=True)) > 20
        assert not any(attr.startswith("on") for tag in page.find_all(True) for attr in tag.attrs)


def test_every_link_and_image_is_absolute_and_points_to_its_edition(demo_dist: Path) -> None:
    for month, edition in mails(demo_dist):
        page = soup(demo_dist, month, edition)
        links = [a["href"] for a in page.find_all("a", href=True)]
        images = [img["src"] for img in page.find_all("img")]
        for url in links + images:
            assert urlsplit(url).scheme in ("https", "mailto"), url
        own = [u for u in links + images if u.startswith(SITES[edition])]
        assert len(own) > 5
        other = SITES["partners" if edition == "staff" else "staff"]
        assert not [u for u in links + images if u.startswith(other)]


def test_images_have_width_height_and_alt(demo_dist: Path) -> None:
    images = [img for m, e in mails(demo_dist) for img in soup(demo_dist, m, e).find_all("img")]
    assert images  # the demo's interviews have portraits
    for img in images:
        assert int(img["width"]) <= 560 and int(img["height"]) > 0
        assert img["alt"].strip()


def test_web_version_link_and_footer(demo_dist: Path) -> None:
    for month, edition in mails(demo_dist):
        page = soup(demo_dist, month, edition)
        web = page.find("a", string=re.compile(r"^Bekijk in (je|uw) browser$"))
        assert web is not None and web["href"] == f"{SITES[edition]}nieuwsbrief/{month}/"
        site = "intranet" if edition == "staff" else "public"
        assert (demo_dist / site / "nieuwsbrief" / month / "index.html").is_file()
        footer = page.find("td", class_="footer").get_text(" ", strip=True)
        assert CONFIG.settings.mail.footer in footer  # the address, once
        assert footer.count("Sociaal Domein") <= 1, footer  # said once, in the header
        unsubscribe = page.find("a", string="Afmelden")
        if edition == "partners":
            assert unsubscribe["href"] == CONFIG.settings.mail.unsubscribe
            assert "beantwoord deze e-mail" in footer.lower()
        else:
            assert unsubscribe is None


def test_plain_text_holds_every_title_and_link(demo_dist: Path) -> None:
    for month, edition in mails(demo_dist):
        page = soup(demo_dist, month, edition)
        text = (demo_dist / "mail" / month / f"{edition}.txt").read_text("utf-8")
        titles = [h.find_all("a")[-1].get_text() for h in page.find_all(class_="entry-title")]
        assert titles
        for title in titles:
            assert title in text, title
        for a in page.find_all("a", href=True):
            href = a["href"].removeprefix("mailto:").split("?")[0]
            assert href in text, href
        assert "<" not in text.replace("<nieuwsbrief", "")


def test_eml_is_a_complete_multipart_alternative_message(demo_dist: Path) -> None:
    for month, edition in mails(demo_dist):
        msg = message(demo_dist, month, edition)
        assert msg.get_content_type() == "multipart/alternative"
        plain, html = msg.iter_parts()
        assert plain.get_content_type() == "text/plain"
        assert html.get_content_type() == "text/html"
        assert plain.get_content_charset() == html.get_content_charset() == "utf-8"
        for part, suffix in ((html, "html"), (plain, "txt")):  # the same, with CRLF line ends
            written = (demo_dist / "mail" / month / f"{edition}.{suffix}").read_text("utf-8")
            assert part.get_content().splitlines() == written.splitlines()
        assert msg["From"] == CONFIG.settings.mail.sender
        assert msg["Subject"].startswith("Nieuwsbrief")
        date = msg["Date"].datetime
        assert date.astimezone(AMSTERDAM).strftime("%Y-%m %H:%M") == f"{month} 08:00"
        assert msg["Message-ID"] == f"<nieuwsbrief.{month}.{edition}@waalstad.nl>"
        if edition == "partners":
            assert msg["List-Unsubscribe"] == f"<{CONFIG.settings.mail.unsubscribe}>"
        else:
            assert msg["List-Unsubscribe"] is None


def test_issue_web_versions_list_archive_newest_first(demo_dist: Path) -> None:
    for site in ("intranet", "public"):
        page = BeautifulSoup((demo_dist / site / "nieuwsbrief" / "index.html").read_text("utf-8"),
                             "html.parser")
        hrefs = [a["href"] for a in page.select("article a[href]")
                 if re.match(r"\d{4}-\d{2}/", a["href"])]
        assert hrefs and hrefs == sorted(hrefs, reverse=True)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_mail_reads_at_600_and_375_px_without_horizontal_scrolling(demo_dist: Path) -> None:
    """Images come from the built sites (requests to the two site URLs are answered from
    dist/); any other request is refused, so a third-party request would show as a failure."""
    from playwright.sync_api import Route, sync_playwright

    folders = {CONFIG.site_url: demo_dist / "intranet", CONFIG.public_url: demo_dist / "public"}
    refused: list[str] = []

    def answer(route: Route) -> None:
        url = route.request.url
        for base, folder in folders.items():
            if url.startswith(base):
                path = folder / url.removeprefix(base)
                return route.fulfill(path=path / "index.html" if path.is_dir() else path)
        if url.startswith("file://"):
            return route.continue_()
        refused.append(url)
        return route.abort()

    ARTIFACTS.joinpath("mail").mkdir(parents=True, exist_ok=True)
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            for month, edition in mails(demo_dist):
                for width in (600, 375):
                    page = browser.new_page(viewport={"width": width, "height": 900})
                    page.route("**/*", answer)
                    page.goto((demo_dist / "mail" / month / f"{edition}.html").as_uri())
                    page.wait_for_load_state("load")
                    scroll = page.evaluate("document.documentElement.scrollWidth")
                    broken = page.evaluate("[...document.images].filter(i => !i.naturalWidth)"
                                           ".map(i => i.src)")
                    page.screenshot(path=ARTIFACTS / "mail" / f"{month}-{edition}-{width}.png",
                                    full_page=True)
                    page.close()
                    assert scroll <= width, (month, edition, width, scroll)
                    assert broken == []
        finally:
            browser.close()
    assert refused == []



def test_the_manifest_describes_each_mail_for_a_mailing_tool(demo_dist: Path) -> None:
    import hashlib
    import json

    folder = demo_dist / "mail" / "2026-10"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["month"], manifest["date"]) == ("2026-10", "2026-10-29")
    assert [e["edition"] for e in manifest["editions"]] == ["staff", "partners"]
    for edition in manifest["editions"]:
        assert edition["subject"] == "Nieuwsbrief oktober 2026"
        assert edition["preheader"].startswith("Deze maand zijn we gestart")  # no greeting
        assert len(edition["preheader"]) <= 140
        assert edition["from"] == {"name": "Redactie Sociaal Domein",
                                   "address": "nieuwsbrief@waalstad.nl"}
        assert edition["reply_to"] == "redactie.sociaaldomein@waalstad.nl"
        assert edition["sent"] is None
        for file in edition["files"]:
            data = (folder / file["name"]).read_bytes()
            assert (file["bytes"], file["sha256"]) == (len(data), hashlib.sha256(data).hexdigest())
        assert {f["name"] for f in edition["files"]} == {
            f"{edition['edition']}.{x}" for x in ("html", "txt", "eml")}
    partners = manifest["editions"][1]
    assert partners["unsubscribe"] == "mailto:nieuwsbrief-afmelden@waalstad.nl?subject=Afmelden"
    assert partners["web_version"] == "https://sociaaldomein.waalstad.nl/nieuwsbrief/2026-10/"
    assert manifest["editions"][0]["unsubscribe"] is None


def test_a_mail_links_each_entry_once_and_opens_with_its_news(demo_dist: Path) -> None:
    """No ten identical 'Lees verder' links (the title is the link), and the inbox's line
    after the subject is the foreword, not 'Nieuwsbrief voor ... Bekijk in uw browser'."""
    for month, edition in mails(demo_dist):
        page = soup(demo_dist, month, edition)
        text = (demo_dist / "mail" / month / f"{edition}.txt").read_text("utf-8")
        assert "Lees verder" not in page.get_text() and "Lees verder" not in text
        hrefs = [a["href"] for a in page.select("a[href]") if a.find("img") is None]
        titles = [a["href"] for a in page.select(".entry-title a")]  # (and its photo)
        assert titles and all(hrefs.count(url) == 1 for url in titles), (month, edition)
        links = [(a.get("aria-label") or a.get_text(" ", strip=True)) for a in page.select("a")
                 if a.find("img") is None]
        repeated = {n for n in links if links.count(n) > 1}
        assert not repeated, (month, edition, repeated)  # each link says where it leads
        first = page.body.find(True)
        assert first is not None and "preheader" in first.get("class", [])
        assert not first.get_text().startswith(("Nieuwsbrief", "Bekijk")), first.get_text()
        foreword = page.select_one("td.foreword").get_text(" ", strip=True)
        assert first.get_text(strip=True)[:40] in foreword[:200]  # (after a greeting)


def test_an_event_in_the_mail_has_its_own_links(demo_dist: Path) -> None:
    """Each coming event: 'Aanmelden' when it asks for that, and its own .ics; named for the
    event, for a screen reader's list of links; a cancelled one offers neither."""
    from courant.build.pipeline import Project, load
    from courant.model import Event

    events = {e.slug: e for e in load(Project(demo_dist.parent)).content.items
              if isinstance(e, Event)}
    seen = 0
    for month, edition in mails(demo_dist):
        site = SITES[edition]
        label = "Zet in uw agenda" if edition == "partners" else "Zet in je agenda"
        page = soup(demo_dist, month, edition)
        for title in page.select(".entry-title a"):
            found = re.fullmatch(re.escape(site) + r"agenda/([^/]+)/", title["href"])
            if not found:
                continue
            event = events[found.group(1)]
            cell = title.find_parent("td")
            actions = {a.get_text(): a for a in cell.select("p.more a")}
            if event.cancelled:
                assert actions == {}, event.slug
                continue
            assert actions[label]["href"] == f"{site}agenda/{event.slug}.ics"
            assert actions[label]["aria-label"] == f"{label}: {event.title}"
            if event.registration:
                assert actions["Aanmelden"]["href"] == event.registration
                assert actions["Aanmelden"]["aria-label"] == f"Aanmelden voor {event.title}"
            text = (demo_dist / "mail" / month / f"{edition}.txt").read_text("utf-8")
            assert f"{label}: {site}agenda/{event.slug}.ics" in text
            seen += 1
    assert seen >= 4


def test_staff_read_at_home_get_links_and_images_from_an_address_they_reach(
        tmp_path: Path) -> None:
    """mail.staff_links and mail.staff_images: the staff mail for an intranet that is internal
    only; the images are written to dist/mail/media/ for that address."""
    from conftest import copy_project
    from courant.build import pipeline

    root = copy_project(tmp_path / "project")
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text("utf-8").replace(
        "    mail:\n", "    mail:\n      staff_links: https://thuis.waalstad.nl/sociaal-domein/\n"
        "      staff_images: https://nieuwsbrief.waalstad.nl/beelden\n", 1), "utf-8")
    pipeline.build(pipeline.Project(root))
    dist = root / "dist"
    page = soup(dist, "2026-10", "staff")
    images = [img["src"] for img in page.select("img") if "logo" not in img["src"]]
    assert images and all(src.startswith("https://nieuwsbrief.waalstad.nl/beelden/")
                          for src in images)
    for src in images:
        published = dist / "mail" / "media" / src.rsplit("/", 1)[1]
        assert published.is_file() and published.read_bytes() == (
            dist / "intranet" / "media" / published.name).read_bytes()
    links = {a["href"] for a in page.select(".entry-title a")}
    assert links and all(h.startswith("https://thuis.waalstad.nl/sociaal-domein/")
                         for h in links)
    partners = soup(dist, "2026-10", "partners")
    assert all(img["src"].startswith(CONFIG.public_url) for img in partners.select("img")
               if "logo" not in img["src"])
