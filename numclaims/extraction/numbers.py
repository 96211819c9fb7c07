"""Numbers as written: digit numerals ("1,000", "1 000", "24.78", "−5") and number words
("two hundred and fifty", "a dozen", "half a million"), with the precision they imply.

>>> parse_numeral("10,000")
(10000.0, 5000.0)
>>> parse_numeral("24.78")
(24.78, 0.005)
>>> words_value(["two", "hundred", "and", "fifty"])
250.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from numclaims.extraction import scan
from numclaims.extraction.lexicon import alternation, lexicon, number_names, read_rows

# Thousands groups may be separated by a comma, a non-breaking or thin space, or a plain space
# ("1 000"); the lookaheads stop "2019 100" or "1,2345" from being read as one number.
_GROUP_SEP = "[,\u00a0\u202f\u2009\u200b ]"
# Indian grouping ("1,23,45,678": lakhs and crores in pairs of digits, the last group of three)
# comes first: read Western-style, its first group would end the number at "1".
_INDIAN_GROUPS = r"\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?"
# Scientific notation: "1.2e10", "6.02 x 10^23", "2.48×10−5", "10⁶" (a caret, "**", a superscript
# or a true minus sign marks the power, so that "4 x 10" or "2 x 10 metres" stay two figures).
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SCIENTIFIC = (
    r"\d+(?:\.\d+)?[eE][+\-]?\d{1,3}(?![\w.])"
    rf"|(?:\d+(?:\.\d+)?\s?[x×]\s?)?10(?:(?:\^|\*\*)[+\-\u2212]?\d{{1,3}}|\u2212\d{{1,3}}|⁻?[{_SUPERSCRIPTS}]+)(?![\d.])"
)
# European grouping with a decimal comma ("1.000,5 euros"): never an English number
_EUROPEAN = r"\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d,])"
# A whole number and a fraction sign ("3¼ kg"); the signs are number_words.tsv's "vulgar" rows
_VULGAR = "".join(r[0] for r in read_rows("number_words.tsv") if r[2] == "vulgar")
NUMERAL = (
    r"(?:(?<!%)[\-\u2212](?=\d))?"  # not the hyphen of a range after a sign ("5.25%-5.50%")
    rf"(?:{_SCIENTIFIC}|{_EUROPEAN}|{_INDIAN_GROUPS}|\d{{1,3}}(?:{_GROUP_SEP}\d{{3}})+(?![\d])(?:\.\d+)?"
    rf"|\d+[{_VULGAR}]|\d+(?:\.\d+)?|(?<![A-Za-z])\.\d+)"  # not the stop of "Rs.72.63"
)

# Every number word comes from number_words.tsv, by role (and by its fourth column's flag).
_NAMES = number_names()
_ROWS = read_rows("number_words.tsv")


def _words(column: int, name: str) -> list[str]:
    return [r[0] for r in _ROWS if len(r) > column and r[column] == name]


_ZERO_WORDS, _POINT_WORDS, SIGN_WORDS = _words(2, "zero"), _words(2, "point"), _words(2, "sign")
# For each sign word, the words that rule it out right before it ("tested negative three times").
SIGN_RULED_OUT = {r[0]: tuple(r[3].split()) for r in _ROWS if r[2] == "sign" and len(r) > 3}
# For each zero word, the words that rule it out right before and after it ("ground zero",
# "zero tolerance").
ZERO_RULED_OUT = {
    r[0]: tuple(tuple(side.split()) for side in (r[3] + "|").split("|")[:2])
    for r in _ROWS if r[2] == "zero" and len(r) > 3
}
_WORD_NUMBERS = list(_NAMES.counting)
_LATER = set(_words(3, "after")) | set(_words(3, "a"))  # never the first word of a number
_TIMES = [w for w in _NAMES.times if w not in _LATER]
_SCALES = [w for w in _NAMES.scales if w not in _LATER]
_WORD_SCALES = alternation([*_TIMES, *_SCALES])
_NW = alternation(_WORD_NUMBERS + [*_TIMES, *_SCALES])
# Words that continue a number but never start one: "three billions", "two hundred dozens".
_AFTER = alternation(_words(3, "after"))
_WITH_A = alternation(_words(3, "a"))
_ZEROS = alternation(_ZERO_WORDS)
_DIGIT_WORDS = alternation([*_NAMES.units, *_ZERO_WORDS])
_POINT = alternation(_POINT_WORDS)
# A share of a scale: "a quarter million", "a half-million".
_SHARES = alternation(list(_NAMES.shares))
# "two hundred and fifty thousand", "forty-five", "a dozen", "half a million", "a million",
# "a hundred and two", "a quarter million", "a half-million", "one and a half million",
# "three billions", "a pair", "zero", "two point two million", "nought point five"
WORDS = (
    rf"(?:(?:half\s+an?\s+|an?\s+(?:(?:{_SHARES})[\s-]+)?)(?:{_WORD_SCALES})|an?\s+(?:{_WITH_A})|(?:{_NW})|(?:{_ZEROS}))"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_NW}|{_AFTER})|\s+and\s+an?\s+half(?![\w-])"
    rf"|\s+(?:{_POINT})(?:\s+(?:{_DIGIT_WORDS}))+)*\b"
)
# "1 point 1": a decimal point written as a word between two digit runs.
_POINT_NUMERAL = rf"\d+\s(?:{_POINT})\s\d+(?![\d.,]\d)"

NUMBER_RE = re.compile(rf"(?P<num>{_POINT_NUMERAL}|{NUMERAL})|(?i:\b(?P<words>{WORDS}))")
# Where a NUMBER_RE match can start (see scan.py): a digit, or a sign or point before one ...
_NUMERAL_ANCHOR = re.compile(r"[\d\-\u2212.](?:(?<=\d)|(?=\d))")
# ... or, in the folded text, a whole number word, "half " or "a million".
_WORDS_ANCHOR = re.compile(scan.by_first_char([
    *(rf"{word}(?!\w)" for word in [*_WORD_NUMBERS, *_TIMES, *_SCALES, *_ZERO_WORDS]),
    r"half\s",
    # one branch for both "a" forms: re tries the article once ("a million", "a dozen", "a pair")
    rf"an?\s+(?:(?:(?:{_SHARES})[\s-]+)?(?:{_WORD_SCALES})|(?:{_WITH_A})(?!\w))",
]))

_POINT_WORD_RE = re.compile(rf"\s(?:{_POINT})\s")
_SEPARATORS = str.maketrans({",": None, "\u00a0": None, "\u202f": None, "\u2009": None, "\u200b": None, " ": None, "\u2212": "-"})
_SCIENTIFIC_RE = re.compile(
    rf"(?:(?P<mantissa>\d+(?:\.\d+)?)(?:[eE](?P<e>[+\-]?\d+)|\s?[x×]\s?10))?"
    rf"(?:10)?(?:(?:\^|\*\*)(?P<caret>[+\-\u2212]?\d+)|\u2212(?P<minus>\d+)|(?P<sup>⁻?[{_SUPERSCRIPTS}]+))?$"
)
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS + "⁻", "0123456789-")
_VULGAR_VALUES = {r[0]: float(r[1]) for r in read_rows("number_words.tsv") if r[2] == "vulgar"}


def find_numbers(text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
    """The matches of :data:`NUMBER_RE` in ``text``, as ``finditer`` gives them (see scan.py);
    ``folded`` is ``scan.fold(text)`` if the caller has it.

    >>> [m.group() for m in find_numbers("Two hundred and fifty, 1,000 or half a million")]
    ['Two hundred and fifty', '1,000', 'half a million']
    """
    folded = scan.fold(text) if folded is None else folded
    return scan.finditer(NUMBER_RE, text, [(_NUMERAL_ANCHOR, text), (_WORDS_ANCHOR, folded)])


def parse_numeral(surface: str) -> tuple[float, float]:
    """The value of a digit numeral and its precision (half a unit of the last stated digit).

    Trailing zeros of an integer are read as rounding: "10,000" is +/-5,000, "17" is +/-0.5.

    >>> parse_numeral("1 000")
    (1000.0, 500.0)
    >>> parse_numeral("−5")
    (-5.0, 0.5)
    """
    if " " in surface and _POINT_WORD_RE.search(surface):
        surface = _POINT_WORD_RE.sub(".", surface)  # "1 point 1"
    if surface[-1] in _VULGAR_VALUES:  # "3¼"
        whole = float(surface[:-1].replace("\u2212", "-"))
        fraction = _VULGAR_VALUES[surface[-1]]
        return whole - fraction if whole < 0 else whole + fraction, fraction / 2
    if "," in surface and "." in surface and surface.rfind(",") > surface.rfind("."):  # "1.000,5"
        surface = surface.replace(".", "").replace(",", ".")
    elif not surface.replace(",", "").replace(".", "").lstrip("-\u2212").isdecimal() and (
            scientific := _scientific(surface)) is not None:
        return scientific
    digits = surface.translate(_SEPARATORS)
    value = float(digits)
    if "." in digits:
        decimals = len(digits) - digits.index(".") - 1
        return value, 0.5 * 10.0 ** -min(decimals, 324)
    stripped = digits.lstrip("-")
    zeros = len(stripped) - len(stripped.rstrip("0")) if stripped.strip("0") else 0
    if zeros > 308:
        return value, math.inf  # absurdly long figures: the caller drops non-finite readings
    return value, 0.5 * 10.0**zeros


def _scientific(surface: str) -> tuple[float, float] | None:
    """"1.2e10", "6.02 x 10^23", "2.48×10−5", "10⁶": the value, and half a unit of the
    mantissa's last digit times the power."""
    sign = -1.0 if surface[0] in "-\u2212" else 1.0
    match = _SCIENTIFIC_RE.match(surface.lstrip("-\u2212"))
    if match is None:
        return None
    mantissa = match.group("mantissa") or "1"
    power = match.group("e") or match.group("caret") or match.group("minus") and "-" + match.group("minus")
    if match.group("sup"):
        power = match.group("sup").translate(_FROM_SUPERSCRIPT)
    if power is None:
        return None
    exponent = int(power.replace("\u2212", "-"))
    if abs(exponent) > 308:
        return math.inf, math.inf
    decimals = len(mantissa) - mantissa.index(".") - 1 if "." in mantissa else 0
    scale = 10.0 ** exponent
    return float(f"{sign * float(mantissa) * scale:.12g}"), float(f"{0.5 * 10.0**-decimals * scale:.12g}")


