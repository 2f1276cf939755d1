"""scripts/callsteps.py (issue 11's figure) still finds the build command and the swap."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.spawns
def test_callsteps_counts_from_the_build_command_to_the_swap() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "callsteps.py"), "--list"],
                          capture_output=True, text=True, timeout=300, check=True)
    total = re.search(r"into dist/: (\d+) functions", done.stdout)
    cache = re.search(r"in cache modules .*: (\d+)", done.stdout)
    assert total and cache, done.stdout
    assert int(total[1]) > 100 and 0 <= int(cache[1]) < int(total[1])
    steps = dict(re.findall(r"^(courant\S*) \(\d+\): (.*)$", done.stdout, re.MULTILINE))
    assert steps["courant.cli.site"].split(", ")[0] == "build"  # where the count starts
    assert "_swap" in steps["courant.build.output"].split(", ")  # and where it ends
    assert not any(name.startswith("<") for names in steps.values()
                   for name in names.split(", "))
