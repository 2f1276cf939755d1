"""Shared fixtures: a fixed "now", the demo project, and small projects built in tmp_path."""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from pluggy import Result

from courant import pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW_EPOCH = "1795345200"  # 2026-11-22 12:00 Europe/Amsterdam: the demo content's "today"


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


@pytest.fixture(scope="session", autouse=True)
def fixed_now_for_shared_builds() -> Iterator[None]:
    """Module and session fixtures (a build shared by a file's tests) are made before the
    per-test `fixed_now`: pin "now" for them too, or they build at today's date (the leak
    fixture's embargoed item, dated 2026-12-01, was published once the clock passed it)."""
    os.environ["SOURCE_DATE_EPOCH"] = NOW_EPOCH
    yield


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs at the same moment, like a repeatable build."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOW_EPOCH)


def copy_project(target: Path, content_from: Path = ROOT) -> Path:
    """A copy of a project (mkdocs.yml, theme/, content/, newsletter/) in `target`."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
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
    os.environ["SOURCE_DATE_EPOCH"] = NOW_EPOCH
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
