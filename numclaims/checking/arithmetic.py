"""Arithmetic that figures state among themselves: a change and its levels, parts and a total,
a rate and its total, a share and its base.

Each relation is checked with the rounding every figure's wording allows (interval arithmetic
over the claims' readings, so "2.19 percent" is 2.185% to 2.195% and "836.52 points" 836.515 to
836.525); amounts of one currency are compared in it (whatever each report's exchange rate, and
with none: "KSh 14.8 million"). A wrong flag is the worst outcome, so what links figures across
sentences or reports reports agreement only unless said otherwise below:

* **a change and its levels**, in one sentence: a delta, a percentage and the level reached
  or started from ("gained 836.52 points, or 2.19 percent, to close at 39,098.68": 836.52 on the
  38,262.16 before is 2.186%, consistent; "fell 3.4% to £115.31bn from £119.4bn"). Any two of
  them imply the others: start + delta = level, start x (1 + percentage) = level, delta / start
  = percentage; percentage points add to a percentage level; ``conflict`` when they do not. The
  frames say each figure's role (``Mention.change``, ``Mention.direction``);
  ``arithmetic_words.tsv`` adds what they miss ("or 2.19 percent" restates the change, a bare
  figure after "to" or "at" is the level, a level may come first: "$5.16, up 33%", "412 (+211)
  seats"). Two levels alone go the way their words say ("27%, up from only 3%"). A change with
  no level in its sentence takes one from another sentence (:func:`_levels_elsewhere`), and in
  :func:`check_totals_across` a change is set against another report's start and level of the
  same figure (:func:`_changes_across`): agreement only;
* **parts and a total**: figures of one kind joined by "and" or "plus" ("its 149 passengers and
  eight crew") against a figure that the words around it make a total ("all 157 on board"), in
  the same report (``conflict``) or, when a story is checked at once, in another report of it
  whose sentence shares most words with the parts' sentence (``divergent``). A total is looked
  for only within ``TOTAL_WINDOW`` of the parts' sum: further off it is some other figure. A
  total in words is also set against the amounts its report gives before it
  (:func:`_parts_before`, agreement only);
* **a rate and its total** (:func:`_rates`, :func:`_totals_against_rates`): rate x duration =
  amount, one rate per two periods, a total over a period against a rate of the same thing
  (``divergent`` across reports);
* **a share and its base** (:func:`_shares_against_bases`): "1.5 per cent of its economy" of an
  amount against an economy the story states (``divergent`` or ``conflict`` only when
  ``SHARE_DRIFT`` off).

Every check is a :class:`~numclaims.model.CheckItem` with ``details["check"] == "arithmetic"``
and ``details["relation"]`` (``change``, ``parts``, ``rate`` or ``share``). The work is
near-linear: what is matched across sentences or reports is filed by currency or unit and size.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from numclaims.checking.claims import Item
from numclaims.checking.groups import FX_GROUP_SLACK
from numclaims.checking.numbers import fmt_interval
from numclaims.checking.readings import reading, written_scale
from numclaims.checking.text import is_content, lemma, sentence_bounds, tokens
from numclaims.extraction.lexicon import alternation, read_rows
from numclaims.model import CheckItem

#: A total is looked for this close to the parts' sum (relative): further off it is another figure.
TOTAL_WINDOW = 0.1
#: Characters either side of a figure in which a total word makes it a total ("all 157 on board").
TOTAL_REACH = 30
#: A total in words is set against the amounts before it only when they are this few: more are
#: no sum a report writes out.
MAX_PARTS = 8
# the kinds that parts can be: counts, and figures with a unit (money, areas); not percentages
# (shares of different wholes do not add), years or dates
_NOT_PARTS = frozenset({"year", "date", "ratio", "age"})
_PERCENT = frozenset({"percent", "percentage_point"})
Interval = tuple[float, float]


@dataclass(frozen=True)
class _Words:
    total: re.Pattern[str]
    total_after: re.Pattern[str]  # after a figure only: "a fee of £115m, made up of ..."
    additive: re.Pattern[str]  # "and a further": the next figure adds to the one before
    joiner: re.Pattern[str]
    restate: re.Pattern[str]
    level: re.Pattern[str]
    total_words: frozenset[str]
    start_after: re.Pattern[str]  # a change, then its start: "17 percent from its ... level of"
    appositive_delta: re.Pattern[str]  # a level, a comma and the change: "$4.93, up 33%"
    appositive_start: re.Pattern[str]  # a level, a comma and its start: "27%, up from only 3%"
    alternative: re.Pattern[str]  # "up 22% from the previous quarter and 265% from a year earlier"
    over: re.Pattern[str]  # "£142 billion of extra borrowing over five years"
    up: frozenset[str]
    down: frozenset[str]
    period: dict[str, Interval]  # hours in a period
    determiners: frozenset[str]  # total words before a noun are the noun's: "in all competitions"
    rate_after: re.Pattern[str]  # "£70 billion annually": a rate the extractor gave no period
    rate_period: dict[str, str]  # "annually" -> "year"
    share_of: re.Pattern[str]  # after a percentage: "of its economy"
    beat: re.Pattern[str]  # "beat the consensus estimate of" before a figure
    reference: re.Pattern[str]  # "£6billion below the £40billion": what a change is measured from
    beat_way: dict[str, str]  # "beat" -> "up"
    base_before: re.Pattern[str]  # before an amount: "an economy of about", "GDP of"
    base_words: frozenset[str]


@cache
def _words() -> _Words:
    rows = {role: [w.strip() for w in words.split(",") if w.strip()]
            for role, words in read_rows("arithmetic_words.tsv")}

    def anywhere(role: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{alternation(rows[role])})\b", re.IGNORECASE)

    def any_of(*roles: str) -> str:
        return alternation([w for role in roles for w in rows[role]])

    # between two parts, once the first one's noun is taken off: a joiner or a comma, then
    # perhaps a determiner ("149 passengers and the airline's eight crew")
    joiner = re.compile(rf"^\s*(?:,\s*(?:{alternation(rows['joiner'])})?|(?:{alternation(rows['joiner'])}))\s+"
                        rf"(?:(?:{any_of('part_determiner')}|[^\W\d_]+['’]s)\s+){{0,2}}$", re.IGNORECASE)
    restate = re.compile(rf"^[^\d.;:()]{{0,12}}?,\s*(?:{alternation(rows['restate'])})\s+$", re.IGNORECASE)
    level = re.compile(rf"\b(?:{alternation(rows['level'])})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
    clause = any_of("clause")
    word = rf"(?!(?:{clause})\b)[\w'’-]+\s+"  # a word that starts no clause
    filler = rf"(?:(?!(?:{any_of('not_filler')})\b)[\w'’.-]+\s+){{0,5}}"
    adverb = any_of("up", "down")
    noun = rf"(?:an?\s+|the\s+)?(?:{word}){{0,2}}(?:{any_of('change_noun')})\s+"
    start, compared = any_of("start"), any_of("start", "compared")
    # the words before the comma: no other clause, no sentence end ("sales were $5bn, while ...")
    head = rf"^(?:(?!\b(?:{clause})\b)[^;:!?()]){{0,80}}?,\s+"
    start_after = re.compile(rf"^[\s,]*(?:(?P<adverb>{adverb})\s+)?(?:{start})\s+{filler}$",
                             re.IGNORECASE)
    appositive_delta = re.compile(rf"{head}(?:(?:{adverb})\s+(?:by\s+)?|{noun}(?:of\s+|by\s+)?|)$",
                                  re.IGNORECASE)
    appositive_start = re.compile(
        rf"{head}(?:(?P<adverb>{adverb})\s+|{noun})?(?:{compared})\s+{filler}$", re.IGNORECASE)
    alternative = re.compile(rf"^[^\d;:()]{{0,60}}\b(?:{any_of('alternative')})\s+$", re.IGNORECASE)
    over = re.compile(
        rf"^[^\d;:()]{{0,40}}?\b(?:{any_of('over')})\s+(?:(?:{any_of('period_lead')})\s+)?$",
        re.IGNORECASE)
    rate_period = {w.partition("=")[0].strip().lower(): w.partition("=")[2].strip()
                   for w in rows["rate_after"]}
    rate_after = re.compile(rf"^\s*({alternation(list(rate_period))})\b", re.IGNORECASE)
    beat_way = {w.partition("=")[0].strip().lower(): w.partition("=")[2].strip() for w in rows["beat"]}
    beat = re.compile(rf"\b(?P<verb>{alternation(list(beat_way))})\s+(?:[^\W\d][\w'’.-]*\s+){{0,6}}$",
                      re.IGNORECASE)
    base = any_of("base_noun")
    owner = r"(?:(?:the|its|their|his|her|our|this|that|[^\W\d_]+['’]s?)\s+)?"
    share_of = re.compile(rf"^\s*of\s+{owner}(?:{base})\b", re.IGNORECASE)
    base_before = re.compile(rf"\b(?:{base})\s+(?:(?:of|was|is|at|worth|stood at|stands at|"
                             rf"about|around|some|roughly|nearly|almost)\s+){{1,2}}$", re.IGNORECASE)
    base_words = frozenset(w.lower() for phrase in rows["base_noun"] for w in phrase.split())
    period: dict[str, Interval] = {}
    for entry in rows["period"]:
        name, _, hours = entry.partition("=")
        low, _, high = hours.partition("-")
        period[name.strip()] = (float(low), float(high or low))
    return _Words(
        total=anywhere("total"), total_after=anywhere("total_after"), additive=anywhere("additive"),
        joiner=joiner, restate=restate, level=level,
        total_words=frozenset(w for ws in rows["total"] for w in ws.lower().split()),
        start_after=start_after, appositive_delta=appositive_delta,
        appositive_start=appositive_start, alternative=alternative, over=over,
        up=frozenset(w.lower() for w in rows["up"]), down=frozenset(w.lower() for w in rows["down"]),
        period=period, determiners=frozenset(w.lower() for w in rows["determiner"]),
        rate_after=rate_after, rate_period=rate_period, share_of=share_of, beat=beat,
        beat_way=beat_way, base_before=base_before, base_words=base_words,
        reference=re.compile(rf"^\s*(?:{any_of('reference')})\s+(?:(?:the|a|an|its|their)\s+)?$",
                             re.IGNORECASE))


def check_arithmetic(items: Sequence[Item]) -> list[CheckItem]:
    """The arithmetic checks inside one document (``items`` are its claims, in text order)."""
    found: list[CheckItem] = []
    sentences = _sentences(items)
    runs = [run for sentence in sentences for run in _changes(sentence)]
    found += [c for run in runs if (c := _check_change(run)) is not None]
    found += _levels_elsewhere(runs, [i for sentence in sentences for i in sentence])
    found += _rates(sentences)
    found += _shares_against_bases([items], across=False)
    parts = [p for sentence in sentences for p in _parts(sentence)]
    totals = [i for i in items if _is_total(i)]
    for p in parts:
        best = _closest(p, [t for t in totals if t not in p.items])
        if best is not None:
            found.append(_check_parts(p, best))
    checked = {(c.doc, c.start) for item in found for c in item.claims}
    found += [c for c in _parts_before(items) if (c.claims[-1].doc, c.claims[-1].start) not in checked]
    return found


def check_totals_across(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """The arithmetic across the reports of a story checked at once: parts in one report against
    the totals of the others, and a change in one against another's start and level of it.

    Each total is set against the report whose parts come near it and share most words with it,
    so that five reports of "149 passengers and eight crew" give one check of each other report's
    "157 on board".
    """
    by_size: dict[tuple[str, int], list[_Parts]] = {}
    for items in per_doc:
        for sentence in _sentences(items):
            for p in _parts(sentence):
                by_size.setdefault((p.items[0].reading.unit, _size(sum(p.sum) / 2)), []).append(p)  # type: ignore[union-attr]
    found = []
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
    found += _changes_across([[run for sentence in _sentences(items) for run in _changes(sentence)]
                              for items in per_doc])
    found += _totals_against_rates(per_doc)
    found += _shares_against_bases(per_doc, across=True)
    return found


def _size(x: float) -> int:
    return math.floor(math.log10(abs(x))) if x and math.isfinite(x) else -1000


# -- sentences ---------------------------------------------------------------------------------

# a full stop after a figure, then a capital: a sentence ends there ("to close at 39,098.68. Since
# the start of 2024 ..."), though sentence_bounds takes a word with a dot inside for an abbreviation
_END_AFTER_FIGURE = re.compile(r"(?<=\d)(?:[%\w]*)\.[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z])")


@lru_cache(maxsize=16)
def _sentence_starts(text: str) -> list[int]:
    starts = {s for s, _ in sentence_bounds(text)}
    starts.update(m.end() for m in _END_AFTER_FIGURE.finditer(text))
    return sorted(starts)


def _sentences(items: Sequence[Item]) -> list[list[Item]]:
    """The claims of each sentence, in text order."""
    if not items:
        return []
    starts = _sentence_starts(items[0].doc.text)
    by_sentence: dict[int, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.mention.start):
        if item.mention.equivalent_of is not None:
            continue  # a restatement states its original again: not another term
        if item.reading is None and (item := _in_own_currency(item)) is None:
            continue
        by_sentence.setdefault(bisect_right(starts, item.mention.start) - 1, []).append(item)
    return list(by_sentence.values())


def _in_own_currency(item: Item) -> Item | None:
    """An amount in a currency with no exchange rate to the base ("KSh 14.8 million"), read in its
    own currency: the arithmetic among one currency's figures needs no rate."""
    m = item.mention
    if (m.kind != "money" or not m.unit or not isinstance(m.value, (int, float))
            or (m.normalized or {}).get("value") is not None):
        return None
    own = reading(replace(m, normalized={"value": m.value, "low": m.low, "high": m.high, "unit": m.unit}))
    return replace(item, reading=own) if own is not None else None


