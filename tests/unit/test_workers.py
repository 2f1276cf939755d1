"""parallel: the second process hands back its result or its error, can be stopped, and ends
with its parent (a `kill -9` of the build must not leave it building on)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from courant.build.oserrors import SystemFault
from courant.build.workers import in_child


def ended(pid: int) -> bool:
    """Gone, or a zombie nobody reaped yet (no init reaps in some containers)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def test_the_result_and_the_error_come_back() -> None:
    assert in_child(lambda: {"pages": 3})() == {"pages": 3}

    def fail() -> None:
        raise ValueError("kapot")

    with pytest.raises(ValueError, match="kapot"):
        in_child(fail)()


def test_a_child_that_dies_is_a_dutch_sentence() -> None:
    child = in_child(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(SystemFault, match=r"het tweede proces van de bouw is onverwacht gestopt "
                                          r"\(signaal SIGKILL\); bouw opnieuw"):
        child()


def test_stop_ends_a_running_child() -> None:
    child = in_child(lambda: time.sleep(60))
    started = time.monotonic()
    child.stop()
    assert time.monotonic() - started < 10
    assert child.pid is not None and ended(child.pid)


SCRIPT = """
import os, time
from courant.build.workers import in_child

def work():
    print(os.getpid(), flush=True)
    time.sleep(60)

in_child(work)()
"""


@pytest.mark.spawns
def test_the_child_ends_with_its_parent() -> None:
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while not ended(child):
        assert time.monotonic() < deadline, "the child outlived its parent"
        time.sleep(0.05)


def test_serial_runs_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURANT_SERIAL", "1")
    child = in_child(os.getpid)
    assert child() == os.getpid()
    child.stop()  # nothing to stop
