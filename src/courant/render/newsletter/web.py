"""Newsletter issues in a site: the archive and each issue's web version (as site pages).

The intranet shows the staff edition, the public site the partner edition; the mail of an
edition links to these pages ("Bekijk in je browser").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from courant import wording
from courant.audience import EditionContent
from courant.model import Event, Issue, Kind
from courant.read.images import ImageSize
from courant.render.markdown import esc, front, meta_line
from courant.render.newsletter.compose import ComposedIssue, Entry, compose_issues
from courant.render.paths import issue_page_path, relative
from courant.render.site.chrome import archive_meta, issue_meta, sections_in_words, words_for
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
    pages = [issue_page(composed, ListContext(news, words, image_size, issue_path(
                 composed.issue)))
             for composed in compose_issues(news, sections_in_words(sections, words),
                                            agenda_weeks, _from_issue_page)]
    pages.append(archive_page(news.issues, partners=news.for_partners))
    return pages


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
