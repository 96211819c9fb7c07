"""``extract()``: text in, :class:`~numclaims.model.Mention` list out.

The dimensions' whole-text scans find dates, vague amounts ("tens of thousands") and shares
("a third of"); then every figure is read once (:mod:`.dimensions.figure`) and the dimensions'
rules decide what it is, in rank order (:data:`RULES`): a currency sign or name makes money,
a per-cent word a ratio, a unit word a measure, "17-year-old" or "aged 31" an age, a four-digit figure alone a year, anything
else a count (with the noun it counts) or a bare number. This module only runs them, drops
overlaps, merges ranges and compound measures, links parenthetical restatements and
normalises.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re

from numclaims.errors import InputError, UnknownCurrencyError
from numclaims.extraction import frames, money, rules, scan, when
from numclaims.extraction.dimensions import REJECT, Context, Decision, Draft, Rule, Scan
from numclaims.extraction.dimensions import age, count, date, duration, measure, ratio, year
from numclaims.extraction.dimensions import money as money_rules
from numclaims.extraction.dimensions.figure import Reading, read_figure
from numclaims.extraction.lexicon import lexicon
from numclaims.extraction.numbers import NUMBER_RE, find_numbers
from numclaims.extraction.qualifiers import interval, qualifier_after, qualifier_before
from numclaims.extraction.subjects import subject_after
from numclaims.extraction.textspans import SpanSet, protected_spans
from numclaims.model import MENTION_FIELDS, Mention
from numclaims.normalise import fx, units
from numclaims.normalise.normalize import normalise

# matched in place, never on a slice text[end:], which would copy the rest of the text each time
_OF = re.compile(r"\s+of\b")
# A proper name's capitals: what may open a sentence, the next word, how far a line is read.
_SENTENCE_OPENERS = set(".!?:;\"'“‘(—–-")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LINE_REACH = 300
_TITLE_CASE_SHARE = 0.6  # of at least _TITLE_CASE_WORDS other words longer than three letters
_TITLE_CASE_WORDS = 4

#: Every dimension's rules, in the order they are tried (a rule's rank): the first verdict wins.
RULES: tuple[Rule, ...] = tuple(sorted(
    [*money_rules.rules, *ratio.rules, *measure.rules, *age.rules, *year.rules, *count.rules], key=lambda rule: rule.rank))
#: The whole-text scans, run before the figures: what they find, no figure may overlap; where two
#: scans' phrases overlap, the earlier scan's wins ("two-thirds of a mile" is a length, not 66.7%).
SCANS: tuple[Scan, ...] = (
    *date.scans, *year.scans, *count.scans, *measure.scans, *duration.scans, *ratio.scans, *money_rules.scans)


def parse_published(published: dt.date | dt.datetime | str | None) -> dt.date | None:
    """The publication date: a date, a datetime, or a whole ISO 8601 string.

    One rule for the library, the CLI and the API: what Python's ``date.fromisoformat`` or
    ``datetime.fromisoformat`` reads, and nothing after it.

    >>> [parse_published(s).isoformat() for s in ("2019-04-25", "20190425", "2019-W17-4", "2019-04-25T08:00:00Z")]
    ['2019-04-25', '2019-04-25', '2019-04-25', '2019-04-25']
    >>> parse_published("2019-04-25junk")
    Traceback (most recent call last):
    ...
    numclaims.errors.InputError: published must be an ISO date like 2019-04-25, got '2019-04-25junk'
    """
    if published is None or isinstance(published, dt.date) and not isinstance(published, dt.datetime):
        return published  # type: ignore[return-value]
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, str):
        text = published.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise InputError(f"published must be an ISO date like 2019-04-25, got {published!r}", field="published")


def validate_currency(code: str, field_name: str) -> str:
    """An ISO 4217 code that money can be converted to, upper-cased, else an error naming the field."""
    if not isinstance(code, str) or code.upper() not in lexicon().iso_codes:
        raise UnknownCurrencyError(f"{field_name} {code!r} is not an ISO 4217 currency code", field=field_name)
    if code.upper() not in fx.convertible_currencies():
        raise UnknownCurrencyError(
            f"{field_name} {code!r} has no exchange rates to convert to "
            f"(numclaims.normalise.fx.supported_currencies() lists those that do)", field=field_name)
    return code.upper()


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    base_currency: str = "USD",
    currency_hint: str | None = None,
    outlet_country: str | None = None,
) -> list[Mention]:
    """Every quantity in ``text``, in order of position, normalised.

    A bare currency sign ("$", "¥", "Rs") is read by :func:`numclaims.extraction.money.sign_reading`:
    ``currency_hint`` when given, else the wire agency a dateline credits ("SEATTLE (AP) -" reads
    US dollars on any outlet), else ``outlet_country``, else the sign's default with a note.

    >>> [m.text for m in extract("more than US$500 million (S$681 million) a year")]
    ['more than US$500 million', 'S$681 million']
    """
    if not isinstance(text, str):
        raise InputError(f"text must be a string, got {type(text).__name__}", field="text")
    published_date = parse_published(published)
    base = validate_currency(base_currency, "base_currency")
    money.validate_hint(currency_hint)
    money.validate_hint(outlet_country, "outlet_country")
    ctx = Context(text, published_date, money.sign_reading(text, currency_hint, outlet_country), scan.fold(text),
                  money.unit_reading(text, currency_hint, outlet_country))

    protected = SpanSet(protected_spans(text))
    drafts = _scanned(ctx, protected)
    taken = SpanSet(sorted((d.start, d.end) for d in drafts))
    last_end = 0
    for match in find_numbers(text, ctx.folded):
        start, end = match.span()
        if start < last_end or protected.overlaps(start, end) or taken.overlaps(start, end):
            continue
        draft = _number(ctx, match)
        # A sign or qualifier read leftwards may belong to the mention before: in "5 USD 40"
        # the code ends "5 USD", so "USD 40" would overlap it (found by fuzz/extract.py).
        if draft is not None and draft.start >= last_end and not taken.overlaps(draft.start, draft.end):
            drafts.append(draft)
            last_end = draft.end
    drafts.sort(key=lambda d: (d.start, -d.end))
    drafts = _merge_compounds(text, _merge_ranges(text, drafts))
    _link_equivalents(text, drafts)
    _minor_units_in_context(drafts)
    frames.frame_fields(text, drafts, ctx.folded)
    when.attach(text, drafts, published_date, ctx.folded)
    count.bare_counts(drafts)
    count.elided_nouns(text, drafts)
    mentions = [_finish(text, d, published_date, base) for d in drafts]
    if all(_finite(m) for m in mentions):
        return mentions
    kept = [i for i, m in enumerate(mentions) if _finite(m)]
    new_index = {old: new for new, old in enumerate(kept)}
    return [
        dataclasses.replace(mentions[i], equivalent_of=new_index.get(mentions[i].equivalent_of))
        if mentions[i].equivalent_of is not None else mentions[i]
        for i in kept
    ]


def _scanned(ctx: Context, protected: SpanSet) -> list[Draft]:
    """The drafts of every scan, in :data:`SCANS` order, less those that overlap an earlier one."""
    drafts: list[Draft] = []
    for found in SCANS:
        new = found.find(ctx, protected)
        if new and drafts:
            spans = [(d.start, d.end) for d in drafts]
            new = [d for d in new if not any(s < d.end and d.start < e for s, e in spans)]
        drafts.extend(new)
    return drafts


def _finite(mention: Mention) -> bool:
    """False for a reading that overflowed a float (a 400-digit figure, 1e308 km in metres):
    there is no honest value to report, so such a figure is left out rather than sent as inf."""
    numbers = [mention.value, mention.low, mention.high, mention.precision]
    if mention.normalized:
        get = mention.normalized.get
        numbers += (get("value"), get("low"), get("high"), get("precision"))
    for x in numbers:  # a plain loop: this runs for every mention
        if isinstance(x, float) and not math.isfinite(x):
            return False
    return True


def _number(ctx: Context, match: re.Match[str]) -> Draft | None:
    """The figure of ``match`` as a mention: read it, let the first rule that knows its
    dimension decide, then read its qualifiers and subject."""
    reading = read_figure(ctx, match)
    if reading is None:
        return None
    for rule in RULES:
        verdict = rule.apply(ctx, reading)
        if verdict is None:
            continue
        if verdict is REJECT:
            return None
        if isinstance(verdict, Draft):
            return verdict
        assert isinstance(verdict, Decision)
        return _qualified(ctx.text, reading, verdict)
    return None  # unreachable: the count rule decides every figure


def _qualified(text: str, r: Reading, decision: Decision) -> Draft | None:
    """A decided figure with its qualifiers ("more than", "or more"), interval and subject."""
    mention_start, pos, kind = r.mention_start, r.pos, decision.kind
    qualifier = "exact"
    if r.high_value is not None:
        qualifier = "range"
        before = qualifier_before(text, mention_start)
        if before and before[0] == "approx":  # "about 3km-5km": the range's bounds are rounded
            mention_start = before[1]
            r.notes.append("the range is stated approximately")
    else:
        before = qualifier_before(text, mention_start)
        if before:
            qualifier, mention_start = before
        after = qualifier_after(text, pos)
        if after and qualifier == "exact":
            qualifier, pos = after
    if r.high_value is not None:
        low, high = r.value, r.high_value
        stated: float | None = None
    elif r.tolerance is not None and qualifier == "exact":  # "5 ± 0.2 kg" is 4.8 to 5.2
        low, high = r.value - r.tolerance, r.value + r.tolerance
        stated = r.value
    else:
        low, high = interval(r.value, r.precision, qualifier)
        stated = r.value
    if r.words is not None and _in_a_name(text, r.start, pos):
        return None  # "the Million Man March", "Thousand Oaks", "the Hundred Years War"
    subject = subject_after(text, pos) if kind != "ratio" or _OF.match(text, pos) else None
    if kind == "count" and subject is None:
        kind = "other"
    return Draft(
        mention_start, pos, kind, stated, unit=decision.unit, low=low, high=high, qualifier=qualifier,
        precision=r.precision, subject=subject, ambiguities=r.notes, guessed_group=r.guessed_group,
    )


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Is a capitalised number word inside a proper name: capitalised mid-sentence and followed
    by another capitalised word, in a line that is not set in title case (a headline's
    capitals say nothing)?

    >>> def named(text, number):
    ...     start = text.index(number)
    ...     return _in_a_name(text, start, start + len(number))
    >>> named("He joined the Million Man March.", "Million")
    True
    >>> named("Million Man March organisers met.", "Million")  # a sentence's first word
    False
    >>> named("Officials Expect Two Million Visitors At The Annual Summer Festival", "Two Million")
    False
    """
    if not text[start : start + 1].isupper():
        return False
    before = text[max(0, start - 3) : start].rstrip()
    if not before or before[-1] in _SENTENCE_OPENERS:
        return False  # the first word of a sentence is capitalised anyway
    following = _NEXT_WORD.match(text, end)
    if following is None or not following.group(1)[0].isupper():
        return False
    name_end = following.end()
    line_start = max(text.rfind("\n", 0, start) + 1, start - _LINE_REACH)
    line_end = text.find("\n", end)
    line_end = min(len(text) if line_end == -1 else line_end, end + _LINE_REACH)
    # the rest of the line, not the name itself, says whether capitals are the line's style
    words = [w.group() for w in _WORD.finditer(text, line_start, line_end)
             if len(w.group()) > 3 and not start <= w.start() < name_end]
    capitals = sum(1 for w in words if w[0].isupper())
    return not (len(words) >= _TITLE_CASE_WORDS and capitals >= _TITLE_CASE_SHARE * len(words))


