"""A second core for the build: work run in another process while this one does its own.

The process comes from a fork server (multiprocessing's `forkserver` start method): a fresh,
single-threaded interpreter started once, which loads the build's modules (`prepare`, early,
while this process reads the sources) and forks a worker for each piece of work. This process
itself never forks, so no fork happens while a thread runs (the progress spinner, the folders
made ahead). The work is a module-level function; it and its arguments go over by pickle, and
so does the outcome, through a pipe: nothing is left in /tmp when a build is killed, and a
full disk cannot swallow it.

Errors come back as Problems, never as pickled exceptions: the worker says what kind of
failure it was (the sources, a template, the engine, the machine, a signal) with its
problems, and `Child` raises the same error here that the work would have raised in this
process, so exit codes and messages are the same. A fault in courant itself comes back as
its traceback's text.

The worker ends with the build: it watches a pipe only the build holds open, and stops
(SIGTERM) when that closes, as it does when the build ends, kill -9 included. (The fork server
is no help there: each worker holds it open.) COURANT_SERIAL=1 runs the work in the calling
process instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from queue import SimpleQueue
from typing import Any, Generic, TypeVar

from courant.build import timing
from courant.build.oserrors import SystemFault, explain
from courant.build.output import OutputError
from courant.build.stopping import Stopped
from courant.problems import ContentError, Problem

# jinja2, the templates' errors and the engines' are imported where an error is told apart:
# a worker that reads and scores texts (build/warmup.py) starts 0.14 s sooner without them

T = TypeVar("T")

_CONTEXT = multiprocessing.get_context("forkserver")


def prepare(modules: Sequence[str] = ()) -> None:
    """Start the fork server now, loading `modules`, so that it is ready (and they are
    imported) by the time the work is handed over; it runs beside this process meanwhile.
    Modules named after the server started are imported by each worker itself."""
    if os.environ.get("COURANT_SERIAL"):
        return
    _CONTEXT.set_forkserver_preload(list(modules))
    from multiprocessing import forkserver

    forkserver.ensure_running()


def finish() -> None:
    """Stop the fork server, if it runs, and wait for it (the end of a command: no process
    of courant's outlives it, and its CPU time counts as the command's)."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)  # CPython's own, since 3.8
    if callable(stop):
        with contextlib.suppress(OSError, ChildProcessError):
            stop()


@dataclass(frozen=True, slots=True)
class Failure:
    """How the work failed, as plain data: `kind` names the error to raise again."""

    kind: str  # sources | template | engine | output | machine | stopped | fault
    problems: tuple[Problem, ...] = ()
    message: str = ""
    signum: int = 0


class Child(Generic[T]):
    """Work started in another process (or, with `process` None, already done here): call it
    to wait for its result (or its error); `stop()` ends it instead, for a caller that will
    not wait. Work that is a generator function hands back each value it yields as soon as
    it is made: `part()` waits for the next one."""

    def __init__(self, process: Any = None, reader: Connection | None = None,
                 alive: Connection | None = None, result: T | None = None) -> None:
        self.process, self.reader, self.alive, self.result = process, reader, alive, result

    @property
    def pid(self) -> int | None:
        return None if self.process is None else int(self.process.pid)

    def __call__(self) -> T:
        """The work's result (None for a generator's), once it is done; the parts not asked
        for are left."""
        if self.process is None:
            if isinstance(self.result, Generator):  # done here: what is left of it
                for _part in self.result:
                    pass
                return None  # type: ignore[return-value]
            return self.result  # type: ignore[return-value]
        while True:
            kind, value = self._next()
            if kind == "done":
                return value  # type: ignore[no-any-return]

    def part(self) -> Any:
        """The next value the work yields, in order, waiting for it; the work's error if it
        failed before."""
        if self.process is None:
            assert isinstance(self.result, Generator)
            return next(self.result)
        kind, value = self._next()
        if kind != "part":
            raise RuntimeError("fout in courant: het tweede proces gaf minder dan gevraagd")
        return value

    def _next(self) -> tuple[str, Any]:
        """The worker's next message, its error raised (the same as the work's)."""
        try:
            outcome = self._receive()
        except BaseException:  # stopped while waiting: the worker must not outlive this
            self.stop()
            raise
        if outcome is None:
            raise SystemFault(f"het tweede proces van de bouw is onverwacht gestopt "
                              f"({_ended(self.process.exitcode)}); bouw opnieuw")
        kind, value, spent = outcome
        if kind == "part":
            return kind, value
        timing.add(spent)
        if kind == "failed":
            raise _error(value)
        return kind, value

    def _receive(self) -> tuple[str, Any, dict[str, float]] | None:
        """One message; after the last (the work done or failed, or the pipe closed), the
        worker waited for."""
        assert self.reader is not None
        outcome: tuple[str, Any, dict[str, float]] | None
        try:
            outcome = self.reader.recv()
        except (EOFError, OSError):
            outcome = None
        except BaseException:  # stopped while waiting: nothing more is read
            self.reader.close()
            raise
        if outcome is None or outcome[0] != "part":
            self.reader.close()
            self.process.join()
            self._let_go()
        return outcome

    def _let_go(self) -> None:
        if self.alive is not None:
            self.alive.close()
            self.alive = None

    def stop(self) -> None:
        """End the worker (SIGTERM) and wait until it has."""
        if self.process is None:
            return
        if self.process.exitcode is None:
            with contextlib.suppress(OSError, ValueError):
                self.process.terminate()
        if self.reader is not None:
            self.reader.close()
        with contextlib.suppress(OSError, ValueError, AssertionError):
            self.process.join()
        self._let_go()


