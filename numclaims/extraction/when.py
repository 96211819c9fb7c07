"""When a figure holds (``Mention.when``): the period a time expression in its sentence names,
resolved against the publication date: ``{"start": ISO date, "end": ISO date, "text": "last
year"}``. Years ("in 2013") and dates ("on April 25") are the year and date mentions of the
text; the relative words ("last year", "in the third quarter", "on Friday", "since 2020", "by
2035") are time_words.tsv's, month and weekday names calendar.tsv's; so are clock times ("As of
11 a.m.", the day their sentence names, else the publication day), "so far", "now", seasons and
"11 years ago". A weekday or a month after a word of the future ("is expected to come ashore on
Wednesday") is the next one, not the last. A time holds for the figures of its own clause: not
past "and" and another verb ("joined Dortmund in 2020, aged 16, and scored 24 goals"), nor for a
figure before a comparison's basis ("1.6 points more than it won in 2019", "beating the record of
38,957.44 set on December 29, 1989"); and a basis ("from a year earlier") is only a change's
period. An expression that needs the publication date and has none leaves ``when`` null with a
note; nothing here raises.

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
    "temperature", "duration", "storage", "speed", "pressure", "fuel_economy", "frequency", "magnitude",
})


@dataclass(frozen=True)
class _Expression:
    start: int
    end: int
    text: str
    period: tuple[dt.date, dt.date] | None  # None: it needs the publication date
    note: str | None = None
    basis: bool = False  # the basis of a comparison ("year on year"): any other time wins
    comparison: bool = False  # "from a year earlier", "than a month ago": a change's period only
    clock: bool = False  # "at 5:00 p.m.": the day its sentence names, else the publication day
    own: tuple[int, tuple[dt.date, dt.date]] | None = None  # "since 2001": where "2001" starts, and its period
    part: tuple[int, int, int] | None = None  # "the first quarter": where its words start, its first month, its months
    to_date: bool = False  # "so far": cuts a period next to it that holds the publication date at that date


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
    future_re: re.Pattern[str]  # "is expected to", "will": a weekday or month after them is ahead
    past_re: re.Pattern[str]  # a past tense between such a word and the name: "will meet, said on Monday"
    comparison_re: re.Pattern[str]  # "than", "beating", "short of": a basis between a figure and a time
    change_comparison_re: re.Pattern[str]  # "from": the same, for a figure of a change
    coordinated_re: re.Pattern[str]  # "and scored": another clause
    subordinate_re: re.Pattern[str]  # "until", "when": a clause of its own figure
    clock_re: re.Pattern[str]  # "11 a.m.", "5:00 p.m. CDT", "22:11:00 UTC", "0030 GMT", "noon"
    sentence_end_re: re.Pattern[str]  # a sentence's end: not the full stop of "a.m. Monday", "St. Petersburg"
    dotted: frozenset[str]  # the titles and abbreviations whose full stop sentence_end_re may pass over
    since_event_re: re.Pattern[str]  # "since its trough in ": "since" before the time of an event
    ago_re: re.Pattern[str]  # "ago" after a duration
    clock_keys: tuple[str, ...]  # what str.find looks for where a clock time may be
    financial_start: int  # the month a financial year begins ("2024-25": April 2024 to March 2025)
    not_financial_re: re.Pattern[str]  # "season" after "2023-24": a sports season, no financial year
    next_span_re: re.Pattern[str]  # "the next five years", "the past three months"
    ahead_words: frozenset[str]  # "next", "coming": the span runs from the publication date
    span_words: tuple[str, ...]  # where next_span_re may match, found with str.find
    own_year_re: re.Pattern[str]  # " of the year" after "the first quarter": the year it is read in
    contract_re: re.Pattern[str]  # " gold futures" after "December": a contract's month, no time
    span_keys: tuple[str, ...]  # where span_re may match, found with str.find
    span_lengths: dict[str, int]  # "year" -> 12, "quarter" -> 3: a period named by its length in months
    span_days: dict[str, int]  # "week" -> 7: a period named by its length in days, ended on a day
    # ", and" right before a time: it opens another clause ("cancelled another 1,300 flights, and
    # today it has already cancelled another 600": today is the 600's)
    clause_opened_re: re.Pattern[str]


@functools.cache
def _time_words() -> _TimeWords:
    phrases: dict[str, tuple[str, int]] = {}
    prefixes: dict[str, str] = {}
    records: list[str] = []
    ends: list[str] = []
    lengths: dict[str, int] = {}
    day_lengths: dict[str, int] = {}
    lists: dict[str, list[str]] = {}
    for phrase, period, number in read_rows("time_words.tsv"):
        if period == "prefix":
            prefixes.update((word, number) for word in phrase.split(","))
        elif period == "record":
            records.extend(phrase.split(","))
        elif period == "span":
            ends.extend(phrase.split(","))
        elif period == "span_length":
            lengths[phrase] = int(number)
        elif period == "span_days":
            day_lengths[phrase] = int(number)
        elif period in LIST_ROLES:
            lists.setdefault(period, []).extend(phrase.split(","))
        else:
            phrases[phrase] = (period, int(number))
    names = calendar_names()
    counting = set(number_names().counting)
    counts = {r[0]: int(float(r[1])) for r in read_rows("number_words.tsv") if r[0] in counting}
    month_names = alternation([n for n in names.months if len(n.rstrip(".")) > 2])
    count = r"(\d{1,2}|" + alternation(list(counts)) + r")"
    # "the first three months of this year", "... of last year": the years the phrases name
    whole_years = [p for p, (period, _) in phrases.items() if period == _YEAR_PERIOD]
    span_re = re.compile(
        r"(?i)(?<![\w-])(?:(?:" + alternation([w for w, role in prefixes.items() if role == "at"]) + r")\s+)?the\s+(?:"
        r"(?:" + count + r"\s+months?|(" + alternation(list(lengths)) + r")|(" + alternation(list(day_lengths))
        + r"))\s+(?:" + alternation(ends).replace(r"\ ", r"\s+") + r")\s+(?:in\s+)?(?:(\d{1,2})\s+)?("
        + month_names + r")(?:\.(?=\s+\d))?(?:\s+(\d{1,2})(?!\d))?(?:,?\s+(\d{4}))?"
        r"|first\s+" + count + r"\s+months\s+of\s+(?:the\s+year|(\d{4})|(" + alternation(whole_years).replace(r"\ ", r"\s+")
        + r")))(?![\w-])")
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
    # a phrase whose last word is short and common ("the day", "so far") is found whole, not at
    # every "day" of "Monday" and "today"
    lasts = [p if " " in p and len(p.split()[-1]) <= _SHORT_LAST else p.split()[-1] for p in phrases_in_words]
    firsts = sorted({p.split()[0] for p in phrases_in_words} | {"the"})
    reach = max(len(p) - len(last) for p, last in zip(phrases_in_words, lasts)) + len("the ")
    anchor = scan.Near(lasts, reach, re.compile(scan.by_first_char(firsts)))
    name_anchor = re.compile(scan.by_first_char(sorted(named, key=len, reverse=True)))
    record_re = re.compile(r"(?i)(?<![\w-])(?:" + alternation(records) + r")(?![\w-])[^,;.]*$")

    def words_re(role: str) -> re.Pattern[str]:  # searched in scan.fold(text)
        return re.compile(r"(?<![\w'’-])(?:" + alternation(lists[role]).replace(r"\ ", r"\s+") + r")(?![\w'’-])")

    # a clause of its own: "and" or "but" and a verb ("and scored", "and is expected"); a past
    # participle is one whatever its stem ("and provided"), but not "hundred"
    from numclaims.extraction.frames import verbs  # frames needs nothing from here
    coordinated_re = re.compile(
        r"(?<![\w-])(?:" + alternation(lists["coordinator"]) + r")\s+(?:"
        + alternation(sorted(verbs() - {"up", "down"})) + r"|(?!hundred\b)[a-z]{2,}(?<!e)ed)(?![\w'’-])")
    # a time zone: "CDT", "EST" by their shape, "GMT", "ET" as listed
    zone = r"(?:[A-Z]{1,2}[SD]T|" + alternation(lists["zone"]) + r")(?![\w-])"
    clock_re = re.compile(
        r"(?<![\w:.,])(?:(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?\s?(?:[ap]\.m\.|[ap]m(?![\w.])|[AP]M(?![\w.]))"
        r"|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?\s?(?=" + zone + r")"
        r"|(?:[01]\d|2[0-3])[0-5]\d\s?(?=" + zone + r")"  # "as of 0030 GMT"
        r"|(?:" + alternation(lists["clock"]) + r")(?![\w-]))"
        r"(?:\s?" + zone + r")?")
    # a full stop that ends no sentence: after a title ("St. Petersburg"), or after a letter of
    # "a.m." or "U.S." or a listed abbreviation ("Dec.", "Corp.") when a small letter, a digit, a
    # weekday or a zone follows (each a lookbehind of its own length, tried at full stops only)
    def after(words: list[str]) -> str:
        return "|".join(r"(?<=(?<![\w.])" + re.escape(w) + r"\.)" for w in sorted(set(words), key=len, reverse=True))

    goes_on = r"\s+(?:[a-z0-9(]|(?:" + alternation(list(names.weekday_names)) + r")\b|" + zone + r")"
    letters = r"(?<=(?<![\w.])[A-Za-z]\.[A-Za-z]\.)"  # "a.m.", "U.S."
    sentence_end_re = re.compile(r"[.;!?\n](?=\s|$)(?!" + after(lists["title"]) + r")(?!(?:"
                                 + after(lists["abbreviation"]) + "|" + letters + r")" + goes_on + r")")
    since = alternation([w for w, role in prefixes.items() if role == "since"]).replace(r"\ ", r"\s+")
    joints = alternation([*(w for w, role in prefixes.items() if role == "at" and " " not in w), "of"])
    since_event_re = re.compile(r"(?i)(?<![\w-])(" + since + r")\s+(?:" + alternation(lists["determiner"])
                                + r")\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:" + joints + r")\s+$")
    not_comparison = alternation(lists["not_comparison"]).replace(r"\ ", r"\s+")
    comparison_re = re.compile(r"(?<![\w'’-])(?!" + not_comparison + r")(?:"
                               + alternation(lists["comparison"]).replace(r"\ ", r"\s+") + r")(?![\w'’-])")
    return _TimeWords(phrases, prefixes, record_re, span_re, counts, names.months, code_re,
                      tuple(c.upper() for c in codes), phrase_re, prefix_re,
                      name_re, anchor, name_anchor, words_re("future"), words_re("past_tense"), comparison_re,
                      words_re("change_comparison"), coordinated_re, words_re("subordinator"), clock_re,
                      sentence_end_re, frozenset([*lists["title"], *lists["abbreviation"]]),
                      since_event_re, re.compile(r"\s+(?:" + alternation(lists["ago"]) + r")(?![\w-])"),
                      (*_MERIDIEM, *(z.lower() for z in lists["zone"] if len(z) > 2), *lists["clock"]),
                      names.months[lists["financial_year_start"][0]],
                      re.compile(r"(?i)\s+(?:" + alternation(lists["not_financial_year"]) + r")(?![\w-])"),
                      re.compile(r"(?i)(" + alternation([*lists["ahead_span"], *lists["behind_span"]])
                                 + r")\s+" + count + r"\s+(years?|months?|weeks?|days?)(?![\w-])"),
                      frozenset(lists["ahead_span"]), (*lists["ahead_span"], *lists["behind_span"]),
                      re.compile(r"(?i)\s+of\s+(?:" + alternation(lists["own_year"]).replace(r"\ ", r"\s+")
                                 + r")(?![\w-])"),
                      re.compile(r"(?i)\s+(?:" + alternation(lists["contract"]).replace(r"\ ", r"\s+") + r")(?![\w-])"),
                      (*sorted({unit + end.split()[0] for unit in (*_SPAN_UNITS, *(f"{w} " for w in [*lengths, *day_lengths]))
                                for end in ends}), _SPAN_FIRST), lengths, day_lengths,
                      re.compile(r",\s*(?:" + alternation(lists["coordinator"]) + r")\s+(?:the\s+)?$"))


_SHORT_LAST = 3


#: time_words.tsv rows that are word lists, not periods (see its header); "span" rows join a
#: span to its end ("to the end of") and are read on their own, before these
LIST_ROLES = frozenset({"span", "future", "past_tense", "comparison", "change_comparison", "not_comparison",
                        "coordinator", "subordinator", "clock", "zone", "abbreviation", "title", "determiner",
                        "ago", "financial_year_start", "not_financial_year", "ahead_span", "behind_span",
                        "own_year", "contract", "year_prefix", "run", "awaited"})


def attach(text: str, drafts: list[Draft], published: dt.date | None, folded: str | None = None) -> None:
    """Set ``when`` on each figure of ``drafts`` that a time expression of its sentence places."""
    timed = [d for d in drafts if d.kind in TIMED_KINDS]
    if not timed:
        return
    folded = scan.fold(text) if folded is None else folded
    ends = _sentence_ends(text)
    expressions = _expressions(text, drafts, published, folded, ends)
    if not expressions:
        return
    # the count of "11 years ago" is the time's, no figure of its own
    timed = [d for d in timed if d.kind != "duration" or not any(
        e.start <= d.start and d.end < e.end for e in expressions)]
    starts = [e.start for e in expressions]
    spans = sorted((d.start, d.end) for d in drafts)
    place = _Place(text, folded, expressions, starts, ends, [a for a, _ in spans], [b for _, b in spans], _time_words())
    for draft, after in zip(timed, [*timed[1:], None]):
        # "rose 2.4 percent, down from 3.7 percent in the second quarter": the time after a
        # change's start is the start's; "on record yesterday at 40.6C, beating the 40.4C set in
        # July 1947": a time after the next figure is that one's when one comes before
        limit = None
        if after is not None and (after.change == "start" and draft.change != "start" or draft.change is None):
            limit = after.start
        found = _nearest(draft, place, limit, strict=after is not None and after.change == "start")
        if found is None:
            continue
        if found.period is None:
            if found.note:
                draft.ambiguities.append(found.note)
            continue
        draft.when = {"start": found.period[0].isoformat(), "end": found.period[1].isoformat(), "text": found.text}


@dataclass(frozen=True)
class _Place:
    """What placing a figure reads: the text, its expressions (and their starts), its sentence
    ends and the starts of all its figures."""
    text: str
    folded: str
    expressions: list[_Expression]
    starts: list[int]
    ends: list[int]
    figure_starts: list[int]
    figure_ends: list[int]
    words: _TimeWords

    def in_figure(self, at: int) -> bool:
        """Is ``at`` inside a figure ("than" of "more than 450,000")?"""
        k = bisect.bisect_right(self.figure_starts, at) - 1
        return k >= 0 and self.figure_ends[k] > at


_AFTER_REACH = 60  # an expression after the figure ("fell 1.4% on Friday") within this many characters
_BEFORE_REACH = 160


def _sentence_ends(text: str) -> list[int]:
    """Where the sentences of ``text`` end: not at the full stop of an abbreviation that the
    sentence goes on after ("As of 11 a.m. Monday", "at 5:00 p.m. CDT", "on Dec. 29, 1989")."""
    words = _time_words()
    longest = max(map(len, words.dotted))
    ends = []
    # sentence_end_re's lookbehinds are tried only after a single letter or a listed word: its
    # dozens of them at every full stop were a tenth of the time of placing figures in time
    for mark in _SENTENCE_MARK.finditer(text):
        at = mark.start()
        if text[at] == ".":
            tail = text[max(0, at - longest - 1):at]
            k = len(tail)
            while k and tail[k - 1].isalpha():
                k -= 1
            word = tail[k:]
            if (len(word) == 1 or word in words.dotted) and words.sentence_end_re.match(text, at) is None:
                continue
        ends.append(at)
    return ends


_SENTENCE_MARK = re.compile(r"[.;!?\n](?=\s|$)")  # where sentence_end_re may match


def _nearest(draft: Draft, place: _Place, limit: int | None = None, strict: bool = False) -> _Expression | None:
    """The first expression after the figure in its clause (before ``limit``, or after it when
    no expression comes before the figure and ``strict`` is false), else the last before it (by
    bisection over the expressions' starts and the text's sentence ends)."""
    expressions, ends = place.expressions, place.ends
    before = _before(draft, place)
    i = bisect.bisect_left(place.starts, draft.end)
    if i < len(expressions) and expressions[i].start <= draft.end + _AFTER_REACH and not _between(
            ends, draft.end, expressions[i].start) and (
            limit is None or expressions[i].start < limit or before is None and not strict) and _takes(
            draft, expressions[i], place) and _same_clause_after(draft, expressions[i], place):
        found = expressions[i]
        if found.basis and i + 1 < len(expressions) and not _between(ends, found.end, expressions[i + 1].start) \
                and expressions[i + 1].start <= found.end + _AFTER_REACH \
                and "," not in place.text[found.end:expressions[i + 1].start]:
            return expressions[i + 1]  # "rose 3% year on year in May": May's figure
        if (found.basis or found.comparison) and before is not None:
            # "output in the three months to June rose 6% from a year earlier": the basis of a
            # comparison gives way to the time its clause names before the figure
            return before
        return _for(draft, found, place)
    if before is None and i < len(expressions) and _WHEN_CLAUSE.match(place.folded, draft.end) \
            and not _between(ends, draft.end, expressions[i].start):
        # "the highest fee ever paid for an A-League player is $2.2m AUD, when Spiranovic moved
        # from Western Sydney to the Chinese Super League back in 2015": the clause dates it
        return _for(draft, expressions[i], place)
    return before


def _before(draft: Draft, place: _Place) -> _Expression | None:
    """The last expression before the figure in its sentence that is the figure's: not a
    comparison's basis for a figure that is no change ("rose 8.7-fold from a year earlier to a
    record $12.3 billion"), nor one of a clause that another ends ("joined Dortmund in 2020,
    aged 16, and scored 24 goals")."""
    expressions = place.expressions
    j = bisect.bisect_left(place.starts, draft.start) - 1
    while j >= 0 and expressions[j].end > draft.start:
        j -= 1  # an expression that overlaps the figure is not before it
    while j >= 0 and (expressions[j].end >= draft.start - _BEFORE_REACH or _opens_sentence(expressions[j], place)) \
            and not _between(place.ends, expressions[j].end - 1, draft.start):  # "at 11:11 p.m. Morocco's": its own full stop ends it
        if _takes(draft, expressions[j], place):
            if not _same_clause_before(expressions[j], draft, place):
                return None
            return _for(draft, _own(expressions[j], draft, place), place)
        j -= 1
    return None


