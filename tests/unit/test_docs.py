"""Documentation keeps up with the code (as sqlite-utils' tests/test_docs.py does): every command
is in README.md's command table, and every command explains itself in Dutch."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import ROOT
from courant.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_table() -> str:
    """The table under '## Commands'."""
    match = re.search(r"^## Commands\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, "README.md has no '## Commands' section"
    return match.group(1)


def documented() -> set[str]:
    return set(re.findall(r"^\| `courant ([a-z-]+)", command_table(), re.MULTILINE))


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_is_in_the_readme_table(name: str) -> None:
    assert name in documented(), f"add a row for `courant {name}` to README.md's command table"


def test_the_table_lists_no_command_that_is_gone() -> None:
    assert documented() <= set(main.commands)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_dutch_help(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Toon deze hulp." in result.output
    assert "Show this message" not in result.output
    assert main.commands[name].get_short_help_str(limit=200)  # a line for `courant --help`


def test_the_readme_starts_with_the_two_commands() -> None:
    quick = README[README.index("## Quick start"):README.index("## Commands")]
    assert "make build" in quick and "make test" in quick
