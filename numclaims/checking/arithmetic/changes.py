"""A change and its levels: a delta, a percentage and the level reached or started from, in
one sentence, with a level from another sentence, or against another report's start and level
(see :mod:`numclaims.checking.arithmetic`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from numclaims.checking.arithmetic.common import (
    _closed, _native_size, _amount,
    _anchor, _between, _bounds, _CALENDAR, _index, _native, _NO_LEVEL, _percent, _q, _same_unit,
    _sentence_begin, _sentence_of, _sentence_starts, _sentence_words, _sentences, _shown, _shown_native,
    _size_of, _stem, _way,
)
from numclaims.checking.arithmetic.intervals import _add, _div, _mul, _overlap, _size, Interval
from numclaims.checking.arithmetic.words import _words
from numclaims.checking.claims import Item
from numclaims.checking.numbers import fmt_interval
from numclaims.checking.text import is_content, tokens
from numclaims.model import CheckItem

@dataclass
class _Change:
    delta: Item | None = None  # by how much, in the level's unit ("836.52 points")
    percent: Item | None = None  # by how much, as a percentage ("2.19 percent")
    start: Item | None = None
    level: Item | None = None
    direction: str | None = None
    # the level came first, then the change after a comma ("$4.93, up 33%"): the changes after
    # it are of that level
    level_first: bool = False
    # further percentages of the same level against other bases ("up 22% from the previous
    # quarter and 265% from a year earlier"): which one the start is the basis of, the text
    # does not say
    others: list[Item] = field(default_factory=list)
    # what the words before the change say it is of ("the revenue figure beat ..."), stemmed
    of: frozenset[str] = frozenset()

    @property
    def empty(self) -> bool:
        return all(x is None for x in (self.delta, self.percent, self.start, self.level))

    @property
    def by(self) -> list[Item]:
        """What the change is by: its percentages and its delta."""
        return [c for c in (self.percent, *self.others, self.delta) if c is not None]


_PAREN_SIGN = re.compile(r"^\s*\(\s*([+\-−–])?\s*$")


def _paren_sign(previous: Item, item: Item) -> str | None:
    """ "412 (+211) seats": a signed figure in brackets right after a figure is its change (the
    sign before the mention or, as extraction reads it, the first character of its text)."""
    sign = _PAREN_SIGN.match(_between(previous, item))
    after = item.doc.text[item.mention.end:item.mention.end + 3]
    if sign is None or not after.lstrip().startswith(")"):
        return None
    written = sign.group(1) or item.mention.text[:1]
    if written not in "+-−–" or not written:
        return None
    return "up" if written == "+" else "down"


_BY = re.compile(r"^\s*by\s+(?:[+\-−]\s*)?$", re.IGNORECASE)


def _beaten(start: Item, item: Item) -> tuple[str, frozenset[str]] | None:
    """ "The revenue figure beat the Zacks Consensus Estimate of $20.31 billion by +8.82%": the
    way (up) and what was measured ("revenue", "figure"), when a figure after a verb of
    ``beat`` in its sentence is followed by "by" and the figure ``item``."""
    if not _BY.match(_between(start, item)):
        return None
    text = start.doc.text
    begin = _sentence_begin(start)
    verb = _words().beat.search(text, max(begin, start.mention.start - 80), start.mention.start)
    if verb is None:
        return None
    subject = frozenset(_stem(t.lemma) for t in tokens(text, max(begin, verb.start() - 60), verb.start())
                        if is_content(t))
    way = _words().beat_way.get(verb.group("verb").lower(), "")
    if way == "better":  # a better time is a shorter one
        way = "down" if start.mention.kind == "duration" else "up"
    return way, subject


_SIGN = re.compile(r"([+\-−])\s*$")


def _against(start: Item, item: Item) -> str | None:
    """ "Against a consensus EPS estimate of $4.55, the earnings surprise was +13.41%": the way of
    a percentage written with its sign, when the figure before it opens its sentence after a
    word of ``compared`` or ``start`` (``arithmetic_words.tsv``): a change from that figure."""
    m = item.mention
    sign = _SIGN.search(item.doc.text, max(0, m.start - 2), m.start)
    written = sign.group(1) if sign else m.text[:1] if m.text[:1] and m.text[:1] in "+-−" else None
    if not _percent(item) or written is None:
        return None
    text = start.doc.text
    begin = _sentence_begin(start)
    if not _words().opening.match(text[begin:start.mention.start]):
        return None
    return "up" if written == "+" else "down"


def _words_before(item: Item) -> frozenset[str]:
    """The content words of the sentence before a figure (60 characters at most), stemmed: what
    a change there is of ("the bid remains £6billion below")."""
    text = item.doc.text
    begin = _sentence_begin(item)
    return frozenset(_stem(t.lemma) for t in tokens(text, max(begin, item.mention.start - 60),
                                                      item.mention.start) if is_content(t))


def _fits_level(level: Item, by: Item) -> bool:
    """Whether a change ``by`` can be of ``level``: a percentage of an amount, points of a
    percentage, a delta in the level's own unit."""
    if by.mention.unit == "percentage_point":
        return _percent(level) and level.mention.unit == "percent"
    if _percent(by):
        return not _percent(level)
    return _same_unit(by, level)


def _may_reach(run: _Change, item: Item) -> bool:
    """Whether ``item`` may be the level a change reaches: of its start's or delta's unit ("beat
    the record of 2:01:07 by 34 seconds, becoming the first man to complete the 42km race" reaches
    no 42km)."""
    base = run.start or run.delta
    return _same_unit(base, item) if base is not None else True


