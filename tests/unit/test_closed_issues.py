"""An issue that went out never changes: its mail and web version are made from its record
(newsletter/YYYY-MM.sent.yml); a back-dated item goes into the next open issue, and courant
check says so; `issue:` naming a closed issue is an error; courant status shows what is
closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import copy_project
from courant import clock
from courant.build import pipeline
from courant.build.mails import build_mails, mail_files
from courant.cli import main
from courant.deliver.send import Request, send_issue
from courant.issues import place_items
from courant.problems import ContentError
from mailservers import AFTER_NOVEMBER

LATE = """---
title: Nagekomen nieuws over de Wmo
date: 2026-11-20
department: mo
audience: all
summary: Dit bericht kwam binnen nadat de nieuwsbrief van november al verstuurd was.
---
Een stuk dat te laat binnenkwam.
"""


pytestmark = pytest.mark.usefixtures("after_november")


def november(root: Path) -> dict[str, bytes]:
    """The November mails and web versions of both editions."""
    loaded = pipeline.load(pipeline.Project(root))
    files = {name: data for name, data in mail_files(build_mails(
        loaded.config, loaded.content, clock.now(), root)).items()
        if name.startswith("2026-11/")}
    for name, site in pipeline.sites(loaded, clock.now(), syndication=False).items():
        for page in site.pages:
            if page.path == "nieuwsbrief/2026-11/index.md":
                files[f"{name}/{page.path}"] = page.markdown.encode()
    return files


def close_november(root: Path) -> None:
    for edition in ("staff", "partners"):
        send_issue(pipeline.Project(root), Request("2026-11", edition, mark_sent=True))


def test_a_closed_issue_does_not_change_when_a_back_dated_item_is_added(
        tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    close_november(root)
    before = november(root)
    assert len(before) == 9, "3 files and a manifest per edition, two web versions"
    (root / "content" / "updates" / "nagekomen.md").write_text(LATE, encoding="utf-8")
    assert november(root) == before
    loaded = pipeline.load(pipeline.Project(root))
    placed = place_items(loaded.content.items, loaded.content.issues, "partners")
    assert [i.title for i in placed["2026-12"]].count("Nagekomen nieuws over de Wmo") == 1
    assert "Nagekomen nieuws over de Wmo" not in [i.title for i in placed["2026-11"]]
    assert [str(w) for w in loaded.warnings if "nagekomen" in w.file] == [
        "content/updates/nagekomen.md:3: (waarschuwing) date: staat vóór nieuwsbrief 2026-11, "
        "maar die is al verstuurd (medewerkers en partners op 27 november 2026); het stuk komt "
        "in nieuwsbrief 2026-12"]


def test_without_the_record_the_same_item_would_change_the_issue(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    before = november(root)
    (root / "content" / "updates" / "nagekomen.md").write_text(LATE, encoding="utf-8")
    after = november(root)
    assert after["2026-11/partners.html"] != before["2026-11/partners.html"]


def test_issue_naming_a_closed_issue_is_an_error(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    close_november(root)
    (root / "content" / "updates" / "nagekomen.md").write_text(
        LATE.replace("audience: all\n", "audience: all\nissue: 2026-11\n"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        pipeline.load(pipeline.Project(root))
    assert [str(p) for p in error.value.problems if p.is_error] == [
        "content/updates/nagekomen.md:6: issue: nieuwsbrief 2026-11 is al verstuurd "
        "(medewerkers en partners op 27 november 2026) en verandert niet meer; kies een nummer "
        "dat nog moet komen, zoals 2026-12, of haal de regel weg"]


def test_an_item_the_issue_held_may_keep_its_issue_key(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    (root / "content" / "updates" / "nagekomen.md").write_text(
        LATE.replace("audience: all\n", "audience: all\nissue: 2026-11\n"), encoding="utf-8")
    close_november(root)
    assert not [w for w in pipeline.load(pipeline.Project(root)).warnings
                if "nagekomen" in w.file]


def test_a_broken_record_is_named(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    (root / "newsletter" / "2026-11.sent.yml").write_text(
        "partners:\n  sent: gisteren\n", encoding="utf-8")
    (root / "newsletter" / "2025-01.sent.yml").write_text(
        "staff:\n  sent: '2025-01-30T08:00:00+01:00'\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        pipeline.load(pipeline.Project(root))
    assert [str(p) for p in error.value.problems if p.is_error] == [
        "newsletter/2025-01.sent.yml: hoort bij newsletter/2025-01.md, maar dat nummer bestaat "
        "niet (meer); zet het nummer terug, of haal dit bestand alleen weg als het nooit "
        "verstuurd is",
        "newsletter/2026-11.sent.yml: partners.sent: 'gisteren' is geen tijdstip met tijdzone, "
        "zoals '2026-11-26T08:00:00+01:00'"]


def test_status_shows_which_issues_are_closed(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "demo")
    send_issue(pipeline.Project(root), Request("2026-11", "partners", mark_sent=True))
    result = CliRunner().invoke(main, ["status", "--map", str(root)],
                                env={"SOURCE_DATE_EPOCH": AFTER_NOVEMBER, "COLUMNS": "200"})
    assert ("Verstuurd en gesloten: 2026-11 (partners op 27 november 2026, buiten courant)"
            in result.output)
    data = CliRunner().invoke(main, ["status", "--format", "json", "--map", str(root)],
                              env={"SOURCE_DATE_EPOCH": AFTER_NOVEMBER}).output
    assert '"edition": "partners",\n      "sent": "2026-11-27T12:00:00+01:00"' in data
