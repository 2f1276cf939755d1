"""The promise: nothing meant for staff only reaches what partners see.

tests/fixtures/leak/ plants a token starting with "lektoken" in every staff-only, draft and
embargoed source: in its title, summary, body, tags, authors, person, location, file name,
folder name and image file names; in a staff-only and an expired adviser (name, role, topics,
e-mail), in staff events of a series partners see, in series.yml's staff-only title and
description, and in a staff booklet; a partner booklet lists partner pages (its PDF is read
with pdftotext, its EPUB unpacked). Partner-visible sources carry "paritem" tokens instead, and
link to the hidden sources in every form Markdown has (partner-links.md in updates,
interviews, agenda, reading and pages, and the November foreword: inline, titles in both
quotes, <>, text over two lines, nested brackets, reference links in all three forms with
definitions indented, titled in parentheses, in a quote, raw <a href>/<img src> with single,
double and no quotes and entities, in a table, an admonition, md_in_html, a comment, an image
in a link), and to a partner-visible item in the same forms. The whole project is built and
exported (`courant export`), and every byte and every file name under dist/public/, the
export's public/ and the partner mails (decoded: gzip, quoted-printable) is searched.
Menu titles that look like markup, and an element with id="__config", are proven in Chromium
on both sites; symbolic links, which must stop the build, in a project of their own.
"""

from __future__ import annotations

import email
import functools
import gzip
import os
import re
import subprocess
import threading
import zipfile
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from test_browser import BROWSER_ARGS, CHROMIUM, _QuietHandler

from conftest import FIXTURES, NOW_EPOCH, copy_project
from courant.build import pipeline
from courant.build.media import published_bytes
from courant.markup import to_html
from courant.problems import ContentError

FIXTURE = FIXTURES / "leak"
STAFF = b"lektoken"
STAFF_ONLY_IMAGES = ("lektoken-upd-def-img.png", "lektoken-bodyimg.png",
                     "lektoken-int-portret.png", "lektoken-draft-img.png",
                     "lektoken-embargo-img.png", "lektoken-psg-img.png")
PARTNER_TOKENS = ("paritem-upd-partners-title", "paritem-upd-partners-summary",
                  "paritem-upd-all-title", "paritem-int-title", "paritem-read-title",
                  "paritem-event-title", "paritem-event-cancelled-title", "paritem-page-title",
                  "paritem-adviser-name", "paritem-adviser-topic", "paritem-booklet-title",
                  "paritem-booklet-intro")
PARTNER_MAIL_TOKENS = ("paritem-upd-partners-title", "paritem-int-title", "paritem-read-title",
                       "paritem-event-title", "paritem-event-cancelled-title")
NEVER_BUILT = ("lektoken-draft", "lektoken-embargo", "lektoken-event-embargo")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project, built into dist/ and exported into export/."""
    root = copy_project(tmp_path_factory.mktemp("leak") / "p", content_from=FIXTURE)
    with pytest.MonkeyPatch.context() as patch:  # a module's fixture: before the test's own now
        patch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
        pipeline.build(pipeline.Project(root))
        pipeline.export_pages(pipeline.Project(root), root / "export")
    return root


@pytest.fixture(scope="module")
def dist(built: Path) -> Path:
    return built / "dist"


def readable(path: Path) -> bytes:
    """A file's bytes as a reader gets them: gzip unpacked, mail parts decoded, lower case."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            data += b"\n".join(archive.read(name) for name in archive.namelist())
    if path.suffix == ".eml":
        message = email.message_from_bytes(data, policy=default)
        assert isinstance(message, EmailMessage)
        parts = [str(value) for value in message.values()]
        parts += [part.get_content() for part in message.walk() if not part.is_multipart()]
        data += "\n".join(parts).encode("utf-8")
    return data.lower()


def files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def partner_mail(dist: Path) -> list[Path]:
    return sorted((dist / "mail").glob("*/partners.*"))


def test_the_fixture_builds_partner_files_and_mail(dist: Path) -> None:
    assert (dist / "public" / "search" / "search_index.json").is_file()
    assert (dist / "public" / "sitemap.xml").is_file()
    assert {p.name for p in partner_mail(dist)} == {"partners.html", "partners.txt",
                                                    "partners.eml"}
    assert {p.parent.name for p in partner_mail(dist)} == {"2026-10", "2026-11"}


