"""A figure and what surrounds it, read once for every dimension (Duckling's Numeral, on which
every dimension builds): the numeral or number words, a currency sign or a unit written
before it, a minus, a scale word, and a range's second figure.

>>> from numclaims.extraction import scan
>>> from numclaims.extraction.numbers import find_numbers
>>> text = "NZ$5-NZ$10 million"
>>> ctx = Context(text, None, None, scan.fold(text))
>>> r = read_figure(ctx, next(find_numbers(text)))
>>> (r.mention_start, r.pos, r.value, r.high_value, r.currency_code)
(0, 18, 5000000.0, 10000000.0, 'NZD')
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from numclaims.extraction import frames, money, rules
from numclaims.extraction.dimensions import Context
from numclaims.extraction.lexicon import alternation, number_names, read_rows
from numclaims.extraction.numbers import (
    SIGN_RULED_OUT, SIGN_WORDS, ZERO_RULED_OUT, parse_numeral, split_words, words_precision, words_value,
)

_NAMES = number_names()
_SCALE_WORDS = frozenset([*_NAMES.times, *_NAMES.scales])
_DIGIT_BEFORE = re.compile(r"\d\s*$")
_BY_BEFORE = re.compile(r"(?i)\bby\s+$")
_PLUS_BEFORE = re.compile(r"(?<![\w+])\+$")  # a plus sign, not "1+1" or "C++"
# A sign written as a word right before the figure: "minus 1,200,000", "negative five hundred".
_SIGN_WORD_BEFORE = re.compile(rf"(?i)(?:(\w+)\s+)?(?<![\w-])({alternation(SIGN_WORDS)})\s+$")


@dataclass(slots=True)
class Reading:
    """A figure as read before its dimension is decided; rules read it and may move ``pos``."""

    start: int  # the numeral itself
    end: int
    surface: str
    words: list[str] | None  # the number words, lower-cased; None for a digit numeral
    value: float  # scale applied
    precision: float
    mention_start: int  # sign, unit or minus before the numeral included
    pos: int  # where what is read so far ends
    scale: tuple[float, int, str] | None
    high_value: float | None  # a range's second figure
    currency_code: str | None  # from a sign before the figure
    currency_surface: str
    prefix_unit: tuple[str, str, int] | None  # "magnitude 6.1"
    notes: list[str] = field(default_factory=list)
    tolerance: float | None = None  # "5 ± 0.2 kg": the stated half-width
    guessed_group: str | None = None  # "85 cents" with no hint: the group its currency was guessed from


_DASHES = ("-", "\u2013", "\u2014")  # a range's dash: "from" before it opens a change's start, no range
_CLOCK_DIGITS = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_WORD_AFTER = re.compile(r"[^\S\n]+([A-Za-z]+)\b")
_ZONE_SHAPE = re.compile(r"[A-Z]{1,2}[SD]T")  # "EDT", "CST"


def _zone_after(text: str, end: int) -> bool:
    """Is the word after ``end`` a time zone ("0030 GMT", "1400 EDT"; time_words.tsv's zone rows)?"""
    word = _WORD_AFTER.match(text, end)
    return word is not None and (word.group(1) in _zones() or _ZONE_SHAPE.fullmatch(word.group(1)) is not None)


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(z for row in read_rows("time_words.tsv") if row[1] == "zone" for z in row[0].split(","))


def read_figure(ctx: Context, match: re.Match[str]) -> Reading | None:
    """The figure of a :func:`~numclaims.extraction.numbers.find_numbers` match with its sign,
    scale and range read; None when it is no figure (a code, "24/7", an ordinal, overflow)."""
    text = ctx.text
    start, end = match.span()
    if match.group("num"):
        surface = match.group("num")
        value, precision = parse_numeral(surface)
        words: list[str] | None = None
    else:
        surface = match.group("words")
        words = split_words(surface)
        if words[0] in _SCALE_WORDS and _DIGIT_BEFORE.search(text, max(0, start - 4), start):
            # the scale of a figure that was rejected ("999...9 thousand tonnes" overflowing a
            # float, "1.2.3 million"): alone it would misreport the figure as 1,000 tonnes
            return None
        if words[0] in ZERO_RULED_OUT and _zero_ruled_out(text, start, end, ZERO_RULED_OUT[words[0]]):
            return None  # "ground zero", "zero tolerance"
        value = words_value(words)
        precision = words_precision(value) if math.isfinite(value) else math.inf
    if not math.isfinite(value):
        return None  # "10^400 digits" or "hundred" x 200 overflows a float: no honest value
    if words is None and _CLOCK_DIGITS.fullmatch(surface) and _zone_after(text, end):
        return None  # "as of 0030 GMT": a time of day, read by the time expressions

    # Left side: currency sign (or a unit written first: "magnitude 6.1"), "between", qualifier.
    sign = money.currency_before(text, start)
    prefix_unit = None
    if sign is None and words is None:
        sign = money.sign_in_context(text, start, end)  # "N410 to the dollar", "R50 million"
        if sign is None:
            prefix_unit = rules.unit_before(text, start)
            if prefix_unit is not None and value < 0 and text[start - 1].isalpha():
                value = -value  # "magnitude-7.0": the numeral's "-" is a hyphen, not a minus
    score = words is None and _second_of_a_score(text, start, end)
    if score:
        # "won 3-1", "a 24-17 loss", "a 5-4 ruling": a hyphen, not a minus, between two figures
        # that fall (a range rises), so the second is a figure of its own
        start, surface, value = start + 1, surface[1:], -value
    elif words is None and _glued_to_word(text, start, sign is not None or prefix_unit is not None):
        return None
    nxt = text[end : end + 2]
    if words is None and len(nxt) == 2 and nxt[0] in "/," and nxt[1].isdigit():
        # "62,5km", "€7,2 million" (a decimal comma), "1/4 inch", "2/1000 kilograms": read
        # where a unit, scale or currency follows; else "24/7", "1,0000" are no figures
        tail = _COMMA_DECIMAL.match(text, end) if nxt[0] == "," else _SLASH_FRACTION.match(text, end)
        if tail is None or "," in surface or "." in surface or not _quantity_follows(text, tail.end()):
            return None
        if nxt[0] == ",":
            value, precision = parse_numeral(f"{surface}.{tail.group(1)}")
        else:
            if float(tail.group(1)) == 0:
                return None
            value, precision = value / float(tail.group(1)), 0.5 / float(tail.group(1))
        end = tail.end()
    elif words is None and len(nxt) == 2 and nxt[0] in ".:" and nxt[1].isdigit():
        return None  # "1.2.3", "10:30"
    elif words is None and value == int(value) and (mixed := _MIXED_FRACTION.match(text, end)) is not None and (
            0 < int(mixed.group(1)) < int(mixed.group(2)) and _quantity_follows(text, mixed.end())):
        value += int(mixed.group(1)) / int(mixed.group(2))  # "2 1/2 in"
        precision, end = 0.5 / int(mixed.group(2)), mixed.end()
    if words is None and rules.is_ordinal(text, end):
        return None

    mention_start = sign[1] if sign else prefix_unit[2] if prefix_unit else start
    if mention_start == start and _PLUS_BEFORE.search(text, max(0, start - 2), start):
        mention_start -= 1  # "from +336,000 to +264,000", "412 (+211) seats": the sign is the figure's, as a minus is
    negative = sign is not None and money.negative_before(text, sign[1])  # "-$5 million"
    if negative:
        mention_start -= 1
    sign_word = None if negative or value <= 0 else _SIGN_WORD_BEFORE.search(
        text, max(0, mention_start - 24), mention_start)
    if sign_word is not None and (sign_word.group(1) or "").lower() in SIGN_RULED_OUT.get(
            sign_word.group(2).lower(), ()):
        sign_word = None  # "tested negative three times"

    # Right side: a tolerance, scale, range.
    pos = end
    tolerance = _TOLERANCE.match(text, pos)
    stated_tolerance = None
    if tolerance is not None:  # "5 ± 0.2 kg": the stated precision
        stated_tolerance = precision = parse_numeral(tolerance.group(1))[0]
        pos = tolerance.end()
    money_context = sign is not None or _currency_follows(text, end)
    scale = rules.scale_after(text, pos, money=money_context)
    if scale is not None and len(scale[2]) == 1 and (unit := rules.unit_after(text, pos)) is not None and (
            unit[2] > scale[1]):
        scale = None  # "692,000 k/ph": a unit that starts with a scale letter is the longer reading
    if scale is None and sign is None:
        scale = money.code_scale_after(text, pos)  # "3 MUSD": the code is read by the money rules
    mult1 = 1.0
    if scale:
        mult1, pos = scale[0], scale[1]
    high_value: float | None = None
    between = rules.BETWEEN_RE.search(text, max(0, mention_start - 10), mention_start)
    rng = rules.range_after(text, pos)
    if rng and rng.group("conn") == "to" and (
            _BY_BEFORE.search(text, max(0, mention_start - 4), mention_start) or frames.states_change(text, mention_start)) and (
            rng.group("sign") or scale and rules.scale_after(text, rng.end(), money=True)
            or value > 0 and parse_numeral(rng.group("num"))[0] >= _LEVEL_OVER_DELTA * value * mult1):
        # "grew by $12.1 billion to $310.5 billion", "gained $14 to $2,340", "the Coalition down
        # one to 38%": a change and a level, not a range ("rose 5 to 10 percent", the unit
        # written once, stays a range; a level is at least _LEVEL_OVER_DELTA times its change)
        rng = None
    opener = frames.start_opener(text, mention_start) if rng and rng.group("conn") == "to" else None
    if opener is not None and (frames.states_change(text, opener) or frames.change_in_clause(text, opener) == "up"):
        # "rose from $32m to $34m", "jumped 12.2 percent year over year, from $181,300 to
        # $203,500", "revised up sharply, from an initial estimate of 130,000 to 168,000": a
        # start and a level, not a range (a rise to the larger; "reduced from 44 mg to 50 mg",
        # against its verb, stays a range)
        rng = None
    # "between 5 and 10": "and" joins a range only after "between" ("up from 6.29 million and
    # 7.54 million" are two starts)
    # ("from $3,500 in 2014 to $6,000": a second bound with a currency sign the first lacks is
    # another figure, no range's end)
    if rng and rng.group("sign") is not None and sign is None:
        rng = None
    if rng and (rng.group("conn") != "and" or between and between.group(1).lower() == "between"):
        value2, precision2 = parse_numeral(rng.group("num"))
        pos2 = rng.end()
        scale2 = rules.scale_after(text, pos2, money=money_context or rng.group("sign") is not None)
        mult2 = scale2[0] if scale2 else mult1
        # "5 to 10 million": the first figure takes the second's scale, if the range holds ("in
        # 2019 to 5 million" is a year and a figure, not 2019 million)
        shared = mult1 if scale else mult2
        if scale2:
            pos2 = scale2[1]
        if math.isfinite(value2) and value2 * mult2 > value * shared and not rules.is_ordinal(text, rng.end()):
            mult1 = shared
            high_value = value2 * mult2
            precision = max(precision * mult1, precision2 * mult2) / mult1
            pos = pos2
            if between and (between.group(1).lower() == "between" or rng.group("conn") not in _DASHES):
                mention_start = between.start(1)  # "from 5 to 10", "between 5 and 10"; not "from 4.25%-4.5%", a start
    value *= mult1
    precision *= mult1
    if sign_word is not None and high_value is None:  # "minus 5 to 10" is left as it was
        negative, mention_start = True, sign_word.start(2)
    if negative and high_value is None:
        value = -value
    return Reading(
        start, end, surface, words, value, precision, mention_start, pos, scale, high_value,
        sign[0] if sign else None, text[sign[1] : start].strip() if sign else "", prefix_unit,
        tolerance=None if stated_tolerance is None else stated_tolerance * mult1,
    )


_LEVEL_OVER_DELTA = 4
_COMMA_DECIMAL = re.compile(r",(\d{1,2})(?![\d,.])")
_SLASH_FRACTION = re.compile(r"/(\d{1,4})(?![\d/.,])")
_MIXED_FRACTION = re.compile(r"[ \u00a0](\d{1,2})/(\d{1,2})(?![\d/.,])")
_TOLERANCE = re.compile(r"\s?(?:±|\+/-|\+-)\s?(\d+(?:\.\d+)?)(?![\d.])")
_OF_AFTER = re.compile(r"\s+of\b")


# the surfaces of units_marked.tsv ("2 1/2 in"): whether they are a unit there, the measure rule decides
_MARKED_UNIT = re.compile(r" ?(?:" + alternation([r[0] for r in read_rows("units_marked.tsv") if r[0] != "next"]) + r")(?!\w)")


def _quantity_follows(text: str, end: int) -> bool:
    """Does a unit, a scale word, a currency or "of" follow ("62,5km", "1/4 inch", "1/40 of")?"""
    return (rules.unit_after(text, end) is not None or rules.scale_after(text, end, money=True) is not None
            or _MARKED_UNIT.match(text, end) is not None
            or money.currency_after(text, end) is not None or rules.ratio_after(text, end) is not None
            or _OF_AFTER.match(text, end) is not None)


_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_WORD_AFTER = re.compile(r"[\s-]+(\w+)")


def _zero_ruled_out(text: str, start: int, end: int, ruled_out: tuple[tuple[str, ...], ...]) -> bool:
    """Is a zero word part of a set phrase ("ground zero", "zero tolerance")?"""
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    after = _WORD_AFTER.match(text, end)
    return (before is not None and before.group(1).lower() in ruled_out[0]) or (
        after is not None and after.group(1).lower() in ruled_out[1])


_SCORE_FIRST = re.compile(r"(?<![\w.,/:\-\u2013])(\d{1,3})$")
_SCORE_SECOND = re.compile(r"[-\u2013](0|[1-9]\d{0,2})")
_SCORE_NEXT = re.compile(r"[-\u2013/.,:]?\d")


def _second_of_a_score(text: str, start: int, end: int) -> bool:
    """Is the numeral at ``start`` ("-1") the second half of a score or tally ("3-1", "24-17",
    "1-1"): whole figures of up to three digits joined by a hyphen, the second no larger than
    the first, no date or code going on ("25-12-2019") and no unit after ("10-5 km" is no score)?"""
    second = _SCORE_SECOND.fullmatch(text, start, end)
    if second is None or start == 0 or not text[start - 1].isdigit():
        return False
    first = _SCORE_FIRST.search(text, max(0, start - 4), start)
    return (first is not None and int(first.group(1)) >= int(second.group(1))
            and _SCORE_NEXT.match(text, end) is None and rules.unit_after(text, end) is None
            and rules.ratio_after(text, end) is None and rules.scale_after(text, end, money=True) is None
            and money.currency_after(text, end) is None)


def _glued_to_word(text: str, start: int, has_sign: bool) -> bool:
    """Digits inside a name or code: "G7", "Covid-19", "MH17", "2019/04", "v1.2", "#1"."""
    if start == 0:
        return False
    prev = text[start - 1]
    if prev.isalnum() or prev == "_":
        return not has_sign
    if prev == "," and start >= 2 and text[start - 2].isdigit():
        return True  # the rest of a malformed figure: "$1,0000 million" is not 0 million
    if prev in "-/.#@\\" and start >= 2 and (text[start - 2].isalnum() or text[start - 2] in "/#"):
        return not ((prev == "\\" or prev == ".") and has_sign)  # "Rs.72.63 crore": the sign's stop
    return False


def _currency_follows(text: str, end: int) -> bool:
    """Is there a currency name after the number and an optional scale ("20m euros")?"""
    scale = rules.scale_after(text, end, money=True)
    return money.currency_after(text, scale[1] if scale else end) is not None
