"""Claims about the same fact across documents, and whether they agree.

Verdicts, for a group found by :mod:`numclaims.checking.grouping`:

* ``consistent``: the bounds of all claims overlap *and* so do their typical readings, and every
  figure set beside a vague amount lies within its span ("tens of thousands" agrees with "about
  20,000", not with "around 10,000", which reaches below 10,000);
* ``divergent``: the values differ, but they could both hold: either the bounds still overlap
  ("tens of thousands" and "around 10,000" share 10,000 to 15,000) or the claims' own clauses
  name different places or periods ("in Russia" against "in Russia and China"), or the claims
  are stated as different things (a change against a level, up against down, per barrel against
  per tonne); the explanation then names the bounds that overlap, or what differs;
* ``conflict``: they cannot both be true, and nothing in the wording explains it; the gap is shown;
* ``single_source``: no other document states it, so it could not be cross-checked.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from numclaims.checking.claims import Item
from numclaims.checking.moments import Moment, earlier_time, marks_update
from numclaims.checking.grouping import (
    FRAME_MARK, FX_SLACK, VALUE_MARK, YEAR_PER, Cluster, cluster, is_estimate, rate_period, written_digits,
)
from numclaims.checking.numbers import fmt_interval, fmt_width
from numclaims.checking.readings import CAPPED, CEILINGS, FLOORED, FLOORS, Reading, written_scale
from numclaims.checking.scope import quote_scope
from numclaims.checking.text import lemma
from numclaims.extraction.money import sign_read_as
from numclaims.model import CheckItem, Mention

# Readings closer than this (relative) are the same number; floating-point noise, not a finding.
_EPSILON = 1e-9
# how many of a group's most telling words describe it in reports
_ABOUT_WORDS = 4


def magnitude(item: Item) -> int:
    """The blocking bucket of a quantity: its order of magnitude (decades for years).

    >>> from numclaims.checking.claims import Document
    >>> from numclaims.model import Mention
    >>> def at(value, kind="length"):
    ...     return Item(Document("d", ""), 0, Mention(0, 1, "x", kind, value), Reading(value, value, value, value, "u"))
    >>> magnitude(at(17000.0)), magnitude(at(27000.0)), magnitude(at(0.015)), magnitude(at(2011.0, "year"))
    (4, 4, -2, 201)
    """
    assert item.reading is not None
    center = item.reading.center
    if item.mention.kind == "year":
        return int(center // 10)
    if center == 0 or not math.isfinite(center):
        return -1000
    return math.floor(math.log10(abs(center)))


def groupable(item: Item) -> bool:
    """Quantities that can be compared across documents: not dates, not compound modifiers. A
    restatement ("US$500 million (S$681 million)") joins the group of the figure it restates
    (:meth:`~numclaims.checking.grouping.Clustering.assign_document`)."""
    m = item.mention
    return item.reading is not None and m.kind != "date" and not is_modifier(m)


def is_modifier(m: Mention) -> bool:
    """A count written as a compound modifier ("a 450-seat parliament", "six-party talks"): it
    describes the noun after it, which the checker cannot yet tell apart from other facts of
    the story ("six-nation talks" beside "the two countries" was grouped as one fact), so it
    is extracted but not cross-checked until claims carry what they are about."""
    return m.kind == "count" and m.subject is not None and m.text.endswith("-" + m.subject.split()[0])


def typical(item: Item) -> tuple[float, float]:
    """A claim's typical reading: two claims of one document are one fact only if theirs overlap
    (an amount of money give or take ``FX_SLACK``)."""
    assert item.reading is not None
    low, high = item.reading.typical_low, item.reading.typical_high
    if item.mention.kind == "money":
        return low - FX_SLACK * abs(low), high + FX_SLACK * abs(high)
    return low, high


# Kinds compared as one: a bare "157" ("killing all 157 on board") is the "157 people" of
# another report; the extractor calls a count with no noun of its own "other".
_SAME_BLOCK = {"other": "count"}


def block(item: Item) -> tuple[str, str]:
    """The claims ``item`` is compared with: those of its kind and canonical unit."""
    assert item.reading is not None
    kind = item.mention.kind
    return _SAME_BLOCK.get(kind, kind), item.reading.unit


def per_year(item: Item) -> Item:
    """``item`` with a money rate per week, month or quarter read per year
    (``data/check_rate_periods.tsv``): "over £350,000-per-week" of one report and "£12 million
    per year" of another are set against each other in one measure. Its own report's arithmetic
    reads the rate as written (:mod:`numclaims.checking.arithmetic`).

    >>> from numclaims.checking.claims import Document
    >>> m = Mention(0, 8, "£230,000", "money", 230000.0, "GBP", per="week")
    >>> item = per_year(Item(Document("d", ""), 0, m, Reading(229999.5, 230000.5, 229999.5, 230000.5, "GBP")))
    >>> item.reading.typical_low, item.per_year
    (11959974.0, 52.0)
    """
    factor, r = rate_period(item.mention), item.reading
    if factor is None or r is None or item.per_year != 1.0:
        return item
    # the rate's own period ("per week", "a year") is its denominator, no period it holds for
    period = lemma(str((item.mention.normalized or {}).get("per") or item.mention.per))
    scope = item.scope - {period}
    words = tuple(t for t in item.scope_words if t.lemma != period)
    if factor == 1.0:
        return replace(item, scope=scope, scope_words=words)
    scaled = Reading(r.low * factor, r.high * factor, r.typical_low * factor, r.typical_high * factor, r.unit)
    return replace(item, reading=scaled, per_year=factor, scope=scope, scope_words=words)


def check_groups(items: Sequence[Item], weights: Mapping[str, float], *, tolerance: float) -> list[CheckItem]:
    """Group the comparable ``items`` of all documents and give each group a verdict."""
    clusters = cluster(
        [per_year(i) for i in items if groupable(i)], weights,
        key=block,
        bucket=magnitude, interval=typical,
    )
    return [verdict(c, tolerance=tolerance) for c in clusters]


def about(group: Cluster) -> list[str]:
    """The words that best describe what a group's claims are about."""
    words = [w for w in group.centroid if not w.startswith((VALUE_MARK, FRAME_MARK))]
    return sorted(words, key=group.centroid.__getitem__, reverse=True)[:_ABOUT_WORDS]


