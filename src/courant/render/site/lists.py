"""Items in a list, as a reader meets them on a home or overview page: cards with an image,
the type of entry, date and department; events as date tiles; top tasks as large links.

Written as HTML blocks inside the page's Markdown (no blank line inside, so Markdown passes
them on): their headings carry no id, so the page's table of contents and the search index
do not repeat every title of the list, and `data-search-exclude` keeps teasers out of the
search (each item is found on its own page). Links to pages are .md paths, as the engine
resolves them in raw HTML (engine/mkdocs.py); images are URLs from the page as served.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from courant import wording
from courant.audience import EditionContent
from courant.model import Event, Interview, Item, ReadingTip, Update
from courant.read.images import ImageSize
from courant.render.images import MAIL_WIDTH, shown
from courant.render.paths import asset_path, page_path, relative, relative_url, teaser
from courant.render.site.chrome import Words

CARD_WIDTH = MAIL_WIDTH  # a card shows the copy made for 600 px (render/images.py)
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True, slots=True)
class ListContext:
    """What every list on a page needs: the edition (for departments), how the site speaks,
    image sizes, the page the list is on and the heading level of its entries."""

    edition: EditionContent
    words: Words
    image_size: ImageSize | None
    page: str
    level: int = 3

    def at(self, page: str, level: int | None = None) -> ListContext:
        return ListContext(self.edition, self.words, self.image_size, page,
                           self.level if level is None else level)


def text(value: str) -> str:
    return escape(value, quote=False)


def link(context: ListContext, path: str) -> str:
    """An attribute value: the .md path of a page from the list's page."""
    return escape(relative(context.page, path))


def label_of(item: Item, words: Words) -> str:
    """The type of an entry, said above its title: Nieuws, Interview, Podcast, ..."""
    if isinstance(item, ReadingTip):
        return wording.READING_LABELS[item.reading_kind][0]
    if isinstance(item, Event) and item.series:
        return item.series
    return words.kind_label(item.kind)


def facts_of(item: Item, edition: EditionContent) -> list[str]:
    """The small facts under a card's title: date, department, person, maker."""
    bits: list[str] = []
    if isinstance(item, Interview):
        bits.append(item.person.name + (f", {item.person.role}" if item.person.role else ""))
    if isinstance(item, ReadingTip) and item.creator:
        bits.append(item.creator)
    if isinstance(item, Event):
        bits.append(wording.when(item))
        if item.location:
            bits.append(item.location)
    elif item.date:
        bits.append(wording.day(item.date))
    department = department_name(item, edition)
    if department:
        bits.append(department)
    return bits


def department_name(item: Item, edition: EditionContent) -> str | None:
    """The department a card names: an update's."""
    department = edition.department(item.department) if isinstance(item, Update) else None
    return department.name if department else None


def image_tag(item: Item, context: ListContext, css: str) -> str:
    """The item's image at a card's size (decorative here: its page has it with its text)."""
    if item.image is None:
        return ""
    published = asset_path(item.image.path)
    size = context.image_size(item.image.path) if context.image_size else None
    src, shown_size = shown(published, size, CARD_WIDTH)
    dimensions = f' width="{shown_size[0]}" height="{shown_size[1]}"' if shown_size else ""
    return (f'<img class="{css}" src="{escape(relative_url(context.page, src))}"{dimensions} '
            'alt="" loading="lazy">')


def title_of(item: Item) -> str:
    title = text(item.title)
    if isinstance(item, Event) and item.cancelled:
        title = f'<span class="courant-badge">{wording.CANCELLED}</span> {title}'
    if item.draft:
        title += " (concept)"
    return title


def card(item: Item, context: ListContext, with_text: bool = True) -> str:
    """One entry as a card: image, type, title (the link), facts, teaser. Without text
    (`with_text`), nothing of the item's body or summary: the related cards of an item's
    page stay as they were when a related item's text changes (items.py). Remembered for the
    item (and all else a card shows of it: `_card_inputs`), so the preview makes again only
    the edited item's cards."""
    return context.edition.remember("card", (item,), _card_inputs(item, context, with_text),
                                    lambda: _card(item, context, with_text))


