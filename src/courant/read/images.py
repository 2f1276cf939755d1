"""Facts about the images in content/, read from their headers: the size a page shows them at.

The check (photos smaller than 600 pixels), the site pages and the mail (width and height of
each image) ask here; publishing the images (re-encoded without metadata, at smaller widths) is
the build's job (courant.build.media).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path, PurePosixPath

from PIL import Image

ImageSize = Callable[[PurePosixPath], tuple[int, int] | None]
"""The pixel size (upright) of an image in content/; None when it is no readable image."""


def image_sizes(content_dir: Path) -> ImageSize:
    """The (upright) size of images in content/, each read once."""
    @lru_cache(maxsize=4096)
    def size(path: PurePosixPath) -> tuple[int, int] | None:
        return image_size(content_dir / path)
    return size


def image_size(path: Path) -> tuple[int, int] | None:
    """The size as shown (EXIF orientation applied), read from the header: decoding the
    pixels for this took most of `courant check` on an archive with a few thousand photos."""
    try:
        with Image.open(path) as image:
            width, height = image.size
            turned = _exif(image).get(ORIENTATION) in {5, 6, 7, 8}
            return (height, width) if turned else (width, height)
    except (OSError, SyntaxError, ValueError):
        return None


ORIENTATION = 0x0112  # EXIF tag; 5-8 are turned a quarter (exif_transpose swaps the sides)


def _exif(image: Image.Image) -> Image.Exif:
    """EXIF without decoding: Pillow's PNG getexif() decodes the whole image to look for an
    eXIf chunk after the pixels; one before them (where cameras and editors put it) is read."""
    if image.format != "PNG":
        return image.getexif()
    exif = Image.Exif()
    if data := image.info.get("exif"):
        exif.load(data)
    return exif
