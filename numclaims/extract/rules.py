"""What follows and precedes a number: scale words, ranges, ratio and unit words.

Each function looks at the text right after (or before) a position and returns what it found
and where it ends, or None. The dimension decision itself is made in :mod:`.pipeline`.

>>> scale_after("€20m in aid", 3, money=True)
(1000000.0, 4, 'm')
>>> unit_after("a 17-km border", 4)
('kilometer', 'length', 7, 'km')
"""

from __future__ import annotations

import re

from numclaims.extract.lexicon import lexicon
from numclaims.extract.numbers import NUMERAL

RATIO_UNITS = {
    "%": "percent", "per cent": "percent", "percent": "percent", "pct": "percent",
    "percentage point": "percentage_point", "percentage points": "percentage_point",
    "basis point": "basis_point", "basis points": "basis_point", "bps": "basis_point",
}
_RATIO_RE = re.compile(
    r"(?:\s?(%)|[\s\-]?(?i:(percentage[\s\-]points?|per[\s\-]?cent|percent|pct|basis[\s\-]points?|bps)))(?![\w])"
)
# "5-10km", "5 to 10 million", "US$5m-US$10m", "between 5 and 10"
_RANGE_RE = re.compile(
    rf"\s*(?P<conn>-|\u2013|\u2014|to|and)\s*(?P<sign>US\$|S\$|HK\$|A\$|C\$|\$|£|€|¥|RM|Rs\.?)?\s?(?P<num>{NUMERAL})(?![\d.,]\d)"
)
_ORDINAL_RE = re.compile(r"(?:st|nd|rd|th)\b")
_ONE_IN_RE = re.compile(rf"\s+in\s+(?:every\s+)?(?P<num>{NUMERAL}|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
BETWEEN_RE = re.compile(r"(?i)\b(between|from)\s+$")


def scale_after(text: str, end: int, *, money: bool) -> tuple[float, int, str] | None:
    """A scale word right after ``end``: (multiplier, end of the word, surface).

    Abbreviations that are also units ("m") count only when ``money`` says a currency is there.
    """
    lex = lexicon()
    match = lex.scale_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1)
    entry = lex.scales_cs.get(surface) or lex.scales_ci.get(surface.lower())
    if entry is None:
        return None
    multiplier, needs = entry
    if needs == "money" and not money:
        return None
    return multiplier, match.end(), surface


def ratio_after(text: str, end: int) -> tuple[str, int] | None:
    """A per-cent or percentage-point word right after ``end``: (pint unit, end)."""
    match = _RATIO_RE.match(text, end)
    if match is None:
        return None
    surface = (match.group(1) or match.group(2)).lower()
    surface = re.sub(r"[\s\-]+", " ", surface).replace("per cent", "per cent")
    unit = RATIO_UNITS.get(surface) or RATIO_UNITS.get(surface.replace(" ", ""))
    if unit is None and surface.startswith("per"):
        unit = "percent"
    return (unit or "percent"), match.end()


def unit_after(text: str, end: int) -> tuple[str, str, int, str] | None:
    """A unit of measure right after ``end``: (pint unit, kind, end, surface)."""
    lex = lexicon()
    match = lex.unit_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1) or match.group(2)
    entry = lex.units_cs.get(surface) or lex.units_ci.get(re.sub(r"[\s\-]+", " ", surface.lower()))
    if entry is None:
        return None
    return entry.unit, entry.kind, match.end(), surface


def range_after(text: str, end: int) -> re.Match[str] | None:
    """The second figure of a range right after the first ("-10", " to 10", " and 10")."""
    return _RANGE_RE.match(text, end)


def is_ordinal(text: str, end: int) -> bool:
    return _ORDINAL_RE.match(text, end) is not None


def one_in_after(text: str, end: int) -> re.Match[str] | None:
    """"one in five": the denominator after "one"."""
    return _ONE_IN_RE.match(text, end)
