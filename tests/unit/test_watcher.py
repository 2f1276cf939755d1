"""The preview's watcher on a real file system: the kernel's notifications, only for saves,
through renames, in new folders, and polling where notifications cannot be had."""

from __future__ import annotations

import errno
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.inotify import InotifyObserver

from courant.engine.mkdocs import watcher
from courant.engine.mkdocs.watcher import Watcher

pytestmark = pytest.mark.waits  # the watcher's threads and these tests wait on the clock


class Seen(FileSystemEventHandler):
    """The events handed on, as MkDocs' server gets them (on_any_event)."""

    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.arrived.set()

    def wait(self, timeout: float = 5) -> bool:
        """Whether an event came within `timeout` (then forgotten, for the next step)."""
        came = self.arrived.wait(timeout)
        time.sleep(0.1)  # the rest of one save's events
        self.arrived.clear()
        self.events.clear()
        return came


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "updates").mkdir(parents=True)
    (tmp_path / "content" / "updates" / "item.md").write_text("---\ntitle: A\n---\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: A\n")
    return tmp_path


@contextmanager
def watching(project: Path, seen: Seen) -> Iterator[Watcher]:
    watch = Watcher(polling_interval=0.1)
    watch.schedule(seen, str(project / "content"), recursive=True)
    watch.schedule(seen, str(project / "mkdocs.yml"))
    watch.start()
    time.sleep(0.3)  # a polling watcher's first look
    try:
        yield watch
    finally:
        watch.stop()
        watch.join()


@pytest.fixture
def watched(project: Path) -> Iterator[tuple[Watcher, Seen]]:
    seen = Seen()
    with watching(project, seen) as watch:
        yield watch, seen


def test_it_uses_the_kernels_notifications(watched: tuple[Watcher, Seen]) -> None:
    watch, _seen = watched
    assert not watch.polls


def test_reading_the_sources_is_no_save(project: Path, watched: tuple[Watcher, Seen]) -> None:
    """Every build opens and reads every source: were that a change, each build would start
    the next, for ever."""
    _watch, seen = watched
    for path in project.rglob("*"):
        if path.is_file():
            path.read_bytes()
    os.listdir(project / "content" / "updates")
    assert not seen.wait(timeout=1)


def test_a_save_is_seen(project: Path, watched: tuple[Watcher, Seen]) -> None:
    _watch, seen = watched
    (project / "content" / "updates" / "item.md").write_text("---\ntitle: B\n---\n")
    assert seen.wait()


def test_a_file_in_a_folder_made_later_is_seen(project: Path,
                                               watched: tuple[Watcher, Seen]) -> None:
    _watch, seen = watched
    (project / "content" / "updates" / "2027").mkdir()
    time.sleep(0.2)  # watchdog adds the new folder's watch
    seen.wait(timeout=0.5)
    (project / "content" / "updates" / "2027" / "new.md").write_text("---\ntitle: C\n---\n")
    assert seen.wait()


def test_mkdocs_yml_saved_by_rename_is_seen_each_time(project: Path,
                                                      watched: tuple[Watcher, Seen]) -> None:
    """Editors' programs save by writing a new file and renaming it over the old one: the
    watch must outlive the first such save."""
    _watch, seen = watched
    for name in ("B", "C"):
        fresh = project / ".mkdocs.yml.swp"
        fresh.write_text(f"site_name: {name}\n")
        fresh.replace(project / "mkdocs.yml")
        assert seen.wait(), f"the save of site_name {name} was not seen"


def test_other_files_beside_mkdocs_yml_are_no_save(project: Path,
                                                   watched: tuple[Watcher, Seen]) -> None:
    _watch, seen = watched
    (project / "notes.txt").write_text("not a source")
    assert not seen.wait(timeout=1)


class Refused(InotifyObserver):
    """Notifications that cannot be had (the watch limit reached)."""

    def start(self) -> None:
        raise OSError(errno.ENOSPC, "inotify watch limit reached")


def test_without_notifications_it_polls(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(watcher, "Observer", Refused)
    seen = Seen()
    with watching(project, seen) as watch:
        assert watch.polls
        (project / "content" / "updates" / "item.md").write_text("---\ntitle: Z\n---\n")
        assert seen.wait()


def test_a_folder_no_longer_watched_is_not_watched_when_it_falls_back(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs' server may stop watching a folder before it starts: the polling that takes
    over where notifications cannot be had does not watch it again."""
    monkeypatch.setattr(watcher, "Observer", Refused)
    seen = Seen()
    watch = Watcher(polling_interval=0.1)
    content = watch.schedule(seen, str(project / "content"), recursive=True)
    watch.schedule(seen, str(project / "mkdocs.yml"))
    watch.unschedule(content)
    watch.start()
    time.sleep(0.3)
    try:
        (project / "content" / "updates" / "item.md").write_text("---\ntitle: Y\n---\n")
        assert not seen.wait(timeout=1)
        (project / "mkdocs.yml").write_text("site_name: Y\n")
        assert seen.wait()
    finally:
        watch.stop()
        watch.join()
