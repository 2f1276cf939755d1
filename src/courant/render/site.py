"""EditionContent -> the pages of one site (intranet or public) as plain data.

Items are reached through index pages and kept out of the menu: a menu that lists every item
makes each page render the whole archive, and the build grows quadratically.
"""

from __future__ import annotations

import html
from pathlib import PurePosixPath
from typing import Any

from courant.audience import EditionContent, is_embargoed
from courant.config import Config
from courant.links import find_links, may_link
from courant.model import Department, Event, Interview, Item, Kind, Page, ReadingTip, Update
from courant.rawhtml import safe_html, safe_ids
from courant.render import dutch
from courant.render.chrome import INDEX_TITLES, Words, words_for
from courant.render.common import (
    SECTION_DIRS,
    asset_path,
    localise_links,
    page_path,
    relative,
    teaser,
)
from courant.render.home import home_page
from courant.render.images import ImageSize, image_markdown
from courant.render.indexes import department_pages, guide_page, newest_first
from courant.render.itempage import Related, event_details, item_meta, related_block, tag_links
from courant.render.markdown import esc, front, meta_line
from courant.render.overviews import (
    REFERENCE_DIR,
    agenda_overview,
    reading_overview,
    reference_page,
    section_overview,
    tag_pages,
)
from courant.render.pages import Asset, Site, SitePage

COURANT_PAGES = frozenset({"nieuwsbrief-ontvangen.md", "privacy.md", "toegankelijkheid.md"})
"""Pages courant makes itself (an editor's page at that path replaces courant's): the menu
has them in their own place, never among the standing pages."""


def render_site(edition: EditionContent, config: Config, name: str, url: str,
                extra_pages: tuple[SitePage, ...] = (),
                image_size: ImageSize | None = None) -> Site:
    """All pages of one site. `extra_pages` come from other renderers (newsletter archive);
    `image_size` gives images their width and height."""
    assets: dict[str, PurePosixPath] = {}
    by_source = edition.by_source
    words = words_for(edition.for_partners)
    page_size = config.settings.page_size
    home = next((i for i in edition.of_kind(Kind.PAGE) if isinstance(i, Page) and i.is_home),
                None)
    related = Related(edition, newest_first(edition.items))
    pages = [item_page(item, edition, by_source, assets, image_size, related.of(item))
             for item in edition.items if item is not home]
    own = home_text(home, edition, by_source, assets, image_size) if home else None
    pages.append(home_page(edition, config, words, own, image_size))
    for kind in (Kind.UPDATE, Kind.INTERVIEW):
        pages.extend(section_overview(edition, kind, words, image_size, page_size))
    pages.extend(agenda_overview(edition, words, url, page_size))
    pages.append(reading_overview(edition, words, image_size))
    pages.extend(department_pages(edition, page_size, words, image_size))
    pages.append(guide_page(edition, words))
    pages.extend(tag_pages(edition, words, image_size, page_size))
    reference = reference_page(edition, words)
    pages.extend([reference] if reference else [])
    pages.extend(extra_pages)
    nav = _nav(edition, words, reference is not None)
    return Site(name, url, tuple(pages), nav,
                tuple(Asset(path, source) for path, source in sorted(assets.items())))


def _nav(edition: EditionContent, words: Words, reference: bool) -> list[Any]:
    """The menu: courant's sections, then the standing pages under one section (Naslag);
    Privacy and Toegankelijkheid are in every page's footer."""
    nav: list[Any] = [{"Home": "index.md"}]
    for kind in INDEX_TITLES:
        if kind is Kind.EVENT or kind is Kind.READING or edition.of_kind(kind):
            nav.append({words.index_title(kind): f"{SECTION_DIRS[kind]}/index.md"})
    nav.append({"Afdelingen": ["afdelingen/index.md",
                               {words.guide: "wie-benader-je-waarvoor.md"}]})
    nav.append({"Nieuwsbrief": ["nieuwsbrief/index.md",
                                {"Nieuwsbrief ontvangen": "nieuwsbrief-ontvangen.md"}]})
    standing = _pages_nav([i for i in edition.items if isinstance(i, Page)
                           and page_path(i) not in COURANT_PAGES])
    if reference:
        nav.append({words.reference: [f"{REFERENCE_DIR}/index.md", *standing]})
    return escaped_nav(nav)


def escaped_nav(nav: list[Any]) -> list[Any]:
    """The menu with every title as HTML text: Material writes a menu title into every page
    unescaped (as it does page.meta.title, see markdown.front), so a page title or folder name
    with `<` or `&` shows as written and never becomes markup."""
    return [{html.escape(str(title)): escaped_nav(target) if isinstance(target, list)
             else target for title, target in entry.items()} if isinstance(entry, dict)
            else entry for entry in nav]


def _pages_nav(pages: list[Page]) -> list[Any]:
    """Standing pages: top-level ones directly, each folder as a menu section."""
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for page in sorted((p for p in pages if not p.is_home),
                       key=lambda p: (str(p.section), not p.slug.endswith("index"),
                                      p.title.lower())):
        entry = {page.title: page_path(page)}
        if not page.section.parts:
            nav.append(entry)
        else:
            title = page.section.parts[0].replace("-", " ").capitalize()
            if title not in sections:
                sections[title] = []
                nav.append({title: sections[title]})
            sections[title].append(entry)
    return nav


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
        marks.append(f'!!! info "Embargo"\n    Dit stuk verschijnt op {dutch.day(item.date)}: tot '
                     "dan zie je het alleen hier, in het voorbeeld.\n")
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
        bits.append(f"Bijgewerkt op {dutch.day(item.date)}" if isinstance(item, Page)
                    else dutch.day(item.date))
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
    label = dutch.READING_LABELS[item.reading_kind][0]
    lines = [f"**{label}**" + (f" van {esc(item.creator)}" if item.creator else "") +
             "\n{ .courant-meta }\n"]
    if item.link:
        lines.append(f"[{esc(item.title)} bekijken bij de bron]({item.link})\n")
    return "\n".join(lines)
