"""The site as plain data: what the core hands to a site engine (MkDocs today).

A page is a path and Markdown with YAML front matter, so another engine can take the same
pages written out as files (see `courant build --pages`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any


@dataclass(frozen=True, slots=True)
class SitePage:
    path: str  # e.g. "nieuws/2026-10-pilot.md"
    markdown: str  # with front matter


@dataclass(frozen=True, slots=True)
class Asset:
    path: str  # path in the site, e.g. "media/portret.jpg"
    source: PurePosixPath  # relative to content/


@dataclass(frozen=True, slots=True)
class Site:
    """One site (intranet or public): its address, pages, menu, and the files it publishes."""

    name: str
    url: str
    pages: tuple[SitePage, ...]
    nav: list[Any]  # MkDocs-style nav: [{"Titel": "pad.md"}, {"Sectie": [...]}]
    assets: tuple[Asset, ...]
    extra_files: dict[str, bytes] = field(default_factory=dict)  # written as is (feeds, .ics)
    sanitize: Callable[[str], str] | None = None  # cleans each page's HTML (the public site)
    trusted: frozenset[str] = frozenset()  # pages courant wrote itself (a form): not sanitised
    theme: dict[str, Any] = field(default_factory=dict)  # render/chrome.site_theme
