"""Rendering each page once: reuse between builds and between the two sites, keyed on content.

MkDocs renders every page of a site on every build. This module (a MkDocs plugin, added by
the adapter when the pipeline gives it a PageStore, engine/__init__.py) skips that for a page
whose inputs are unchanged: it gets the HTML file of the previous build. The plugin holds no
state between builds: which pages were built, and whether their files are still intact, is
the store's (courant's cache layer, build/cache.py, which also drops every record when
courant's code or a library's version changes).

The key of a page is a hash of everything its HTML can depend on within one version of the
code: its Markdown (with front matter), its path, whether each page or file it links to
exists, and the site as a whole (mkdocs.yml, the nav and overrides, every file of the theme's
custom_dir). Timestamps are never part of a key. The size and CRC-32 (zlib.crc32) of each
file written go into its record: the store reuses a page only while the previous file still
has them, so a damaged or edited file in dist/ is rendered again.

A reused page skips Markdown conversion, the search plugin's HTML parsing and the theme
template: its search entries come from the cache, and its file is hard-linked from the previous
output. MkDocs still builds everything that spans pages (nav, sitemap, search index, static
files), so those are always those of a clean build.

Two MkDocs/Material internals are used on purpose, as no public hook does the same at the
same cost (docs/development.md, "The engine switch"):
- the page class swap (CachedPage): MkDocs' hooks can change a page's Markdown and HTML but
  not skip `Page.render`, which makes a Markdown instance with every extension for each page
  (on_page_markdown returning '' still pays that), nor the theme template;
- Material's search index's `add_entry_from_context`, rebound per build: the entries of a
  reused page come from the store instead of parsing HTML it no longer has, and a rendered
  page's entries are taken for the store; Material offers no hook for its index.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
import re
import shutil
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from courant.engine import PageRecord, PageStore
from courant.engine.mkdocs.navcache import install_nav_cache

FORMAT = "courant-page-cache-3"
_EMPTY_TOC = TableOfContents([])
REUSED_TEMPLATE = "courant-reused-page.html"  # renders nothing: the file is linked instead
LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)|(?:href|src)=[\"']([^\"']+)")


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def _tree_digest(folder: Path, pattern: str = "*") -> str:
    """Every file below `folder` (names and bytes): the theme's overrides."""
    parts: list[str | bytes] = []
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


class CachePlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Gives every page a key, and short-cuts the pages whose key was built before."""

    def __init__(self, store: PageStore) -> None:
        super().__init__()
        self.store = store
        self.reused = 0
        self.rendered = 0
        self.site_key = ""
        self.md_key = ""
        self._files = Files([])
        self.nav: Navigation | None = None
        self.env: Environment | None = None
        self._made: set[Path] = set()
        self.pages: Sequence[File] | None = None  # the quick rebuild's documentation pages

    def in_place(self, config: MkDocsConfig) -> bool:
        """The build writes into the previous output itself (the preview's folder)."""
        return self.store.previous is not None and Path(config.site_dir) == self.store.previous

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._made = set()
        self.reused = self.rendered = 0
        self.md_key = digest(FORMAT, repr(config["markdown_extensions"]),
                             json.dumps(config["mdx_configs"], sort_keys=True, default=str),
                             str(config["use_directory_urls"]))
        overrides = {key: config[key] for key in ("site_name", "site_url", "nav", "dev_addr",
                                                   "extra_css", "extra_javascript", "extra",
                                                   "copyright", "repo_url", "edit_uri")}
        theme_dir = config.theme.custom_dir
        self.site_key = digest(self.md_key, Path(config.config_file_path).read_bytes(),
                               json.dumps(overrides, sort_keys=True, default=str),
                               _tree_digest(Path(theme_dir)) if theme_dir else "")
        return config

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._wrap_search(config)
        self._files, self.nav = files, nav
        for file in files.documentation_pages():
            self.prepare(file.page if file.page is not None else Page(None, file, config))
        return nav

    def prepare(self, page: Page) -> None:
        """Give a page its keys (again, when the preview changed its Markdown)."""
        file = page.file
        source = file.content_string
        render_key = digest(self.md_key, file.src_uri, source,
                            _link_states(source, file.src_uri, self._files.src_uris))
        page.__class__ = CachedPage
        page.courant = PageState(  # type: ignore[attr-defined]
            self.store, render_key, digest(self.site_key, render_key))

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        assert env.loader is not None
        env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])
        if self.nav is not None:
            install_nav_cache(env, files, self.nav, config["extra"] or {})
        env.bytecode_cache = _BYTECODE  # templates compile once a process, not once a build
        self.env = env
        return env

    @property
    def files(self) -> Files:
        return self._files

    def search_entries(self, pages: Sequence[File] | None = None
                       ) -> list[dict[str, Any]] | None:
        """Every page's search entries in page order (for the preview's quick rebuild);
        `pages`: the site's documentation pages, when the caller has them."""
        entries: list[dict[str, Any]] = []
        for file in self._files.documentation_pages() if pages is None else pages:
            state: PageState | None = getattr(file.page, "courant", None)
            if state is None:
                return None
            entries.extend(state.entries or ())
        return entries

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        state: PageState | None = getattr(page, "courant", None)
        if state is None:
            return output
        dest = page.file.dest_uri
        if state.reused is not None and not self.in_place(config):
            assert self.store.previous is not None
            _link(self.store.previous / state.reused.dest, Path(config.site_dir) / dest,
                  self._made)
        state.record = PageRecord(state.page_key, dest, state.meta, page._title_from_render,
                              state.entries if state.entries is not None else [])
        if state.reused is not None:
            state.record.size, state.record.crc = state.reused.size, state.reused.crc
        elif output.strip():  # what MkDocs writes (this plugin is the last to see it)
            data = output.encode("utf-8", errors="xmlcharrefreplace")
            state.record.size, state.record.crc = len(data), zlib.crc32(data)
        if not self.in_place(config):  # a build keeps only what later steps read:
            page.content = ""  # HTML, Markdown and toc of 10,000 pages are ~150 MB
            page.markdown, page.toc = "", _EMPTY_TOC
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Record each page built; `pages`: the documentation pages, when the preview's quick
        rebuild has them (it changes none of them), else MkDocs' own list."""
        pages, self.pages = self.pages, None
        for file in self._files.documentation_pages() if pages is None else pages:
            state: PageState | None = getattr(file.page, "courant", None)
            if state is None or state.record is None or state.record.size < 0:
                continue  # nothing written (empty page): nothing to reuse
            self.store.keep(file.src_uri, state.record)
            if state.reused is not None:
                self.reused += 1
            else:
                self.rendered += 1

    def _wrap_search(self, config: MkDocsConfig) -> None:
        """Reused pages bring their search entries; new ones hand theirs to the cache."""
        for plugin in config.plugins.values():
            index = getattr(plugin, "search_index", None)
            if index is not None and hasattr(index, "entries"):
                original = index.add_entry_from_context
                index.add_entry_from_context = _search_adder(index, original)