# Amounts that reports state in different currencies went through each outlet's rate, of its
# own day and rounded ("£31.1 billion", "$39 billion", "nearly $40 billion" of one offer): they
# agree within this much, more than the restatement tolerance, which knows the document's date.
# Measured on the development stories (numclaims evaluate --stories tests/stories).
FX_GROUP_SLACK = 0.03


def _slack(members: Sequence[Item], tolerance: float, scale: float) -> float:
    currencies = {m.mention.unit for m in members if m.mention.kind == "money"}
    return (max(tolerance, FX_GROUP_SLACK) if len(currencies) > 1 else _EPSILON) * scale


_PRECISE_DIGITS = 3  # "£113m", "$38.9 billion": figures written to their units


def _apart_in_one_currency(members: Sequence[Item]) -> list[Item]:
    """The precise claims of one currency that do not meet without the exchange-rate slack a
    group in several currencies allows ("£113m" and "£115m" beside "€133m": the pounds differ
    whatever the rate), or none. A round figure ("$40 billion" beside "$38.9 billion") rounds
    more than its last digit says, so it is left out."""
    by_currency: dict[str, list[Item]] = {}
    for m in members:
        if m.mention.kind == "money" and m.mention.unit and written_digits(m.mention.text) >= _PRECISE_DIGITS:
            by_currency.setdefault(m.mention.unit, []).append(m)
    for same in by_currency.values():
        # in the currency as written: "€103m" of June and of January are one figure, whatever
        # the dollar did between
        written = [(m.reading.typical_low * f, m.reading.typical_high * f) for m in same
                   if m.reading is not None and (f := written_scale(m.mention)) is not None]
        if len(written) < 2:
            continue
        low, high = max(a for a, _ in written), min(b for _, b in written)
        top = max(abs(b) for _, b in written) or 1.0
        if not _meets(low, high, _EPSILON * top, [b - a for a, b in written]):
            return same
    return []


def _names(members: Sequence[Item], *, docs: bool = True, more: Mapping[str, int] | None = None,
           dated: bool = False) -> str:
    """'"tens of thousands" (001, 003)': distinct texts with the documents that state them
    (and how many more, where a stored story names only some of them); ``dated`` adds each
    document's publication day: '"226" (a, Mar 3)'."""
    # dicts as ordered sets: a list's "not in" made this quadratic in the size of a group
    # a bare sign read other than as its default ("$" as CAD) says so: one text, two readings
    by_text: dict[tuple[str, str | None], dict[str, None]] = {}
    days: dict[str, date | None] = {}
    for m in members:
        read_as = sign_read_as(m.mention.text, m.mention.unit) if m.mention.kind == "money" else None
        by_text.setdefault((m.mention.text, read_as), {})[m.doc.id] = None
        days[m.doc.id] = m.doc.published
    if not docs:
        return " and ".join(f'"{text}"' + (f" ({read_as})" if read_as else "") for text, read_as in by_text)
    more = more or {}

    def label(doc: str) -> str:
        day = days.get(doc)
        return f"{doc}, {day:%b %-d}" if dated and day is not None else doc

    def named(text: str, read_as: str | None, ids: Mapping[str, None]) -> str:
        extra = f" and {more[text]:,} more" if more.get(text) else ""
        reading = f": {read_as}" if read_as else ""
        return f'"{text}" ({("; " if dated else ", ").join(label(d) for d in ids)}{extra}{reading})'
    return " and ".join(named(text, read_as, ids) for (text, read_as), ids in by_text.items())


def _meets(low: float, high: float, slack: float, widths: Sequence[float]) -> bool:
    """Whether readings whose common stretch is ``low``..``high`` agree. Rounding intervals that
    only touch do not: "412" (411.5-412.5) and "413" (412.5-413.5) are two figures, and "2023"
    and "2024" two years, not one reading at their shared end. Points meet when equal."""
    if min(widths, default=0.0) > 2 * slack:
        return high - low > slack
    return low <= high + slack


def _by_reading(members: Sequence[Item]) -> dict[tuple[float, float], list[Item]]:
    """The claims by their own typical reading, in order."""
    out: dict[tuple[float, float], list[Item]] = {}
    for m in members:
        out.setdefault((m.reading.typical_low, m.reading.typical_high), []).append(m)  # type: ignore[union-attr]
    return out


def _reads(run: Sequence[Item], interval: Callable[[float, float], str], more: Mapping[str, int] | None,
           dated: bool, meeting: bool = True) -> str:
    """What each claim of a run reads, in its own terms: '"magnitude 6.9" (b) reads 6.85-6.95 and
    "7 on the Richter scale" (a) reads 6.5-7.5, which meet at 6.85-6.95'. A shared stretch alone
    would say that "7" reads 6.85-6.95, which its words do not."""
    readings = _by_reading(run)
    said = " and ".join(f"{_names(ms, more=more, dated=dated)} {_verb(ms)} {interval(lo, hi)}"
                        for (lo, hi), ms in readings.items())
    if len(readings) == 1 or not meeting:
        return said
    low, high = max(lo for lo, _ in readings), min(hi for _, hi in readings)
    return f"{said}, which meet at {interval(low, high)}" if low <= high else said


