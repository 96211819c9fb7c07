"""When a figure holds (``Mention.when``): the period a time expression in its sentence names,
resolved against the publication date: ``{"start": ISO date, "end": ISO date, "text": "last
year"}``. Years ("in 2013") and dates ("on April 25") are the year and date mentions of the
text; the relative words ("last year", "in the third quarter", "on Friday", "since 2020", "by
2035") are time_words.tsv's, month and weekday names calendar.tsv's. An expression that needs
the publication date and has none leaves ``when`` null with a note; nothing here raises.

>>> import datetime as dt
>>> from numclaims import extract
>>> [(m.text, m.when) for m in extract("Profit rose 5% last year", published="2019-04-25")]
[('5%', {'start': '2018-01-01', 'end': '2018-12-31', 'text': 'last year'})]
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from numclaims.extraction import scan
from numclaims.extraction.dimensions import Draft
from numclaims.extraction.lexicon import alternation, calendar_names, read_rows
from numclaims.extraction.textspans import SpanSet

#: The kinds that get a ``when``: not dates, years or ages (which are times themselves).
TIMED_KINDS = frozenset({
    "money", "ratio", "count", "other", "points", "length", "mass", "area", "volume", "energy", "power",
    "temperature", "duration", "storage", "speed", "pressure", "fuel_economy", "frequency",
})


@dataclass(frozen=True)
class _Expression:
    start: int
    end: int
    text: str
    period: tuple[dt.date, dt.date] | None  # None: it needs the publication date
    note: str | None = None
    basis: bool = False  # the basis of a comparison ("year on year"): any other time wins


@dataclass(frozen=True)
class _TimeWords:
    phrases: dict[str, tuple[str, int]]
    prefixes: dict[str, str]
    phrase_re: re.Pattern[str]  # "last year", "the third quarter": any case
    prefix_re: re.Pattern[str]  # a prefix right before an expression
    name_re: re.Pattern[str]  # "March", "Friday": as written
    anchor: scan.Near  # where a phrase_re match can start, in scan.fold(text)
    name_anchor: re.Pattern[str]


@functools.cache
def _time_words() -> _TimeWords:
    phrases: dict[str, tuple[str, int]] = {}
    prefixes: dict[str, str] = {}
    for phrase, period, number in read_rows("time_words.tsv"):
        if period == "prefix":
            prefixes.update((word, number) for word in phrase.split(","))
        else:
            phrases[phrase] = (period, int(number))
    names = calendar_names()
    # month and weekday names as written, capitalised, and not the three-letter ones: "may" is a
    # verb, "The Sun" a newspaper ("May" itself is a full name)
    named = [n for n in [*names.months, *names.weekdays] if len(n.rstrip(".")) > 3 or n in names.weekday_names
             or names.months.get(n) == 5]
    phrase_re = re.compile(r"(?i)(?<![\w-])(?:the\s+)?(" + alternation(list(phrases)).replace(r"\ ", r"\s+") + r")(?![\w-])")
    name_re = re.compile(r"(?<![\w-])(" + alternation(named) + r")(?![\w-])")
    prefix_re = re.compile(r"(?i)(?<![\w-])(" + alternation(list(prefixes)) + r")\s+$")
    # where a match can start (see scan.py): a few letters before the last word of a phrase
    # ("last year", "the third quarter"), found with str.find; or a name, as written
    lasts = [p.split()[-1] for p in phrases]
    firsts = sorted({p.split()[0] for p in phrases} | {"the"})
    reach = max(len(p) - len(p.split()[-1]) for p in phrases) + len("the ")
    anchor = scan.Near(lasts, reach, re.compile(scan.by_first_char(firsts)))
    name_anchor = re.compile(scan.by_first_char(sorted(named, key=len, reverse=True)))
    return _TimeWords(phrases, prefixes, phrase_re, prefix_re, name_re, anchor, name_anchor)


def attach(text: str, drafts: list[Draft], published: dt.date | None, folded: str | None = None) -> None:
    """Set ``when`` on each figure of ``drafts`` that a time expression of its sentence places."""
    timed = [d for d in drafts if d.kind in TIMED_KINDS]
    if not timed:
        return
    expressions = _expressions(text, drafts, published, scan.fold(text) if folded is None else folded)
    if not expressions:
        return
    starts = [e.start for e in expressions]
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    for draft in timed:
        found = _nearest(draft, expressions, starts, ends)
        if found is None:
            continue
        if found.period is None:
            if found.note:
                draft.ambiguities.append(found.note)
            continue
        draft.when = {"start": found.period[0].isoformat(), "end": found.period[1].isoformat(), "text": found.text}


_SENTENCE_END = re.compile(r"[.;!?\n](?=\s|$)")
_AFTER_REACH = 60  # an expression after the figure ("fell 1.4% on Friday") within this many characters
_BEFORE_REACH = 160


def _nearest(draft: Draft, expressions: list[_Expression], starts: list[int], ends: list[int]) -> _Expression | None:
    """The first expression after the figure in its sentence, else the last before it (by
    bisection over the expressions' starts and the text's sentence ends)."""
    i = bisect.bisect_left(starts, draft.end)
    if i < len(expressions) and expressions[i].start <= draft.end + _AFTER_REACH and not _between(ends, draft.end, expressions[i].start):
        found = expressions[i]
        if found.basis and i + 1 < len(expressions) and not _between(ends, found.end, expressions[i + 1].start) \
                and expressions[i + 1].start <= found.end + _AFTER_REACH:
            return expressions[i + 1]  # "rose 3% year on year in May": May's figure
        return found
    j = bisect.bisect_left(starts, draft.start) - 1
    while j >= 0 and expressions[j].end > draft.start:
        j -= 1  # an expression that overlaps the figure is not before it
    if j >= 0 and expressions[j].end >= draft.start - _BEFORE_REACH and not _between(ends, expressions[j].end, draft.start):
        return expressions[j]
    return None


def _between(ends: list[int], start: int, end: int) -> bool:
    """Does a sentence end fall in ``[start, end)``?"""
    k = bisect.bisect_left(ends, start)
    return k < len(ends) and ends[k] < end


def _expressions(text: str, drafts: list[Draft], published: dt.date | None, folded: str) -> list[_Expression]:
    words = _time_words()
    found: list[_Expression] = []
    for d in drafts:  # years and dates are expressions of their own
        if d.kind == "year":
            low, high = d.low if d.low is not None else d.value, d.high if d.high is not None else d.value
            if isinstance(low, float) and isinstance(high, float) and dt.MINYEAR <= low <= high <= dt.MAXYEAR:
                period = (dt.date(int(low), 1, 1), dt.date(int(high), 12, 31))
                found.append(_prefixed(text, d.start, d.end, period, published, words))
        elif d.kind == "date" and isinstance(d.value, str):
            try:
                day = dt.date.fromisoformat(d.value)
            except ValueError:
                continue
            found.append(_prefixed(text, d.start, d.end, (day, day), published, words))
    taken = SpanSet([(d.start, d.end) for d in drafts])
    matches = [*scan.finditer(words.phrase_re, text, [(words.anchor, folded)]),
               *scan.finditer(words.name_re, text, [(words.name_anchor, text)])]
    for match in matches:
        if taken.overlaps(*match.span()):
            continue  # inside a date ("April 25") or a figure
        try:
            period = _resolve(match.group(1), published, words)
        except (ValueError, OverflowError):  # "last year" published in year 1: before the calendar
            period = _OUT_OF_RANGE
        if period is _UNPLACED:
            found.append(_Expression(match.start(), match.end(), match.group(),
                                     None, f"'{match.group().strip()}' is not placed in time: no publication date"))
            continue
        if period is _OUT_OF_RANGE:
            found.append(_Expression(match.start(), match.end(), match.group(), None,
                                     f"'{match.group().strip()}' falls outside the calendar"))
        elif period is not None:
            expression = _prefixed(text, match.start(), match.end(), period, published, words)
            if words.phrases.get(" ".join(scan.fold(match.group(1)).split()), ("",))[0] == "past":
                expression = dataclasses.replace(expression, basis=True)
            found.append(expression)
    found.sort(key=lambda e: e.start)
    return found


def _prefixed(text: str, start: int, end: int, period: tuple[dt.date, dt.date] | None, published: dt.date | None,
              words: _TimeWords) -> _Expression:
    """The expression with the word before it: "since 2020" runs to the publication date, "by
    2035" from it (a target)."""
    prefix = words.prefix_re.search(text, max(0, start - 8), start)
    if prefix is None or period is None:
        return _Expression(start, end, text[start:end], period)
    role = words.prefixes[scan.fold(prefix.group(1))]
    if role == "since":
        if published is None:
            return _Expression(prefix.start(1), end, text[prefix.start(1):end], None,
                               f"'{text[prefix.start(1):end]}' runs to the publication date, which is not given")
        period = (period[0], max(period[0], published))
    elif role == "by":
        if published is None:
            return _Expression(prefix.start(1), end, text[prefix.start(1):end], None,
                               f"'{text[prefix.start(1):end]}' runs from the publication date, which is not given")
        period = (min(published, period[1]), period[1])
    return _Expression(prefix.start(1), end, text[prefix.start(1):end], period)


