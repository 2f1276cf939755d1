"""Each booklet of an edition as an accessible PDF (WeasyPrint) and an EPUB 3 (zipfile),
published beside its page: boekjes/<slug>.pdf and boekjes/<slug>.epub.

- PDF: tagged (PDF/UA-1: a structure tree a screen reader follows, the title shown as the
  window's title, the language set), its outline made of the parts, page numbers, a cover
  with the booklet's date and a table of contents with page numbers.
- EPUB 3: one XHTML file per part, a navigation document, the language and a modified date
  from the booklet's own date (the same bytes in every build: zip entries carry a fixed
  time).
- Images are the published copies (build/media.py: without their metadata), embedded; the
  PDF's renderer fetches nothing else (no request leaves the machine), and an image the
  booklet does not carry is left out of the EPUB, its alternative text in its place.
"""

from __future__ import annotations

import hashlib
import html
import logging
import mimetypes
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any

from courant import clock, wording
from courant.audience import EditionContent
from courant.build.media import published_bytes
from courant.model import Booklet, Kind
from courant.render.booklet import (
    BookletDocument,
    booklet_document,
    contents,
    print_html,
    sections,
)

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
logging.getLogger("weasyprint").addHandler(logging.NullHandler())
logging.getLogger("weasyprint").propagate = False
logging.getLogger("fontTools").propagate = False


Images = dict[str, tuple[bytes, str]]
MakeFiles = Callable[[BookletDocument, Images], tuple[bytes, bytes]]


def booklet_files(edition: EditionContent, base_url: str, site_name: str,
                  content_dir: Path, make: MakeFiles | None = None) -> dict[str, bytes]:
    """The PDF and EPUB of every booklet the edition holds (`make`: booklet_bytes, or what
    gives the same: WeasyPrint takes seconds a booklet, so the pipeline keeps them between
    builds by booklet_inputs)."""
    files: dict[str, bytes] = {}
    for booklet in edition.of_kind(Kind.BOOKLET):
        assert isinstance(booklet, Booklet)
        doc = booklet_document(booklet, edition, base_url, site_name)
        images = {address: _image(content_dir, source) for address, source in doc.images.items()}
        files[doc.pdf], files[doc.epub] = (make or booklet_bytes)(doc, images)
    return files


def booklet_bytes(doc: BookletDocument, images: Images) -> tuple[bytes, bytes]:
    return pdf_bytes(doc, images), epub_bytes(doc, images)


def booklet_inputs(doc: BookletDocument, images: Images) -> str:
    """Everything booklet_bytes makes its files of: the document, its images' published
    bytes, the EPUB's modified date."""
    return _key(doc, images)


def _key(doc: BookletDocument, images: dict[str, tuple[bytes, str]]) -> str:
    digest = hashlib.blake2b(f"{doc!r}\n{_modified(doc)}".encode(), digest_size=16)
    for address in sorted(images):
        digest.update(address.encode() + b"\0" + images[address][0])
    return digest.hexdigest()


def _image(content_dir: Path, source: PurePosixPath) -> tuple[bytes, str]:
    mime = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return published_bytes(content_dir / source), mime


def pdf_bytes(doc: BookletDocument, images: dict[str, tuple[bytes, str]]) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OnlyOwnImages(URLFetcher):  # type: ignore[misc]
        """The booklet's own images, from memory; anything else is refused (and left out)."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url not in images:
                raise ValueError(f"courant haalt niets van elders op: {url}")
            data, mime = images[url]
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime})

    document = HTML(string=print_html(doc), base_url=doc.url, url_fetcher=OnlyOwnImages())
    made = document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True,
                              pdf_identifier=doc.url.encode("utf-8"))
    assert isinstance(made, bytes)
    return made


def epub_bytes(doc: BookletDocument, images: dict[str, tuple[bytes, str]]) -> bytes:
    """An EPUB 3 of the booklet; the same bytes for the same booklet."""
    names = {address: f"media/{n}{posixpath.splitext(address)[1].lower()}"
             for n, address in enumerate(sorted(images), start=1)}
    parts = [("titel.xhtml", "Titelpagina", _title_page(doc))]
    parts.extend((f"{anchor}.xhtml", name, _part(doc, name, content, names))
                 for anchor, name, content in sections(doc))
    files: list[tuple[str, bytes]] = [
        ("META-INF/container.xml", CONTAINER.encode()),
        ("OEBPS/stijl.css", EPUB_CSS.encode()),
        ("OEBPS/nav.xhtml", _nav(doc).encode()),
        *((f"OEBPS/{name}", text.encode()) for name, _, text in parts),
        *((f"OEBPS/{names[address]}", images[address][0]) for address in sorted(names)),
        ("OEBPS/content.opf", _package(doc, [p[0] for p in parts], names, images).encode()),
    ]
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype", ZIP_TIME), "application/epub+zip",
                         compress_type=zipfile.ZIP_STORED)
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


CONTAINER = """<?xml version="1.0" encoding="utf-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""
EPUB_CSS = """body { font-family: sans-serif; line-height: 1.5; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid #999; padding: 0.2em 0.4em; text-align: left; vertical-align: top; }
"""


