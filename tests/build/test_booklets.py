"""booklets/: a staff booklet and a partner booklet built from the tiny project, their PDF
read with Poppler (pdfinfo, pdftotext), their EPUB checked with epubcheck (Debian's, on
Java), and their images compared with what build/media.py publishes.

The staff booklet lists a staff-only page with planted tokens ("stafftoken"); the partner
booklet lists only pages for partners or all, and none of the staff tokens may reach the
partner site, in any file, decoded (PDF text, the EPUB's files).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, PngImagePlugin

from courant.build import pipeline
from courant.build.media import published_bytes
from projects import problems_of, tiny_project

pytestmark = pytest.mark.spawns
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")

PAGES = {
    "intern.md": "title: Intern stafftoken-chapter-title\n",
    "werkwijze.md": "title: Onze werkwijze\naudience: all\nimage: kaart.png\n"
                    "image_alt: Kaart van de wijken\n",
    "partners-wegwijzer.md": "title: Wegwijzer voor partners\naudience: partners\n",
}
BOOKLETS = {
    "intern.md": "title: Het interne boekje\ndate: 2026-11-02\npages:\n"
                 "  - ../pages/intern.md\n  - ../pages/werkwijze.md\n"
                 "include: [departments, guide]\n",
    "partners.md": "title: Het boekje voor partners\naudience: partners\npages:\n"
                   "  - pages/werkwijze.md\n  - ../pages/partners-wegwijzer.md\n"
                   "include: [guide]\n",
}


def _write(folder: Path, files: dict[str, str], body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, front in files.items():
        (folder / name).write_text(f"---\n{front}---\n{body}\n\n## Een kop\n\nMeer tekst.\n",
                                   encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tiny_project(tmp_path_factory.mktemp("booklets") / "p")
    _write(root / "content" / "pages", PAGES, "De tekst van de pagina.")
    _write(root / "content" / "booklets", BOOKLETS, "Welkom, dit is de inleiding.")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "stafftoken-in-the-image-metadata")
    Image.new("RGB", (40, 30), (200, 80, 20)).save(root / "content" / "media" / "kaart.png",
                                                   pnginfo=info)
    departments = root / "content" / "departments.yml"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "  name: Werk en Inkomen\n", "  name: Werk en Inkomen\n  email: wi@waalstad.nl\n"
        "  topics: [bijstand, re-integratie]\n", 1), encoding="utf-8")
    pipeline.build(pipeline.Project(root))
    return root


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run scripts/install-system.sh")
    return found


def _pdfinfo(pdf: Path) -> dict[str, str]:
    done = subprocess.run([_tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True, timeout=60)
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in done.stdout.splitlines())}


def _pdftext(pdf: Path) -> str:
    return subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


def _catalog_language(pdf: Path) -> str | None:
    """/Lang of the PDF's catalog, which pdfinfo does not print: WeasyPrint keeps the
    catalog in a compressed object stream."""
    data = pdf.read_bytes()
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            text = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        found = re.search(rb"/Type /Catalog.*?/Lang \((\w+)\)", text, re.S)
        if found:
            return found.group(1).decode()
    return None


@pytest.mark.parametrize(("site", "slug", "title"), [
    ("intranet", "intern", "Het interne boekje"),
    ("public", "partners", "Het boekje voor partners")])
def test_pdf_is_tagged_with_title_and_language(built: Path, site: str, slug: str,
                                               title: str) -> None:
    pdf = built / "dist" / site / "boekjes" / f"{slug}.pdf"
    info = _pdfinfo(pdf)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    assert _catalog_language(pdf) == "nl"


def test_pdf_holds_cover_contents_chapters_page_numbers_and_what_it_includes(
        built: Path) -> None:
    text = _pdftext(built / "dist/intranet/boekjes/intern.pdf")
    for title in ("Het interne boekje", "2 november 2026", "Inhoud", "Inleiding",
                  "Intern stafftoken-chapter-title", "Onze werkwijze",
                  "Contact met de afdelingen", "wi@waalstad.nl", "Wie benader je waarvoor",
                  "re-integratie"):
        assert title in text, title
    pages = int(_pdfinfo(built / "dist/intranet/boekjes/intern.pdf")["Pages"])
    assert f"Pagina 2 van {pages}" in text
    # the contents give each part's page: "Onze werkwijze ....... 5"
    assert re.search(r"Onze werkwijze \.+ \d+", text)


def test_partner_booklet_holds_its_chapters_and_nothing_for_staff(built: Path) -> None:
    text = _pdftext(built / "dist/public/boekjes/partners.pdf")
    for title in ("Het boekje voor partners", "Onze werkwijze", "Wegwijzer voor partners",
                  "Wie benader je waarvoor"):
        assert title in text, title
    assert "stafftoken" not in text.lower()
    assert "Contact met de afdelingen" not in text  # not included


def test_public_site_gets_only_booklets_for_partners_or_all(built: Path) -> None:
    public = built / "dist/public"
    assert sorted(p.name for p in (public / "boekjes").iterdir()) == [
        "index.html", "partners", "partners.epub", "partners.pdf"]
    for path in public.rglob("*"):
        if not path.is_file():
            continue
        readable = [path.read_bytes()]
        if path.suffix == ".pdf":
            readable.append(_pdftext(path).encode())
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                readable.extend(archive.read(name) for name in archive.namelist())
        assert not any(b"stafftoken" in data.lower() for data in readable), path


def test_epub_is_clean_under_epubcheck(built: Path) -> None:
    """The staff booklet: every part the writer makes (the cover, contents, chapters with an
    image and headings, the contacts and the guide). One run: epubcheck takes a minute."""
    epub = "intranet/boekjes/intern.epub"
    if not EPUBCHECK.is_file():
        pytest.fail("epubcheck is not installed: run scripts/install-system.sh")
    done = subprocess.run([_tool("java"), "-jar", str(EPUBCHECK), str(built / "dist" / epub)],
                          capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No errors or warnings detected" in done.stdout, done.stdout


def test_epub_has_language_nav_and_the_published_image(built: Path) -> None:
    with zipfile.ZipFile(built / "dist/intranet/boekjes/intern.epub") as archive:
        assert archive.namelist()[0] == "mimetype"
        package = archive.read("OEBPS/content.opf").decode()
        nav = archive.read("OEBPS/nav.xhtml").decode()
        images = [archive.read(n) for n in archive.namelist() if n.startswith("OEBPS/media/")]
    assert "<dc:language>nl</dc:language>" in package
    assert 'epub:type="toc"' in nav and "Intern stafftoken-chapter-title" in nav
    source = built / "content/media/kaart.png"
    assert images == [published_bytes(source)]
    assert b"stafftoken-in-the-image-metadata" in source.read_bytes()
    assert b"stafftoken-in-the-image-metadata" not in images[0]


def test_booklet_page_links_both_files(built: Path) -> None:
    page = BeautifulSoup((built / "dist/intranet/boekjes/intern/index.html").read_text(
        encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in page.select("article a")]
    assert {"../intern.pdf", "../intern.epub", "../../intern/", "../../werkwijze/"} <= set(hrefs)


def test_staff_page_in_partner_booklet_is_an_error_naming_file_and_line(
        tmp_path: Path) -> None:
    root = tiny_project(tmp_path / "p")
    _write(root / "content" / "pages", PAGES, "Tekst.")
    _write(root / "content" / "booklets", {"lek.md": "title: Lek\naudience: all\npages:\n"
                                           "  - ../pages/werkwijze.md\n"
                                           "  - ../pages/intern.md\n"
                                           "  - ../pages/bestaat-niet.md\n"}, "Inleiding.")
    (root / "content" / "media" / "kaart.png").write_bytes(
        (root / "content" / "media" / "foto.png").read_bytes())
    assert problems_of(root) == [
        'content/booklets/lek.md:6: pages: "../pages/intern.md" is alleen voor medewerkers, en '
        "dit boekje is voor iedereen: haal het uit pages, of zet het boekje op audience: staff",
        'content/booklets/lek.md:7: pages: "../pages/bestaat-niet.md" is geen stuk in '
        "content/; schrijf het pad van het bestand vanaf dit boekje, bijvoorbeeld "
        "../pages/introductieprogramma.md"]