_RANGE_BETWEEN = re.compile(r"\s*(?:-|\u2013|\u2014|to|and)\s*")
_RANGE_BOUND_QUALIFIERS = ("exact", "approx")
_BY_BEFORE = re.compile(r"(?i)\bby\s+$")


def _after_delta(text: str, merged: list[Draft], opener: int) -> bool:
    """Does "from" at ``opener`` follow a change's amount ("lifted its benchmark by 0.25
    percentage points, from 4 percent to 4.25 percent")? Then its figures are the change's
    start and level, not a range."""
    if len(merged) < 2:
        return False
    delta = merged[-2]
    return bool(_COMMA_GAP.fullmatch(text, delta.end, opener)) and _BY_BEFORE.search(
        text, max(0, delta.start - 4), delta.start) is not None


_COMMA_GAP = re.compile(r"\s*,\s*")


def _merge_ranges(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join "from 3km to 5km", "between $10 and $20 million" and "-18°C to -34°C" into ranges.

    Ranges whose unit is written once ("5-10km") are read directly by :func:`_number`; this
    catches the ones that repeat it, which the number walk sees as two mentions.
    """
    merged: list[Draft] = []
    for draft in drafts:
        prev = merged[-1] if merged else None
        if prev is not None and _unit_written_once(text, prev, draft):
            # "Casablanca and Rabat, 300 and 370 kilometers away", "52 and 41 percent": two
            # figures (no "between" makes them a range), the unit written with the second; and
            # the bare figures of a list before them ("fell 2.42, 6.87 and 0.36 per cent")
            prev.kind, prev.unit = draft.kind, draft.unit
            listed = prev
            for earlier in reversed(merged[:-1]):
                if not (earlier.kind == "other" and earlier.qualifier == "exact" and isinstance(earlier.value, float)
                        and _LIST_COMMA.fullmatch(text, earlier.end, listed.start)):
                    break
                earlier.kind, earlier.unit, listed = draft.kind, draft.unit, earlier
            merged.append(draft)
            continue
        if prev is not None and _bounded_range(text, prev, draft):
            # "no more than 10% to 20%", "at least 5 to 6 million": the bound covers the range,
            # one figure whose far end is open
            if prev.qualifier in _LOWER_BOUNDS:
                prev.low, prev.high = prev.value, None
            else:
                prev.low, prev.high = None, draft.value
            prev.end, prev.value = draft.end, None
            prev.precision = max(prev.precision or 0.0, draft.precision or 0.0)
            prev.subject = draft.subject or prev.subject
            prev.ambiguities.extend(draft.ambiguities)
            continue
        # "2 - ~7 litres", "between 5 and six millimetres": a bare first figure takes the unit
        # of the second, when it is the smaller
        bare_first = (prev is not None and prev.kind == "other" and prev.qualifier == "exact"
                      and draft.unit is not None and isinstance(prev.value, float)
                      and isinstance(draft.value, float) and prev.value < draft.value)
        if (
            prev is not None
            and (bare_first or prev.kind == draft.kind and prev.unit == draft.unit)
            and draft.kind not in ("date", "other")
            # "about 3km-5km", "between 2 l and about 7 l": the rounding word of one bound
            # is the rounding of the range
            and prev.qualifier in _RANGE_BOUND_QUALIFIERS and draft.qualifier in _RANGE_BOUND_QUALIFIERS
            and isinstance(prev.value, float)
            and isinstance(draft.value, float)
            and (connector := _RANGE_BETWEEN.fullmatch(text, prev.end, draft.start)) is not None
        ):
            word = connector.group().strip()
            opener = rules.BETWEEN_RE.search(text, max(0, prev.start - 10), prev.start)
            wanted = {"and": "between", "to": None}.get(word)
            changed = frames.change_before(text, opener.start() if opener else prev.start)
            falling = draft.value < prev.value
            if changed is None and opener is not None and opener.group(1).lower() == "from":
                changed = frames.change_in_clause(text, opener.start())
            if word == "to" and (falling and (opener is None or changed is not None)
                                 # "fell one cent to $105.74": a fall to more is its amount, then
                                 # its level ("fell 5 to 10 percent" is a range of falls)
                                 or opener is None and changed == "down" and draft.value >= _LEVEL_OVER_DELTA * prev.value
                                 or _BY_BEFORE.search(text, max(0, prev.start - 4), prev.start)
                                 # ("should grow 21% to 28%" is a range of rises: no "from", and
                                 # the second too close to the first to be its level)
                                 or changed is not None and (changed == "down") == falling and (
                                     falling or opener is not None or draft.value >= _LEVEL_OVER_DELTA * prev.value)
                                 or opener is not None and _after_delta(text, merged, opener.start())):
                # "fell from 52 percent to 41 percent", "leads by 52 percent to 41 percent",
                # "grew by $12.1 billion to $310.5 billion", "gained $14 to $2,340", "rose from
                # $32m to $34m": a change and a level (or its start and its level), two figures;
                # but "ranged from -18 °C to -34 °C" is a range, and so is a change whose verb
                # says the other way ("reduced from 44 mg to 50 mg")
                merged.append(draft)
                continue
            if (wanted is None or opener and opener.group(1).lower() == wanted) and draft.value != prev.value:
                if prev.qualifier != "exact" or draft.qualifier != "exact":
                    prev.ambiguities.append("a bound of the range was stated approximately")
                prev.kind, prev.unit = draft.kind, draft.unit
                low, high = sorted((prev.value, draft.value))
                if opener is not None and (word != "-" and word not in ("\u2013", "\u2014") or opener.group(1).lower() == "between"):
                    prev.start = opener.start(1)  # "between 5% and 10%"; not "from 4.25%-4.5%", a change's start
                prev.end, prev.value, prev.low, prev.high = draft.end, None, low, high
                prev.qualifier = "range"
                prev.precision = max(prev.precision or 0.0, draft.precision or 0.0)
                prev.subject = draft.subject or prev.subject
                prev.ambiguities.extend(draft.ambiguities)
                continue
        merged.append(draft)
    return merged


_LEVEL_OVER_DELTA = 4
_LOWER_BOUNDS = frozenset({"more_than", "at_least"})
_UPPER_BOUNDS = frozenset({"less_than", "at_most", "up_to"})
_BOUND_TO = re.compile(r"\s*(?:to|-|\u2013)\s*")


def _bounded_range(text: str, prev: Draft, draft: Draft) -> bool:
    """Is ``prev`` a bound ("no more than 10%") whose figure opens a range with ``draft`` ("to 20%"),
    of one kind and unit, not a change's start and level ("more than 5% to $34m")?"""
    return (prev.qualifier in _LOWER_BOUNDS | _UPPER_BOUNDS and draft.qualifier == "exact"
            and prev.kind == draft.kind and prev.unit == draft.unit and draft.kind not in ("date", "other", "year")
            and isinstance(prev.value, float) and isinstance(draft.value, float) and prev.value < draft.value
            and _BOUND_TO.fullmatch(text, prev.end, draft.start) is not None
            and frames.change_before(text, prev.start) is None
            # "extends its range from up to 180 miles to 220 miles": a from-to pair
            and _FROM_BEFORE.search(text, max(0, prev.start - 6), prev.start) is None)


_FROM_BEFORE = re.compile(r"(?i)\bfrom\s+$")
_AND_BETWEEN = re.compile(r"\s+and\s+")
_LIST_COMMA = re.compile(r",\s+")
_NOT_SHARED = frozenset({"money", "count", "other", "year", "date", "age"})


def _unit_written_once(text: str, prev: Draft, draft: Draft) -> bool:
    """Is ``prev`` a bare figure joined by "and" to a measure or ratio whose unit it shares
    ("300 and 370 kilometers", "52 and 41 percent"), not the start of a range ("between 5 and
    10 km") nor money, nor a scaled figure (in "2 and 3 million dollars" the scale is shared too)?"""
    return (prev.kind == "other" and prev.qualifier == "exact" and draft.unit is not None
            and draft.kind not in _NOT_SHARED and draft.qualifier == "exact"
            and isinstance(prev.value, float) and isinstance(draft.value, float)
            and _AND_BETWEEN.fullmatch(text, prev.end, draft.start) is not None
            and rules.BETWEEN_RE.search(text, max(0, prev.start - 10), prev.start) is None
            # "2 and 3 million km": the scale would be shared too, and is not written with the first
            and (second := NUMBER_RE.match(text, draft.start)) is not None
            and rules.scale_after(text, second.end(), money=True) is None)


_COMPOUND_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)?")
_COMPOUND_KINDS = frozenset({"length", "mass", "duration"})


