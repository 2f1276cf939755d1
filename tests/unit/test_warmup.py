"""build/warmup.py: scoring new texts on two cores changes no warning, and leaves every text scored
for the writing check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from courant.build import pipeline, warmup
from courant.build.cache import Cache


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
