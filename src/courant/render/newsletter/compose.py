"""What one edition of one issue holds: sections, department groups and entries, as plain data.

The web version (web.py) and the mail (email.py) show the same
composition, so both editions of an issue are decided here once: an entry is a title, a teaser
and the page of the full item on that edition's site.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from courant import wording
from courant.audience import Edition, EditionContent
from courant.issues import Agenda, agenda_of_issue, place_items
from courant.model import Event, Image, Interview, Issue, Item, Kind, ReadingTip, Update
from courant.rawhtml import safe_html, safe_ids
from courant.render.paths import Target, page_path, resolve_body, teaser


@dataclass(frozen=True, slots=True)
class Entry:
    """One item in an issue. `path` is its page in the edition's site (nieuws/<slug>.md)."""

    item: Item
    title: str
    teaser: str
    path: str
    meta: tuple[str, ...]
    cancelled: bool = False
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Group:
    """Entries under one heading: a department in the news section, or no heading (None)."""

    title: str | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class Section:
    kind: Kind
    title: str
    groups: tuple[Group, ...]

    @property
    def entries(self) -> list[Entry]:
        return [entry for group in self.groups for entry in group.entries]


@dataclass(frozen=True, slots=True)
class ComposedIssue:
    """One issue in one edition. `foreword` is Markdown whose links to other sources are
    already resolved by `link` (see `compose_issues`); `sections` holds no empty section."""

    issue: Issue
    edition: Edition
    foreword: str
    sections: tuple[Section, ...]

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]


LinkTo = Callable[[str, bool], str]
"""Turns a page path in the site (nieuws/x.md, nieuwsbrief/2026-11/index.md) into a link; the
flag: for raw HTML (a URL as the engine leaves it, never a .md path)."""


def compose_issues(news: EditionContent, sections: Sequence[tuple[Kind, str]],
                   agenda_weeks: int, link: LinkTo) -> list[ComposedIssue]:
    """Every issue `news` holds (published ones; in the preview also later ones), oldest first.

    `link` decides how the foreword's links to other sources are written: relative for a web
    page, absolute for mail.
    """
    placed = place_items(news.items, news.issues, news.newsletter)
    agenda = Agenda(news.events)
    return [compose_issue(issue, placed.get(issue.month, []), news, sections, agenda_weeks,
                          link, agenda) for issue in news.issues]


def compose_issue(issue: Issue, items: Sequence[Item], news: EditionContent,
                  sections: Sequence[tuple[Kind, str]], agenda_weeks: int,
                  link: LinkTo, agenda: Agenda | None = None) -> ComposedIssue:
    """One issue of `news`; `agenda`: news' events, sorted once for many issues."""
    composed = []
    for kind, title in sections:
        if kind is Kind.EVENT:
            events = agenda_of_issue(issue, agenda or news.events, agenda_weeks,
                                     news.newsletter)
            groups = _groups([entry_of(e, news) for e in events], None)
        elif kind is Kind.UPDATE:
            groups = _department_groups([i for i in items if isinstance(i, Update)], news)
        else:
            groups = _groups([entry_of(i, news) for i in items if i.kind is kind], None)
        if groups:
            composed.append(Section(kind, title, groups))
    foreword = localise_foreword(issue, news, link)
    return ComposedIssue(issue, news.edition, foreword, tuple(composed))


def _groups(entries: list[Entry], title: str | None) -> tuple[Group, ...]:
    return (Group(title, tuple(entries)),) if entries else ()


def _department_groups(updates: list[Update], news: EditionContent) -> tuple[Group, ...]:
    """Updates grouped by department, in the order of departments.yml."""
    groups: list[Group] = []
    for department in news.departments:
        own = [entry_of(u, news) for u in updates if u.department == department.key]
        groups.extend(_groups(own, department.name))
    known = {d.key for d in news.departments}
    groups.extend(_groups([entry_of(u, news) for u in updates if u.department not in known],
                          None))
    return tuple(groups)


def entry_of(item: Item, news: EditionContent) -> Entry:
    return Entry(item=item, title=item.title, teaser=teaser(item), path=page_path(item),
                 meta=tuple(b for b in meta_of(item, news) if b),
                 cancelled=isinstance(item, Event) and item.cancelled, image=item.image)


def meta_of(item: Item, news: EditionContent) -> list[str]:
    """The small facts under an entry's title, as plain text."""
    if isinstance(item, Event):
        return [wording.when(item), item.location or "", item.series or ""]
    bits: list[str] = []
    if isinstance(item, Interview):
        bits.extend([item.person.name, item.person.role or ""])
        department = news.department(item.person.department)
        bits.append(department.name if department else "")
    if isinstance(item, ReadingTip):
        label = wording.READING_LABELS[item.reading_kind][0]
        bits.append(label + (f" van {item.creator}" if item.creator else ""))
    if item.date:
        bits.append(wording.day(item.date))
    return bits


def localise_foreword(issue: Issue, news: EditionContent, link: LinkTo) -> str:
    """The foreword with editors' relative links resolved: an item this edition holds or
    another issue becomes a link (`link(page path)`), anything else only its text."""
    def place(target: Target, in_html: bool) -> str:
        assert target.page is not None  # a foreword publishes no files
        return link(target.page, in_html)

    foreword = resolve_body(issue.foreword, issue.source, news.by_source, place,
                            frozenset(i.month for i in news.issues), files=False)
    return safe_html(foreword) if news.for_partners else safe_ids(foreword)