def _level_before(pending: Item | None, item: Item,
                  pattern: re.Pattern[str]) -> re.Match[str] | None:
    if pending is None or pending.mention.kind in _NO_LEVEL:
        return None
    return pattern.match(_between(pending, item))


_DELTA_OR_NONE = (None, "delta")


def _expected(level: Item, item: Item) -> bool:
    """Is ``item``, set against ``level``, what was expected of it ("$463 million, compared with the
    $428.95 million analysts expected"; "against a consensus estimate of $20.31 billion"): a word
    of ``expected`` between them or in the rest of its clause. It is no start of a change then."""
    text = item.doc.text
    clause = _CLAUSE_END.search(text, item.mention.end, item.mention.end + _EXPECTED_REACH)
    after = text[item.mention.end:clause.start() if clause else item.mention.end + _EXPECTED_REACH]
    return _words().expected.search(_between(level, item) + " " + after) is not None


_EXPECTED_REACH = 80  # characters after the figure: "the $428.95 million seven analysts expected on average"
_CLAUSE_END = re.compile(r"[,.](?=\s)|[;:()\n]")  # a comma or stop before a space, or a harder mark


def _changes(sentence: Sequence[Item]) -> list[_Change]:
    """The changes a sentence states, each with what it says of its delta, percentage and levels.
    A new change starts at a delta after a level: "the Nasdaq rose 2.5%, or 388 points, to 15,968,
    the Dow added 0.7%, or 274 points, to 38,887" states two. A level may come first, with the
    change after a comma ("revenue of $22.1 billion, a year-over-year increase of 265.3%", "$5.16,
    compared with $0.88"); a comparison without a way ("compared with") is kept for the checks
    across reports, where the levels say which way it went."""
    words = _words()
    runs: list[_Change] = []
    run = _Change()
    previous: Item | None = None  # the figure before
    last: Item | None = None  # the figure before that is no date or year
    pending: Item | None = None  # the figure before if it has no role: a change after may be its
    for item in sentence:
        m = item.mention
        role, direction = m.change, m.direction
        calendar = m.kind in _CALENDAR
        alternative = restated = compared = False
        if not calendar and last is not None:
            after_last = _between(last, item)
            if (_percent(item) and role in (None, "delta") and run.level_first
                    and run.percent is not None and last in (run.percent, *run.others)
                    and words.alternative.match(after_last)):
                alternative = True
            elif (role is None and previous is not None and run.direction
                  and words.restate.match(_between(previous, item))):
                # "gained 836.52 points, or 2.19 percent": the same change again
                role, restated = "delta", True
            elif role is None and (sign := _paren_sign(last, item)) is not None and last is pending:
                role, direction = "delta", sign
            elif role in _DELTA_OR_NONE and last is pending and pending is not None and (
                    beaten := _beaten(pending, item)) is not None and beaten[0] in ("up", "down"):
                # "beat the consensus estimate of $20.31 billion by +8.82%": a change of the
                # figure measured from the estimate, whose level another sentence gives (the
                # frames may already call the figure a delta)
                if not run.empty:
                    runs.append(run)
                run = _Change(start=pending, direction=beaten[0], of=beaten[1])
                role, direction = "delta", beaten[0]
            elif role in _DELTA_OR_NONE and last is pending and pending is not None and (
                    way := _against(pending, item)) is not None:
                # "Against a consensus EPS estimate of $4.55, the earnings surprise was +13.41%":
                # a change from the estimate, whose level another sentence gives
                if not run.empty:
                    runs.append(run)
                run = _Change(start=pending, direction=way)
                role, direction = "delta", way
            elif (role is None and run.direction and not _percent(item) and previous is not None
                  and words.level.search(_between(previous, item)) and _may_reach(run, item)):
                role = "level"  # "... to close at 39,098.68"
            elif role is None and run.direction and run.start is None and (
                    (start := words.start_after.match(after_last)) is not None):
                adverb = (start.group("adverb") or "").lower()
                base = run.level or run.delta
                fits = _same_unit(base, item) if base is not None else (
                    run.percent is not None and _fits_level(item, run.percent))
                if fits and (not adverb or _way(adverb) == run.direction):
                    # "gained nearly 17 percent from its 2023 closing level of 33,464.17"
                    role = "start"
            elif (role is None and run.direction and run.start is None and run.level is None
                  and last in run.by and words.reference.match(after_last)
                  and _fits_level(item, last)):
                # "the bid remains £6billion below the £40billion analysts reckon": the figure
                # the change is measured from; what it measures another sentence gives
                role = "start"
                run.of = run.of | _words_before(last)
            elif role is None and (start := _level_before(
                    pending if run.empty else run.level
                    if run.level is last and run.start is None and not run.by else None,
                    item, words.appositive_start)):
                if _same_unit(last, item) and not _expected(last, item):
                    role = "start"  # "$5.16, compared with $0.88"; "27% contained, up from only 3%"
                    direction = _way((start.group("adverb") or "").lower())
                    # "$463 million, compared with the $428.95 million analysts expected, up 104.9%
                    # year over year": a comparison with no way is its own; a change after it is
                    # the level's against another basis
                    compared = direction is None
        if alternative:
            run.others.append(item)
            run.direction = run.direction or direction
        elif role == "delta":
            slot = "percent" if _percent(item) else "delta"
            if (run.level is not None and run.level is last and not run.level_first
                    and run.start is None and not run.by and _fits_level(run.level, item)
                    and words.appositive_delta.match(_between(last, item))):
                # "earnings per share were $5.16, an increase of 28% ... and 486% ...": the frames
                # call the figure a level already, and the change after its comma is of it
                run.level_first = True
            elif run.level is not None and not run.level_first and not (
                    run.level is last and _paren_sign(last, item) is not None):  # "121 (-250) seats"
                runs.append(run)
                run = _Change()
            elif run.level_first and not restated and (run.percent or run.delta) is not None:
                # another change of the same level: "$22.1 billion, up 22% ..., beating estimates
                # by $1.55bn"
                runs.append(run)
                # "$11.93, 586% higher than a year before, while non-GAAP earnings ... rose 288%":
                # a change after a word that opens another clause is of another figure
                other = words.other_clause.search(_between(last, item)) is not None
                run = _Change() if other else _Change(level=run.level, level_first=True)
            if run.empty and pending is not None and _fits_level(pending, item) and (
                    (_paren_sign(pending, item) is not None and pending is last)
                    or _level_before(pending, item, words.appositive_delta)):
                run.level, run.level_first = pending, True
            if getattr(run, slot) is None:
                setattr(run, slot, item)
            run.direction = run.direction or direction
        elif role == "start" and run.start is None:
            if run.empty and pending is not None and _same_unit(pending, item) and (
                    _level_before(pending, item, words.appositive_start)):
                # "$22.1 billion, a huge jump from $6.05 billion"
                run.level, run.level_first = pending, True
            run.start = item
            run.direction = run.direction or direction
            if compared:
                runs.append(run)
                run = _Change(level=run.level, level_first=True)
        elif role == "level":
            if run.level is not None:
                runs.append(run)
                run = _Change(direction=direction)
            run.level = item
            run.direction = run.direction or direction
        previous = item
        if not calendar:
            last = item
            pending = item if role is None and not alternative and m.direction is None else None
    runs.append(run)
    return [r for r in runs
            if r.direction in ("up", "down") or (r.start is not None and r.level is not None)]


