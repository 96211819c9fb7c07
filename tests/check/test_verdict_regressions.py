"""Verdicts a user found wrong (issue 14): each test runs the real ``numclaims.check``."""

from __future__ import annotations

from typing import Any

from numclaims import check
from numclaims.model import CheckItem


def _doc(ident: str, text: str, **more: Any) -> dict[str, Any]:
    return {"id": ident, "text": text, "published": "2024-03-01", **more}


def _group(*texts: str, **more: Any) -> CheckItem:
    """The one cross-source group of documents a, b, ... stating ``texts``."""
    report = check([_doc(chr(ord("a") + n), text, **more) for n, text in enumerate(texts)])
    [group] = [g for g in report.groups if g.verdict != "single_source"]
    return group


def test_bare_round_percentage_is_exact_to_its_last_digit() -> None:
    group = _group("Prices rose 40% last year, the bureau said.",
                   "Prices rose 44% last year, the bureau said.")
    assert group.verdict == "conflict"
    assert "39.5-40.5%" in group.explanation and "43.5-44.5%" in group.explanation


def test_about_widens_a_round_figure() -> None:
    group = _group("About 10,000 people attended the rally in Seoul.",
                   "9,874 people attended the rally in Seoul.")
    assert group.verdict == "consistent"
    assert group.explanation == '"About 10,000" (a) and "9,874" (b) agree: all read 9,874'
