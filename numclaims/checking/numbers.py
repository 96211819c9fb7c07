"""How explanations write numbers: short, exact enough, and readable by a fact-checker."""

from __future__ import annotations

import math
from datetime import date

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def fmt(x: float, digits: int = 4) -> str:
    """A number with ``digits`` significant digits, thousands separators and scale words.

    >>> fmt(16500.0), fmt(6e12), fmt(681e6), fmt(1.36554886), fmt(10.5631), fmt(float("inf"))
    ('16,500', '6 trillion', '681 million', '1.366', '10.56', 'unbounded')
    """
    if not math.isfinite(x):
        return "unbounded"
    for scale, word in _SCALES:
        if abs(x) >= scale:
            return f"{fmt(x / scale, digits)} {word}"
    if x == 0:
        return "0"
    shown = f"{x:,.{digits}g}"
    if abs(x) >= 10 ** digits or "e" in shown:  # 9,999.5 rounds up to "1e+04" in g format
        return f"{round(x):,}"
    return shown


def fmt_quantity(x: float, unit: str | None) -> str:
    """A canonical value with its unit; fractions are shown as percentages, days as dates.

    >>> fmt_quantity(0.015, "fraction"), fmt_quantity(17000.0, "meter"), fmt_quantity(5e8, "USD")
    ('1.5%', '17,000 meter', 'USD 500 million')
    """
    if unit == "fraction":
        return "unbounded" if not math.isfinite(x) else f"{fmt(x * 100)}%"
    if unit == "calendar year" and math.isfinite(x):
        return str(round(x))
    if unit and len(unit) == 3 and unit.isupper():
        return f"{unit} {fmt(x)}"
    if unit == "day" and math.isfinite(x):
        return date.fromordinal(int(x)).isoformat()
    return f"{fmt(x)} {_shown(unit)}".strip()


def _shown(unit: str | None) -> str:
    """A pint unit's name as words: "meter_per_second" is "meter per second" to a reader."""
    return (unit or "").replace("_", " ")


def fmt_interval(low: float, high: float, unit: str | None) -> str:
    """An interval, collapsed to one number when both ends agree.

    >>> fmt_interval(16500.0, 17500.0, "meter"), fmt_interval(5e8, math.inf, "USD")
    ('16,500-17,500 meter', 'USD 500 million or more')
    >>> fmt_interval(2010.5, 2011.5, "calendar year"), fmt_interval(9500.0, 10500.0, "")
    ('2011', '9,500-10,500')
    """
    if unit == "calendar year" and math.isfinite(low) and math.isfinite(high):
        low, high = math.ceil(low), math.floor(high)  # 2010.5-2011.5 is the year 2011
    if low == high or fmt_quantity(low, unit) == fmt_quantity(high, unit):
        return fmt_quantity(low, unit)  # 9,873.5-9,874.5 is "9,874" as shown
    if not math.isfinite(high):
        return f"{fmt_quantity(low, unit)} or more"
    if not math.isfinite(low):
        return f"up to {fmt_quantity(high, unit)}"
    if unit == "fraction":
        return f"{fmt(low * 100)}-{fmt(high * 100)}%"
    if unit and len(unit) == 3 and unit.isupper():
        return f"{unit} {fmt(low)}-{fmt(high)}"
    if unit in ("day", "calendar year"):
        return f"{fmt_quantity(low, unit)} to {fmt_quantity(high, unit)}"
    return f"{fmt(low)}-{fmt(high)} {_shown(unit)}".strip()


def ratio_terms(a: float, b: float) -> tuple[str, str]:
    """Two amounts with their common scale removed, as a writer would divide them: 681/500.

    >>> ratio_terms(681e6, 500e6), ratio_terms(24.78e12, 6e12)
    (('681', '500'), ('24.78', '6'))
    """
    smaller = min(abs(a), abs(b)) or 1.0
    scale = 1000 ** max(0, int(math.log(smaller, 1000) + 1e-9))
    return f"{a / scale:.6g}", f"{b / scale:.6g}"


def fmt_width(x: float, unit: str | None) -> str:
    """A difference between two canonical values, in words that fit the unit.

    >>> fmt_width(0.03, "fraction"), fmt_width(9000.0, "meter"), fmt_width(30.0, "day")
    ('3 percentage points', '9,000 meter', '30 days')
    """
    if unit == "fraction":
        return f"{fmt(x * 100)} percentage points"
    if unit == "day":
        return f"{fmt(x)} days"
    return fmt_quantity(x, unit)