def _check_change(run: _Change, note: str = "") -> CheckItem | None:
    if run.direction not in ("up", "down"):
        return None  # a comparison ("compared with") says no way: nothing to check in one report
    sign = 1.0 if run.direction == "up" else -1.0
    steps: list[tuple[str, Interval, Item]] = []  # (how the implied figure was worked out, it, the claim)
    level, start, delta, percent = run.level, run.start, run.delta, run.percent
    points = percent is not None and percent.mention.unit == "percentage_point"
    if level is not None and start is not None and not _same_unit(level, start):
        return None
    if delta is not None and (base := level or start) is not None and not _same_unit(delta, base):
        delta = None
    if points and level is not None and not _percent(level):
        return None  # percentage points change a percentage, not an amount
    loose = ""
    if percent is not None and not points and any(c is not None and _percent(c) for c in (level, start)):
        # "up 15%" of a percentage may be relative or a sloppy "points": the text does not say,
        # so a percentage is checked only when both levels are given and one reading fits
        reading = _loose_reading(start, level, percent, sign)
        if reading is None:
            percent = None
        elif reading == "points":
            points, loose = True, " (read as percentage points)"
        else:
            loose = " (read as relative)"
    if run.others:
        percent = None  # several percentages against different bases: which is the start's is unsaid
    if level is not None and start is not None and delta is not None:
        steps.append((f"{_q(start)} {'+' if sign > 0 else '-'} {_q(delta)}",
                      _add(_bounds(start), _size_of(delta), sign), level))
    if level is not None and start is not None and percent is not None:
        implied = (_add(_bounds(start), _size_of(percent), sign) if points
                   else _mul(_bounds(start), _add((1.0, 1.0), _size_of(percent), sign)))
        steps.append((f"{_q(start)} {'up' if sign > 0 else 'down'} {_q(percent)}{loose}", implied, level))
    if (delta is not None and percent is not None and not points and not loose
            and (level is not None or start is not None)):
        if start is not None:
            base, how = _bounds(start), _q(start)
        else:
            assert level is not None
            base = _add(_bounds(level), _size_of(delta), -sign)
            how = f"{_q(level)} {'-' if sign > 0 else '+'} {_q(delta)}"
        steps.append((f"{_q(delta)} on {how}", _div(_size_of(delta), base), percent))
    if not steps:
        return _check_way(run) if not run.by else None
    claims = sorted((c for c in (start, delta, percent, level) if c is not None), key=lambda c: c.mention.start)
    lines, fits = [], True
    for how, implied, stated in steps:
        ok = _overlap(implied, _bounds(stated))
        fits &= ok
        scale = [stated] if _percent(stated) else [c for c in claims if not _percent(c)]
        lines.append(f"{how} gives {_shown(implied, scale)}; {_q(stated)} reads "
                     f"{_shown(_bounds(stated), scale)}{'' if ok else ': they do not meet'}")
    doc = claims[0].doc.id
    verdict = "consistent" if fits else "conflict"
    explanation = (f"in {doc}, the change {'adds up' if fits else 'does not add up'}{note}: "
                   + "; ".join(lines))
    return CheckItem(tuple(c.claim for c in claims), verdict, explanation,
                     {"check": "arithmetic", "relation": "change", "kind": claims[0].mention.kind,
                      "direction": run.direction})


def _loose_reading(start: Item | None, level: Item | None, percent: Item, sign: float) -> str | None:
    """How a change by "per cent" of a percentage fits its two levels: "points" ("cut interest
    rates by 0.25 per cent" from 5 per cent to 4.75 per cent), "relative" ("turnout fell 10
    per cent, from 60% to 54%"), or None when no level is missing one or neither reading fits.
    Journalists write either, so either may agree; neither can be flagged."""
    if start is None or level is None or not (_percent(start) and _percent(level)):
        return None
    if _overlap(_add(_bounds(start), _size_of(percent), sign), _bounds(level)):
        return "points"
    if _overlap(_mul(_bounds(start), _add((1.0, 1.0), _size_of(percent), sign)), _bounds(level)):
        return "relative"
    return None


