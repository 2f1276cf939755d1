"""oserrors: what the machine refused, as a Dutch sentence with what to do."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from courant.build.oserrors import explain


def test_a_full_disk_names_where_the_build_goes_not_the_file_copied() -> None:
    error = OSError(errno.ENOSPC, "No space left on device", "/venv/material/search.js")
    assert explain(error, Path("/srv/courant/dist")) == (
        "de schijf is vol; maak ruimte vrij op de schijf van /srv/courant/dist en bouw opnieuw "
        "(ENOSPC)")
    assert explain(error) == ("de schijf is vol; maak ruimte vrij op de schijf van het project "
                              "en bouw opnieuw (ENOSPC)")


def test_no_permission_names_the_folder_relative_to_where_courant_runs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    error = PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "dist"))
    assert explain(error) == (
        "er is geen toestemming voor dist; bouw als de gebruiker die eigenaar is van het "
        "project, of geef die gebruiker schrijfrecht op die map (EACCES)")


def test_a_busy_dist_suggests_a_link() -> None:
    error = OSError(errno.EBUSY, "Device or resource busy", "dist")
    assert explain(error).startswith("dist is in gebruik en kan niet vervangen worden")
    assert "symbolische koppeling" in explain(error)


def test_any_other_refusal_still_gets_a_dutch_sentence() -> None:
    error = OSError(errno.ELOOP, os.strerror(errno.ELOOP), "dist")
    assert explain(error) == ("het besturingssysteem weigerde een bewerking (bij dist); los de "
                              "oorzaak op en bouw opnieuw (ELOOP)")
    assert explain(OSError("vreemd")) == ("het besturingssysteem weigerde een bewerking (bij een "
                                          "bestand of map); los de oorzaak op en bouw opnieuw")
