"""Years: a four-digit figure from 1500 to 2100 with no scale and no plural noun after it
("in 2011", "the 2013 estimate"), a decade ("the 1990s"), a span of years ("2018-2019"), and a
century by its ordinal ("built in the 12th century", "a 12th-century mosque": 1101 to 1200)."""

from __future__ import annotations

import functools
import re

from numclaims.extraction import rules as around
from numclaims.extraction.dimensions import Context, Draft, Rule, Scan
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.lexicon import alternation, lexicon, read_rows
from numclaims.extraction.textspans import SpanSet

_PLURAL_NOUN = re.compile(r"\s+[a-z][a-z]+s\b")
_DECADE = re.compile(r"'?s\b")
_FIRST, _LAST = 1500, 2100  # the years news text writes as bare four-digit figures


def year(ctx: Context, r: Reading) -> Draft | None:
    """"in 2011" is the year 2011; "the 1990s" the decade; "between 2010 and 2015" a span."""
    if r.words is not None or r.scale or not _is_year(ctx.text, r.surface, r.pos, r.start):
        return None
    if r.high_value is None:
        return _year(ctx.text, r.mention_start, r.pos, r.value)
    if _FIRST <= r.high_value <= _LAST:  # "2018-2019", "between 2010 and 2015"
        return Draft(r.mention_start, r.pos, "year", None, low=r.value, high=r.high_value, qualifier="range", precision=0.5)
    return None


def _is_year(text: str, surface: str, end: int, start: int) -> bool:
    """Is the figure ``surface`` at ``start`` a year, its reading ending at ``end`` (after the
    second year of "2016 to 2018")?"""
    if len(surface) != 4 or not surface.isdigit() or not _FIRST <= int(surface) <= _LAST:
        return False
    if _AFTER_PERCENT.search(text, max(0, start - _PERCENT_REACH), start) and _BRACKET_CLOSE.match(text, end):
        return False  # "53% (1684) of all deaths": the count the percentage is of, in its bracket
    if _DECADE.match(text, end):
        return True
    # "2,000 people" has a comma; "2000 people" is rare but counts, "the 2013 estimate" is a year;
    # and so is "In 2019 sales rose 5%", and a figure that opens a sentence (news style spells
    # out any other number there: "2019 sales rose")
    if _PLURAL_NOUN.match(text, end) is None:
        return True
    before = _WORD_BEFORE.search(text, max(0, start - _PREFIX_REACH), start)
    if before is not None:
        return before.group(1).lower() in _year_prefixes()
    return _SENTENCE_OPENS.search(text, max(0, start - 3), start) is not None


_PREFIX_REACH = 8
_AFTER_PERCENT = re.compile(r"\d\s?%\s*\(\s*$")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_PERCENT_REACH = 12
_WORD_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]+)\s+$")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n)\s*$")


@functools.cache
def _year_prefixes() -> frozenset[str]:
    return frozenset(w for row in read_rows("time_words.tsv") if row[1] == "year_prefix" for w in row[0].split(","))


def _year(text: str, start: int, end: int, value: float) -> Draft:
    decade = _DECADE.match(text, end)
    if decade and int(value) % 10 == 0:
        return Draft(start, decade.end(), "year", None, low=value, high=value + 9, qualifier="range", precision=5.0)
    return Draft(start, end, "year", value, low=value, high=value, precision=0.5)


@functools.cache
def _century_re() -> re.Pattern[str]:
    """"the 12th century", "a 12th-century mosque": the century words are units.tsv's (unit
    ``century``). An era after it ("5th century BC", "AD") is left unread rather than misread."""
    words = [surface for surface, entry in lexicon().units_ci.items() if entry.unit == "century"]
    return re.compile(
        rf"(?<![\w.,/-])(\d{{1,2}}){around.ORDINAL_SUFFIX}[\s-]+(?i:{alternation(words)})(?![\w-])"
        r"(?![ \u00a0][A-Z]{2,3}\b|[ \u00a0][A-Z]\.)"
    )


_CENTURY_STEM = "centur"  # what every century word starts with: a cheap test before the regex


def centuries(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"built in the 12th century" is the years 1101 to 1200 (a range of kind year)."""
    if _CENTURY_STEM not in ctx.folded:
        return []
    drafts = []
    for match in _century_re().finditer(ctx.text):
        number = int(match.group(1))
        if number == 0 or protected.overlaps(*match.span()):
            continue
        low, high = (number - 1) * 100 + 1, number * 100
        drafts.append(Draft(match.start(), match.end(), "year", None, low=float(low), high=float(high),
                            qualifier="range", precision=50.0))
    return drafts


rules = [Rule("<four-digit figure> (year, decade, span)", 70, year)]
scans = [Scan("<ordinal> century", centuries)]