def test_no_staff_token_in_any_public_file_name(dist: Path) -> None:
    leaks = [p for p in (dist / "public").rglob("*")
             if STAFF in str(p.relative_to(dist)).lower().encode()]
    assert leaks == []


def test_no_staff_token_in_any_public_file(dist: Path) -> None:
    leaks = [str(p.relative_to(dist)) for p in files(dist / "public") if STAFF in readable(p)]
    assert leaks == []


@pytest.mark.spawns
def test_no_staff_token_in_the_text_of_any_public_pdf(dist: Path) -> None:
    """A PDF's text is in compressed streams of glyph numbers: read it as a reader (or a
    search engine) takes it out, with pdftotext."""
    pdfs = list((dist / "public").rglob("*.pdf"))
    assert [p.name for p in pdfs] == ["partner-booklet.pdf"]
    for pdf in pdfs:
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                              timeout=60).stdout.lower()
        assert b"paritem-booklet-intro" in text  # the reading works: the test can fail
        assert STAFF not in text, pdf


def test_no_staff_token_in_the_partner_mail(dist: Path) -> None:
    leaks = [str(p.relative_to(dist)) for p in partner_mail(dist) if STAFF in readable(p)]
    assert leaks == []


def test_staff_only_images_are_not_published_under_any_name(dist: Path) -> None:
    staff_images = {published_bytes(FIXTURE / "content" / "media" / name)
                    for name in STAFF_ONLY_IMAGES}
    public = {p.read_bytes() for p in files(dist / "public")}
    assert staff_images.isdisjoint(public)
    shared = published_bytes(FIXTURE / "content" / "media" / "gedeeld.png")
    assert shared in public  # the partner item's image is there: the test can fail


def test_files_from_staff_folders_are_published_under_names_that_do_not_say_so(
        dist: Path) -> None:
    """A partner item may use a file from a folder whose name is for staff (an updates/
    sub-folder that holds staff items, a sub-folder of media/): the file is published, its
    folder's name is not (test_no_staff_token_in_any_public_file_name reads every name)."""
    content = FIXTURE / "content"
    wanted = {published_bytes(content / "updates" / "lektoken-folder" / name)
              for name in ("paritem-infolder.png", "paritem-notitie.pdf")}
    wanted.add(published_bytes(content / "media" / "lektoken-mediasub" / "paritem-sub.png"))
    public = {p.read_bytes() for p in files(dist / "public")}
    assert wanted <= public
    page = soup_of(dist / "public" / SHARED_PAGE)
    assert {img["alt"] for img in page.find_all("img")} >= {"paritem-infolder", "paritem-sub"}
    assert "paritem-doc-infolder" in {a.get_text() for a in page.find_all("a", href=True)}


def test_partner_tokens_do_appear(dist: Path) -> None:
    public = b"\n".join(readable(p) for p in files(dist / "public"))
    assert [t for t in PARTNER_TOKENS if t.encode() not in public] == []
    mail = readable(dist / "mail" / "2026-11" / "partners.eml")
    assert [t for t in PARTNER_MAIL_TOKENS if t.encode() not in mail] == []


def test_staff_tokens_do_reach_the_staff_outputs(dist: Path) -> None:
    """The planted staff items are real content: the intranet and the staff mail show them."""
    intranet = b"\n".join(readable(p) for p in files(dist / "intranet"))
    for token in ("lektoken-upd-def-body", "lektoken-int-title", "lektoken-page-title",
                  "lektoken-event-title", "lektoken-read-title", "lektokenperson",
                  "lektoken-adviser-name", "lektoken-adviser-topic", "lektoken-series-title",
                  "lektoken-series-event-title", "lektoken-series-registration"):
        assert token.encode() in intranet, token
    staff_mail = readable(dist / "mail" / "2026-11" / "staff.eml")
    for token in ("lektoken-upd-def-title", "lektoken-upd-staff-title", "lektoken-moved-title",
                  "lektoken-int-title", "lektoken-read-title", "lektoken-event-title"):
        assert token.encode() in staff_mail, token


def test_drafts_and_embargoed_items_are_nowhere(dist: Path) -> None:
    everything = b"\n".join(readable(p) for p in files(dist))
    names = "\n".join(str(p) for p in dist.rglob("*")).lower()
    for token in NEVER_BUILT:
        assert token.encode() not in everything, token
        assert token not in names, token


