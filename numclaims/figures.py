"""How a mention's figures read in a table for people: years bare ("2011"), money with its sign
and scale words ("US$6 trillion"), big numbers in words ("2.5 million"), long text cut at a word.

The numbers themselves are written by :func:`numclaims.checking.numbers.fmt`, as the explanations
write them; the currency signs come from the lexicon (``numclaims/data/currencies.tsv``).
"""

from __future__ import annotations

import functools
import math
import textwrap
from collections.abc import Mapping
from typing import Any

from numclaims.checking.numbers import fmt, fmt_quantity
from numclaims.extraction.lexicon import lexicon
from numclaims.extraction.pipeline import LATEST_RATE

ELLIPSIS = "…"


@functools.cache
def currency_sign(code: str) -> str:
    """The sign a reader knows ``code`` by: the first prefix sign the lexicon lists for that code
    alone (a sign shared by several currencies, "$" or "¥", never is), else the code itself.

    >>> currency_sign("USD"), currency_sign("SGD"), currency_sign("MYR"), currency_sign("EUR")
    ('US$', 'S$', 'RM', '€')
    >>> currency_sign("CHF"), currency_sign("PKR")
    ('CHF', 'PKR')
    """
    for surface, entry in lexicon().currency_prefix.items():
        if entry.code == code:
            return surface
    return code


def money(x: float, code: str) -> str:
    """An amount with its currency's sign, spaced like a code when the sign is one.

    >>> money(6e12, "USD"), money(24.78e12, "MYR"), money(2.5e6, "CHF"), money(681e6, "SGD")
    ('US$6 trillion', 'RM24.78 trillion', 'CHF 2.5 million', 'S$681 million')
    """
    sign = currency_sign(code)
    gap = " " if len(sign) >= 3 and sign[-1].isalpha() else ""
    return f"{sign}{gap}{fmt(x)}"


def unit_name(unit: str | None) -> str:
    """A pint unit name as a reader writes it: ``metric_ton`` is "metric ton"."""
    return (unit or "").replace("_", " ")


def _with_unit(number: str, unit: str | None) -> str:
    return f"{number}%" if unit == "percent" else f"{number} {unit_name(unit)}".strip()


def _is_money(unit: str | None) -> bool:
    return bool(unit) and len(unit) == 3 and unit.isupper()  # ISO 4217, as the mentions carry it


def figure(value: float | str | None, kind: str, unit: str | None) -> str:
    """One stated figure with its unit, as a person writes it; "" for none.

    >>> figure(2011.0, "year", None), figure(6e12, "money", "USD"), figure(2.5e6, "count", None)
    ('2011', 'US$6 trillion', '2.5 million')
    >>> figure(17.0, "length", "kilometer"), figure(100000.0, "mass", "metric_ton"), figure("2019-04-25", "date", None)
    ('17 kilometer', '100,000 metric ton', '2019-04-25')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if not math.isfinite(value):
        return fmt(value)
    if kind == "year":
        return str(round(value))
    if _is_money(unit):
        return money(value, str(unit))
    return _with_unit(fmt(value), unit)


def interval(low: float | None, high: float | None, kind: str, unit: str | None) -> str:
    """The interval a mention's wording implies; ``None`` is an open end.

    >>> interval(5e8, None, "money", "USD"), interval(10000.0, 99999.0, "count", None)
    ('US$500 million or more', '10,000-99,999')
    >>> interval(1.425, 1.575, "ratio", "percent"), interval(None, 60.0, "duration", "year")
    ('1.425-1.575%', 'up to 60 year')
    """
    if low is None and high is None:
        return ""
    if high is None or low == high:
        return f"{figure(low, kind, unit)}{'' if low == high else ' or more'}"
    if low is None:
        return f"up to {figure(high, kind, unit)}"
    if kind == "year":
        return f"{round(low)}-{round(high)}"
    if _is_money(unit):
        return f"{money(low, str(unit))} to {money(high, str(unit))}"
    return _with_unit(f"{fmt(low)}-{fmt(high)}", unit)


def at_latest_rate(norm: Mapping[str, Any] | None) -> bool:
    """Whether money was converted at the data's latest rate, for want of a publication date."""
    return bool(norm) and LATEST_RATE in str(norm.get("note", ""))  # type: ignore[union-attr]


def normalized(norm: dict | None) -> str:
    """A mention's canonical value: money in the base currency with its sign (and "latest rate"
    when there was no publication date to take the rate on), fractions as percentages, the
    conversion's error when there is one.

    >>> normalized({"value": 498.7e6, "unit": "USD"}), normalized({"value": 0.015, "unit": "fraction"})
    ('US$498.7 million', '1.5%')
    >>> normalized({"value": 498.7e6, "unit": "USD", "note": "no publication date given: latest rate used"})
    'US$498.7 million (latest rate)'
    """
    if not norm:
        return ""
    if norm.get("error"):
        return str(norm["error"])
    value, unit = norm.get("value"), norm.get("unit")
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if _is_money(unit):
        return money(value, str(unit)) + (" (latest rate)" if at_latest_rate(norm) else "")
    return unit_name(fmt_quantity(value, unit))


def clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, cut at a word with an ellipsis when too long.

    >>> clip("cannot convert INR on 1990-01-01: the ECB has no rate", 30)
    'cannot convert INR on…'
    """
    if len(text) <= width:
        return text
    return textwrap.shorten(text, width, placeholder=ELLIPSIS) if " " in text[:width] \
        else text[:width - 1] + ELLIPSIS


def plural(n: int, noun: str) -> str:
    """``n`` and ``noun``, in the plural unless ``n`` is one.

    >>> plural(1, "mention"), plural(6, "mention"), plural(0, "document")
    ('1 mention', '6 mentions', '0 documents')
    """
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


__all__ = ["clip", "currency_sign", "figure", "interval", "money", "normalized", "plural", "unit_name"]
