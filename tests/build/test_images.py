"""Whole builds: no published image carries EXIF (GPS, camera serial), images come at the widths
shown with their sizes, and a photo of an interview is published only with consent."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from PIL import Image

from conftest import copy_project
from courant.cli import main

SERIAL = "SERIAL-PLANTED-12345"
GPS_IFD = 0x8825
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def planted(path: Path, size: tuple[int, int], fmt: str = "JPEG") -> None:
    """A photo with a GPS position, camera make, model and body serial number."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Canon", "EOS PLANTED"
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 50.0, 33.0), "E", (5.0, 51.0, 47.0)
    image = Image.new("RGB", size, "seagreen")
    image.paste((240, 240, 240), (0, 0, size[0] // 3, size[1] // 2))
    image.save(path, format=fmt, exif=exif)


def write(root: Path, relative: str, text: str) -> None:
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_text(text, encoding="utf-8")


UPDATE = """---
title: Nieuwe foto's van de banenmarkt
date: 2026-10-20
department: wi
audience: all
summary: Foto's van de banenmarkt.
image: ../media/planted.jpg
image_alt: Bezoekers bij de kraampjes van de banenmarkt
---

Bekijk ook [de plattegrond](../media/plattegrond.png) van de markt.
"""

INTERVIEW = """---
title: {title}
date: 2026-10-21
audience: all
person:
  name: {name}
consent: {consent}
draft: {draft}
image: ../media/{photo}
image_alt: Portret van {name}
---

Wat doe je precies? Ik help inwoners.
"""


def interview(name: str, photo: str, consent: str = "true", draft: str = "false") -> str:
    return INTERVIEW.format(title=f"Collega {name}", name=name, consent=consent, draft=draft,
                            photo=photo)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = copy_project(tmp_path_factory.mktemp("images") / "demo")
    media = root / "content" / "media"
    planted(media / "planted.jpg", (2400, 1600))
    planted(media / "plattegrond.png", (900, 600), "PNG")
    planted(media / "toestemming.jpg", (800, 800))
    planted(media / "concept-portret.jpg", (800, 800))
    write(root, "content/updates/foto-banenmarkt.md", UPDATE)
    write(root, "content/interviews/anna.md", interview("Anna", "toestemming.jpg"))
    write(root, "content/interviews/kees.md", interview("Kees", "concept-portret.jpg",
                                                       draft="true"))
    result = CliRunner().invoke(main, ["build", "--map", str(root)])
    assert result.exit_code == 0, result.output
    return root / "dist", result.output


def published_images(dist: Path) -> list[Path]:
    return [p for p in dist.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]


def test_no_published_image_carries_exif(built: tuple[Path, str]) -> None:
    dist, _ = built
    images = published_images(dist)
    names = {p.relative_to(dist).as_posix() for p in images}
    for site in ("intranet", "public"):
        assert {f"{site}/media/planted.jpg", f"{site}/media/planted.w1200.jpg",
                f"{site}/media/planted.w600.jpg", f"{site}/media/plattegrond.png",
                f"{site}/media/toestemming.jpg"} <= names
    for path in images:
        data = path.read_bytes()
        assert SERIAL.encode() not in data and b"EOS PLANTED" not in data, path
        with Image.open(path) as image:
            exif = image.getexif()
            assert exif.get_ifd(GPS_IFD) == {} and 0xA431 not in exif.get_ifd(0x8769), path
            if path.parent.name == "media":  # every copy courant makes: no EXIF at all
                assert dict(exif) == {}, path


def test_copies_at_the_widths_shown(built: tuple[Path, str]) -> None:
    dist, _ = built
    sizes = {}
    for name in ("planted.jpg", "planted.w1200.jpg", "planted.w600.jpg"):
        with Image.open(dist / "intranet/media" / name) as image:
            sizes[name] = image.size
    assert sizes == {"planted.jpg": (2400, 1600), "planted.w1200.jpg": (1200, 800),
                     "planted.w600.jpg": (600, 400)}


def test_item_page_shows_the_site_copy_with_its_size(built: tuple[Path, str]) -> None:
    dist, _ = built
    for site in ("intranet", "public"):
        html = (dist / site / "nieuws/foto-banenmarkt/index.html").read_text(encoding="utf-8")
        image = BeautifulSoup(html, "html.parser").select_one("img.courant-image")
        assert image is not None
        assert (image["src"], image["width"], image["height"]) == (
            "../../media/planted.w1200.jpg", "1200", "800")
        assert image.find_parent("a")["href"] == "../../media/planted.jpg"  # the original
        portrait = BeautifulSoup((dist / site / "collega-in-beeld/anna/index.html").read_text(
            encoding="utf-8"), "html.parser").select_one("img.courant-image")
        assert (portrait["width"], portrait["height"]) == ("800", "800")


def test_mail_uses_the_mail_copy(built: tuple[Path, str]) -> None:
    dist, _ = built
    for edition, url in (("staff", "https://intranet.waalstad.nl/sociaal-domein/"),
                         ("partners", "https://sociaaldomein.waalstad.nl/")):
        html = (dist / "mail/2026-10" / f"{edition}.html").read_text(encoding="utf-8")
        sources = [img["src"] for img in BeautifulSoup(html, "html.parser").select("img")]
        assert f"{url}media/planted.w600.jpg" in sources
        assert f"{url}media/planted.jpg" not in sources


def test_photo_of_a_draft_interview_is_not_published(built: tuple[Path, str]) -> None:
    dist, _ = built
    assert not [p for p in published_images(dist) if "concept-portret" in p.name]
    assert not list(dist.rglob("kees*"))


def test_build_says_when_the_next_embargo_lifts(built: tuple[Path, str]) -> None:
    _, output = built
    assert ("Volgende publicatie: donderdag 26 november 2026 om 00:00 "
            "(2026-11-26T00:00:00+01:00): newsletter/2026-11.md.") in output


def test_no_consent_no_photo(demo: Path) -> None:
    planted(demo / "content" / "media" / "geen-toestemming.jpg", (800, 800))
    write(demo, "content/interviews/piet.md",
          interview("Piet", "geen-toestemming.jpg", consent="false"))
    result = CliRunner().invoke(main, ["build", "--map", str(demo)])
    assert result.exit_code == 1
    assert "content/interviews/piet.md:" in result.output and "consent" in result.output
    assert not (demo / "dist").exists()  # nothing published, the photo least of all
