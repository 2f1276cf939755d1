"""model.Month: the one reader of YYYY-MM (issue file names, `issue:`, the commands' JJJJ-MM)."""

from __future__ import annotations

from datetime import date

import pytest

from courant.model import Month


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "2026-1", "26-12", " 2026-12",
                                  "2026-12 ", "2026/12", "2026-12-01", "", "abcd-ef"])
def test_only_a_real_month_in_its_one_form_is_a_month(text: str) -> None:
    assert Month.parse(text) is None


def test_a_month_reads_and_writes_itself() -> None:
    month = Month.parse("2026-12")
    assert month == Month(2026, 12)
    assert str(month) == "2026-12"
    assert str(Month(987, 3)) == "0987-03"


def test_the_next_month_crosses_the_year() -> None:
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).next() == Month(2026, 2)


def test_months_sort_by_time_and_know_their_days() -> None:
    assert sorted([Month(2027, 1), Month(2026, 12), Month(2026, 2)]) == [
        Month(2026, 2), Month(2026, 12), Month(2027, 1)]
    assert Month.of(date(2028, 2, 14)).last_day == date(2028, 2, 29)
    assert Month(2026, 11).first_day == date(2026, 11, 1)
