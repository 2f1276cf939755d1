"""What the preview watches with: the kernel's notifications (inotify on Linux, watchdog's
native observer) in place of the polling observer MkDocs' live reload server makes.

Polling stats every watched file five times a second: at 10,000 items that was a third of
the preview process' CPU, and, in the same process, it held the interpreter lock the rebuild
after a save needed (scripts/profile serve). Notifications cost nothing while nobody saves,
and a save is seen at once. Where they cannot be had (no inotify, or the system's limit of
watches reached) the preview polls as MkDocs does and says nothing: it works either way.

Three things differ from polling and are handled here:
- the kernel also reports files opened and closed without writing, which every build does to
  each source: only files made, changed, moved and removed count, or each build would start
  the next;
- an editor's program often saves by writing a new file and renaming it over the old one:
  watchdog watches a single file (mkdocs.yml) through its folder, so the watch outlives the
  old file (tests/unit/test_watcher.py holds it to that);
- a folder made later (a new year of updates) is watched as well: watchdog does that for a
  recursive watch.
"""

from __future__ import annotations

import contextlib

from watchdog.events import (
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

SAVES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent,
                                      FileMovedEvent]
"""The events that mean a file's bytes may be other than before."""


class Watcher:
    """An observer for MkDocs' LiveReloadServer (`server.observer`): schedule, unschedule,
    start, stop and join, as it calls them."""

    def __init__(self, polling_interval: float) -> None:
        self.polling_interval = polling_interval
        self.observer: BaseObserver = Observer()
        self._scheduled: list[tuple[FileSystemEventHandler, str, bool]] = []

    @property
    def polls(self) -> bool:
        """Whether it fell back to polling."""
        return isinstance(self.observer, PollingObserver)

    def schedule(self, handler: FileSystemEventHandler, path: str, *,
                 recursive: bool = False) -> ObservedWatch:
        self._scheduled.append((handler, path, recursive))
        return self._schedule_on(self.observer, handler, path, recursive)

    def unschedule(self, watch: ObservedWatch) -> None:
        self._scheduled = [entry for entry in self._scheduled
                           if (entry[1], entry[2]) != (watch.path, watch.is_recursive)]
        self.observer.unschedule(watch)

    def start(self) -> None:
        """Start watching; once (the preview starts it before its first build, so that a
        save made meanwhile is seen; MkDocs' server calls it again when it starts)."""
        if self.observer.is_alive():
            return
        try:
            self.observer.start()
        except OSError:  # no inotify here, or no watches left: poll, as MkDocs does
            with contextlib.suppress(Exception):
                self.observer.stop()  # the watches that did start
            self.observer = PollingObserver(timeout=self.polling_interval)
            for handler, path, recursive in self._scheduled:
                self._schedule_on(self.observer, handler, path, recursive)
            self.observer.start()

    def stop(self) -> None:
        self.observer.stop()

    def join(self, timeout: float | None = None) -> None:
        if self.observer.is_alive():
            self.observer.join(timeout)

    @staticmethod
    def _schedule_on(observer: BaseObserver, handler: FileSystemEventHandler, path: str,
                     recursive: bool) -> ObservedWatch:
        return observer.schedule(handler, path, recursive=recursive, event_filter=SAVES)
