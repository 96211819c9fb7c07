"""Parts and a total: figures of one kind joined by "and" or "plus" against a figure that the
words around it make a total, in one report or across the reports of a story (see
:mod:`numclaims.checking.arithmetic`)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from numclaims.checking.arithmetic.common import (
    _amount, _between, _bounds, _native, _q, _rounded, _same_unit, _sentence_begin, _sentence_of, _sentence_words,
    _sentences, _shown_native,
)
from numclaims.checking.arithmetic.intervals import _overlap, _size, Interval
from numclaims.checking.arithmetic.words import _words
from numclaims.checking.claims import Item
from numclaims.checking.groups import FX_GROUP_SLACK
from numclaims.checking.numbers import fmt_interval
from numclaims.extraction.numbers import words_value
from numclaims.model import CheckItem

#: A total is looked for this close to the parts' sum (relative): further off it is another figure.
TOTAL_WINDOW = 0.1

#: Characters either side of a figure in which a total word makes it a total ("all 157 on board").
TOTAL_REACH = 30

#: A total in words is set against the amounts before it only when they are this few: more are
#: no sum a report writes out.
MAX_PARTS = 8

#: The most places a report breaks a count down into (:func:`_breakdowns`), and how many sentences
#: the parts may span.
MAX_PLACES = 6
PLACE_SENTENCES = 2

# the kinds that parts can be: counts, and figures with a unit (money, areas); not percentages
# (shares of different wholes do not add), years or dates
_NOT_PARTS = frozenset({"year", "date", "ratio", "age"})


@dataclass
class _Parts:
    items: list[Item]
    words: frozenset[str] = field(default_factory=frozenset)  # content words of their sentence

    @property
    def doc(self) -> str:
        return self.items[0].doc.id

    @property
    def sum(self) -> Interval:
        low = high = 0.0
        for item in self.items:
            lo, hi = _bounds(item)
            low, high = low + lo, high + hi
        return low, high


def _parts(sentence: Sequence[Item]) -> list[_Parts]:
    """Runs of figures of one unit joined by "and", "plus" or commas: "149 passengers and eight
    crew", "£36bn of tax and £32bn of borrowing". Figures of a change, ranges and vague amounts
    are no parts."""
    found: list[_Parts] = []
    run: list[Item] = []

    def close() -> None:
        if len(run) >= 2:
            found.append(_Parts(list(run), _sentence_words(run[0])))
        run.clear()

    for item in sentence:
        m = item.mention
        eligible = (m.kind not in _NOT_PARTS and not m.direction and not m.change
                    and m.qualifier not in ("range", "vague") and item.reading is not None
                    and all(math.isfinite(x) for x in _bounds(item)))
        if not eligible:
            close()
            continue
        if run and (not _same_unit(run[-1], item) or not _joined(run[-1], item)):
            close()
        run.append(item)
    close()
    # the parts of one whole are different things: "149 passengers and eight crew", not "5 and 7
    # people" (an alternative) or the same noun twice, unless the words say one adds to the other
    # ("an upfront payment of £88.5m and a further €30.9m in add-ons")
    additive = _words().additive
    return [p for p in found
            if len({(i.mention.subject or "").lower() for i in p.items}) == len(p.items)
            or all(additive.search(_between(a, b)) for a, b in zip(p.items, p.items[1:]))]


_NOUN_PREFIX = re.compile(r"\s*(?:of\s+)?")


def _joined(first: Item, second: Item) -> bool:
    """Whether only the first figure's noun and a joiner stand between two figures: "149
    passengers and eight crew" are parts, "189 people died, and the two accidents" are not."""
    between = _between(first, second)
    subject = first.mention.subject
    if subject:
        lead = _NOUN_PREFIX.match(between)
        rest = between[lead.end():] if lead else between
        if rest.lower().startswith(subject.lower()):
            between = rest[len(subject):]
    return _words().joiner.match(between) is not None


