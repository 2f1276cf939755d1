"""Publishing images: every published copy is re-encoded without its metadata.

Photos of colleagues must not carry where and with which camera they were taken (EXIF, GPS,
XMP, IPTC). Re-encoding keeps the pixels (and the orientation the photo was shown in). Each
photo is also published at the widths the site and the mail show it at (courant.render.images).
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from courant.read.images import image_size
from courant.render.images import variants

REENCODE: dict[str, dict[str, object]] = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {"optimize": True}, "WEBP": {"quality": 85}}
GIF_METADATA = ("comment", "xmp", "exif")


def published_files(path: Path, site_path: str) -> dict[str, bytes]:
    """Every copy of a file from content/ a site publishes: the file itself (an image without
    its metadata) at `site_path`, and a smaller copy for each width it is shown at."""
    files = {site_path: published_bytes(path)}
    stat = path.stat()
    for variant, width in variants(site_path, image_size(path)).items():
        files[variant] = _resized(path, stat.st_mtime_ns, stat.st_size, width)
    return files


@lru_cache(maxsize=4096)
def _resized(path: Path, mtime_ns: int, size: int, width: int) -> bytes:
    """A copy `width` pixels wide, without metadata (cached per file version and width)."""
    with Image.open(path) as image:
        fmt = image.format or "JPEG"
        upright = ImageOps.exif_transpose(image)
        height = max(1, round(upright.height * width / upright.width))
        if upright.mode == "P":
            upright = upright.convert("RGBA")
        smaller = upright.resize((width, height), Image.Resampling.LANCZOS)
        return _strip(smaller, fmt if fmt in REENCODE else "JPEG")


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
            if fmt == "GIF":
                return _strip_gif(image)
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


def _strip_gif(image: Image.Image) -> bytes:
    """A GIF keeps its frames (animation), loses its comment and XMP."""
    for key in GIF_METADATA:
        image.info.pop(key, None)
    out = io.BytesIO()
    image.save(out, format="GIF", save_all=True)
    return out.getvalue()
