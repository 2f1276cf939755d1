"""build/workers.py: the second process hands back its result, or its error as plain data
(raised here as the same error), can be stopped, and ends with its parent (a `kill -9` of the
build must not leave it building on); this process never forks."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from courant.build import workers
from courant.build.oserrors import SystemFault
from courant.build.stopping import Stopped
from courant.build.templateerrors import TemplateFailed
from courant.build.workers import Failure, failure, in_child
from courant.engine import EngineError
from courant.problems import ContentError, Problem


def ended(pid: int) -> bool:
    """Gone, or a zombie nobody reaped yet (no init reaps in some containers)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state in ("Z", "X")


def pages(count: int) -> dict[str, int]:
    return {"pages": count}


def broken_sources() -> None:
    raise ContentError([Problem("content/updates/x.md", "title ontbreekt", "title", 2)])


def broken_template() -> None:
    jinja2.Environment().from_string("{{ x.y.z }}", globals={"x": jinja2.Undefined(
        name="x")}).render()


def a_bug() -> None:
    raise ValueError("kapot")


def environment(name: str) -> str | None:
    return os.environ.get(name)


def killed() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def sleeping() -> None:
    time.sleep(60)


BIG = b"x" * 2**20  # far more than a pipe holds


def big_part_then_a_mark(mark: str) -> Iterator[object]:
    yield BIG
    Path(mark).write_text("verder", encoding="utf-8")  # made while nobody read the part
    yield "daarna"


def a_part_then_broken_sources() -> Iterator[str]:
    yield "eerst"
    broken_sources()


def one_part() -> Iterator[str]:
    yield "alleen"


def test_the_result_comes_back() -> None:
    assert in_child(pages, 3)() == {"pages": 3}


def test_the_sources_errors_come_back_as_their_problems() -> None:
    with pytest.raises(ContentError) as raised:
        in_child(broken_sources)()
    assert raised.value.problems == [Problem("content/updates/x.md", "title ontbreekt",
                                             "title", 2)]


def test_a_template_error_comes_back_as_its_problem() -> None:
    with pytest.raises(TemplateFailed) as raised:
        in_child(broken_template)()
    assert "fout in een template" in str(raised.value.problem)


def test_a_fault_of_courant_comes_back_with_its_traceback() -> None:
    with pytest.raises(RuntimeError, match=r"(?s)tweede proces.*ValueError: kapot"):
        in_child(a_bug)()


def test_every_kind_of_failure_is_plain_data_and_comes_back_as_itself() -> None:
    for error in (ContentError([Problem("f", "m")]), EngineError("e"), SystemFault("s"),
                  Stopped(signal.SIGTERM), OSError(28, "No space left on device")):
        failed = failure(error)
        assert isinstance(failed, Failure) and failed.kind != "fault", error
    assert failure(KeyboardInterrupt()).signum == signal.SIGINT