def _card_inputs(item: Item, context: ListContext, with_text: bool) -> tuple[Any, ...]:
    """What a card reads besides the item: the page it is on (its links are relative), how
    the site speaks, and the item's `card_facts` (plain values: a dataclass's hash is Python
    code, and this is asked for every card)."""
    return (context.page, context.level, context.words.partners, with_text,
            *card_facts(item, context))


def card_facts(item: Item, context: ListContext) -> tuple[str | None, tuple[int, int] | None]:
    """What a card shows of the edition, not of the item: the name of the item's department
    and the size of its image."""
    size = context.image_size(item.image.path) if context.image_size and item.image else None
    return department_name(item, context.edition), size


def _card(item: Item, context: ListContext, with_text: bool) -> str:
    level = context.level
    parts = [f'<li class="courant-card courant-card--{item.kind.value}">',
             image_tag(item, context, "courant-card__image"),
             '<div class="courant-card__body">',
             f'<p class="courant-card__label">{text(label_of(item, context.words))}</p>',
             f'<h{level} class="courant-card__title"><a href="{link(context, page_path(item))}">'
             f"{title_of(item)}</a></h{level}>"]
    facts = facts_of(item, context.edition)
    if facts:
        parts.append(f'<p class="courant-card__meta">{text(" · ".join(facts))}</p>')
    summary = teaser(item) if with_text else ""
    if summary:
        parts.append(f'<p class="courant-card__text">{text(summary)}</p>')
    parts.append("</div></li>")
    return "".join(part for part in parts if part)


def cards(items: Sequence[Item], context: ListContext, css: str = "",
          with_text: bool = True) -> str:
    """A grid of cards, left out of the search index."""
    if not items:
        return ""
    extra = f" {css}" if css else ""
    return (f'<ul class="courant-cards{extra}" data-search-exclude>\n'
            + "\n".join(card(item, context, with_text) for item in items) + "\n</ul>\n")


def tile_date(day: date) -> str:
    return (f'<p class="courant-event__date"><span class="courant-event__day">'
            f'{day.day}</span><span class="courant-event__month">{MONTHS[day.month - 1]}</span>'
            "</p>")


def event_tile(event: Event, context: ListContext, today: date) -> str:
    """One event as a date tile: the day large, then title, time and place."""
    state = (" courant-event--cancelled" if event.cancelled else "") + (
        " courant-event--past" if event.end_day < today else "")
    facts = [wording.when(event)] + ([event.location] if event.location else [])
    level = context.level
    return "".join([
        f'<li class="courant-event{state}">', tile_date(event.start_day),
        '<div class="courant-event__body">',
        f'<p class="courant-event__label">{text(label_of(event, context.words))}</p>'
        if event.series else "",
        f'<h{level} class="courant-event__title"><a href="{link(context, page_path(event))}">'
        f"{title_of(event)}</a></h{level}>",
        f'<p class="courant-event__meta">{text(" · ".join(facts))}</p>',
        "</div></li>"])


def event_tiles(events: Sequence[Event], context: ListContext, today: date) -> str:
    if not events:
        return ""
    return ('<ol class="courant-events" data-search-exclude>\n'
            + "\n".join(event_tile(e, context, today) for e in events) + "\n</ol>\n")


def more_link(context: ListContext, path: str, label: str) -> str:
    """'Alle nieuws': a link to the whole list below a few of its entries."""
    return (f'<p class="courant-more"><a href="{link(context, path)}">{text(label)}</a></p>\n')


@dataclass(frozen=True, slots=True)
class Task:
    """A top task on the home page: a page of the site, in the site's words."""

    title: str
    path: str  # .md path of the page
    text: str = ""


def task_links(tasks: Sequence[Task], context: ListContext) -> str:
    if not tasks:
        return ""
    rows = []
    for task in tasks:
        detail = f'<span class="courant-tasks__text">{text(task.text)}</span>' if task.text \
            else ""
        rows.append(f'<li><a href="{link(context, task.path)}"><span class="courant-tasks__title">'
                    f"{text(task.title)}</span>{detail}</a></li>")
    return '<ul class="courant-tasks" data-search-exclude>\n' + "\n".join(rows) + "\n</ul>\n"


Render = Callable[[Sequence[Item], ListContext], str]
