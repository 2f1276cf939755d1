"""Newsletter issues in a site: the archive and each issue's web version (as site pages).

The intranet shows the staff edition, the public site the partner edition; the mail of an
edition links to these pages ("Bekijk in je browser").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import PurePosixPath

from courant import wording
from courant.audience import EditionContent
from courant.issues import Agenda, agenda_of_issue, place_items
from courant.model import Event, Issue, Item, Kind
from courant.read.images import ImageSize
from courant.render.markdown import esc, front, meta_line
from courant.render.newsletter.compose import ComposedIssue, Entry, compose_issue
from courant.render.paths import body_link_sources, issue_page_path, relative
from courant.render.site.chrome import (
    Words,
    archive_meta,
    issue_meta,
    sections_in_words,
    words_for,
)
from courant.render.site.lists import ListContext, cards, event_tiles
from courant.render.site.pages import SitePage


def issue_path(issue: Issue) -> str:
    return issue_page_path(issue.month)


def newsletter_pages(edition: EditionContent, news: EditionContent,
                     sections: Sequence[tuple[Kind, str]], agenda_weeks: int,
                     image_size: ImageSize | None = None) -> list[SitePage]:
    """The archive (newest first) and one web page per issue of `news`.

    `edition` is the site's content; `news` is the newsletter edition whose items fill the
    issues (the intranet shows the staff edition, the public site the partner edition). Every
    item of `news` has a page in the site of `edition`, so entries link to it.
    """
    words = words_for(news.for_partners)
    issues = _Issues(news, sections_in_words(sections, words), agenda_weeks, words, image_size)
    pages = [issues.page(issue) for issue in news.issues]
    pages.append(archive_page(news.issues, partners=news.for_partners))
    return pages


class _Issues:
    """The web pages of `news`' issues, each remembered (news.remember) for the items and
    events it holds and the items its foreword links to (by identity), and all else it
    shows (`_inputs`): the preview makes again only the issues an edit changes."""

    def __init__(self, news: EditionContent, sections: Sequence[tuple[Kind, str]],
                 agenda_weeks: int, words: Words, image_size: ImageSize | None) -> None:
        self.news, self.sections, self.weeks = news, tuple(sections), agenda_weeks
        self.words, self.image_size = words, image_size
        self.placed = place_items(news.items, news.issues, news.newsletter)
        self.agenda = Agenda(news.events)
        self.months = frozenset(issue.month for issue in news.issues)
        self.shared = (news.for_partners, self.sections, agenda_weeks,
                       tuple((d.key, d.name) for d in news.departments))

    def page(self, issue: Issue) -> SitePage:
        members = self.placed.get(issue.month, [])
        events = agenda_of_issue(issue, self.agenda, self.weeks, self.news.newsletter)
        targets = body_link_sources(issue.foreword, issue.source)
        held = (*members, *events, *(self.news.by_source.get(t) for t in targets))
        return self.news.remember("issue-page", held, self._inputs(issue, members, events,
                                                                   targets),
                                  lambda: self._made(issue, members))

    def _inputs(self, issue: Issue, members: Sequence[Item], events: Sequence[Event],
                targets: Sequence[PurePosixPath]) -> tuple[object, ...]:
        """What an issue's page reads besides the items it holds and links to: the issue
        itself (by value: its record of what was sent is read anew each time), the edition's
        sections, weeks of agenda and departments, the sizes of its images, and which of the
        issues its foreword links to there are."""
        sizes = tuple(self.image_size(i.image.path) if self.image_size and i.image else None
                      for i in (*members, *events))
        issues = tuple(t.stem in self.months for t in targets if t.parts[:1] == ("newsletter",))
        return (issue, self.shared, sizes, issues)

    def _made(self, issue: Issue, members: Sequence[Item]) -> SitePage:
        composed = compose_issue(issue, members, self.news, self.sections, self.weeks,
                                 _from_issue_page, self.agenda)
        return issue_page(composed, ListContext(self.news, self.words, self.image_size,
                                                issue_path(issue)))


def _from_issue_page(path: str, _in_html: bool) -> str:
    """A link from an issue's page (every month's is at the same depth) to `path`, a page:
    its .md path, in Markdown and in raw HTML alike (see render/common.Place)."""
    return relative(issue_page_path("YYYY-MM"), path)


def archive_page(issues: Sequence[Issue], partners: bool = False) -> SitePage:
    your = "uw" if partners else "je"
    parts = [front("Nieuwsbrief", **archive_meta()), "# Nieuwsbrief\n",
             "Alle nummers van de nieuwsbrief, het nieuwste bovenaan. Elk nieuw nummer in "
             f"{your} feedlezer: [de feed van de nieuwsbrief](feed.xml), of in {your} "
             "mailbox: [nieuwsbrief ontvangen](../nieuwsbrief-ontvangen.md).\n"]
    for issue in sorted(issues, key=lambda i: i.date, reverse=True):
        parts.append(f"- [{esc(issue.title)}]({issue.month}/index.md) · {wording.day(issue.date)}")
    if not issues:
        parts.append("Er is nog geen nummer verschenen.")
    return SitePage("nieuwsbrief/index.md", "\n".join(parts) + "\n")


def issue_page(composed: ComposedIssue, context: ListContext) -> SitePage:
    """The web version: date, foreword, then each section with its (department) groups, the
    entries as cards with their images (as in the mail), the agenda as date tiles."""
    issue = composed.issue
    path = issue_path(issue)
    parts = [front(issue.title, **issue_meta()), f"# {esc(issue.title)}\n",
             meta_line([wording.day(issue.date)]), composed.foreword.strip() + "\n"]
    for section in composed.sections:
        parts.append(f"## {esc(section.title)}\n")
        for group in section.groups:
            level = 3
            if group.title:
                parts.append(f"### {esc(group.title)}\n")
                level = 4
            parts.append(entries_html(group.entries, context.at(path, level), issue.date))
    return SitePage(path, "\n".join(parts))


def entries_html(entries: Sequence[Entry], context: ListContext, day: date) -> str:
    """A group's entries: events as date tiles (as they stood on the issue's date), the
    others as cards."""
    events = [e.item for e in entries if isinstance(e.item, Event)]
    if events:
        return event_tiles(events, context, day)
    return cards([e.item for e in entries], context)
