"""Publishing images: every published copy is re-encoded without its metadata.

Photos of colleagues must not carry where and with which camera they were taken (EXIF, GPS,
XMP, IPTC). Re-encoding keeps the pixels (and the orientation the photo was shown in).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

REENCODE = {"JPEG": {"quality": 85, "optimize": True, "progressive": True},
            "PNG": {"optimize": True}, "WEBP": {"quality": 85}}


def published_bytes(path: Path) -> bytes:
    """The bytes to publish for a file from content/: images without metadata, others as is."""
    stat = path.stat()
    return _published(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _published(path: Path, mtime_ns: int, size: int) -> bytes:
    """Cached per file version: both sites (and the preview) re-encode an image once."""
    data = path.read_bytes()
    try:
        with Image.open(io.BytesIO(data)) as image:
            fmt = image.format or ""
            if fmt not in REENCODE:
                return data
            return _strip(image, fmt)
    except (OSError, SyntaxError, ValueError):
        return data


def _strip(image: Image.Image, fmt: str) -> bytes:
    upright = ImageOps.exif_transpose(image)
    clean = upright.copy()
    transparency = clean.info.get("transparency")
    clean.info.clear()  # no exif, xmp, icc, comments or text chunks travel along
    if transparency is not None:
        clean.info["transparency"] = transparency
    out = io.BytesIO()
    clean.save(out, format=fmt, **REENCODE[fmt])
    return out.getvalue()


def image_size(path: Path) -> tuple[int, int] | None:
    try:
        with Image.open(path) as image:
            return ImageOps.exif_transpose(image).size
    except (OSError, SyntaxError, ValueError):
        return None
