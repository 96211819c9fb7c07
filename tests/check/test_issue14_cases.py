"""The failures issue 14 lists, each as a regression test on our own sentences in the reports'
notation: different facts kept apart, the same fact found, parts against totals, and a figure
that moved as its text says it did."""

from __future__ import annotations

from typing import Any

from numclaims import check


def _found(*texts: str, published: str = "2024-10-08") -> list[tuple[str, list[str]]]:
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    return [(g.verdict, [f"{c.doc}:{c.text}" for c in g.claims]) for g in check(docs).groups
            if g.verdict != "single_source"]


def test_parts_and_a_total_are_arithmetic_not_a_conflict() -> None:
    found = _found("The plane carried 212 passengers and 14 crew when it crashed on Sunday.",
                   "All 226 people on board the plane died when it crashed on Sunday.")
    assert found == [("consistent", ["a:212", "a:14", "b:226"])]


def test_a_storm_that_moved_between_the_times_its_reports_give_is_updated() -> None:
    found = _found("The storm was 520 miles southwest of Tampa on Monday morning.",
                   "The storm was 275 miles southwest of Tampa on Tuesday evening.")
    assert found == [("updated", ["a:520 miles", "b:275 miles"])]


def test_two_distances_for_the_same_time_are_a_conflict() -> None:
    found = _found("The storm was 520 miles southwest of Tampa on Monday.",
                   "The storm was 275 miles southwest of Tampa on Monday.")
    assert [v for v, _ in found] == ["conflict"]


def test_a_buildings_age_in_two_reports_is_one_fact_and_its_drift_is_flagged() -> None:
    found = _found("The quake damaged the 600-year-old mosque in the old city.",
                   "The 650-year-old mosque in the old city was damaged by the quake.")
    # flagged: "600" is a round figure 650 lies within 10% of, so a query (divergent), not a conflict
    assert found == [("divergent", ["a:600-year-old", "b:650-year-old"])]


def test_a_transfer_fee_and_a_weekly_salary_never_meet() -> None:
    found = _found("Real Madrid paid a transfer fee of £88.5m for Bellingham, who will earn £88,500 a week.",
                   "Bellingham's transfer fee was £88.5m and his salary £88,500 a week, Real Madrid said.")
    assert sorted(found) == [("consistent", ["a:£88,500", "b:£88,500"]), ("consistent", ["a:£88.5m", "b:£88.5m"])]


def test_readings_are_explained_in_their_written_unit() -> None:
    docs = [{"id": "a", "text": "The storm was 520 miles southwest of Tampa on Monday.", "published": "2024-10-08"},
            {"id": "b", "text": "The storm was 275 miles southwest of Tampa on Monday.", "published": "2024-10-08"}]
    [group] = [g for g in check(docs).groups if g.verdict != "single_source"]
    assert '"520 miles" (a) reads 519.5-520.5 mile' in group.explanation and "meter" not in group.explanation


def test_durations_keep_their_canonical_explanation() -> None:
    # a duration's written unit ("days") is no date: shown in seconds, never read as a day number
    docs = [{"id": "a", "text": "The strike lasted 3 days in March.", "published": "2024-04-01"},
            {"id": "b", "text": "The strike lasted 5 days in March.", "published": "2024-04-01"}]
    [group] = [g for g in check(docs).groups if g.verdict != "single_source"]
    assert group.verdict == "conflict" and "second" in group.explanation


def test_reports_of_different_days_are_named_with_their_day() -> None:
    docs = [{"id": "a", "text": "Russia shares a 17km border with North Korea.", "published": "2019-04-25"},
            {"id": "b", "text": "Russia shares a 27km border with North Korea.", "published": "2019-04-24"}]
    [group] = [g for g in check(docs).groups if g.verdict != "single_source"]
    assert '"17km" (a, Apr 25) reads 16.5-17.5 kilometer' in group.explanation