def test_partner_pages_are_sanitised(dist: Path) -> None:
    page = (dist / "public" / "nieuws" / "partner-nieuws" / "index.html").read_text("utf-8")
    planted = (dist / "intranet" / "nieuws" / "partner-nieuws" / "index.html").read_text("utf-8")
    for bad in ("paritem-script", 'onclick="steal()"', "javascript:alert", "display:none"):
        assert bad in planted  # the intranet shows the editor's HTML as written
        assert bad not in page
    assert "paritem-hidden" in page  # the text stays, visible


# --- staff-only passages in partner-visible sources ---------------------------------------

PASSAGES = {"upd": "nieuws/voor-iedereen", "int": "collega-in-beeld/partner-interview",
            "evt": "agenda/netwerk", "tip": "boekenkast/partner-tip", "pag": "voor-partners",
            "fwd": "nieuwsbrief/2026-11"}
"""Where each partner-visible source with a `::: medewerkers` passage is shown (its planted
tokens: lektoken-psg-TAG-heading, -text, -linktext, -url, -alt, and the image
lektoken-psg-img.png): no byte of them is public (the tests above search every public file,
the partner mails and the export for "lektoken"); here, that the rest of the source is, and
that staff see the passage marked."""
AFTER = {"upd": "paritem-upd-all-body", "int": "paritem-int-after",
         "evt": "paritem-event-after", "tip": "paritem-read-after", "pag": "paritem-page-after",
         "fwd": "paritem-fwd-after"}


@pytest.mark.parametrize("tag", list(PASSAGES))
def test_partners_get_the_source_around_a_staff_passage(dist: Path, tag: str) -> None:
    page = soup_of(dist / "public" / PASSAGES[tag] / "index.html")
    article = page.find("article")
    assert article is not None and AFTER[tag] in article.get_text(" ")
    assert "Alleen voor medewerkers" not in page.get_text(" ")
    assert "lektoken" not in str(page).lower()
    if tag == "fwd":  # the foreword is in the partner mail as well
        for suffix in ("html", "txt"):
            mail = (dist / "mail" / "2026-11" / f"partners.{suffix}").read_text("utf-8")
            assert AFTER[tag] in mail and "Alleen voor medewerkers" not in mail


@pytest.mark.parametrize("tag", list(PASSAGES))
def test_staff_see_the_passage_marked_with_its_heading_in_the_toc(dist: Path, tag: str) -> None:
    page = soup_of(dist / "intranet" / PASSAGES[tag] / "index.html")
    boxes = page.select("article div.admonition.courant-medewerkers")
    assert len(boxes) == 1
    title = boxes[0].find(class_="admonition-title")
    assert title is not None and title.get_text(strip=True) == "Alleen voor medewerkers"
    text = boxes[0].get_text(" ")
    for token in ("heading", "text", "linktext"):
        assert f"lektoken-psg-{tag}-{token}" in text, token
    if tag != "fwd":  # a foreword shows an image as its alt text
        image = boxes[0].find("img", alt=f"lektoken-psg-{tag}-alt")
        assert image is not None and "lektoken-psg-img" in str(image.get("src"))
    toc = page.find("nav", class_="md-nav--secondary")
    assert toc is not None and f"lektoken-psg-{tag}-heading" in toc.get_text(" ")
    assert AFTER[tag] not in text  # the passage ends where the editor closed it


def test_a_fenced_passage_in_code_is_code_for_partners(dist: Path) -> None:
    page = soup_of(dist / "public" / PASSAGES["pag"] / "index.html")
    code = " ".join(c.get_text() for c in page.select("article pre code"))
    assert "::: medewerkers" in code and "paritem-code-kept" in code


def test_the_teaser_is_the_first_paragraph_partners_see(dist: Path) -> None:
    for edition in ("partners", "staff"):
        mail = soup_of(dist / "mail" / "2026-10" / f"{edition}.html")
        teasers = [p.get_text(" ", strip=True) for p in mail.find_all("p", class_="teaser")]
        assert "paritem-upd-all-body." in teasers, edition
        assert "lektoken-psg" not in str(mail), edition
    listing = soup_of(dist / "public" / "nieuws" / "index.html").get_text(" ")
    assert "paritem-upd-all-body" in listing


