"""scripts/bench's corpus generator makes a valid, varied project (behaviour, not timing)."""

from __future__ import annotations

import sys
from pathlib import Path

from courant.build import pipeline
from courant.model import Event, Interview, Kind, ReadingTip, Update

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from corpus import generate, touch_items


def test_generated_corpus_passes_check_and_has_every_kind(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "bench", 300)
    project = pipeline.Project(corpus.root)
    pipeline.check(project)  # raises ContentError on any error
    content = pipeline.load(project).content
    kinds = {item.kind for item in content.items}
    assert kinds == set(Kind)
    events = [i for i in content.items if isinstance(i, Event)]
    assert any(e.all_day for e in events) and any(e.cancelled for e in events)
    assert {t.reading_kind for t in content.items if isinstance(t, ReadingTip)} == {
        "book", "article", "video", "podcast", "website"}
    assert all(i.image for i in content.items if isinstance(i, Interview))
    assert {i.audience for i in content.items} == {"staff", "partners", "all"}
    assert {u.department for u in content.items if isinstance(u, Update)} >= {"wi", "jos"}
    assert len(content.issues) >= 10
    words = [len(u.body.split()) for u in content.items if isinstance(u, Update)]
    assert min(words) >= 290 and max(words) <= 1050  # 300-900, plus the last paragraph


def test_generator_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 40)
    second = generate(tmp_path / "b", 40)
    for a, b in zip(first.items, second.items, strict=True):
        assert a.read_bytes() == b.read_bytes()
    originals = touch_items(first, 5)
    assert len(originals) == 5
    assert all(path.read_bytes() != data for path, data in originals.items())