def _between(a: Item, b: Item) -> str:
    return a.doc.text[a.mention.end:b.mention.start]


def _bounds(item: Item) -> Interval:
    """What a claim allows. A whole count stated to its last digit is that number: "149
    passengers" and "eight crew" are 157 people, not 156 to 158."""
    r, m = item.reading, item.mention
    assert r is not None
    if (m.kind in ("count", "other") and m.qualifier == "exact" and isinstance(m.value, (int, float))
            and float(m.value).is_integer() and r.high - r.low <= 1.0):
        return float(m.value), float(m.value)
    return r.low, r.high


def _shown(interval: Interval, claims: Sequence[Item]) -> str:
    """An interval as the claims state it: in their currency when they share one (the readings
    are in the base currency), else in the canonical unit."""
    r = claims[0].reading
    assert r is not None
    units = {c.mention.unit for c in claims if c.mention.unit not in _PERCENT}
    m = claims[0].mention
    scale = written_scale(m)
    if m.kind == "money" and len(units) == 1 and scale is not None:
        return fmt_interval(interval[0] * scale, interval[1] * scale, m.unit)
    return fmt_interval(*interval, r.unit)


def _shown_native(interval: Interval, claims: Sequence[Item]) -> str:
    """An interval already in the claims' own currency (see :func:`_native`)."""
    m = claims[0].mention
    if m.kind == "money" and m.unit:
        return fmt_interval(*interval, m.unit)
    return _shown(interval, claims)


