"""What a stated quantity can mean, and what a reader takes it to mean, in canonical units.

Every claim gets two intervals:

* the **bounds**: every value the wording allows ("more than US$500 million" is 500 million and
  up; "17km" is 16.5 to 17.5 km because of rounding; "tens of thousands" is 10,000 to 99,999);
* the **typical reading**: the central values a reader would take away ("around 10,000" reads
  as 9,000 to 11,000); a vague amount reads as the span it names, the same everywhere it is
  shown ("tens of thousands" is 10,000 to 99,999).

Two claims are consistent only when both pairs overlap, and a figure set beside a vague amount
lies within it: "tens of thousands" and "around 10,000" share 10,000 to 11,000, yet nobody reads
them as the same number (see :mod:`numclaims.checking.groups`).

How far a figure reaches comes from its wording, never from how round it looks. A bare figure is
exact to its last written digit, plus or minus half a unit of it: "40%" is 39.5-40.5%, "10,000"
is 9,999.5-10,000.5, "$10 million" is 9.5-10.5 million (the scale word is the unit of the last
digit) and "3.4bn" is 3.35-3.45 billion; "more than", "at least", "less than", "up to" and "at
most" bound one side at the figure and leave the other open. Only an approximator ("about",
"around", "roughly", "some", "nearly"...) lets trailing zeros count as rounding: "about 10,000"
may be rounded to the ten thousand or be 15% off, whichever is wider (bounds 5,000-15,000), though
a reader takes it as within 10% (9,000-11,000), so it agrees with "9,874"; "nearly 60" is up to
15% below and never above. A writer who gives four digits or more hedges the last of them:
"around $9,625" reads within 0.5% (9,577-9,673), each further digit tenfold less. Vague amounts
and ranges read as the span they name.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from numclaims.extraction.numbers import find_numbers, parse_numeral, split_words, words_value
from numclaims.model import Mention
from numclaims.normalise.units import scale_width

INF = math.inf

# qualifier -> (below, above), as fractions of the value, for the bounds and the typical reading.
# The stated precision is always the least width, so "about 17km" is at least 16.5-17.5 km.
# inf above means unbounded; 1.0 below means "down to zero".
BOUNDS = {
    "exact": (0.0, 0.0),
    "approx": (0.15, 0.15),
    "more_than": (0.0, INF),
    "at_least": (0.0, INF),
    "less_than": (1.0, 0.0),
    "at_most": (1.0, 0.0),
    "up_to": (1.0, 0.0),
    "nearly": (0.15, 0.0),
}
# the qualifiers that bound one side at the figure: a floor ("at least 632") or a ceiling
FLOORS = frozenset(q for q, (below, above) in BOUNDS.items() if below == 0.0 and above == INF)
CEILINGS = frozenset(q for q, (below, above) in BOUNDS.items() if below == 1.0 and above == 0.0)
TYPICAL = {
    "exact": (0.0, 0.0),
    "approx": (0.05, 0.05),
    "more_than": (0.0, 0.2),
    "at_least": (0.0, 0.2),
    "less_than": (0.2, 0.0),
    "at_most": (0.2, 0.0),
    "up_to": (0.2, 0.0),
    "nearly": (0.1, 0.0),
}
# Calendar values: fractions of a year number mean nothing; "around 2011" is a year either side.
_CALENDAR_APPROX = 1.0
TYPICAL_ROUNDING_CAP = 0.1
# numbers without a unit: counts are bare, years are calendar years (shown without separators)
_PLAIN_UNITS = {"count": "", "year": "calendar year", "other": ""}
_FLOORED = FLOORED = frozenset({"more_than", "at_least"})
# the wordings that let a round figure's trailing zeros count as rounding
_ROUNDED = frozenset({"approx", "nearly"})
# the significant digits an approximate figure may have for its typical reading to reach the
# TYPICAL fraction of it ("about 10,000", "around 2.5 million"); more narrow it (reading())
_HEDGED_DIGITS = 3
# a number word that names the unit of the figure's last digit ("two million": +/-0.5 million)
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_CAPPED = CAPPED = frozenset({"less_than", "at_most", "up_to", "nearly"})


# a race time's groups are digits of one figure: "2:00:35" is written to the second
NUMERAL = re.compile(r"\d[\d,]*(?::\d\d)*(?:\.\d+)?")


def written_digits(text: str) -> int:
    """The significant digits of the first numeral of ``text`` as written: a round "100,000" has
    one, "39,098.68" seven, "2.19%" three, a figure in words none.

    >>> [written_digits(t) for t in ("100,000 tonnes", "39,098.68", "2.19%", "1.50", "eight")]
    [1, 7, 3, 3, 0]
    """
    found = NUMERAL.search(text)
    if found is None:
        return 0
    numeral = found.group().replace(",", "").replace(":", "")
    digits = numeral.replace(".", "").lstrip("0")
    return len(digits if "." in numeral else digits.rstrip("0"))


@dataclass(frozen=True, slots=True)
class Reading:
    """A claim's bounds and typical reading, in ``unit`` (canonical; money in the base currency).

    >>> r = Reading(16500.0, 17500.0, 16500.0, 17500.0, "meter")
    >>> r.center, r.overlaps(Reading(17000.0, 18000.0, 17000.0, 18000.0, "meter"))
    (17000.0, True)
    """

    low: float
    high: float
    typical_low: float
    typical_high: float
    unit: str

    @property
    def center(self) -> float:
        return (self.typical_low + self.typical_high) / 2

    def overlaps(self, other: Reading, slack: float = 0.0) -> bool:
        return max(self.low, other.low) <= min(self.high, other.high) + slack

    def to_dict(self) -> dict[str, Any]:
        def finite(x: float) -> float | None:
            return x if math.isfinite(x) else None
        return {"low": finite(self.low), "high": finite(self.high),
                "typical_low": finite(self.typical_low), "typical_high": finite(self.typical_high),
                "unit": self.unit}


def written_scale(mention: Mention) -> float | None:
    """The factor from a mention's canonical reading back to the unit it is written in ("£31.1
    billion" read in USD, shown again in GBP), or None when it has none.

    >>> written_scale(Mention(0, 4, "17km", "length", 17.0, "kilometer",
    ...                       normalized={"value": 17000.0, "unit": "meter"}))
    0.001
    """
    norm = (mention.normalized or {}).get("value")
    value = mention.value
    if (not isinstance(value, (int, float)) or isinstance(value, bool) or not isinstance(norm, (int, float))
            or not value or not norm or not math.isfinite(value / norm)):
        return None
    return value / norm


def canonical(mention: Mention) -> tuple[float | None, float | None, float | None, str] | None:
    """(value, low, high, unit) of a mention in canonical units, or None if it has none.

    Uses the extractor's ``normalized`` dict; years and counts, which have nothing to normalise,
    stand as stated.
    """
    norm = mention.normalized or {}
    if "error" in norm:
        if mention.kind == "money" and mention.unit and norm.get("value") is None and (
                mention.value is not None or mention.low is not None or mention.high is not None):
            # an amount in a currency the bundled rates do not cover ("GH¢48,000") stands in its
            # own currency: it meets the other reports' amounts in that currency, and no other
            value = mention.value if isinstance(mention.value, (int, float)) else None
            return value, mention.low, mention.high, mention.unit
        return None
    if mention.kind == "date":
        return _date_interval(mention)
    if norm.get("value") is not None or norm.get("low") is not None or norm.get("high") is not None:
        unit = norm.get("unit") or mention.unit or _PLAIN_UNITS.get(mention.kind, "")
        return norm.get("value"), norm.get("low"), norm.get("high"), unit
    if mention.kind in ("count", "year", "other") or mention.unit is None:
        value = mention.value if isinstance(mention.value, (int, float)) else None
        if value is None and mention.low is None and mention.high is None:
            return None
        return value, mention.low, mention.high, _PLAIN_UNITS.get(mention.kind, mention.unit or "")
    return None


def _date_interval(mention: Mention) -> tuple[float | None, float | None, float | None, str] | None:
    """A date as day ordinals: "2019-04-25" is one day, "2019-04" a month, "2019" a year."""
    if not isinstance(mention.value, str):
        return None
    text = mention.value
    try:
        if len(text) == 10:
            day = float(date.fromisoformat(text).toordinal())
            return day, day, day, "day"
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:7])
            first = date(year, month, 1).toordinal()
            after = date(year + month // 12, month % 12 + 1, 1).toordinal()
            return None, float(first), float(after - 1), "day"
        if len(text) == 4:
            year = int(text)
            return None, float(date(year, 1, 1).toordinal()), float(date(year, 12, 31).toordinal()), "day"
    except ValueError:
        return None
    return None


def _precision(mention: Mention, value: float | None) -> float:
    """The stated rounding half-width, in canonical units."""
    p = mention.precision or 0.0
    if not p:
        return 0.0
    norm = mention.normalized or {}
    if isinstance(norm.get("precision"), (int, float)):
        return abs(float(norm["precision"]))  # already canonical
    if mention.kind == "money":
        stated = mention.value if isinstance(mention.value, (int, float)) else None
        if stated and value is not None:
            return abs(p * value / stated)  # money: the rate that normalised the value
        return p
    if mention.unit and mention.kind not in ("count", "year", "date", "other") and norm:
        try:
            return abs(scale_width(p, mention.unit))
        except Exception:  # noqa: BLE001 - a unit pint cannot scale: fall back to the stated width
            return p
    return p


def stated_precision(mention: Mention) -> float:
    """Half a unit of the figure's last written digit, in the mention's own unit.

    The extractor reads trailing zeros as rounding ("40" is +/-5); only an approximator's wording
    allows that, so a bare figure is held to its last digit.

    >>> stated_precision(Mention(0, 3, "40%", "ratio", 40.0, "percent", precision=5.0))
    0.5
    >>> stated_precision(Mention(0, 11, "$10 million", "money", 1e7, "USD", precision=5e6))
    500000.0
    >>> stated_precision(Mention(0, 6, "£3.4bn", "money", 3.4e9, "GBP", precision=5e7))
    50000000.0
    """
    p = mention.precision or 0.0
    value = mention.value
    if not p or not isinstance(value, (int, float)) or not value or not math.isfinite(p):
        return p
    match = next(iter(find_numbers(mention.text)), None)
    if match is None:
        return p
    try:
        if match.group("num"):
            numeral, numeral_p = parse_numeral(match.group("num"))
            last = 0.5 if numeral_p >= 0.5 else numeral_p  # decimals already end at their digit
        else:
            words = split_words(match.group("words"))
            numeral = words_value(words)
            last = 0.5 * _SCALE_WORDS.get(words[-1], 1.0)
    except (ValueError, KeyError, IndexError, ZeroDivisionError):
        return p
    if not numeral or not math.isfinite(numeral):
        return p
    # the scale words and units after the numeral multiply its last digit too
    return min(p, last * abs(float(value) / numeral))


def reading(mention: Mention) -> Reading | None:
    """The bounds and typical reading of one extracted mention, or None if it has no number.

    >>> m = Mention(0, 13, "around 10,000", "count", 10000.0, qualifier="approx", precision=500.0)
    >>> r = reading(m)
    >>> (r.low, r.high, r.typical_low, r.typical_high)
    (8500.0, 11500.0, 9500.0, 10500.0)
    >>> r = reading(Mention(0, 17, "tens of thousands", "count", None, low=10000, high=99999,
    ...                     qualifier="vague"))
    >>> (r.low, r.high, r.typical_low, r.typical_high)
    (10000.0, 99999.0, 10000.0, 99999.0)
    """
    found = canonical(mention)
    if found is None:
        return None
    value, low, high, unit = found
    p = _precision(mention, value)
    if p and mention.qualifier not in _ROUNDED:
        p *= stated_precision(mention) / (mention.precision or 1.0)
    if value is None or mention.qualifier in ("range", "vague"):
        lo = float(low) if low is not None else (float(value) if value is not None else -INF)
        hi = float(high) if high is not None else (float(value) if value is not None else INF)
        if lo == -INF and hi == INF:
            return None
        t_lo, t_hi = lo, hi
        if mention.qualifier == "vague":
            pass  # the span it names, as its mention shows it: one reading everywhere
        elif hi == INF:
            t_lo, t_hi = lo, lo * 2
        elif lo == -INF:
            t_lo, t_hi = hi / 2, hi
        return Reading(lo, hi, t_lo, t_hi, unit)
    v = float(value)
    q = mention.qualifier
    size = _CALENDAR_APPROX / BOUNDS["approx"][0] if mention.kind in ("year", "date") else abs(v)

    def spread(fraction: float) -> float:
        return max(p, fraction * size)  # inf * size stays inf: unbounded

    below, above = BOUNDS.get(q, (0.0, 0.0))
    t_below, t_above = TYPICAL.get(q, (0.0, 0.0))
    if q in _ROUNDED and (digits := written_digits(mention.text)) > _HEDGED_DIGITS:
        # "around $9,625": a writer who gives four digits hedges the last of them, not 5% of
        # the figure; each digit past the third narrows the reading tenfold
        narrow = 10.0 ** (_HEDGED_DIGITS - digits)
        t_below, t_above = t_below * narrow, t_above * narrow
    lo, hi = v - spread(below), v + spread(above)
    # a round figure reads as itself: "around 10,000" may be rounded to the ten thousand (bounds),
    # but a reader takes it as 9,500-10,500, so rounding widens the typical reading by 10% at most
    t_p = min(p, TYPICAL_ROUNDING_CAP * size)
    t_lo = v - max(t_p, t_below * size)
    t_hi = v + max(t_p, t_above * size)
    if q in _FLOORED:  # "more than 500" never reaches 499.5, whatever the rounding
        lo = t_lo = v
    if q in _CAPPED:
        hi = t_hi = v
    # the extractor's own interval, where it gives one, can only widen what the wording allows
    if low is not None:
        lo = min(lo, float(low))
    if high is not None:
        hi = max(hi, float(high))
    return Reading(lo, hi, max(t_lo, lo), min(t_hi, hi), unit)
