"""stopping: SIGTERM and Ctrl+C raise Stopped, so everything on the way out runs; inside
unstoppable() (the swap into dist/) they wait for the block to end."""

from __future__ import annotations

import os
import signal

import pytest

from courant.build.stopping import Stopped, stoppable, unstoppable


def test_sigterm_raises_stopped_with_the_shells_exit_code() -> None:
    ran = []
    with pytest.raises(Stopped) as stopped, stoppable():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            signal.pause()  # not reached: the handler raises first
        finally:
            ran.append("finally")
    assert ran == ["finally"]
    assert str(stopped.value) == "SIGTERM" and stopped.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the old handler is back


def test_a_signal_during_an_unstoppable_block_waits_for_its_end() -> None:
    done = []
    with pytest.raises(Stopped) as stopped, stoppable():
        with unstoppable():
            os.kill(os.getpid(), signal.SIGINT)
            done.append("swap")  # the block runs to its end
        done.append("after")  # not reached
    assert done == ["swap"]
    assert stopped.value.exit_code == 130


def test_outside_stoppable_nothing_changes() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with unstoppable():
        pass
    assert signal.getsignal(signal.SIGTERM) is before
