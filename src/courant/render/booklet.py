"""A booklet (booklets/) as one document: its introduction, its chapters in order, the
department contacts and "wie benader je waarvoor" when it includes them. Plain data and
HTML, no I/O: build/booklets.py writes it as PDF and EPUB.

Only what the edition holds goes in: a chapter this edition may not see (staff-only in a
partner booklet, which `courant check` refuses; a draft; under embargo) is left out.
Editors' links become absolute addresses of the site, images are named by their published
address (`images` says which file of content/ each one is) and the HTML is sanitised.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import PurePosixPath

from courant import wording
from courant.audience import EditionContent
from courant.markup import to_html
from courant.model import (
    Booklet,
    BookletPart,
    Department,
    Event,
    Interview,
    Item,
    Kind,
    topic_rows,
)
from courant.read.files import IMAGE_SUFFIXES
from courant.render.paths import (
    SECTION_DIRS,
    Target,
    asset_path,
    page_url,
    resolve_body,
    url_of,
)
from courant.sanitize import clean_html

LANG = "nl"


@dataclass(frozen=True, slots=True)
class Chapter:
    anchor: str  # its id in the document: hoofdstuk-1, ...
    title: str
    html: str  # sanitised, headings below the chapter's own h2


@dataclass(frozen=True, slots=True)
class BookletDocument:
    slug: str
    title: str
    site_name: str
    url: str  # the booklet's web page
    day: date | None  # the booklet's date: its own, else its newest chapter's
    intro: str  # HTML of the booklet's own text
    chapters: tuple[Chapter, ...]
    contacts: tuple[Department, ...]  # when it includes departments
    guide: tuple[tuple[str, Department], ...]  # when it includes the guide
    images: dict[str, PurePosixPath]  # published address -> the file in content/
    lang: str = LANG

    @property
    def pdf(self) -> str:
        return booklet_file(self.slug, "pdf")

    @property
    def epub(self) -> str:
        return booklet_file(self.slug, "epub")


def booklet_file(slug: str, suffix: str) -> str:
    """boekjes/<slug>.pdf and .epub, beside the booklet's page."""
    return f"{SECTION_DIRS[Kind.BOOKLET]}/{slug}.{suffix}"


def chapters_of(booklet: Booklet, edition: EditionContent) -> list[Item]:
    """The chapters the edition holds, in the booklet's order."""
    by_source = edition.by_source
    return [by_source[s] for s in booklet.pages if s in by_source]


def booklet_day(booklet: Booklet, chapters: list[Item]) -> date | None:
    dates = [c.date for c in chapters if c.date is not None]
    return booklet.date or (max(dates) if dates else None)


def booklet_document(booklet: Booklet, edition: EditionContent, base_url: str,
                     site_name: str) -> BookletDocument:
    images: dict[str, PurePosixPath] = {}
    chapters = chapters_of(booklet, edition)
    made = tuple(Chapter(f"hoofdstuk-{n}", item.title,
                         _chapter_html(item, edition, base_url, images))
                 for n, item in enumerate(chapters, start=1))
    contacts = edition.departments if BookletPart.DEPARTMENTS in booklet.include else ()
    guide = tuple(topic_rows(edition.departments)) if BookletPart.GUIDE in booklet.include \
        else ()
    return BookletDocument(booklet.slug, booklet.title, site_name, page_url(booklet, base_url),
                           booklet_day(booklet, chapters),
                           _body_html(booklet, edition, base_url, images), made, contacts,
                           guide, images)


def _place(base_url: str, images: dict[str, PurePosixPath], target: Target,
           _in_html: bool) -> str:
    if target.page is not None:
        return base_url + url_of(target.page)
    assert target.asset is not None
    address = base_url + asset_path(target.asset)
    if target.asset.suffix.lower() in IMAGE_SUFFIXES:
        images[address] = target.asset
    return address


def _body_html(item: Item, edition: EditionContent, base_url: str,
               images: dict[str, PurePosixPath]) -> str:
    body = resolve_body(item.body, item.source, edition.by_source,
                        partial(_place, base_url, images))
    return clean_html(below_h2(to_html(body)), page_url(item, base_url))


def _chapter_html(item: Item, edition: EditionContent, base_url: str,
                  images: dict[str, PurePosixPath]) -> str:
    parts = []
    meta = _meta(item)
    if meta:
        parts.append(f'<p class="meta">{html.escape(meta)}</p>')
    if item.image is not None:
        address = base_url + asset_path(item.image.path)
        images[address] = item.image.path
        parts.append(f'<p><img src="{html.escape(address)}" alt="{html.escape(item.image.alt)}">'
                     "</p>")
    return "\n".join(parts) + _body_html(item, edition, base_url, images)


def _meta(item: Item) -> str:
    if isinstance(item, Interview):
        person = item.person
        return ", ".join(p for p in (person.name, person.role) if p)
    if isinstance(item, Event):
        return wording.when(item) + (f", {item.location}" if item.location else "")
    return ""


HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