def _opens_sentence(expression: _Expression, place: _Place) -> bool:
    """Does the expression open its sentence ("On Tuesday afternoon LAFD Chief Kristin Crowley
    told reporters that ..., including 10,300 homes")? Then it reaches every clause of it, however
    long."""
    k = bisect.bisect_left(place.ends, expression.start) - 1
    opening = place.ends[k] + 1 if k >= 0 else 0
    return len(_WORDS_BEFORE.findall(place.text, opening, expression.start)) <= _OPENING_WORDS


def _own(expression: _Expression, draft: Draft, place: _Place) -> _Expression:
    """The time itself of "since 2001" or "until 1970" for a figure of the clause that "when"
    opens after it ("since 2001, when participation dropped to 59.4%": 2001)."""
    if expression.own is None or not _WHEN_CLAUSE.match(place.folded, expression.end, draft.start):
        return expression
    start, period = expression.own
    return dataclasses.replace(expression, start=start, text=place.text[start:expression.end], period=period, own=None)


_WHEN_CLAUSE = re.compile(r"\s*,\s*when(?![\w-])")
_WHEN_CLAUSE_REACH = 8


def _takes(draft: Draft, expression: _Expression, place: _Place) -> bool:
    """Can the figure hold for the expression's period? A comparison's basis ("from a year
    ago", "than a month ago") is the period of a change only, but a figure of no change holds
    for the time itself after "from" ("Its record close, 38,915.87, dates from Dec. 29, 1989")."""
    return not expression.comparison or draft.change in ("delta", "start") or (
        draft.direction is None and expression.own is not None
        and place.words.change_comparison_re.match(place.folded, expression.start) is not None
        and not (expression.end <= draft.start and _TO.search(place.folded, expression.end, draft.end)))


