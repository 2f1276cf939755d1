"""Small projects for tests: the tiny fixture project, and the broken cases placed into it.

tests/fixtures/tiny/ holds a clean project (four departments, an image, a PDF, one issue).
tests/fixtures/broken/ holds one case per editor's mistake, each beside its .expected file
(the messages `courant check` must print, word for word, in order):

- broken/<folder>/<case>.md    copied to content/<folder>/<case>.md (newsletter/: newsletter/)
- broken/departments/<case>.yml  becomes content/departments.yml
- broken/<case>/               a folder laid over the project (several files)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, ROOT, settings_for
from courant.build import pipeline
from courant.problems import ContentError

TINY = FIXTURES / "tiny"
BROKEN = FIXTURES / "broken"
FOLDERS = ("updates", "interviews", "agenda", "reading", "pages", "advisers", "newsletter")


def tiny_project(target: Path) -> Path:
    """A copy of the tiny project (with the real mkdocs.yml, and the theme folder it names)
    at `target`."""
    shutil.copytree(TINY, target)
    (target / "mkdocs.yml").write_text(settings_for(TINY), encoding="utf-8")
    shutil.copytree(ROOT / "theme", target / "theme")
    return target


def single_file_cases() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (BROKEN / folder).glob("*.md"))


def department_cases() -> list[Path]:
    return sorted((BROKEN / "departments").glob("*.yml"))


def overlay_cases() -> list[Path]:
    return sorted(p for p in BROKEN.iterdir()
                  if p.is_dir() and p.name not in {*FOLDERS, "departments"})


def all_cases() -> list[Path]:
    return single_file_cases() + department_cases() + overlay_cases()


def case_id(case: Path) -> str:
    return case.relative_to(BROKEN).as_posix()


def place_case(case: Path, root: Path) -> None:
    """Put one broken case into the project at `root`."""
    if case.is_dir():
        shutil.copytree(case, root, dirs_exist_ok=True)
    elif case.parent.name == "departments":
        shutil.copy(case, root / "content" / "departments.yml")
    elif case.parent.name == "newsletter":
        shutil.copy(case, root / "newsletter" / case.name)
    else:
        folder = root / "content" / case.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(case, folder / case.name)


def expected_of(case: Path) -> list[str]:
    expected = case.with_suffix(".expected") if case.is_file() else case.with_name(
        case.name + ".expected")
    return expected.read_text(encoding="utf-8").splitlines()


def problems_of(root: Path) -> list[str]:
    """What `courant check` reports for the project at `root`: errors and warnings, in order."""
    try:
        return [str(p) for p in pipeline.check(pipeline.Project(root))]
    except ContentError as error:
        return [str(p) for p in error.problems]
