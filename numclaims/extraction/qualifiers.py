"""Qualifiers turn a stated figure into the interval the wording implies.

"more than US$500 million" is [5e8, none]; "about 1.5 per cent" is 1.5 widened by its stated
precision; "nearly 60 years" is just below 60.

>>> interval(500e6, 5e7, "more_than")
(500000000.0, None)
>>> interval(60, 5, "nearly")
(54.0, 60)
"""

from __future__ import annotations

import re

from numclaims.extraction.lexicon import calendar_names, lexicon
from numclaims.extraction.scan import fold

_APPROX_SHARE = 0.05  # "about X" allows at least +/-5% ...
_ROUNDING_CAP = 0.10  # ... and the stated rounding, but a round "10,000" does not mean +/-50%


def qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    """The qualifier that ends right before ``start`` and where it begins, if any."""
    window_start = max(0, start - 24)
    match = lexicon().qualifier_before_re.search(text, window_start, start)
    if match is None:
        return None
    phrase = fold(match.group(1) or match.group(2))  # fold, not lower(): "ſome" matches "some"
    if phrase in lexicon().qualifier_nouns and _of_a_day(text, match.start()):
        return None  # "from Wednesday's close to 0.715 percent": that day's close, a noun
    if phrase in lexicon().qualifier_particles and (
            _after_particle_verb(text, match.start()) or _START_AFTER.match(text, start)):
        # "ticked up to 62.6%": the level participation moved to; "revised its estimate of
        # growth up to 0.7% from 0.6%": a change's level, its start after it
        return None
    if phrase in lexicon().qualifier_prepositions and _last_word_in(text, match.start(), lexicon().preposition_verbs):
        return None  # "spread over 75 acres", "paid over 10 years": a place or a time, no bound
    if phrase in lexicon().qualifier_verbs:
        return lexicon().qualifiers_before[phrase], start  # "topped 50 mph": the text is "50 mph"
    return lexicon().qualifiers_before[phrase], match.start()


def _of_a_day(text: str, start: int) -> bool:
    """Is the word before ``start`` a weekday's or a month's possessive ("Wednesday's ")? (Not
    "the company's close to 300 staff".)"""
    match = _POSSESSIVE.search(text, max(0, start - _POSSESSIVE_REACH), start)
    if match is None:
        return False
    names = calendar_names()
    return match.group(1) in names.weekdays or match.group(1) in names.months


def _after_particle_verb(text: str, start: int) -> bool:
    """Is the word right before ``start`` a verb whose "up" says which way it went ("ticked")?"""
    return _last_word_in(text, start, lexicon().particle_verbs)


def _last_word_in(text: str, start: int, words: frozenset[str]) -> bool:
    match = _LAST_WORD.search(text, max(0, start - _POSSESSIVE_REACH), start)
    return match is not None and fold(match.group(1)) in words


_START_AFTER = re.compile(r"\S+(?:\s+[A-Za-z%]+){0,3}\s+from\s+\S{0,4}\d")
_LAST_WORD = re.compile(r"([A-Za-z]+)\s+$")
_POSSESSIVE = re.compile(r"(?<![\w.])([A-Z][a-z]+\.?)['’]s\s+$")
_POSSESSIVE_REACH = 16


def qualifier_after(text: str, end: int) -> tuple[str, int] | None:
    """A qualifier written after the figure ("10,000 or more", "5,000-odd") and where it ends."""
    match = lexicon().qualifier_after_re.match(text, end)
    if match is None:
        return None
    phrase = fold(match.group(1))
    if phrase in ("+", "plus") and text[end:end + 1] == " ":
        return None  # "5 + 3" is arithmetic, "5 plus tax" is not a bound
    return lexicon().qualifiers_after[phrase], match.end()


def approx_halfwidth(value: float, precision: float) -> float:
    """How far "about X" reaches: the stated rounding (capped) or 5% of X, whichever is wider."""
    magnitude = abs(value)
    return max(min(precision, _ROUNDING_CAP * magnitude), _APPROX_SHARE * magnitude)


def interval(value: float, precision: float, qualifier: str) -> tuple[float | None, float | None]:
    """The [low, high] a qualified figure allows; ``None`` is an unbounded side."""
    if qualifier in ("more_than", "at_least"):
        return value, None
    if qualifier in ("less_than", "at_most", "up_to"):
        return None, value
    if qualifier == "approx":
        width = approx_halfwidth(value, precision)
        return value - width, value + width
    if qualifier == "nearly":
        width = max(min(precision, _ROUNDING_CAP * abs(value)), _ROUNDING_CAP * abs(value))
        return value - width, value
    return value, value