_TO = re.compile(r"(?<![\w-])to(?![\w-])")  # "from Wednesday's close to 0.715 percent": the level of a change


def _for(draft: Draft, expression: _Expression, place: _Place) -> _Expression:
    """The expression as the figure holds for it: the time itself of a comparison's "from ..."
    for a figure of no change."""
    if expression.comparison and draft.direction is None and expression.own is not None:
        start, period = expression.own
        return dataclasses.replace(expression, start=start, text=place.text[start:expression.end], period=period,
                                   own=None, comparison=False)
    return expression


def _same_clause_after(draft: Draft, expression: _Expression, place: _Place) -> bool:
    """Is the expression after the figure in the figure's clause? Not past another verb's clause
    ("moving at 12 mph and is expected to come ashore on Wednesday"), nor in a comparison's
    basis ("1.6 points more than it won in 2019", "beating the record of 38,957.44 set on
    December 29, 1989"; "from" only for a figure of a change, and not past the level's "to")."""
    words, folded = place.words, place.folded
    if words.coordinated_re.search(folded, draft.end, expression.start):
        return False
    if words.clause_opened_re.search(folded, draft.end, expression.start):
        return False  # "when Delta cancelled another 1,300 flights, and today it has ...": today's
    k = bisect.bisect_right(place.figure_starts, draft.end)
    if k < len(place.figure_starts) and place.figure_starts[k] < expression.start and words.subordinate_re.search(
            folded, draft.end, place.figure_starts[k]):
        return False  # "above 70% until it slid to 61.2% in 2005": 2005 is the closer figure's
    if any(not place.in_figure(m.start()) for m in words.comparison_re.finditer(folded, draft.end, expression.start)):
        return False
    since = folded.rfind(_SINCE_KEY, draft.end, expression.start)
    if since >= 0 and words.record_re.search(place.text, max(draft.end, since - _RECORD_REACH), since):
        return False  # "the 6.8-magnitude quake, the most destructive in the area since at least 1900"
    if draft.direction is not None:
        opener = None
        for opener in words.change_comparison_re.finditer(folded, draft.end, expression.start):
            pass
        if opener is not None and folded.find(" to ", opener.end(), expression.start) < 0:
            return False
    return True


