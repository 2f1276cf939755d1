"""The preview's quick rebuild: after one full MkDocs build, kept in memory, an edit that
leaves the site's shape alone (the same pages, menu, files, mkdocs.yml and theme) converts,
templates and writes only the pages whose Markdown changed, then rewrites the search index
and the files that changed. Anything else gets a full build (whose unchanged pages still come
from the page cache). This uses MkDocs' own per-page build steps, so a quickly rebuilt page is
the page a full build makes.

`_populate_page` and `_build_page` are MkDocs' private per-page steps of `build()`: no public
API builds one page, and the public way (a whole dirty build, which the page reuse already
makes cheap) costs about half a second at the demo's size, half of the one second an editor
may wait after saving. They are used here only, behind the shape check, and a MkDocs (or
ProperDocs) without them falls back to the full build (docs/development.md).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from courant.engine import EngineError, PageStore
from courant.engine.mkdocs.adapter import build_config, quiet_mkdocs
from courant.engine.mkdocs.pagecache import CachePlugin, _tree_digest, digest
from courant.render.site.pages import Site


@dataclass(slots=True)
class _Kept:
    shape: str
    config: MkDocsConfig
    plugin: CachePlugin


class PreviewSession:
    """One preview's site folder and the last full build behind it; `store`: the pages built
    into the folder before (its `previous` is the folder itself)."""

    def __init__(self, config_file: Path, site_dir: Path, store: PageStore) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.cache = store
        self.kept: _Kept | None = None
        self.docs_dir = Path(tempfile.mkdtemp(prefix="courant-preview-docs-"))
        self.quick = 0  # how many rebuilds took the quick path (for tests and the bench)
        self.written: set[str] = set()  # the pages in the folder, by their file there

    def build(self, site: Site, more_files: Callable[[], dict[str, bytes]] | None = None) -> None:
        """Build `site`; `more_files` (feeds, calendars) are made and written on full builds
        only: a quick rebuild leaves those of the last full build in place."""
        shape = self._shape(site)
        if self.kept is not None and self.kept.shape == shape and QUICK_STEPS:
            try:
                self._quick(site, self.kept)
                self.quick += 1
                return
            except MkDocsException as err:
                self.kept = None
                raise EngineError(str(err)) from err
        self.kept = None
        if more_files is not None:
            site = replace(site, extra_files={**more_files(), **site.extra_files})
        config = build_config(self.config_file, site, self.site_dir, self.cache,
                              in_place=True, docs_dir=self.docs_dir)
        self._remove_gone(config)
        self.cache.save()
        plugin = config.plugins["courant-cache"]
        if isinstance(plugin, CachePlugin) and plugin.env is not None and plugin.nav is not None:
            self.kept = _Kept(shape, config, plugin)

    def _remove_gone(self, config: MkDocsConfig) -> None:
        """Pages of the last build that this one no longer has: MkDocs does not empty the
        folder in a dirty build."""
        pages = config.plugins["courant"]
        written = {file.dest_uri for file in getattr(pages, "files", ())}
        for dest in self.written - written:
            (self.site_dir / dest).unlink(missing_ok=True)
        self.written = written

    def close(self) -> None:
        shutil.rmtree(self.docs_dir, ignore_errors=True)

    def _shape(self, site: Site) -> str:
        theme = self.config_file.parent / "theme"
        return digest(site.name, site.url, json.dumps(site.nav, sort_keys=True, default=str),
                      "\n".join(page.path for page in site.pages),
                      "\n".join(sorted(site.extra_files)), self.config_file.read_bytes(),
                      _tree_digest(theme))

    def _quick(self, site: Site, kept: _Kept) -> None:
        quiet_mkdocs()
        config, plugin = kept.config, kept.plugin
        files, nav, env = plugin.files, plugin.nav, plugin.env
        assert nav is not None and env is not None
        pages = {page.path: page.markdown for page in site.pages}
        doc_files = files.documentation_pages()
        changed = [file for file in doc_files if file.content_string != pages[file.src_uri]]
        for file in changed:
            file.content_string = pages[file.src_uri]
            assert file.page is not None
            plugin.prepare(file.page)
            QUICK_STEPS[0](file.page, config, files)
        for file in changed:
            assert file.page is not None
            QUICK_STEPS[1](file.page, config, doc_files, nav, env)
        for path, data in site.extra_files.items():
            extra = files.get_file_from_path(path)
            if extra is not None and extra.content_bytes != _bytes(data):
                extra.content_bytes = _bytes(data)
                extra.copy_file()
        entries = plugin.search_entries(doc_files)
        for other in config.plugins.values():
            index = getattr(other, "search_index", None)
            if index is not None and entries is not None:
                index.entries = list(entries)
        plugin.pages = doc_files
        config.plugins.on_post_build(config=config)
        self.cache.save()


QUICK_STEPS: tuple[Any, ...] = tuple(getattr(mkdocs_build, name, None) for name in
                                     ("_populate_page", "_build_page"))
if None in QUICK_STEPS:  # not in this MkDocs: every rebuild is a full one
    QUICK_STEPS = ()


def _bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
