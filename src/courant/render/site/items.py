"""The page of each item (update, interview, event, reading tip, standing page) and the home
page's own text, as Markdown with front matter; images and editors' links resolved for the
edition."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from courant import wording
from courant.audience import EditionContent, is_embargoed
from courant.links import find_links, may_link
from courant.model import Department, Event, Interview, Item, Page, ReadingTip, Update
from courant.rawhtml import safe_html, safe_ids
from courant.read.images import ImageSize
from courant.render.images import image_markdown
from courant.render.markdown import esc, front, meta_line
from courant.render.paths import (
    asset_path,
    localise_links,
    page_path,
    relative,
    teaser,
)
from courant.render.site.chrome import words_for
from courant.render.site.itempage import event_details, item_meta, related_block, tag_links
from courant.render.site.pages import SitePage

_PAGES: dict[tuple[Any, ...], tuple[SitePage, tuple[tuple[str, PurePosixPath], ...]]] = {}


def item_page(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
              assets: dict[str, PurePosixPath], image_size: ImageSize | None = None,
              related: tuple[Item, ...] = ()) -> SitePage:
    """The item's page. Remembered per item (and edition, embargo mark, departments, image
    size, related items and whether an event is over) when it has no relative link, so
    nothing else can change it: the preview redoes only the edited one."""
    size = image_size(item.image.path) if image_size and item.image is not None else None
    shown = tuple((r, image_size(r.image.path) if image_size and r.image else None)
                  for r in related)
    over = isinstance(item, Event) and item.end_day < edition.now.date()
    key = None if may_link(item.body) and find_links(item.body) else (
        item, edition.edition, _marked_embargoed(item, edition), edition.departments, size,
        shown, over)
    made = _PAGES.get(key) if key is not None else None
    if made is None:
        own: dict[str, PurePosixPath] = {}
        made = (_item_page(item, edition, by_source, own, size, image_size, related),
                tuple(own.items()))
        if key is not None:
            if len(_PAGES) > 50_000:
                _PAGES.clear()
            _PAGES[key] = made
    assets.update(made[1])
    return made[0]


def _item_page(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
               assets: dict[str, PurePosixPath], size: tuple[int, int] | None,
               image_size: ImageSize | None, related: tuple[Item, ...]) -> SitePage:
    path = page_path(item)
    words = words_for(edition.for_partners)
    parts = [front(item.title, item.summary or teaser(item), **item_meta(item, words, edition))]
    parts.append(f"# {esc(item.title)}\n")
    parts.extend(_preview_marks(item, edition))
    parts.append(_details(item, edition, path))
    parts.extend(_image_and_body(item, edition, by_source, path, assets, size))
    parts.append(tag_links(item, path))
    parts.append(related_block(related, edition, words, image_size, path))
    return SitePage(path, "\n".join(parts))


def home_text(page: Page, edition: EditionContent, by_source: dict[PurePosixPath, Item],
              assets: dict[str, PurePosixPath],
              image_size: ImageSize | None = None) -> tuple[str, str]:
    """The heading and the text content/pages/index.md gives the home page (its image and
    links as on any page; in the preview, marked as a draft or under embargo)."""
    size = image_size(page.image.path) if image_size and page.image is not None else None
    parts = [*_preview_marks(page, edition),
             *_image_and_body(page, edition, by_source, "index.md", assets, size)]
    return page.title, "\n".join(parts)


def _preview_marks(item: Item, edition: EditionContent) -> list[str]:
    """What only the preview shows: that the item is a draft, or under embargo."""
    marks = []
    if item.draft:
        marks.append('!!! warning "Concept"\n    Dit stuk is een concept: alleen jij ziet het, '
                     "in het voorbeeld. Het wordt niet gepubliceerd zolang `draft: true` "
                     "erin staat.\n")
    if item.date is not None and _marked_embargoed(item, edition):
        marks.append('!!! info "Embargo"\n    Dit stuk verschijnt op '
                     f"{wording.day(item.date)}: tot dan zie je het alleen hier, in het "
                     "voorbeeld.\n")
    return marks


def _image_and_body(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
                    path: str, assets: dict[str, PurePosixPath],
                    size: tuple[int, int] | None) -> list[str]:
    """The item's image and its body, links resolved for the edition; partner-facing raw HTML
    kept to what the sanitiser allows (rawhtml.safe_html), no clobbering ids elsewhere."""
    parts = []
    if item.image is not None:
        published = asset_path(item.image.path)
        assets[published] = item.image.path
        portrait = ".courant-image .courant-portrait" if isinstance(item, Interview) else None
        parts.append(image_markdown(item.image.alt, published, path, size, portrait))
    body = localise_links(item, by_source, path, assets)
    parts.append(safe_html(body) if edition.for_partners else safe_ids(body))
    return parts


def _marked_embargoed(item: Item, edition: EditionContent) -> bool:
    """Shown under embargo: only the preview shows such an item, and says so on its page."""
    return edition.preview and is_embargoed(item, edition.now)


def _details(item: Item, edition: EditionContent, path: str) -> str:
    """The lines under the title: date, department, authors, and what each kind adds."""
    bits: list[str] = []
    if isinstance(item, Event):
        return event_details(item, words_for(edition.for_partners), edition.now.date())
    if item.date:  # a page's date is when it was last brought up to date
        bits.append(f"Bijgewerkt op {wording.day(item.date)}" if isinstance(item, Page)
                    else wording.day(item.date))
    if isinstance(item, Update):
        bits.append(_department_link(edition.department(item.department), path))
    if item.authors:
        bits.append("Door " + ", ".join(esc(a) for a in item.authors))
    lines = [meta_line(bits)] if bits else []
    if isinstance(item, Interview):
        lines.append(_person(item, edition, path))
    if isinstance(item, ReadingTip):
        lines.append(_reading(item))
    return "\n".join(lines)


def _department_link(department: Department | None, from_page: str) -> str:
    if department is None:
        return ""
    target = f"afdelingen/{department.key}/index.md"
    return f"[{esc(department.name)}]({relative(from_page, target)})"


def _person(item: Interview, edition: EditionContent, path: str) -> str:
    person = item.person
    who = [f"**{esc(person.name)}**"]
    if person.role:
        who.append(esc(person.role))
    department = edition.department(person.department)
    if department:
        who.append(_department_link(department, path))
    return ", ".join(who) + "\n{ .courant-person }\n"


def _reading(item: ReadingTip) -> str:
    label = wording.READING_LABELS[item.reading_kind][0]
    lines = [f"**{label}**" + (f" van {esc(item.creator)}" if item.creator else "") +
             "\n{ .courant-meta }\n"]
    if item.link:
        lines.append(f"[{esc(item.title)} bekijken bij de bron]({item.link})\n")
    return "\n".join(lines)