def _same_clause_before(expression: _Expression, draft: Draft, place: _Place) -> bool:
    """Is the expression before the figure in the figure's clause? One that opens its sentence
    ("On Monday", "At 12:31 pm") is every clause's; another is not past a clause of another
    verb ("He joined Dortmund in 2020, aged 16, and scored 24 goals")."""
    words, folded = place.words, place.folded
    k = bisect.bisect_left(place.ends, expression.start) - 1
    opening = place.ends[k] + 1 if k >= 0 else 0
    if _in_basis(expression, opening, place) or _basis_between(expression, draft, place):
        return False
    coordinated = words.coordinated_re.search(folded, expression.end, draft.start)
    if coordinated is None:
        return True
    # "since 1960, when an earthquake struck near Agadir and killed thousands": the verbs the
    # "when" clause coordinates, with no comma between, are all of that time
    when = _WHEN_CLAUSE.match(folded, expression.end)
    if when is not None and "," not in folded[when.end():coordinated.start()]:
        return True
    return len(_WORDS_BEFORE.findall(place.text, opening, expression.start)) <= _OPENING_WORDS


def _in_basis(expression: _Expression, opening: int, place: _Place) -> bool:
    """Is the expression in a comparison's basis just before it ("27 percent more than in Q3
    and 409 percent more")? Then it is that basis's time, not a later figure's."""
    return any(not place.in_figure(m.start()) for m in place.words.comparison_re.finditer(
        place.folded, max(opening, expression.start - _BASIS_REACH), expression.start))


def _basis_between(expression: _Expression, draft: Draft, place: _Place) -> bool:
    """Is the figure in a comparison's basis after the expression, with no other time between
    ("At 10:16 AM it broke through the bubble-era closing high of 38,915 yen")?"""
    opener = None
    for match in place.words.comparison_re.finditer(place.folded, expression.end, draft.start):
        if not place.in_figure(match.start()):
            opener = match
    if opener is None or "," in place.text[opener.end():draft.start]:
        return False  # "nearer to the Sun than any earlier spacecraft, at a distance of 42.7 million kilometers"
    i = bisect.bisect_left(place.starts, opener.end())
    return not (i < len(place.starts) and place.starts[i] < draft.start)


_BASIS_REACH = 40


_WORDS_BEFORE = re.compile(r"[A-Za-z]+")
_OPENING_WORDS = 2  # "Early on Thursday", "Late Monday": an expression at the head of its sentence


def _between(ends: list[int], start: int, end: int) -> bool:
    """Does a sentence end fall in ``[start, end)``?"""
    k = bisect.bisect_left(ends, start)
    return k < len(ends) and ends[k] < end


