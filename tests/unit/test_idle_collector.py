"""The preview's process collects its garbage in full only after a rebuild, when the editor
reads the page (editorial/serve.py's IdleCollector), not in the middle of one."""

from __future__ import annotations

import gc
import time
import weakref
from collections.abc import Iterator

import pytest

from courant.editorial.serve import IdleCollector


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """Garbage only the cyclic collector can free."""
    one, two = Node(), Node()
    one.other, two.other = two, one
    return weakref.ref(one)


@pytest.fixture
def collector() -> Iterator[IdleCollector]:
    threshold = gc.get_threshold()
    found = IdleCollector(idle=0.05)
    yield found
    found.stop()
    assert gc.get_threshold() == threshold


def test_no_full_collection_during_a_rebuild(collector: IdleCollector) -> None:
    collector.start()
    assert gc.get_threshold()[2] == IdleCollector.NEVER
    assert gc.get_threshold()[:2] == collector.threshold[:2]  # the young as ever


@pytest.mark.waits  # on a timer thread, which libfaketime's clock keeps from firing
def test_the_garbage_is_collected_once_the_rebuild_is_done(collector: IdleCollector) -> None:
    gc.collect()
    collector.start()
    gone = cycle()
    assert gone() is not None
    collector.rebuilt()
    deadline = time.monotonic() + 5
    while gone() is not None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert gone() is None


def test_a_new_rebuild_puts_the_collection_off(collector: IdleCollector) -> None:
    collector.start()
    collector.rebuilt()
    first = collector.timer
    collector.rebuilt()
    assert first is not None and first.finished.is_set()  # cancelled
    assert collector.timer is not first