def _search_adder(index: Any, original: Any) -> Any:
    def add(page: Page) -> None:
        state: PageState | None = getattr(page, "courant", None)
        if state is not None and state.entries is not None:
            index.entries.extend(state.entries)
            return
        before = len(index.entries)
        original(page)
        if state is not None:
            state.entries = index.entries[before:]
    return add


class _MemoryBytecode(BytecodeCache):
    """Compiled theme templates kept in memory, keyed by Jinja on name and source checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecode()
_TARGETS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {}


def _link_states(source: str, src_uri: str, known: Any) -> str:
    """Which relative link targets of a page exist: MkDocs renders a link to a missing page
    differently, so the answer is part of the page's key."""
    states = [f"{target}={path in known or path + '/index.md' in known}"
              for target, path in _link_targets(source, src_uri)]
    return "\n".join(states)


def _link_targets(source: str, src_uri: str) -> tuple[tuple[str, str], ...]:
    """(target as written, path in the site) of each relative link; remembered per page text,
    as the preview asks again for the same pages after every edit."""
    found = _TARGETS.get((src_uri, source))
    if found is not None:
        return found
    folder = posixpath.dirname(src_uri)
    targets = []
    for match in LINK_TARGET.finditer(source):
        target = (match.group(1) or match.group(2) or "").split("#", 1)[0].split("?", 1)[0]
        if target and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/", target):
            targets.append((target, posixpath.normpath(posixpath.join(folder, target))))
    if len(_TARGETS) > 100_000:
        _TARGETS.clear()
    _TARGETS[(src_uri, source)] = found = tuple(targets)
    return found


def _link(source: Path, target: Path, made: set[Path]) -> None:
    """Hard-link `source` at `target`; `made`: folders known to exist (a mkdir costs ~0.3 ms
    on some file systems, and a build makes thousands)."""
    folder = target.parent
    if folder not in made:
        if folder.parent in made:
            with contextlib.suppress(FileExistsError):
                folder.mkdir()
        else:
            folder.mkdir(parents=True, exist_ok=True)
        made.add(folder)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


@dataclass(slots=True)
class PageState:
    """A page's keys and what the cache gave it."""

    cache: PageStore
    render_key: str
    page_key: str
    reused: PageRecord | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    entries: list[dict[str, Any]] | None = None
    record: PageRecord | None = None


class CachedPage(Page):
    """A MkDocs page that takes what the cache has instead of converting and templating."""

    courant: PageState

    def read_source(self, config: MkDocsConfig) -> None:
        state = self.courant
        state.reused = state.cache.reusable(self.file.src_uri, state.page_key)
        if state.reused is None:
            super().read_source(config)
            state.meta = dict(self.meta)
            return
        self.markdown = ""
        self.meta = dict(state.reused.meta)
        state.meta = state.reused.meta
        state.entries = state.reused.entries

    def render(self, config: MkDocsConfig, files: Files) -> None:
        state = self.courant
        if state.reused is not None:
            self.content, self._title_from_render = "", state.reused.title
            self.present_anchor_ids, self.links_to_anchors = set(), None
            self.meta["template"] = REUSED_TEMPLATE
            return
        super().render(config, files)