def _is_total(item: Item) -> bool:
    m = item.mention
    if m.kind in _NOT_PARTS or m.qualifier in ("range", "vague") or item.reading is None:
        return False
    text, words = item.doc.text, _words()
    if (words.total.search(text, max(0, m.start - TOTAL_REACH), m.start)
            or words.total.search(m.text) or words.total_after.search(text, m.end, m.end + TOTAL_REACH)):
        return True
    # after the figure, "in all" before a noun is that noun's ("17 goals and seven assists in 25
    # matches in all competitions"), not the figure's
    return any(match.group().lower() not in words.determiners
               or not re.match(r"\s+[^\W\d_]", text[match.end():match.end() + 2])
               for match in words.total.finditer(text, m.end, m.end + TOTAL_REACH))


def _near(parts: _Parts, total: Item) -> bool:
    """Whether ``total`` may be the parts' total: of their unit, above each of them (the "149
    passengers" of another sentence restates a part) and within ``TOTAL_WINDOW`` of their sum."""
    if not _same_unit(parts.items[0], total):
        return False
    if _bounds(total)[0] <= max(_bounds(i)[1] for i in parts.items):
        return False
    low, high = parts.sum
    center = (low + high) / 2
    t_low, t_high = _bounds(total)
    return center > 0 and (t_low + t_high) / 2 > 0 and abs((t_low + t_high) / 2 - center) <= TOTAL_WINDOW * center


def _closest(parts: _Parts, totals: Iterable[Item]) -> Item | None:
    near = [t for t in totals if _near(parts, t)]
    center = sum(parts.sum) / 2
    return min(near, key=lambda t: abs(sum(_bounds(t)) / 2 - center), default=None)


def _terms(parts: _Parts, total: Item) -> tuple[Interval, Interval, bool]:
    """The parts' sum and the total, in their one currency (whatever each report's exchange rate)
    or, when the currencies differ ("£88.5m and a further €30.9m" of "£115m"), in the base
    currency with each part in another currency than the total's widened by ``FX_GROUP_SLACK``
    (the outlet's own rate of its own day): the sum, the total and whether they were mixed."""
    money = {i.mention.unit for i in (*parts.items, total) if i.mention.kind == "money"}
    if len(money) <= 1:
        low = sum(_native(i)[0] for i in parts.items)
        high = sum(_native(i)[1] for i in parts.items)
        return (low, high), _native(total), False
    low = high = 0.0
    for item in parts.items:
        lo, hi = _bounds(item)
        if item.mention.unit != total.mention.unit:
            lo, hi = lo * (1 - FX_GROUP_SLACK), hi * (1 + FX_GROUP_SLACK)
        low, high = low + lo, high + hi
    # in the total's currency, at its report's rate
    t_low, t_high = _bounds(total)
    n_low, _ = _native(total)
    factor = n_low / t_low if t_low and math.isfinite(t_low) and n_low else 1.0
    return (low * factor, high * factor), _native(total), True


def _check_parts(parts: _Parts, total: Item) -> CheckItem:
    summed, stated, mixed = _terms(parts, total)
    added = _overlap(summed, stated)
    same = parts.doc == total.doc.id
    terms = " + ".join(_q(i) for i in parts.items)
    where = f"in {parts.doc}" if same else f"{parts.doc} gives the parts, {total.doc.id} the total"
    shown = [*parts.items, total]
    scale = [total] if mixed else shown
    explanation = (f"{where}: {terms} = {_shown_native(summed, scale)}"
                   f"{f' (within {FX_GROUP_SLACK:.0%} for the exchange rate)' if mixed else ''}; "
                   f"{_q(total)} reads {_shown_native(stated, scale)}")
    if added:
        verdict = "consistent"
        explanation += ": the parts add up to the total"
    else:
        # one report at odds with itself cannot be right twice; two reports may count differently
        verdict = "conflict" if same else "divergent"
        explanation += ": the parts do not add up to the total" + (
            "" if same else " (the reports may count different things, or one counted later)")
    return CheckItem(tuple(i.claim for i in [*parts.items, total]), verdict, explanation,
                     {"check": "arithmetic", "relation": "parts", "kind": total.mention.kind})


def _part_key(item: Item) -> str:
    """What parts of a total in words are filed by: the currency of an amount, else the unit."""
    m = item.mention
    return f"money:{m.unit}" if m.kind == "money" else item.reading.unit  # type: ignore[union-attr]


def _may_be_part(item: Item) -> bool:
    m = item.mention
    return (_amount(item) and not m.direction and not m.change and isinstance(m.value, (int, float)))