def test_the_staff_mail_marks_the_forewords_passage(dist: Path) -> None:
    mail = soup_of(dist / "mail" / "2026-11" / "staff.html")
    box = mail.find("table", class_="staff-passage")
    assert box is not None
    label = box.find("td", class_="staff-passage-label")
    assert label is not None and label.get_text(strip=True) == "Alleen voor medewerkers"
    style = str(label.get("style"))  # css-inline wrote it on the cell: Outlook reads no <style>
    assert "border" in style and "background-color" in style and "font-weight: bold" in style
    body = box.find("td", class_="staff-passage-body")
    assert body is not None and "lektoken-psg-fwd-text" in body.get_text(" ")
    assert "border" in str(body.get("style"))
    assert "paritem-fwd-after" not in body.get_text(" ")
    text = (dist / "mail" / "2026-11" / "staff.txt").read_text("utf-8")
    block = text.split("*** Alleen voor medewerkers ***", 1)[1].split(
        "*** Einde: alleen voor medewerkers ***", 1)[0]
    assert "lektoken-psg-fwd-text" in block and "paritem-fwd-after" not in block
    eml = readable(dist / "mail" / "2026-11" / "staff.eml")
    assert b"lektoken-psg-fwd-text" in eml and b"alleen voor medewerkers" in eml


def test_the_partner_feeds_calendar_search_and_sitemap_hold_those_items(dist: Path) -> None:
    """The items with passages are in every partner file the leak tests search (so those
    tests would see a passage there): the text around each passage is."""
    public = dist / "public"
    assert b"paritem-int-after" in readable(public / "feed.xml")
    assert b"paritem-read-after" in readable(public / "rss.xml")
    assert b"paritem-event-after" in readable(public / "agenda.ics")
    index = readable(public / "search" / "search_index.json")
    assert b"paritem-page-after" in index and b"paritem-upd-all-body" in index
    assert b"voor-partners/" in readable(public / "sitemap.xml")


def test_staff_feeds_and_calendar_carry_the_passages(dist: Path) -> None:
    assert b"lektoken-psg-upd-text" in readable(dist / "intranet" / "feed.xml")
    assert b"lektoken-psg-evt-text" in readable(dist / "intranet" / "agenda.ics")
    assert b"lektoken-psg-upd-text" in readable(
        dist / "intranet" / "search" / "search_index.json")


# --- every link form ------------------------------------------------------------------------

LINKING = {"upd": "nieuws/partner-links", "int": "collega-in-beeld/partner-links",
           "evt": "agenda/partner-links", "tip": "boekenkast/partner-links",
           "pag": "partner-links"}
"""The partner-visible pages that link in every form (tests/fixtures/leak/…/partner-links.md)."""
FORMS = ("inline", "anchor", "dq", "sq", "angle", "nested", "two", "full", "collapsed", "short",
         "spaced", "rawdq", "rawsq", "rawnq", "rawent", "quoted", "table", "admonition",
         "mdinhtml")
HIDDEN_ONLY = ("image", "imglink")  # images, and a link around an image, to a hidden source
SHARED_PAGE = "nieuws/voor-iedereen/index.html"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def links_by_token(page: BeautifulSoup) -> dict[str, str]:
    """Link text token -> href, for every link in the page's article."""
    article = page.find("article")
    assert article is not None
    return {token: str(a.get("href")) for a in article.find_all("a", href=True)
            for token in re.findall(r"paritem-[a-z]+-(?:h|ok)-[a-z]+", a.get_text())}


@pytest.mark.parametrize("tag", list(LINKING))
def test_links_to_hidden_sources_are_their_text_alone(dist: Path, tag: str) -> None:
    page = soup_of(dist / "public" / LINKING[tag] / "index.html")
    text = page.get_text(" ")
    linked = links_by_token(page)
    for form in (*FORMS, *HIDDEN_ONLY):
        token = f"paritem-{tag}-h-{form}"
        assert token not in linked, (token, linked.get(token))  # not a link ...
        if form == "imglink":  # ... an image that linked to a hidden source: the image alone
            image = page.find("img", alt=token)
            assert image is not None and image.find_parent("a") is None
        else:
            assert token in text, token  # ... but its text, shown


@pytest.mark.parametrize("site", ["public", "intranet"])
@pytest.mark.parametrize("tag", list(LINKING))
def test_links_to_partner_items_work_in_every_form(dist: Path, site: str, tag: str) -> None:
    page_path = dist / site / LINKING[tag] / "index.html"
    linked = links_by_token(soup_of(page_path))
    for form in FORMS:
        href = linked.get(f"paritem-{tag}-ok-{form}")
        assert href is not None, form
        target = (page_path.parent / href.split("#")[0]).resolve() / "index.html"
        assert target == (dist / site / SHARED_PAGE).resolve(), (form, href)


