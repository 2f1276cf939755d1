"""What every renderer shares: where an item lives in a site, its teaser, its links."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from courant.links import Link, resolvable, resolve_links, unresolvable_message
from courant.markup import first_paragraph
from courant.model import Event, Item, Kind
from courant.problems import ContentError, Problem

SECTION_DIRS = {
    Kind.UPDATE: "nieuws",
    Kind.INTERVIEW: "collega-in-beeld",
    Kind.EVENT: "agenda",
    Kind.READING: "boekenkast",
    Kind.ADVISER: "vraagbaken",
    Kind.BOOKLET: "boekjes",
}
MEDIA_DIR = "media"


def page_path(item: Item) -> str:
    """The item's page in a site, as a Markdown path (nieuws/<slug>.md)."""
    if item.kind is Kind.PAGE:
        return f"{item.slug}.md"
    return f"{SECTION_DIRS[item.kind]}/{item.slug}.md"


def event_ics_path(event: Event) -> str:
    """The event's own .ics beside its page: agenda/<slug>.ics (linked as "Zet in je agenda")."""
    return f"{SECTION_DIRS[Kind.EVENT]}/{event.slug}.ics"


def page_url(item: Item, base_url: str) -> str:
    """Absolute URL of an item's page (directory URLs, as the sites are built)."""
    return base_url + url_of(page_path(item))


def url_of(path: str) -> str:
    """Site-relative URL of a Markdown page path: a/b.md -> a/b/, a/index.md -> a/."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def asset_path(source: PurePosixPath) -> str:
    """Where a file from content/ (`source`, relative to it) is published: media/x.png keeps
    its path, updates/x.png becomes media/updates/x.png. A file in a sub-folder (updates/a/b/,
    media/a/) gets a folder named by a hash of that sub-folder's path instead of its name:
    folder names are the editors' own (the folder of a staff item may say what it is about)
    and carry no meaning, while two files of one name in two folders stay apart."""
    parts = source.parts
    top = () if parts and parts[0] == MEDIA_DIR else (MEDIA_DIR,)
    folders = parts[1:-1]
    if not folders:
        return "/".join((*top, *parts))
    hidden = hashlib.sha256("/".join(parts[:-1]).encode("utf-8")).hexdigest()[:12]
    return "/".join((*top, parts[0], hidden, parts[-1]))


@cache
def relative(from_page: str, to_path: str) -> str:
    """posixpath.relpath for the site's own relative paths, without its abspath (a getcwd()
    call each time, thousands of times a build); anything unusual goes to relpath itself."""
    start = posixpath.dirname(from_page)
    if to_path.startswith("/") or start.startswith("/") or ".." in f"{start}/{to_path}":
        return posixpath.relpath(to_path, start or ".")
    here = [part for part in start.split("/") if part and part != "."]
    there = [part for part in to_path.split("/") if part and part != "."]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def relative_url(from_page: str, to_path: str) -> str:
    """The URL of `to_path` (a page, a/b.md, or a published file) as the page `from_page` is
    served (at a/b/, directory URLs), for HTML that the engine passes on as written."""
    there = url_of(to_path) if to_path.endswith(".md") else to_path
    found = posixpath.relpath(there or ".", url_of(from_page) or ".")
    return found + "/" if to_path.endswith(".md") and found != "." else (
        "./" if found == "." else found)


@cache
def teaser(item: Item) -> str:
    """The summary, or else the first paragraph, as plain text."""
    return item.summary or first_paragraph(item.body)


@dataclass(frozen=True, slots=True)
class Target:
    """What an editor's link leads to in an edition: a page of its site (an item, an issue),
    or a file from content/ the site publishes beside its pages."""

    page: str | None = None  # nieuws/x.md, nieuwsbrief/2026-11/index.md
    asset: PurePosixPath | None = None  # relative to content/


Place = Callable[[Target, bool], str]
"""How a renderer writes a link to a target: relative for a site page, absolute for mail. The
flag says the link is raw HTML: a page is then still its .md path (Zensical turns those into
URLs, as it does Markdown's; engine/mkdocs/adapter.py does it for MkDocs), a published file its URL
from the page as served (MkDocs leaves raw HTML as written)."""


def link_target(source: PurePosixPath, link: Link, by_source: dict[PurePosixPath, Item],
                months: frozenset[str] = frozenset(), files: bool = True) -> Target | None:
    """The one decision, for every renderer: an item this edition holds becomes its page, an
    issue it holds the issue's page, a file in content/ (when `files`) its published copy;
    anything else (a source this edition does not hold, a path outside content/) None: the
    link is shown as its text alone."""
    joined = _joined(source, link)
    if joined is None:
        return None
    linked = by_source.get(PurePosixPath(joined))
    if linked is not None:
        return None if link.image else Target(page=page_path(linked))
    if joined.startswith("newsletter/") and joined.endswith(".md"):  # an issue, by its month
        month = joined.removeprefix("newsletter/").removesuffix(".md")
        return None if link.image or month not in months else Target(
            page=issue_page_path(month))
    if not files or not joined.startswith("content/") or joined.endswith(".md"):
        return None
    return Target(asset=PurePosixPath(joined).relative_to("content"))


def _joined(source: PurePosixPath, link: Link) -> str | None:
    """Where in the project a link from `source` leads, or None for outside it."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(str(source)), link.target))
    return None if joined.startswith("/") or ".." in joined.split("/") else joined


def link_sources(item: Item) -> tuple[PurePosixPath, ...]:
    """The sources the item's links may lead to: all that localise_links looks up of the
    edition (a link's target is decided by which item, if any, the edition holds there)."""
    return body_link_sources(item.body, item.source)


def body_link_sources(body: str, source: PurePosixPath) -> tuple[PurePosixPath, ...]:
    """The places in the project the links of `body` (written in `source`) lead to."""
    return tuple(PurePosixPath(joined) for link in resolvable(body)
                 if (joined := _joined(source, link)) is not None)


def resolve_body(body: str, source: PurePosixPath, by_source: dict[PurePosixPath, Item],
                 place: Place, months: frozenset[str] = frozenset(), files: bool = True) -> str:
    """`body` with every editor's link decided by `link_target` and written by `place`.
    A link the resolver could not rewrite stops the build (`courant check` names its line):
    never published, in no edition."""
    def resolve(link: Link) -> str | None:
        target = link_target(source, link, by_source, months, files)
        return None if target is None else place(target, link.html)

    resolved = resolve_links(body, resolve)
    if resolved.left:
        raise ContentError([Problem(str(source), unresolvable_message(link.text))
                            for link in resolved.left])
    return resolved.markdown


def issue_page_path(month: str) -> str:
    return f"nieuwsbrief/{month}/index.md"


def localise_links(item: Item, by_source: dict[PurePosixPath, Item], from_page: str,
                   assets: dict[str, PurePosixPath]) -> str:
    """The body with editors' links pointing into this site: items this edition holds become
    page links, files from content/ become published assets, anything else only its text."""
    def place(target: Target, in_html: bool) -> str:
        if target.page is not None:
            return relative(from_page, target.page)
        assert target.asset is not None
        published = asset_path(target.asset)
        assets[published] = target.asset
        return (relative_url if in_html else relative)(from_page, published)

    return resolve_body(item.body, item.source, by_source, place)
