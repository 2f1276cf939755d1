"""Symbolic links in content/ and newsletter/: anything that leads outside them, or to another
source, is an error naming the file, so nothing is read or published through it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from courant.build import pipeline
from courant.problems import ContentError
from projects import problems_of, tiny_project

STAFF_ITEM = """---
title: Intern
date: 2026-11-02
department: wi
---
Alleen voor collega's.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tiny_project(tmp_path / "p")
    (root / "content" / "updates").mkdir()
    (root / "content" / "updates" / "intern.md").write_text(STAFF_ITEM, encoding="utf-8")
    return root


def link(root: Path, name: str, target: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def test_a_link_outside_content_is_an_error(project: Path) -> None:
    link(project, "content/media/logo.png", "/etc/passwd")
    assert problems_of(project) == [
        "content/media/logo.png: is een snelkoppeling (symlink) naar iets buiten content/ en "
        "newsletter/; courant publiceert alleen wat echt in die mappen staat: zet het bestand "
        "zelf hier neer"]


def test_a_link_to_another_source_is_an_error(project: Path) -> None:
    link(project, "content/media/notities.txt", "../updates/intern.md")
    assert problems_of(project) == [
        "content/media/notities.txt: is een snelkoppeling (symlink) naar "
        "content/updates/intern.md, dat zelf een bronbestand is (of bevat): zo zou de tekst "
        "ervan onder een andere naam verschijnen; link in de tekst naar het stuk zelf, of "
        "kopieer wat hier hoort"]


@pytest.mark.parametrize(("name", "target"), [
    ("content/pages/partners.md", "../updates/intern.md"),
    ("content/reading/map", "../updates"),
    ("newsletter/2026-12.md", "../content/updates/intern.md"),
    ("content/updates/weg.md", "nergens.md"),
    ("content/media/extern", "/tmp"),
])
def test_every_kind_of_link_names_its_file(project: Path, name: str, target: str) -> None:
    link(project, name, target)
    assert [p.split(":")[0] for p in problems_of(project) if "snelkoppeling" in p] == [name]


def test_a_link_inside_content_to_a_file_is_fine(project: Path) -> None:
    link(project, "content/media/foto-kopie.png", "foto.png")
    link(project, "content/media/documenten", ".")
    assert problems_of(project) == []


def test_the_build_stops_and_dist_stays(project: Path) -> None:
    link(project, "content/media/logo.png", "/etc/passwd")
    with pytest.raises(ContentError):
        pipeline.build(pipeline.Project(project))
    assert not (project / "dist").exists()
