"""audience.next_due, editorial/schedule.py and `courant next` / `courant build`: when the next
embargo lifts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path, PurePosixPath

import pytest
from click.testing import CliRunner

from courant.audience import next_due
from courant.cli import main
from courant.clock import AMSTERDAM
from courant.editorial.schedule import format_moment
from courant.model import Audience, Content, Issue, Page, Update

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)


def update(slug: str, day: date, **extra: object) -> Update:
    return Update(source=PurePosixPath(f"content/updates/{slug}.md"), slug=slug, title=slug,
                  body="", date=day, department="wi", **extra)  # type: ignore[arg-type]


def issue(month: str, day: date) -> Issue:
    return Issue(PurePosixPath(f"newsletter/{month}.md"), month, day, month, "")


def test_the_first_item_or_issue_after_now() -> None:
    content = Content((), (update("gisteren", date(2026, 11, 21)),
                           update("vandaag", date(2026, 11, 22)),
                           update("concept", date(2026, 11, 23), draft=True),
                           update("partners", date(2026, 11, 24), audience=Audience.PARTNERS),
                           update("ook-dan", date(2026, 11, 24)),
                           update("later", date(2026, 11, 30))),
                      (issue("2026-11", date(2026, 11, 26)),))
    due = next_due(content, NOW)
    assert due is not None
    assert due.moment == datetime(2026, 11, 24, 0, 0, tzinfo=AMSTERDAM)
    assert [p.stem for p in due.sources] == ["ook-dan", "partners"]


def test_an_issue_and_a_dated_page_count_too() -> None:
    page = Page(source=PurePosixPath("content/pages/nieuw.md"), slug="nieuw", title="Nieuw",
                body="", date=date(2026, 12, 1))
    content = Content((), (page,), (issue("2026-11", date(2026, 11, 26)),))
    assert next_due(content, NOW).sources == (PurePosixPath("newsletter/2026-11.md"),)
    assert next_due(Content((), (page,)), NOW).sources == (page.source,)


def test_nothing_waiting() -> None:
    assert next_due(Content((), (update("oud", date(2026, 1, 1)),)), NOW) is None
    assert next_due(Content((), (update("concept", date(2027, 1, 1), draft=True),)), NOW) is None


@pytest.mark.parametrize(("moment", "form", "expected"), [
    (datetime(2026, 11, 26, tzinfo=AMSTERDAM), "iso", "2026-11-26T00:00:00+01:00"),
    (datetime(2027, 6, 3, tzinfo=AMSTERDAM), "iso", "2027-06-03T00:00:00+02:00"),
    (datetime(2026, 11, 26, tzinfo=AMSTERDAM), "epoch", "1795647600"),
    (datetime(2026, 11, 26, tzinfo=AMSTERDAM), "systemd", "2026-11-26 00:00:00 Europe/Amsterdam"),
    (datetime(2027, 6, 3, tzinfo=AMSTERDAM), "utc", "2027-06-02T22:00:00Z"),
])
def test_formats_a_timer_can_use(moment: datetime, form: str, expected: str) -> None:
    assert format_moment(moment, form) == expected
    if form == "epoch":
        assert datetime.fromtimestamp(int(expected), tz=AMSTERDAM) == moment


def test_cli_next_on_the_demo(demo: Path) -> None:
    runner = CliRunner()
    iso = runner.invoke(main, ["next", "--map", str(demo)])
    assert iso.exit_code == 0 and iso.stdout == "2026-11-26T00:00:00+01:00\n"
    epoch = runner.invoke(main, ["next", "--format", "epoch", "--map", str(demo)])
    assert epoch.stdout == "1795647600\n"


def test_cli_next_when_nothing_waits(demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    later = datetime(2030, 1, 1, tzinfo=AMSTERDAM)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    result = CliRunner().invoke(main, ["next", "--map", str(demo)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "Er staat niets onder embargo" in result.stderr
