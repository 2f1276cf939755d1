"""build/warmup.py: scoring new texts on two cores changes no warning, and leaves every text scored
for the writing check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from courant.build import pipeline, warmup, workers
from courant.build.cache import Cache, digest
from courant.build.workers import Child
from courant.check.writing import Readability, analyse


def warnings(root: Path) -> list[str]:
    shutil.rmtree(root / ".cache", ignore_errors=True)
    return [str(problem) for problem in pipeline.load(pipeline.Project(root)).warnings]


def test_the_same_warnings_with_and_without_warming_up(demo: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 10**9)
    alone = warnings(demo)
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    scored: list[str] = []
    monkeypatch.setattr(pipeline, "analyse", lambda text: scored.append(text))  # never called
    assert warnings(demo) == alone
    assert scored == []  # the check found every text already scored
    assert len(Cache.at(demo).shelf("writing").kept) > 10


def test_a_failed_check_stops_the_second_process_and_keeps_no_score(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C (or any error) while the sources are checked: the process scoring texts
    beside the check ends with it, and the shelf is left as it was."""
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    started: list[Child[object]] = []

    def in_child(*args: object) -> Child[object]:
        started.append(workers.in_child(*args))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(warmup, "in_child", in_child)
    shelf = Cache.at(demo).shelf("writing")
    with pytest.raises(KeyboardInterrupt), warmup.writing_scored(["Een tekst."] * 3 + [
            f"Tekst {n}." for n in range(10)], shelf):
        raise KeyboardInterrupt
    (child,) = started
    assert child.process is not None and child.process.exitcode is not None
    assert shelf.used == {} and not shelf.changed


def test_every_text_is_scored_whichever_process_scored_it(demo: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warmup, "WORTH_A_PROCESS", 1)
    texts = [f"Tekst nummer {n}. Nog een zin." for n in range(20)]
    shelf = Cache.at(demo).shelf("writing")
    with warmup.writing_scored(texts, shelf):
        pass
    def summed(found: Readability | None) -> object:  # the hard sentences: all a pickle holds
        return None if found is None else (found.score, found.words, found.hard)
    assert [summed(shelf.get(digest(text))) for text in texts] == [
        summed(analyse(text)) for text in texts]
