"""`courant serve`: the intranet as the editor's next build would make it, drafts included."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from courant import clock, pipeline
from courant.engine.mkdocs import EngineError
from courant.engine.mkdocs import serve as serve_site
from courant.engine.session import PreviewSession
from courant.problems import ContentError, Problem
from courant.sourcecache import SourceMemo

Report = Callable[[list[Problem]], None]


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host or "127.0.0.1", int(port)


def preview_builder(project: pipeline.Project, url: str, report: Report) -> Callable[[Path], None]:
    """A build function for the preview: on an editor's mistake it reports and keeps the page
    that was there, so the browser never shows a half-built site.

    After the first build only what an edit affects is redone: sources whose bytes did not
    change are not parsed again, and pages whose Markdown did not change are neither
    converted nor templated nor written (engine/cache.py)."""
    memo = SourceMemo(project.root / ".cache" / "courant" / "sources.pickle")
    sessions: dict[Path, PreviewSession] = {}

    def rebuild(site_dir: Path) -> None:
        try:
            loaded = pipeline.load(project, memo)
        except ContentError as error:
            report(error.problems)
            return
        finally:
            memo.index = None  # from now on the preview keeps its sources in memory
        report(loaded.warnings)
        now = clock.now()
        site = pipeline.sites(loaded, now, preview=True, names=("intranet",),
                              syndication=False)["intranet"]
        site = pipeline.with_media(replace(site, url=url), project.content_dir)

        def feeds_and_calendars() -> dict[str, bytes]:
            """Made on full rebuilds only: after an edit the page comes first."""
            full = pipeline.sites(loaded, now, preview=True, names=("intranet",))["intranet"]
            return dict(full.extra_files)

        session = sessions.setdefault(site_dir, PreviewSession(project.config_file, site_dir))
        try:
            session.build(site, feeds_and_calendars)
        except EngineError as error:
            report([Problem("mkdocs.yml", str(error))])

    return rebuild


def serve(project: pipeline.Project, address: str, report: Report) -> None:
    host, port = split_address(address)
    url = f"http://{host}:{port}/"
    with tempfile.TemporaryDirectory(prefix="courant-serve-") as site_dir:
        serve_site(preview_builder(project, url, report), Path(site_dir),
                   [project.content_dir, project.root / "newsletter", project.config_file,
                    project.root / "theme"], host, port)
