"""After a save the preview checks again only the files that changed, or whose check reads
something else that changed (build/cache.py's Cache.checked, keyed by what each check names
beside it: read/validate.py's item_inputs, check/partnertext.py's source_inputs,
check/writing.py's item_text_inputs). Each test changes one of those other things, the
item's file left as it was, and the very next rebuild must say what a fresh `courant check`
says."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath

import pytest

from conftest import NOW_EPOCH
from courant.build import pipeline
from courant.build.cache import Cache
from courant.editorial.serve import preview_builder
from courant.problems import Problem

IMAGE_UPDATE = PurePosixPath("content/updates/2026/banenmarkt-waalstad-werkt.md")
ADVISER = PurePosixPath("content/advisers/ingrid-smit.md")
DECEMBER_23 = str(int(NOW_EPOCH) + 31 * 86400)  # past the adviser's until: 2026-12-18


class Preview:
    """The preview's build function on `root`, and what each rebuild reported."""

    def __init__(self, root: Path) -> None:
        self.reported: list[list[Problem]] = []
        self.rebuild: Callable[[Path], bool] = preview_builder(
            pipeline.Project(root), "http://127.0.0.1:8000/", self.reported.append)
        self.site = root / "preview"

    def save(self) -> tuple[bool, str]:
        """A rebuild, and what it reported, as the terminal shows it."""
        built = self.rebuild(self.site)
        return built, "\n".join(str(p) for p in self.reported[-1])


@pytest.fixture(autouse=True)
def engine_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine's own folder for the preview's pages, inside the test's."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def first_build(demo: Path, added: str = "") -> Preview:
    """The preview's first build of `demo`, `added` written below IMAGE_UPDATE's text."""
    if added:
        update = demo / IMAGE_UPDATE
        update.write_text(update.read_text(encoding="utf-8") + added, encoding="utf-8")
    shown = Preview(demo)
    assert shown.save()[0]
    return shown


@pytest.fixture
def preview(demo: Path) -> Preview:
    return first_build(demo)


def move_intranet(root: Path) -> None:
    """mkdocs.yml's site_url: the intranet at another address."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "site_url: https://intranet.waalstad.nl/sociaal-domein/" in text
    config.write_text(text.replace("site_url: https://intranet.waalstad.nl/sociaal-domein/",
                                   "site_url: https://intranet.nieuw.nl/sd/"), encoding="utf-8")


def image_of(root: Path) -> Path:
    front = (root / IMAGE_UPDATE).read_text(encoding="utf-8").split("---\n")[1]
    name = next(line.split(":", 1)[1].strip() for line in front.splitlines()
                if line.startswith("image:"))
    return (root / IMAGE_UPDATE).parent / name  # written from the item's folder


def test_an_unchanged_item_is_not_checked_again(demo: Path) -> None:
    """The memo is in force: the same object for an unchanged file, and a new one for a
    changed file (else the tests below would pass without the memo, and prove nothing of
    its key)."""
    project, cache = pipeline.Project(demo), Cache.memory()

    def items(cache: Cache) -> dict[PurePosixPath, object]:
        return {item.source: item for item in pipeline.load(project, cache).content.items}

    first = items(cache)
    (demo / ADVISER).write_text((demo / ADVISER).read_text(encoding="utf-8") + "Meer.\n",
                                encoding="utf-8")
    again = items(cache)
    assert again[IMAGE_UPDATE] is first[IMAGE_UPDATE]
    assert again[ADVISER] is not first[ADVISER]
    fresh = items(Cache.off())
    assert fresh[IMAGE_UPDATE] == first[IMAGE_UPDATE]
    assert fresh[IMAGE_UPDATE] is not first[IMAGE_UPDATE]


def test_a_removed_image_is_said_at_the_next_save(preview: Preview, demo: Path) -> None:
    image = image_of(demo)
    image.rename(image.with_name("elders.bin"))
    built, said = preview.save()
    assert not built
    assert f"{IMAGE_UPDATE}:" in said and "bestaat niet" in said


def test_an_advisers_last_day_passing_is_said_at_the_next_save(
        preview: Preview, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "is voorbij" not in "\n".join(str(p) for p in preview.reported[0])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER_23)
    built, said = preview.save()
    assert built
    assert f"{ADVISER}:" in said and "2026-12-18 is voorbij" in said


def test_a_renamed_department_is_said_at_the_next_save(preview: Preview, demo: Path) -> None:
    departments = demo / "content" / "departments.yml"
    departments.write_text(departments.read_text(encoding="utf-8").replace(
        "- key: wi\n", "- key: werk\n"), encoding="utf-8")
    built, said = preview.save()
    assert not built
    assert f"{IMAGE_UPDATE}:4:" in said and "department" in said


def test_a_new_intranet_address_is_said_in_partner_text_at_the_next_save(
        demo: Path) -> None:
    """The partner check of a file reads the intranet's address (site_url) as well."""
    preview = first_build(
        demo, "\nMeer op intranet.nieuw.nl/sd/nieuws/banenmarkt staat het verslag.\n")
    move_intranet(demo)
    built, said = preview.save()
    assert not built
    assert f"{IMAGE_UPDATE}:" in said and "noemt een adres op het intranet" in said


def test_a_replaced_image_is_said_in_the_writing_check_at_the_next_save(
        preview: Preview, demo: Path) -> None:
    """The writing check of an item reads its image's file as well."""
    from PIL import Image

    Image.new("RGB", (120, 80), (90, 120, 150)).save(image_of(demo), format="JPEG")
    built, said = preview.save()
    assert built
    assert f"{IMAGE_UPDATE}:" in said and "maar 120 pixels breed" in said


def test_links_found_anew_when_the_markdown_extensions_change(
        demo: Path) -> None:
    """Which links a text holds depends on mkdocs.yml's markdown_extensions: with footnotes,
    `[^1]: ../nergens.md` is a note; without, a link to a file that is not there."""
    config = demo / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    assert "\n  - sane_lists\n" in plain
    config.write_text(plain.replace("\n  - sane_lists\n", "\n  - sane_lists\n  - footnotes\n"),
                      encoding="utf-8")
    preview = first_build(demo, "\nZie de toelichting[^1].\n\n[^1]: ../../nergens.md\n")
    config.write_text(plain, encoding="utf-8")
    built, said = preview.save()
    assert not built
    assert f"{IMAGE_UPDATE}:" in said and "nergens.md" in said


def test_a_link_whose_file_is_removed_is_said_at_the_next_save(
        demo: Path) -> None:
    """What a link leads to is looked up at every save, the links of an unchanged file
    remembered or not."""
    preview = first_build(demo, "\nLees ook [het huisbezoek](huisbezoek-eerste-ervaringen.md).\n")
    ((demo / IMAGE_UPDATE).parent / "huisbezoek-eerste-ervaringen.md").unlink()
    built, said = preview.save()
    assert not built
    assert f"{IMAGE_UPDATE}:" in said and "huisbezoek-eerste-ervaringen.md" in said


def test_a_link_onto_a_new_intranet_host_is_said_in_the_accessibility_check(
        demo: Path) -> None:
    """The accessibility check of a partner item reads the intranet's host as well: a link
    there is one partners cannot open."""
    preview = first_build(demo, "\nZie [het rooster](https://intranet.nieuw.nl/rooster).\n")
    assert "intranet.nieuw.nl/rooster" not in "\n".join(str(p) for p in preview.reported[0])
    move_intranet(demo)
    built, said = preview.save()
    assert built
    assert f"{IMAGE_UPDATE}:" in said and "'https://intranet.nieuw.nl/rooster' staat op het " \
        "intranet" in said