def _percent(item: Item) -> bool:
    return item.mention.unit in _PERCENT


# -- a change and its levels ---------------------------------------------------------------------

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


_CALENDAR = frozenset({"year", "date"})
# a figure before a comma and a change is the change's level unless it is one of these
_NO_LEVEL = frozenset({"year", "date", "duration", "age"})
_PAREN_SIGN = re.compile(r"^\s*\(\s*([+\-−–])\s*$")


def _paren_sign(previous: Item, item: Item) -> str | None:
    """ "412 (+211) seats": a signed figure in brackets right after a figure is its change."""
    sign = _PAREN_SIGN.match(_between(previous, item))
    after = item.doc.text[item.mention.end:item.mention.end + 3]
    if sign is None or not after.lstrip().startswith(")"):
        return None
    return "up" if sign.group(1) == "+" else "down"


_BY = re.compile(r"^\s*by\s+(?:[+\-−]\s*)?$", re.IGNORECASE)


def _beaten(start: Item, item: Item) -> tuple[str, frozenset[str]] | None:
    """ "The revenue figure beat the Zacks Consensus Estimate of $20.31 billion by +8.82%": the
    way (up) and what was measured ("revenue", "figure"), when a figure after a verb of
    ``beat`` in its sentence is followed by "by" and the figure ``item``."""
    if not _BY.match(_between(start, item)):
        return None
    text = start.doc.text
    begin = _sentence_starts(text)[max(0, bisect_right(_sentence_starts(text), start.mention.start) - 1)]
    verb = _words().beat.search(text, max(begin, start.mention.start - 80), start.mention.start)
    if verb is None:
        return None
    subject = frozenset(_stem(t.lemma) for t in tokens(text, max(begin, verb.start() - 60), verb.start())
                        if is_content(t))
    return _words().beat_way.get(verb.group("verb").lower(), ""), subject


