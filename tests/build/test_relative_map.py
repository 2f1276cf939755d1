"""`--map` given as a relative path, as editors type it (`courant build --map sociaal-domein`):
the build lands in that project's dist/, whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES, copy_project
from courant.cli import main


def test_a_relative_map_builds_the_whole_site(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project", content_from=FIXTURES / "tiny")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--map", "project"])
    assert result.exit_code == 0, result.output
    for site in ("intranet", "public"):
        assert (root / "dist" / site / "index.html").is_file(), site
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".dist", "project"))) == []
