"""What every renderer shares: where an item lives in a site, its teaser, its links."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import PurePosixPath

from courant.markup import Link, first_paragraph, rewrite_links
from courant.model import Item, Kind

SECTION_DIRS = {
    Kind.UPDATE: "nieuws",
    Kind.INTERVIEW: "collega-in-beeld",
    Kind.EVENT: "agenda",
    Kind.READING: "boekenkast",
}
MEDIA_DIR = "media"


def page_path(item: Item) -> str:
    """The item's page in a site, as a Markdown path (nieuws/<slug>.md)."""
    if item.kind is Kind.PAGE:
        return f"{item.slug}.md"
    return f"{SECTION_DIRS[item.kind]}/{item.slug}.md"


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
    """Where a file from content/ is published: media/… keeps its name, others get media/<path>."""
    parts = source.parts
    return "/".join(parts) if parts and parts[0] == MEDIA_DIR else f"{MEDIA_DIR}/{source}"


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


@cache
def teaser(item: Item) -> str:
    """The summary, or else the first paragraph, as plain text."""
    return item.summary or first_paragraph(item.body)


def content_target(item: Item, link: Link) -> PurePosixPath | None:
    """The content/-relative path an editor's relative link points at, if inside content/."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(str(item.source)), link.target))
    if not target.startswith("content/") or ".." in target.split("/"):
        return None
    return PurePosixPath(target).relative_to("content")


def localise_links(item: Item, by_source: dict[PurePosixPath, Item], from_page: str,
                   assets: dict[str, PurePosixPath]) -> str:
    """The body with editors' links pointing into this site: items this edition holds become
    page links, files from content/ become published assets, anything else only its text."""
    def resolve(link: Link, fragment: str) -> str | None:
        target = content_target(item, link)
        if target is None:
            return None
        linked = by_source.get(PurePosixPath("content") / target)
        if linked is not None:
            return relative(from_page, page_path(linked))
        if target.suffix == ".md":
            return None  # a source this edition does not hold: text only
        published = asset_path(target)
        assets[published] = target
        return relative(from_page, published)

    return rewrite_links(item.body, resolve)