def _words_before(item: Item) -> frozenset[str]:
    """The content words of the sentence before a figure (60 characters at most), stemmed: what
    a change there is of ("the bid remains £6billion below")."""
    text = item.doc.text
    starts = _sentence_starts(text)
    begin = starts[max(0, bisect_right(starts, item.mention.start) - 1)]
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


def _level_before(pending: Item | None, item: Item,
                  pattern: re.Pattern[str]) -> re.Match[str] | None:
    if pending is None or pending.mention.kind in _NO_LEVEL:
        return None
    return pattern.match(_between(pending, item))


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
            elif role is None and last is pending and pending is not None and (
                    beaten := _beaten(pending, item)) is not None and beaten[0] in ("up", "down"):
                # "beat the consensus estimate of $20.31 billion by +8.82%": a change of the
                # figure measured from the estimate, whose level another sentence gives
                if not run.empty:
                    runs.append(run)
                run = _Change(start=pending, direction=beaten[0], of=beaten[1])
                role, direction = "delta", beaten[0]
            elif (role is None and run.direction and not _percent(item) and previous is not None
                  and words.level.search(_between(previous, item))):
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
                if _same_unit(last, item):
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
            if run.level is not None and not run.level_first and not (
                    run.level is last and _paren_sign(last, item) is not None):  # "121 (-250) seats"
                runs.append(run)
                run = _Change()
            elif run.level_first and not restated and (run.percent or run.delta) is not None:
                # another change of the same level: "$22.1 billion, up 22% ..., beating estimates
                # by $1.55bn"
                runs.append(run)
                run = _Change(level=run.level, level_first=True)
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


