"""advisers/: the colleagues to consult, built into vraagbaken/ at the pinned moment
(2026-11-22 12:00) and read back: by topic and by department, tappable e-mail and phone,
gone the day after `until`, staff-only unless set otherwise. What `courant check` says of
them (consent, until, audience) is in tests/fixtures/broken/advisers/."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path, PurePosixPath

import pytest
from bs4 import Tag
from test_series import article_of

from courant.audience import Edition, is_visible, next_due
from courant.build import pipeline
from courant.clock import AMSTERDAM
from courant.model import Adviser, Content
from projects import tiny_project

ADVISERS = {
    "anouk.md": "name: Anouk Verbeek\nrole: consulent schulden\ndepartment: smsr\n"
                "topics: [schulden, budgetbeheer]\nemail: a.verbeek@waalstad.nl\n"
                "phone: \"+31 488 123-401\"\nconsent: true\nuntil: 2026-11-22",
    "mehmet.md": "name: Mehmet Kaya\nrole: werkcoach\ndepartment: wi\ntopics: [schulden, werk]\n"
                 "consent: true",
    "weg.md": "name: Wegtoken Gisteren\nrole: oud-vraagbaak\ndepartment: wi\n"
              "topics: [werk]\nemail: wegtoken@waalstad.nl\nconsent: true\nuntil: 2026-11-21",
    "partner.md": "name: Paula Partner\nrole: ketenregisseur\ndepartment: mo\n"
                  "topics: [zorg]\nconsent: true\naudience: partners",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tiny_project(tmp_path_factory.mktemp("advisers") / "p")
    folder = root / "content" / "advisers"
    folder.mkdir()
    for name, front in ADVISERS.items():
        (folder / name).write_text(f"---\n{front}\n---\nBel gerust.\n", encoding="utf-8")
    pipeline.build(pipeline.Project(root))
    return root


def _under(article: Tag, level: str) -> dict[str, list[str]]:
    """The names (links to their pages) under each heading of `level`."""
    found: dict[str, list[str]] = {}
    for heading in article.find_all(level):
        title = heading.get_text(" ", strip=True).rstrip("¶").strip()
        names = []
        for sibling in heading.find_next_siblings():
            if sibling.name in {"h2", "h3"}:
                break
            names.extend(a.get_text() for a in sibling.select("strong a"))
        found[title] = names
    return found


def test_index_by_topic_and_by_department(built: Path) -> None:
    article = article_of(built / "dist/intranet/vraagbaken/index.html")
    under = _under(article, "h3")
    assert under == {"Budgetbeheer": ["Anouk Verbeek"],
                     "Schulden": ["Anouk Verbeek", "Mehmet Kaya"],
                     "Werk": ["Mehmet Kaya"], "Zorg": ["Paula Partner"],
                     "Werk en Inkomen": ["Mehmet Kaya"],
                     "Schulden, Minima en Sociale Recherche": ["Anouk Verbeek"],
                     "Maatschappelijke Ondersteuning": ["Paula Partner"]}
    assert [h.get_text(strip=True).rstrip("¶") for h in article.find_all("h2")] == [
        "Op onderwerp", "Op afdeling"]


def test_email_and_phone_are_links_a_phone_opens(built: Path) -> None:
    page = article_of(built / "dist/intranet/vraagbaken/anouk/index.html")
    hrefs = [a["href"] for a in page.find_all("a")]
    assert "mailto:a.verbeek@waalstad.nl" in hrefs
    assert "tel:+31488123401" in hrefs
    assert "consulent schulden" in page.get_text()


def test_gone_the_day_after_until(built: Path) -> None:
    """weg.md's last day was yesterday: no page, no line, no byte on either site; anouk.md's
    is today, so she is still there."""
    assert (built / "dist/intranet/vraagbaken/anouk/index.html").is_file()
    for path in (built / "dist").rglob("*"):
        if path.is_file():
            assert b"wegtoken" not in path.read_bytes().lower(), path
    assert not (built / "dist/intranet/vraagbaken/weg").exists()


def test_advisers_are_staff_only_unless_set_otherwise(built: Path) -> None:
    public = built / "dist/public"
    assert sorted(p.name for p in (public / "vraagbaken").iterdir()) == ["index.html",
                                                                          "partner"]
    for path in public.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert b"Anouk" not in data and b"Mehmet" not in data, path


def _adviser(until: date | None) -> Adviser:
    return Adviser(source=PurePosixPath("content/advisers/a.md"), slug="a", title="A",
                   body="", role="r", until=until)


def test_until_is_the_last_day_in_amsterdam_time() -> None:
    adviser = _adviser(date(2026, 11, 22))
    last = datetime(2026, 11, 22, 23, 59, tzinfo=AMSTERDAM)
    after = datetime(2026, 11, 23, 0, 0, tzinfo=AMSTERDAM)
    assert is_visible(adviser, Edition.INTRANET, last)
    assert not is_visible(adviser, Edition.INTRANET, after)
    assert not is_visible(adviser, Edition.INTRANET, after, preview=True)
    # the timer (courant next) wakes the build when the entry goes
    due = next_due(Content((), (adviser,)), last)
    assert due is not None and due.moment == after and due.sources == (adviser.source,)
