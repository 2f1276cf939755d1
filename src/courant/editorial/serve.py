"""`courant serve`: the intranet (or the partners' site) as the editor's next build would make
it, drafts and items under embargo included."""

from __future__ import annotations

import gc
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import jinja2

from courant import clock
from courant.build import pipeline
from courant.build.cache import Cache
from courant.build.templateerrors import template_problem
from courant.editorial.previewbanner import PreviewState
from courant.engine import Engine, EngineError, Preview, engine_for
from courant.problems import ContentError, Problem
from courant.read.config import load_config
from courant.wording import counted

STALE = ("Niet bijgewerkt: herstel wat hierboven staat en sla op. Tot dan toont je browser de "
         "vorige versie.")
NOT_YET = ("Het voorbeeld komt op {url} (stoppen: Ctrl+C) zodra je herstelt wat hierboven staat "
           "en opslaat.")

Report = Callable[[list[Problem]], None]
Say = Callable[[str], None]


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    return host or "127.0.0.1", int(port)


def serving_engine(project: pipeline.Project) -> Engine:
    """The engine mkdocs.yml chose; MkDocs while mkdocs.yml cannot be read (the first build
    says what is wrong with it, and the preview waits for the fix)."""
    try:
        name = load_config(project.config_file).settings.engine
    except ContentError:
        name = "mkdocs"
    return engine_for(name, project.config_file)


def settle_heap() -> None:
    """After the preview's first build: what it made and keeps (the sources, items, pages
    of ten years) is moved out of the garbage collector's sight (gc.freeze), so that its
    full collections, which otherwise go through all of it again and again, take
    milliseconds after each save instead of a third of a second at 5,000 items. What the
    first build left that becomes garbage later is freed as ever, but for reference cycles:
    those stay, once, for the preview's life."""
    gc.collect()
    gc.freeze()


IDLE_SECONDS = 3.0
"""How long after a rebuild the preview's process collects its garbage in full: the page
is in the browser by then, and the editor reading it."""


class IdleCollector:
    """The full collections of the garbage collector, moved to the editor's reading time.
    Left to itself the collector goes through the whole heap a few times during each
    rebuild (0.2-0.5 s of a save at 10,000 items, measured with gc.callbacks); with
    `start()` it collects the young generations as ever, and everything only IDLE_SECONDS
    after each rebuild (`rebuilt()`), on a timer thread. For the process that serves the
    preview only (`serve`): a process that builds once has no reading time."""

    NEVER = 1 << 30  # of young collections before a full one: the timer does those

    def __init__(self, idle: float = IDLE_SECONDS) -> None:
        self.idle = idle
        self.timer: threading.Timer | None = None
        self.threshold = gc.get_threshold()

    def start(self) -> None:
        self.threshold = gc.get_threshold()
        gc.set_threshold(self.threshold[0], self.threshold[1], self.NEVER)

    def rebuilt(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = threading.Timer(self.idle, gc.collect)
        self.timer.daemon = True
        self.timer.start()

    def stop(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        gc.set_threshold(*self.threshold)
        gc.collect()


def preview_builder(project: pipeline.Project, url: str, report: Report,
                    say: Say = lambda _: None, name: str = "intranet",
                    engine: Engine | None = None,
                    state: PreviewState | None = None,
                    no_cache: bool = False) -> Callable[[Path], bool]:
    """A build function for the preview: on an editor's mistake it reports and keeps the page
    that was there, so the browser never shows a half-built site; `state` learns what each
    build found, for the banner on the pages (previewbanner.py).

    After the first build only what an edit affects is redone: sources whose bytes did not
    change are not parsed again, and pages whose Markdown did not change are neither
    converted nor templated nor written (the engine's Preview, engine/__init__.py).
    `no_cache`: nothing read from or written to the project's cache, and every edit
    rebuilt from the sources alone (build/cache.py)."""
    cache = Cache.off() if no_cache else Cache.at(project.root, again=True)
    sessions: dict[Path, Preview] = {}
    calls: set[Path] = set()
    shown: set[str] = set()  # warnings printed before: after an edit only new ones are
    found = state or PreviewState()

    def rebuild(site_dir: Path) -> bool:
        """Whether the site in `site_dir` is up to date now."""
        first = site_dir not in sessions
        answered = site_dir in calls  # the start is announced by serve(), later builds here
        calls.add(site_dir)

        def failed(problems: list[Problem]) -> bool:
            found.fail(problems)
            report(problems)
            say(NOT_YET.format(url=url) if first else STALE)
            return False

        try:
            loaded = pipeline.load(project, cache)
        except ContentError as error:
            return failed(error.problems)
        finally:
            cache.folder = None  # from now on the preview keeps what it read in memory
        report([w for w in loaded.warnings if str(w) not in shown])
        shown.clear()
        shown.update(str(w) for w in loaded.warnings)
        now = clock.now()
        site = pipeline.sites(loaded, now, preview=True, names=(name,),
                              syndication=False, cache=cache)[name]
        site = pipeline.with_media(replace(site, url=url), project.content_dir)

        def feeds_and_calendars() -> dict[str, bytes]:
            """Made on full rebuilds only: after an edit the page comes first."""
            full = pipeline.sites(loaded, now, preview=True, names=(name,), cache=cache)[name]
            return dict(full.extra_files)

        session = sessions.get(site_dir)
        if session is None:
            session = sessions[site_dir] = (engine or serving_engine(project)).preview(
                site_dir, pipeline.preview_store(site_dir, remember=not no_cache))
        try:
            session.build(site, feeds_and_calendars)
        except EngineError as error:
            return failed([Problem("mkdocs.yml", str(error))])
        except jinja2.TemplateError as error:  # a template in theme/, being edited
            return failed([template_problem(error)])
        found.succeed(loaded.content, loaded.warnings)
        if first:
            settle_heap()
        if answered:
            warned = counted(len(loaded.warnings), "waarschuwing", "waarschuwingen")
            say(f"Bijgewerkt om {time.strftime('%H:%M:%S')}" + (
                f" ({warned}; 'courant check' toont ze allemaal)" if loaded.warnings else ""))
        return True

    return rebuild


def serve(project: pipeline.Project, address: str, report: Report,
          say: Say = lambda _: None, name: str = "intranet", no_cache: bool = False) -> None:
    """Serve the site `name` ("intranet", or "public": what partners will see); `no_cache`:
    see preview_builder."""
    host, port = split_address(address)
    url = f"http://{host}:{port}/"
    engine = serving_engine(project)
    with tempfile.TemporaryDirectory(prefix="courant-serve-") as site_dir:
        state = PreviewState()
        rebuild = preview_builder(project, url, report, say, name, engine, state, no_cache)
        started: list[bool] = []  # did the first build bring the site up?
        collector = IdleCollector()

        def build(folder: Path) -> None:
            done = rebuild(folder)
            if not started:
                started.append(done)
                collector.start()
            collector.rebuilt()

        def ready() -> None:
            if started[0]:
                say(f"Het voorbeeld staat op {url} (stoppen: Ctrl+C)")

        try:
            engine.serve(build, Path(site_dir), [project.content_dir,
                                                 project.root / "newsletter",
                                                 project.config_file, project.root / "theme"],
                         host, port, ready, state.banner)
        finally:
            collector.stop()