def _way(adverb: str) -> str | None:
    words = _words()
    return "up" if adverb in words.up else "down" if adverb in words.down else None


def _same_unit(a: Item, b: Item) -> bool:
    ua, ub = a.reading.unit, b.reading.unit  # type: ignore[union-attr]
    # index points and a bare index level ("836.52 points ... at 39,098.68") are one unit
    return ua == ub or {ua, ub} <= {"", "score_point", "index_point"}


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
    if percent is not None and not points and any(c is not None and _percent(c) for c in (level, start)):
        # "up 15%" of a percentage may be relative or a sloppy "points": the text does not say
        percent = None
    if run.others:
        percent = None  # several percentages against different bases: which is the start's is unsaid
    if level is not None and start is not None and delta is not None:
        steps.append((f"{_q(start)} {'+' if sign > 0 else '-'} {_q(delta)}",
                      _add(_bounds(start), _size_of(delta), sign), level))
    if level is not None and start is not None and percent is not None:
        implied = (_add(_bounds(start), _size_of(percent), sign) if points
                   else _mul(_bounds(start), _add((1.0, 1.0), _size_of(percent), sign)))
        steps.append((f"{_q(start)} {'up' if sign > 0 else 'down'} {_q(percent)}", implied, level))
    if delta is not None and percent is not None and not points and (level is not None or start is not None):
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


def _size_of(item: Item) -> Interval:
    """How much a change is by, whatever its sign: "(-250)" and "fell 250" are 250."""
    low, high = _bounds(item)
    return (-high, -low) if high <= 0 else (low, high)


def _anchor(items: Iterable[Item | None]) -> frozenset[str]:
    """The content words of what the figures are about: "the Nikkei", "Nvidia's Q4 revenue"."""
    found: set[str] = set()
    for item in items:
        if item is None:
            continue
        for text in (item.mention.about, item.mention.subject):
            if text:
                found.update(t.lemma for t in tokens(text) if is_content(t))
    return frozenset(found)


