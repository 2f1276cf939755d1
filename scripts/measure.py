"""One command as its own process, for scripts/bench and scripts/profile: its wall time, the
CPU time of all its processes (which the machine's other work hardly changes, where the wall
time doubles on a busy machine), its phases (courant's COURANT_TIMINGS), and its memory: the
largest resident set of any one of its processes (os.wait4), and the peak of what its processes
hold together (the proportional set size of the whole process tree, sampled ten times a
second: a build forks a second process, and pages the two share are counted once). And the
preview's clock: from saving a file to the page that shows it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

NOW_EPOCH = "1795345200"  # 2026-11-22 12:00 Amsterdam, as in the tests
SAMPLE_SECONDS = 0.1


@dataclass
class Run:
    seconds: float
    rss_mb: float  # the largest resident set of one process
    tree_mb: float  # the peak of the process tree's proportional set size
    cpu: float = 0.0  # seconds of CPU (user and system) of all its processes
    phases: dict[str, float] = field(default_factory=dict)


def environment(**more: str) -> dict[str, str]:
    """The bench's pinned moment, and MkDocs' end-of-life notice off."""
    return dict(os.environ, SOURCE_DATE_EPOCH=NOW_EPOCH, NO_MKDOCS_2_WARNING="1", **more)


def run(cmd: list[str], cwd: Path, timings: Path | None = None) -> Run:
    """Run one command to its end; stop the bench with its error output if it fails."""
    more = {"COURANT_TIMINGS": str(timings)} if timings else {}
    if timings:
        timings.unlink(missing_ok=True)
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=environment(**more),
                                 stdout=subprocess.DEVNULL, stderr=errors)
        try:
            with TreeMemory(child.pid) as memory:
                _, status, usage = os.wait4(child.pid, 0)
        except BaseException:  # the bench is stopped: so is the command
            child.terminate()
            child.wait()
            raise
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({child.returncode}):\n"
                     f"{errors.read().decode(errors='replace')[-4000:]}")
    phases = json.loads(timings.read_text()) if timings and timings.exists() else {}
    return Run(seconds, usage.ru_maxrss / 1024, memory.peak_mb,
               usage.ru_utime + usage.ru_stime, phases)


class TreeMemory:
    """Samples the proportional set size of a process and its descendants while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_mb = 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.is_set():
            total = sum(_pss_kb(pid) for pid in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total / 1024)
            self._done.wait(SAMPLE_SECONDS)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
            for task in tasks:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    todo.extend(int(child) for child in f.read().split())
        except OSError:  # ended meanwhile
            continue
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):  # ended meanwhile, or a zombie
        pass
    return 0


def load_average() -> float:
    """The machine's load over the last minute (it is shared: note it beside the figures)."""
    return os.getloadavg()[0]


def edit_and_wait(page: str, source: Path) -> float:
    """Save `source` with a new sentence; seconds until `page` shows it (-1: never)."""
    original = source.read_bytes()
    token = f"bench-{time.time_ns()}"
    time.sleep(0.5)  # the previous build is done (see below): let the watcher settle
    start = time.perf_counter()
    source.write_bytes(original + f"\nNieuw: {token}\n".encode())
    try:
        shown = wait_for(page, lambda text: token in text, timeout=120)
        seconds = time.perf_counter() - start if shown else -1.0
    finally:
        source.write_bytes(original)
    # the next edit starts after the rebuild for this restore, not queued behind it
    wait_for(page, lambda text: token not in text, timeout=120)
    return seconds


def wait_for(url: str, ready: Callable[[str], bool], timeout: float) -> bool:
    """Whether `url` answered with a page `ready` accepts within `timeout` seconds."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8", errors="replace")):
                    return True
        except OSError:
            pass
        time.sleep(0.02)
    return False