def test_the_worker_has_the_callers_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pinned moment (SOURCE_DATE_EPOCH) and the settings of the moment of the call,
    not of when the fork server started."""
    in_child(pages, 1)()  # the fork server runs
    monkeypatch.setenv("COURANT_TEST_SETTING", "nu")
    assert in_child(environment, "COURANT_TEST_SETTING")() == "nu"


def test_the_worker_takes_on_the_environment_before_it_starts_a_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """setenv is not thread-safe: a thread started first (the worker's watcher) crashed the
    worker now and then (SIGSEGV) under libfaketime, which reads the environment on every
    clock call. The environment is the caller's (a variable it lacks is gone) by the time
    the first thread starts."""
    started: list[dict[str, str]] = []

    class Watcher:
        def __init__(self, **_kwargs: object) -> None:
            pass

        def start(self) -> None:
            started.append(dict(os.environ))

    monkeypatch.setattr(os, "environ", {"ONLY_IN_THE_SERVER": "1", "KEPT": "ja"})
    monkeypatch.setattr(workers, "threading", SimpleNamespace(Thread=Watcher))
    reader, writer = multiprocessing.Pipe(duplex=False)
    watched, _alive = multiprocessing.Pipe(duplex=False)
    workers._work(writer, watched, {"KEPT": "ja", "COURANT_NOW": "2026-12-04"}, pages, (3,))
    assert started == [{"KEPT": "ja", "COURANT_NOW": "2026-12-04"}]
    assert reader.recv()[:2] == ("done", {"pages": 3})


def test_a_child_that_dies_is_a_dutch_sentence() -> None:
    child = in_child(killed)
    with pytest.raises(SystemFault, match=r"het tweede proces van de bouw is onverwacht gestopt "
                                          r"\(signaal SIGKILL\); bouw opnieuw"):
        child()


def test_stop_ends_a_running_child() -> None:
    child = in_child(sleeping)
    started = time.monotonic()
    child.stop()
    assert time.monotonic() - started < 10
    assert child.pid is not None and ended(child.pid)


def test_no_fork_in_this_process_while_a_thread_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work is handed to a fork server: this process (here with a thread running, as
    the progress spinner runs in `courant build`) never calls fork itself."""
    def fork() -> int:
        raise AssertionError("this process forked")

    monkeypatch.setattr(os, "fork", fork)
    done = threading.Event()
    spinner = threading.Thread(target=done.wait, daemon=True)
    spinner.start()
    try:
        assert in_child(pages, 2)() == {"pages": 2}
    finally:
        done.set()
        spinner.join()


SCRIPT = """
import os, sys, time
sys.path.insert(0, {folder!r})
from courant.build.workers import in_child
from test_workers import report_and_sleep

in_child(report_and_sleep)()
"""


def report_and_sleep() -> None:
    print(os.getpid(), flush=True)
    time.sleep(60)


@pytest.mark.spawns
def test_the_child_ends_with_its_parent() -> None:
    with subprocess.Popen([sys.executable, "-c", SCRIPT.format(
            folder=str(Path(__file__).parent))], stdout=subprocess.PIPE, text=True) as parent:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        parent.kill()
        parent.wait(timeout=30)
    deadline = time.monotonic() + 10
    while not ended(child):
        assert time.monotonic() < deadline, "the child outlived its parent"
        time.sleep(0.05)


@pytest.mark.waits
def test_a_generators_parts_come_back_in_order_and_the_work_goes_on_meanwhile(
        tmp_path: Path) -> None:
    """The worker does not wait for this process to read a part (a pipe holds 64 KB): it
    goes on to the next one."""
    mark = tmp_path / "mark"
    child = in_child(big_part_then_a_mark, str(mark))
    deadline = time.monotonic() + 30
    while not mark.exists():
        assert time.monotonic() < deadline, "the worker waited until its part was read"
        time.sleep(0.02)
    assert child.part() == BIG
    assert child.part() == "daarna"
    assert child() is None
    assert child.process is not None and child.process.exitcode == 0


def test_a_failure_after_a_part_comes_back_as_itself() -> None:
    child = in_child(a_part_then_broken_sources)
    assert child.part() == "eerst"
    with pytest.raises(ContentError):
        child.part()


def test_a_part_that_never_comes_is_courants_fault() -> None:
    child = in_child(one_part)
    assert child.part() == "alleen"
    with pytest.raises(RuntimeError, match="minder dan gevraagd"):
        child.part()


def test_the_result_waits_past_the_parts_not_asked_for() -> None:
    child = in_child(one_part)
    assert child() is None
    assert child.process is not None and child.process.exitcode == 0


def test_serial_makes_the_parts_here_as_they_are_asked_for(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COURANT_SERIAL", "1")
    mark = tmp_path / "mark"
    child = in_child(big_part_then_a_mark, str(mark))
    assert child.part() == BIG and not mark.exists()
    assert child() is None and mark.exists()


def test_serial_runs_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURANT_SERIAL", "1")
    child = in_child(os.getpid)
    assert child() == os.getpid()
    child.stop()  # nothing to stop


def test_finish_ends_the_fork_server() -> None:
    """The end of a command: its fork server is gone (workers.finish relies on CPython's
    private forkserver._stop, so this fails when a Python version takes it away)."""
    from multiprocessing import forkserver

    from courant.build.workers import finish

    in_child(pages, 1)()  # the fork server runs
    server = forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]
    assert server is not None and not ended(server)
    finish()
    assert ended(server)
    assert in_child(pages, 2)() == {"pages": 2}  # and the next command starts a new one
