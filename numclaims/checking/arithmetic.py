"""Arithmetic that figures state among themselves: a change and its levels, parts and a total.

Two relations, each checked with the rounding every figure's wording allows (interval
arithmetic over the claims' readings, so "2.19 percent" is 2.185% to 2.195% and "836.52 points"
836.515 to 836.525):

* **a change and its levels**, in one sentence: a delta, a percentage and the level reached
  or started from ("gained 836.52 points, or 2.19 percent, to close at 39,098.68": 836.52 on the
  38,262.16 before is 2.186%, consistent; "fell 3.4% to £115.31bn from £119.4bn"). Any two of
  them imply the others: start + delta = level, start x (1 + percentage) = level, delta / start
  = percentage; percentage points add to a percentage level. The frames say each figure's role
  (``Mention.change``, ``Mention.direction``); ``arithmetic_words.tsv`` adds what they miss ("or
  2.19 percent" restates the change, a bare figure after "to" or "at" is the level);
* **parts and a total**: figures of one kind joined by "and" or "plus" ("its 149 passengers and
  eight crew") against a figure that the words around it make a total ("all 157 on board"), in
  the same report or, when a story is checked at once, in another report of it whose sentence
  shares a word with the parts' sentence. A total is looked for only within ``TOTAL_WINDOW`` of
  the parts' sum: further off it is some other figure.

Every check is a :class:`~numclaims.model.CheckItem` with ``details["check"] == "arithmetic"``
and ``details["relation"]`` (``change`` or ``parts``), ``consistent`` when the figures fit,
``conflict`` when one report's figures do not, ``divergent`` when the reports differ (a later
report may count what an earlier one could not).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from numclaims.checking.claims import Item
from numclaims.checking.numbers import fmt_interval
from numclaims.checking.text import is_content, sentence_bounds, tokens
from numclaims.extraction.lexicon import alternation, read_rows
from numclaims.model import CheckItem

#: A total is looked for this close to the parts' sum (relative): further off it is another figure.
TOTAL_WINDOW = 0.1
#: Characters either side of a figure in which a total word makes it a total ("all 157 on board").
TOTAL_REACH = 30
# the kinds that parts can be: counts, and figures with a unit (money, areas); not percentages
# (shares of different wholes do not add), years or dates
_NOT_PARTS = frozenset({"year", "date", "ratio", "age"})
_PERCENT = frozenset({"percent", "percentage_point"})
Interval = tuple[float, float]


@dataclass(frozen=True)
class _Words:
    total: re.Pattern[str]
    joiner: re.Pattern[str]
    restate: re.Pattern[str]
    level: re.Pattern[str]
    total_words: frozenset[str]


@cache
def _words() -> _Words:
    rows = {role: [w.strip() for w in words.split(",") if w.strip()]
            for role, words in read_rows("arithmetic_words.tsv")}

    def anywhere(role: str) -> re.Pattern[str]:
        return re.compile(rf"\b(?:{alternation(rows[role])})\b", re.IGNORECASE)

    # between two parts, once the first one's noun is taken off: a joiner or a comma, then
    # perhaps a determiner ("149 passengers and the airline's eight crew")
    joiner = re.compile(rf"^\s*(?:,\s*(?:{alternation(rows['joiner'])})?|(?:{alternation(rows['joiner'])}))\s+"
                        r"(?:(?:the|its|their|all|[^\W\d_]+['’]s)\s+){0,2}$", re.IGNORECASE)
    restate = re.compile(rf"^[^\d.;:()]{{0,12}}?,\s*(?:{alternation(rows['restate'])})\s+$", re.IGNORECASE)
    level = re.compile(rf"\b(?:{alternation(rows['level'])})\s+(?:\w+\s+){{0,3}}$", re.IGNORECASE)
    return _Words(anywhere("total"), joiner, restate, level,
                  frozenset(w for ws in rows["total"] for w in ws.lower().split()))


def check_arithmetic(items: Sequence[Item]) -> list[CheckItem]:
    """The arithmetic checks inside one document (``items`` are its claims, in text order)."""
    found: list[CheckItem] = []
    for sentence in _sentences(items):
        found += [c for run in _changes(sentence) if (c := _check_change(run)) is not None]
    parts = [p for sentence in _sentences(items) for p in _parts(sentence)]
    totals = [i for i in items if _is_total(i)]
    for p in parts:
        best = _closest(p, [t for t in totals if t not in p.items])
        if best is not None:
            found.append(_check_parts(p, best))
    return found


def check_totals_across(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """Parts in one report against the totals of the others (a story checked at once).

    Each total is set against the first report whose parts come near it, so that five reports
    of "149 passengers and eight crew" give one check of each other report's "157 on board".
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
            words = None
            near = (p for b in (size - 1, size, size + 1) for p in by_size.get((unit, b), ()))
            for p in near:
                if p.doc == total.doc.id or not _near(p, total):
                    continue
                words = _sentence_words(total) if words is None else words
                if p.words & words:
                    found.append(_check_parts(p, total))
                    break
    return found


def _size(x: float) -> int:
    return math.floor(math.log10(abs(x))) if x and math.isfinite(x) else -1000


# -- sentences ---------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _sentence_starts(text: str) -> list[int]:
    return [s for s, _ in sentence_bounds(text)]


