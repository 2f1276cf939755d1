"""scaffold.py: `courant new`, and `courant new issue` with its date rule from mkdocs.yml."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from courant.build import pipeline
from courant.cli import main
from courant.editorial.scaffold import FOREWORD_HINT, create_issue, issue_date, next_issue_month
from courant.model import Month
from courant.problems import ContentError
from courant.read.config import CourantSettings, parse_issue_day
from projects import problems_of

LAST_THURSDAY = (-1, 3)


def set_issue_day(project: Path, value: str) -> None:
    """Set extra.courant.issue_day in the project's mkdocs.yml."""
    config = project / "mkdocs.yml"
    lines = [line for line in config.read_text().splitlines(keepends=True)
             if not line.lstrip().startswith("issue_day:")]
    at = lines.index("  courant:\n") + 1
    config.write_text("".join([*lines[:at], f"    issue_day: {value}\n", *lines[at:]]))


@pytest.mark.parametrize(("text", "rule"), [
    ("last thursday", (-1, 3)), ("laatste donderdag", (-1, 3)), ("First Monday", (1, 0)),
    ("derde woensdag", (3, 2)), ("25", (0, 25)), (25, (0, 25)),
])
def test_issue_day_rules(text: object, rule: tuple[int, int]) -> None:
    assert parse_issue_day(str(text)) == rule
    assert CourantSettings(issue_day=text).issue_day == str(text)


@pytest.mark.parametrize("text", ["elke donderdag", "fifth friday", "31", "0", "donderdag"])
def test_issue_day_wrong(text: str) -> None:
    with pytest.raises(ValueError, match="is geen verschijningsdag; schrijf bijvoorbeeld "
                                         "'last thursday'"):
        CourantSettings(issue_day=text)


def test_issue_day_wrong_in_mkdocs_yml(demo: Path) -> None:
    set_issue_day(demo, "elke donderdag")
    with pytest.raises(ContentError) as raised:
        pipeline.check(pipeline.Project(demo))
    line = (demo / "mkdocs.yml").read_text().splitlines().index("    issue_day: elke donderdag")
    assert [str(p) for p in raised.value.problems] == [
        f"mkdocs.yml:{line + 1}: extra.courant.issue_day: 'elke donderdag' is geen "
        "verschijningsdag; "
        "schrijf bijvoorbeeld 'last thursday' ('laatste donderdag'), 'first monday' of een dag "
        "van de maand van 1 tot en met 28, zoals '25'"]


@pytest.mark.parametrize(("month", "rule", "expected"), [
    ("2026-11", LAST_THURSDAY, date(2026, 11, 26)),
    ("2026-12", LAST_THURSDAY, date(2026, 12, 31)),
    ("2027-02", LAST_THURSDAY, date(2027, 2, 25)),
    ("2026-10", (1, 3), date(2026, 10, 1)),  # the 1st is a Thursday
    ("2026-11", (2, 0), date(2026, 11, 9)),
    ("2026-11", (0, 15), date(2026, 11, 15)),
])
def test_issue_date(month: str, rule: tuple[int, int], expected: date) -> None:
    assert issue_date(Month.parse(month), rule) == expected


def test_next_issue_month() -> None:
    today = date(2026, 11, 22)
    assert next_issue_month(["2026-09", "2026-12"], today, LAST_THURSDAY) == Month(2027, 1)
    assert next_issue_month([], today, LAST_THURSDAY) == Month(2026, 11)  # the 26th is still ahead
    assert next_issue_month([], date(2026, 11, 27), LAST_THURSDAY) == Month(2026, 12)
    assert next_issue_month(["2026-11"], today, LAST_THURSDAY) == Month(2026, 12)
    assert next_issue_month(["2026-12"], date(2026, 12, 31), (0, 20)) == Month(2027, 1)


def test_new_issue_on_the_demo(demo: Path) -> None:
    result = CliRunner().invoke(main, ["new", "issue", "--map", str(demo)])
    assert result.exit_code == 0, result.output
    assert "Gemaakt: newsletter/2027-01.md (verschijnt op 2027-01-28)" in result.output
    text = (demo / "newsletter" / "2027-01.md").read_text(encoding="utf-8")
    assert text.startswith("---\ndate: 2027-01-28\n")
    assert FOREWORD_HINT in text
    assert text.endswith("\nHartelijke groet,\n\n«je naam», «je functie»\n")  # one line
    problems = [p for p in problems_of(demo) if p.startswith("newsletter/2027-01.md")]
    lines = text.splitlines()
    foreword, signature = lines.index(FOREWORD_HINT) + 1, len(lines)
    assert [p.split(" is nog de opzet")[0] for p in problems] == [
        f"newsletter/2027-01.md:{foreword}: {FOREWORD_HINT[:77]}…»",
        f"newsletter/2027-01.md:{signature}: «je naam»",
        f"newsletter/2027-01.md:{signature}: «je functie»"]
    (demo / "newsletter" / "2027-01.md").write_text(text.replace(FOREWORD_HINT, (
        "Deze maand staat in het teken van de nieuwe werkwijze.")).replace(
        "«je naam», «je functie»", "Fatima el Amrani, hoofd Communicatie"), encoding="utf-8")
    loaded = pipeline.load(pipeline.Project(demo))  # filled in, the new file is valid
    assert not [w for w in loaded.warnings if w.file == "newsletter/2027-01.md"]
    (new,) = [i for i in loaded.content.issues if i.month == "2027-01"]
    assert new.title == "Nieuwsbrief januari 2027"
    again = CliRunner().invoke(main, ["new", "issue", "2027-01", "--map", str(demo)])
    assert again.exit_code == 1 and "bestaat al" in again.output


def test_new_issue_for_a_month_and_by_the_configured_day(demo: Path) -> None:
    set_issue_day(demo, "first monday")
    path = create_issue(demo, date(2026, 11, 22), (1, 0), Month(2027, 3))
    assert path.read_text(encoding="utf-8").startswith("---\ndate: 2027-03-01\n")
    result = CliRunner().invoke(main, ["new", "nieuwsbrief", "2027-04",
                                       "--map", str(demo)])
    assert result.exit_code == 0
    assert (demo / "newsletter" / "2027-04.md").read_text().startswith("---\ndate: 2027-04-05\n")
    wrong = CliRunner().invoke(main, ["new", "issue", "april", "--map", str(demo)])
    assert wrong.exit_code == 2 and "'april' is geen maand" in wrong.output


def test_other_kinds_still_need_a_title(demo: Path) -> None:
    result = CliRunner().invoke(main, ["new", "update", "--map", str(demo)])
    assert result.exit_code == 2
    assert 'Geef een titel op, bijvoorbeeld: courant new update "Nieuwe openingstijden"' in (
        result.output)


def test_a_new_file_is_written_as_the_guide_writes_front_matter(tmp_path: Path) -> None:
    """Bare dates, text with a quote or colon in double quotes (not YAML's doubled quotes)."""
    from courant.editorial.scaffold import create

    path = create(tmp_path, "event", "Spotlights: 'Wat nu?' #2", date(2026, 11, 30),
                  "wi (Werk en Inkomen)")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "title: \"Spotlights: 'Wat nu?' #2\""
    assert lines[2] == 'start: "«JJJJ-MM-DD UU:MM, wanneer het begint»"'
    update = create(tmp_path, "update", "Nieuw", date(2026, 11, 30), "wi (Werk en Inkomen)"
                    ).read_text()
    assert "\ndepartment: «kies uit wi (Werk en Inkomen)»\n" in update
    assert "\ndate: 2026-11-30\n" in update
