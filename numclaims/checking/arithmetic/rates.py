"""A rate and its total: rate x duration = amount, one rate per two periods, a total over a
period against a rate of the same thing (see :mod:`numclaims.checking.arithmetic`)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from numclaims.checking.arithmetic.common import (
    _amount, _anchor_stems, _CALENDAR, _index, _native, _per, _q, _same_unit, _sentences,
    _shown_native, _stem,
)
from numclaims.checking.arithmetic.intervals import _div, _mul, _overlap, _size, Interval
from numclaims.checking.arithmetic.words import _words
from numclaims.checking.claims import Item
from numclaims.checking.text import is_content, tokens
from numclaims.model import CheckItem

def _hourly(item: Item) -> Interval | None:
    """A rate per hour, in its currency: "£230,000 per week" is £1,369 an hour."""
    per = _per(item)
    return _div(_native(item), _words().period[per]) if per else None


def _span(item: Item, whole: bool = False) -> Interval | None:
    """A duration in hours: "31 weeks" (a whole number of periods is that many), or, with
    ``whole``, any stated count of periods ("over five years" is five years)."""
    m, r = item.mention, item.reading
    period = _words().period.get(m.unit or "")
    if m.kind != "duration" or period is None or not isinstance(m.value, (int, float)) or r is None:
        return None
    if float(m.value).is_integer() and (m.qualifier == "exact" or whole) and m.value > 0:
        return _mul((float(m.value), float(m.value)), period)
    if m.qualifier in ("exact", "approx") and math.isfinite(r.high) and r.low > 0:
        return r.low / 3600, r.high / 3600
    return None


def _periods(span: Item, per: str) -> Interval | None:
    """How many periods ``per`` a duration holds: "31 weeks" is 31 weeks, "five years" 260.7 to
    261 weeks."""
    m = span.mention
    if m.unit == per and isinstance(m.value, (int, float)) and float(m.value).is_integer() and m.value > 0:
        return float(m.value), float(m.value)
    hours = _span(span, whole=True)
    return _div(hours, _words().period[per]) if hours is not None else None


def _rate_in(item: Item) -> str:
    return f"{_q(item)} a {_per(item)}"


def _rates(sentences: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """The rates of one report: a rate, a duration and an amount in one sentence ("£230,000 per
    week, and with Bellingham now 31 weeks into his time at the club, he is thought to have
    earned about £7.13 million": rate x duration = amount), and one rate stated per two periods
    within two sentences ("£12 million per year" ... "That comes to £230,000 per week"). Only
    agreement is reported: a rate and an amount in one sentence may be of different things."""
    found: list[CheckItem] = []
    rates: list[tuple[int, Item]] = []
    for n, sentence in enumerate(sentences):
        here = [i for i in sentence if _per(i) is not None]
        rates += [(n, i) for i in here]
        spans = [(i, h) for i in sentence if (h := _span(i)) is not None]
        amounts = [i for i in sentence if _amount(i)]
        if len(here) != 1 or len(spans) != 1 or len(amounts) != 1:
            continue
        rate, (span, _), amount = here[0], spans[0], amounts[0]
        count = _periods(span, _per(rate) or "")
        if count is None or not _comparable(rate, amount):
            continue
        implied = _mul(_native(rate), count)
        if _overlap(implied, _native(amount)):
            shown = [rate, amount]
            found.append(_rate_item(
                [rate, span, amount],
                f"in {rate.doc.id}, the rate adds up: {_rate_in(rate)} for {_q(span)} "
                f"gives {_shown_native(implied, shown)}; {_q(amount)} reads "
                f"{_shown_native(_native(amount), shown)}"))
    for (n, first), (m, second) in zip(rates, rates[1:]):
        if m - n > 2 or _per(first) == _per(second) or not _comparable(first, second):
            continue
        periods = _words().period
        # the first rate per the second's period: "£12 million" a year is £229,000-240,000 a week
        implied = _div(_native(first), _div(periods[_per(first) or ""], periods[_per(second) or ""]))
        if not _overlap(implied, _native(second)):
            continue
        shown = [first, second]
        found.append(_rate_item(
            [first, second],
            f"in {first.doc.id}, the rates agree: {_rate_in(first)} is "
            f"{_shown_native(implied, shown)} a {_per(second)}; {_rate_in(second)} reads "
            f"{_shown_native(_native(second), shown)}"))
    return found


def _comparable(a: Item, b: Item) -> bool:
    """Two figures in one currency, or of one unit."""
    if a.mention.kind == "money" or b.mention.kind == "money":
        return a.mention.kind == b.mention.kind and a.mention.unit == b.mention.unit
    return _same_unit(a, b)


def _rate_item(claims: Sequence[Item], explanation: str, verdict: str = "consistent") -> CheckItem:
    return CheckItem(tuple(c.claim for c in claims), verdict, explanation,
                     {"check": "arithmetic", "relation": "rate", "kind": claims[-1].mention.kind})


@dataclass
class _Total:
    """An amount over a period: "£142 billion of extra borrowing over five years"."""

    item: Item
    span: Item
    hourly: Interval  # what it comes to an hour
    words: frozenset[str]  # what it is of: "extra", "borrow"


def _totals_over(sentences: Sequence[Sequence[Item]]) -> list[_Total]:
    found = []
    for sentence in sentences:
        figures = [i for i in sentence if i.mention.kind not in _CALENDAR]
        for item, span in zip(figures, figures[1:]):
            if not _amount(item) or (hours := _span(span, whole=True)) is None:
                continue
            text = item.doc.text
            lead = re.match(r"(?:\w+\s+)", span.mention.text)  # "over" of "over five years"
            gap = text[item.mention.end:span.mention.start] + (lead.group() if lead else "")
            if not _words().over.match(gap) or _words().rate_after.search(gap):
                continue
            words = frozenset(_stem(t.lemma) for t in tokens(gap) if is_content(t)) | _anchor_stems(item)
            found.append(_Total(item, span, _div(_native(item), hours), words))
    return found


def _totals_against_rates(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A total over a period against a rate of the same thing ("£142 billion of extra borrowing
    over five years" against "borrowing goes up by an average of £32.3 billion a year"): the rate
    is looked for by its currency and size among the figures whose about or subject shares a
    word with what the total is of. In one report only agreement is reported; another report's
    rate that the total does not come to is `divergent` (the reports may count different periods
    or baselines)."""
    by_size: dict[tuple[str, int], list[Item]] = {}
    for items in per_doc:
        for item in (i for sentence in _sentences(items) for i in sentence):
            if (hourly := _hourly(item)) is not None:
                by_size.setdefault((_index(item)[0], _size(sum(hourly) / 2)), []).append(item)
    found = []
    for items in per_doc:
        for total in _totals_over(_sentences(items)):
            key, size = _index(total.item)[0], _size(sum(total.hourly) / 2)
            seen: set[str] = set()  # one check against each report
            for rate in (r for b in (size - 1, size, size + 1) for r in by_size.get((key, b), ())):
                doc = rate.doc.id
                if (doc in seen or rate is total.item or not _comparable(rate, total.item)
                        or not total.words & _anchor_stems(rate)):
                    continue
                count = _periods(total.span, _per(rate) or "")
                if count is None:
                    continue
                implied = _div(_native(total.item), count)
                fits = _overlap(implied, _native(rate))
                same = doc == total.item.doc.id
                if same and not fits:
                    continue
                seen.add(doc)
                shown = [total.item, rate]
                where = f"in {doc}" if same else f"{total.item.doc.id} gives the total, {doc} the rate"
                explanation = (f"{where}: {_q(total.item)} {_q(total.span)} is "
                               f"{_shown_native(implied, shown)} a {_per(rate)}; "
                               f"{_rate_in(rate)} reads {_shown_native(_native(rate), shown)}"
                               + (": the total and the rate agree" if fits else
                                  ": they differ (the reports may count different periods or baselines)"))
                found.append(_rate_item([total.item, total.span, rate], explanation,
                                        "consistent" if fits else "divergent"))
    return found