def _expressions(text: str, drafts: list[Draft], published: dt.date | None, folded: str,
                 ends: list[int] | None = None) -> list[_Expression]:
    words = _time_words()
    ends = _sentence_ends(text) if ends is None else ends
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
    # a month's name inside a phrase of its own is that phrase's ("the September quarter")
    phrased = SpanSet([m.span() for m in matches if m.re is words.phrase_re])
    for match in matches:
        if match.re is words.name_re and phrased.overlaps(*match.span()):
            continue
        if taken.overlaps(*match.span()) or timed_durations.overlaps(*match.span()) and not all(
                match.start() >= end or start >= match.end() or match.start() <= start and end <= match.end()
                or start < match.start() < end < match.end() for start, end in durations):
            continue  # inside a date ("April 25") or a figure
        if match.re is words.name_re and words.months.get(match.group(1)) is not None \
                and words.contract_re.match(text, match.end()):
            continue  # "December gold futures", "for December delivery": a contract's month
        key = _key(match)
        kind = words.phrases.get(key, ("",))[0]
        if kind == "recent" and text.startswith(" of ", match.end()):
            continue  # "in the last week of March", "the last year of his contract": a part, not a span to now
        try:
            ahead = (match.re is words.name_re or kind == "season") and (
                _ahead(folded, match.start(), words, ends) or _until(text, folded, match.start(), words, ends))
            period = _resolve(key, published, words, ahead=ahead,
                              awaited=ahead and _awaited_re().search(folded, max(0, match.start() - _FUTURE_REACH), match.start()) is not None)
        except (ValueError, OverflowError):  # "last year" published in year 1: before the calendar
            period = _OUT_OF_RANGE
        if period is _UNPLACED:
            # a part of a year keeps its months: a year after it places it all the same ("in Q2 2018")
            part = _part(key, kind, match, words)
            found.append(_Expression(match.start(), match.end(), match.group(),
                                     None, f"'{match.group().strip()}' is not placed in time: no publication date",
                                     part=(match.start(), *part) if part is not None else None))
            continue
        if period is _OUT_OF_RANGE:
            found.append(_Expression(match.start(), match.end(), match.group(), None,
                                     f"'{match.group().strip()}' falls outside the calendar"))
        elif period is not None:
            expression = _prefixed(text, match.start(), match.end(), period, published, words)
            if expression is not None and kind in _GIVING_WAY:
                expression = dataclasses.replace(expression, basis=True, to_date=kind == "to_date")
            if expression is not None and not expression.basis and words.phrases.get(key, ("", 0))[1] < 0 \
                    and _ON.match(text, expression.start) and published is not None:
                # "down 18.6% on the previous quarter and 1.3% on a year earlier": "on" a time
                # before the publication is a comparison's basis, as "from" is
                expression = dataclasses.replace(expression, basis=True, comparison=True,
                                                 period=(expression.period[0], published))
            part = _part(key, kind, match, words)
            if expression is not None and part is not None:
                expression = dataclasses.replace(expression, part=(match.start(), *part))
            found.append(expression)
    if published is not None:
        found.extend(_ago(text, drafts, published, words, found))
    spans = [*_spans(text, folded, published, words), *_financial_years(text, published, words),
             *_next_spans(text, folded, published, words)]
    found = [e for e in found if e is not None and not any(e.start < s.end and s.start < e.end for s in spans)]
    found.extend(spans)
    found.sort(key=lambda e: e.start)
    found = _to_date(text, _month_runs(text, _of_years(text, found, published, words)), published)
    if published is not None:
        clocks = _clocks(text, folded, found, SpanSet([(d.start, d.end) for d in drafts]), published, ends, words)
        if clocks:
            found = sorted([*found, *clocks], key=lambda e: e.start)
    return found


def _to_date(text: str, found: list[_Expression], published: dt.date | None) -> list[_Expression]:
    """"so far this year", "this month so far", "so far in November": a period that holds the
    publication date, next to a word of time_words.tsv's to_date rows, runs from its start to
    the publication date, and the two are one expression."""
    if published is None or not any(e.to_date for e in found):
        return found
    out: list[_Expression] = []
    i = 0
    while i < len(found):
        e = found[i]
        after = found[i + 1] if i + 1 < len(found) else None
        if e.to_date and after is not None and _holds(after, published) and not text[e.end:after.start].strip():
            out.append(_joined(text, e, after, published))
            i += 2
            continue
        if after is not None and after.to_date and _holds(e, published) and not text[e.end:after.start].strip():
            out.append(_joined(text, e, after, published))
            i += 2
            continue
        out.append(e)
        i += 1
    return out


def _holds(e: _Expression, published: dt.date) -> bool:
    return not e.to_date and not e.basis and e.period is not None and e.period[0] <= published <= e.period[1]


def _joined(text: str, first: _Expression, second: _Expression, published: dt.date) -> _Expression:
    period = first if not first.to_date else second
    start, end = first.start, second.end
    return dataclasses.replace(period, start=start, end=end, text=text[start:end], period=(period.period[0], published),
                               own=None, part=None)


def _month_runs(text: str, found: list[_Expression]) -> list[_Expression]:
    """"from April to June" is the three months, not a comparison with April and then June: the
    "from" expression of a month or a day and the month or day after "to" ("through", "until",
    "and" after "between") join: "between January 1 and June 2", "From 1 January to 28 April
    2024" (a first day written without its year takes the year of the last)."""
    out: list[_Expression] = []
    for expression in found:
        first = out[-1] if out else None
        if (first is not None and first.own is not None and first.comparison and expression.period is not None
                and _run_joint().fullmatch(text, first.end, expression.start) and _month_or_day(first.own[1])
                and _month_or_day(expression.period)):
            start = _run_start(text, first, expression.period[0])
            if start <= expression.period[0]:
                out[-1] = _Expression(first.start, expression.end, text[first.start:expression.end],
                                      (start, expression.period[1]))
                continue
        out.append(expression)
    return out


def _run_start(text: str, first: _Expression, end: dt.date) -> dt.date:
    """The first day of a run: a day or month written without a year ("from 1 January to 28 April
    2024") is in the year of the run's last day, or the year before when it would come after it."""
    start = first.own[1][0]
    if start <= end or re.search(r"\d{4}", text[first.start:first.end]):
        return start
    try:
        moved = start.replace(year=end.year)
        return moved if moved <= end else start.replace(year=end.year - 1)
    except ValueError:  # 29 February
        return start


def _month_or_day(period: tuple[dt.date, dt.date]) -> bool:
    return period[0] == period[1] or _one_month(period)


@functools.cache
def _run_joint() -> re.Pattern[str]:
    joints = [w for row in read_rows("time_words.tsv") if row[1] == "run" for w in row[0].split(",")]
    return re.compile(r"\s+(?:" + alternation(joints) + r")\s+")


def _one_month(period: tuple[dt.date, dt.date]) -> bool:
    return period[0].day == 1 and period[1] == dt.date(period[0].year, period[0].month,
                                                        calendar.monthrange(period[0].year, period[0].month)[1])


def _ago(text: str, drafts: list[Draft], published: dt.date, words: _TimeWords,
         found: list[_Expression | None]) -> list[_Expression]:
    """A whole number of days, weeks, months or years "ago", counted back from the publication
    date ("a £43 billion merger 11 years ago"); not one a phrase of time_words.tsv reads ("a
    year ago")."""
    out = []
    for d in drafts:
        if d.kind != "duration" or d.qualifier != "exact" or not isinstance(d.value, float) or not d.value.is_integer():
            continue
        ago = words.ago_re.match(text, d.end)
        if ago is None or any(e is not None and e.start < ago.end() and d.start < e.end for e in found):
            continue
        day = _back(d.unit, int(d.value), published)
        if day is not None:
            expression = _prefixed(text, d.start, ago.end(), (day, day), published, words)
            if expression is not None:
                out.append(expression)
    return out


