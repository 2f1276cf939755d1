"""`courant check FILE...`: an editor checks their own piece, without the others' problems;
the rules between files (links, department keys) still use the whole project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from courant.cli import main
from projects import BROKEN, place_case, tiny_project


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    root = tiny_project(tmp_path / "p")
    place_case(BROKEN / "updates" / "x.md", root)  # someone else's error
    place_case(BROKEN / "updates" / "unknown-keys.md", root)  # and warning
    return root


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["check", *args, "--map", str(root)])


MINE = "content/updates/mijn-stuk.md"


def test_a_good_file_passes_though_others_are_broken(tiny: Path) -> None:
    write(tiny, MINE, "---\ntitle: Mijn stuk\ndate: 2026-11-02\ndepartment: wi\n---\nTekst.\n")
    everything = check(tiny)
    assert everything.exit_code == 1 and "content/updates/x.md:3" in everything.output
    result = check(tiny, MINE)
    assert result.exit_code == 0, result.output
    assert result.output == "Alles in orde.\n"


def test_only_the_problems_of_the_files_given(tiny: Path) -> None:
    write(tiny, MINE, "---\ntitle: Mijn stuk\ndate: 2026-11-02\ndepartment: MO\n---\n"
          "Zie [het beleid](weg.md).\n")
    result = check(tiny, MINE)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == [
        f"{MINE}:4: department: \"MO\" is geen afdeling; schrijf 'department: mo' "
        "(Maatschappelijke Ondersteuning)",
        f'{MINE}:6: de link naar "weg.md" wijst naar een bestand dat niet bestaat; controleer '
        "de naam en de map (de link is relatief aan dit bestand)"]
    assert lines[2].startswith("2 fouten gevonden")
    assert "x.md" not in result.output and "unknown-keys" not in result.output


def test_links_to_other_files_are_checked_against_the_whole_project(tiny: Path) -> None:
    """A link to another (valid) piece passes; a link to a draft warns, as without FILE."""
    write(tiny, "content/updates/ander.md", "---\ntitle: Ander\ndate: 2026-11-01\n"
          "department: wi\ndraft: true\n---\nTekst.\n")
    write(tiny, MINE, "---\ntitle: Mijn stuk\ndate: 2026-11-02\ndepartment: wi\n---\n"
          "Zie [het andere stuk](ander.md).\n")
    result = check(tiny, MINE)
    assert result.exit_code == 0, result.output
    assert f'{MINE}:6: (waarschuwing) de link naar "ander.md" gaat naar een concept' in (
        result.output)


def test_several_files_absolute_paths_and_folders(tiny: Path) -> None:
    write(tiny, MINE, "---\ntitle: Mijn stuk\ndate: 2026-11-02\ndepartment: wi\n---\nTekst.\n")
    absolute = check(tiny, str(tiny / MINE), "content/updates/unknown-keys.md")
    assert absolute.exit_code == 1
    assert "unknown-keys.md:5: summery:" in absolute.output and "x.md" not in absolute.output
    folder = check(tiny, "content/updates")
    assert "content/updates/x.md:3" in folder.output


def test_from_the_working_folder(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tiny, MINE, "---\ntitle: Mijn stuk\ndate: 2026-11-02\ndepartment: wi\n---\nTekst.\n")
    monkeypatch.chdir(tiny / "content" / "updates")
    result = CliRunner().invoke(main, ["check", "mijn-stuk.md", "--map", os.path.join("..", "..")])
    assert result.exit_code == 0, result.output


def test_a_file_outside_the_sources_is_said_plainly(tiny: Path) -> None:
    result = check(tiny, "mkdocs.yml")
    assert result.exit_code == 2
    assert "mkdocs.yml staat niet in content/ of newsletter/ van het project" in result.output
    missing = check(tiny, "content/updates/bestaat-niet.md")
    assert missing.exit_code == 2
    assert "content/updates/bestaat-niet.md bestaat niet; controleer de naam" in missing.output
    outside = check(tiny, str(tiny.parent))
    assert outside.exit_code == 2 and "staat niet in content/ of newsletter/" in outside.output
