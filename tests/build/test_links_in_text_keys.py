"""Title, summary and the other text keys are text, shown as written: a link typed there is
not resolved, so in a partner-visible source it would show partners the file name it names (a
staff item's, often). Such a link is an error naming the key; the body is where links go."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, copy_project
from courant.build import pipeline
from courant.problems import ContentError

ITEM = """---
title: {title}
date: 2026-11-09
department: wi
audience: {audience}
summary: '{summary}'
---
Tekst met een [gewone link](lektoken-upddef.md).
"""


def project(tmp_path: Path, title: str = "Titel", summary: str = "Samenvatting.",
            audience: str = "partners") -> Path:
    root = copy_project(tmp_path / "p", content_from=FIXTURES / "leak")
    (root / "content" / "updates" / "tekstlink.md").write_text(
        ITEM.format(title=title, summary=summary, audience=audience), encoding="utf-8")
    return root


def text_link_problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as raised:
        pipeline.load(pipeline.Project(root))
    return [f"{p.file}:{p.line}: {p.key}" for p in raised.value.problems
            if "is tekst" in p.message]


@pytest.mark.parametrize("summary", [
    "Zie [de notitie](lektoken-upddef.md).",
    'Zie <a href="lektoken-moved.md">x</a>.',
    "Een plaatje ![i](../media/lektoken-bodyimg.png).",
])
def test_a_link_in_a_partner_summary_is_an_error(tmp_path: Path, summary: str) -> None:
    assert text_link_problems(project(tmp_path, summary=summary)) == [
        "content/updates/tekstlink.md:6: summary"]


def test_a_link_in_a_partner_title_is_an_error(tmp_path: Path) -> None:
    assert text_link_problems(project(tmp_path, title="Over [de notitie](lektoken-upddef.md)")) \
        == ["content/updates/tekstlink.md:2: title"]


@pytest.mark.parametrize("summary", ["Zie [de site](https://www.waalstad.nl/).",
                                     "Haakjes [zo] en {zo} en a < b."])
def test_web_addresses_and_brackets_may_stand_in_text(tmp_path: Path, summary: str) -> None:
    pipeline.load(pipeline.Project(project(tmp_path, summary=summary)))


def test_a_staff_item_is_not_checked(tmp_path: Path) -> None:
    pipeline.load(pipeline.Project(project(
        tmp_path, summary="Zie [de notitie](lektoken-upddef.md).", audience="staff")))
