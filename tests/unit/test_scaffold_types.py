"""scaffold.py: `courant new <type> "Titel"` gives a file that passes `courant check`, in the
right folder, named after its title, and never overwrites an editor's file.

(`courant new issue` is tested in test_scaffold.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from courant.build import pipeline
from courant.cli import main
from courant.model import Interview, Kind
from courant.problems import ContentError
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


FILLED = {
    # what an editor writes for each placeholder, by the key it stands on
    "department": "wi", "summary": "Vanaf december werkt de intake anders.",
    "authors": "Anna de Vries", "name": "Kees Jansen", "role": "Schuldhulpverlener",
    "start": '"2026-12-06 15:00"', "end": '"2026-12-06 16:30"', "location": "Stadskantoor",
    "kind": "book", "creator": "Anna de Vries", "link": "https://www.waalstad.nl/boek",
}
PLACEHOLDER = re.compile(r"«[^»]*»")


def fill_in(text: str) -> str:
    """The file as an editor leaves it: every «placeholder» replaced, consent given."""
    lines = []
    for line in text.splitlines():
        key = re.match(r"^(\s*(\w+):) ", line)
        if PLACEHOLDER.search(line):
            if key and key.group(2) in FILLED:
                line = f"{key.group(1)} {FILLED[key.group(2)]}"
            elif line.lstrip().startswith("- "):
                line = "- " + FILLED["authors"]
            else:  # text: a heading or a paragraph
                line = PLACEHOLDER.sub("Vanaf december gaat de intake anders", line)
        lines.append(line)
        if line == "draft: true":
            lines.append("consent: true")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_new_file_as_written_is_refused_line_by_line(tiny: Path, kind: str) -> None:
    """Nothing `courant new` writes can be published before the editor wrote it: each
    placeholder is an error on its own line, quoting what to fill in."""
    folder, _ = TYPES[kind]
    result = new(tiny, kind, TITLE)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Gemaakt: {folder}/{SLUG}.md\nVervang alles tussen « » ")
    path = tiny / folder / f"{SLUG}.md"
    text = path.read_text(encoding="utf-8")
    wanted = [(number, found) for number, line in enumerate(text.splitlines(), start=1)
              for found in PLACEHOLDER.findall(line)]
    assert wanted
    problems = problems_of(tiny)
    for number, found in wanted:
        shown = found if len(found) <= 80 else found[:77]
        assert any(p.startswith(f"{folder}/{SLUG}.md:{number}: ") and shown in p
                   and "is nog de opzet van 'courant new'" in p for p in problems), (found,
                                                                                    problems)
    placeholders = [p for p in problems if "is nog de opzet" in p]
    assert len(placeholders) == len(wanted)
    with pytest.raises(ContentError):
        pipeline.load(pipeline.Project(tiny))


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_new_file_filled_in_passes_check(tiny: Path, kind: str) -> None:
    folder, model_kind = TYPES[kind]
    assert new(tiny, kind, TITLE).exit_code == 0
    path = tiny / folder / f"{SLUG}.md"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert problems_of(tiny) == []  # no error and no warning
    (item,) = pipeline.load(pipeline.Project(tiny)).content.items
    assert item.kind is model_kind
    assert item.title == TITLE  # quotes, '&', '<' and ':' survive the YAML
    assert item.slug == SLUG


def test_every_type_is_offered() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    for kind in ("update", "interview", "event", "reading", "page"):
        assert kind in result.output


def test_new_items_are_dated_today_and_choose_nothing_for_the_editor(tiny: Path) -> None:
    """Dated today (the tests' SOURCE_DATE_EPOCH: 2026-11-22); the department, an event's
    time and place, its series, a tip's link are for the editor to write: no plausible
    value that could be left by mistake."""
    new(tiny, "update", "Nieuw")
    text = (tiny / "content/updates/nieuw.md").read_text(encoding="utf-8")
    assert "\ndate: 2026-11-22\n" in text
    assert ("department: «kies uit wi (Werk en Inkomen), smsr (Schulden, Minima en Sociale "
            "Recherche), mo (Maatschappelijke Ondersteuning), jos (Jeugd, Onderwijs en "
            "Sport)»\n") in text
    new(tiny, "event", "Spotlights december")
    event = (tiny / "content/agenda/spotlights-december.md").read_text(encoding="utf-8")
    assert 'start: "«JJJJ-MM-DD UU:MM, wanneer het begint»"' in event
    assert "location: \"«" in event
    assert "\nseries:" not in event and "#   series: Spotlights" in event  # a comment only
    new(tiny, "reading", "Een boek")
    assert "voorbeeld.nl" not in (tiny / "content/reading/een-boek.md").read_text()


def test_a_new_interview_leaves_consent_to_the_editor(tiny: Path) -> None:
    """The tool never says a colleague agreed: consent is explained in a comment, the key is
    for the editor to write, and the interview is refused until then."""
    new(tiny, "interview", "Kees Jansen")
    path = tiny / "content/interviews/kees-jansen.md"
    text = path.read_text(encoding="utf-8")
    assert "Verwijder dan dit bestand" in text.replace("verwijder dan dit bestand",
                                                        "Verwijder dan dit bestand")
    assert not re.search(r"^consent:", text, re.MULTILINE)
    assert "#   consent: true" in text
    filled = fill_in(text).replace("consent: true\n", "")
    path.write_text(filled, encoding="utf-8")
    assert problems_of(tiny) == [
        f"content/interviews/kees-jansen.md:{filled.splitlines().index('---', 1) + 1}: consent: "
        "ontbreekt; voeg een regel toe zoals 'consent: true' (alleen als de collega "
        "toestemming gaf voor publicatie)"]
    path.write_text(fill_in(text), encoding="utf-8")
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
    assert result.output.startswith("Gemaakt: content/pages/agenda-pagina.md\n")
    path = tiny / "content/pages/agenda-pagina.md"
    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
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
