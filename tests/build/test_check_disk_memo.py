"""A one-off run (`courant check` after an edit, a build: a new process each time) checks
again only the files that changed, or whose check reads something else that changed: the
checks of one source are kept on disk (build/cache.py's Cache._checked_on_disk) by the
source's kind, path and bytes and by what each check names beside it (read/validate.py's
item_inputs and links_inputs, check/partnertext.py's source_inputs). Each test changes one of
those other things, the item's file left as it was, and the next run must say what a run
without the cache says."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from PIL import Image

from conftest import NOW_EPOCH
from courant.build import pipeline
from courant.build.cache import Cache
from courant.problems import ContentError

IMAGE_UPDATE = PurePosixPath("content/updates/2026/banenmarkt-waalstad-werkt.md")
ADVISER = PurePosixPath("content/advisers/ingrid-smit.md")
DECEMBER_23 = str(int(NOW_EPOCH) + 31 * 86400)  # past the adviser's until: 2026-12-18


def said(root: Path, cache: Cache | None = None) -> list[str]:
    """What loading the project says (the check without the shelf `check` of the whole):
    with the project's cache by default, as a new process finds it."""
    try:
        loaded = pipeline.load(pipeline.Project(root), cache or Cache.at(root))
    except ContentError as error:
        return [str(problem) for problem in error.problems]
    return [str(problem) for problem in loaded.warnings]


def as_without_cache(root: Path) -> list[str]:
    found = said(root)
    assert found == said(root, Cache.off())
    return found


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[PurePosixPath]:
    """The files read.validate.validate_item runs on from now on."""
    seen: list[PurePosixPath] = []
    real = pipeline.validate_item

    def counting(*args: Any) -> Any:
        seen.append(args[1].path)
        return real(*args)
    monkeypatch.setattr(pipeline, "validate_item", counting)
    return seen


def append(root: Path, source: PurePosixPath, text: str) -> None:
    path = root / source
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_only_the_changed_file_is_checked_again(demo: Path,
                                                validated: list[PurePosixPath]) -> None:
    first = said(demo)
    assert IMAGE_UPDATE in validated and len(validated) > 20
    validated.clear()
    assert said(demo) == first and validated == []
    append(demo, ADVISER, "Meer over haar werk.\n")
    again = said(demo)
    assert validated == [ADVISER]
    assert again == said(demo, Cache.off())


def test_a_removed_image_is_said_by_the_next_run(demo: Path) -> None:
    said(demo)
    front = (demo / IMAGE_UPDATE).read_text(encoding="utf-8").split("---\n")[1]
    name = next(line.split(":", 1)[1].strip() for line in front.splitlines()
                if line.startswith("image:"))
    image = (demo / IMAGE_UPDATE).parent / name
    image.rename(image.with_name("elders.bin"))
    found = as_without_cache(demo)
    assert any(f"{IMAGE_UPDATE}:" in line and "bestaat niet" in line for line in found)


def test_an_advisers_last_day_passing_is_said_by_the_next_run(
        demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not any("is voorbij" in line for line in said(demo))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER_23)
    found = as_without_cache(demo)
    assert any(f"{ADVISER}:" in line and "2026-12-18 is voorbij" in line for line in found)


def test_a_renamed_department_is_said_by_the_next_run(demo: Path) -> None:
    said(demo)
    departments = demo / "content" / "departments.yml"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "- key: wi\n", "- key: werk\n"), encoding="utf-8")
    found = as_without_cache(demo)
    assert any(f"{IMAGE_UPDATE}:4:" in line and "department" in line for line in found)


def test_a_new_intranet_address_is_said_in_partner_text_by_the_next_run(demo: Path) -> None:
    append(demo, IMAGE_UPDATE, "\nMeer op intranet.nieuw.nl/sd/nieuws/banenmarkt staat het.\n")
    assert not any("noemt een adres op het intranet" in line for line in said(demo))
    config = demo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: https://intranet.waalstad.nl/sociaal-domein/",
        "site_url: https://intranet.nieuw.nl/sd/"), encoding="utf-8")
    found = as_without_cache(demo)
    assert any(f"{IMAGE_UPDATE}:" in line and "noemt een adres op het intranet" in line
               for line in found)


def test_links_found_anew_when_the_markdown_extensions_change(demo: Path) -> None:
    """With footnotes, `[^1]: ../nergens.md` is a note; without, a link to a file that is
    not there."""
    config = demo / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    config.write_text(plain.replace("\n  - sane_lists\n", "\n  - sane_lists\n  - footnotes\n"),
                      encoding="utf-8")
    append(demo, IMAGE_UPDATE, "\nZie de toelichting[^1].\n\n[^1]: ../../nergens.md\n")
    assert not any("nergens.md" in line for line in said(demo))
    config.write_text(plain, encoding="utf-8")
    found = as_without_cache(demo)
    assert any(f"{IMAGE_UPDATE}:" in line and "nergens.md" in line for line in found)


def test_a_replaced_image_is_said_in_the_writing_check_by_the_next_run(demo: Path) -> None:
    said(demo)
    front = (demo / IMAGE_UPDATE).read_text(encoding="utf-8").split("---\n")[1]
    name = next(line.split(":", 1)[1].strip() for line in front.splitlines()
                if line.startswith("image:"))
    Image.new("RGB", (120, 80), (90, 120, 150)).save((demo / IMAGE_UPDATE).parent / name,
                                                      format="JPEG")
    found = as_without_cache(demo)
    assert any(f"{IMAGE_UPDATE}:" in line and "maar 120 pixels breed" in line
               for line in found)


def test_nothing_is_kept_without_a_cache(demo: Path) -> None:
    said(demo, Cache.off())
    assert not (demo / ".cache").exists()
