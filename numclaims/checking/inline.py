"""Restatements inside one document: "US$500 million (S$681 million)", "17 kilometer (11 mile)".

The extractor links a restatement to the figure it restates (``Mention.equivalent_of``). Money is
checked against the ECB reference rates of the document's date and the business days before it,
because reporters often convert at the previous day's fix: the restatement is consistent when the
rate it implies is within ``tolerance`` of one of them. The rounding of the restated figure counts
(681 million may be 680.5 to 681.5 million), the rounding of the original does not: a writer
converts the number they print. Measures are converted exactly, so both roundings count:
17 km is 10.56 miles, which "11 mile" (10.5 to 11.5) covers.

A bare "$" restating an amount in another currency ("£3.4bn ($4.4bn)") is read as US dollars,
whatever the document's ``currency_hint`` or ``outlet_country`` says: an outlet restates foreign
amounts in US dollars, and marks its own dollar when it means it ("S$", "HK$"). Only a bare "$"
restating US dollars ("US$500 million ($681 million)") is the outlet's own dollar, as the hint
reads it. A "$" with its code after the figure ("$214m AUD") is no bare sign. The explanation
says how a bare sign was read ("$ read as US dollars").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from numclaims.checking.claims import Item
from numclaims.checking.moments import earlier_time
from numclaims.checking.numbers import fmt, fmt_interval, ratio_terms
from numclaims.checking.readings import stated_precision
from numclaims.errors import InputError, NotConvertibleError
from numclaims.model import CheckItem
from numclaims.normalise import fx, units

DEFAULT_TOLERANCE = 0.01
# the date itself and the business days before it, newest first
RATE_WINDOW = 3


def check_inline(items: Sequence[Item], *, tolerance: float = DEFAULT_TOLERANCE) -> list[CheckItem]:
    """A verdict for every restatement among one document's ``items`` (in extraction order).

    >>> from numclaims.checking.claims import Document
    >>> from numclaims.model import Mention
    >>> doc = Document("d", "a 17 kilometer (11 mile) border")
    >>> km = Mention(2, 14, "17 kilometer", "length", 17.0, "kilometer", precision=0.5,
    ...              normalized={"value": 17000.0, "unit": "meter", "precision": 500.0})
    >>> mi = Mention(16, 23, "11 mile", "length", 11.0, "mile", precision=0.5, equivalent_of=0,
    ...              normalized={"value": 17702.784, "unit": "meter", "precision": 804.672})
    >>> from numclaims.checking.claims import build_items
    >>> [found] = check_inline(build_items(doc, [km, mi]))
    >>> found.verdict, found.explanation
    ('consistent', '17 kilometer = 10.56 mile; stated 11 mile, which as rounded is 10.5-11.5 mile; difference 4.1%, within rounding')
    """
    found = []
    for item in items:
        j = item.mention.equivalent_of
        if j is None or not 0 <= j < len(items) or j == item.index:
            continue
        original = items[j]
        per = _per_factor(original, item)
        if per is None:
            found.append(_unchecked(original, item, f"{_per_name(original)} and {_per_name(item)} "
                                    "are not comparable", item.mention.kind))
        elif original.mention.kind == "money" and item.mention.kind == "money":
            found.append(_money(original, item, tolerance, per))
        elif per != 1.0:
            found.append(_unchecked(original, item, f"{_per_name(original)} restated "
                                    f"{_per_name(item)} is checked for money only", item.mention.kind))
        else:
            found.append(_measure(original, item, tolerance))
    return found


def _stated(item: Item) -> float | None:
    m = item.mention
    if isinstance(m.value, (int, float)):
        return float(m.value)
    if m.low is not None and m.high is not None:
        return (m.low + m.high) / 2
    return m.low if m.low is not None else m.high


def _per(item: Item) -> str | None:
    m = item.mention
    return (m.normalized or {}).get("per") or m.per


def _per_name(item: Item) -> str:
    per = _per(item)
    return f"per {per}" if per else "a total"


def _per_factor(original: Item, restated: Item) -> float | None:
    """How much the original's figure is multiplied by to be per the restatement's unit:
    "GH¢20,943 per tonne, or about GH¢21 per kilogramme" restates per kilogram (x 0.001); 1 when
    both are per the same thing or one of them names none (in "1,500 CFA francs ($2.47, or about
    GH¢33) per kilogramme" the bracket's first figure is per kilogram too), ``None`` when the two
    are per things that do not convert (a price per tonne and one per hectare)."""
    a, b = _per(original), _per(restated)
    if a == b or a is None or b is None:
        return 1.0
    try:
        return units.convert(1.0, str(b), str(a))
    except Exception:  # noqa: BLE001 - pint raises several types for nouns and other kinds
        return None


def _unchecked(original: Item, restated: Item, why: str, kind: str) -> CheckItem:
    return CheckItem((original.claim, restated.claim), "unchecked", why, {"kind": kind})


_BARE_DOLLAR = re.compile(r"\\?\$")  # "$4.4bn", or Markdown's "\$4.4bn"; not "S$", "US$"
def _names_its_code(text: str, code: str | None) -> bool:
    """Does the restatement write its currency's code after the sign ("$214m AUD")? Then the
    "$" is no bare sign: the extractor read the code."""
    return code is not None and re.search(r"(?<![A-Za-z])" + re.escape(code) + r"(?![A-Za-z])", text[1:]) is not None


_DOLLARS = {"USD": "US dollars", "SGD": "Singapore dollars", "HKD": "Hong Kong dollars",
            "AUD": "Australian dollars", "CAD": "Canadian dollars", "NZD": "New Zealand dollars"}


def restated_currency(original: Item, restated: Item) -> tuple[str | None, str | None]:
    """The currency of a restatement, and how its sign was read when the sign is a bare "$".

    The one rule for ``currency_hint`` and ``outlet_country`` alike (see the module docstring).
    """
    m, quote = restated.mention, restated.mention.unit
    if not _BARE_DOLLAR.match(m.text) or original.mention.unit is None or _names_its_code(m.text, quote):
        return quote, None
    if original.mention.unit != "USD":
        quote = "USD"
    return quote, f"$ read as {_DOLLARS.get(quote or '', quote)}"


def _money(original: Item, restated: Item, tolerance: float, per: float = 1.0) -> CheckItem:
    base, (quote, sign) = original.mention.unit, restated_currency(original, restated)
    a, b = _stated(original), _stated(restated)
    if a is not None and per != 1.0:
        a *= per
    if not base or not quote or not a or b is None:
        return _unchecked(original, restated, "a currency or an amount is missing", "money")
    on = original.doc.published
    try:
        rates = fx.rates_around(base, quote, on, RATE_WINDOW) if on else [fx.rate(base, quote, None)]
    except (NotConvertibleError, InputError) as exc:
        return _unchecked(original, restated, f"no rate to check with: {exc}", "money")
    then = earlier_time(restated, original)
    if then is not None:
        # "SoftBank bought Arm for $32 billion, or £24 billion at 2016 exchange rates": an amount
        # of a time before its report restated at that time's rate, which is tried too (the
        # middle and the end of that time)
        start, end = then
        try:
            rates += [r for day in (start + (end - start) / 2, end) for r in fx.rates_around(base, quote, day, RATE_WINDOW)]
        except (NotConvertibleError, InputError):
            pass
    m = restated.mention
    spans = m.low is not None and m.high is not None and m.value is None and m.low != m.high
    if spans:
        # a range restates the amount as its span, not as its midpoint give or take the
        # extractor's width: "$5m-$10m" for GBP 2 million implies 2.5-5 dollars a pound
        p = stated_precision(replace(m, value=m.low))
        b_low, b_high = m.low - p, m.high + p
    else:
        p = stated_precision(m)
        b_low, b_high = b - p, b + p
    implied, low, high = b / a, b_low / a, b_high / a

    def distance(r: fx.Rate) -> float:  # relative gap between the rate and the implied range
        return max(0.0, low - r.value, r.value - high) / r.value

    best = min(rates, key=distance)
    gap = distance(best)
    difference = abs(implied - best.value) / best.value
    verdict = "consistent" if gap <= tolerance else "conflict"
    if spans:
        (num_low, den), (num_high, _) = ratio_terms(m.low, a), ratio_terms(m.high, a)  # type: ignore[arg-type]
        head = f"{num_low}-{num_high}/{den} = {fmt(m.low / a, 4)}-{fmt(m.high / a, 4)}"  # type: ignore[operator]
        off = f"; the rate is {gap:.1%} outside that range"
    else:
        num, den = ratio_terms(b, a)
        head, off = f"{num}/{den} = {fmt(implied, 4)}", f"; difference {difference:.1%}"
    rescaled = (f"{original.mention.text} {_per_name(original)} is {fmt(a, 4)} {base} {_per_name(restated)}; "
                if per != 1.0 else "")
    explanation = (
        (f"{sign}; " if sign else "") + rescaled + f"{head} {quote} per {base}; "
        f"{best.source} rate on {best.rate_date.isoformat()} was {best.value:.5g}"
        + (f" ({rates[0].rate_date.isoformat()}: {rates[0].value:.5g})" if best is not rates[0] else "")
        + off
    )
    if verdict == "conflict":
        window = ", ".join(f"{r.value:.5g} on {r.rate_date.isoformat()}" for r in rates)
        explanation += f", more than the {tolerance * 100:g}% tolerance (rates checked: {window})"
    details: dict[str, Any] = {
        "kind": "money",
        "restated_currency": quote,
        "implied_rate": implied,
        "implied_rate_range": [low, high],
        "rate": best.to_dict(),
        "rates": [r.to_dict() for r in rates],
        "difference": difference,
        "tolerance": tolerance,
        "published": on.isoformat() if isinstance(on, date) else None,
    }
    return CheckItem((original.claim, restated.claim), verdict, explanation, details)


def _measure(original: Item, restated: Item, tolerance: float) -> CheckItem:
    ro, rr = original.reading, restated.reading
    kind = original.mention.kind
    if ro is None or rr is None or ro.unit != rr.unit:
        return _unchecked(original, restated, "the two figures have no common unit", kind)
    vo, vr = ro.center, rr.center
    gap = max(0.0, max(ro.low, rr.low) - min(ro.high, rr.high))
    scale = max(abs(vo), abs(vr)) or 1.0
    verdict = "consistent" if gap <= tolerance * scale else "conflict"
    difference = (vr - vo) / vo if vo else 0.0
    m_o, m_r = original.mention, restated.mention
    shown = _in_units_of(original, restated)
    if shown is not None and m_r.unit:
        converted, r_low, r_high = shown
        head = (f"{m_o.text} = {fmt(converted)} {m_r.unit}; stated {m_r.text}, which as rounded "
                f"is {fmt_interval(r_low, r_high, m_r.unit)}")
    else:
        converted = None
        head = (f"{m_o.text} is {fmt_interval(ro.low, ro.high, ro.unit)}; {m_r.text} is "
                f"{fmt_interval(rr.low, rr.high, rr.unit)}")
    tail = "within rounding" if gap == 0 else (
        "within tolerance" if verdict == "consistent" else
        f"{fmt(gap)} {ro.unit} beyond what rounding allows")
    explanation = f"{head}; difference {abs(difference):.1%}, {tail}"
    def finite(x: float | None) -> float | None:
        return x if x is None or math.isfinite(x) else None

    details = {"kind": kind, "converted": finite(converted), "difference": finite(difference), "gap": finite(gap),
               "unit": ro.unit, "tolerance": tolerance}
    return CheckItem((original.claim, restated.claim), verdict, explanation, details)


def _in_units_of(original: Item, restated: Item) -> tuple[float, float, float] | None:
    """The original's value in the restatement's unit, and the restatement's rounding interval."""
    m_o, m_r = original.mention, restated.mention
    a, b = _stated(original), _stated(restated)
    if a is None or b is None or not m_o.unit or not m_r.unit:
        return None
    try:
        converted = units.convert(a, m_o.unit, m_r.unit)
    except Exception:  # noqa: BLE001 - pint raises several types; the fallback explanation serves
        return None
    p = stated_precision(m_r)
    return converted, b - p, b + p
