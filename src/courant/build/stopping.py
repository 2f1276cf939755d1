"""Stopping a command on SIGTERM or Ctrl+C the way an error stops it, so everything on the way
out runs: the staging folder is removed, the second process stopped, dist/ left whole.

Python ends a process on SIGTERM at once, without `finally`; `stoppable()` makes SIGTERM (and
SIGINT) raise `Stopped` in the main thread instead. Inside `unstoppable()` (the swap of staging
into dist/) a signal waits until the block is done.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Stopped(BaseException):
    """A signal asked the command to stop (a BaseException, like KeyboardInterrupt: no
    `except Exception` on the way out may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as a shell reports a process ended by it."""
        return 128 + self.signum


class _State:
    depth = 0  # how many unstoppable() blocks are open
    pending: int | None = None  # the signal that came in meanwhile


def _stop(signum: int, _frame: FrameType | None) -> None:
    if _State.depth:
        _State.pending = signum
        return
    for number in SIGNALS:  # once: the way out itself is not interrupted again
        signal.signal(number, signal.SIG_IGN)
    raise Stopped(signum)


@contextmanager
def stoppable() -> Iterator[None]:
    """Within this block SIGTERM and SIGINT raise Stopped (main thread only; elsewhere it
    does nothing). The previous handlers come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, _stop) for number in SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        _State.pending = None


@contextmanager
def unstoppable() -> Iterator[None]:
    """A signal that comes in during this block is acted on when it ends."""
    _State.depth += 1
    try:
        yield
    finally:
        _State.depth -= 1
        pending, _State.pending = _State.pending, None
        if pending is not None and not _State.depth:
            _stop(pending, None)