def _back(unit: str | None, count: int, on: dt.date) -> dt.date | None:
    """``on`` less ``count`` days, weeks, months or years (a month's last day for a day it lacks)."""
    try:
        if unit == "day" or unit == "week":
            return on - dt.timedelta(days=count * (7 if unit == "week" else 1))
        if unit == "month" or unit == "year":
            year, month = divmod(on.year * 12 + on.month - 1 - count * (12 if unit == "year" else 1), 12)
            return dt.date(year, month + 1, min(on.day, calendar.monthrange(year, month + 1)[1]))
    except (ValueError, OverflowError):
        return None
    return None


_GIVING_WAY = ("past", "now", "to_date")  # the period types that give way to another time next to them


def _until(text: str, folded: str, at: int, words: _TimeWords, ends: list[int]) -> bool:
    """Is the name after a word of a target ("is expected over central Florida through
    Thursday", "until March") with no past tense in its sentence ("had burned 400 acres by
    Tuesday", "By Tuesday 245,000 acres had burned")? Then it is the next one, as after a word of
    the future."""
    prefix = words.prefix_re.search(text, max(0, at - _UNTIL_REACH), at)
    if prefix is None or words.prefixes.get(" ".join(scan.fold(prefix.group(1)).split())) != "by":
        return False
    k = bisect.bisect_left(ends, at)
    sentence = ends[k - 1] if k > 0 else 0
    if words.past_re.search(folded, sentence, at) is not None:
        return False
    # "By Tuesday more than 245,000 acres had burned": a past tense after it, with no word of
    # the future in the rest of the sentence ("By Friday the storm was expected to"), looks back
    end = ends[k] if k < len(ends) else len(folded)
    return words.past_re.search(folded, at, end) is None or words.future_re.search(folded, at, end) is not None


_UNTIL_REACH = 12


def _ahead(folded: str, at: int, words: _TimeWords, ends: list[int]) -> bool:
    """Is a weekday or a month at ``at`` ahead of the publication date: after a word of the
    future in its sentence ("is expected to come ashore on Wednesday night", "will rise in
    October"), with no past tense between ("will meet, officials said on Monday")?"""
    start = max(0, at - _FUTURE_REACH)
    marker = None
    for marker in words.future_re.finditer(folded, start, at):
        pass
    if marker is None:
        return False
    return not (words.past_re.search(folded, marker.end(), at) or _between(ends, marker.end(), at)
                or _basis_figure(folded, marker.end(), at, words))


def _basis_figure(folded: str, start: int, end: int, words: _TimeWords) -> bool:
    """Is there a figure of comparison between ``start`` and ``end`` ("will pay Sh24.57 a unit,
    up from Sh23.76 in May": the month is the old figure's, before the publication date; not
    the start of a change "from $2 to $3")?"""
    return any(words.prefixes.get(m.group(1)) == "basis" and not _PAIRED.match(folded, m.end())
               for m in _BASIS_FIGURE.finditer(folded, start, end))


_BASIS_FIGURE = re.compile(r"(?<![\w-])([a-z]+)\s+(?:the\s+|its\s+|a\s+)?[^\s\d]{0,4}\d")
_PAIRED = re.compile(r"\S*\s+to\s+\S{0,4}\d")  # "will rise from $2 to $3 in May": a change ahead
_FUTURE_REACH = 120


def _clocks(text: str, folded: str, found: list[_Expression], figures: SpanSet, published: dt.date,
            ends: list[int], words: _TimeWords) -> list[_Expression]:
    """The clock times ("As of 11 a.m.", "at 5:00 p.m. CDT", "at 22:11:00 UTC"): each holds for
    the day a time of its sentence names before it ("Last night ... at 22:11:00 UTC"), else for
    the publication day; none where a day is named next to it ("at 8:00 AM Tuesday", "on Friday
    at 3 pm": that day is the expression)."""
    clocks = []
    starts = [e.start for e in found]
    seen = -1
    for match in _clock_matches(text, folded, words):
        if match.start() < seen:
            continue
        seen = match.end()
        if figures.overlaps(*match.span()):
            continue  # "2:00:35", a figure's own
        i = bisect.bisect_left(starts, match.end())
        if i < len(found) and _is_day(found[i]) and _ADJACENT.fullmatch(text, match.end(), found[i].start):
            continue
        if i > 0 and _is_day(found[i - 1]) and _ADJACENT.fullmatch(text, found[i - 1].end, match.start()):
            continue
        day = published
        j = i - 1
        while j >= 0 and found[j].end >= match.start() - _BEFORE_REACH and not _between(
                ends, found[j].end, match.start()):
            if _is_day(found[j]):
                day = found[j].period[0]
                break
            j -= 1
        expression = _prefixed(text, match.start(), match.end(), (day, day), published, words)
        if expression is not None:
            clocks.append(dataclasses.replace(expression, clock=True))
    return clocks


def _clock_matches(text: str, folded: str, words: _TimeWords) -> list[re.Match[str]]:
    """The clock_re matches of the text, tried only where ``str.find`` sees one may be (an
    "a.m." or a "pm" after a digit, a zone, "noon"): they are rare."""
    found = []
    # "am" and "pm" are in many words: a regex finds them after a digit in one pass
    keys = [m.start(1) for m in _MERIDIEM_RE.finditer(folded)]
    keys += [at for key in words.clock_keys if key not in _MERIDIEM for at in _find_all(folded, key)]
    for at in keys:
        found.extend(words.clock_re.finditer(text, max(0, at - _CLOCK_BACK), min(len(text), at + _CLOCK_ON)))
    found.sort(key=lambda m: (m.start(), -m.end()))
    return found


_MERIDIEM = ("a.m", "p.m", "am", "pm")  # found after a digit ("11 a.m.", "5pm"), searched in scan.fold(text)
_MERIDIEM_RE = re.compile(r"\d ?([ap]\.?m)")
_CLOCK_BACK = 12  # from a key back to where its clock time may begin ("22:11:00 UTC")
_CLOCK_ON = 16


def _is_day(expression: _Expression) -> bool:
    return expression.period is not None and expression.period[0] == expression.period[1] and not expression.clock