def words_value(words: list[str]) -> float:
    """The value of a sequence of number words (already lower-cased and split).

    >>> words_value(["half", "a", "million"])
    500000.0
    >>> words_value(["forty", "five", "thousand"])
    45000.0
    >>> words_value(["a", "quarter", "million"]), words_value(["one", "and", "a", "half", "million"])
    (250000.0, 1500000.0)
    >>> words_value(["a", "thousand", "million"]), words_value(["one", "million", "two", "hundred", "thousand"])
    (1000000000.0, 1200000.0)
    >>> words_value(["two", "point", "two", "million"]), words_value(["three", "thousand", "millions"])
    (2200000.0, 3000000000.0)
    >>> words_value(["one", "twenty", "two"]), words_value(["twenty", "two"]), words_value(["one", "hundred", "twenty"])
    (122.0, 22.0, 120.0)
    """
    table = lexicon().number_words
    total = 0.0
    current = 0.0
    fraction = 1.0
    last_scale = math.inf
    decimals = 0  # after "point": the digits of the decimal part
    previous = ""  # the role of the last word read
    for word in words:
        if word in ("and", "a", "an"):
            previous = ""
            continue
        role = table.get(word, (0, ""))[1]
        if role in ("ten", "teen") and previous in ("unit", "teen") and current and not decimals:
            # "one twenty two" (122), "nineteen eighty-four" (1984): the hundreds left unsaid
            current = current * 100 + table[word][0]
            previous = role
            continue
        previous = role
        if word in _POINT_WORDS:
            decimals = 1
            continue
        if decimals and word not in _NAMES.scales and word not in _NAMES.times:  # "nought point five"
            current += table[word][0] * 10.0**-decimals
            decimals += 1
            continue
        if table.get(word, (0, ""))[1] == "fraction":
            if current:  # "one and a half million": the share adds to the figure before it
                current += table[word][0]
            else:  # "half a million", "a quarter million": a share of the scale after it
                fraction = table[word][0]
            continue
        if word in _NAMES.times:  # "two hundred", "three dozen"
            current = (current or 1.0) * _NAMES.times[word]
        elif word in _NAMES.scales:
            decimals = 0
            scale = _NAMES.scales[word]
            if not current and total and scale > last_scale:
                total *= scale  # "a thousand million": the larger scale multiplies the figure
            else:
                total += (current or 1.0) * scale
            current, last_scale = 0.0, scale
        else:
            current += table[word][0]
    return (total + current) * fraction


def words_precision(value: float) -> float:
    """Number words state a round figure: half a unit of its last non-zero digit."""
    magnitude = abs(value)
    if magnitude == 0 or magnitude != int(magnitude):
        return 0.5 if magnitude >= 1 else 0.05
    zeros = 0
    while magnitude % 10 == 0 and magnitude >= 10:
        magnitude /= 10
        zeros += 1
    return 0.5 * 10.0**zeros


def split_words(surface: str) -> list[str]:
    """Number words as the lexicon spells them: "nıne" (dotless i) matches NUMBER_RE, which
    ignores case, so it is folded to "nine" rather than lower-cased."""
    return re.split(r"[\s\-]+", scan.fold(surface).strip())
