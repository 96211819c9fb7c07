"""Claims state the same fact only when their frames agree (issue 14): what a figure is per,
its role in a change and the year it holds for keep different facts apart; the same figure in
a like sentence finds its own group first."""

from __future__ import annotations

from typing import Any

from numclaims import check


def _groups(*texts: str) -> list[list[str]]:
    """The cross-source groups of the figures (not the years) of documents a, b, ..."""
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": "2024-05-10"}
                                  for n, t in enumerate(texts)]
    report = check(docs)
    return sorted(sorted(f"{c.doc}:{c.text}" for c in g.claims) for g in report.groups
                  if g.verdict != "single_source" and g.details.get("kind") != "year")


def test_a_price_per_barrel_is_not_a_price() -> None:
    assert _groups("Brent crude traded at $71.20 a barrel on the exchange.",
                   "Brent crude traded at $71.20 on the exchange.") == []


def test_last_years_figure_is_not_this_years() -> None:
    # a toll of last year's crash and this year's, in like sentences
    assert _groups("The crash killed 132 people in 2023, officials said.",
                   "The crash killed 140 people in 2024, officials said.") == []


def test_a_change_is_not_the_level_it_reached() -> None:
    assert _groups("Exports rose by $5 billion, the ministry said.",
                   "Exports rose to $5 billion, the ministry said.") == []


def test_the_same_figure_finds_its_group_before_a_neighbour() -> None:
    found = _groups("Labour won 412 seats and the Conservatives won 121 seats.",
                    "The Conservatives won 121 seats while Labour won 412 seats.")
    assert found == [["a:121", "b:121"], ["a:412", "b:412"]]


def test_a_change_worded_differently_is_still_one_fact() -> None:
    # which way it moved is a frame field compared as such, not a word that tells facts apart
    assert _groups("Exports rose 5% in March, the ministry said.",
                   "Exports fell 7% in March, the ministry said.") == [["a:5%", "b:7%"]]