def _verb(members: Sequence[Item]) -> str:
    """ "reads" after one claim, "read" after several ('"121" (a, b) read 121')."""
    return "reads" if len(members) == 1 else "read"


def _partition(members: list[Item], slack: float) -> list[list[Item]]:
    """Split claims into runs whose typical readings all overlap, in increasing order."""
    ordered = sorted(members, key=lambda m: m.reading.center)  # type: ignore[union-attr]
    runs: list[list[Item]] = []
    ceiling, run_width = -math.inf, 0.0
    for m in ordered:
        r = m.reading
        assert r is not None
        width = min(r.typical_high - r.typical_low, run_width) if runs else 0.0
        if runs and _meets(r.typical_low, ceiling, slack, [width]):
            runs[-1].append(m)
            run_width = width
            ceiling = min(ceiling, r.typical_high)
        else:
            runs.append([m])
            ceiling = r.typical_high
            run_width = r.typical_high - r.typical_low
    return runs


# Reports published on this many different days make a series in which two runs may share a
# day (see _timeline).
TIMELINE_DAYS = 3


def _updated_by_day(claims: tuple, described: str, days: Sequence[tuple[date, Sequence[Item]]], group: Cluster,
                    details: dict, how: str) -> CheckItem:
    """An ``updated`` verdict over the publication days of ``days``, with its timeline."""
    details["timeline"] = [{"published": day.isoformat(), "docs": sorted({m.doc.id for m in run})}
                           for day, run in days]
    steps = " then ".join(f"{_names(run, more=group.more)} on {day:%b %-d}" for day, run in days)
    return CheckItem(claims, "updated", f"{described}; the figure changed as reports came out: {steps}, {how}",
                     details)


def _timeline(runs: Sequence[Sequence[Item]]) -> list[tuple[date, Sequence[Item]]] | None:
    """The runs in the order their documents were published, when that order is clean and the
    figure moves one way along it: every document of a run published before every document of
    the next, each run's figure above (or each below) the one before, over three reports or more
    or with the later ones stating the level a change reached. A toll that rises day by day, a
    fire that grows; not two outlets of one day, nor figures that go back and forth.

    Over reports of ``TIMELINE_DAYS`` publication days or more, two runs may share a day (a toll updated
    between the morning's reports and the evening's): the order of that day is the figure's.
    A vague amount ("thousands") is left out of the order; it is checked against the figures."""
    dated = []
    for run in runs:
        # "thousands" of one day in a run with "more than 3,000" of a week later dates nothing
        figures = [m for m in run if m.mention.qualifier != "vague"]
        if not figures:
            continue
        days = [m.doc.published for m in figures]
        if any(d is None for d in days):
            return None
        center = sum(m.reading.center for m in figures) / len(figures)  # type: ignore[union-attr]
        dated.append((min(days), max(days), center, figures))  # type: ignore[type-var]
    if len(dated) < 2:
        return None
    spread = len({d for first, last, _, _ in dated for d in (first, last)}) >= TIMELINE_DAYS
    for sign in (1, -1):
        ordered = sorted(dated, key=lambda d: (d[0], sign * d[2]))
        clean = all(a[1] < b[0] or (spread and a[1] == b[0]) for a, b in zip(ordered, ordered[1:]))
        steps = [sign * (b[2] - a[2]) for a, b in zip(ordered, ordered[1:])]
        if clean and all(x > 0 for x in steps):
            break
    else:
        return None
    # two reports a day apart that differ are as likely an error as a change (a border does not
    # grow overnight): a change needs three reports in step, or the later ones saying it moved
    # ("the toll rose to 11") or stating a running total that grew ("has burned 14,117 acres"
    # after "had burned 400 acres")
    moved = all(m.mention.change == "level" for _, _, _, run in ordered[1:] for m in run) or (
        sign == 1 and all(any(m.total for m in run) for _, _, _, run in ordered))
    if len(ordered) < 3 and not moved:
        return None
    return [(first, run) for first, _, _, run in ordered]


#: The fewest publication days over which :func:`_daily_series` takes a figure that never goes
#: back for one being updated.
SERIES_DAYS = 3


def _point(m: Item) -> float:
    """The figure a claim states, as a series steps through it: a floor's floor ("over 1,100" is
    1,100), a ceiling's ceiling, else its centre."""
    r = m.reading
    assert r is not None
    if m.mention.qualifier in FLOORS:
        return r.low
    if m.mention.qualifier in CEILINGS:
        return r.high
    return r.center


