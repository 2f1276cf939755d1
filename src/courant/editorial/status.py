"""`courant status`: where the next issue stands, for the editorial working group (pure).

For one issue and each newsletter edition: the sections and items it will hold on its date,
the departments that have delivered no update yet, the items still in draft, the items dated
after the issue date (in a later issue), the events in its agenda window, the partner
edition's share, warnings (summary missing or too long, an interview without a photo, a
foreword still to write), and the errors of the files it had to leave out. Placement is
courant.issues' (the same the newsletter uses), the privacy gate courant.audience's: the
report shows each edition as it will be sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from courant.audience import VISIBLE, Edition, select
from courant.check.writing import SUMMARY_MAX, Readability, analyse
from courant.clock import start_of_day
from courant.editorial.scaffold import FOREWORD_HINT
from courant.issues import agenda_of_issue, place_items
from courant.model import NEWS_KINDS, Content, Event, Interview, Issue, Item, Kind, Update
from courant.problems import Problem
from courant.wording import EDITION_NAMES

EDITIONS = (Edition.STAFF, Edition.PARTNERS)


@dataclass(frozen=True, slots=True)
class ItemLine:
    """One item as the report shows it."""

    source: str
    title: str
    kind: str
    audience: str
    date: str | None  # YYYY-MM-DD: the day it is published
    department: str | None = None  # the department's name, for updates
    score: float | None = None  # Flesch-Douma (None: too short to score)
    cancelled: bool = False
    issue: str | None = None  # for items after the issue date: the issue they will be in
    start: str | None = None  # events: when they start (ISO 8601)


@dataclass(frozen=True, slots=True)
class SectionReport:
    kind: str
    title: str
    items: tuple[ItemLine, ...]


@dataclass(frozen=True, slots=True)
class DepartmentLine:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class EditionReport:
    edition: str  # staff | partners
    label: str  # medewerkers | partners
    sections: tuple[SectionReport, ...]  # every configured section, empty ones too
    missing_departments: tuple[DepartmentLine, ...]  # no update in this edition yet

    @property
    def news_count(self) -> int:
        return sum(len(s.items) for s in self.sections if s.kind != Kind.EVENT.value)


@dataclass(frozen=True, slots=True)
class Note:
    source: str
    message: str


@dataclass(frozen=True, slots=True)
class ClosedLine:
    """An edition of an issue that went out (newsletter/YYYY-MM.sent.yml)."""

    month: str
    edition: str  # staff | partners
    sent: str  # ISO 8601
    how: str  # courant send | courant send --mark-sent


@dataclass(frozen=True, slots=True)
class StatusReport:
    now: str  # ISO 8601
    month: str | None  # None: no issue to report on (see notes)
    date: str | None
    title: str | None
    published: bool = False
    editions: tuple[EditionReport, ...] = ()
    drafts: tuple[ItemLine, ...] = ()
    after_issue: tuple[ItemLine, ...] = ()  # published only after the issue date
    partner_share: tuple[int, int] = (0, 0)  # (items in the partner edition, items in all)
    warnings: tuple[Note, ...] = ()
    notes: tuple[str, ...] = ()
    issues: tuple[str, ...] = field(default=())  # every issue file's month
    closed: tuple[ClosedLine, ...] = ()  # the editions that went out, oldest issue first
    errors: tuple[str, ...] = ()  # `file:line: message` of each error: those files are left out

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["partner_share"] = {"partners": self.partner_share[0],
                                 "total": self.partner_share[1]}
        for edition, report in zip(data["editions"], self.editions, strict=True):
            edition["news_count"] = report.news_count
        return data


Score = Callable[[str], Readability]


def default_month(content: Content, now: datetime) -> str | None:
    """The next issue that is not out yet (None when every issue file is out)."""
    coming = sorted((i for i in content.issues if start_of_day(i.date) > now),
                    key=lambda i: i.date)
    return coming[0].month if coming else None


def status_report(content: Content, now: datetime, sections: Sequence[tuple[Kind, str]],
                  agenda_weeks: int = 8, month: str | None = None,
                  score: Score = analyse, errors: Sequence[Problem] = ()) -> StatusReport:
    """The report for `month` (by default the next issue not out yet); `errors`: those of the
    files `content` lacks, listed in the report."""
    report = _report(content, now, sections, agenda_weeks, month, score)
    return replace(report, errors=tuple(str(p) for p in errors))


def _report(content: Content, now: datetime, sections: Sequence[tuple[Kind, str]],
            agenda_weeks: int, month: str | None, score: Score) -> StatusReport:
    issues = sorted(content.issues, key=lambda i: i.date)
    months = tuple(i.month for i in issues)
    month = month or default_month(content, now)
    issue = next((i for i in issues if i.month == month), None)
    if issue is None:
        return _no_issue(content, now, month, months, issues)
    line = _liner(content, score)
    editions = tuple(_edition(content, issue, edition, EDITION_NAMES[edition], sections,
                              agenda_weeks, line) for edition in EDITIONS)
    in_issue = _issue_items(content, issue)
    partners = {i.source for i in in_issue if i.audience in VISIBLE[Edition.PARTNERS]}
    return StatusReport(
        now=now.isoformat(), month=issue.month, date=issue.date.isoformat(), title=issue.title,
        published=start_of_day(issue.date) <= now, editions=editions,
        drafts=tuple(line(i) for i in _drafts(content, issues, issue.month)),
        after_issue=tuple(_after(content, issues, issue, line)),
        partner_share=(len(partners), len(in_issue)),
        warnings=tuple(_warnings(issue, in_issue)), issues=months, closed=closed_lines(issues))


def closed_lines(issues: Sequence[Issue]) -> tuple[ClosedLine, ...]:
    return tuple(ClosedLine(issue.month, sent.edition, sent.time.isoformat(), sent.how)
                 for issue in issues for sent in issue.sent)


def _no_issue(content: Content, now: datetime, month: str | None, months: tuple[str, ...],
              issues: list[Issue]) -> StatusReport:
    if month is None:
        note = ("Er is geen nummer dat nog moet verschijnen. Maak het volgende met "
                "'courant new issue'.")
    else:
        note = (f"Er is geen nummer {month} (newsletter/{month}.md). Er zijn nummers voor: "
                f"{', '.join(months) or 'geen'}.")
    placed = place_items([i for i in content.items if not i.draft], issues)
    done = {item.source for members in placed.values() for item in members}
    line = _liner(content, analyse)
    waiting = [line(i) for i in content.items
               if i.kind in NEWS_KINDS and not i.draft and i.source not in done]
    return StatusReport(now=now.isoformat(), month=month, date=None, title=None,
                        after_issue=tuple(waiting), notes=(note,), issues=months,
                        closed=closed_lines(issues))


def _liner(content: Content, score: Score) -> Callable[..., ItemLine]:
    def line(item: Item, issue: str | None = None) -> ItemLine:
        department = None
        if isinstance(item, Update):
            found = content.department(item.department)
            department = found.name if found else item.department
        return ItemLine(
            source=str(item.source), title=item.title, kind=item.kind.value,
            audience=item.audience.value,
            date=item.date.isoformat() if item.date else None, department=department,
            score=None if isinstance(item, Event) else score(item.body).score,
            cancelled=isinstance(item, Event) and item.cancelled, issue=issue,
            start=item.start.isoformat() if isinstance(item, Event) else None)
    return line


def _edition(content: Content, issue: Issue, edition: Edition, label: str,
             sections: Sequence[tuple[Kind, str]], agenda_weeks: int,
             line: Callable[..., ItemLine]) -> EditionReport:
    """The edition as it will be sent: selected by the privacy gate at the issue date."""
    news = select(content, edition, start_of_day(issue.date))
    items = place_items(news.items, news.issues, news.newsletter).get(issue.month, [])
    reports = []
    for kind, title in sections:
        if kind is Kind.EVENT:
            members: list[Item] = list(agenda_of_issue(issue, news.events, agenda_weeks,
                                                       news.newsletter))
        else:
            members = [i for i in items if i.kind is kind]
        reports.append(SectionReport(kind.value, title, tuple(line(i) for i in members)))
    delivered = {i.department for i in items if isinstance(i, Update)}
    missing = tuple(DepartmentLine(d.key, d.name) for d in content.departments
                    if d.key not in delivered)
    return EditionReport(edition.value, label, tuple(reports), missing)


def _issue_items(content: Content, issue: Issue) -> list[Item]:
    """The news items of the issue in any edition (what the intranet archive will show)."""
    everything = select(content, Edition.INTRANET, start_of_day(issue.date))
    return place_items(everything.items, everything.issues,
                       everything.newsletter).get(issue.month, [])


def _drafts(content: Content, issues: list[Issue], month: str) -> list[Item]:
    """Drafts that would be in this issue once `draft: true` is taken out."""
    return place_items([i for i in content.items if i.draft], issues).get(month, [])


def _after(content: Content, issues: list[Issue], issue: Issue,
           line: Callable[..., ItemLine]) -> list[ItemLine]:
    """Items dated after the issue date: not in the mail of this issue. Each says which issue
    it will be in (None: it waits for an issue file that does not exist yet)."""
    later = [i for i in content.items
             if not i.draft and i.date is not None and i.date > issue.date
             and (i.kind in NEWS_KINDS or i.kind is Kind.EVENT)]
    placed = place_items(later, issues)
    where = {item.source: month for month, members in placed.items() for item in members}
    later.sort(key=lambda i: (i.date, i.title))
    return [line(i, where.get(i.source)) for i in later]


def _warnings(issue: Issue, items: list[Item]) -> list[Note]:
    notes = []
    foreword = issue.foreword.strip()
    if not foreword:
        notes.append(Note(str(issue.source), "heeft nog geen voorwoord"))
    elif FOREWORD_HINT in foreword:
        notes.append(Note(str(issue.source), "het voorwoord is nog de opzet van 'courant new "
                          "issue'; schrijf het voorwoord"))
    for item in sorted(items, key=lambda i: str(i.source)):
        source = str(item.source)
        if item.summary is None:
            notes.append(Note(source, "heeft geen samenvatting (summary); de nieuwsbrief "
                              "toont nu de eerste alinea"))
        elif len(item.summary) > SUMMARY_MAX:
            notes.append(Note(source, f"de samenvatting is {len(item.summary)} tekens; houd "
                              f"hem onder {SUMMARY_MAX}"))
        if isinstance(item, Interview) and item.image is None:
            notes.append(Note(source, "interview zonder foto (image); een portret maakt "
                              "Collega in beeld persoonlijk"))
    return notes
