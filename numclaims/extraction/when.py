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
from numclaims.extraction.lexicon import alternation, calendar_names, number_names, read_rows
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
    record_re: re.Pattern[str]  # "its steepest weekly drop since October": a comparison, not a time
    span_re: re.Pattern[str]  # "in the 12 months to March 2022", "the first three months of the year"
    counts: dict[str, int]  # number words: "three" -> 3
    months: dict[str, int]  # month names -> 1..12
    code_re: re.Pattern[str]  # "Q3", "H1"
    codes: tuple[str, ...]
    phrase_re: re.Pattern[str]  # "last year", "the third quarter": any case
    prefix_re: re.Pattern[str]  # a prefix right before an expression
    name_re: re.Pattern[str]  # "March", "Friday": as written
    anchor: scan.Near  # where a phrase_re match can start, in scan.fold(text)
    name_anchor: re.Pattern[str]


@functools.cache
def _time_words() -> _TimeWords:
    phrases: dict[str, tuple[str, int]] = {}
    prefixes: dict[str, str] = {}
    records: list[str] = []
    ends: list[str] = []
    for phrase, period, number in read_rows("time_words.tsv"):
        if period == "prefix":
            prefixes.update((word, number) for word in phrase.split(","))
        elif period == "record":
            records.extend(phrase.split(","))
        elif period == "span":
            ends.extend(phrase.split(","))
        else:
            phrases[phrase] = (period, int(number))
    names = calendar_names()
    counting = set(number_names().counting)
    counts = {r[0]: int(float(r[1])) for r in read_rows("number_words.tsv") if r[0] in counting}
    month_names = alternation([n for n in names.months if len(n.rstrip(".")) > 2])
    count = r"(\d{1,2}|" + alternation(list(counts)) + r")"
    span_re = re.compile(
        r"(?i)(?<![\w-])(?:(?:" + alternation([w for w, role in prefixes.items() if role == "at"]) + r")\s+)?the\s+(?:"
        r"(?:" + count + r"\s+months?|(year))\s+(?:" + alternation(ends) + r")\s+(" + month_names + r")(?:\s+(\d{4}))?"
        r"|first\s+" + count + r"\s+months\s+of\s+(?:the\s+year|(\d{4})))(?![\w-])")
    # month and weekday names as written, capitalised, and not the three-letter ones: "may" is a
    # verb, "The Sun" a newspaper ("May" itself is a full name)
    named = [n for n in [*names.months, *names.weekdays] if len(n.rstrip(".")) > 3 or n in names.weekday_names
             or names.months.get(n) == 5]
    # "Q3", "H1": codes, as written; the other phrases in any case, "first quarter" and "first-quarter"
    codes = [p for p in phrases if _CODE.fullmatch(p)]
    code_re = re.compile(r"(" + alternation([c.upper() for c in codes]) + r")(?![\w-])")
    phrases_in_words = [p for p in phrases if p not in codes]
    phrase_re = re.compile(r"(?i)(?<![\w-])(?:the\s+)?(" + alternation(phrases_in_words).replace(r"\ ", r"[\s-]+")
                           + r")(?![\w-])")
    name_re = re.compile(r"(?<![\w-])(" + alternation(named) + r")(?![\w-])")
    prefix_re = re.compile(r"(?i)(?<![\w-])(" + alternation(list(prefixes)).replace(r"\ ", r"\s+") + r")\s+$")
    # where a match can start (see scan.py): a few letters before the last word of a phrase
    # ("last year", "the third quarter"), found with str.find; or a name, as written
    lasts = [p.split()[-1] for p in phrases_in_words]
    firsts = sorted({p.split()[0] for p in phrases_in_words} | {"the"})
    reach = max(len(p) - len(p.split()[-1]) for p in phrases_in_words) + len("the ")
    anchor = scan.Near(lasts, reach, re.compile(scan.by_first_char(firsts)))
    name_anchor = re.compile(scan.by_first_char(sorted(named, key=len, reverse=True)))
    record_re = re.compile(r"(?i)(?<![\w-])(?:" + alternation(records) + r")(?![\w-])[^,;.]*$")
    return _TimeWords(phrases, prefixes, record_re, span_re, counts, names.months, code_re,
                      tuple(c.upper() for c in codes), phrase_re, prefix_re,
                      name_re, anchor, name_anchor)


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
    for draft, after in zip(timed, [*timed[1:], None]):
        # "rose 2.4 percent, down from 3.7 percent in the second quarter": the time after a
        # change's start is the start's; "on record yesterday at 40.6C, beating the 40.4C set in
        # July 1947": a time after the next figure is that one's when one comes before
        limit = None
        if after is not None and (after.change == "start" and draft.change != "start" or draft.change is None):
            limit = after.start
        found = _nearest(draft, expressions, starts, ends, limit, strict=after is not None and after.change == "start")
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