def _daily_series(figures: Sequence[Item]) -> list[tuple[date, Sequence[Item]]] | None:
    """The figures by publication day, when over ``SERIES_DAYS`` days or more no day's figure is
    below one of the day before (or, all the way, above it) and the last day's is not the first
    day's: the injured "over 900" on June 2, "more than 900" and "over 1,100" on June 3, "1,170"
    on June 4 and "1,175" on June 5 are a count updated as the days went on, though a floor
    meets the figures after it and two outlets of one day differ. None otherwise."""
    by_day: dict[date, list[Item]] = {}
    for m in figures:
        if m.doc.published is None or m.reading is None or math.isnan(m.reading.center):
            return None
        by_day.setdefault(m.doc.published, []).append(m)
    if len(by_day) < SERIES_DAYS:
        return None
    days = sorted(by_day)
    spans = [(min(_point(m) for m in by_day[d]), max(_point(m) for m in by_day[d])) for d in days]
    rising = all(a[1] <= b[0] for a, b in zip(spans, spans[1:])) and spans[-1][0] > spans[0][1]
    falling = all(a[0] >= b[1] for a, b in zip(spans, spans[1:])) and spans[-1][1] < spans[0][0]
    if not rising and not falling:
        return None
    # and the figure moved beyond its wording: "up to $4.87 billion" then "almost $5bn" is one
    # amount written two ways, not a rise
    def typical(day: date) -> tuple[float, float]:
        readings = [m.reading for m in by_day[day] if m.reading is not None]
        return min(r.typical_low for r in readings), max(r.typical_high for r in readings)
    first, last = typical(days[0]), typical(days[-1])
    if first[0] <= last[1] and last[0] <= first[1]:
        return None
    return [(d, by_day[d]) for d in days]


def _series_figures(runs: Sequence[Sequence[Item]]) -> list[list[Item]]:
    """The figures of each run that date it: not a vague amount ("thousands"), nor a round figure
    that covers every other figure of the group ("60%" beside "59.8%" and "59.9%" agrees with
    both and tells no step of the series). Runs left with no figure are left out."""
    figures = [m for run in runs for m in run if m.mention.qualifier != "vague"]
    # each figure is set against the lowest and highest centres and the narrowest reading of the
    # others, sorted once: against every other figure, a group of thousands of claims cost
    # millions of comparisons. A NaN compares false, so it is kept apart and fails the test
    centers = [(m.reading.center, m) for m in figures]  # type: ignore[union-attr]
    unordered = [m for c, m in centers if math.isnan(c)]
    by_center = sorted(((c, m) for c, m in centers if not math.isnan(c)), key=lambda cm: cm[0])
    widths = [(_width(m), m) for m in figures]
    by_width = sorted(((w, m) for w, m in widths if not math.isnan(w)), key=lambda wm: wm[0])
    count = Counter(id(m) for m in figures)

    def covers(m: Item) -> bool:
        r = m.reading
        assert r is not None
        if len(figures) - count[id(m)] < 2 or any(f is not m for f in unordered):
            return False
        lowest, highest = _other(by_center, m), _other(reversed(by_center), m)
        narrowest = _other(by_width, m)
        return (lowest is not None and highest is not None and r.typical_low <= lowest
                and highest <= r.typical_high and narrowest is not None and narrowest < _width(m))

    out = []
    for run in runs:
        kept = [m for m in run if m.mention.qualifier != "vague" and not covers(m)]
        if kept:
            out.append(kept)
    return out


def _width(m: Item) -> float:
    return m.reading.typical_high - m.reading.typical_low  # type: ignore[union-attr]


def _other(ordered: Iterable[tuple[float, Item]], m: Item) -> float | None:
    """The first value of ``ordered`` that is not ``m``'s own, or None."""
    return next((x for x, f in ordered if f is not m), None)


def _in_order(runs: Sequence[Sequence[Item]], *, stated_only: bool) -> list[tuple[list[Moment], Sequence[Item]]] | None:
    """The runs in the order of their claims' moments (``Item.moment``: the time a claim's own
    words give, its day and clock time, else its report's publication day), when every moment of
    a run is before every moment of the next; ``stated_only`` orders by the times the claims'
    own words give, and needs one in every run."""
    if len(runs) < 2:
        return None
    timed = []
    for run in runs:
        # a claim its words do not place is named in the run's readings, not in the steps
        placed = [m for m in run if m.moment is not None and (m.moment.stated or not stated_only)]
        if not placed or (not stated_only and len(placed) < len(run)):
            return None
        timed.append(([m.moment for m in placed if m.moment is not None], placed))
    timed.sort(key=lambda t: (min(x.first for x in t[0]), min((x.minute or 0) for x in t[0])))
    for (a, _), (b, _) in zip(timed, timed[1:]):
        if not all(x.before(y) for x in a for y in b):
            return None
    return timed


def _stated_times(runs: Sequence[Sequence[Item]]) -> list[tuple[list[Moment], Sequence[Item]]] | None:
    """The runs in the order of the times their own words give them: a day of a week or less
    (``Mention.when``: "on Monday"; a year or a quarter does not tell two readings of a moving
    figure apart) or a clock time of its sentence or of the sentence before it in its paragraph
    ("As of 11 a.m., Milton was 520 miles away. It was moving at 9 mph"), when every run states
    one and the times do not overlap (:mod:`numclaims.checking.moments`)."""
    return _in_order(runs, stated_only=True)


def _marked_series(runs: Sequence[Sequence[Item]]) -> list[tuple[list[Moment], Sequence[Item]]] | None:
    """The runs in the order of their claims' own times when each run's words say it is a
    reading of a count under way or done (``data/check_update_words.txt``: "With 649 of the 650
    constituencies declared, turnout stood at 59.8%", a day later "has been confirmed at
    59.9%"): such a figure is updated as the count goes on, even over two reports."""
    figures = _series_figures(runs)
    if not all(any(marks_update(m) for m in run) for run in figures):
        return None
    return _in_order(figures, stated_only=False)