def test_the_intranet_still_links_to_the_staff_sources(dist: Path) -> None:
    linked = links_by_token(soup_of(dist / "intranet" / LINKING["upd"] / "index.html"))
    assert linked["paritem-upd-h-full"] == "../lektoken-upddef/"
    assert linked["paritem-upd-h-rawsq"] == "../../agenda/lektoken-event/"
    assert "paritem-upd-h-dq" not in linked  # a draft is in no edition


def test_the_foreword_links_only_what_partners_see(dist: Path) -> None:
    for path in (dist / "public" / "nieuwsbrief" / "2026-11" / "index.html",
                 dist / "mail" / "2026-11" / "partners.html"):
        page = soup_of(path)
        for token in ("full", "short", "raw", "two", "nested", "ok"):
            assert f"paritem-fwd-{token}" in page.get_text(" "), (path, token)
        linked = {a.get_text(): str(a.get("href")) for a in page.find_all("a", href=True)}
        assert [t for t in linked if t.startswith("paritem-fwd-") and t != "paritem-fwd-ok"] \
            == []
        assert linked["paritem-fwd-ok"].endswith("nieuws/voor-iedereen/")
    text = (dist / "mail" / "2026-11" / "partners.txt").read_text("utf-8")
    assert "paritem-fwd-full" in text and "voor-iedereen" in text


def test_the_partner_feed_carries_the_links_as_text(dist: Path) -> None:
    feed = (dist / "public" / "feed.xml").read_text("utf-8")
    assert "paritem-upd-h-full" in feed and "paritem-upd-ok-full" in feed


def test_no_staff_token_in_the_export(built: Path) -> None:
    exported = built / "export" / "public"
    assert (exported / "docs" / "nieuws" / "partner-links.md").is_file()
    assert [str(p.relative_to(exported)) for p in files(exported)
            if STAFF in readable(p) or STAFF in str(p).lower().encode()] == []


def test_the_exported_partner_pages_are_sanitised(built: Path) -> None:
    """Another engine runs none of courant's code: the Markdown itself carries no script,
    handler, hidden style, javascript: link or clobbering id, in any renderer's reading."""
    page = (built / "export" / "public" / "docs" / "nieuws" / "partner-nieuws.md").read_text(
        "utf-8")
    links = (built / "export" / "public" / "docs" / "nieuws" / "partner-links.md").read_text(
        "utf-8")
    assert "paritem-hidden" in page
    rendered = to_html(page + links)
    for bad in ("<script", "onclick", "onmouseover", "onfocus", "data-bron", "javascript:",
                "display:none", 'id="__'):
        assert bad not in page + links and bad not in rendered, bad
    assert 'class="paritem-knop"' in rendered  # an attribute list's allowed part stays
    staff = (built / "export" / "intranet" / "docs" / "nieuws" / "partner-nieuws.md")
    assert "<script>" in staff.read_text("utf-8")  # the intranet's Markdown as written


# --- the menu, and ids that would replace the theme's own --------------------------------

MENU_TITLE = 'Tom & Jerry <3 <img src=x onerror="window.__pwned=1"> paritem-menutitle'
FOLDER_TITLE = "<img src=x onerror=window.__pwned=2>"


@pytest.mark.parametrize("site", ["public", "intranet"])
def test_menu_titles_are_text_in_the_html(dist: Path, site: str) -> None:
    nav = soup_of(dist / site / "index.html").find("nav", class_="md-nav--primary")
    assert nav is not None
    assert nav.find(onerror=True) is None and len(nav.find_all("img")) == 1  # the logo
    texts = [" ".join(t.get_text(" ").split()) for t in nav.find_all(class_="md-ellipsis")]
    assert " ".join(MENU_TITLE.split()) in texts
    assert FOLDER_TITLE in texts