def _levels_elsewhere(runs: Sequence[_Change], figures: Sequence[Item]) -> list[CheckItem]:
    """A change from a start with no level in its sentence ("has gained nearly 17 percent from its
    2023 closing level of 33,464.17") against the level another sentence of the report gives of
    the same thing ("the Nikkei ... to close at 39,098.68"): of the levels of the report's other
    changes (nearest first), then of its other figures (nearest first), that are in the start's
    unit, within a factor of two of what the change gives and about a word the change is about,
    the first the change reaches ("the £34billion offer" for "the bid remains £6billion below the
    £40billion", not the "£31billion" offer before it). Only an agreement is reported: a level
    the change does not reach may be of another day or another thing."""
    found = []
    # the candidates, filed by currency or unit and size (a factor of two spans two sizes at most)
    levels: dict[tuple[str, int], list[tuple[int, _Change]]] = {}
    for n, other in enumerate(runs):
        if other.level is not None:
            levels.setdefault(_index(other.level), []).append((n, other))
    plain: dict[tuple[str, int], list[Item]] = {}
    for f in figures:
        if f.mention.kind not in _NO_LEVEL and not _percent(f):
            plain.setdefault(_index(f), []).append(f)
    for n, run in enumerate(runs):
        if (run.level is not None or run.start is None or run.others or not run.by
                or run.direction not in ("up", "down")):
            continue
        anchor = frozenset(_stem(w) for w in _anchor([run.start, *run.by])) | run.of
        by = run.percent or run.delta
        assert by is not None
        reach = _implied_level(run.start, by, run.direction)
        if not anchor or reach is None:
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
                                | _sentence_words(o.level))]
        own = {id(c) for c in (run.start, *run.by)}
        where = _sentence_of(run.start)
        chosen += sorted((f for b in sizes for f in plain.get((key, b), ())
                          if id(f) not in own and _sentence_of(f) != where and sized(f)
                          and anchor & frozenset(_stem(w) for w in _anchor([f]))),
                         key=lambda f: abs(f.mention.start - run.start.mention.start))  # type: ignore[union-attr]
        for level in chosen:
            joined = _Change(delta=run.delta, percent=run.percent, start=run.start,
                             level=level, direction=run.direction)
            checked = _check_change(joined, note=" (the level from another sentence)")
            if checked is not None and checked.verdict == "consistent":
                found.append(checked)
                break
    return found


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
        size = _size_of(by)
        base = _native(known)
        if by.mention.unit == "percentage_point" or not _percent(by):
            implied = _add(base, size, -sign) if from_level else _add(base, size, sign)
        else:
            factor = _add((1.0, 1.0), size, sign)
            implied = _div(base, factor) if from_level else _mul(base, factor)
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


def _native(item: Item) -> Interval:
    """A claim's bounds in its own currency (money) or canonical unit: two reports' "$22.1
    billion" read alike whatever the exchange rate of each report's day."""
    lo, hi = _bounds(item)
    m = item.mention
    norm = (m.normalized or {}).get("value")
    if (m.kind == "money" and isinstance(m.value, (int, float)) and isinstance(norm, (int, float))
            and norm and m.value):
        factor = m.value / norm
        return (lo * factor, hi * factor) if factor > 0 else (hi * factor, lo * factor)
    return lo, hi


def _index(item: Item) -> tuple[str, int]:
    """Where a claim is filed for the checks across reports: its currency or unit, its size."""
    m, r = item.mention, item.reading
    assert r is not None
    unit = (f"money:{m.unit}" if m.kind == "money"
            else "" if r.unit in ("score_point", "index_point") else r.unit)
    return unit, _size(sum(_native(item)) / 2)


# -- a rate and its total -----------------------------------------------------------------------

def _per(item: Item) -> str | None:
    """The period a figure is a rate per ("£12 million per year", "£70 billion annually"), if it
    is a rate of an amount over time (a percentage a year compounds: no total is its sum)."""
    m = item.mention
    if _percent(item) or m.kind in _NO_LEVEL or item.reading is None:
        return None
    words = _words()
    per = (m.per or "").lower()
    if not per and (after := words.rate_after.match(item.doc.text, m.end, m.end + 20)):
        per = words.rate_period.get(after.group(1).lower(), "")
    return per if per in words.period else None


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


def _amount(item: Item, bounded: bool = True) -> bool:
    """An amount a rate can add up to: no rate, no percentage, no date or duration; with
    ``bounded``, stated with both its bounds (not "just over KSh 27 million")."""
    m = item.mention
    return (item.reading is not None and not _percent(item) and m.kind not in _NO_LEVEL
            and m.qualifier not in ("range", "vague") and _per(item) is None
            and (not bounded or all(math.isfinite(x) for x in _native(item))))


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


def _anchor_stems(item: Item) -> frozenset[str]:
    return frozenset(_stem(w) for w in _anchor([item]))


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


# -- a share and its base -----------------------------------------------------------------------

#: An implied base this far from a stated one (relative) is another figure's base, not another
#: year's: "1.5 per cent of its economy" for US$500 million is no economy of US$330 billion.
SHARE_DRIFT = 0.25


@dataclass
class _Share:
    """An amount stated as a share of the economy: "US$500 million ... about 1.5 per cent of its
    economy" implies an economy of about US$33 billion."""

    amount: Item
    share: Item
    base: Interval  # the base it implies, in the amount's currency