def _nearest(draft: Draft, expressions: list[_Expression], starts: list[int], ends: list[int],
             limit: int | None = None, strict: bool = False) -> _Expression | None:
    """The first expression after the figure in its sentence (before ``limit``, or after it when
    no expression comes before the figure and ``strict`` is false), else the last before it (by
    bisection over the expressions' starts and the text's sentence ends)."""
    before = _before(draft, expressions, starts, ends)
    i = bisect.bisect_left(starts, draft.end)
    if i < len(expressions) and expressions[i].start <= draft.end + _AFTER_REACH and not _between(
            ends, draft.end, expressions[i].start) and (
            limit is None or expressions[i].start < limit or before is None and not strict):
        found = expressions[i]
        if found.basis and i + 1 < len(expressions) and not _between(ends, found.end, expressions[i + 1].start) \
                and expressions[i + 1].start <= found.end + _AFTER_REACH:
            return expressions[i + 1]  # "rose 3% year on year in May": May's figure
        return found
    return before


def _before(draft: Draft, expressions: list[_Expression], starts: list[int], ends: list[int]) -> _Expression | None:
    """The last expression before the figure in its sentence."""
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
            if _YEAR_MONTH.fullmatch(d.value):  # "in March 2022": the month
                year, month = int(d.value[:4]), int(d.value[5:])
                period = (dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
            else:
                try:
                    day = dt.date.fromisoformat(d.value)
                except ValueError:
                    continue
                period = (day, day)
            found.append(_prefixed(text, d.start, d.end, period, published, words))
    # a figure inside a time phrase is no figure of its own there ("in the last 24 hours", "more
    # than a month ago": durations)
    taken = SpanSet([(d.start, d.end) for d in drafts if d.kind != "duration"])
    durations = [(d.start, d.end) for d in drafts if d.kind == "duration"]
    timed_durations = SpanSet(durations)
    matches = [*scan.finditer(words.phrase_re, text, [(words.anchor, folded)]),
               *scan.finditer(words.name_re, text, [(words.name_anchor, text)]),
               *_codes(text, folded, words)]
    for match in matches:
        if taken.overlaps(*match.span()) or timed_durations.overlaps(*match.span()) and not all(
                match.start() >= end or start >= match.end() or match.start() <= start and end <= match.end()
                or start < match.start() < end < match.end() for start, end in durations):
            continue  # inside a date ("April 25") or a figure
        try:
            period = _resolve(_key(match), published, words)
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
            if expression is not None and words.phrases.get(_key(match), ("",))[0] == "past":
                expression = dataclasses.replace(expression, basis=True)
            found.append(expression)
    spans = _spans(text, folded, published, words)
    found = [e for e in found if e is not None and not any(e.start < s.end and s.start < e.end for s in spans)]
    found.extend(spans)
    found.sort(key=lambda e: e.start)
    return found


_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_CODE = re.compile(r"[a-z]\d")
_WORD_CHAR = re.compile(r"[\w-]")



def _codes(text: str, folded: str, words: _TimeWords) -> list[re.Match[str]]:
    """The "Q3" and "H1" of the text, each a whole word in capitals (found by ``str.find`` in the
    folded text, which is quick to read: they are rare)."""
    found = []
    for code in words.codes:
        for at in _find_all(folded, code.lower()):
            if (at == 0 or not _WORD_CHAR.match(text, at - 1)) and (match := words.code_re.match(text, at)):
                found.append(match)
    return found


def _key(match: re.Match[str]) -> str:
    """The time_words.tsv key of a phrase match: with its "the" when that is a key of its own
    ("the last week", the seven days to the publication date, is not "last week")."""
    phrases = _time_words().phrases
    if match.start(1) > match.start():  # "the last week"
        full = " ".join(scan.fold(match.group()).split())
        if full in phrases:
            return full
    key = " ".join(scan.fold(match.group(1)).split())
    return key if key in phrases else key.replace("-", " ")  # "first-quarter"


def _spans(text: str, folded: str, published: dt.date | None, words: _TimeWords) -> list[_Expression]:
    """The periods named by their length and end: "in the 12 months to March 2022", "the year to
    September 2014", "in the first three months of the year"."""
    found: list[_Expression] = []
    hits = [i for key in _SPAN_KEYS for i in _find_all(folded, key)]
    if not hits:
        return found
    seen: set[int] = set()
    for hit in sorted(hits):
        for match in words.span_re.finditer(text, max(0, hit - 40), min(len(text), hit + 60)):
            if match.start() in seen:
                continue
            seen.add(match.start())
            number, year_word, month, year, first, first_year = match.groups()
            if published is None and not (year or first_year):
                found.append(_Expression(match.start(), match.end(), match.group(), None,
                                         f"'{match.group()}' is not placed in time: no publication date"))
                continue
            if first is not None:
                count = _count(first, words)
                on_year = int(first_year) if first_year else published.year
                if not 1 <= count <= 12:
                    continue
                period = (dt.date(on_year, 1, 1), dt.date(on_year, count, calendar.monthrange(on_year, count)[1]))
            else:
                count = 12 if year_word else _count(number, words)
                end_month = words.months.get(month) or words.months.get(month.capitalize())
                if end_month is None or not 1 <= count <= 120:
                    continue
                end_year = int(year) if year else published.year if end_month <= published.month else published.year - 1
                index = end_year * 12 + end_month - count  # the first month, counted from 0
                start_year, start_month = divmod(index, 12)
                if start_year < dt.MINYEAR:
                    continue
                period = (dt.date(start_year, start_month + 1, 1),
                          dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1]))
            found.append(_Expression(match.start(), match.end(), match.group(), period))
    return found


