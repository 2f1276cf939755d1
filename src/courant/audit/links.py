"""Every link and image reference of both sites, their feeds and sitemaps, and the mails:
does it lead to a file that is there, and does nothing partners see point into the intranet?

Read from dist/ with Python's own HTML parser: no server, no browser, all pages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from courant.audit.findings import Finding
from courant.audit.serve import file_below

URL_ATTRIBUTES = {("a", "href"), ("area", "href"), ("link", "href"), ("img", "src"),
                  ("script", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
                  ("video", "poster"), ("audio", "src"), ("embed", "src"), ("object", "data")}
SRCSET = {("img", "srcset"), ("source", "srcset")}
NOT_CHECKED = ("mailto:", "tel:", "data:", "javascript:", "webcal:")
XML_FILES = ("sitemap.xml", "feed.xml", "rss.xml", "nieuwsbrief/feed.xml")
XML_URLS = re.compile(r'(?:href="([^"]+)"|<(?:loc|link|guid)(?: isPermaLink="true")?>([^<]+)<)')


@dataclass(frozen=True, slots=True)
class Site:
    name: str  # "intranet" or "public"
    url: str  # its address, ending in /
    folder: Path  # dist/<name>

    @property
    def prefix(self) -> str:
        return urlsplit(self.url).path or "/"

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@dataclass(slots=True)
class Reference:
    line: int
    tag: str
    url: str
    text: str = ""


class _Page(HTMLParser):
    """The references (with their line and link text) and the ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.references: list[Reference] = []
        self.ids: set[str] = set()
        self._open_link: Reference | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"} and (name == "id" or tag == "a"):
                self.ids.add(value)
            if (tag, name) in URL_ATTRIBUTES:
                self.references.append(Reference(line, tag, value.strip()))
                if tag == "a":
                    self._open_link = self.references[-1]
            elif (tag, name) in SRCSET:
                self.references.extend(Reference(line, tag, part.split()[0])
                                       for part in value.split(",") if part.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open_link = None

    def handle_data(self, data: str) -> None:
        if self._open_link is not None:
            self._open_link.text = " ".join(f"{self._open_link.text} {data}".split())


@cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


@dataclass(frozen=True, slots=True)
class LinkRun:
    findings: list[Finding]
    checked: int  # internal references checked
    external: int  # links to other sites (not followed: no network)


def check_links(sites: dict[str, Site], mails: dict[str, tuple[Path, str]]) -> LinkRun:
    """All pages and XML files of `sites` and the mails (path -> site name it belongs to).
    Only the public site's and the partner mails' links to the intranet are refused; the
    intranet may link to the public site."""
    parse.cache_clear()
    findings: list[Finding] = []
    counts = [0, 0]
    for site in sites.values():
        for path in sorted(site.folder.rglob("*.html")):
            relative = path.relative_to(site.folder).as_posix()
            base = site.url + _page_route(relative)
            for ref in parse(path).references:
                findings.extend(_check(ref, base, site, sites, f"{site.name} {relative}", counts))
        for name in XML_FILES:
            if (site.folder / name).is_file():
                for line, url in _xml_urls(site.folder / name):
                    findings.extend(_check(Reference(line, "xml", url), site.url + name, site,
                                           sites, f"{site.name} {name}", counts))
    for name, (path, site_name) in mails.items():
        site = sites[site_name]
        for ref in parse(path).references:
            findings.extend(_check(ref, site.url, site, sites, f"mail {name}", counts))
    return LinkRun(findings, counts[0], counts[1])


def _page_route(relative: str) -> str:
    """nieuws/x/index.html -> nieuws/x/ (the address the page is served at)."""
    return relative.removesuffix("index.html") if relative.endswith("/index.html") or \
        relative == "index.html" else relative


def _xml_urls(path: Path) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for match in XML_URLS.finditer(line):
            yield number, (match.group(1) or match.group(2)).replace("&amp;", "&").strip()


def _check(ref: Reference, base: str, site: Site, sites: dict[str, Site], where: str,
           counts: list[int]) -> list[Finding]:
    if ref.url.lower().startswith(NOT_CHECKED) or (ref.url.startswith("#") and ref.tag != "a"):
        return []
    absolute = urljoin(base, ref.url)
    parts = urlsplit(absolute)
    if parts.scheme not in {"http", "https"}:
        return []
    intranet = sites.get("intranet")
    label = f"{where}:{ref.line}"
    element = "" if ref.tag in {"a", "xml"} else f"<{ref.tag}>"  # a link shows its text
    shown = f'"{ref.url}"' + (f' (linktekst "{ref.text[:60]}")' if ref.text else "")
    if site.name != "intranet" and intranet is not None and parts.netloc == intranet.host:
        return [Finding(label, "link-naar-intranet",
                        f"{shown} wijst naar het intranet, dat partners niet kunnen openen",
                        "Laat de link weg op de publieke site en in de partnermail, of wijs "
                        "naar een pagina van de publieke site.", element)]
    owner = next((s for s in sites.values()
                  if parts.netloc == s.host and parts.path.startswith(s.prefix)), None)
    if owner is None:  # another site, or another application on the same host
        counts[1] += 1
        return []
    counts[0] += 1
    target = file_below(owner.folder, owner.prefix, unquote(parts.path))
    if target is None:
        expected = posixpath.join(owner.name, unquote(parts.path).removeprefix(owner.prefix))
        return [Finding(label, "kapotte-link", f"{shown} leidt nergens heen: dist/{expected} "
                        "bestaat niet", "Controleer het pad of de bestandsnaam (hoofdletters "
                        "tellen mee).", element)]
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
        return [Finding(label, "kapot-anker", f"{shown}: de pagina heeft geen plek "
                        f"#{fragment}", "Controleer de naam na '#': die moet bestaan als kopje "
                        "of id op de pagina.", element)]
    return []
