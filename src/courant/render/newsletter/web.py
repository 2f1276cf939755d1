"""Newsletter issues in a site: the archive and each issue's web version (as site pages).

The intranet shows the staff edition, the public site the partner edition; the mail of an
edition links to these pages ("Bekijk in je browser").
"""

from __future__ import annotations

from collections.abc import Sequence

from courant import wording
from courant.audience import EditionContent
from courant.model import Issue, Kind
from courant.render.markdown import esc, front, meta_line
from courant.render.newsletter.compose import ComposedIssue, Entry, compose_issues
from courant.render.paths import issue_page_path, relative
from courant.render.site.pages import SitePage


def issue_path(issue: Issue) -> str:
    return issue_page_path(issue.month)


def newsletter_pages(edition: EditionContent, news: EditionContent,
                     sections: Sequence[tuple[Kind, str]], agenda_weeks: int) -> list[SitePage]:
    """The archive (newest first) and one web page per issue of `news`.

    `edition` is the site's content; `news` is the newsletter edition whose items fill the
    issues (the intranet shows the staff edition, the public site the partner edition). Every
    item of `news` has a page in the site of `edition`, so entries link to it.
    """
    pages = [issue_page(composed)
             for composed in compose_issues(news, sections, agenda_weeks, _from_issue_page)]
    pages.append(archive_page(news.issues, partners=news.for_partners))
    return pages


def _from_issue_page(path: str, _in_html: bool) -> str:
    """A link from an issue's page (every month's is at the same depth) to `path`, a page:
    its .md path, in Markdown and in raw HTML alike (see render/common.Place)."""
    return relative(issue_page_path("YYYY-MM"), path)


def archive_page(issues: Sequence[Issue], partners: bool = False) -> SitePage:
    your = "uw" if partners else "je"
    parts = [front("Nieuwsbrief"), "# Nieuwsbrief\n",
             "Alle nummers van de nieuwsbrief, het nieuwste bovenaan. Elk nieuw nummer in "
             f"{your} feedlezer: [de feed van de nieuwsbrief](feed.xml), of in {your} "
             "mailbox: [nieuwsbrief ontvangen](../nieuwsbrief-ontvangen.md).\n"]
    for issue in sorted(issues, key=lambda i: i.date, reverse=True):
        parts.append(f"- [{esc(issue.title)}]({issue.month}/index.md) · {wording.day(issue.date)}")
    if not issues:
        parts.append("Er is nog geen nummer verschenen.")
    return SitePage("nieuwsbrief/index.md", "\n".join(parts) + "\n")


def issue_page(composed: ComposedIssue) -> SitePage:
    """The web version: date, foreword, then each section with its (department) groups."""
    issue = composed.issue
    path = issue_path(issue)
    parts = [front(issue.title), f"# {esc(issue.title)}\n",
             meta_line([wording.day(issue.date)]), composed.foreword.strip() + "\n"]
    for section in composed.sections:
        parts.append(f"## {esc(section.title)}\n")
        for group in section.groups:
            level = 3
            if group.title:
                parts.append(f"### {esc(group.title)}\n")
                level = 4
            parts.extend(_entry(entry, path, level) for entry in group.entries)
    return SitePage(path, "\n".join(parts))


def _entry(entry: Entry, from_page: str, level: int) -> str:
    title = esc(entry.title)
    if entry.cancelled:
        title = f"{wording.CANCELLED}: {title}"
    lines = [f"{'#' * level} [{title}]({relative(from_page, entry.path)})\n",
             meta_line([esc(bit) for bit in entry.meta])]
    if entry.teaser:
        lines.append(esc(entry.teaser) + "\n")
    return "\n".join(lines)
