"""The thin MkDocs adapter: a Site (plain pages) -> an HTML site, through MkDocs + Material.

Nothing here decides what goes where; it hands the core's pages to MkDocs as in-memory files
(File.generated), builds into a folder the caller owns, and gives MkDocs the core's menu.
Swap this module for another engine and the rest of courant stays as it is.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from courant.engine import AddressInUse, Built, EngineError, PageStore
from courant.engine.mkdocs.pagecache import CachePlugin
from courant.engine.mkdocs.searchindex import stream_search_index
from courant.render.site.pages import Site

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice, once a build

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

__all__ = ["AddressInUse", "EngineError", "build_config", "build_site", "serve", "site_config"]


class _CourantPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Adds the core's pages and published files; MkDocs' own docs_dir is an empty folder."""

    def __init__(self, site: Site) -> None:
        super().__init__()
        self.site = site
        self.files = Files([])

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        self.files = files
        for page in self.site.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        for path, data in self.site.extra_files.items():
            files.append(File.generated(config, path, content=data))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Links to pages in raw HTML become their URLs, as MkDocs makes Markdown's; then the
        pages are sanitised (site.sanitize: the partner site's, or the intranet's ids), except
        courant's own pages (site.trusted: the sign-up form)."""
        html = html_page_links(html, page, files)
        if self.site.sanitize is None or page.file.src_uri in self.site.trusted:
            return html
        clean = self.site.sanitize(html)
        state = getattr(page, "courant", None)  # pagecache.py: search entries taken from
        if state is not None and clean != html:  # the intranet's unsanitised HTML are redone
            state.entries = None
        return clean


HTML_PAGE_LINK = re.compile(r'(?P<lead>\shref=")(?P<path>[^"#?:]+\.md)(?P<fragment>#[^"]*)?"')


def html_page_links(html: str, page: Page, files: Files) -> str:
    """`<a href="../updates/x.md">` in an editor's raw HTML, resolved by courant to the page's
    .md path, as the page's URL: MkDocs converts only Markdown's links, Zensical both."""
    if '.md"' not in html and ".md#" not in html:
        return html
    folder = posixpath.dirname(page.file.src_uri)

    def url(match: re.Match[str]) -> str:
        found = files.get_file_from_path(posixpath.normpath(
            posixpath.join(folder, match.group("path"))))
        if found is None or match.group("path").startswith("/"):
            return match.group()
        target = found.url_relative_to(page.file) + (match.group("fragment") or "")
        return f'{match.group("lead")}{target}"'

    return HTML_PAGE_LINK.sub(url, html)


def quiet_mkdocs() -> None:
    """MkDocs logs every page not in the menu; courant keeps items out of the menu on purpose."""
    engine = mkdocs_build.__module__.split(".")[0]  # "properdocs" when ProperDocs runs
    for name in ("mkdocs", engine, "material"):
        logging.getLogger(name).setLevel(logging.WARNING)
    build_log = logging.getLogger(mkdocs_build.__module__)
    if _NoDirtyWarning not in {type(f) for f in build_log.filters}:
        build_log.addFilter(_NoDirtyWarning())


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a 'dirty' build may leave stale navigation; the preview's page cache
    rebuilds every page whose inputs changed, so the warning does not apply."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def site_config(config_file: Path, site: Site, site_dir: Path, docs_dir: Path,
                dev_addr: str | None = None, store: PageStore | None = None,
                again: bool = False) -> MkDocsConfig:
    """MkDocs' configuration of `site`; `again`: it is built again and again (the preview's,
    searchindex.py)."""
    overrides: dict[str, Any] = {  # absolute: MkDocs takes relative ones from mkdocs.yml's folder
        "site_dir": str(site_dir.absolute()),
        "docs_dir": str(docs_dir.absolute()),
        "site_name": site.name,
        "site_url": site.url,
        "nav": site.nav,
    }
    if dev_addr:
        overrides["dev_addr"] = dev_addr
    config = load_config(str(config_file), **overrides)
    config.plugins["courant"] = _CourantPages(site)
    config["extra"]["courant_site"] = site.theme  # header words, footer: theme/overrides
    stream_search_index(config, again)
    if site.sanitize is not None:  # part of the page cache's site key: no unsanitised reuse
        config["extra"]["courant_sanitize"] = (f"{site.sanitize.__module__}."
                                               f"{site.sanitize.__qualname__} but "
                                               f"{','.join(sorted(site.trusted))}")
    if store is not None:
        config.plugins["courant-cache"] = CachePlugin(store)
    return config