def below_h2(text: str) -> str:
    """The body's headings moved down so that its highest is an h3: a chapter's title is the
    h2 (and the booklet's the h1), and screen readers and the PDF's outline go by levels."""
    levels = [int(m.group(2)) for m in HEADING.finditer(text)]
    if not levels:
        return text
    shift = 3 - min(levels)
    return HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}", text)


def contents(doc: BookletDocument) -> list[tuple[str, str]]:
    """The table of contents: (anchor, title) of every part, in order."""
    found = [("inleiding", "Inleiding")] if doc.intro.strip() else []
    found.extend((c.anchor, c.title) for c in doc.chapters)
    if doc.contacts:
        found.append(("afdelingen", "Contact met de afdelingen"))
    if doc.guide:
        found.append(("wie-benader-je-waarvoor", "Wie benader je waarvoor"))
    return found


def contacts_html(doc: BookletDocument) -> str:
    rows = []
    for dept in doc.contacts:
        bits = [f"<strong>{html.escape(dept.name)}</strong>"]
        if dept.email:
            bits.append(f'<a href="mailto:{html.escape(dept.email)}">{html.escape(dept.email)}'
                        "</a>")
        if dept.phone:
            bits.append(html.escape(dept.phone))
        rows.append("<li>" + "<br/>".join(bits) + "</li>")
    return "<ul class=\"contacts\">" + "".join(rows) + "</ul>"


def guide_html(doc: BookletDocument) -> str:
    rows = "".join(f"<tr><td>{html.escape(topic)}</td><td>{html.escape(dept.name)}</td>"
                   f"<td>{html.escape(dept.email or dept.phone or '')}</td></tr>"
                   for topic, dept in doc.guide)
    return ("<table><thead><tr><th scope=\"col\">Onderwerp</th><th scope=\"col\">Afdeling"
            "</th><th scope=\"col\">Contact</th></tr></thead><tbody>" + rows + "</tbody></table>")


def sections(doc: BookletDocument) -> list[tuple[str, str, str]]:
    """Every part after the contents as (anchor, title, HTML), in order."""
    found = [("inleiding", "Inleiding", doc.intro)] if doc.intro.strip() else []
    found.extend((c.anchor, c.title, c.html) for c in doc.chapters)
    if doc.contacts:
        found.append(("afdelingen", "Contact met de afdelingen", contacts_html(doc)))
    if doc.guide:
        found.append(("wie-benader-je-waarvoor", "Wie benader je waarvoor", guide_html(doc)))
    return found


def print_html(doc: BookletDocument) -> str:
    """The whole booklet as one HTML document for print (WeasyPrint): a cover with the title
    and date, the contents with page numbers, then each part on a page of its own."""
    title = html.escape(doc.title)
    day = wording.day(doc.day) if doc.day else ""
    toc = "".join(f'<li><a href="#{anchor}">{html.escape(name)}</a></li>'
                  for anchor, name in contents(doc))
    parts = "".join(f'<section id="{anchor}" class="part"><h2>{html.escape(name)}</h2>'
                    f"{content}</section>" for anchor, name, content in sections(doc))
    dated = "".join(f'<meta name="dcterms.{name}" content="{doc.day.isoformat()}">'
                    for name in ("created", "modified")) if doc.day else ""
    return (f'<!DOCTYPE html><html lang="{doc.lang}"><head><meta charset="utf-8">'
            f"<title>{title}</title><meta name=\"author\" content=\"{html.escape(doc.site_name)}\">"
            f"{dated}<style>{PRINT_CSS}</style></head><body>"
            f'<section class="cover"><h1>{title}</h1>'
            f'<p class="date">{html.escape(day)}</p>'
            f'<p class="site">{html.escape(doc.site_name)}</p></section>'
            f'<section class="toc"><h2>Inhoud</h2><ol>{toc}</ol>'
            f"</section>{parts}</body></html>")


PRINT_CSS = """
@page { size: A4; margin: 22mm 20mm 25mm;
  @bottom-center { content: "Pagina " counter(page) " van " counter(pages);
                   font: 9pt sans-serif; color: #444; } }
@page :first { @bottom-center { content: none; } }
html { font: 11pt/1.5 "DejaVu Sans", sans-serif; color: #1a1a1a; }
h1 { font-size: 26pt; line-height: 1.2; margin: 0 0 8mm; }
h2 { font-size: 17pt; margin: 0 0 5mm; bookmark-level: 1; }
h3 { font-size: 13pt; margin: 6mm 0 2mm; bookmark-level: 2; }
h4, h5, h6 { font-size: 11pt; bookmark-level: none; }
.cover { page-break-after: always; padding-top: 70mm; }
.cover h1 { bookmark-level: none; }
.cover .date, .cover .site { font-size: 13pt; }
.toc { page-break-after: always; }
.toc h2 { bookmark-level: none; }
.toc ol { list-style: none; padding: 0; }
.toc a { color: inherit; text-decoration: none; }
.toc a::after { content: leader('.') " " target-counter(attr(href), page); }
.part { page-break-before: always; }
.meta { color: #444; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; }
th, td { border: 1px solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
a { color: #0b4f9c; }
"""