def _check_way(run: _Change) -> CheckItem | None:
    """A change with only its two levels ("27% contained, up from only 3%"): the levels go the
    way the words say. Only the agreement is reported: levels read the wrong way round are more
    likely a misread role than a report at odds with itself."""
    start, level = run.start, run.level
    if start is None or level is None or not _same_unit(start, level):
        return None
    low, high = _bounds(start)
    l_low, l_high = _bounds(level)
    if not (l_low > high if run.direction == "up" else l_high < low):
        return None
    doc = start.doc.id
    way = "a rise" if run.direction == "up" else "a fall"
    explanation = (f"in {doc}, the change goes the way its words say: {_q(start)} to {_q(level)} "
                   f"({_shown(_bounds(start), [start])} to {_shown(_bounds(level), [level])}) "
                   f"is {way}")
    claims = sorted((start, level), key=lambda c: c.mention.start)
    return CheckItem(tuple(c.claim for c in claims), "consistent", explanation,
                     {"check": "arithmetic", "relation": "change", "kind": level.mention.kind,
                      "direction": run.direction})


def _levels_elsewhere(runs: Sequence[_Change], figures: Sequence[Item]) -> list[CheckItem]:
    """A change from a start with no level in its sentence ("has gained nearly 17 percent from its
    2023 closing level of 33,464.17") against the level another sentence of the report gives of
    the same thing ("the Nikkei ... to close at 39,098.68"): of the levels of the report's other
    changes (nearest first), then of its other figures (nearest first), that are in the start's
    unit, within a factor of two of what the change gives and about a word the change is about,
    the first the change reaches ("the £34billion offer" for "the bid remains £6billion below the
    £40billion", not the "£31billion" offer before it). A figure stated to ``PRECISE_LEVEL`` that
    the change reaches as precisely needs no shared word, and a race time may be the level ("improved on the previous best of
    2:01:09 by 34 seconds" reaches the "2:00:35" of another sentence). Only an agreement is reported: a level
    the change does not reach may be of another day or another thing."""
    found = []
    # the candidates, filed by currency or unit and size (a factor of two spans two sizes at most)
    levels: dict[tuple[str, int], list[tuple[int, _Change]]] = {}
    for n, other in enumerate(runs):
        if other.level is not None:
            levels.setdefault(_index(other.level), []).append((n, other))
    plain: dict[tuple[str, int], list[Item]] = {}
    for f in figures:
        # a race time is the level of a change of time ("2:00:35" of "2:01:09 ... by 34 seconds")
        if (f.mention.kind not in _NO_LEVEL or f.mention.kind == "duration") and not _percent(f):
            plain.setdefault(_index(f), []).append(f)
    for n, run in enumerate(runs):
        if (run.level is not None or run.start is None or run.others or not run.by
                or run.direction not in ("up", "down")):
            continue
        anchor = frozenset(_stem(w) for w in _anchor([run.start, *run.by])) | run.of
        by = run.percent or run.delta
        assert by is not None
        reach = _implied_level(run.start, by, run.direction)
        if reach is None:
            continue

        def sized(level: Item) -> bool:
            # "$22.1 billion", not the "$5.16" of the next line
            return (level.doc.id == run.start.doc.id and _same_unit(level, run.start)  # type: ignore[union-attr]
                    and reach[0] / 2 <= sum(_bounds(level)) / 2 <= reach[1] * 2)  # type: ignore[index]

        key = _index(run.start)[0]
        start_low = _bounds(run.start)[0]
        # the implied level's size in the start's own currency, as the candidates are filed
        scale = _size(reach[1] * _native(run.start)[0] / start_low) if start_low else 0
        sizes = (scale - 1, scale, scale + 1)
        # the levels of the other changes, nearest before first, then after
        near = sorted((c for b in sizes for c in levels.get((key, b), ()) if c[0] != n),
                      key=lambda c: (c[0] > n, abs(c[0] - n)))
        chosen = [o.level for _, o in near if o.level is not None and sized(o.level)
                  and anchor & (frozenset(_stem(w) for w in _anchor([o.level, *o.by]))
                                | _sentence_words(o.level))] if anchor else []
        own = {id(c) for c in (run.start, *run.by)}
        where = _sentence_of(run.start)
        chosen += sorted((f for b in sizes for f in plain.get((key, b), ())
                          if id(f) not in own and _sentence_of(f) != where and sized(f)
                          and (anchor & frozenset(_stem(w) for w in _anchor([f]))
                               or (_precise(reach) and _precise(_bounds(f))))),
                         key=lambda f: abs(f.mention.start - run.start.mention.start))  # type: ignore[union-attr]
        for level in chosen:
            joined = _Change(delta=run.delta, percent=run.percent, start=run.start,
                             level=level, direction=run.direction)
            checked = _check_change(joined, note=" (the level from another sentence)")
            if checked is not None and checked.verdict == "consistent":
                found.append(checked)
                break
        else:
            missed = _near_miss(run, reach, [f for f in chosen if _precise(_bounds(f))])
            if missed is not None:
                found.append(missed)
    return found


#: A precise level another sentence gives that a change misses by less than this (relative) is
#: the same figure stated differently: "beat the world record of 2:01:07 by 34 seconds" is
#: 2:00:33, two seconds off the "2:00:35" the report gives.
NEAR_MISS = 1e-3


