"""Newsletter issues in a site: the archive and each issue's web version (as site pages)."""

from __future__ import annotations

from collections.abc import Sequence

from courant.audience import EditionContent
from courant.issues import agenda_of_issue, place_items
from courant.model import Event, Issue, Kind
from courant.render import dutch
from courant.render.markdown import entry, esc, front
from courant.render.pages import SitePage


def issue_path(issue: Issue) -> str:
    return f"nieuwsbrief/{issue.month}/index.md"


def newsletter_pages(edition: EditionContent, news: EditionContent,
                     sections: Sequence[tuple[Kind, str]], agenda_weeks: int) -> list[SitePage]:
    """The archive (newest first) and one web page per published issue.

    `edition` is the site's content (links go to its pages); `news` is the newsletter edition
    whose items fill the issues (the intranet shows the staff edition).
    """
    placed = place_items(news.items, news.issues)
    pages = [issue_page(issue, placed.get(issue.month, []), news, sections, agenda_weeks)
             for issue in news.issues]
    pages.append(archive_page(news.issues))
    return pages


def archive_page(issues: Sequence[Issue]) -> SitePage:
    parts = [front("Nieuwsbrief"), "# Nieuwsbrief\n",
             "Alle nummers van de nieuwsbrief, het nieuwste bovenaan.\n"]
    for issue in sorted(issues, key=lambda i: i.date, reverse=True):
        parts.append(f"- [{esc(issue.title)}]({issue.month}/index.md) · {dutch.day(issue.date)}")
    if not issues:
        parts.append("Er is nog geen nummer verschenen.")
    return SitePage("nieuwsbrief/index.md", "\n".join(parts) + "\n")


def issue_page(issue: Issue, items: list, news: EditionContent,
               sections: Sequence[tuple[Kind, str]], agenda_weeks: int) -> SitePage:
    path = issue_path(issue)
    parts = [front(issue.title), f"# {esc(issue.title)}\n",
             f"{dutch.day(issue.date)}\n{{ .courant-meta }}\n", issue.foreword.strip() + "\n"]
    for kind, title in sections:
        if kind is Kind.EVENT:
            members: list = agenda_of_issue(issue, [e for e in news.items
                                                    if isinstance(e, Event)], agenda_weeks)
        else:
            members = [i for i in items if i.kind is kind]
        if members:
            parts.append(f"## {esc(title)}\n")
            parts.extend(entry(item, path, level=3) for item in members)
    return SitePage(path, "\n".join(parts))
