"""A second core for the build: one site is made in a forked process while the parent makes
the other. Fork (not spawn) so the child starts with everything already read and validated.

COURANT_SERIAL=1 (or a platform without fork) runs the work in the calling process instead.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from courant import timing
from courant.problems import pin_template_place

T = TypeVar("T")


def in_child(work: Callable[[], T]) -> Callable[[], T]:
    """Start `work` in a child process; the function returned waits for it and gives its
    result, or raises its error. The child's timings are added to this process's."""
    if not hasattr(os, "fork") or os.environ.get("COURANT_SERIAL"):
        result = work()
        return lambda: result
    handle, name = tempfile.mkstemp(prefix="courant-child-", suffix=".pickle")
    os.close(handle)
    out = Path(name)
    pid = os.fork()
    if pid == 0:  # the child: do the work, hand back the outcome, leave without cleanup
        code = 0
        timing.restart()
        try:
            outcome: tuple[str, Any] = ("ok", work())
        except BaseException as error:  # every failure goes back to the parent
            pin_template_place(error)  # its traceback will not survive the way back
            outcome, code = ("error", error), 1
        try:
            _write(out, (*outcome, timing.snapshot()))
        finally:
            os._exit(code)

    def wait() -> T:
        os.waitpid(pid, 0)
        try:
            kind, value, spent = pickle.loads(out.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError) as error:
            raise RuntimeError("het bouwen in een tweede proces is mislukt") from error
        finally:
            out.unlink(missing_ok=True)
        timing.add(spent)
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    return wait


def _write(path: Path, outcome: tuple[Any, ...]) -> None:
    try:
        data = pickle.dumps(outcome)
    except Exception:  # an error that cannot be pickled goes back as text
        data = pickle.dumps(("error", RuntimeError(repr(outcome[1])), outcome[2]))
    path.write_bytes(data)
