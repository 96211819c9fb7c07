"""Financial years and spans counted from the publication date (issue 13): what they resolve to,
and what they do without a publication date (a note, never an exception)."""

from __future__ import annotations

from numclaims import extract


def _money(text: str, published: str | None = None) -> list:
    return [m for m in extract(text, published=published, currency_hint="GB") if m.kind == "money"]


def test_two_consecutive_years_are_a_financial_year_without_a_publication_date() -> None:
    (m,) = _money("The deficit will be £26.2 billion in 2025-26")
    assert m.when == {"start": "2025-04-01", "end": "2026-03-31", "text": "in 2025-26"}


def test_a_sports_season_is_no_financial_year() -> None:
    (m,) = [m for m in extract("He scored 14 goals in the 2022-23 season", published="2023-06-07") if m.kind == "count"]
    assert m.when is None or m.when["start"] != "2022-04-01"


def test_years_that_do_not_follow_each_other_are_no_financial_year() -> None:
    (m,) = _money("Sales were £5 billion in 2019-2021")
    assert m.when is None or m.when["start"] != "2019-04-01"


def test_the_current_financial_year_needs_the_publication_date() -> None:
    (placed,) = _money("Borrowing will reach £127 billion in the current financial year", "2024-10-30")
    assert placed.when == {"start": "2024-04-01", "end": "2025-03-31", "text": "in the current financial year"}
    (unplaced,) = _money("Borrowing will reach £127 billion in the current financial year")
    assert unplaced.when is None
    assert any("current financial year" in note for note in unplaced.ambiguities)


def test_a_span_from_the_publication_date_without_one_is_left_out() -> None:
    (placed,) = _money("Spending rises by £70 billion over the next five years", "2024-10-30")
    assert (placed.when["start"], placed.when["end"]) == ("2024-10-30", "2029-10-30")
    (unplaced,) = _money("Spending rises by £70 billion over the next five years")
    assert unplaced.when is None


def test_the_past_months_run_up_to_the_publication_date() -> None:
    (m,) = _money("Prices rose by £40 in the past three months", "2024-10-30")
    assert (m.when["start"], m.when["end"]) == ("2024-07-30", "2024-10-30")
