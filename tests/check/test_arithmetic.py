"""Arithmetic among a report's figures, and across reports (issue 14): a change against its
levels, parts against a total. Sentences are our own, in the notation of the development
stories' reports (tests/stories: nikkei-record-2024, ethiopian-airlines-302-2019,
bhp-anglo-american-2024)."""

from __future__ import annotations

from typing import Any

import pytest

from numclaims import check, extract
from numclaims.checking.inputs import Document
from numclaims.checking.story import prepare


def _arithmetic(*texts: str, published: str = "2024-02-22") -> list[tuple[str, list[str], str]]:
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    return [(g.verdict, [f"{c.doc}:{c.text}" for c in g.claims], g.explanation)
            for g in check(docs).groups if g.details.get("check") == "arithmetic"]


NIKKEI = ("The 225-issue Nikkei Stock Average gained 836.52 points, or {pct} percent, from "
          "Wednesday to close at 39,098.68.")


def test_a_change_its_percentage_and_the_level_reached_add_up() -> None:
    [(verdict, claims, why)] = _arithmetic(NIKKEI.format(pct="2.19"))
    assert verdict == "consistent"
    assert claims == ["a:836.52 points", "a:2.19 percent", "a:39,098.68"]
    assert "2.186%" in why and '"2.19 percent" reads 2.185-2.195%' in why


def test_a_percentage_the_change_cannot_be_is_a_conflict() -> None:
    [(verdict, _, why)] = _arithmetic(NIKKEI.format(pct="3.19"))
    assert verdict == "conflict" and "do not meet" in why


def test_two_changes_in_one_sentence_are_checked_apart() -> None:
    found = _arithmetic("The Nasdaq rose 2.5%, or 388 points, to 15,968, the Dow Jones Industrial "
                        "Average added 0.7%, or 274 points, to 38,887.")
    assert [(v, c) for v, c, _ in found] == [
        ("consistent", ["a:2.5%", "a:388 points", "a:15,968"]),
        ("consistent", ["a:0.7%", "a:274 points", "a:38,887"])]


def test_a_fall_from_a_start_to_a_level_in_one_currency_is_shown_in_it() -> None:
    [(verdict, _, why)] = _arithmetic("Its market value fell 3.4% to £115.31 billion from £119.4 billion.")
    assert verdict == "consistent" and "GBP 115.2 billion-115.4 billion" in why


def test_percentage_points_add_to_a_share() -> None:
    [(verdict, _, _)] = _arithmetic("Labour's share rose 3 percentage points to 34% from 31%.")
    assert verdict == "consistent"


def test_a_percentage_change_of_a_percentage_is_not_guessed() -> None:
    # bhp-anglo-american-2024: the 15% is the exchange ratio's rise, not the stake's
    assert _arithmetic("BHP called it a 15% increase in the exchange ratio, lifting Anglo "
                       "shareholders' ownership to 16.6% from 14.8%.") == []


def test_parts_add_up_to_the_total_of_their_report() -> None:
    [(verdict, claims, why)] = _arithmetic(
        "The airline said the jet had killed its 149 passengers and eight crew. All 157 on board "
        "died.", published="2019-03-10")
    assert verdict == "consistent" and claims == ["a:149", "a:eight", "a:157"]
    assert '"149" passengers + "eight" crew = 157' in why


def test_parts_against_another_reports_total_that_differs_are_divergent() -> None:
    found = _arithmetic("The jet had killed its 149 passengers and eight crew.",
                        "The crash killed all 156 people on board, the airline said.",
                        published="2019-03-10")
    assert [(v, c) for v, c, _ in found] == [("divergent", ["a:149", "a:eight", "b:156"])]


@pytest.mark.parametrize("text", [
    # a part said again is no total
    "About 32 passengers on board were Kenyan, out of the 149 passengers and eight crew.",
    # "and" between two clauses joins no parts
    "The Lion Air crash in which 189 people died, and the two accidents, raised questions; "
    "all 191 were named.",
])
def test_no_parts_or_no_total(text: str) -> None:
    assert _arithmetic(text, published="2019-03-10") == []


def test_a_stored_story_checks_the_arithmetic_inside_each_document() -> None:
    doc = Document("a", NIKKEI.format(pct="2.19"))
    own = [(section, item.details.get("check")) for section, item in prepare(doc, extract(doc.text)).own]
    assert ("groups", "arithmetic") in own