def _modified(doc: BookletDocument) -> str:
    day: date = doc.day or clock.now().date()
    return f"{day.isoformat()}T00:00:00Z"


def _package(doc: BookletDocument, parts: list[str], names: dict[str, str],
             images: dict[str, tuple[bytes, str]]) -> str:
    items = ['<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
             'properties="nav"/>', '<item id="css" href="stijl.css" media-type="text/css"/>']
    items.extend(f'<item id="p{n}" href="{name}" media-type="application/xhtml+xml"/>'
                 for n, name in enumerate(parts, start=1))
    items.extend(f'<item id="i{n}" href="{names[address]}" media-type="{images[address][1]}"/>'
                 for n, address in enumerate(sorted(names), start=1))
    spine = "".join(f'<itemref idref="p{n}"/>' for n in range(1, len(parts) + 1))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<package xmlns="http://www.idpf.org/2007/opf" version="3.0" '
            f'unique-identifier="id" xml:lang="{doc.lang}">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:identifier id=\"id\">{html.escape(doc.url)}</dc:identifier>"
            f"<dc:title>{html.escape(doc.title)}</dc:title>"
            f"<dc:language>{doc.lang}</dc:language>"
            f"<dc:publisher>{html.escape(doc.site_name)}</dc:publisher>"
            + (f"<dc:date>{doc.day.isoformat()}</dc:date>" if doc.day else "")
            + f'<meta property="dcterms:modified">{_modified(doc)}</meta></metadata>'
            f"<manifest>{''.join(items)}</manifest><spine>{spine}</spine></package>\n")


def _document(doc: BookletDocument, title: str, body: ET.Element) -> str:
    root = ET.Element(f"{{{XHTML}}}html", {"lang": doc.lang, XML_LANG: doc.lang})
    head = ET.SubElement(root, f"{{{XHTML}}}head")
    ET.SubElement(head, f"{{{XHTML}}}meta", {"charset": "utf-8"})
    ET.SubElement(head, f"{{{XHTML}}}title").text = title
    ET.SubElement(head, f"{{{XHTML}}}link", {"rel": "stylesheet", "href": "stijl.css",
                                               "type": "text/css"})
    root.append(body)
    ET.register_namespace("", XHTML)
    ET.register_namespace("epub", OPS)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n{text}\n'


def _body() -> ET.Element:
    return ET.Element(f"{{{XHTML}}}body")


def _title_page(doc: BookletDocument) -> str:
    body = _body()
    section = ET.SubElement(body, f"{{{XHTML}}}section")
    ET.SubElement(section, f"{{{XHTML}}}h1").text = doc.title
    if doc.day is not None:
        ET.SubElement(section, f"{{{XHTML}}}p").text = wording.day(doc.day)
    ET.SubElement(section, f"{{{XHTML}}}p").text = doc.site_name
    return _document(doc, doc.title, body)


def _nav(doc: BookletDocument) -> str:
    body = _body()
    nav = ET.SubElement(body, f"{{{XHTML}}}nav", {f"{{{OPS}}}type": "toc", "id": "toc"})
    ET.SubElement(nav, f"{{{XHTML}}}h1").text = "Inhoud"
    listing = ET.SubElement(nav, f"{{{XHTML}}}ol")
    for anchor, name in [("titel", "Titelpagina"), *contents(doc)]:
        entry = ET.SubElement(listing, f"{{{XHTML}}}li")
        ET.SubElement(entry, f"{{{XHTML}}}a", {"href": f"{anchor}.xhtml"}).text = name
    return _document(doc, "Inhoud", body)


def _part(doc: BookletDocument, title: str, content: str, names: dict[str, str]) -> str:
    """One part as XHTML: the HTML parsed as a browser does (tinyhtml5, WeasyPrint's own
    parser) and written out as XML; images point into the EPUB or give way to their text."""
    import tinyhtml5

    parsed = tinyhtml5.parse(f"<!DOCTYPE html><html><body>{content}</body></html>")
    found = parsed.find(f"{{{XHTML}}}body")
    assert found is not None
    _own_images(found, names)
    body = _body()
    section = ET.SubElement(body, f"{{{XHTML}}}section")
    ET.SubElement(section, f"{{{XHTML}}}h2").text = title
    section.text, section[0].tail = None, found.text
    section.extend(list(found))
    return _document(doc, title, body)


def _own_images(tree: ET.Element, names: dict[str, str]) -> None:
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag != f"{{{XHTML}}}img":
                continue
            src = child.get("src", "")
            if src in names:
                child.set("src", names[src])
                child.set("alt", child.get("alt", ""))
                continue
            replacement = ET.Element(f"{{{XHTML}}}span")
            replacement.text, replacement.tail = child.get("alt", ""), child.tail
            parent.insert(list(parent).index(child), replacement)
            parent.remove(child)