def _may_be_segment(item: Item) -> bool:
    """A lead amount that may be a segment of a total: no delta and no starting point, but a level a
    change reached may be one ("Professional Visualization brought in $463 million, ..., up
    104.9% year over year": this quarter's part of this quarter's revenue)."""
    m = item.mention
    return (_amount(item) and m.change in (None, "level") and (m.direction is None or m.change == "level")
            and isinstance(m.value, (int, float)))


def _parts_before(items: Sequence[Item]) -> list[CheckItem]:
    """A total in words ("The KSh 5 million took Kiptum's total earnings to just over KSh 27
    million") against every amount of its currency (or unit) that the report states before it,
    in sentences of their own ("the winner's prize of KSh 14.8 million", "a KSh 7.4 million
    bonus", "a KSh 5 million incentive"; a figure stated again, as in a headline, counts once,
    where it is said last).
    Counts are left out (a report's counts are of too many things), and so are changes, ranges
    and other totals. Only agreement is reported: the report may name other amounts that are no
    part of this total."""
    found = []
    before: dict[str, dict[float, Item]] = {}  # by currency or unit: a figure said again counts once
    for total in (i for sentence in _sentences(items) for i in sentence):
        m = total.mention
        key = _part_key(total)
        if _is_total(total):
            parts = sorted(before.get(key, {}).values(), key=lambda i: i.mention.start)
            if (_amount(total, bounded=False) and key not in ("", "fraction")
                    and 2 <= len(parts) <= MAX_PARTS and len({_sentence_of(p) for p in parts}) >= 2):
                checked = _check_parts_before(parts, total)
                if checked is not None:
                    found.append(checked)
        elif _may_be_part(total):
            by_value = before.setdefault(key, {})
            by_value.pop(float(m.value), None)  # where it is said last
            by_value[float(m.value)] = total
    return found


