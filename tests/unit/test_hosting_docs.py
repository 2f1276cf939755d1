"""docs/hosting.md shows the files courant ships, word for word, and the systemd unit is one
systemd accepts (systemd-analyze verify, with nothing to warn about)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HOSTING = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")
UNIT = ROOT / "scripts" / "systemd" / "courant-service.service"
SNIPPET = ROOT / "scripts" / "nginx" / "abonnement.conf"


@pytest.mark.parametrize("shipped", [UNIT, SNIPPET], ids=lambda p: p.name)
def test_the_hosting_docs_show_the_shipped_file(shipped: Path) -> None:
    assert shipped.read_text(encoding="utf-8") in HOSTING


@pytest.mark.spawns  # systemd-analyze
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("needs systemd-analyze (Debian's systemd)")
    unit = tmp_path / UNIT.name
    courant = Path(sys.executable).parent / "courant"  # the unit's binary must exist
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(
        "/srv/courant/.venv/bin/courant", str(courant)), encoding="utf-8")
    result = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")


def test_the_docs_say_the_defaults_the_command_has() -> None:
    from courant.cli import main

    options = {p.name: p.default for p in main.commands["service"].params}
    assert options["host"] == "127.0.0.1" and "--host 127.0.0.1" in HOSTING
    assert options["port"] == 8025 and "127.0.0.1:8025" in SNIPPET.read_text(encoding="utf-8")
    assert options["per_minute"] == 30 and "30 requests a minute" in HOSTING
