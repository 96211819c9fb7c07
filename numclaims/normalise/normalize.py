"""Normalise a drafted quantity: measures to canonical units (pint), money to the base currency
at the publication date (bundled ECB rates), counts as they are.

>>> normalise("length", 17.0, "kilometer", 17.0, 17.0, 0.5, None, "USD")["value"]
17000.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from numclaims.errors import NotConvertibleError
from numclaims.normalise import fx, units

_MEASURES = frozenset(units.CANONICAL)


def normalise(
    kind: str,
    value: float | str | None,
    unit: str | None,
    low: float | None,
    high: float | None,
    precision: float | None,
    published: dt.date | None,
    base: str,
) -> dict[str, Any] | None:
    """The ``normalized`` dict of a mention (see :class:`numclaims.model.Mention`)."""
    if kind == "date":
        return {"value": value, "unit": "date"}
    if kind == "year":
        return None
    if kind == "money" and unit is not None:
        return _money(value, unit, low, high, precision, published, base)
    if kind in _MEASURES and unit is not None:
        return _measure(value, unit, low, high, precision)
    if kind == "age" and unit is not None:
        return _age(value, unit, low, high, precision)
    return {"value": value, "unit": None, "low": low, "high": high}


def _money(value, unit, low, high, precision, published, base) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    try:
        rate = fx.rate(unit, base, published)
    except NotConvertibleError as exc:
        return {"value": None, "unit": base, "error": str(exc)}
    scale = rate.value
    return {
        "value": None if value is None else float(value) * scale,
        "unit": base,
        "low": None if low is None else low * scale,
        "high": None if high is None else high * scale,
        "precision": None if precision is None else precision * scale,
        "rate": rate.value,
        "rate_date": rate.rate_date.isoformat(),
        "rate_source": rate.source,
        "note": rate.note,
    }


def _age(value, unit, low, high, precision) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """An age in years, whatever its unit ("a 17-month-old" is 1.42 years)."""
    def conv(x: float | None) -> float | None:
        return None if x is None else float(f"{units.convert(float(x), unit, 'year'):.12g}")

    return {"value": conv(value) if value is not None else None, "unit": "year", "low": conv(low),
            "high": conv(high), "precision": conv(precision)}


def _measure(value, unit, low, high, precision) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    def conv(x: float | None) -> float | None:
        return None if x is None else units.to_canonical(float(x), unit)[0]

    canonical_unit = units.CANONICAL[units.kind_of(unit)]
    return {
        "value": conv(value) if value is not None else None,
        "unit": canonical_unit,
        "low": conv(low),
        "high": conv(high),
        "precision": None if precision is None else units.scale_width(precision, unit),
    }
