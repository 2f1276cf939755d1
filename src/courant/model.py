"""The validated content model: frozen values, no I/O.

Everything after validation works on these types only, so a renderer can never see a raw
front matter dictionary or a file that did not pass the editors' contract.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import PurePosixPath
from typing import ClassVar

Day = date  # for fields beside one named `date`


class Audience(StrEnum):
    """Who may see an item (the spec's `audience` key)."""

    STAFF = "staff"
    PARTNERS = "partners"
    ALL = "all"


class Kind(StrEnum):
    """The item types; the value is the top folder in content/."""

    UPDATE = "updates"
    INTERVIEW = "interviews"
    EVENT = "agenda"
    READING = "reading"
    PAGE = "pages"
    ADVISER = "advisers"
    BOOKLET = "booklets"


class ReadingKind(StrEnum):
    BOOK = "book"
    ARTICLE = "article"
    VIDEO = "video"
    PODCAST = "podcast"
    WEBSITE = "website"


@dataclass(frozen=True, slots=True)
class Department:
    key: str
    name: str
    email: str | None = None
    phone: str | None = None
    description: str = ""
    topics: tuple[str, ...] = ()


def topic_rows(departments: tuple[Department, ...]) -> list[tuple[str, Department]]:
    """"Wie benader je waarvoor": every topic of every department, alphabetically."""
    return sorted(((topic, dept) for dept in departments for topic in dept.topics),
                  key=lambda row: row[0].lower())


@dataclass(frozen=True, slots=True)
class SeriesInfo:
    """What content/series.yml says of a series: `name` as events write it in `series`;
    `title` and `description` appear on its page in the editions `audience` lets see them."""

    name: str
    title: str | None = None
    description: str = ""
    audience: Audience = Audience.STAFF


@dataclass(frozen=True, slots=True)
class Image:
    """An image inside content/: `path` is relative to content/ (posix)."""

    path: PurePosixPath
    alt: str


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    department: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """Fields every source in content/ carries.

    `source` is the path relative to the project (``content/updates/x.md``), used in messages
    and to resolve editors' links; `slug` comes from the file name.
    """

    source: PurePosixPath
    slug: str
    title: str
    body: str
    date: date | None = None
    audience: Audience = Audience.STAFF
    summary: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    issue: str | None = None
    draft: bool = False
    image: Image | None = None
    until: Day | None = None  # published up to and including this day (advisers/)

    kind: ClassVar[Kind]  # each type's own: a class attribute (a property cost a call)


@dataclass(frozen=True, slots=True, kw_only=True)
class Update(Item):
    department: str

    kind: ClassVar[Kind] = Kind.UPDATE


@dataclass(frozen=True, slots=True, kw_only=True)
class Interview(Item):
    person: Person
    consent: bool = True

    kind: ClassVar[Kind] = Kind.INTERVIEW


@dataclass(frozen=True, slots=True, kw_only=True)
class Event(Item):
    """An agenda item. `start`/`end` are aware datetimes, or dates for all-day events.

    `end` is always filled in: one hour after a timed start, the start day for all-day events
    (all-day ends are inclusive, as editors write them).
    """

    start: datetime | date
    end: datetime | date
    location: str | None = None
    online: str | None = None
    registration: str | None = None
    series: str | None = None
    cancelled: bool = False
    full: bool = False  # no places left: shown as "vol", registration no longer offered

    kind: ClassVar[Kind] = Kind.EVENT

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def start_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def end_day(self) -> date:
        return self.end.date() if isinstance(self.end, datetime) else self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadingTip(Item):
    reading_kind: ReadingKind
    creator: str | None = None
    link: str | None = None

    kind: ClassVar[Kind] = Kind.READING


@dataclass(frozen=True, slots=True, kw_only=True)
class Adviser(Item):
    """A colleague others can consult (advisers/): `title` holds the name."""

    role: str
    department: str | None = None
    topics: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None
    consent: bool = True

    kind: ClassVar[Kind] = Kind.ADVISER

    @property
    def name(self) -> str:
        return self.title


class BookletPart(StrEnum):
    """What a booklet may add after its chapters (`include`)."""

    DEPARTMENTS = "departments"  # the department contacts
    GUIDE = "guide"  # "wie benader je waarvoor"


@dataclass(frozen=True, slots=True, kw_only=True)
class Booklet(Item):
    """A booklet (booklets/): `pages` are the sources of its chapters, in order; the body is
    its own introduction."""

    pages: tuple[PurePosixPath, ...]
    include: tuple[BookletPart, ...] = ()

    kind: ClassVar[Kind] = Kind.BOOKLET


HOME_PAGE = "index"
"""The slug of content/pages/index.md."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Page(Item):
    """A standing page; `section` is its folder below content/pages/ ('' at the top)."""

    section: PurePosixPath = PurePosixPath()  # noqa: RUF009 (immutable)

    kind: ClassVar[Kind] = Kind.PAGE

    @property
    def is_home(self) -> bool:
        """content/pages/index.md: the home page's own heading and text, not a page apart."""
        return self.slug == HOME_PAGE


_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True, order=True, slots=True)
class Month:
    """A calendar month as courant writes it: YYYY-MM (newsletter/2026-12.md, `issue: 2026-12`,
    `courant preview 2026-12`). The one parser of that form; `str()` gives it back."""

    year: int
    number: int  # 1-12

    @classmethod
    def parse(cls, text: str) -> Month | None:
        """'2026-12' -> Month(2026, 12); None for anything else: '2026-13', '2026-1', ' 2026-12'."""
        match = _MONTH.fullmatch(text)
        return cls(int(match[1]), int(match[2])) if match else None

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.number:02d}"

    def next(self) -> Month:
        return Month(self.year + self.number // 12, self.number % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.number, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.number, calendar.monthrange(self.year, self.number)[1])


NEWSLETTER_EDITIONS = ("staff", "partners")
"""The two editions of the newsletter, as `courant send` and newsletter/YYYY-MM.sent.yml name
them."""


@dataclass(frozen=True, slots=True)
class Sent:
    """One edition of an issue as it went out (newsletter/YYYY-MM.sent.yml): from then on that
    edition of the issue holds exactly these items and events, and no others."""

    edition: str  # staff | partners
    time: datetime
    items: tuple[PurePosixPath, ...]  # the news items it held (sources)
    agenda: tuple[PurePosixPath, ...]  # the events in its agenda (sources)
    how: str = "courant send"  # or "courant send --mark-sent": sent by other means


@dataclass(frozen=True, slots=True)
class Issue:
    """One monthly newsletter (newsletter/YYYY-MM.md); `sent`: the editions that went out."""

    source: PurePosixPath
    month: str  # YYYY-MM: str(Month), the file's name
    date: date
    title: str
    foreword: str
    sent: tuple[Sent, ...] = ()

    def sent_as(self, edition: str | None) -> Sent | None:
        """The record of `edition` (staff, partners) when that edition is closed, else None."""
        return next((s for s in self.sent if s.edition == edition), None)


@dataclass(frozen=True, slots=True)
class Content:
    """Everything the editors wrote, validated."""

    departments: tuple[Department, ...]
    items: tuple[Item, ...]
    issues: tuple[Issue, ...] = ()
    by_source: dict[PurePosixPath, Item] = field(default_factory=dict, compare=False)
    series: tuple[SeriesInfo, ...] = ()  # content/series.yml

    def department(self, key: str | None) -> Department | None:
        return next((d for d in self.departments if d.key == key), None)


NEWS_KINDS = (Kind.UPDATE, Kind.INTERVIEW, Kind.READING)
"""The kinds that go into newsletter issues and feeds (events go by the agenda window)."""
