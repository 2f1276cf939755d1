"""Click's own texts (usage line, headings, a mistyped command or option) are Dutch too."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from courant.cli import main

ENGLISH = re.compile(r"Usage|Options|Commands|Error|Try |No such|Invalid|Missing|Got unexpected"
                     r"|is not one of|does not exist")


@pytest.mark.parametrize(("args", "dutch"), [
    (["bouw"], "De opdracht 'bouw' bestaat niet."),
    (["build", "--snel"], "De optie '--snel' bestaat niet."),
    (["status", "--format", "xml"], "'xml' kan hier niet; kies uit 'tekst', 'json'."),
    (["status", "2026-11", "extra"], "Een argument te veel (extra)"),
    (["new"], "Ontbrekend argument 'SOORT'"),
    (["check", "--map"], "De optie '--map' heeft een waarde nodig."),
    (["check", "--strikt=ja"], "De optie '--strikt' krijgt geen waarde."),
])
def test_a_mistyped_command_is_answered_in_dutch(args: list[str], dutch: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="courant")
    assert result.exit_code == 2
    assert dutch in result.output
    assert result.output.startswith(("Gebruik: courant", "Fout: "))
    assert not ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("args", [["--help"], *([name, "--help"] for name in main.commands)])
def test_help_has_dutch_headings(args: list[str]) -> None:
    result = CliRunner().invoke(main, args, prog_name="courant")
    assert result.exit_code == 0
    assert result.output.startswith("Gebruik: courant")
    assert "[OPTIES]" in result.output and "Opties:" in result.output
    assert not ENGLISH.search(result.output), result.output