def _near_miss(run: _Change, reach: Interval, levels: Sequence[Item]) -> CheckItem | None:
    """A change that reaches no level of its report, but misses the one precise level of its unit
    it comes near (within ``NEAR_MISS``) by more than their rounding: ``divergent``, the figures
    cannot all be right if they are of one thing. Nothing when the change is loose (``17
    percent``) or when more than one precise level is near."""
    if not _precise(reach):
        return None
    center = sum(reach) / 2
    near = [f for f in levels if not _overlap(reach, _bounds(f))
            and abs(sum(_bounds(f)) / 2 - center) <= NEAR_MISS * center]
    if len(near) != 1:
        return None
    level = near[0]
    joined = _Change(delta=run.delta, percent=run.percent, start=run.start, level=level,
                     direction=run.direction)
    checked = _check_change(joined, note=" (the level from another sentence)")
    if checked is None or checked.verdict != "conflict":
        return None
    explanation = checked.explanation + (
        f"; the change comes within {NEAR_MISS:.1%} of {_q(level)} but not to its rounding: one "
        f"of the figures is stated differently, or they are of different things")
    return replace(checked, verdict="divergent", explanation=explanation)


#: A level stated this precisely (relative width) that a change reaches as precisely is its own
#: anchor: "2:01:09" less "34 seconds" reaching "2:00:35" to the second is of it whatever words
#: surround it; "17 percent" from 33,464.17 spans 335 points and pins no level.
PRECISE_LEVEL = 1e-3


def _precise(bounds: Interval) -> bool:
    low, high = bounds
    center = (low + high) / 2
    return center > 0 and math.isfinite(high) and (high - low) <= PRECISE_LEVEL * center


def _implied_level(start: Item, by: Item, direction: str | None) -> Interval | None:
    sign = 1.0 if direction == "up" else -1.0
    if by.mention.unit == "percentage_point" or not _percent(by):
        implied = _add(_bounds(start), _size_of(by), sign)
    else:
        implied = _mul(_bounds(start), _add((1.0, 1.0), _size_of(by), sign))
    return implied if all(math.isfinite(x) for x in implied) and implied[0] > 0 else None


def _changes_across(per_doc: Sequence[Sequence[_Change]]) -> list[CheckItem]:
    """A change in one report ("revenue of $22.1 billion, a year-over-year increase of 265.3%")
    against another report's start and level of it ("$22.1 billion, a huge jump from $6.05
    billion"): the same level (to its rounding, in its currency) in sentences that share a word;
    the first report's percentage or delta gives the start the second states. A level stated with
    several percentages (against the previous quarter, against a year earlier) is checked with
    the one that fits, when one alone does. Only agreements are reported: two reports may measure
    one change against different bases."""
    by_level: dict[tuple[str, int], list[_Change]] = {}
    by_start: dict[tuple[str, int], list[_Change]] = {}
    for runs in per_doc:
        for run in runs:
            if run.start is not None and run.level is not None and _same_unit(run.start, run.level):
                by_level.setdefault(_index(run.level), []).append(run)
                by_start.setdefault(_index(run.start), []).append(run)
    found = []
    for runs in per_doc:
        for run in runs:
            if (not run.by or run.direction not in ("up", "down")
                    or (run.level is None) == (run.start is None)):
                continue
            known = run.level if run.level is not None else run.start
            assert known is not None
            key, size = _index(known)
            words = None
            index = by_level if run.level is not None else by_start
            for other in (o for b in (size - 1, size, size + 1) for o in index.get((key, b), ())):
                assert other.level is not None and other.start is not None
                same = other.level if run.level is not None else other.start
                if same.doc.id == known.doc.id or not _overlap(_native(known), _native(same)):
                    continue
                if (other.direction or _way_of(other)) != run.direction:
                    continue
                words = _sentence_words(known) if words is None else words
                if not words & _sentence_words(same):
                    continue
                checked = _check_across(run, known, other)
                if checked is not None:
                    found.append(checked)
                    break
    return found


def _way_of(run: _Change) -> str | None:
    """Which way a comparison went, by its levels: "$5.16, compared with $0.88" is up."""
    assert run.level is not None and run.start is not None
    level, start = _native(run.level), _native(run.start)
    return "up" if level[0] > start[1] else "down" if level[1] < start[0] else None


def _check_across(run: _Change, known: Item, other: _Change) -> CheckItem | None:
    assert other.start is not None and other.level is not None
    sign = 1.0 if run.direction == "up" else -1.0
    from_level = run.level is not None
    # what the change implies, as the other report states it
    target = other.start if from_level else other.level
    fitting = []
    for by in run.by:
        if not _fits_level(known, by):
            continue
        implied = _implied_native(known, by, sign, from_level)
        if all(math.isfinite(x) for x in implied) and _overlap(implied, _native(target)):
            fitting.append((by, implied))
    if len(fitting) != 1:
        return None
    by, implied = fitting[0]
    shown = [known, other.start, other.level]
    way = "up" if sign > 0 else "down"
    explanation = (f"{known.doc.id} says {_q(known)}, {way} {_q(by)}, which puts it at "
                   f"{_shown_native(implied, shown)} {'before' if from_level else 'after'}; "
                   f"{other.start.doc.id} gives {_q(other.start)} before and {_q(other.level)} "
                   f"after, and {_q(target)} reads {_shown_native(_native(target), shown)}: the change "
                   f"adds up across the reports")
    claims = [known, by, other.start, other.level]
    claims = sorted({id(c): c for c in claims}.values(),
                    key=lambda c: (c.doc.id != known.doc.id, c.mention.start))
    return CheckItem(tuple(c.claim for c in claims), "consistent", explanation,
                     {"check": "arithmetic", "relation": "change", "kind": known.mention.kind,
                      "direction": run.direction, "across": True})