def _shares(sentences: Sequence[Sequence[Item]]) -> list[_Share]:
    found = []
    words = _words()
    for sentence in sentences:
        amount: Item | None = None  # the amount before, with no percentage since
        for item in sentence:
            m = item.mention
            if _percent(item) and m.unit == "percent":
                of = words.share_of.match(item.doc.text, m.end, m.end + 60)
                subject = (m.subject or "").lower()
                if amount is not None and (of or subject in words.base_words or (
                        subject and all(w in words.base_words for w in subject.split()))):
                    low, high = _size_of(item)
                    if low > 0:
                        found.append(_Share(amount, item, _div(_closed(amount), (low, high))))
                amount = None
            elif item.mention.kind == "money" and _share_amount(item):
                amount = item
    return found


def _closed(item: Item) -> Interval:
    """A claim's bounds in its own currency, an open side closed at its typical reading: "more
    than US$500 million" is taken as 500 to 600 million, not as any sum above 500 million."""
    low, high = _native(item)
    r = item.reading
    assert r is not None
    if math.isfinite(high) or not r.low or not math.isfinite(r.typical_high):
        return low, high
    return low, r.typical_high * low / r.low


def _share_amount(item: Item) -> bool:
    """An amount a share can be of the economy: a sum, or one a year ("more than US$500 million a
    year ... about 1.5 per cent of its economy"), perhaps bounded on one side only."""
    m = item.mention
    return (item.reading is not None and m.kind == "money" and m.qualifier not in ("range", "vague")
            and _per(item) in (None, "year") and _native(item)[0] > 0)


def _is_base(item: Item) -> bool:
    """An amount that is the economy's: "GDP of £2.8 trillion", "an economy of about US$33bn"."""
    m = item.mention
    if not _amount(item) or m.kind != "money":
        return False
    words = _words()
    if words.base_before.search(item.doc.text, max(0, m.start - 40), m.start):
        return True
    return any(w in words.base_words for w in (m.subject or "").lower().split())


def _shares_against_bases(per_doc: Sequence[Sequence[Item]], across: bool) -> list[CheckItem]:
    """A share's implied base against a base the story states, of its currency and size: in one
    report (``across`` False) or against the other reports. Consistent when they meet; when the
    implied base is more than ``SHARE_DRIFT`` off and the two sentences share a word, `divergent`
    (across reports) or `conflict` (one report); nothing in between (GDP of another year, another
    measure of output)."""
    bases: dict[tuple[str, int], list[Item]] = {}
    for items in per_doc:
        for sentence in _sentences(items):
            for item in sentence:
                if _is_base(item):
                    bases.setdefault(_index(item), []).append(item)
    found = []
    for items in per_doc:
        for share in _shares(_sentences(items)):
            if not math.isfinite(share.base[0]) or share.base[0] <= 0:
                continue
            key, size = _index(share.amount)[0], _size(share.base[0])
            seen: set[str] = set()
            for base in (b for n in (size - 1, size, size + 1) for b in bases.get((key, n), ())):
                doc = base.doc.id
                if (doc == share.amount.doc.id) == across or doc in seen or base is share.amount:
                    continue
                stated = _native(base)
                center, implied = sum(stated) / 2, sum(share.base) / 2
                fits = _overlap(share.base, stated)
                # an implied base open on one side ("more than US$500 million") is never far
                far = (center > 0 and math.isfinite(implied)
                       and abs(implied - center) > SHARE_DRIFT * center)
                if not fits and not (far and _sentence_words(share.share) & _sentence_words(base)):
                    continue
                seen.add(doc)
                shown = [share.amount, base]
                verdict = "consistent" if fits else ("divergent" if across else "conflict")
                where = (f"{share.amount.doc.id} gives the share, {doc} the base" if across
                         else f"in {doc}")
                explanation = (f"{where}: {_q(share.amount)} at {_q(share.share)} implies a base of "
                               f"{_shown_native(share.base, shown)}; {_q(base)} reads "
                               f"{_shown_native(stated, shown)}" + (
                                   ": the share fits the base" if fits else
                                   ": the share and the base do not fit"))
                found.append(CheckItem(tuple(c.claim for c in (share.amount, share.share, base)),
                                       verdict, explanation,
                                       {"check": "arithmetic", "relation": "share",
                                        "kind": share.amount.mention.kind}))
    return found


