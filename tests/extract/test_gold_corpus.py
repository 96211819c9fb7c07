"""Every gold mention of the development corpus is found with its value, unit, qualifier and
interval; nothing on its must-not-extract list is reported."""

from __future__ import annotations

import json
import math

import pytest

from numclaims import extract
from tests.conftest import GOLD

_GOLD = json.loads(GOLD.read_text("utf-8")) if GOLD.is_file() else {"mentions": [], "must_not_extract": [], "documents": []}
_KINDS = {"currency": "money", "time": "duration"}
_BOUND = {"lower": {"more_than", "at_least"}, "upper": {"less_than", "at_most", "up_to", "nearly"}}


@pytest.fixture(scope="module")
def extracted(corpus: dict) -> dict:
    return {
        doc_id: extract(doc["text"], published=doc["published"], currency_hint=doc["outlet_country"])
        for doc_id, doc in corpus.items()
    }


@pytest.mark.parametrize("gold_mention", _GOLD["mentions"], ids=lambda g: f"{g['doc'][:3]}:{g['surface']}")
def test_gold_mention_found(gold_mention: dict, extracted: dict) -> None:
    found = [m for m in extracted[gold_mention["doc"]] if m.text == gold_mention["surface"]]
    assert found, f"{gold_mention['surface']!r} not extracted; got {[m.text for m in extracted[gold_mention['doc']]]}"
    mention = found[0]
    assert mention.kind == _KINDS.get(gold_mention["dimension"], gold_mention["dimension"])
    assert mention.unit == {"tonne": "metric_ton"}.get(gold_mention.get("unit"), gold_mention.get("unit"))
    if "value" in gold_mention:
        assert math.isclose(mention.value, gold_mention["value"], rel_tol=1e-9)
    if "low" in gold_mention:
        assert (mention.low, mention.high) == (gold_mention["low"], gold_mention["high"])
    if "si_value" in gold_mention:
        assert math.isclose(mention.normalized["value"], gold_mention["si_value"], rel_tol=1e-6)
    bound = gold_mention.get("bound")
    if bound:
        assert mention.qualifier in _BOUND[bound]
        assert (mention.low if bound == "lower" else mention.high) == gold_mention["value"]
    elif gold_mention.get("approximate"):
        assert mention.qualifier in {"approx", "vague"}
        assert mention.low < (mention.value or mention.low + 1) <= mention.high or mention.qualifier == "vague"
    else:
        assert mention.qualifier == "exact"


@pytest.mark.parametrize("bad", _GOLD["must_not_extract"], ids=lambda g: f"{g['doc'][:3]}:{g['surface']}")
def test_must_not_extract(bad: dict, corpus: dict, extracted: dict) -> None:
    text = corpus[bad["doc"]]["text"]
    start = text.index(bad["surface"])
    end = start + len(bad["surface"])
    overlapping = [m.text for m in extracted[bad["doc"]] if m.start < end and m.end > start]
    assert overlapping == []


def test_money_normalised_at_publication_date_agrees(extracted: dict) -> None:
    """The acceptance check: US$500m ~ S$681m and US$6tn ~ RM24.78tn within 0.5% in USD."""
    by_text = {m.text: m for doc in extracted.values() for m in doc}
    for a, b in (("more than US$500 million", "S$681 million"), ("US$6 trillion", "RM24.78 trillion")):
        usd_a, usd_b = by_text[a].normalized["value"], by_text[b].normalized["value"]
        assert abs(usd_a - usd_b) / usd_a < 0.005, (a, usd_a, b, usd_b)
        assert by_text[b].normalized["rate_date"] == "2019-04-25"