def test_no_element_of_a_partner_page_has_a_clobbering_id(dist: Path) -> None:
    for site in ("public", "intranet"):
        page = soup_of(dist / site / LINKING["upd"] / "index.html")
        configs = page.find_all(id="__config")
        assert [c.name for c in configs] == ["script"], site  # Material's own, only
        assert page.find(id="__search").name == "input"  # type: ignore[union-attr]
        assert '"search": "media/paritem-evil.js"' in page.get_text()  # the text stays


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Debian's chromium (apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def served(dist: Path) -> Iterator[dict[str, str]]:
    """Both sites on 127.0.0.1, each at the root of its own server."""
    servers, urls = [], {}
    for site in ("public", "intranet"):
        handler = functools.partial(_QuietHandler, directory=str(dist / site))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[site] = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield urls
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("site", ["public", "intranet"])
def test_menu_titles_run_no_script_and_show_as_written(browser: Any, served: dict[str, str],
                                                       site: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served[site] + LINKING["upd"] + "/")
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    menu = " ".join(page.locator("nav.md-nav--primary").inner_text().split())
    assert " ".join(MENU_TITLE.split()) in menu and FOLDER_TITLE in menu
    # Material read its own configuration, not the editor's element
    assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT"
    assert errors == []
    page.close()


@pytest.mark.browser
def test_the_partner_search_still_works_beside_an_editors_config(browser: Any,
                                                                 served: dict[str, str]) -> None:
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served["public"] + LINKING["upd"] + "/")
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("paritem", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert not [url for url in requests if "paritem-evil" in url]
    page.close()


SCREENSHOTS = os.environ.get("COURANT_SCREENSHOTS")
"""A folder to keep the screenshots of the marked passage in (they go to the test's tmp_path)."""


def _keep(shot: bytes, tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(shot)
    if SCREENSHOTS:
        Path(SCREENSHOTS, name).write_bytes(shot)


@pytest.mark.browser
def test_the_intranet_marks_a_passage_at_600_px(browser: Any, served: dict[str, str],
                                                tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.goto(served["intranet"] + PASSAGES["upd"] + "/")
    box = page.locator("article .courant-medewerkers")
    box.wait_for()
    title = box.locator(".admonition-title")
    assert title.is_visible() and title.inner_text().strip() == "Alleen voor medewerkers"
    assert "lektoken-psg-upd-text" in box.inner_text()
    border = box.evaluate("e => parseFloat(getComputedStyle(e).borderLeftWidth)")
    assert border > 0  # a frame, and the label in words: not colour alone
    bounds = box.bounding_box()
    assert bounds is not None and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 600
    _keep(page.screenshot(full_page=False, clip={**bounds, "height": min(bounds["height"], 800)}),
          tmp_path, "intranet-passage-600.png")
    page.close()


@pytest.mark.browser
def test_the_staff_mail_marks_a_passage_at_600_px(browser: Any, dist: Path,
                                                  tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
               else route.abort())
    page.goto((dist / "mail" / "2026-11" / "staff.html").as_uri())
    box = page.locator("table.staff-passage")
    label = box.locator("td.staff-passage-label")
    assert label.is_visible() and label.inner_text().strip() == "Alleen voor medewerkers"
    style = label.evaluate("e => [getComputedStyle(e).fontWeight, getComputedStyle(e)"
                           ".borderTopWidth, getComputedStyle(e).backgroundColor]")
    assert int(style[0]) >= 700 and float(style[1].rstrip("px")) > 0
    assert style[2] != "rgba(0, 0, 0, 0)"
    assert "lektoken-psg-fwd-text" in box.inner_text()
    bounds = box.bounding_box()
    assert bounds is not None and bounds["x"] + bounds["width"] <= 600
    _keep(page.screenshot(clip=bounds), tmp_path, "staff-mail-passage-600.png")
    page.close()


# --- symbolic links ------------------------------------------------------------------------

def test_symbolic_links_stop_the_build(tmp_path: Path) -> None:
    """A partner item's image that links to /etc/passwd, and a file it links to that is a
    staff source under another name: an error naming each, and nothing built."""
    root = copy_project(tmp_path / "p", content_from=FIXTURE)
    media = root / "content" / "media"
    os.symlink("/etc/passwd", media / "paritem-logo.png")
    os.symlink("../updates/lektoken-upddef.md", media / "paritem-notities.txt")
    (root / "content" / "updates" / "gelinkt.md").write_text(
        "---\ntitle: Gelinkt\ndate: 2026-11-10\ndepartment: wi\naudience: partners\n"
        "image: paritem-logo.png\nimage_alt: Logo\n---\nZie [de notities]"
        "(../media/paritem-notities.txt).\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        pipeline.build(pipeline.Project(root))
    named = sorted({p.file for p in raised.value.problems if "snelkoppeling" in p.message})
    assert named == ["content/media/paritem-logo.png", "content/media/paritem-notities.txt"]
    assert not (root / "dist").exists()
