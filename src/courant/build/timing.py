"""Where a build spends its time, for scripts/bench: COURANT_TIMINGS=<file> makes a build write
its phases (seconds, as JSON) there. Costs two clock reads a phase when nobody asks."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from time import perf_counter

_spent: dict[str, float] = {}
_open: list[str] = []


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Add the time spent inside to `name`. A phase inside another is taken out of the outer
    one, so the phases add up to the whole; a phase may be entered more than once."""
    start = perf_counter()
    _open.append(name)
    try:
        yield
    finally:
        _open.pop()
        spent = perf_counter() - start
        _spent[name] = _spent.get(name, 0.0) + spent
        if _open:
            _spent[_open[-1]] = _spent.get(_open[-1], 0.0) - spent


def restart() -> None:
    """A forked child counts only its own phases."""
    _spent.clear()
    _open.clear()


def snapshot() -> dict[str, float]:
    return dict(_spent)


def add(spent: dict[str, float]) -> None:
    """Phases timed in another process (workers.in_child): they ran alongside this one's."""
    for name, seconds in spent.items():
        _spent[name] = _spent.get(name, 0.0) + seconds


def report() -> None:
    """Write the phases to $COURANT_TIMINGS (if set) and start counting afresh."""
    target = os.environ.get("COURANT_TIMINGS")
    if target:
        Path(target).write_text(json.dumps(_spent, indent=1), encoding="utf-8")
    _spent.clear()