def _parts_elsewhere(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A total in words in one report ("have burned a combined 38,600 acres") against every
    figure of its unit that another report states in sentences of their own ("The fire has
    burned 23,713 acres", "... 14,117 acres", "... 779 acres"; a figure stated again counts once):
    the way :func:`_parts_before` sets a total against its own report's amounts, with the parts
    in another report. Counts are left out (a report's counts are of too many things). Only
    agreement is reported: the other report may name other figures of that unit, or name them at
    another time; and each part's sentence must share a content word with the total's. Each report's figures are filed once by unit, so the work is one look-up per
    total and report."""
    filed: list[dict[str, list[Item]]] = []
    for items in per_doc:
        by_key: dict[str, dict[float, Item]] = {}
        for item in (i for sentence in _sentences(items) for i in sentence):
            if not _is_total(item) and _may_be_part(item):
                by_value = by_key.setdefault(_part_key(item), {})
                by_value.pop(float(item.mention.value), None)  # type: ignore[arg-type]
                by_value[float(item.mention.value)] = item  # type: ignore[arg-type]
        filed.append({k: sorted(v.values(), key=lambda i: i.mention.start) for k, v in by_key.items()
                      if 2 <= len(v) <= MAX_PARTS and len({_sentence_of(i) for i in v.values()}) >= 2})
    found = []
    for n, items in enumerate(per_doc):
        for total in (i for sentence in _sentences(items) for i in sentence):
            key = _part_key(total)
            if key in ("", "fraction") or not _is_total(total) or not _amount(total, bounded=False):
                continue
            words = _sentence_words(total)
            for m, parts in enumerate(by_key.get(key, []) for by_key in filed):
                # each part's sentence says something of what the total's does ("The fire has
                # burned 23,713 acres" of "the fires ... have burned a combined 38,600 acres"):
                # figures of one unit that merely add up by chance ("a £22 billion shortfall",
                # "support of £3 billion" against "£25bn" of national insurance) are none
                if m != n and parts and all(words & _sentence_words(p) for p in parts):
                    checked = _check_parts_before(parts, total, elsewhere=True)
                    if checked is not None:
                        found.append(checked)
    return found


def _check_parts_before(parts: Sequence[Item], total: Item, elsewhere: bool = False) -> CheckItem | None:
    low = sum(_native(p)[0] for p in parts)
    high = sum(_native(p)[1] for p in parts)
    # the total's figure, in the unit the parts are read in ("38,600 acres" in square metres)
    value = _native(total)[0]
    if not value or not math.isfinite(value) or abs(value - (low + high) / 2) > TOTAL_WINDOW * abs(value):
        return None
    # another report's total may round what this one adds up to the unit ("a combined 38,600
    # acres" of 23,713 + 14,117 + 779): its trailing zeros count as rounding
    stated = _rounded(total) if elsewhere else _native(total)
    if any(_native(p)[1] >= stated[0] for p in parts) or not _overlap((low, high), stated):
        return None
    shown = [*parts, total]
    where = (f"{parts[0].doc.id} gives the parts, {total.doc.id} the total" if elsewhere
             else f"in {total.doc.id}")
    explanation = (f"{where}: {' + '.join(_q(p) for p in parts)} = "
                   f"{_shown_native((low, high), shown)}; {_q(total)} reads "
                   f"{_shown_native(stated, shown)}{' (to its rounding)' if stated != _native(total) else ''}: "
                   + (f"the figures {parts[0].doc.id} gives of this unit add up to the other "
                      f"report's total" if elsewhere else
                      "the amounts the report gives before its total add up to it"))
    details = {"check": "arithmetic", "relation": "parts", "kind": total.mention.kind}
    return CheckItem(tuple(i.claim for i in shown), "consistent", explanation,
                     {**details, "across": True} if elsewhere else details)


def _parts_across(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """Parts in one report against the totals of the others: each total is set against the
    report whose parts come near it and share most words with it, so that five reports of "149
    passengers and eight crew" give one check of each other report's "157 on board"."""
    by_size: dict[tuple[str, int], list[_Parts]] = {}
    for items in per_doc:
        for sentence in _sentences(items):
            for p in _parts(sentence):
                by_size.setdefault((p.items[0].reading.unit, _size(sum(p.sum) / 2)), []).append(p)  # type: ignore[union-attr]
    found: list[CheckItem] = []
    for items in per_doc:
        for total in (i for i in items if _is_total(i)):
            unit, size = total.reading.unit, _size(sum(_bounds(total)) / 2)  # type: ignore[union-attr]
            words: frozenset[str] | None = None
            best, shared = None, 0
            near = (p for b in (size - 1, size, size + 1) for p in by_size.get((unit, b), ()))
            for p in near:
                if p.doc == total.doc.id or not _near(p, total):
                    continue
                words = _sentence_words(total) if words is None else words
                if len(p.words & words) > shared:
                    best, shared = p, len(p.words & words)
            if best is not None:
                found.append(_check_parts(best, total))
    return found


#: A sentence with more counts than this is a table, not a majority and the seats it is of.
MAX_MAJORITY_TERMS = 8


def _majorities(sentences: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A majority over all others against the seats its sentence gives ("Once 648 of the 650
    Commons seats had been declared, Labour stood on 412 seats and held a majority of 176"): a
    count right after a word of ``majority`` (``arithmetic_words.tsv``) is twice a larger count
    of the sentence (the winner's seats) less a larger one still (the seats filled): 2 x 412 -
    648 = 176. Only agreement is reported: a majority may be counted over the next party alone,
    and the sentence may give the whole house rather than the seats declared."""
    words = _words()
    found = []
    for sentence in sentences:
        counts = [i for i in sentence if i.mention.kind == "count" and i.mention.qualifier == "exact"
                  and i.reading is not None and all(math.isfinite(x) for x in _bounds(i))]
        if not 3 <= len(counts) <= MAX_MAJORITY_TERMS:
            continue
        for majority in counts:
            text, m = majority.doc.text, majority.mention
            if not words.majority.search(text[max(0, m.start - 30):m.start]):
                continue
            checked = _majority(majority, [c for c in counts if c is not majority])
            if checked is not None:
                found.append(checked)
    return found


def _majority(majority: Item, counts: Sequence[Item]) -> CheckItem | None:
    """The first pair of seats and seats filled that give ``majority``, as a check; else None."""
    stated = _bounds(majority)
    for seats in counts:
        for filled in counts:
            if not _bounds(filled)[0] > _bounds(seats)[1] > stated[1]:
                continue
            low = 2 * _bounds(seats)[0] - _bounds(filled)[1]
            high = 2 * _bounds(seats)[1] - _bounds(filled)[0]
            if not _overlap((low, high), stated):
                continue
            explanation = (f"in {majority.doc.id}: a majority over all others is 2 x {_q(seats)} - "
                           f"{_q(filled)} = {fmt_interval(low, high, '')}; {_q(majority)} reads "
                           f"{fmt_interval(*stated, '')}: the majority adds up")
            claims = sorted((seats, filled, majority), key=lambda i: i.mention.start)
            return CheckItem(tuple(c.claim for c in claims), "consistent", explanation,
                             {"check": "arithmetic", "relation": "parts", "kind": "count"})
    return None


def _placed(item: Item) -> bool:
    """Does the count's clause name a place or a time it is the count of ("seven in the
    neighbouring region of Castilla-La Mancha", "In Castilla-La Mancha, the death toll was put
    at 3")?"""
    m, text, words = item.mention, item.doc.text, _words()
    return bool(words.place_after.match(text, m.end) or words.place_before.match(text, _sentence_begin(item), m.start))


def _each_places(item: Item) -> tuple[float, int, str] | None:
    """The same count for each of a list of places right after a place's count ("two in
    Pinellas County, and one each in Hillsborough, Polk, Orange and Citrus counties"): the
    count, how many places and the words; None if no such list follows. The report gives those
    places no figure of their own, so they are read here."""
    m, text = item.mention, item.doc.text
    found = _words().each_places.match(text, m.end)
    if found is None:
        return None
    word = found.group("count")
    try:
        count = float(word) if word.isdigit() else words_value([word.lower()])
    except (KeyError, ValueError):
        return None
    places = len(re.split(r",\s*(?:and\s+)?|\s+and\s+", found.group("places")))
    if not count >= 1 or places < 2:
        return None
    return count, places, text[found.start("count"):found.end("places")]


def _whole(item: Item) -> bool:
    """A whole count, exact or "at least": what a report breaks down place by place (a level a
    toll has risen to is one; the amount it rose by is not). A floor is read at its figure: "at
    least six in St. Lucie County" is a part of "at least 16"."""
    m = item.mention
    return (m.kind == "count" and m.qualifier in ("exact", "at_least") and m.change not in ("delta", "start")
            and isinstance(m.value, float) and m.value >= 1 and m.value.is_integer())


def _breakdowns(items: Sequence[Item]) -> list[CheckItem]:
    """A count broken down place by place against the report's total of it: "217 people had died
    by Sunday, 213 of them in the Valencia region. Three people died in Castilla-La Mancha, and
    one death was reported in Andalusia" (213 + 3 + 1 = 217); "... had risen to 155. In
    Castilla-La Mancha ... the death toll was put at 3, bringing the number of deaths across
    Spain to 158". The parts are consecutive exact counts within ``PLACE_SENTENCES`` sentences,
    one of them named by a place; the total is the count right before or after them, or, when
    every part names its place, any count of the report in a sentence sharing a word with theirs
    (the headline's "237 victims" of "229 ..., seven ... and one in Andalusia"). The sum must be
    the total exactly, so only agreement is reported: a report's other counts are of other
    things."""
    counts = [i for sentence in _sentences(items) for i in sentence if _whole(i)]
    placed = [_placed(i) for i in counts]
    found: list[CheckItem] = []
    used: set[int] = set()
    for first in range(len(counts)):
        for last in range(first + 1, min(first + MAX_PLACES, len(counts))):
            run = counts[first:last + 1]
            if _sentence_of(run[-1]) - _sentence_of(run[0]) >= PLACE_SENTENCES:
                break
            if first in used or not any(placed[first:last + 1]):
                continue
            total = sum(float(i.mention.value) for i in run)  # type: ignore[arg-type]
            each = _each_places(run[-1])
            if each is not None:
                total += each[0] * each[1]
            near = [counts[n] for n in (first - 1, last + 1) if 0 <= n < len(counts)
                    and abs(_sentence_of(counts[n]) - _sentence_of(run[0 if n < first else -1])) <= 1]
            match = next((t for t in near if t.mention.value == total), None)
            if match is None and all(placed[first:last + 1]):
                words = frozenset().union(*(_sentence_words(i) for i in run))
                match = next((t for t in counts if t not in run and t.mention.value == total
                              and _sentence_words(t) & words), None)
            if match is None:
                continue
            used.update(range(first, last + 1))
            terms = " + ".join(_q(i) for i in run)
            if each is not None:
                terms += f' + {each[1]} x {each[0]:,.0f} ("{each[2]}")'
            explanation = (f"in {match.doc.id}: {terms} = {total:,.0f}; {_q(match)} reads "
                           f"{float(match.mention.value):,.0f}: the counts the report gives place by place "  # type: ignore[arg-type]
                           f"add up to its total")
            found.append(CheckItem(tuple(i.claim for i in [*run, match]), "consistent", explanation,
                                   {"check": "arithmetic", "relation": "parts", "kind": "count"}))
            break
    return found


#: The fewest sentences whose lead amounts :func:`_segments` adds up, and how far into its
#: sentence (characters, no figure before it) a lead amount may stand.
MIN_SEGMENTS = 3
SEGMENT_LEAD = 60


def _segments(items: Sequence[Item]) -> list[CheckItem]:
    """A total broken down sentence by sentence, each naming a part and its amount first ("Nvidia
    reported revenue of $22.1 billion ..." and "Gaming revenue was $2.87 billion, against an
    average estimate of $2.68 billion", "Professional Visualization brought in $463 million,
    ...", "Automotive revenue was $281 million ...", ...). The parts are the lead amounts of
    ``MIN_SEGMENTS`` or more consecutive sentences (the first perhaps left out: it may be the
    total's), all of one currency or unit, none a change's delta or start (a level it reached is
    this period's part);
    the total is an amount of theirs in another sentence of the report that shares a word with one
    of theirs and that their sum meets to rounding. Only agreement is reported: a report's
    other figures are of other things."""
    leads: list[tuple[int, Item]] = []
    for sentence in _sentences(items):
        first = sentence[0]
        begin = _sentence_begin(first)
        text = first.doc.text
        if (first.mention.start - begin <= SEGMENT_LEAD and not re.search(r"\d", text[begin:first.mention.start])
                and _may_be_segment(first) and first.mention.qualifier == "exact"):
            leads.append((_sentence_of(first), first))
    runs: list[list[Item]] = []
    for n, item in leads:
        if runs and n == _sentence_of(runs[-1][-1]) + 1 and _part_key(item) == _part_key(runs[-1][-1]):
            runs[-1].append(item)
        else:
            runs.append([item])
    found: list[CheckItem] = []
    # a total that opens the run in a sentence of its own ("Sales came to $9.6 billion.") is no part
    for whole in runs:
        checked = next((c for run in (whole, whole[1:]) if (c := _segments_total(run, items)) is not None), None)
        if checked is not None:
            found.append(checked)
    return found


def _segments_total(run: Sequence[Item], items: Sequence[Item]) -> CheckItem | None:
    """The check of a run of lead amounts against the total of them the report gives; else None."""
    if len(run) < MIN_SEGMENTS:
        return None
    low = sum(_native(p)[0] for p in run)
    high = sum(_native(p)[1] for p in run)
    where = {_sentence_of(p) for p in run}
    words = frozenset().union(*(_sentence_words(p) for p in run))
    total = next((t for t in items if _amount(t) and t.mention.equivalent_of is None
                  and _part_key(t) == _part_key(run[0]) and _sentence_of(t) not in where
                  and _overlap((low, high), _native(t)) and _sentence_words(t) & words), None)
    if total is None:
        return None
    shown = [*run, total]
    explanation = (f"in {total.doc.id}: {' + '.join(_q(p) for p in run)} = "
                   f"{_shown_native((low, high), shown)}; {_q(total)} reads "
                   f"{_shown_native(_native(total), shown)}: the amounts its sentences give part by part "
                   f"add up to the total")
    return CheckItem(tuple(i.claim for i in sorted(shown, key=lambda i: i.mention.start)),
                     "consistent", explanation,
                     {"check": "arithmetic", "relation": "parts", "kind": total.mention.kind})