def _implied_native(known: Item, by: Item, sign: float, from_level: bool) -> Interval:
    """The other end of a change, in the known end's own currency: the start when ``known`` is
    the level (``from_level``), else the level."""
    base = _native(known)
    if by.mention.unit == "percentage_point" or not _percent(by):
        # a delta in its own currency, as the level is ("£6billion" of "£34billion")
        size = _size_of(by) if _percent(by) else _native_size(by)
        return _add(base, size, -sign) if from_level else _add(base, size, sign)
    factor = _add((1.0, 1.0), _size_of(by), sign)
    return _div(base, factor) if from_level else _mul(base, factor)


# a change "by as much as 13.8%" or "by more than 5%" puts its start anywhere in a wide span
_STATED = frozenset({"exact", "approx"})
# a change stated with a bound ("by nearly 45%") still sets where it started, within the bound
_STATED_CHANGE = _STATED | {"nearly"}
_OPEN = " (its open side taken at its typical reading)"


def _starts_across(per_doc: Sequence[Sequence[_Change]],
                   figures: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A change with its level and no start ("Anglo's shares were 12% higher at 2,463.00 pence")
    against a figure another report gives as where it started ("against a last close of just
    above £22"): a figure in no change of its own, after a start word ("from", "against",
    "compared with"; ``arithmetic_words.tsv``), of the level's currency or unit, in a sentence
    that names what the change is of (its about or subject: "Anglo's shares"). An open side is closed at its typical reading ("above £22"
    is £22 to £26.40). A level that an earlier report gives a change of its own ("raised its
    farmgate price to 1,500 CFA francs" in April) is where a later report's change started ("by 20%
    to 1,800 CFA francs" in October). Only agreements are reported: the other report's figure may
    be of another day or another basis."""
    words = _words()
    starts: dict[tuple[str, int], list[Item]] = {}
    earlier: dict[tuple[str, int], list[Item]] = {}  # the levels reports' changes reach
    for items in figures:
        for f in items:
            m = f.mention
            if (m.change is not None or m.direction is not None or _percent(f)
                    or not _amount(f, bounded=False)):
                continue
            text = f.doc.text
            begin = _sentence_begin(f)
            if words.start_before.search(text, max(begin, m.start - 60), m.start):
                # filed by its closed bounds: "above £22" is of the size of £22
                starts.setdefault((_index(f)[0], _size(sum(_closed(f)) / 2)), []).append(f)
    for run in (r for runs in per_doc for r in runs):
        if run.level is not None and run.level.doc.published is not None and _amount(run.level, bounded=False):
            earlier.setdefault((_index(run.level)[0], _size(sum(_closed(run.level)) / 2)), []).append(run.level)
    found = []
    for runs in per_doc:
        for run in runs:
            level, by = run.level, run.percent or run.delta
            if (level is None or by is None or run.start is not None or run.others
                    or run.direction not in ("up", "down") or not _fits_level(level, by)
                    or by.mention.qualifier not in _STATED_CHANGE):
                continue
            # what the change is of ("Anglo's shares"), which the start's sentence names
            anchor = frozenset(_stem(w) for w in _anchor([level, by]))
            sign = 1.0 if run.direction == "up" else -1.0
            implied = _implied_native(level, by, sign, from_level=True)
            if not all(math.isfinite(x) for x in implied) or implied[0] <= 0:
                continue
            key, size = _index(level)[0], _size(sum(implied) / 2)
            seen: set[str] = set()
            on = level.doc.published
            given = [(s, False) for b in (size - 1, size, size + 1) for s in starts.get((key, b), ())]
            given += [(s, True) for b in (size - 1, size, size + 1) for s in earlier.get((key, b), ())
                      if on is not None and s.doc.published is not None and s.doc.published < on]
            for start, reached in given:
                doc = start.doc.id
                if (doc == level.doc.id or doc in seen or not _same_unit(start, level)
                        or not _overlap(implied, _closed(start))
                        or not anchor & _sentence_words(start)):
                    continue
                seen.add(doc)
                shown = [level, start]
                role = (f"as the level reached on {start.doc.published:%-d %B %Y}" if reached
                        else "as where it started")
                explanation = (
                    f"{level.doc.id} says {_q(level)}, {run.direction} {_q(by)}, which puts it at "
                    f"{_shown_native(implied, shown)} before; {doc} gives {_q(start)} {role}, "
                    f"which reads {_shown_native(_closed(start), shown)}"
                    f"{_OPEN if _closed(start) != _native(start) else ''}: the change adds up "
                    f"across the reports")
                claims = sorted((level, by), key=lambda c: c.mention.start) + [start]
                found.append(CheckItem(tuple(c.claim for c in claims), "consistent", explanation,
                                       {"check": "arithmetic", "relation": "change",
                                        "kind": level.mention.kind, "direction": run.direction,
                                        "across": True}))
    return found


def _runs(sentences: Sequence[Sequence[Item]]) -> list[_Change]:
    """The changes of a report: those of each sentence, and those a sentence states of the figure
    the one before it ends on (:func:`_back_references`)."""
    return [run for sentence in sentences for run in _changes(sentence)] + _back_references(sentences)


def _back_references(sentences: Sequence[Sequence[Item]]) -> list[_Change]:
    """ "Turnout stood at 59.8%. That is a steep fall from the overall turnout of 67.3%": a sentence
    that opens with a back reference and a noun of a change before its first figure
    (``arithmetic_words.tsv``) states a change from that figure to the last figure of its unit in
    the sentence right before it; the noun says the way."""
    words = _words()
    found = []
    for before, sentence in zip(sentences, sentences[1:]):
        first = sentence[0]
        text = first.doc.text
        n = _sentence_of(first)
        if n < 1 or _sentence_of(before[-1]) != n - 1 or first.mention.kind in _NO_LEVEL:
            continue
        opening = words.back.match(text[_sentence_starts(text)[n - 1]:first.mention.start])
        if opening is None:
            continue
        level = next((i for i in reversed(before)
                      if i.mention.kind not in _NO_LEVEL and _same_unit(i, first)), None)
        if level is not None:
            way = "up" if opening.group("noun").lower() in words.up_nouns else "down"
            found.append(_Change(start=first, level=level, direction=way))
    return found


#: A change stated by how much alone is set against the levels of another sentence only when the
#: two sentences share this many content words: "turnout", "election".
SHARED_WORDS = 2


def _deltas_elsewhere(runs: Sequence[_Change]) -> list[CheckItem]:
    """A change stated by how much alone ("This year's figure is more than seven percentage points
    below the turnout at the last election") against a change another sentence of the report
    states by its two levels ("turnout stood at 59.8%. That is a steep fall from the overall
    turnout of 67.3%"): the same way, the levels of a unit the change can be of, and sentences that
    share ``SHARED_WORDS`` content words; the nearest such change. Only an agreement is reported:
    the levels may be of another thing."""
    found = []
    for run in runs:
        by = run.percent or run.delta
        if (by is None or run.start is not None or run.level is not None or run.others
                or run.direction not in ("up", "down")):
            continue
        words = _sentence_words(by)
        where = _sentence_of(by)
        candidates = [o for o in runs if o.start is not None and o.level is not None
                      and o.start.doc.id == by.doc.id and _same_unit(o.start, o.level)
                      and (o.direction or _way_of(o)) == run.direction
                      and where not in (_sentence_of(o.start), _sentence_of(o.level))]
        candidates.sort(key=lambda o: abs(_sentence_of(o.start) - where))  # type: ignore[arg-type]
        strict = [o for o in candidates if _fits_level(o.level, by)]  # type: ignore[arg-type]
        # a change by "per cent" of a rate's levels ("cuts interest rates by 0.25 per cent"
        # and "to 4.75 per cent, down from 5 per cent"), read as points or as relative, only
        # when no change of another unit shares the words and only where a reading fits
        loose = [o for o in candidates if by.mention.unit == "percent"
                 and o.level.mention.unit == "percent" and o.start.mention.unit == "percent"]  # type: ignore[union-attr]
        shared_enough = [o for o in strict if len(words & _level_words(o)) >= SHARED_WORDS]
        for other in shared_enough[:1] or [o for o in loose if len(words & _level_words(o)) >= SHARED_WORDS]:
            joined = _Change(delta=run.delta, percent=run.percent, start=other.start,
                             level=other.level, direction=run.direction)
            checked = _check_change(joined, note=" (the levels from another sentence)")
            if checked is not None and checked.verdict == "consistent":
                found.append(checked)
                break
    return found


def _level_words(run: _Change) -> frozenset[str]:
    """The content words of the sentences of a change's start and level."""
    assert run.start is not None and run.level is not None
    return _sentence_words(run.start) | _sentence_words(run.level)


def _names(text: str, start: int, end: int) -> frozenset[str]:
    """The capitalised content words of ``text[start:end]``: the names a sentence gives."""
    return frozenset(t.surface for t in tokens(text, start, end) if t.surface[:1].isupper() and is_content(t))


def _margins(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A margin between two finishers ("Kiptum ... crossed the finish line 3min 27sec ahead of his
    compatriot Benson Kipruto"; ``margin`` in ``arithmetic_words.tsv``) against their times: a
    time in a sentence naming one who finished ahead (a name before the margin in its sentence:
    "Kiptum" ... "2hrs 35sec"), the margin added, meets a time in a sentence naming the one behind
    ("Kipruto ... was runner-up in 2:04:02"), in any report of the story. The times are filed by
    the names their sentences give, so each margin looks at the few times of its two names. Only
    agreement is reported, once per report of the later time: the names may be of other races.
    The leader's time is taken from the margin's own report first, then in report order."""
    words = _words()
    times: list[Item] = []
    named: dict[str, list[Item]] = {}  # a name -> the times in sentences that give it
    position = {items[0].doc.id: n for n, items in enumerate(per_doc) if items}
    for items in per_doc:
        for item in (i for sentence in _sentences(items) for i in sentence):
            m = item.mention
            if (m.kind != "duration" or m.change or m.direction or m.qualifier not in _STATED
                    or not all(math.isfinite(x) for x in _bounds(item))):
                continue
            times.append(item)
            starts, n = _sentence_starts(item.doc.text), _sentence_of(item)
            end = starts[n] if n < len(starts) else len(item.doc.text)
            for name in _names(item.doc.text, _sentence_begin(item), end):
                named.setdefault(name, []).append(item)
    found = []
    for margin in times:
        text, m = margin.doc.text, margin.mention
        after = words.margin.match(text[m.end:m.end + 80])
        if after is None:
            continue
        behind_names = frozenset(after.group("name").split())
        ahead_names = _names(text, _sentence_begin(margin), m.start) - behind_names
        sign = 1.0 if words.margin_way[after.group("way").lower()] == "ahead" else -1.0
        # the leader's time of the margin's own report first, then in report order (not in the
        # order of a set of names, which changes from run to run)
        leaders = {id(t): t for n in ahead_names for t in named.get(n, ()) if t is not margin}
        leaders = {k: leaders[k] for k in sorted(leaders, key=lambda k: (
            leaders[k].doc is not margin.doc, position[leaders[k].doc.id], leaders[k].mention.start))}
        # the one behind is named by the last word of the name: "Benson Kipruto" is "Kipruto"; a
        # time of the margin's own sentence is a third finisher's ("..., with Belgium's Bashir
        # Abdi third in 2:04:32"), and a loose one ("two hours") pins no finisher's time
        trailing = [t for t in named.get(after.group("name").split()[-1], ())
                    if _precise(_bounds(t)) and not (t.doc is margin.doc and _sentence_of(t) == _sentence_of(margin))]
        seen: set[str] = set()
        for later in trailing:
            if later.doc.id in seen:
                continue
            for leader in leaders.values():
                if (leader is later or not _precise(_bounds(leader))
                        or (leader.doc is later.doc and _sentence_of(leader) == _sentence_of(later))):
                    continue
                implied = _add(_bounds(leader), _bounds(margin), sign)
                if not _overlap(implied, _bounds(later)):
                    continue
                seen.add(later.doc.id)
                shown = [later]
                explanation = (
                    f"{margin.doc.id} puts {after.group('name')} {_q(margin)} "
                    f"{'behind' if sign > 0 else 'ahead of'} the leader: {_q(leader)} "
                    f"({leader.doc.id}) {'+' if sign > 0 else '-'} {_q(margin)} gives "
                    f"{_shown(implied, shown)}; {_q(later)} ({later.doc.id}) reads "
                    f"{_shown(_bounds(later), shown)}: the margin adds up")
                claims = [leader, margin, later]
                found.append(CheckItem(tuple(c.claim for c in claims), "consistent", explanation,
                                       {"check": "arithmetic", "relation": "change",
                                        "kind": "duration", "direction": "up" if sign > 0 else "down",
                                        "across": len({c.doc.id for c in claims}) > 1}))
                break
    return found


#: A figure another report gives of what a change beat is set against the change's start only
#: within this much of it (relative): further off it is another figure of that name.
ESTIMATE_WINDOW = 0.05

_NOUN_OF = re.compile(r"\b([a-z]+)\s+of\s+(?:about\s+|around\s+)?$", re.IGNORECASE)


def _estimates_across(per_doc: Sequence[Sequence[_Change]],
                      figures: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A change that beat a named figure by a delta ("revenue came to USD 22.1 billion, ...
    beating estimates by USD 1.55 billion"; ``beaten`` in ``arithmetic_words.tsv``) against the
    figure of that name another report gives beside the same level ("revenue of $22.1 billion,
    ... and ahead of estimates of $20.62 billion"): the level less the delta is the start. When
    they miss each other by less than ``ESTIMATE_WINDOW`` the reports are ``divergent``: both
    cannot be measuring from one figure (two consensus estimates, say). The figures are filed by
    the noun before them, so each change looks at the few of its noun."""
    words = _words()
    named: dict[str, list[Item]] = {}  # a noun ("estimate") -> the figures after it and "of"
    by_sentence: dict[tuple[str, int], list[Item]] = {}
    for items in figures:
        for f in items:
            m = f.mention
            by_sentence.setdefault((f.doc.id, _sentence_of(f)), []).append(f)
            if m.change is not None or _percent(f) or not _amount(f):
                continue
            before = f.doc.text[max(_sentence_begin(f), m.start - 40):m.start]
            if (noun := _NOUN_OF.search(before)) is not None:
                named.setdefault(_stem(noun.group(1).lower()), []).append(f)
    found = []
    for runs in per_doc:
        for run in runs:
            level, delta = run.level, run.delta
            if level is None or delta is None or run.start is not None or not _same_unit(level, delta):
                continue
            text = delta.doc.text
            beaten = words.beaten.search(text[max(_sentence_begin(delta), delta.mention.start - 60):
                                              delta.mention.start])
            if beaten is None:
                continue
            sign = 1.0 if words.beaten_way[beaten.group("verb").lower()] == "up" else -1.0
            implied = _implied_native(level, delta, sign, from_level=True)
            center = sum(implied) / 2
            if not all(math.isfinite(x) for x in implied) or center <= 0:
                continue
            for start in named.get(_stem(beaten.group("noun").lower()), ()):
                if (start.doc.id == level.doc.id or not _same_unit(start, level)
                        or abs(sum(_native(start)) / 2 - center) > ESTIMATE_WINDOW * center
                        # the other report gives the same level in the start's sentence
                        or not any(_same_unit(o, level) and _overlap(_native(o), _native(level))
                                   for o in by_sentence[(start.doc.id, _sentence_of(start))]
                                   if o is not start)):
                    continue
                met = _overlap(implied, _native(start))
                shown = [level, start]
                explanation = (
                    f"{level.doc.id} says {_q(level)}, {beaten.group('verb')} "
                    f"{beaten.group('noun')} by {_q(delta)}, which puts the {beaten.group('noun')} "
                    f"at {_shown_native(implied, shown)}; {start.doc.id} gives {_q(start)}, which "
                    f"reads {_shown_native(_native(start), shown)}: " + (
                        "the change adds up across the reports" if met else
                        f"they miss each other by {_gap(implied, _native(start), start)} (the "
                        f"reports measure from different {beaten.group('noun')})"))
                claims = sorted((level, delta), key=lambda c: c.mention.start) + [start]
                found.append(CheckItem(tuple(c.claim for c in claims),
                                       "consistent" if met else "divergent", explanation,
                                       {"check": "arithmetic", "relation": "change",
                                        "kind": level.mention.kind, "direction": run.direction,
                                        "across": True}))
    return found



def _gap(a: Interval, b: Interval, item: Item) -> str:
    """How far apart two intervals that do not meet are, as ``item`` states its figure: the
    bounds of each, rounded for showing, may look as if they touch ("20.5-20.61" and "20.61")."""
    gap = max(b[0] - a[1], a[0] - b[1])
    m = item.mention
    return fmt_interval(gap, gap, m.unit if m.kind == "money" else None)
