"""build/media.py, read/images.py and render/images.py: published copies without metadata, at
the widths shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from courant.build.media import published_bytes, published_files
from courant.read.images import image_size
from courant.render.images import image_markdown, shown, variant_path, variants

SERIAL = "SERIAL-PLANTED-12345"
GPS_IFD, EXIF_IFD, ORIENTATION = 0x8825, 0x8769, 0x0112


def planted_exif(orientation: int | None = None) -> Image.Exif:
    """Camera make, model, body serial number and a GPS position, as a phone writes them."""
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "EOS PLANTED"
    exif.get_ifd(EXIF_IFD)[0xA431] = SERIAL  # BodySerialNumber
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 50.0, 33.0), "E", (5.0, 51.0, 47.0)
    if orientation:
        exif[ORIENTATION] = orientation
    return exif


def photo(path: Path, size: tuple[int, int], fmt: str = "JPEG",
          orientation: int | None = None) -> Path:
    image = Image.new("RGB", size, "steelblue")
    image.paste((250, 200, 0), (0, 0, size[0] // 2, size[1] // 3))  # not one colour: real pixels
    image.save(path, format=fmt, exif=planted_exif(orientation))
    assert SERIAL.encode() in path.read_bytes()
    return path


def assert_clean(data: bytes) -> Image.Image:
    """No EXIF at all (so no GPS, serial, make or model), and none of the planted bytes."""
    assert SERIAL.encode() not in data and b"EOS PLANTED" not in data
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert dict(exif) == {} and exif.get_ifd(GPS_IFD) == {} and "exif" not in image.info
    return image


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_published_copy_has_no_exif(tmp_path: Path, fmt: str, suffix: str) -> None:
    source = photo(tmp_path / f"foto.{suffix}", (640, 480), fmt)
    clean = assert_clean(published_bytes(source))
    assert clean.format == fmt and clean.size == (640, 480)


def test_gif_loses_its_comment(tmp_path: Path) -> None:
    source = tmp_path / "anim.gif"
    Image.new("P", (10, 10), 1).save(source, comment=b"Gemaakt bij Dorpsstraat 4", save_all=True)
    assert b"Dorpsstraat" in source.read_bytes()
    assert b"Dorpsstraat" not in published_bytes(source)


def test_other_files_pass_unchanged(tmp_path: Path) -> None:
    pdf = tmp_path / "folder.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    assert published_files(pdf, "media/folder.pdf") == {"media/folder.pdf": b"%PDF-1.4 test"}


def test_large_photo_gets_a_copy_per_width_all_without_exif(tmp_path: Path) -> None:
    source = photo(tmp_path / "groot.jpg", (2400, 1600))
    files = published_files(source, "media/groot.jpg")
    assert sorted(files) == ["media/groot.jpg", "media/groot.w1200.jpg", "media/groot.w600.jpg"]
    sizes = {name: assert_clean(data).size for name, data in files.items()}
    assert sizes == {"media/groot.jpg": (2400, 1600), "media/groot.w1200.jpg": (1200, 800),
                     "media/groot.w600.jpg": (600, 400)}


def test_turned_photo_is_published_upright(tmp_path: Path) -> None:
    source = photo(tmp_path / "staand.jpg", (2400, 1600), orientation=6)  # camera held upright
    assert image_size(source) == (1600, 2400)
    files = published_files(source, "media/staand.jpg")
    assert assert_clean(files["media/staand.jpg"]).size == (1600, 2400)
    assert assert_clean(files["media/staand.w1200.jpg"]).size == (1200, 1800)


def test_narrow_photos_are_never_enlarged(tmp_path: Path) -> None:
    assert sorted(published_files(photo(tmp_path / "a.jpg", (800, 600)), "media/a.jpg")) == [
        "media/a.jpg", "media/a.w600.jpg"]
    assert sorted(published_files(photo(tmp_path / "b.jpg", (600, 400)), "media/b.jpg")) == [
        "media/b.jpg"]


def test_variant_names_and_sizes() -> None:
    assert variant_path("media/x/foto.JPG", 600) == "media/x/foto.w600.JPG"
    assert variants("media/logo.svg", (2000, 500)) == {}
    assert variants("media/foto.png", None) == {}
    assert shown("media/foto.jpg", (2400, 1601), 1200) == ("media/foto.w1200.jpg", (1200, 800))
    assert shown("media/foto.jpg", (1000, 500), 1200) == ("media/foto.jpg", (1000, 500))
    assert shown("media/foto.jpg", None, 600) == ("media/foto.jpg", None)


def test_image_markdown_sizes_and_links_to_the_original() -> None:
    page = "nieuws/banen.md"
    assert image_markdown("Kraampjes <markt>", "media/foto.jpg", page, (2400, 1600)) == (
        '[![Kraampjes &lt;markt&gt;](../media/foto.w1200.jpg){ width="1200" height="800" '
        'loading="lazy" .courant-image }](../media/foto.jpg)\n')
    assert image_markdown("Portret", "media/p.jpg", page, (800, 800)) == (
        '![Portret](../media/p.jpg){ width="800" height="800" loading="lazy" .courant-image }\n')
    assert image_markdown("Logo", "media/l.svg", page, None) == (
        '![Logo](../media/l.svg){ loading="lazy" .courant-image }\n')