def build_site(config_file: Path, site: Site, site_dir: Path, store: PageStore | None = None,
               premade: bool = False) -> Built:
    """Build one site into `site_dir` (a staging folder: MkDocs empties it first); with a
    store, pages built before with the same inputs are reused (pagecache.py). `premade`:
    `site_dir` holds nothing but folders made ahead (output.FoldersAhead), which MkDocs must
    not remove."""
    return built(build_config(config_file, site, site_dir, store, premade=premade))


def build_config(config_file: Path, site: Site, site_dir: Path, store: PageStore | None,
                 in_place: bool = False, docs_dir: Path | None = None,
                 premade: bool = False) -> MkDocsConfig:
    """build_site, giving MkDocs' configuration of the build (the preview keeps it);
    `in_place` (the preview) keeps `site_dir` and writes only what changed."""
    quiet_mkdocs()
    with tempfile.TemporaryDirectory(prefix="courant-docs-") as scratch:
        try:
            config = site_config(config_file, site, site_dir, docs_dir or Path(scratch),
                                 store=store, again=in_place)
            mkdocs_build(config, dirty=in_place or premade)
        except MkDocsException as err:
            raise EngineError(str(err)) from err
    return config


def built(config: MkDocsConfig) -> Built:
    """What the build of `config` made: its pages' addresses, and how many the store gave."""
    pages = config.plugins["courant"]
    assert isinstance(pages, _CourantPages)
    addresses = tuple(file.url for file in pages.files.documentation_pages())
    cache = config.plugins.get("courant-cache")
    if isinstance(cache, CachePlugin):
        return Built(addresses, rendered=cache.rendered, reused=cache.reused)
    return Built(addresses, rendered=len(addresses))


EMPTY_PAGE = (b'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Voorbeeld'
              b"</title></head><body></body></html>")
Overlay = Callable[[str], bytes]
"""HTML put at the start of a served page's body, given the page's path ('/nieuws/x/')."""


def serve(build: Callable[[Path], None], site_dir: Path, watch: list[Path], host: str,
          port: int, ready: Callable[[], None] = lambda: None,
          overlay: Overlay = lambda _path: b"") -> None:
    """Serve `site_dir` with live reload; `build(site_dir)` runs at start and after each change,
    `ready()` once the server answers; `overlay` adds to each HTML page as it is served (the
    files stay as built). The address is taken before the first build, so one already in use
    is reported at once (as AddressInUse)."""
    server = _live_reload_server(lambda: build(site_dir), host, port, str(site_dir), ready,
                                 overlay)
    for path in watch:
        if path.exists():
            server.watch(str(path))
    server.observer.start()  # a save during the first build is seen, and built after it
    build(site_dir)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


def _live_reload_server(builder: Callable[[], None], host: str, port: int, root: str,
                        ready: Callable[[], None], overlay: Overlay) -> Any:
    from mkdocs.livereload import LiveReloadServer

    from courant.engine.mkdocs.watcher import Watcher

    request = threading.local()  # each request is served in a thread of its own

    class Server(LiveReloadServer):
        def server_bind(self) -> None:  # done once, in advance, below
            pass

        def server_activate(self) -> None:
            super().server_activate()
            ready()

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            request.path = environ.get("PATH_INFO", "/")
            return super()._serve_request(environ, start_response)

        def missing_page(self, _code: int) -> bytes | None:
            """A page that is not there (none yet, when the first build failed): the
            overlay alone, if it has something to say, and the live reload."""
            if not overlay(getattr(request, "path", "/")):
                return None
            with self._epoch_cond:
                epoch = self._visible_epoch
            return self._inject_js_into_html(EMPTY_PAGE, epoch)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            page: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
            extra = overlay(getattr(request, "path", "/"))
            body = re.search(rb"<body\b[^>]*>", page)
            if not extra or body is None:
                return page
            return page[:body.end()] + extra + page[body.end():]

    quiet_mkdocs()
    # MkDocs polls every 0.5 s and waits 0.1 s for quiet: half of the one second an editor
    # may wait for the page. The kernel tells of a save at once (watcher.py); where it cannot,
    # the preview polls every 0.2 s.
    server = Server(builder=builder, host=host, port=port, root=root, polling_interval=0.2)
    server.observer = Watcher(polling_interval=0.2)  # type: ignore[assignment]
    server.error_handler = server.missing_page
    server.build_delay = 0.05
    try:
        LiveReloadServer.server_bind(server)
    except OSError as error:
        server.server_close()
        raise AddressInUse(f"{host}:{port}") from error
    return server