# between a clock time and the day named next to it: " ", " local time ", " (0331 GMT) ", " at "
_ADJACENT = re.compile(r"[\s,]*(?:\([^()\n]{0,16}\)[\s,]*)?(?:[A-Za-z]+[\s,]+){0,2}")


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
    hits = [i for key in words.span_keys for i in _find_all(folded, key)]
    if not hits:
        return found
    seen: set[int] = set()
    for hit in sorted(hits):
        for match in words.span_re.finditer(text, max(0, hit - 40), min(len(text), hit + 60)):
            if match.start() in seen:
                continue
            seen.add(match.start())
            number, year_word, day_word, day_before, month, day_after, year, first, first_year, first_named = match.groups()
            if published is None and not (year or first_year):
                found.append(_Expression(match.start(), match.end(), match.group(), None,
                                         f"'{match.group()}' is not placed in time: no publication date"))
                continue
            if first is not None:
                count = _count(first, words)
                on_year = int(first_year) if first_year else published.year + (
                    words.phrases[" ".join(scan.fold(first_named).split())][1] if first_named else 0)
                if not 1 <= count <= 12:
                    continue
                period = (dt.date(on_year, 1, 1), dt.date(on_year, count, calendar.monthrange(on_year, count)[1]))
            elif day_word is not None:  # "the week ended Nov. 16": the days to that day
                day = day_before or day_after
                end_month = words.months.get(month) or words.months.get(month.capitalize())
                if day is None or end_month is None:
                    continue
                end = _day_on_or_before(int(year) if year else None, end_month, int(day), published)
                if end is None:
                    continue
                period = (end - dt.timedelta(days=words.span_days[day_word.lower()] - 1), end)
            else:
                count = words.span_lengths[year_word.lower()] if year_word else _count(number, words)
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


def _day_on_or_before(year: int | None, month: int, day: int, published: dt.date | None) -> dt.date | None:
    """The day ``month``/``day`` of ``year``, or without a year the last one up to the publication
    date; None for a day the month lacks."""
    if year is None:
        if published is None:
            return None
        year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# where a span can be: "12 months to", "the year ended" (time_words.tsv's span_length rows),
# "the first three months of" (with each word of the end that time_words.tsv's span rows list)
_SPAN_UNITS = (" months ", " month ")
_SPAN_FIRST = " months of "


def _find_all(text: str, key: str) -> list[int]:
    out, at = [], text.find(key)
    while at >= 0:
        out.append(at)
        at = text.find(key, at + 1)
    return out


def _count(word: str, words: _TimeWords) -> int:
    return int(word) if word.isdigit() else words.counts.get(word.lower(), 0)


_PREFIX_REACH = 24  # "by the end of 2030"
_SINCE_REACH = 40  # "since its trough in "
_SINCE_KEY = "since "
_RECORD_REACH = 40


def _prefixed(text: str, start: int, end: int, period: tuple[dt.date, dt.date] | None, published: dt.date | None,
              words: _TimeWords) -> _Expression | None:
    """The expression with the word before it: "since 2020" runs to the publication date, "by
    2035" from it (a target), "from a year ago" is a comparison's basis; None for a record's
    comparison ("the lowest since 1885")."""
    # "since its trough in January 2023": since January 2023
    prefix = words.since_event_re.search(text, max(0, start - _SINCE_REACH), start) if period is not None and (
        text.endswith(" ", 0, start)) and _SINCE_KEY in scan.fold(text[max(0, start - _SINCE_REACH):start]) else None
    if prefix is None:
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
            # "last June", "last summer": the same months a year before
            first, last = period[0].replace(year=period[0].year - 1), period[1]
            period = (first, dt.date(last.year - 1, last.month, calendar.monthrange(last.year - 1, last.month)[1]))
        return _prefixed(text, prefix.start(1), end, period, published, words)
    if role == "since" and words.record_re.search(text, max(0, prefix.start(1) - _RECORD_REACH), prefix.start(1)):
        if _WHEN_CLAUSE.match(scan.fold(text[end:end + _WHEN_CLAUSE_REACH])):
            # "its strongest quake since 1960, when an earthquake of magnitude 5.8 struck": the
            # time itself, for the figures of the clause "when" opens (figures before it are a
            # record's comparison: see _same_clause_after)
            return _Expression(start, end, text[start:end], period)
        return None  # "its steepest weekly drop since October", "the second lowest since 1885"
    if role == "basis":  # "up 5.4% from a year ago": the comparison's basis, to the publication date
        # the time itself of "from Dec. 29, 1989", "from Wednesday's close" (not "from a year ago")
        own = period if text[start:start + 1].isupper() or text[start:start + 1].isdigit() else None
        if published is not None and period[0] <= published:
            period = (period[0], published)
        return _Expression(prefix.start(1), end, text[prefix.start(1):end], period, basis=True, comparison=True,
                           own=(start, own) if own else None)
    own = (start, period) if role in ("since", "by") else None
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
    return _Expression(prefix.start(1), end, text[prefix.start(1):end], period, own=own)


def _part(key: str, kind: str, match: re.Match[str], words: _TimeWords) -> tuple[int, int] | None:
    """The first month and the months of a part of a year that a year after it may place ("the
    first quarter", "H2", "March"), else None."""
    if kind in _PART_MONTHS:
        months = _PART_MONTHS[kind]
        return (words.phrases[key][1] - 1) * months + 1, months
    if match.re is words.name_re:
        month = words.months.get(key) or words.months.get(key.capitalize())
        if month is not None:
            return month, 1
    return None


_YEAR_PERIOD = "year"  # time_words.tsv's period of a whole calendar year ("this year", "last year")
_PART_MONTHS = {"q": 3, "h": 6}  # time_words.tsv's periods of a quarter and a half of a year


def _of_years(text: str, found: list[_Expression], published: dt.date | None,
              words: _TimeWords) -> list[_Expression]:
    """A part of a year and the year it is "of" as one expression: "for the first quarter of
    2024" is 2024's quarter, whatever the publication date ("of last year", "of this year" too;
    the year may follow with no "of": "in Q4 2019", "in August last year", "In July this year");
    "of the year" (own_year rows) names the year the part is read in already, and joins its text."""
    out: list[_Expression] = []
    skip = -1
    for i, expression in enumerate(found):
        if i == skip:
            continue
        if expression.part is not None:
            following = found[i + 1] if i + 1 < len(found) else None
            if following is not None and following.period is not None and _OF.fullmatch(
                    text, expression.end, following.start) and _whole_year(following.period):
                at, first, months = expression.part
                year = following.period[0].year
                merged = _prefixed(text, at, following.end, _months(year, first, months), published, words)
                if merged is not None:
                    out.append(merged)
                    skip = i + 1
                    continue
            own = words.own_year_re.match(text, expression.end)
            if own is not None:
                expression = dataclasses.replace(expression, end=own.end(), text=text[expression.start:own.end()])
        out.append(expression)
    return out


_ON = re.compile(r"(?i)on\s")
_OF = re.compile(r"\s+(?:of\s+)?")  # "the first quarter of 2024", "in Q4 2019", "in August last year"


def _whole_year(period: tuple[dt.date, dt.date]) -> bool:
    first, last = period
    return first.year == last.year and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)


_UNPLACED = object()
_OUT_OF_RANGE = object()


