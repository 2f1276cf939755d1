"""scaffold.py: `courant new <type> "Titel"` gives a file that passes `courant check`, in the
right folder, named after its title, and never overwrites an editor's file.

(`courant new issue` is tested in test_scaffold.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from courant.build import pipeline
from courant.cli import main
from courant.model import Event, Interview, Kind
from projects import problems_of, tiny_project

TYPES = {
    # type (and its Dutch aliases) -> folder, kind
    "update": ("content/updates", Kind.UPDATE),
    "nieuws": ("content/updates", Kind.UPDATE),
    "interview": ("content/interviews", Kind.INTERVIEW),
    "event": ("content/agenda", Kind.EVENT),
    "agenda": ("content/agenda", Kind.EVENT),
    "reading": ("content/reading", Kind.READING),
    "tip": ("content/reading", Kind.READING),
    "boekenkast": ("content/reading", Kind.READING),
    "page": ("content/pages", Kind.PAGE),
    "pagina": ("content/pages", Kind.PAGE),
}
TITLE = 'Nieuwe werkwijze: "intake" & <aanvraag> bij Café Noord'
SLUG = "nieuwe-werkwijze-intake-aanvraag-bij-cafe-noord"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    return tiny_project(tmp_path / "p")


def new(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["new", *args, "--map", str(root)])


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_new_file_passes_check(tiny: Path, kind: str) -> None:
    folder, model_kind = TYPES[kind]
    result = new(tiny, kind, TITLE)
    assert result.exit_code == 0, result.output
    assert result.output == f"Gemaakt: {folder}/{SLUG}.md\n"
    assert (tiny / folder / f"{SLUG}.md").is_file()
    assert problems_of(tiny) == []  # no error and no warning
    (item,) = pipeline.load(pipeline.Project(tiny)).content.items
    assert item.kind is model_kind
    assert item.title == TITLE  # quotes, '&', '<' and ':' survive the YAML
    assert item.slug == SLUG


def test_every_type_is_offered() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    for kind in ("update", "interview", "event", "reading", "page"):
        assert kind in result.output


def test_new_items_are_filled_in_for_today(tiny: Path) -> None:
    """Dated today (the tests' SOURCE_DATE_EPOCH: 2026-11-22), the first department."""
    new(tiny, "update", "Nieuw")
    text = (tiny / "content/updates/nieuw.md").read_text(encoding="utf-8")
    assert "date: '2026-11-22'" in text or "date: 2026-11-22" in text
    assert "department: wi" in text
    new(tiny, "event", "Spotlights december")
    (event,) = [i for i in pipeline.load(pipeline.Project(tiny)).content.items
                if isinstance(i, Event)]
    assert event.start_day.isoformat() == "2026-12-06"  # two weeks ahead
    assert event.start < event.end


def test_a_new_interview_is_a_draft_until_the_colleague_agreed(tiny: Path) -> None:
    new(tiny, "interview", "Kees Jansen")
    text = (tiny / "content/interviews/kees-jansen.md").read_text(encoding="utf-8")
    assert "Verwijder dan dit bestand" in text
    (item,) = pipeline.load(pipeline.Project(tiny)).content.items
    assert isinstance(item, Interview)
    assert item.draft  # not built until the editor takes draft: true out


def test_never_overwrites(tiny: Path) -> None:
    assert new(tiny, "update", "Nieuw").exit_code == 0
    path = tiny / "content/updates/nieuw.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMijn eigen tekst.\n", encoding="utf-8")
    before = path.read_bytes()
    result = new(tiny, "update", "Nieuw")
    assert result.exit_code == 1
    assert "bestaat al; kies een andere titel of open dat bestand." in result.output
    assert path.read_bytes() == before


def test_the_same_name_in_a_sub_folder_counts_too(tiny: Path) -> None:
    """Sub-folders carry no meaning: a second 'nieuw' would be a duplicate web address."""
    old = tiny / "content/updates/2025/Nieuw.md"
    old.parent.mkdir(parents=True)
    old.write_text("---\ntitle: Oud\ndate: 2025-01-02\ndepartment: wi\n---\nT.\n",
                   encoding="utf-8")
    result = new(tiny, "update", "Nieuw")
    assert result.exit_code == 1
    assert "Nieuw.md bestaat al" in result.output
    assert not (tiny / "content/updates/nieuw.md").exists()
    assert problems_of(tiny) == []


def test_a_page_does_not_take_a_name_courant_uses(tiny: Path) -> None:
    result = new(tiny, "page", "Agenda")
    assert result.output == "Gemaakt: content/pages/agenda-pagina.md\n"
    assert problems_of(tiny) == []


def test_a_title_is_required(tiny: Path) -> None:
    result = new(tiny, "update")
    assert result.exit_code == 2
    assert 'Geef een titel op, bijvoorbeeld: courant new update "Nieuwe openingstijden"' in \
        result.output


def test_an_unknown_type_is_refused_in_dutch(tiny: Path) -> None:
    result = new(tiny, "blog", "Titel")
    assert result.exit_code == 2
    assert "blog" in result.output
    assert not any((tiny / "content").rglob("titel.md"))