_UNPLACED = object()
_OUT_OF_RANGE = object()


def _resolve(phrase: str, published: dt.date | None, words: _TimeWords) -> object:
    """The period of a relative phrase, a month or a weekday; ``_UNPLACED`` without a date."""
    key = " ".join(scan.fold(phrase).split())  # fold: "ın" matches the pattern too
    names = calendar_names()
    if published is None:
        return _UNPLACED
    if key in words.phrases:
        period, number = words.phrases[key]
        return _relative(period, number, published)
    if phrase in names.months or phrase.capitalize() in names.months:
        month = names.months.get(phrase) or names.months[phrase.capitalize()]
        year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    weekday = names.weekdays.get(phrase) or names.weekdays.get(phrase.capitalize())
    if weekday is not None:
        back = (published.weekday() - names.weekday_names.index(weekday)) % 7
        day = published - dt.timedelta(days=back)
        return day, day
    return None


def _relative(period: str, number: int, on: dt.date) -> tuple[dt.date, dt.date]:
    if period == "day":
        day = on + dt.timedelta(days=number)
        return day, day
    if period == "past":
        return on - dt.timedelta(days=number), on
    if period == "week":
        monday = on - dt.timedelta(days=on.weekday()) + dt.timedelta(weeks=number)
        return monday, monday + dt.timedelta(days=6)
    if period == "year":
        return dt.date(on.year + number, 1, 1), dt.date(on.year + number, 12, 31)
    if period == "month":
        index = on.year * 12 + on.month - 1 + number
        year, month = divmod(index, 12)
        return dt.date(year, month + 1, 1), dt.date(year, month + 1, calendar.monthrange(year, month + 1)[1])
    if period == "quarter":
        index = on.year * 4 + (on.month - 1) // 3 + number
        year, quarter = divmod(index, 4)
        return _months(year, quarter * 3 + 1, 3)
    span = 3 if period == "q" else 6
    first = (number - 1) * span + 1
    year = on.year if dt.date(on.year, first, 1) <= on else on.year - 1
    return _months(year, first, span)


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    last = first + count - 1
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
