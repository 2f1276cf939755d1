"""The privacy gate: which items an edition may see. Only `select` makes an EditionContent.

Every renderer takes an EditionContent, never Content, so nothing can render an item that
was not let through here. The partner edition holds `partners` and `all` only; anything else
(including anything a future key might add) stays out.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from functools import partial
from pathlib import PurePosixPath
from typing import Any, Protocol, TypeVar

from courant import passages
from courant.clock import start_of_day
from courant.markup import first_paragraph
from courant.model import Audience, Content, Department, Event, Issue, Item, Kind, SeriesInfo
from courant.problems import ContentError, Problem


class Edition(StrEnum):
    """INTRANET: the staff site (every audience). STAFF: the staff newsletter and feed.
    PARTNERS: the partner newsletter, public site, partner feed and calendar."""

    INTRANET = "intranet"
    STAFF = "staff"
    PARTNERS = "partners"


VISIBLE: dict[Edition, frozenset[Audience]] = {
    Edition.INTRANET: frozenset(Audience),
    Edition.STAFF: frozenset({Audience.STAFF, Audience.ALL}),
    Edition.PARTNERS: frozenset({Audience.PARTNERS, Audience.ALL}),
}


T = TypeVar("T")


class Remember(Protocol):
    """What a renderer makes of unchanged content, kept for the next build of the same process
    (the preview's, build/cache.py `Cache.remembered`): `make()`, or what it gave before for
    the same `kind` and `key` while each object of `held` is the very one it was then. `key`
    is all else `make` reads; the renderer that calls it spells it out."""

    def __call__(self, kind: str, held: tuple[object, ...], key: Hashable,
                 make: Callable[[], T]) -> T: ...


def make_now(kind: str, held: tuple[object, ...], key: Hashable, make: Callable[[], T]) -> T:
    """Remember nothing: a one-off build makes everything once."""
    return make()


@dataclass(frozen=True, slots=True)
class EditionContent:
    """What one edition may show, as of `now`. Made by `select` only."""

    edition: Edition
    now: datetime
    departments: tuple[Department, ...]
    items: tuple[Item, ...]
    issues: tuple[Issue, ...]  # published issues (dated on or before now), oldest first
    preview: bool = False
    series: tuple[SeriesInfo, ...] = ()  # content/series.yml: the entries this edition may see
    # given by the pipeline, never by the content: what the renderers' memo is (Remember)
    remember: Remember = field(default=make_now, repr=False, compare=False)
    # lookups every renderer asks for many times (once per issue, per page): made once
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def newsletter(self) -> str:
        """The newsletter edition its issues are shown as (staff, partners): the intranet's
        archive is the staff edition. It says which records of sent issues apply."""
        return "partners" if self.edition is Edition.PARTNERS else "staff"

    @property
    def for_partners(self) -> bool:
        """Partner-facing: addressed as 'u' (as the partner mail does), sanitised."""
        return self.edition is Edition.PARTNERS

    def of_kind(self, kind: Kind) -> list[Item]:
        if kind not in self._memo:
            self._memo[kind] = [item for item in self.items if item.kind is kind]
        return list(self._memo[kind])

    @property
    def events(self) -> list[Event]:
        return [item for item in self.of_kind(Kind.EVENT) if isinstance(item, Event)]

    @property
    def by_source(self) -> dict[PurePosixPath, Item]:
        """Items by source path (read-only: the same dict for every caller)."""
        if "by_source" not in self._memo:
            self._memo["by_source"] = {item.source: item for item in self.items}
        return self._memo["by_source"]  # type: ignore[no-any-return]

    def department(self, key: str | None) -> Department | None:
        if "departments" not in self._memo:
            self._memo["departments"] = {d.key: d for d in self.departments}
        return self._memo["departments"].get(key)  # type: ignore[no-any-return]


def is_visible(item: Item, edition: Edition, now: datetime, preview: bool = False) -> bool:
    """Audience, embargo and draft rules for one item."""
    if item.audience not in VISIBLE[edition]:
        return False
    if is_expired(item, now):  # personal data of someone who no longer does this: gone
        return False
    if preview:  # the editor's own computer: drafts and items under embargo, both marked
        return True
    return not item.draft and not is_embargoed(item, now)


def is_expired(item: Item, now: datetime) -> bool:
    """Past its `until`: gone from the start of the next day, Amsterdam time."""
    return item.until is not None and start_of_day(item.until + timedelta(days=1)) <= now


def is_embargoed(item: Item, now: datetime) -> bool:
    """Dated after today: nowhere until the start of its day, Amsterdam time."""
    return item.date is not None and start_of_day(item.date) > now


def is_published(issue: Issue, now: datetime) -> bool:
    return start_of_day(issue.date) <= now


@dataclass(frozen=True, slots=True)
class Due:
    """The next moment the sites change, and the sources that appear then."""

    moment: datetime  # aware, Europe/Amsterdam
    sources: tuple[PurePosixPath, ...]


def next_due(content: Content, now: datetime) -> Due | None:
    """The first moment after `now` at which an item or issue is published, or an item goes
    (the start of its day, Amsterdam time: where is_embargoed, is_expired and is_published
    change); None when nothing is
    waiting. Drafts never become due by themselves, so they do not count."""
    waiting: dict[datetime, list[PurePosixPath]] = {}
    for item in content.items:
        if item.draft:
            continue
        moments = [start_of_day(item.date)] if item.date is not None else []
        if item.until is not None:  # it goes the day after
            moments.append(start_of_day(item.until + timedelta(days=1)))
        for moment in moments:
            if moment > now:
                waiting.setdefault(moment, []).append(item.source)
    for issue in content.issues:
        moment = start_of_day(issue.date)
        if moment > now:
            waiting.setdefault(moment, []).append(issue.source)
    if not waiting:
        return None
    first = min(waiting)
    return Due(first, tuple(sorted(waiting[first])))


def select(content: Content, edition: Edition, now: datetime,
           preview: bool = False, remember: Remember = make_now) -> EditionContent:
    """Filter the whole content down to one edition, before anything is rendered.

    `preview` (the local preview only) shows drafts, items under embargo and issues dated in
    the future. `remember`: the renderers' memo the edition hands on, which keeps each
    item as this edition may show it too (its passages for staff marked or taken out).
    """
    items = tuple(remember("passages", (i,), edition, partial(_passages_of, i, edition))
                  for i in content.items if is_visible(i, edition, now, preview))
    issues = tuple(_foreword_of(i, edition) for i in content.issues
                   if preview or is_published(i, now))
    series = tuple(s for s in content.series if s.audience in VISIBLE[edition])
    return EditionContent(edition, now, content.departments, items, issues, preview, series,
                          remember)


def _passages_of(item: Item, edition: Edition) -> Item:
    """The item as `edition` may show it: for partners without its staff-only passages (on
    the source, before anything renders it: its links, images and headings go with them), for
    staff with them marked. The teaser (no `summary`) is the first paragraph partners see, in
    every edition."""
    if not passages.may_have(item.body):
        return item
    if edition is Edition.PARTNERS:
        return replace(item, body=_for_partners(item.body, str(item.source)))
    body = passages.for_staff(item.body)
    if body == item.body:
        return item
    summary = item.summary
    if summary is None and item.audience is not Audience.STAFF:
        summary = first_paragraph(_for_partners(item.body, str(item.source))) or None
    return replace(item, body=body, summary=summary)


def _foreword_of(issue: Issue, edition: Edition) -> Issue:
    """An issue's foreword is in both editions: the partners' without its staff passages."""
    if not passages.may_have(issue.foreword):
        return issue
    foreword = (_for_partners(issue.foreword, str(issue.source)) if edition is Edition.PARTNERS
                else passages.for_staff(issue.foreword))
    return replace(issue, foreword=foreword)


def _for_partners(body: str, source: str) -> str:
    """Fail closed: a text whose passages cannot be removed with certainty stops the build
    (`courant check` reports the same faults with their lines in the file)."""
    try:
        return passages.for_partners(body)
    except passages.Unsafe as unsafe:
        raise ContentError([Problem(source, f"regel {fault.line} van de tekst: {fault.message}")
                            for fault in unsafe.faults]) from None