def in_child(work: Callable[..., T], *args: Any) -> Child[T]:
    """Start `work(*args)` in another process (`work` a module-level function; it and `args`
    must pickle); the object returned waits for it and gives its result, or raises its
    error. The worker's timings are added to this process's."""
    if os.environ.get("COURANT_SERIAL"):
        return Child(None, result=work(*args))
    reader, writer = _CONTEXT.Pipe(duplex=False)
    watched, alive = _CONTEXT.Pipe(duplex=False)
    process = _CONTEXT.Process(target=_work, args=(writer, watched, dict(os.environ), work,
                                                   args), daemon=True)
    process.start()
    writer.close()
    watched.close()
    return Child(process, reader, alive)


def _work(writer: Connection, watched: Connection, environ: dict[str, str],
          work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """In the worker: the build's environment (its pinned moment, its settings), the work,
    and its outcome sent back. The environment is taken on before any thread starts:
    setenv and unsetenv are not thread-safe, and a thread reading the environment meanwhile
    (libfaketime does, on every clock call) can crash the process."""
    adopt(environ)
    threading.Thread(target=_stop_when_closed, args=(watched,), daemon=True).start()
    timing.restart()
    try:
        result = work(*args)
        if isinstance(result, Generator):  # each value goes back as soon as it is made
            _send_parts(writer, result)
            result = None
        outcome: tuple[str, Any] = ("done", result)
    except BaseException as error:  # every failure goes back, as plain data
        outcome = ("failed", failure(error))
    try:
        writer.send((*outcome, timing.snapshot()))
    except Exception:  # a result that cannot be pickled is courant's fault
        writer.send(("failed", Failure("fault", message=traceback.format_exc()), {}))
    writer.close()


def _send_parts(writer: Connection, parts: Generator[Any, None, None]) -> None:
    """Each value of `parts`, pickled here and sent by a thread of its own, so that the work
    goes on while the build has not read the last one yet (a pipe holds 64 KB: a worker
    that sent a part itself waited as long as the build took to ask for it). An error in
    sending is raised once every part is handed over."""
    queue: SimpleQueue[bytes | memoryview | None] = SimpleQueue()
    failed: list[BaseException] = []

    def send() -> None:
        while (data := queue.get()) is not None:
            try:
                writer.send_bytes(data)
            except BaseException as error:  # raised in the work's own thread
                failed.append(error)
                return

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        for value in parts:
            queue.put(ForkingPickler.dumps(("part", value, {})))
    finally:
        queue.put(None)
        sender.join()
    if failed:
        raise failed[0]


def adopt(environ: dict[str, str]) -> None:
    """Make this process's environment `environ`, changing only the variables that differ
    (the others, LD_PRELOAD and FAKETIME among them, are not unset and set again)."""
    for name in [name for name in os.environ if name not in environ]:
        del os.environ[name]
    for name, value in environ.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def failure(error: BaseException) -> Failure:
    """`error` as plain data, the same way courant's commands tell errors apart."""
    import jinja2

    from courant.build.templateerrors import TemplateFailed, template_problem
    from courant.engine import EngineError

    if isinstance(error, ContentError):
        return Failure("sources", tuple(error.problems))
    if isinstance(error, TemplateFailed | jinja2.TemplateError):
        problem = error.problem if isinstance(error, TemplateFailed) else template_problem(error)
        return Failure("template", (problem,))
    if isinstance(error, EngineError):
        return Failure("engine", message=str(error))
    if isinstance(error, OutputError):
        return Failure("output", message=str(error))
    if isinstance(error, SystemFault):
        return Failure("machine", message=str(error))
    if isinstance(error, OSError):
        return Failure("machine", message=explain(error, None))
    if isinstance(error, Stopped):
        return Failure("stopped", signum=error.signum)
    if isinstance(error, KeyboardInterrupt):
        return Failure("stopped", signum=signal.SIGINT)
    return Failure("fault", message="".join(traceback.format_exception(error)))


def _error(failed: Failure) -> BaseException:
    """The error the work raised, made again here from its plain data."""
    from courant.build.templateerrors import TemplateFailed
    from courant.engine import EngineError

    if failed.kind == "sources":
        return ContentError(list(failed.problems))
    if failed.kind == "template":
        return TemplateFailed(failed.problems[0])
    if failed.kind == "engine":
        return EngineError(failed.message)
    if failed.kind == "output":
        return OutputError(failed.message)
    if failed.kind == "machine":
        return SystemFault(failed.message)
    if failed.kind == "stopped":
        return Stopped(failed.signum)
    return RuntimeError(f"fout in het tweede proces van de bouw:\n{failed.message}")


def _stop_when_closed(watched: Connection) -> None:
    """Stop this worker (SIGTERM) once the build has let go of the other end of `watched`:
    it ended, or does not wait any longer. Nothing is ever sent through it."""
    with contextlib.suppress(EOFError, OSError):
        watched.recv_bytes()
    os.kill(os.getpid(), signal.SIGTERM)


def _ended(code: int | None) -> str:
    if code is not None and code < 0:
        return f"signaal {signal.Signals(-code).name}"
    if code is not None:
        return f"code {code}"
    return "zonder uitslag"
