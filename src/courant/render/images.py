"""Which copies of an image a site publishes, and at which size a page or mail shows it (pure).

Every photo is published as is (without metadata: courant.build.media) for the lightbox or download,
and as smaller copies for the widths courant shows it at: `media/foto.w1200.jpg` for a site page,
`media/foto.w600.jpg` for the newsletter mail (600 px wide). An image narrower than a width gets
no copy for it: it is shown as it is, never enlarged.
"""

from __future__ import annotations

import posixpath

from courant.render.markdown import esc
from courant.render.paths import relative

SITE_WIDTH = 1200
MAIL_WIDTH = 600
WIDTHS = (SITE_WIDTH, MAIL_WIDTH)
RESIZABLE = frozenset({".jpg", ".jpeg", ".png", ".webp"})


def variant_path(path: str, width: int) -> str:
    """media/foto.jpg -> media/foto.w1200.jpg"""
    stem, suffix = posixpath.splitext(path)
    return f"{stem}.w{width}{suffix}"


def variants(path: str, size: tuple[int, int] | None) -> dict[str, int]:
    """The smaller copies to publish beside `path` (site path -> width)."""
    if size is None or posixpath.splitext(path)[1].lower() not in RESIZABLE:
        return {}
    return {variant_path(path, width): width for width in WIDTHS if size[0] > width}


def shown(path: str, size: tuple[int, int] | None,
          width: int) -> tuple[str, tuple[int, int] | None]:
    """The file to show for an image at most `width` wide, and its pixel size there."""
    if size is None:
        return path, None
    if variant_path(path, width) not in variants(path, size):
        return path, size
    return variant_path(path, width), (width, max(1, round(size[1] * width / size[0])))


def image_markdown(alt: str, published: str, page: str, size: tuple[int, int] | None,
                   css: str | None = None) -> str:
    """An item's image on its page: the copy for the site's width, with its width and height
    (the browser keeps room for it while it loads), linked to the full-size original."""
    src, shown_size = shown(published, size, SITE_WIDTH)
    attrs = f'width="{shown_size[0]}" height="{shown_size[1]}" ' if shown_size else ""
    image = (f'![{esc(alt)}]({relative(page, src)}){{ {attrs}loading="lazy" '
             f'{css or ".courant-image"} }}')
    if src == published:
        return image + "\n"
    return f"[{image}]({relative(page, published)})\n"
