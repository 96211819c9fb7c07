"""Exact figures whose rounding intervals only touch are different figures (issue 14: "412"
and "413" read 411.5-412.5 and 412.5-413.5 and were judged to agree at 412.5)."""

from __future__ import annotations

import pytest

from numclaims import check


def _verdict(a: str, b: str) -> tuple[str, str]:
    report = check([{"id": "a", "text": a, "published": "2024-05-10"},
                    {"id": "b", "text": b, "published": "2024-05-10"}])
    [group] = [g for g in report.groups if g.verdict != "single_source"]
    return group.verdict, group.explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Labour won 412 seats in the vote.", "Labour won 413 seats in the vote."),
    ("Prices rose 42% last month.", "Prices rose 43% last month."),
    ("The bridge is 1.4 km long, engineers said.", "The bridge is 1.5 km long, engineers said."),
])
def test_neighbouring_exact_figures_conflict_and_say_by_how_much(a: str, b: str) -> None:
    verdict, explanation = _verdict(a, b)
    assert verdict == "conflict"
    assert "differ by" in explanation and "agree" not in explanation and "gap of 0 " not in explanation


@pytest.mark.parametrize(("a", "b"), [
    ("Labour won 412 seats in the vote.", "Labour won 412 seats in the vote."),
    ("About 10,000 people marched in the capital.", "Some 9,874 people marched in the capital."),
    ("Russia shares a 17km border with North Korea.", "Russia shares a 17 kilometre border with North Korea."),
])
def test_figures_that_share_a_reading_still_agree(a: str, b: str) -> None:
    assert _verdict(a, b)[0] == "consistent"
