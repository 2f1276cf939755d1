"""A second core for the build: one site is made in a forked process while the parent makes
the other. Fork (not spawn) so the child starts with everything already read and validated.

The child hands its outcome back through a pipe, not a file: nothing is left in /tmp when a
build is killed, and a full disk cannot swallow the outcome. COURANT_SERIAL=1 (or a platform
without fork) runs the work in the calling process instead.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from courant.build import timing
from courant.build.oserrors import SystemFault
from courant.build.templateerrors import pin_template_place

T = TypeVar("T")


class Child(Generic[T]):
    """Work started in a child process (or, with `pid` None, already done here): call it to
    wait for its result (or its error); `stop()` ends it instead, for a parent that will not
    wait."""

    def __init__(self, pid: int | None, reader: int = -1, result: T | None = None) -> None:
        self.pid, self.reader, self.result = pid, reader, result
        self.status: int | None = None

    def __call__(self) -> T:
        if self.pid is None:
            return self.result  # type: ignore[return-value]
        try:
            data = self._read()
            self._reap()
        except BaseException:  # Stopped while waiting: the child must not outlive this
            self.stop()
            raise
        try:
            kind, value, spent = pickle.loads(data)
        except (EOFError, pickle.UnpicklingError, ValueError) as error:
            raise SystemFault(f"het tweede proces van de bouw is onverwacht gestopt "
                              f"({_ended(self.status)}); bouw opnieuw") from error
        timing.add(spent)
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """End the child (SIGTERM: it stops as a build stops, see stopping.py) and reap it."""
        if self.pid is None:
            return
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        self._close()
        self._reap()

    def _read(self) -> bytes:
        parts = []
        with os.fdopen(self.reader, "rb", closefd=False) as stream:
            while part := stream.read(1 << 20):
                parts.append(part)
        self._close()
        return b"".join(parts)

    def _close(self) -> None:
        if self.reader >= 0:
            os.close(self.reader)
            self.reader = -1

    def _reap(self) -> None:
        if self.status is None and self.pid is not None:
            with contextlib.suppress(ChildProcessError):
                self.status = os.waitpid(self.pid, 0)[1]


def in_child(work: Callable[[], T]) -> Child[T]:
    """Start `work` in a child process; the object returned waits for it and gives its
    result, or raises its error. The child's timings are added to this process's."""
    if not hasattr(os, "fork") or os.environ.get("COURANT_SERIAL"):
        return Child(None, result=work())
    reader, writer = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: do the work, hand back the outcome, leave without cleanup
        os.close(reader)
        _end_with(parent)
        code = 0
        timing.restart()
        try:
            outcome: tuple[str, Any] = ("ok", work())
        except BaseException as error:  # every failure goes back to the parent
            pin_template_place(error)  # its traceback will not survive the way back
            outcome, code = ("error", error), 1
        try:
            _write(writer, (*outcome, timing.snapshot()))
        finally:
            os._exit(code)
    os.close(writer)
    return Child(pid, reader)


def _end_with(parent: int) -> None:
    """Have the kernel send this child SIGTERM when its parent ends (kill -9 of the build):
    it then stops too, instead of building on into a staging folder nobody will use."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent went before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


_PR_SET_PDEATHSIG = 1


def _write(writer: int, outcome: tuple[Any, ...]) -> None:
    try:
        data = pickle.dumps(outcome)
    except Exception:  # an error that cannot be pickled goes back as text
        data = pickle.dumps(("error", RuntimeError(repr(outcome[1])), outcome[2]))
    with os.fdopen(writer, "wb") as stream:
        stream.write(data)


def _ended(status: int | None) -> str:
    if status is not None and os.WIFSIGNALED(status):
        return f"signaal {signal.Signals(os.WTERMSIG(status)).name}"
    if status is not None and os.WIFEXITED(status):
        return f"code {os.WEXITSTATUS(status)}"
    return "zonder uitslag"
