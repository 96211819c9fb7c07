"""What every ``extract()`` result must satisfy, whatever the text.

One definition shared by the property tests (``tests/extract/test_properties.py``) and the
fuzz targets (:mod:`fuzz.targets`), so a fuzzer crash and a failing property mean the same
thing. Plain ``assert``s: a violation is an ``AssertionError`` that both pytest and atheris
report with the input.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from numclaims.model import KINDS, QUALIFIERS, Mention
from numclaims.normalise import fx, units

#: Relative slack for float arithmetic (scale words, unit factors, exchange rates).
REL = 1e-9


def _close(a: float, b: float, abs_tol: float = 0.0) -> bool:
    return math.isclose(a, b, rel_tol=REL, abs_tol=abs_tol)


def _finite_numbers(mention: Mention) -> list[float]:
    numbers = [mention.value, mention.low, mention.high, mention.precision]
    if mention.normalized:
        numbers += [mention.normalized.get(k) for k in ("value", "low", "high", "precision", "rate")]
    return [x for x in numbers if isinstance(x, float)]


def check_mentions(text: str, mentions: Sequence[Mention]) -> None:
    """Spans, order, intervals and cross-references of one ``extract(text)`` result.

    Mentions never overlap, not even by nesting: a restatement such as "US$500 million
    (S$681 million)" is two adjacent mentions linked by ``equivalent_of``, and a range or a
    compound measure ("5-10km", "6 feet 2 inches") is one mention, never a mention inside
    another.
    """
    previous_end = 0
    for index, m in enumerate(mentions):
        assert 0 <= m.start < m.end <= len(text), (m.start, m.end, len(text))
        assert text[m.start : m.end] == m.text, (m.start, m.end, m.text)
        assert m.start >= previous_end, f"mention {index} {m.text!r} overlaps the one before"
        previous_end = m.end
        assert m.kind in KINDS and m.qualifier in QUALIFIERS, (m.kind, m.qualifier)
        for number in _finite_numbers(m):
            assert math.isfinite(number), (m.text, m.to_dict())
        if m.low is not None and m.high is not None:
            assert m.low <= m.high, (m.text, m.low, m.high)
        if isinstance(m.value, float):
            slack = REL * abs(m.value)
            if m.low is not None:
                assert m.low <= m.value + slack, (m.text, m.low, m.value)
            if m.high is not None:
                assert m.value <= m.high + slack, (m.text, m.value, m.high)
        if m.equivalent_of is not None:
            assert 0 <= m.equivalent_of < index, (index, m.equivalent_of)


def _back_converter(mention: Mention) -> Callable[[float], float] | None:
    """How to take a normalised figure back to the mention's own unit, if it has one."""
    normalized = mention.normalized
    if not normalized or mention.unit is None or "error" in normalized:
        return None
    target, canonical = mention.unit, normalized["unit"]
    if mention.kind == "money":
        on = dt.date.fromisoformat(normalized["rate_date"])
        return lambda x: fx.convert(x, canonical, target, on)[0]
    if mention.kind in units.CANONICAL:
        return lambda x: units.convert(x, canonical, target)
    return None


def check_round_trip(mention: Mention) -> None:
    """Converting ``normalized`` back to the stated unit gives the stated figures: metres back
    to miles, USD back to SGD at the rate and date the mention reports."""
    back = _back_converter(mention)
    if back is None:
        return
    # an offset scale (Celsius) loses absolute, not relative, precision near its zero
    abs_tol = REL * abs(back(0.0))
    for key, stated in (("value", mention.value), ("low", mention.low), ("high", mention.high)):
        canonical = mention.normalized.get(key) if mention.normalized else None
        if isinstance(stated, float) and canonical is not None:
            assert _close(back(canonical), stated, abs_tol), (mention.text, key, stated, canonical)


def check_extract(text: str, mentions: Sequence[Mention]) -> None:
    """:func:`check_mentions` plus :func:`check_round_trip` for every mention."""
    check_mentions(text, mentions)
    for mention in mentions:
        check_round_trip(mention)