def _merge_compounds(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join "6 feet 2 inches", "2 km and 1 metre" and "3 hours, 4 minutes and 12 seconds" into one
    measure in the smallest unit (each part in a smaller unit than the one before)."""
    merged: list[Draft] = []
    for draft in drafts:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind == draft.kind
            and prev.kind in _COMPOUND_KINDS
            and prev.unit != draft.unit
            and prev.qualifier in ("exact", "approx", "more_than", "nearly")
            and draft.qualifier == "exact"
            and isinstance(prev.value, float)
            and isinstance(draft.value, float)
            and prev.unit is not None
            and draft.unit is not None
            and _COMPOUND_BETWEEN.fullmatch(text, prev.end, draft.start) is not None
            and units.convert(1.0, prev.unit, draft.unit) > 1.0
        ):
            value = float(f"{units.convert(prev.value, prev.unit, draft.unit) + draft.value:.12g}")
            low, high = interval(value, draft.precision or 0.0, prev.qualifier)
            prev.end, prev.value, prev.unit, prev.low, prev.high = draft.end, value, draft.unit, low, high
            prev.precision, prev.subject = draft.precision, draft.subject or prev.subject
            continue
        merged.append(draft)
    return merged


_EQUIV_CLOSE = re.compile(r"\s*\)")
# a bracket may hold two restatements: "1,500 CFA francs ($2.47, or about GH¢33)"
_EQUIV_NEXT = re.compile(r",\s+or\b")


def _link_equivalents(text: str, drafts: list[Draft]) -> None:
    """Mark "US$500 million (S$681 million)" and "17 kilometer (11 mile)" as restatements."""
    between_re = lexicon().restatement_re  # " (", ", or about " (restatements.txt)
    for i in range(1, len(drafts)):
        first, second = drafts[i - 1], drafts[i]
        if first.kind != second.kind or first.unit == second.unit or first.unit is None:
            continue
        if first.kind in ("count", "other", "year", "date"):
            continue
        # "€30m-a-year (£25.6m)": a restatement may follow the rate's denominator
        between = between_re.fullmatch(text, first.end, second.start) or between_re.fullmatch(
            text, frames.rate_tail_end(text, first.end), second.start)
        if between is None:
            continue
        if between.group().strip().startswith("(") and not (
                _EQUIV_CLOSE.match(text, second.end) or _EQUIV_NEXT.match(text, second.end)):
            continue
        # the second restatement of a bracket restates the same figure as the first
        second.equivalent_of = i - 1 if first.equivalent_of is None else first.equivalent_of
        if second.subject is None:
            second.subject = first.subject


def _minor_units_in_context(drafts: list[Draft]) -> None:
    """"Coffee costs €2.50 and a stamp 85 cents": a minor unit whose currency was a guess takes
    the currency of the money stated before it in the text, when that currency has such a unit."""
    groups = lexicon().currency_groups
    last_money: str | None = None
    for draft in drafts:
        if draft.kind != "money":
            continue
        group = draft.guessed_group
        if group is not None and last_money is not None and last_money in groups.get(group, ("", ()))[1]:
            draft.unit = last_money
            draft.ambiguities = [f"'{group}' read as {last_money}, the currency of the amount before it"]
        elif draft.unit is not None:
            last_money = draft.unit


#: How a money mention's ``normalized["note"]`` says it was converted at the data's latest rate.
LATEST_RATE = "latest rate used"


def _finish(text: str, draft: Draft, published: dt.date | None, base: str) -> Mention:
    normalized = normalise(draft.kind, draft.value, draft.unit, draft.low, draft.high, draft.precision, published, base)
    if draft.kind == "money" and published is None and normalized and "error" not in normalized:
        normalized["note"] = f"no publication date given: {LATEST_RATE}"
    if draft.per is not None and normalized is not None:
        # a rate: "$71.20 a barrel" is 71.2 USD per oil_barrel, "120 km/h" 33.3 m per second
        if (per := frames.canonical_per(draft.per, draft.unit, normalized.get("unit"))) is not None:
            normalized["per"] = per
    return Mention(text=text[draft.start : draft.end], normalized=normalized, ambiguities=tuple(draft.ambiguities),
                   **{name: getattr(draft, name) for name in _COPIED_FIELDS})


#: The Mention fields a Draft carries under the same name (all but the three _finish makes):
#: a field added to both is copied without a line here.
_COPIED_FIELDS = tuple(name for name in MENTION_FIELDS if name not in ("text", "normalized", "ambiguities"))