def _lagging_total(runs: Sequence[Sequence[Item]]) -> list[tuple[list[Moment], Sequence[Item]]] | None:
    """A running total ("have been killed", ``Item.total``) whose lower readings are none of them
    later than a higher one, though some share a day with it: "Five people have been killed"
    (Jan 9, and a live page of Jan 10) and "The fires have killed 11 people" (Jan 10) are a count
    read at different hours, one lagging; not two reports that cannot both hold. The runs in
    increasing order, or None."""
    figures = _series_figures(runs)
    if len(figures) < 2 or not any(m.total for run in figures for m in run):
        return None
    timed = []
    for run in sorted(figures, key=lambda r: sum(m.reading.center for m in r) / len(r)):  # type: ignore[union-attr]
        moments = [m.moment for m in run if m.moment is not None]
        if len(moments) < len(run):
            return None
        timed.append((moments, run))
    for (a, _), (b, _) in zip(timed, timed[1:]):
        if max(x.last for x in a) > min(y.first for y in b):
            return None
    return timed


def _moves_one_way(timed: Sequence[tuple[list[Moment], Sequence[Item]]]) -> bool:
    centers = [sum(m.reading.center for m in run) / len(run) for _, run in timed]  # type: ignore[union-attr]
    moves = [b - a for a, b in zip(centers, centers[1:])]
    return all(x > 0 for x in moves) or all(x < 0 for x in moves)


def _when_shown(moments: Sequence[Moment]) -> str:
    """'at 8:00 AM Oct 8', 'on Oct 6', 'on Oct 6 to Oct 8': the times of a run of a series."""
    shown = list(dict.fromkeys(m.shown() for m in moments))
    clocked = any(m.clock for m in moments)
    if len(shown) == 1:
        return ("at " if clocked else "on ") + shown[0]
    first, last = min(moments, key=lambda m: (m.first, m.minute or 0)), max(moments, key=lambda m: (m.last, m.minute or 0))
    return f"{'at ' if first.clock else 'on '}{first.shown()} to {last.shown()}"


def _times(timed: Sequence[tuple[list[Moment], Sequence[Item]]]) -> list[dict]:
    return [{"start": min(m.first for m in ms).isoformat(), "end": max(m.last for m in ms).isoformat(),
             **({"clocks": sorted({m.clock for m in ms if m.clock})} if any(m.clock for m in ms) else {}),
             "docs": sorted({m.doc.id for m in run})} for ms, run in timed]


def _one_sided(figures: Sequence[Item]) -> bool:
    """Are all the figures floors ("at least 632"), or all ceilings ("fewer than 50")?"""
    qualifiers = {m.mention.qualifier for m in figures}
    return bool(figures) and (qualifiers <= FLOORS or qualifiers <= CEILINGS)


def _floor_against_ceiling(members: Sequence[Item]) -> tuple[Item, Item] | None:
    """A floor of one report ("above 1,700 degrees") and a ceiling of another above it ("up to
    1,800 degrees"), or None. Both can hold, but the outlets state different figures for the
    fact: a reviewer must see which is meant, so the group is not one that simply agrees."""
    floors = [m for m in members if m.mention.qualifier in FLOORS]
    ceilings = [m for m in members if m.mention.qualifier in CEILINGS]
    return next(((f, c) for f in floors for c in ceilings
                 if f.doc.id != c.doc.id and f.reading.low < c.reading.high), None)  # type: ignore[union-attr]


def _past_bound(members: Sequence[Item]) -> tuple[Item, Item] | None:
    """A bound of one report ("nearly 100,000", "more than 3,000") and an approximate figure of
    another that the bound's own wording excludes ("approximately 104,000"; "about 2,900"), or
    None: the approximation reaches the bound, but the figure stated is another one."""
    def value(m: Item) -> float | None:
        v = m.mention.value
        return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None
    approximate = [m for m in members if m.mention.qualifier == "approx" and value(m) is not None]
    for bound in members:
        q, at = bound.mention.qualifier, value(bound)
        if at is None or q not in CAPPED | FLOORED:
            continue
        for m in approximate:
            if m.doc.id != bound.doc.id and (value(m) > at if q in CAPPED else value(m) < at):  # type: ignore[operator]
                return bound, m
    return None


def _common_scope(run: Sequence[Item]) -> frozenset[str]:
    scopes = [m.scope for m in run]
    return frozenset.intersection(*scopes) if scopes else frozenset()


def _outside(vague: Sequence[Item], figures: Sequence[Item], slack: float) -> list[Item]:
    """The figures whose typical reading leaves the span every vague amount of the group names."""
    floor = max(m.reading.low for m in vague)  # type: ignore[union-attr]
    ceiling = min(m.reading.high for m in vague)  # type: ignore[union-attr]
    return [m for m in figures
            if m.reading.typical_low < floor - slack or m.reading.typical_high > ceiling + slack]  # type: ignore[union-attr]


def _bounds(run: Sequence[Item]) -> Reading:
    """What every claim of a run allows at once."""
    rs = [m.reading for m in run]
    low = max(r.low for r in rs)  # type: ignore[union-attr]
    high = min(r.high for r in rs)  # type: ignore[union-attr]
    return Reading(min(low, high), max(low, high), min(low, high), max(low, high), rs[0].unit)  # type: ignore[union-attr]


# what a figure is stated as, beside its number: claims that differ in one of these may both hold.
# Not what it is of ("about"): that is the phrase a report names the subject by, and grouping has
# already taken the claims for one fact by their words; "Full-year GAAP earnings per diluted share"
# and "GAAP EPS", "Turnout" and "overall turnout" name one figure in other words, no other frame
_FRAME_FIELDS = (("change", "is a {}"), ("direction", "goes {}"), ("per", "is per {}"))