# where a span can be: "12 months to", "the year ended", "the first three months of"
_SPAN_KEYS = (" months to ", " month to ", " months end", " months of ", "year to ", "year end")


def _find_all(text: str, key: str) -> list[int]:
    out, at = [], text.find(key)
    while at >= 0:
        out.append(at)
        at = text.find(key, at + 1)
    return out


def _count(word: str, words: _TimeWords) -> int:
    return int(word) if word.isdigit() else words.counts.get(word.lower(), 0)


_PREFIX_REACH = 24  # "by the end of 2030"
_RECORD_REACH = 40


def _prefixed(text: str, start: int, end: int, period: tuple[dt.date, dt.date] | None, published: dt.date | None,
              words: _TimeWords) -> _Expression | None:
    """The expression with the word before it: "since 2020" runs to the publication date, "by
    2035" from it (a target), "from a year ago" is a comparison's basis; None for a record's
    comparison ("the lowest since 1885")."""
    prefix = words.prefix_re.search(text, max(0, start - 8), start)
    if prefix is None and text.endswith("of ", 0, start):  # "by the end of 2030"
        prefix = words.prefix_re.search(text, max(0, start - _PREFIX_REACH), start)
    if prefix is None or period is None:
        return _Expression(start, end, text[start:end], period)
    role = words.prefixes[" ".join(scan.fold(prefix.group(1)).split())]
    if role == "previous":  # "last Friday" is before today, "last June" before this month
        if period[0] == period[1] == published:
            period = (period[0] - dt.timedelta(days=7), period[1] - dt.timedelta(days=7))
        elif published is not None and period[0] <= published <= period[1] and period[0].year > dt.MINYEAR:
            first = period[0].replace(year=period[0].year - 1)
            period = (first, first.replace(day=calendar.monthrange(first.year, first.month)[1]))
        return _prefixed(text, prefix.start(1), end, period, published, words)
    if role == "since" and words.record_re.search(text, max(0, prefix.start(1) - _RECORD_REACH), prefix.start(1)):
        return None  # "its steepest weekly drop since October", "the second lowest since 1885"
    if role == "basis":  # "up 5.4% from a year ago": the comparison's basis, to the publication date
        if published is not None and period[0] <= published:
            period = (period[0], published)
        return _Expression(prefix.start(1), end, text[prefix.start(1):end], period, basis=True)
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
    if period in ("past", "recent"):
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
