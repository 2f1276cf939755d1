"""The page of each item (update, interview, event, reading tip, standing page) and the home
page's own text, as Markdown with front matter; images and editors' links resolved for the
edition."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from courant import wording
from courant.audience import EditionContent, is_embargoed
from courant.model import (
    Adviser,
    Booklet,
    BookletPart,
    Department,
    Event,
    Interview,
    Item,
    Page,
    ReadingTip,
    Update,
)
from courant.rawhtml import safe_html, safe_ids
from courant.read.images import ImageSize
from courant.render.booklet import booklet_day, booklet_file, chapters_of
from courant.render.images import image_markdown
from courant.render.markdown import esc, front, meta_line
from courant.render.paths import (
    asset_path,
    link_sources,
    localise_links,
    page_path,
    relative,
    teaser,
)
from courant.render.series import series_of
from courant.render.site.chrome import words_for
from courant.render.site.itempage import (
    event_details,
    item_meta,
    page_crumbs,
    related_block,
    tag_links,
)
from courant.render.site.pages import SitePage


def item_page(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item],
              assets: dict[str, PurePosixPath], image_size: ImageSize | None = None,
              related: tuple[Item, ...] = ()) -> SitePage:
    """The item's page. Remembered (edition.remember) for the item and the items its links
    lead to, and all else the page shows (`_page_inputs`), so the preview makes again only
    the pages an edit changes: the other items reach a page through its links (held by
    identity), its related cards (by what they show) and a standing page's breadcrumbs (the
    title of its section's page)."""
    path = page_path(item)
    words = words_for(edition.for_partners)
    shown = related_block(related, edition, words, image_size, path)
    if isinstance(item, Booklet):  # its contents are other items' pages: made each time
        return _made(item, edition, by_source, path, shown, image_size, assets)
    remember = edition.remember
    targets = remember("link-sources", (item,), (), lambda: link_sources(item))
    held = (item, *(by_source.get(target) for target in targets))
    page, own = remember("item-page", held, (targets, *_page_inputs(item, edition, image_size),
                                             shown),
                         lambda: _made_with_assets(item, edition, by_source, path, shown,
                                                   image_size))
    assets.update(own)
    return page


def _page_inputs(item: Item, edition: EditionContent,
                 image_size: ImageSize | None) -> tuple[object, ...]:
    """What an item's page reads besides the item, its links' targets and its related cards:
    whether it is for partners, the embargo mark, its departments' keys and names, its
    image's size, whether an event is over, its series, and a standing page's breadcrumbs
    (plain values, as for a card: lists.py's _card_inputs)."""
    size = image_size(item.image.path) if image_size and item.image is not None else None
    over = isinstance(item, Event) and item.end_day < edition.now.date()
    departments = tuple((found.key, found.name) if (found := edition.department(key)) else None
                        for key in _department_keys(item))
    crumbs = repr(page_crumbs(item, words_for(edition.for_partners), edition)) \
        if isinstance(item, Page) else None
    return (edition.for_partners, _marked_embargoed(item, edition), departments, size, over,
            _series_key(item, edition), crumbs)


def _department_keys(item: Item) -> tuple[str | None, ...]:
    if isinstance(item, Update | Adviser):
        return (item.department,)
    if isinstance(item, Interview):
        return (item.person.department,)
    return ()


def _made_with_assets(item: Item, edition: EditionContent,
                      by_source: dict[PurePosixPath, Item], path: str, shown: str,
                      image_size: ImageSize | None
                      ) -> tuple[SitePage, tuple[tuple[str, PurePosixPath], ...]]:
    """The page, and the files of content/ it publishes (its image, the files it links to)."""
    own: dict[str, PurePosixPath] = {}
    page = _made(item, edition, by_source, path, shown, image_size, own)
    return page, tuple(own.items())


def _made(item: Item, edition: EditionContent, by_source: dict[PurePosixPath, Item], path: str,
          shown: str, image_size: ImageSize | None,
          assets: dict[str, PurePosixPath]) -> SitePage:
    size = image_size(item.image.path) if image_size and item.image is not None else None
    linked: dict[str, PurePosixPath] = {}
    body = localise_links(item, by_source, path, linked)
    page = _item_page(item, edition, body, assets, size, shown)
    assets.update(linked)  # after the image's
    return page


def _series_key(item: Item, edition: EditionContent) -> tuple[str, str] | None:
    """What an event's page shows of its series (its title and address)."""
    series = series_of(item, edition) if isinstance(item, Event) else None
    return (series.title, series.slug) if series else None


def _item_page(item: Item, edition: EditionContent, body: str,
               assets: dict[str, PurePosixPath], size: tuple[int, int] | None,
               related: str) -> SitePage:
    """`related`: the block of related items' cards (itempage.related_block)."""
    path = page_path(item)
    words = words_for(edition.for_partners)
    parts = [front(item.title, item.summary or teaser(item), **item_meta(item, words, edition))]
    parts.append(f"# {esc(item.title)}\n")
    parts.extend(_preview_marks(item, edition))
    parts.append(_details(item, edition, path))
    parts.extend(_image_and_body(item, edition, body, path, assets, size))
    if isinstance(item, Booklet):
        parts.append(_booklet_contents(item, edition, path))
    parts.append(tag_links(item, path))
    parts.append(related)
    return SitePage(path, "\n".join(parts))