def _sentences(items: Sequence[Item]) -> list[list[Item]]:
    """The claims of each sentence, in text order."""
    if not items:
        return []
    starts = _sentence_starts(items[0].doc.text)
    by_sentence: dict[int, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.mention.start):
        if item.reading is None or item.mention.equivalent_of is not None:
            continue  # a restatement states its original again: not another term
        by_sentence.setdefault(bisect_right(starts, item.mention.start) - 1, []).append(item)
    return list(by_sentence.values())


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
    norm = (m.normalized or {}).get("value")
    if (m.kind == "money" and len(units) == 1 and isinstance(m.value, (int, float))
            and isinstance(norm, (int, float)) and norm and m.value):
        factor = m.value / norm
        return fmt_interval(interval[0] * factor, interval[1] * factor, m.unit)
    return fmt_interval(*interval, r.unit)


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


def _changes(sentence: Sequence[Item]) -> list[_Change]:
    """The changes a sentence states, each with what it says of its delta, percentage and levels.
    A new change starts at a delta after a level: "the Nasdaq rose 2.5%, or 388 points, to 15,968,
    the Dow added 0.7%, or 274 points, to 38,887" states two."""
    runs: list[_Change] = []
    run = _Change()
    previous: Item | None = None
    for item in sentence:
        m = item.mention
        role = m.change
        if role is None and previous is not None and run.direction and (
                _words().restate.match(_between(previous, item)) and m.kind not in ("year", "date")):
            role = "delta"  # "gained 836.52 points, or 2.19 percent": the same change again
        elif role is None and run.direction and not _percent(item) and m.kind not in ("year", "date") \
                and previous is not None and _words().level.search(_between(previous, item)):
            role = "level"  # "... to close at 39,098.68"
        if role == "delta":
            if run.level is not None:
                runs.append(run)
                run = _Change()
            slot = "percent" if _percent(item) else "delta"
            if getattr(run, slot) is None:
                setattr(run, slot, item)
            run.direction = run.direction or m.direction
        elif role == "start" and run.start is None:
            run.start = item
            run.direction = run.direction or m.direction
        elif role == "level":
            if run.level is not None:
                runs.append(run)
                run = _Change(direction=m.direction)
            run.level = item
            run.direction = run.direction or m.direction
        previous = item
    runs.append(run)
    return [r for r in runs if r.direction in ("up", "down")]


def _same_unit(a: Item, b: Item) -> bool:
    ua, ub = a.reading.unit, b.reading.unit  # type: ignore[union-attr]
    # index points and a bare index level ("836.52 points ... at 39,098.68") are one unit
    return ua == ub or {ua, ub} <= {"", "score_point", "index_point"}


def _check_change(run: _Change) -> CheckItem | None:
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
    if level is not None and start is not None and delta is not None:
        steps.append((f"{_q(start)} {'+' if sign > 0 else '-'} {_q(delta)}",
                      _add(_bounds(start), _bounds(delta), sign), level))
    if level is not None and start is not None and percent is not None:
        implied = (_add(_bounds(start), _bounds(percent), sign) if points
                   else _mul(_bounds(start), _add((1.0, 1.0), _bounds(percent), sign)))
        steps.append((f"{_q(start)} {'up' if sign > 0 else 'down'} {_q(percent)}", implied, level))
    if delta is not None and percent is not None and not points and (level is not None or start is not None):
        if start is not None:
            base, how = _bounds(start), _q(start)
        else:
            assert level is not None
            base, how = _add(_bounds(level), _bounds(delta), -sign), f"{_q(level)} {'-' if sign > 0 else '+'} {_q(delta)}"
        steps.append((f"{_q(delta)} on {how}", _div(_bounds(delta), base), percent))
    if not steps:
        return None
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
    explanation = f"in {doc}, the change {'adds up' if fits else 'does not add up'}: " + "; ".join(lines)
    return CheckItem(tuple(c.claim for c in claims), verdict, explanation,
                     {"check": "arithmetic", "relation": "change", "kind": claims[0].mention.kind,
                      "direction": run.direction})


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
    # people" (an alternative) or the same noun twice
    return [p for p in found if len({(i.mention.subject or "").lower() for i in p.items}) == len(p.items)]


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
    text = item.doc.text
    return bool(_words().total.search(text, max(0, m.start - TOTAL_REACH), m.start)
                or _words().total.search(text, m.end, m.end + TOTAL_REACH)
                or _words().total.search(m.text))


def _sentence_words(item: Item) -> frozenset[str]:
    text = item.doc.text
    starts = _sentence_starts(text)
    n = bisect_right(starts, item.mention.start) - 1
    start, end = starts[n] if n >= 0 else 0, starts[n + 1] if n + 1 < len(starts) else len(text)
    return frozenset(t.lemma for t in tokens(text, start, end)
                     if is_content(t) and t.lemma not in _words().total_words)


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


def _check_parts(parts: _Parts, total: Item) -> CheckItem:
    added = _overlap(parts.sum, _bounds(total))
    same = parts.doc == total.doc.id
    terms = " + ".join(_q(i) for i in parts.items)
    where = f"in {parts.doc}" if same else f"{parts.doc} gives the parts, {total.doc.id} the total"
    shown = [*parts.items, total]
    explanation = (f"{where}: {terms} = {_shown(parts.sum, shown)}; {_q(total)} reads "
                   f"{_shown(_bounds(total), shown)}")
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


__all__ = ["TOTAL_REACH", "TOTAL_WINDOW", "check_arithmetic", "check_totals_across"]
