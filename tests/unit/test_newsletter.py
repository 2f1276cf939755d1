"""render/newsletter/compose.py and web.py: which item lands in which edition and section."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePosixPath

import pytest

from courant.audience import Edition, select
from courant.clock import AMSTERDAM
from courant.model import (
    Audience,
    Content,
    Department,
    Event,
    Issue,
    Item,
    Kind,
    ReadingKind,
    ReadingTip,
    Update,
)
from courant.read.config import DEFAULT_SECTIONS
from courant.render.newsletter.compose import ComposedIssue, compose_issues
from courant.render.newsletter.web import archive_page, newsletter_pages

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)
SECTIONS = tuple((Kind(k), title) for k, title in DEFAULT_SECTIONS.items())
DEPARTMENTS = (Department("wi", "Werk en Inkomen"), Department("mo", "Maatschappelijke Onderst."))
ISSUES = (
    Issue(PurePosixPath("newsletter/2026-10.md"), "2026-10", date(2026, 10, 20), "Oktober",
          "Voorwoord oktober."),
    Issue(PurePosixPath("newsletter/2026-11.md"), "2026-11", date(2026, 11, 20), "November",
          "Lees [de pilot](../content/updates/pilot.md), [het geheim](../content/updates/"
          "geheim.md) en [oktober](2026-10.md)."),
)


def update(slug: str, day: date, audience: Audience = Audience.STAFF, department: str = "wi",
           **extra: object) -> Update:
    title = str(extra.pop("title", slug))
    return Update(source=PurePosixPath(f"content/updates/{slug}.md"), slug=slug, title=title,
                  body=f"Tekst van {slug}.", date=day, audience=audience, department=department,
                  **extra)  # type: ignore[arg-type]


def event(slug: str, start: date, audience: Audience = Audience.ALL,
          cancelled: bool = False) -> Event:
    return Event(source=PurePosixPath(f"content/agenda/{slug}.md"), slug=slug, title=slug,
                 body="", audience=audience, start=start, end=start, cancelled=cancelled)


def tip(slug: str, day: date, audience: Audience = Audience.ALL) -> ReadingTip:
    return ReadingTip(source=PurePosixPath(f"content/reading/{slug}.md"), slug=slug, title=slug,
                      body="Een tip.", date=day, audience=audience, reading_kind=ReadingKind.BOOK)


def composed(items: list[Item], edition: Edition, weeks: int = 8,
             sections: tuple[tuple[Kind, str], ...] = SECTIONS) -> dict[str, ComposedIssue]:
    content = Content(DEPARTMENTS, tuple(items), ISSUES)
    news = select(content, edition, NOW)
    return {c.issue.month: c for c in compose_issues(news, sections, weeks, lambda p, _html: p)}


def titles(issue: ComposedIssue, kind: Kind | None = None) -> list[str]:
    return [e.title for s in issue.sections if kind in (None, s.kind) for e in s.entries]


ITEMS: list[Item] = [
    update("staf", date(2026, 11, 5)),
    update("iedereen", date(2026, 11, 6), Audience.ALL),
    update("partners", date(2026, 11, 7), Audience.PARTNERS),
    update("oktober", date(2026, 10, 20), Audience.ALL),  # on the issue date: that issue
    update("na-oktober", date(2026, 10, 21), Audience.ALL),  # the next one
]


@pytest.mark.parametrize(("edition", "november"), [
    (Edition.STAFF, ["iedereen", "staf", "na-oktober"]),
    (Edition.PARTNERS, ["partners", "iedereen", "na-oktober"]),
])
def test_items_go_to_the_next_issue_of_their_editions(edition: Edition,
                                                      november: list[str]) -> None:
    issues = composed(ITEMS, edition)
    assert titles(issues["2026-10"]) == ["oktober"]
    assert titles(issues["2026-11"]) == november


def test_issue_key_moves_an_item_and_embargo_and_drafts_keep_it_out() -> None:
    items: list[Item] = [
        update("verplaatst", date(2026, 11, 10), Audience.ALL, issue="2026-10"),
        update("embargo", date(2026, 11, 25), Audience.ALL, issue="2026-11"),
        update("concept", date(2026, 11, 1), Audience.ALL, draft=True),
    ]
    for edition in (Edition.STAFF, Edition.PARTNERS):
        issues = composed(items, edition)
        assert titles(issues["2026-10"]) == ["verplaatst"]
        assert titles(issues["2026-11"]) == []


def test_updates_are_grouped_by_department_in_the_order_of_departments_yml() -> None:
    items: list[Item] = [update("mo-nieuw", date(2026, 11, 10), department="mo"),
                         update("wi-oud", date(2026, 11, 1)),
                         update("wi-nieuw", date(2026, 11, 9))]
    news = composed(items, Edition.STAFF)["2026-11"].sections[0]
    assert news.title == "Nieuws uit de afdelingen"
    assert [(g.title, [e.title for e in g.entries]) for g in news.groups] == [
        ("Werk en Inkomen", ["wi-nieuw", "wi-oud"]),
        ("Maatschappelijke Onderst.", ["mo-nieuw"]),
    ]


def test_agenda_window_from_the_issue_date_and_cancelled_events_marked() -> None:
    items: list[Item] = [
        event("dag-ervoor", date(2026, 11, 19)),
        event("op-de-dag", date(2026, 11, 20)),
        event("geannuleerd", date(2026, 12, 1), cancelled=True),
        event("acht-weken", date(2027, 1, 15)),
        event("te-laat", date(2027, 1, 16)),
        event("alleen-staf", date(2026, 12, 2), Audience.STAFF),
    ]
    staff = composed(items, Edition.STAFF)["2026-11"]
    assert titles(staff, Kind.EVENT) == ["op-de-dag", "geannuleerd", "alleen-staf",
                                         "acht-weken"]
    assert [e.cancelled for e in staff.entries] == [False, True, False, False]
    partners = composed(items, Edition.PARTNERS, weeks=2)["2026-11"]
    assert titles(partners, Kind.EVENT) == ["op-de-dag", "geannuleerd"]


def test_empty_sections_are_left_out_and_config_orders_and_names_them() -> None:
    items: list[Item] = [tip("boek", date(2026, 11, 3)), update("nieuws", date(2026, 11, 4))]
    sections = ((Kind.READING, "Leestips"), (Kind.INTERVIEW, "Collega's"),
                (Kind.UPDATE, "Nieuws"))
    issue = composed(items, Edition.STAFF, sections=sections)["2026-11"]
    assert [(s.kind, s.title) for s in issue.sections] == [(Kind.READING, "Leestips"),
                                                           (Kind.UPDATE, "Nieuws")]
    assert composed(items, Edition.STAFF)["2026-10"].sections == ()


def test_foreword_links_to_what_the_edition_holds_and_text_for_the_rest() -> None:
    items: list[Item] = [update("pilot", date(2026, 11, 1), Audience.ALL),
                         update("geheim", date(2026, 11, 2))]
    staff = composed(items, Edition.STAFF)["2026-11"].foreword
    partners = composed(items, Edition.PARTNERS)["2026-11"].foreword
    assert "[de pilot](nieuws/pilot.md)" in staff
    assert "[het geheim](nieuws/geheim.md)" in staff
    assert "[oktober](nieuwsbrief/2026-10/index.md)" in partners
    assert "het geheim" in partners and "geheim.md" not in partners


def test_web_version_and_archive_pages() -> None:
    items: list[Item] = [update("pilot", date(2026, 11, 5), Audience.ALL,
                                title="a<b & 'c'", summary="Korte <samenvatting>"),
                         event("vervallen", date(2026, 11, 30), cancelled=True)]
    content = Content(DEPARTMENTS, tuple(items), ISSUES)
    news = select(content, Edition.PARTNERS, NOW)
    pages = {p.path: p.markdown for p in newsletter_pages(news, news, SECTIONS, 8)}
    assert set(pages) == {"nieuwsbrief/index.md", "nieuwsbrief/2026-10/index.md",
                          "nieuwsbrief/2026-11/index.md"}
    november = pages["nieuwsbrief/2026-11/index.md"]
    assert "### Werk en Inkomen" in november  # entries as cards below their group's heading
    assert ('<h4 class="courant-card__title"><a href="../../nieuws/pilot.md">a&lt;b &amp; '
            "'c'</a></h4>") in november
    assert "Korte &lt;samenvatting&gt;" in november
    assert ('<h3 class="courant-event__title"><a href="../../agenda/vervallen.md"><span '
            'class="courant-badge">Geannuleerd</span> vervallen</a></h3>') in november
    archive = pages["nieuwsbrief/index.md"]
    assert archive.index("(2026-11/index.md)") < archive.index("(2026-10/index.md)")


def test_archive_without_issues() -> None:
    assert "Er is nog geen nummer verschenen." in archive_page([]).markdown
