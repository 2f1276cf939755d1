"""entry.py: the console script loads courant's commands when it runs, not when it is
imported, as the build's second process imports it again (multiprocessing's main module)."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT


@pytest.mark.spawns
def test_importing_the_entry_point_loads_no_command() -> None:
    found = subprocess.run(
        [sys.executable, "-c", "import sys, courant.entry; "
         "print(sorted(m for m in sys.modules if m.startswith('courant')))"],
        capture_output=True, text=True, check=True).stdout
    assert found.strip() == "['courant', 'courant.entry']"


@pytest.mark.spawns
def test_the_entry_point_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-c", "from courant.entry import main; main()",
                           "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("courant ")


def test_the_console_script_is_the_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"] == {"courant": "courant.entry:main"}