def _frame_differences(members: Sequence[Item]) -> list[str]:
    """Frame fields the claims state differently ("a change" against "a level"): a field that one
    claim leaves unsaid is no difference."""
    found = []
    for name, shown in _FRAME_FIELDS:
        stated: dict[str, dict[str, dict[str, None]]] = {}
        written: dict[str, str] = {}
        for m in members:
            value = getattr(m.mention, name, None)
            if isinstance(value, str) and value.strip():
                key = value.strip().casefold()
                if name == "per":
                    # "100 mph" and "47 m/s" are both per second in canonical units, as grouping
                    # reads them (frame_marks): the written "hour" and "second" are no difference;
                    # nor are a money rate's week and year, both read per year (per_year)
                    key = str((m.mention.normalized or {}).get("per") or key).casefold()
                    key = YEAR_PER if rate_period(m.mention) is not None else key
                written.setdefault(key, value.strip())
                stated.setdefault(key, {}).setdefault(m.mention.text, {})[m.doc.id] = None
        if len(stated) > 1:
            found.append(f"{name} differs: " + "; ".join(
                " and ".join(f'"{text}" ({", ".join(ids)})' for text, ids in texts.items())
                + " " + shown.format(written[key])
                for key, texts in stated.items()))
    return found


_CANONICAL_SHOWN = frozenset({"duration", "age", "date", "year", "ratio"})


def _display(members: Sequence[Item], unit: str) -> tuple[float, str]:
    """How explanations show a group's readings: in the unit its claims are written in when
    they share one ("275 miles", not "442,570 meter"; "GBP 88.5 million" for pounds), else in
    the canonical unit. Returns the factor from canonical to shown, and the shown unit."""
    written = Counter(m.mention.unit for m in members)
    m = members[0].mention
    if len(written) > 1 and m.kind != "money":
        # "120 mph" and "205 kph" are shown in mph, the unit most claims are written in, not in
        # metres per second (money stays canonical: its factor is one day's exchange rate)
        most = written.most_common(1)[0][0]
        m = next(x.mention for x in members if x.mention.unit == most)
        written = Counter({most: 1})
    scale = written_scale(m)
    # durations, ages and dates read in days or years have formats of their own: canonical
    if (len(written) != 1 or not m.unit or m.kind in _CANONICAL_SHOWN
            or unit in ("fraction", "calendar year", "day") or scale is None):
        return 1.0, unit
    return scale, m.unit


def _originals(members: Sequence[Item]) -> list[Item]:
    """The members that are not a restatement in another unit of another member of their own
    report. A restatement in another currency is kept, for its rate is the outlet's own of the
    report's day, unless it restates an amount of an earlier time at that time's rate ("$32
    billion, or £24 billion at 2016 exchange rates"): against today's rate it would flag the group."""
    stated = {(m.doc.id, m.index): m for m in members}
    return [m for m in members if m.mention.equivalent_of is None
            or (m.doc.id, m.mention.equivalent_of) not in stated
            or m.mention.kind == "money" and earlier_time(m, stated[(m.doc.id, m.mention.equivalent_of)]) is None]


def _truncations(members: Sequence[Item]) -> tuple[Item, Item] | None:
    """A coarser figure and the finer one it is the truncation of ("£25bn" of "£25.7 billion": 25.7
    cut to whole billions, where rounding gives 26), when the group states just those two values."""
    by_value: dict[float, Item] = {}
    for m in members:
        value, precision = m.mention.value, m.mention.precision
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not precision or value <= 0:
            return None
        by_value.setdefault(float(value), m)
    if len(by_value) != 2:
        return None
    fine, coarse = sorted(by_value.values(), key=lambda m: m.mention.precision)
    if fine.mention.precision >= coarse.mention.precision:
        return None
    step = 2 * coarse.mention.precision  # "£25bn" is exact to ±£0.5bn: a step of £1bn
    value = float(fine.mention.value)
    cut, rounded = math.floor(value / step + 1e-9) * step, round(value / step) * step
    target = float(coarse.mention.value)
    if math.isclose(cut, target, rel_tol=1e-9) and not math.isclose(rounded, target, rel_tol=1e-9):
        return coarse, fine
    return None


#: How far from a round figure ("£20 billion", "40%": one significant digit, exact as written)
#: the other figures of its group may lie for the group to be ``divergent``, not a ``conflict``:
#: writers round that loosely ("£22bn" written "£20 billion"), so the gap is worth a query, not a
#: verdict that one report is wrong. Calibrated on the development stories (boe-rate-cut-2024's
#: "black hole" of £22bn and £20 billion); figures of two or more significant digits keep the
#: strict reading ("1,250" and "1,300" cannot both hold).
LOOSE_ROUNDING = 0.1


def _loosely_rounded(members: Sequence[Item]) -> tuple[Item, list[Item]] | None:
    """A round member and the others, when every other figure lies within ``LOOSE_ROUNDING`` of it."""
    for m in members:
        if m.mention.qualifier != "exact" or written_digits(m.mention.text) != 1 or m.reading is None:
            continue
        center = m.reading.center
        others = [o for o in members if o.reading is not None and o.reading.center != center]
        reach = LOOSE_ROUNDING * abs(center) * (1 + 1e-9)  # "£22bn" is 10% of "£20 billion" to the float
        if center and others and all(abs(o.reading.center - center) <= reach for o in others):  # type: ignore[union-attr]
            return m, others
    return None


