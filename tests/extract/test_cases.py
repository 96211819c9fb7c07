"""Every case file under ``cases/`` run through :func:`numclaims.extract`, one test per case.

A ``match`` case must produce exactly the expected mentions among those of the kinds it names
(money.json: money only); a ``no_match`` case must produce no mention at all. ``match_hinted``
cases are match cases read with their ``currency_hint``. A case with ``xfail`` (its reason) is a
known gap, run as a strict xfail so that a fix shows up as a failure until the case is moved.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from numclaims import extract

CASES = Path(__file__).parent / "cases"
_DEFAULT_KIND = {"money": "money"}


def _load(section: str) -> list:
    params = []
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        for case in data.get(section, []):
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            params.append(pytest.param(path.stem, case, id=f"{path.stem}:{case['text'][:60]}", marks=marks))
    return params


def _same(got: object, want: object) -> bool:
    if isinstance(want, float | int) and isinstance(got, float | int):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)
    return got == want


@pytest.mark.parametrize(("dimension", "case"), _load("match") + _load("match_hinted"))
def test_match(dimension: str, case: dict) -> None:
    mentions = extract(case["text"], published=case.get("published"), currency_hint=case.get("currency_hint"))
    expected = case["expect"]
    kinds = {e.get("kind", _DEFAULT_KIND.get(dimension)) for e in expected}
    got = [m for m in mentions if m.kind in kinds]
    assert [m.text for m in got] == [e["text"] for e in expected], [m.to_dict() for m in mentions]
    for mention, want in zip(got, expected):
        assert case["text"][mention.start : mention.end] == mention.text
        for key, value in want.items():
            if key == "normalized_value":
                assert _same(mention.normalized["value"], value), (key, mention.to_dict())
            else:
                assert _same(getattr(mention, key), value), (key, mention.to_dict())


@pytest.mark.parametrize(("dimension", "case"), _load("no_match"))
def test_no_match(dimension: str, case: dict) -> None:
    mentions = extract(case["text"], published=case.get("published"), currency_hint=case.get("currency_hint"))
    kinds = case.get("kinds")  # None: no mention of any kind
    found = [m for m in mentions if kinds is None or m.kind in kinds]
    assert found == [], [m.to_dict() for m in found]