def home_text(page: Page, edition: EditionContent, by_source: dict[PurePosixPath, Item],
              assets: dict[str, PurePosixPath],
              image_size: ImageSize | None = None) -> tuple[str, str]:
    """The heading and the text content/pages/index.md gives the home page (its image and
    links as on any page; in the preview, marked as a draft or under embargo)."""
    size = image_size(page.image.path) if image_size and page.image is not None else None
    parts = [*_preview_marks(page, edition),
             *_image_and_body(page, edition, localise_links(page, by_source, "index.md", assets),
                              "index.md", assets, size)]
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


def _image_and_body(item: Item, edition: EditionContent, body: str, path: str,
                    assets: dict[str, PurePosixPath],
                    size: tuple[int, int] | None) -> list[str]:
    """The item's image and its `body` (links resolved for the edition: localise_links);
    partner-facing raw HTML kept to what the sanitiser allows (rawhtml.safe_html), no
    clobbering ids elsewhere."""
    parts = []
    if item.image is not None:
        published = asset_path(item.image.path)
        assets[published] = item.image.path
        portrait = ".courant-image .courant-portrait" if isinstance(item, Interview) else None
        parts.append(image_markdown(item.image.alt, published, path, size, portrait))
    parts.append(safe_html(body) if edition.for_partners else safe_ids(body))
    return parts


def _marked_embargoed(item: Item, edition: EditionContent) -> bool:
    """Shown under embargo: only the preview shows such an item, and says so on its page."""
    return edition.preview and is_embargoed(item, edition.now)


def _details(item: Item, edition: EditionContent, path: str) -> str:
    """The lines under the title: date, department, authors, and what each kind adds."""
    bits: list[str] = []
    if isinstance(item, Event):
        series = series_of(item, edition)
        return event_details(item, words_for(edition.for_partners), edition.now.date(),
                             (series.title, series.page) if series else None)
    if isinstance(item, Adviser):
        return adviser_details(item, edition, path)
    if isinstance(item, Booklet):
        return _booklet_downloads(item, edition)
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


def _booklet_downloads(booklet: Booklet, edition: EditionContent) -> str:
    """The booklet's date and its two files (render/booklet.py: boekjes/<slug>.pdf, .epub),
    published beside this page."""
    day = booklet_day(booklet, chapters_of(booklet, edition))
    lines = [meta_line([wording.day(day)])] if day else []
    for suffix, label in (("pdf", "Download als PDF"), ("epub", "Download als e-book (EPUB)")):
        name = booklet_file(booklet.slug, suffix).rpartition("/")[2]
        lines.append(f'[{label}]({name}){{ .md-button download="{name}" }}')
    return "\n".join(lines) + "\n"


def _booklet_contents(booklet: Booklet, edition: EditionContent, path: str) -> str:
    """What the booklet holds: each chapter, linked to its own page."""
    entries = [(c.title, page_path(c)) for c in chapters_of(booklet, edition)]
    if BookletPart.DEPARTMENTS in booklet.include:
        entries.append(("Contact met de afdelingen", "afdelingen/index.md"))
    if BookletPart.GUIDE in booklet.include:
        entries.append(("Wie benader je waarvoor", "wie-benader-je-waarvoor.md"))
    lines = [f"{n}. [{esc(title)}]({relative(path, target)})"
             for n, (title, target) in enumerate(entries, start=1)]
    return "\n## In dit boekje\n\n" + "\n".join(lines) + "\n"


def adviser_details(adviser: Adviser, edition: EditionContent, path: str) -> str:
    """Role and department, the topics to ask about, and tappable e-mail and phone."""
    bits = [esc(adviser.role), _department_link(edition.department(adviser.department), path)]
    lines = [meta_line(bits)]
    if adviser.topics:
        lines.append("Voor vragen over: " + ", ".join(esc(t) for t in adviser.topics) + "\n")
    contact = contact_links(adviser.email, adviser.phone)
    if contact:
        lines.append(contact)
    return "\n".join(lines)


def contact_links(email: str | None, phone: str | None) -> str:
    """E-mail and phone as links a phone opens (mailto:, tel: of the number's digits)."""
    rows = []
    if email:
        rows.append(f"- E-mail: [{esc(email)}](mailto:{email})")
    if phone:
        rows.append(f"- Telefoon: [{esc(phone)}](tel:{tel(phone)})")
    return "\n".join(rows) + "\n" if rows else ""


def tel(phone: str) -> str:
    """'+31 6 1234-5678' -> '+31612345678' (a tel: link holds no spaces)."""
    return re.sub(r"[^0-9+]", "", phone)


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


def event_rows(event: Event, edition: EditionContent, path: str,
               with_series: bool = False) -> list[tuple[str, str]]:
    """What an event page and a series page say of an event: when, (its series,) where,
    online, registration ("vol" once full; none when cancelled)."""
    rows = [("Wanneer", wording.when(event))]
    series = series_of(event, edition) if with_series else None
    if series is not None:
        rows.append(("Reeks", f"[{esc(series.title)}]({relative(path, series.page)})"))
    if event.location:
        rows.append(("Waar", esc(event.location)))
    if event.online and not event.cancelled:
        rows.append(("Online", f"[Deelnemen via de online link]({event.online})"))
    if event.registration and not event.cancelled:
        rows.append(("Aanmelden", "vol: er zijn geen plaatsen meer vrij" if event.full else
                     f"[Aanmelden voor {esc(event.title)}]({event.registration})"))
    return rows