def verdict(group: Cluster, *, tolerance: float) -> CheckItem:
    """The verdict on one group of claims, with a one-line explanation that shows the numbers."""
    members = group.members
    claims = tuple(m.claim for m in members)
    readings: list[Reading] = [m.reading for m in members]  # type: ignore[misc]
    unit = readings[0].unit
    details: dict = {"kind": members[0].mention.kind, "unit": unit, "about": about(group),
                     "readings": [r.to_dict() for r in readings]}
    # a restatement in another unit beside the figure it restates is that figure again, through
    # a fixed factor: the inline check judges the conversion ("120 mph (205 kph)" is 193 km/h),
    # and across reports the figure speaks for both, or one report's slip would flag the group.
    # Money is kept: its rate is the outlet's own, and "(£113m)" against another's "£115m" is
    # a difference no rate stands between
    judged = _originals(members)
    if len(judged) < len(members):
        members, readings = judged, [m.reading for m in judged]  # type: ignore[misc]
    if group.documents_stated < 2:
        docs = next(iter(group.documents))
        return CheckItem(claims, "single_source",
                         f"only {docs} states {_names(members, docs=False)}: nothing to cross-check", details)
    factor, shown_unit = _display(members, unit)
    # reports of different days are named with their day: a reader weighs a later report so
    dated = len({m.doc.published for m in members}) > 1

    # a rate read per year (per_year) is shown so: "GBP 11.96 million a year" for "£230,000 per week"
    period = f" a {YEAR_PER}" if any(m.per_year != 1.0 for m in members) else ""

    def interval(a: float, b: float) -> str:
        return fmt_interval(a * factor, b * factor, shown_unit) + period

    finite = [abs(x) for r in readings for x in (r.typical_low, r.typical_high) if math.isfinite(x)]
    scale = max(finite, default=1.0) or 1.0
    slack = _slack(members, tolerance, scale)
    low, high = max(r.low for r in readings), min(r.high for r in readings)
    t_low, t_high = max(r.typical_low for r in readings), min(r.typical_high for r in readings)
    bounds_overlap = _meets(low, high, slack, [r.high - r.low for r in readings])
    vague = [m for m in members if m.mention.qualifier == "vague"]
    figures = [m for m in members if m.mention.qualifier != "vague"]
    outside = _outside(vague, figures, slack) if vague and figures else []
    widths = [r.typical_high - r.typical_low for r in readings]
    apart = _apart_in_one_currency(members) if slack > _EPSILON * scale else []
    if bounds_overlap and _meets(t_low, t_high, slack, widths) and not outside and not apart \
            and _floor_against_ceiling(members) is None and _past_bound(members) is None:
        shared = interval(min(t_low, t_high), max(t_low, t_high))
        if len(_by_reading(members)) == 1:
            return CheckItem(claims, "consistent",
                             f"{_names(members, more=group.more, dated=dated)} agree: all read {shared}", details)
        return CheckItem(claims, "consistent",
                         f"{_reads(members, interval, group.more, dated, meeting=False)}: they agree", details)
    # a vague span and a figure reaching outside it are two readings, not one shared stretch
    runs = sorted(_partition(vague, slack) + _partition(figures, slack),
                  key=lambda run: run[0].reading.center) if outside else _partition(members, slack)  # type: ignore[union-attr]
    described = "; ".join(_reads(run, interval, group.more, dated) for run in runs)
    scopes = [_common_scope(run) for run in runs]
    details["runs"] = [{"docs": sorted({m.doc.id for m in run}), "scope": sorted(s)} for run, s in zip(runs, scopes)]
    # a clause that names no place or period holds where and when its story does: against "in
    # Russia" it is no other scope (a frame a claim leaves unsaid is no difference either), but
    # "Russia" against "Russia and China" is
    scope_differs = len({s for s in scopes if s}) > 1
    frames = _frame_differences(members)
    # a series is one thing wherever some of its reports place it: only a stated role, direction
    # or denominator, or two places named, tell its reports apart
    series_frames = frames
    stated_scopes = {s for s in scopes if s}
    # wording that allows one reading ("up to 2,500 degrees" and "above 1,700 degrees") shows
    # no change between reports: nothing was updated
    # but floors that rise report by report ("at least 632 killed", two days later "at least
    # 2,000") are a toll being updated, though each floor allows the next
    one_sided = _one_sided(figures)
    timeline = (None if series_frames or len(stated_scopes) > 1 or len(runs) < 2
                or bounds_overlap and not one_sided else _timeline(runs))
    stated = _stated_times(runs) if not series_frames and len(stated_scopes) <= 1 else None
    marked = (_marked_series(runs) if stated is None and timeline is None and not series_frames
              and len(stated_scopes) <= 1 and not bounds_overlap else None)
    if marked is not None and _moves_one_way(marked):
        # a count read as it went on and once it was done: "with 649 of the 650 constituencies
        # declared ... 59.8%", the next day "has been confirmed at 59.9%"
        details["times"] = _times(marked)
        steps = " then ".join(f"{_names(run, more=group.more)} {_when_shown(ms)}" for ms, run in marked)
        return CheckItem(claims, "updated", f"{described}; the figure was updated as its count went on: "
                         f"{steps}, each reading later than the one before", details)
    if stated is not None:
        # the text says when each reading held: a storm 520 miles away on Monday and 275 on
        # Tuesday moved, 12 mph at 8 a.m. and 9 mph at 11 a.m. slowed; it was not misreported
        details["times"] = _times(stated)
        steps = " then ".join(f"{_names(run, more=group.more)} {_when_shown(ms)}" for ms, run in stated)
        if _moves_one_way(stated):
            return CheckItem(claims, "updated", f"{described}; each is stated for its own time: "
                             f"{steps}", details)
        return CheckItem(claims, "divergent", f"{described}; they are stated for different times: "
                         f"{steps}", details)
    if timeline is None and not series_frames and len(stated_scopes) <= 1 and not apart and stated is None:
        daily = _daily_series(figures)
        if daily is not None:
            return _updated_by_day(claims, described, daily, group, details, "never going back on a later day")
    if timeline is not None:
        return _updated_by_day(claims, described, timeline, group, details, "each report later than the one before")
    lagging = (_lagging_total(runs) if not series_frames and len(stated_scopes) <= 1
               and not bounds_overlap and not apart else None)
    if lagging is not None:
        details["times"] = _times(lagging)
        steps = " and ".join(f"{_names(run, more=group.more)} {_when_shown(ms)}" for ms, run in lagging)
        return CheckItem(claims, "divergent", f"{described}; a running total read at different hours: "
                         f"{steps}; no lower reading is later than a higher one, so the count may have "
                         "risen between them", details)
    if bounds_overlap or scope_differs or frames or apart:
        why = []
        if apart:
            why.append(f"{_names(apart, docs=False)} are in one currency and differ beyond their "
                       "rounding: no exchange rate stands between them")
        against = _floor_against_ceiling(members) if bounds_overlap and not apart else None
        past = _past_bound(members) if bounds_overlap and not apart and not against else None
        if past:
            bound, beyond = past
            why.append(f"{_names([beyond], docs=False)} states a figure that {_names([bound], docs=False)} "
                       "excludes: only their rounding meets")
        elif against:
            floor, ceiling = against
            why.append(f"{_names([floor], docs=False)} is a floor and {_names([ceiling], docs=False)} "
                       "a ceiling above it: both could hold, but the reports state different figures")
        elif bounds_overlap and not apart:
            # the readings shown above do not meet: name the wider bounds that do, or the
            # explanation would deny its own verdict
            allowed = " and ".join(
                f"{interval(r.low, r.high)} ({', '.join(sorted({m.doc.id for m in run}))})"
                for run in runs for r in [_bounds(run)])
            why.append(f"both could hold: the wording allows {allowed}, which overlap at "
                       f"{interval(min(low, high), max(low, high))}")
        if outside:
            why.append(f"{_names(outside, docs=False)} reaches outside "
                       f"{_names(vague, docs=False)}")
        why.extend(frames)
        if scope_differs:
            why.append("scope differs: " + "; ".join(
                f"{quote_scope([m.scope_words for m in run], s) if s else 'no place or period'} in "
                f"{', '.join(sorted({m.doc.id for m in run}))}"
                for run, s in zip(runs, scopes)))
        return CheckItem(claims, "divergent", f"{described}; {'; '.join(why)}", details)
    gap = low - high
    relative = gap / max(abs(low), abs(high)) if max(abs(low), abs(high)) else 0.0
    details.update(gap=gap if math.isfinite(gap) else None,
                   relative_gap=relative if math.isfinite(relative) else None)
    truncated = _truncations(members)
    if truncated:
        # "£25.7 billion" and "£25bn": the shorter figure is the longer cut to its last digit, as
        # writers do, not rounded (25.7 rounds to 26): no proof that one report is wrong
        short, long = truncated
        return CheckItem(claims, "divergent", f"{described}; {_names([short], docs=False)} is "
                         f"{_names([long], docs=False)} cut to its last digit, not rounded: the written "
                         "figures disagree, but neither need be wrong", details)
    estimates = [m for m in members if is_estimate(m)]
    if estimates:
        # "analysts' consensus of $20.31 billion" against "$20.62 billion": estimates from two
        # sources need not agree, so a gap between them proves neither wrong
        return CheckItem(claims, "divergent", f"{described}; {_names(estimates, docs=False)} "
                         f"{'is an estimate' if len(estimates) == 1 else 'are estimates'} (a forecast, a "
                         "consensus or a projection), and estimates from different sources need not agree: "
                         f"a gap of {fmt_width(max(gap, 0.0) * factor, shown_unit)} ({max(relative, 0.0):.0%})", details)
    loose = _loosely_rounded(members)
    if loose is not None:
        round_figure, others = loose
        return CheckItem(claims, "divergent", f"{described}; {_names([round_figure], docs=False)} is a round "
                         f"figure, and {_names(others, docs=False)} within {LOOSE_ROUNDING:.0%} of it: a "
                         f"loose rounding a reader would query, not proof of a second figure "
                         f"(a gap of {fmt_width(max(gap, 0.0) * factor, shown_unit)}, {max(relative, 0.0):.0%})",
                         details)
    if gap <= slack:
        # rounding intervals that only touch ("412" and "413"): the gap between them is nil,
        # the difference a reader sees is between the figures
        centers = [m.reading.center for m in members]  # type: ignore[union-attr]
        apart = max(centers) - min(centers)
        relative = apart / max(abs(c) for c in centers) if any(centers) else 0.0
        return CheckItem(claims, "conflict", f"{described}; they cannot both hold: the figures "
                         f"differ by {fmt_width(apart * factor, shown_unit)} ({relative:.1%}) and each is "
                         "exact to its last digit", details)
    return CheckItem(
        claims, "conflict",
        f"{described}; they cannot both hold: a gap of {fmt_width(gap * factor, shown_unit)} ({relative:.0%})",
        details,
    )
