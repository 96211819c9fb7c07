"""The same fact stated by several outlets in their own words is one group (issue 14, grouping
recall): the sentence shapes are those of the development stories (tests/stories)."""

from __future__ import annotations

from typing import Any

from numclaims import check


def _groups(*texts: str, published: str = "2023-06-07") -> list[list[str]]:
    """The cross-source groups of the figures (not the years) of documents a, b, ..."""
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    report = check(docs)
    return sorted(sorted(f"{c.doc}:{c.text}" for c in g.claims) for g in report.groups
                  if g.verdict != "single_source" and g.details.get("kind") != "year")


def test_a_fee_in_euros_meets_the_same_fee_in_pounds() -> None:
    # bellingham-real-madrid-2023: Football España's "€103m" and Sky Sports' "£88.5m" are one fee,
    # in two sentences that share no telling word
    found = _groups("The German club will receive €103m for the midfielder, plus variable payments.",
                    "Real Madrid have reached an agreement to sign England midfielder Jude Bellingham"
                    " for an initial fee of £88.5m.")
    assert ["a:€103m", "b:£88.5m"] in found


def test_a_fee_in_euros_is_not_another_fee_in_pounds() -> None:
    # £95.5m is about €111m: another figure, though as precisely written
    found = _groups("The German club will receive €103m for the midfielder, plus variable payments.",
                    "Real Madrid have reached an agreement to sign England midfielder Jude Bellingham"
                    " for an initial fee of £95.5m.")
    assert found == []

