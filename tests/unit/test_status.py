"""editorial/status.py and status_view.py: where the next issue stands, per edition."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from conftest import copy_project
from courant.build import pipeline
from courant.cli import main
from courant.clock import AMSTERDAM
from courant.editorial.scaffold import FOREWORD
from courant.editorial.status import default_month, status_report
from courant.model import (
    Audience,
    Content,
    Department,
    Event,
    Image,
    Interview,
    Issue,
    Item,
    Kind,
    Person,
    Update,
)
from courant.read.config import DEFAULT_SECTIONS

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)
SECTIONS = tuple((Kind(k), title) for k, title in DEFAULT_SECTIONS.items())
DEPARTMENTS = (Department("wi", "Werk en Inkomen"), Department("mo", "Ondersteuning"),
               Department("jos", "Jeugd"))
ISSUES = (
    Issue(PurePosixPath("newsletter/2026-10.md"), "2026-10", date(2026, 10, 29), "Oktober",
          "Voorwoord."),
    Issue(PurePosixPath("newsletter/2026-11.md"), "2026-11", date(2026, 11, 26), "November",
          "Voorwoord."),
    Issue(PurePosixPath("newsletter/2026-12.md"), "2026-12", date(2026, 12, 17), "December",
          "Voorwoord."),
)


def update(slug: str, day: date, audience: Audience = Audience.STAFF, department: str = "wi",
           **extra: object) -> Update:
    extra.setdefault("summary", "Kort.")
    return Update(source=PurePosixPath(f"content/updates/{slug}.md"), slug=slug, title=slug,
                  body=f"Tekst van {slug}.", date=day, audience=audience, department=department,
                  **extra)  # type: ignore[arg-type]


def interview(slug: str, day: date, image: bool = True) -> Interview:
    return Interview(source=PurePosixPath(f"content/interviews/{slug}.md"), slug=slug,
                     title=slug, body="Vraag en antwoord.", date=day, audience=Audience.ALL,
                     summary="Kort.", person=Person("Kees"),
                     image=Image(PurePosixPath("media/kees.jpg"), "Kees") if image else None)


def report(items: list[Item], month: str | None = None, issues: tuple[Issue, ...] = ISSUES):
    content = Content(DEPARTMENTS, tuple(items), issues)
    return status_report(content, NOW, SECTIONS, 8, month)


def sources(items) -> list[str]:
    return [PurePosixPath(i.source).stem for i in items]


def test_default_month_is_the_next_issue_not_out_yet() -> None:
    content = Content(DEPARTMENTS, (), ISSUES)
    assert default_month(content, NOW) == "2026-11"
    late = datetime(2026, 11, 26, 0, 0, tzinfo=AMSTERDAM)  # the issue is out at midnight
    assert default_month(content, late) == "2026-12"
    assert default_month(content, datetime(2027, 1, 1, tzinfo=AMSTERDAM)) is None


def test_editions_hold_what_the_privacy_gate_lets_through() -> None:
    items = [update("voor-iedereen", date(2026, 11, 10), Audience.ALL),
             update("alleen-staf", date(2026, 11, 11), Audience.STAFF, "mo"),
             update("voor-partners", date(2026, 11, 12), Audience.PARTNERS, "jos")]
    staff, partners = report(items).editions
    assert (staff.edition, partners.edition) == ("staff", "partners")
    assert sources(staff.sections[0].items) == ["alleen-staf", "voor-iedereen"]
    assert sources(partners.sections[0].items) == ["voor-partners", "voor-iedereen"]
    assert [d.key for d in staff.missing_departments] == ["jos"]
    assert [d.key for d in partners.missing_departments] == ["mo"]
    assert report(items).partner_share == (2, 3)


def test_items_of_other_issues_and_until_the_issue_date() -> None:
    items = [update("oktober", date(2026, 10, 20)), update("op-de-dag", date(2026, 11, 26)),
             update("verplaatst", date(2026, 11, 5), issue="2026-12")]
    staff = report(items).editions[0]
    assert sources(staff.sections[0].items) == ["op-de-dag"]
    assert sources(report(items, "2026-12").editions[0].sections[0].items) == ["verplaatst"]


def test_drafts_and_items_after_the_issue_date() -> None:
    items = [update("concept", date(2026, 11, 20), draft=True),
             update("later", date(2026, 12, 3)),
             update("te-laat-voor-november", date(2026, 12, 1), issue="2026-11"),
             update("na-het-laatste-nummer", date(2027, 1, 5))]
    result = report(items)
    assert sources(result.drafts) == ["concept"]
    assert [(PurePosixPath(i.source).stem, i.issue) for i in result.after_issue] == [
        ("te-laat-voor-november", "2026-11"), ("later", "2026-12"),
        ("na-het-laatste-nummer", None)]
    assert all(not s.items for s in result.editions[0].sections if s.kind == "updates")


def test_agenda_window_per_edition() -> None:
    def event(slug: str, day: date, audience: Audience) -> Event:
        return Event(source=PurePosixPath(f"content/agenda/{slug}.md"), slug=slug, title=slug,
                     body="", audience=audience, start=day, end=day, cancelled=slug == "afgelast")

    items = [event("ervoor", date(2026, 11, 25), Audience.ALL),
             event("afgelast", date(2026, 12, 1), Audience.ALL),
             event("staf", date(2026, 12, 2), Audience.STAFF),
             event("te-ver", date(2027, 1, 22), Audience.ALL)]
    staff, partners = report(items).editions
    agenda = {e.edition: next(s for s in e.sections if s.kind == "agenda")
              for e in (staff, partners)}
    assert sources(agenda["staff"].items) == ["afgelast", "staf"]
    assert sources(agenda["partners"].items) == ["afgelast"]
    assert agenda["staff"].items[0].cancelled
    assert staff.news_count == 0


def test_warnings_summary_image_foreword() -> None:
    issues = (ISSUES[0], Issue(ISSUES[1].source, "2026-11", date(2026, 11, 26), "November",
                               FOREWORD), ISSUES[2])
    items = [update("zonder", date(2026, 11, 10), summary=None),
             update("lang", date(2026, 11, 11), summary="x" * 301),
             update("precies", date(2026, 11, 12), summary="x" * 300),
             interview("zonder-foto", date(2026, 11, 13), image=False),
             interview("met-foto", date(2026, 11, 14))]
    notes = [(n.source, n.message) for n in report(items, issues=issues).warnings]
    assert notes == [
        ("newsletter/2026-11.md", "het voorwoord is nog de opzet van 'courant new issue'; "
                                  "schrijf het voorwoord"),
        ("content/interviews/zonder-foto.md", "interview zonder foto (image); een portret maakt "
                                              "Collega in beeld persoonlijk"),
        ("content/updates/lang.md", "de samenvatting is 301 tekens; houd hem onder 300"),
        ("content/updates/zonder.md", "heeft geen samenvatting (summary); de nieuwsbrief toont "
                                      "nu de eerste alinea"),
    ]


def test_no_issue_to_report() -> None:
    waiting = update("wacht", date(2027, 2, 1))
    late = status_report(Content(DEPARTMENTS, (waiting,), ISSUES),
                         datetime(2027, 1, 10, tzinfo=AMSTERDAM), SECTIONS)
    assert late.month is None and not late.editions
    assert late.notes == ("Er is geen nummer dat nog moet verschijnen. Maak het volgende met "
                          "'courant new issue'.",)
    assert sources(late.after_issue) == ["wacht"]
    unknown = report([], "2027-05")
    assert unknown.notes == ("Er is geen nummer 2027-05 (newsletter/2027-05.md). Er zijn "
                             "nummers voor: 2026-10, 2026-11, 2026-12.",)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("status") / "demo")


def test_demo_next_issue_per_edition_with_missing_departments(demo_root: Path) -> None:
    loaded = pipeline.load(pipeline.Project(demo_root))
    result = status_report(loaded.content, NOW, loaded.config.sections)
    assert (result.month, result.date) == ("2026-11", "2026-11-26")
    missing = {e.edition: [d.key for d in e.missing_departments] for e in result.editions}
    assert missing == {"staff": ["smsr", "jos"], "partners": ["smsr", "jos"]}
    partner_items = [i for s in result.editions[1].sections for i in s.items]
    assert partner_items and all(i.audience in ("partners", "all") for i in partner_items)
    assert "content/updates/2026/wijkteam-noord-verhuist.md" in [
        i.source for i in status_report(loaded.content, NOW, loaded.config.sections,
                                        month="2026-12").drafts]


def test_cli_status_text_and_json(demo_root: Path) -> None:
    runner = CliRunner()
    text = runner.invoke(main, ["status", "--map", str(demo_root)], env={"COLUMNS": "160"})
    assert text.exit_code == 0, text.output
    for expected in ("Nieuwsbrief november 2026", "Editie medewerkers", "Editie partners",
                     "Nog geen update van: Schulden, Minima en Sociale Recherche, Jeugd, "
                     "Onderwijs en Sport", "Aandeel partners"):
        assert expected in text.output
    as_json = runner.invoke(main, ["status", "2026-12", "--format", "json", "--map",
                                   str(demo_root)])
    assert as_json.exit_code == 0
    data = json.loads(as_json.output)
    assert data["month"] == "2026-12"
    assert [e["edition"] for e in data["editions"]] == ["staff", "partners"]
    assert set(data["partner_share"]) == {"partners", "total"}
    missing = runner.invoke(main, ["status", "2030-01", "--map", str(demo_root)])
    assert missing.exit_code == 0 and "Er is geen nummer 2030-01" in missing.output


def test_cli_status_with_a_broken_file_shows_the_rest_and_the_error(demo: Path) -> None:
    """Its help promises exit code 0: an overview, not a check. A file with an error is left
    out and its error listed; the rest of the issue is shown as it stands."""
    broken = demo / "content" / "updates" / "kapot.md"
    broken.write_text("---\ntitle: Kapot\ndate: 2026-11-02\ndepartment: wijk\n---\nTekst.\n",
                      encoding="utf-8")
    runner = CliRunner()
    text = runner.invoke(main, ["status", "--map", str(demo)], env={"COLUMNS": "250"})
    assert text.exit_code == 0, text.output
    assert ('content/updates/kapot.md:4: department: "wijk" is geen afdeling; kies uit wi '
            "(Werk en Inkomen)") in text.output
    for expected in ("Nieuwsbrief november 2026", "Editie medewerkers", "Editie partners"):
        assert expected in text.output
    assert "Kapot" not in text.output.replace("kapot.md", "")
    as_json = runner.invoke(main, ["status", "--format", "json", "--map", str(demo)])
    assert as_json.exit_code == 0
    data = json.loads(as_json.output)
    assert data["month"] == "2026-11" and len(data["errors"]) == 1
    assert data["errors"][0].startswith("content/updates/kapot.md:4: department:")


def test_cli_status_names_later_items_after_the_issue_date(demo: Path) -> None:
    text = CliRunner().invoke(main, ["status", "--map", str(demo)], env={"COLUMNS": "250"})
    assert "Na de verschijningsdatum: niet in dit nummer" in text.output
    assert "embargo" not in text.output.split("Na de verschijningsdatum")[1]
