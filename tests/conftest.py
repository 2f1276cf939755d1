"""Shared fixtures: one fixed "now", the demo project, and small projects built in tmp_path.

The whole session runs at NOW_EPOCH (SOURCE_DATE_EPOCH, which courant.clock reads): the
session-scoped `pinned_now` sets it before any fixture of any scope builds, and undoes it at the
end; `no_clock_left_changed` fails a test after which it is no longer in force (a write to
os.environ outside monkeypatch). Dates in fixtures are relative to this moment, never to today.
scripts/test.sh proves it: the tests without the `spawns` mark run again under libfaketime, two
years ahead of the real date.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from pluggy import Result

from courant.build import pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW_EPOCH = "1795345200"  # 2026-11-22 12:00 Europe/Amsterdam: the demo content's "today"
SPAWNS = "spawns"
"""The mark of a test that starts another process (nginx, Chromium, Java, `python -m courant`):
libfaketime breaks waiting for processes and browsers, so scripts/test.sh keeps these out of
its run under faketime. Tests marked `browser`, `server` or `waits` get it too (below)."""
UNDER_FAKETIME = "faketime" in os.environ.get("LD_PRELOAD", "")

# WeasyPrint (the booklets' PDF) finds Pango and GLib through ctypes.util.find_library, which
# starts `ldconfig -p` at its first import. Imported here, before any test runs, that process
# starts once per worker, outside no_process_under_faketime; left to the first build that
# makes a PDF in this process, it failed that test under faketime, or not, by the tests' order.
import weasyprint  # noqa: E402, F401


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, Result[pytest.TestReport], None]:
    """Under scripts/test.sh (COURANT_ALL_TOOLS=1) every tool is installed, so a skip is a fault:
    a test that skips for want of Chromium or Java in CI would pass without testing anything."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("COURANT_ALL_TOOLS") == "1":
        report.outcome = "failed"
        report.longrepr = f"skipped, yet scripts/test.sh installed every tool: {report.longrepr}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser or a server is another process: such tests are marked `spawns` as well. So is
    a test marked `waits` (it sleeps, or its threads wait on the clock: the file watcher's):
    under libfaketime `time.sleep` fails with EINVAL, as waiting for a process does."""
    for item in items:
        if any(item.get_closest_marker(mark) for mark in ("browser", "server", "waits")):
            item.add_marker(SPAWNS)


@pytest.fixture(scope="session", autouse=True)
def pinned_now() -> Iterator[None]:
    """Every test and every fixture, of any scope, runs at the same moment, like a repeatable
    build: session-scoped and autouse, so pytest sets it up before any module or session
    fixture builds a project."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)
        yield


@pytest.fixture(autouse=True)
def no_clock_left_changed() -> Iterator[None]:
    """After each test (and its monkeypatch's undo) the pinned moment is still in force: a test
    or fixture that wrote os.environ itself would change the moment of every later test in
    its worker, and results would depend on the order of the tests."""
    yield
    assert os.environ.get("SOURCE_DATE_EPOCH") == NOW_EPOCH, (
        "SOURCE_DATE_EPOCH was changed outside monkeypatch and not restored")


@pytest.fixture(autouse=True)
def no_process_under_faketime(request: pytest.FixtureRequest) -> Iterator[None]:
    """Under libfaketime a test that starts a process fails at once, saying why, instead of
    failing somewhere in subprocess' wait (libfaketime makes its sleep raise EINVAL)."""
    if not UNDER_FAKETIME or request.node.get_closest_marker(SPAWNS):
        yield
        return

    def refused(*args: object, **kwargs: object) -> None:
        pytest.fail(f"{request.node.nodeid} starts a process ({args[1] if len(args) > 1 else ''}"
                    f"): mark it @pytest.mark.{SPAWNS}, which keeps it out of the run under "
                    "faketime", pytrace=False)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(subprocess.Popen, "__init__", refused)
        yield


def run_courant(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m courant <args> --map <root>` in its own process, as editors run it: nothing
    of this process (memos, caches, imported state) reaches it; the pinned moment does, through
    the environment."""
    return subprocess.run(courant_command(root, *args), capture_output=True, text=True,
                          timeout=600, check=False, env=courant_env(**env))


def courant_command(root: Path, *args: str) -> list[str]:
    """The command line of run_courant, for a test that starts the process itself (to stop
    it half way, or with limits of its own)."""
    return [sys.executable, "-m", "courant", *args, "--map", str(root)]


def courant_env(**env: str) -> dict[str, str]:
    """The environment of run_courant: this one (the pinned moment included), without colour,
    wide enough that no message is wrapped."""
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "250", **env}


def settings_for(content_from: Path) -> str:
    """The demo's mkdocs.yml for a project with the content of `content_from`: another
    project's home has the default top tasks (the demo's name its own pages, leeracademie)."""
    settings = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if content_from != ROOT:
        settings = re.sub(r"\n    top_tasks:.*?\n(?=    \S)", "\n", settings, flags=re.DOTALL)
    return settings


def copy_project(target: Path, content_from: Path = ROOT) -> Path:
    """A copy of a project (mkdocs.yml, theme/, content/, newsletter/) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(settings_for(content_from), encoding="utf-8")
    shutil.copytree(ROOT / "theme", target / "theme")
    for folder in ("content", "newsletter"):
        if (content_from / folder).exists():
            shutil.copytree(content_from / folder, target / folder)
    return target


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A fresh copy of the demo project, safe to change."""
    return copy_project(tmp_path / "demo")


@pytest.fixture(scope="session")
def demo_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once per test session (read-only for tests): returns its dist/."""
    root = copy_project(tmp_path_factory.mktemp("demo-build") / "demo")
    pipeline.build(pipeline.Project(root))
    return root / "dist"


@pytest.fixture
def after_november(monkeypatch: pytest.MonkeyPatch) -> None:
    """The November issue is out: 2026-11-27 12:00, Amsterdam (tests of courant send)."""
    from mailservers import AFTER_NOVEMBER

    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_NOVEMBER)


@pytest.fixture
def recorder() -> Any:
    """What the test SMTP server (`server`) accepted (tests/mailservers.py)."""
    from mailservers import Recorder

    return Recorder()


@pytest.fixture
def server(recorder: Any) -> Iterator[Any]:
    """aiosmtpd on 127.0.0.1 in this process, keeping what it gets in `recorder`."""
    from mailservers import running

    yield from running(recorder)