def _resolve(phrase: str, published: dt.date | None, words: _TimeWords, ahead: bool = False,
             awaited: bool = False) -> object:
    """The period of a relative phrase, a month or a weekday; ``_UNPLACED`` without a date. A
    month or a weekday is the last one up to the publication date, or with ``ahead`` the next
    one from it ("is expected to come ashore on Wednesday night")."""
    key = " ".join(scan.fold(phrase).split())  # fold: "ın" matches the pattern too
    names = calendar_names()
    if published is None:
        return _UNPLACED
    if key in words.phrases:
        period, number = words.phrases[key]
        return _relative(period, number, published, ahead)
    if phrase in names.months or phrase.capitalize() in names.months:
        month = names.months.get(phrase) or names.months[phrase.capitalize()]
        if ahead and awaited and month == (published.month - 2) % 12 + 1 and published.day <= _REPORT_DAYS:
            # "Economists expect a gain of 120,000 jobs in October", early in November: the month
            # just gone, whose figures are awaited, not one eleven months ahead
            year = published.year if month < published.month else published.year - 1
        elif ahead:
            year = published.year if month >= published.month else published.year + 1
        else:
            year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    weekday = names.weekdays.get(phrase) or names.weekdays.get(phrase.capitalize())
    if weekday is not None:
        back = (published.weekday() - names.weekday_names.index(weekday)) % 7
        day = published + dt.timedelta(days=(-back) % 7) if ahead else published - dt.timedelta(days=back)
        return day, day
    return None


_REPORT_DAYS = 20  # how far into a month the figures of the month before are still awaited


@functools.cache
def _awaited_re() -> re.Pattern[str]:
    """The words of a forecast of figures still to be reported (time_words.tsv awaited rows)."""
    awaited = [w for row in read_rows("time_words.tsv") if row[1] == "awaited" for w in row[0].split(",")]
    return re.compile(r"(?<![\w'’-])(?:" + alternation(awaited).replace(r"\ ", r"\s+") + r")(?![\w'’-])")


def _season(first: int, on: dt.date, ahead: bool) -> tuple[dt.date, dt.date]:
    """The three months from ``first`` of the last such season begun by ``on`` (or, ``ahead``,
    of the first not yet over): "last summer", "next winter"."""
    year = on.year if first <= on.month else on.year - 1
    season = _months_across(year, first, 3)
    if ahead and season[1] < on:
        season = _months_across(year + 1, first, 3)
    return season


def _months_across(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    """``count`` months from ``first`` of ``year``, into the next year if need be (winter)."""
    index = year * 12 + first - 1 + count - 1
    last_year, last = divmod(index, 12)
    return dt.date(year, first, 1), dt.date(last_year, last + 1, calendar.monthrange(last_year, last + 1)[1])


def _relative(period: str, number: int, on: dt.date, ahead: bool = False) -> tuple[dt.date, dt.date]:
    if period.endswith(_START):  # "the start of the year": a day, which "since" runs on from
        first = _relative(period[:-len(_START)], number, on)[0]
        return first, first
    if period == "day":
        day = on + dt.timedelta(days=number)
        return day, day
    if period in ("now", "to_date"):
        return on, on
    if period == "year_to_date":
        return dt.date(on.year, 1, 1), on
    if period == "decade":  # "the end of the decade": the 2020s run 2020 to 2029
        first = (on.year // 10 + number) * 10
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31)
    if period == "fy":  # "the current financial year"
        return _financial_year(on.year if on.month >= _time_words().financial_start else on.year - 1, number)
    if period == "season":
        return _season(number, on, ahead)
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


_START = "_start"


def _financial_year(year: int, offset: int = 0) -> tuple[dt.date, dt.date]:
    """The financial year that begins in ``year`` (+ ``offset``): April 2024 to March 2025."""
    first = _time_words().financial_start
    year += offset
    return dt.date(year, first, 1), dt.date(year + 1, first, 1) - dt.timedelta(days=1)


# "2024-25", "2029/30", "2025-2026": two consecutive years joined, a financial year
_FINANCIAL_YEAR = re.compile(r"(?<![\w/.,-])((?:19|20)\d\d)\s?[-/\u2013]\s?((?:19|20)?\d\d)(?![\w/-]|[.,]\d)")


def _financial_years(text: str, published: dt.date | None, words: _TimeWords) -> list[_Expression]:
    """The financial years written as two consecutive years: "in 2027-28", "the 2025-2026
    financial year", "in 2029/30" (not a sports season: "the 2023-24 season")."""
    found = []
    for match in _year_pairs(text):
        first, second = int(match.group(1)), match.group(2)
        following = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if following != first + 1 or words.not_financial_re.match(text, match.end()):
            continue
        expression = _prefixed(text, match.start(), match.end(), _financial_year(first), published, words)
        if expression is not None:
            found.append(expression)
    return found


def _year_pairs(text: str) -> list[re.Match[str]]:
    """The matches of _FINANCIAL_YEAR, tried only at a joining mark after four digits (fast:
    str.find, not a regex over every position)."""
    found = []
    for mark in _YEAR_JOINS:
        at = text.find(mark, _YEAR_DIGITS)
        while at >= 0:
            start = at - _YEAR_DIGITS - (text[at - 1] == " ")
            if text[start:start + _YEAR_DIGITS].isdigit():
                match = _FINANCIAL_YEAR.match(text, start)
                if match is not None and (start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "/.,-")):
                    found.append(match)
            at = text.find(mark, at + 1)
    return sorted(found, key=lambda m: m.start())


_YEAR_JOINS = ("-", "/", "\u2013")
_YEAR_DIGITS = 4


def _next_spans(text: str, folded: str, published: dt.date | None, words: _TimeWords) -> list[_Expression]:
    """Spans counted from the publication date: "over the next five years" (a plan's period),
    "in the past three months"."""
    found = []
    if published is None:
        return found
    starts = sorted(at for word in words.span_words for at in _find_all(folded, word)
                    if at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] == "-"))
    for match in filter(None, (words.next_span_re.match(text, at) for at in starts)):
        count = _count(match.group(2), words)
        unit = match.group(3).lower().rstrip("s")
        if not 1 <= count <= _SPAN_MOST:
            continue
        ahead = scan.fold(match.group(1)) in words.ahead_words
        try:
            other = _shift(published, unit, count if ahead else -count)
        except (ValueError, OverflowError):
            continue
        period = (published, other) if ahead else (other, published)
        found.append(_Expression(match.start(), match.end(), match.group(), period))
    return found


_SPAN_MOST = 100


def _shift(on: dt.date, unit: str, count: int) -> dt.date:
    if unit == "day":
        return on + dt.timedelta(days=count)
    if unit == "week":
        return on + dt.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    index = on.year * 12 + on.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(on.day, calendar.monthrange(year, month + 1)[1]))


def _months(year: int, first: int, count: int) -> tuple[dt.date, dt.date]:
    last = first + count - 1
    return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
