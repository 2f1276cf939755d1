"""passages.py and the gate: staff-only passages read on the source, removed for partners
(proven by Python-Markdown, fail closed), marked for staff."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import PurePosixPath

import pytest

from courant import passages
from courant.audience import Edition, select
from courant.clock import AMSTERDAM
from courant.markup import plain_text, to_html
from courant.model import Audience, Content, Issue, Update
from courant.problems import ContentError

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=AMSTERDAM)
MIXED = """Voor iedereen.

::: medewerkers
## Intern geheimkop

Bel geheimtekst. ![geheimalt](../media/geheim.png) [geheimlink](../updates/x.md)
:::

Na.
"""


def update(body: str, audience: Audience = Audience.ALL, summary: str | None = None) -> Update:
    return Update(source=PurePosixPath("content/updates/u.md"), slug="u", title="U", body=body,
                  date=date(2026, 11, 2), audience=audience, department="wi", summary=summary)


def test_a_passage_is_read_from_its_opening_to_its_closing_line() -> None:
    reading = passages.read(MIXED)
    assert reading.passages == (passages.Passage(3, 7),) and reading.faults == ()
    assert reading.holds(5) and not reading.holds(9)


def test_partners_get_the_text_without_the_passage_line_for_line() -> None:
    kept = passages.for_partners(MIXED)
    assert "geheim" not in kept and "Voor iedereen." in kept and "Na." in kept
    assert kept.count("\n") == MIXED.count("\n")  # every other line keeps its number
    html = to_html(kept)
    assert "<h2" not in html and "<img" not in html and "<a" not in html


def test_a_marker_in_code_is_code() -> None:
    body = "Tekst.\n\n```\n::: medewerkers\ncode\n:::\n```\n\n`::: medewerkers`\n"
    assert passages.read(body).passages == ()
    assert passages.for_partners(body) == body


@pytest.mark.parametrize(("body", "line"), [
    ("a\n\n::: medewerkers\nb\n", 3),  # not closed
    ("::: medewerkers\n::: medewerkers\n:::\n", 2),  # nested
    ("a\n:::\n", 2),  # a closing line without an opening
    ("::: medewerker\nb\n:::\n", 1), (":::medewerkers\n:::\n", 1),
    ("::: Medewerkers\n:::\n", 1), ("::: staff\n:::\n", 1), ("  ::: medewerkers\n", 1),
    ("- ::: medewerkers\n", 1), ("\u200b::: medewerkers\n", 1), ("\u00a0::: medewerkers\n", 1),
    ("> ::: medewerkers\n", 1), ("::: medewerkers x\n:::\n", 1),
])
def test_every_malformed_passage_is_one_fault_at_its_line_and_fails_closed(body: str,
                                                                          line: int) -> None:
    assert [f.line for f in passages.read(body).faults] == [line]
    with pytest.raises(passages.Unsafe):
        passages.for_partners(body)


def test_the_proof_catches_a_marker_markdown_reads_as_text() -> None:
    """links.blank_code takes '```foo bar' for a fence (Python-Markdown does not): the
    passage after it would be missed, and the proof stops it, naming the lines."""
    body = "Voor iedereen.\n\n```foo bar\n::: medewerkers\ngeheim\n:::\n"
    assert passages.read(body).faults == ()
    with pytest.raises(passages.Unsafe) as raised:
        passages.for_partners(body)
    assert [f.line for f in raised.value.faults] == [4, 6]


def test_staff_see_the_passage_as_an_admonition_labelled_in_text() -> None:
    html = to_html(passages.for_staff(MIXED))
    assert '<div class="admonition info courant-medewerkers">' in html
    assert '<p class="admonition-title">Alleen voor medewerkers</p>' in html
    assert "<h2" in html and "geheimtekst" in html
    text = plain_text(html)
    assert text.index("Alleen voor medewerkers") < text.index("geheimtekst") < text.index("Na.")


def test_split_html_cuts_out_each_marked_passage_without_its_label() -> None:
    body = MIXED + "\n::: medewerkers\n<div>binnen</div>\n\ntweede\n:::\n\nEinde.\n"
    segments = passages.split_html(to_html(passages.for_staff(body)))
    assert [s.staff for s in segments] == [False, True, False, True, False]
    assert "geheimtekst" in segments[1].html and "Alleen voor" not in segments[1].html
    assert "<div>binnen</div>" in segments[3].html and "tweede" in segments[3].html
    assert "Einde." in segments[4].html and "tweede" not in segments[4].html


def test_the_gate_strips_partners_items_and_forewords_and_marks_staffs() -> None:
    issue = Issue(PurePosixPath("newsletter/2026-11.md"), "2026-11", date(2026, 11, 20), "N",
                  MIXED)
    content = Content((), (update(MIXED),), (issue,))
    partners = select(content, Edition.PARTNERS, NOW)
    assert "geheim" not in partners.items[0].body + partners.issues[0].foreword
    for edition in (Edition.STAFF, Edition.INTRANET):
        staff = select(content, edition, NOW)
        assert "courant-medewerkers" in staff.items[0].body
        assert "courant-medewerkers" in staff.issues[0].foreword


def test_the_teaser_is_the_first_paragraph_partners_see_in_every_edition() -> None:
    first = "::: medewerkers\ngeheimtekst\n:::\n\nVoor iedereen.\n"
    content = Content((), (update(first),))
    assert select(content, Edition.STAFF, NOW).items[0].summary == "Voor iedereen."
    written = Content((), (update(first, summary="Eigen samenvatting."),))
    assert select(written, Edition.STAFF, NOW).items[0].summary == "Eigen samenvatting."


def test_the_gate_fails_closed_on_a_passage_it_cannot_remove() -> None:
    content = Content((), (update("a\n\n::: medewerkers\ngeheim\n"),))
    with pytest.raises(ContentError) as raised:
        select(content, Edition.PARTNERS, NOW)
    assert raised.value.problems[0].file == "content/updates/u.md"
    staff = select(content, Edition.STAFF, NOW)  # staff may see all of it: as written
    assert staff.items[0].body == content.items[0].body


def test_a_staff_item_keeps_its_passages_marked_and_never_reaches_partners() -> None:
    content = Content((), (update(MIXED, Audience.STAFF),))
    assert select(content, Edition.PARTNERS, NOW).items == ()
    item = select(content, Edition.STAFF, NOW).items[0]
    assert "courant-medewerkers" in item.body and item.summary is None


def test_text_without_markers_is_the_same_object() -> None:
    item = update("Gewoon tekst.")
    assert select(Content((), (item,)), Edition.PARTNERS, NOW).items[0] is item


def test_lines_are_counted_as_markdown_counts_them() -> None:
    """A line separator in code (which str.splitlines would take for a line break) moves no
    passage: exactly its own lines are removed."""
    body = "```\na\u2028b\n```\n\n::: medewerkers\ngeheim\n:::\n\nNa.\n"
    assert passages.for_partners(body) == "```\na\u2028b\n```\n\n\n\n\n\nNa.\n"
    assert passages.read(body).passages == (passages.Passage(5, 7),)