# -- parts and totals --------------------------------------------------------------------------

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


def _sentence_words(item: Item) -> frozenset[str]:
    text = item.doc.text
    return _words_of_sentence(text, bisect_right(_sentence_starts(text), item.mention.start) - 1)


@lru_cache(maxsize=4096)
def _words_of_sentence(text: str, n: int) -> frozenset[str]:
    starts = _sentence_starts(text)
    start, end = starts[n] if n >= 0 else 0, starts[n + 1] if n + 1 < len(starts) else len(text)
    return frozenset(_stem(t.lemma) for t in tokens(text, start, end)
                     if is_content(t) and t.lemma not in _words().total_words)


_SUFFIX = re.compile(r"(?<=\w{3})(?:ing|ed|es|s)$")


def _stem(word: str) -> str:
    """A word without its inflection, for the words two sentences share: "killing" is "kill",
    and so the concept "killed" is (``check_synonyms.txt``)."""
    stem = _SUFFIX.sub("", word)
    return lemma(stem) if stem != word else word


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
        key = f"money:{m.unit}" if m.kind == "money" else total.reading.unit  # type: ignore[union-attr]
        if _is_total(total):
            parts = sorted(before.get(key, {}).values(), key=lambda i: i.mention.start)
            if (_amount(total, bounded=False) and key not in ("", "fraction")
                    and 2 <= len(parts) <= MAX_PARTS and len({_sentence_of(p) for p in parts}) >= 2):
                checked = _check_parts_before(parts, total)
                if checked is not None:
                    found.append(checked)
        elif (_amount(total) and not m.direction and not m.change
              and isinstance(m.value, (int, float))):
            by_value = before.setdefault(key, {})
            by_value.pop(float(m.value), None)  # where it is said last
            by_value[float(m.value)] = total
    return found


def _check_parts_before(parts: Sequence[Item], total: Item) -> CheckItem | None:
    low = sum(_native(p)[0] for p in parts)
    high = sum(_native(p)[1] for p in parts)
    value = total.mention.value
    if (not isinstance(value, (int, float)) or not value
            or abs(value - (low + high) / 2) > TOTAL_WINDOW * abs(value)):
        return None
    if any(_native(p)[1] >= _native(total)[0] for p in parts) or not _overlap((low, high), _native(total)):
        return None
    shown = [*parts, total]
    explanation = (f"in {total.doc.id}: {' + '.join(_q(p) for p in parts)} = "
                   f"{_shown_native((low, high), shown)}; {_q(total)} reads "
                   f"{_shown_native(_native(total), shown)}: the amounts the report gives before "
                   f"its total add up to it")
    return CheckItem(tuple(i.claim for i in shown), "consistent", explanation,
                     {"check": "arithmetic", "relation": "parts", "kind": total.mention.kind})


def _sentence_of(item: Item) -> int:
    return bisect_right(_sentence_starts(item.doc.text), item.mention.start)


# -- interval arithmetic -------------------------------------------------------------------------

def _q(item: Item) -> str:
    """A claim as written, with its noun when the figure's text leaves it out: '"149" passengers'."""
    m = item.mention
    subject = m.subject if m.subject and m.subject.lower() not in m.text.lower() else ""
    return f'"{m.text}"' + (f" {subject}" if subject and m.kind in ("count", "other") else "")


def _add(a: Interval, b: Interval, sign: float = 1.0) -> Interval:
    if sign > 0:
        return a[0] + b[0], a[1] + b[1]
    return a[0] - b[1], a[1] - b[0]


def _mul(a: Interval, b: Interval) -> Interval:
    products = [x * y for x in a for y in b]
    return min(products), max(products)


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        return -math.inf, math.inf
    quotients = [x / y for x in a for y in b]
    return min(quotients), max(quotients)


def _overlap(a: Interval, b: Interval) -> bool:
    # a hair of relative slack: bounds worked out in floating point
    slack = 1e-9 * max(abs(x) for x in (*a, *b) if math.isfinite(x)) if any(
        math.isfinite(x) for x in (*a, *b)) else 0.0
    return max(a[0], b[0]) <= min(a[1], b[1]) + slack


__all__ = ["MAX_PARTS", "SHARE_DRIFT", "TOTAL_REACH", "TOTAL_WINDOW", "check_arithmetic",
           "check_totals_across"]
