"""What the arithmetic checks share: the sentences of a report, a claim's bounds and its
reading in its own currency, where a claim is filed, the interval arithmetic and how a figure
is quoted in an explanation."""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import lru_cache

from numclaims.checking.arithmetic.intervals import _size, Interval
from numclaims.checking.arithmetic.words import _words
from numclaims.checking.claims import Item
from numclaims.checking.numbers import fmt_interval
from numclaims.checking.readings import reading, written_scale
from numclaims.checking.text import is_content, lemma, sentence_bounds, tokens

_PERCENT = frozenset({"percent", "percentage_point"})

# a full stop after a figure, then a capital: a sentence ends there ("to close at 39,098.68. Since
# the start of 2024 ..."), though sentence_bounds takes a word with a dot inside for an abbreviation
_END_AFTER_FIGURE = re.compile(r"(?<=\d)(?:[%\w]*)\.[\"”’)\]]*\s+(?=[\"“‘(]?[A-Z])")


# The checks across reports go over every report of a story once per relation: a cache of the
# last few texts missed every time (ten thousand reports read their sentences a dozen times each),
# and one of every text would keep them all alive after the check. The texts of the check under
# way are remembered for as long as it runs instead (remembering_sentences), per thread.
_remembered = threading.local()


@contextmanager
def remembering_sentences() -> Iterator[None]:
    """Within this block, each text's sentences are read once (on this thread)."""
    before = getattr(_remembered, "starts", None)
    _remembered.starts = {} if before is None else before
    try:
        yield
    finally:
        _remembered.starts = before


def _sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts, in order."""
    known: dict[str, list[int]] | None = getattr(_remembered, "starts", None)
    if known is None:
        return _recent_sentence_starts(text)
    if (starts := known.get(text)) is None:
        starts = known[text] = _read_sentence_starts(text)
    return starts


@lru_cache(maxsize=16)
def _recent_sentence_starts(text: str) -> list[int]:
    return _read_sentence_starts(text)


def _read_sentence_starts(text: str) -> list[int]:
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


# the kinds whose figures an explanation shows in the unit they are written in, when all share it
_WRITTEN_UNIT = frozenset({"area", "length", "mass", "volume"})


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
    if (m.kind in _WRITTEN_UNIT and len(units) == 1 and m.unit and scale is not None
            and all(c.mention.kind == m.kind for c in claims)):
        # "23,713 acres" + "14,117 acres" = "38,608-38,610 acre", not millions of square metres
        return fmt_interval(interval[0] * scale, interval[1] * scale, m.unit)
    if r.unit == "second" and ":" in m.text and all(math.isfinite(x) and x >= 0 for x in interval):
        # a race time as a clock shows it: "2:00:34.5-2:00:35.5", not "7,234-7,236 second"
        low, high = (_clock(x) for x in interval)
        return low if low == high else f"{low}-{high}"
    return fmt_interval(*interval, r.unit)


def _clock(seconds: float) -> str:
    """Seconds as h:mm:ss, to the tenth of a second when not whole: 7234.5 is "2:00:34.5"."""
    tenths = round(seconds * 10)
    hours, rest = divmod(tenths, 36000)
    minutes, rest = divmod(rest, 600)
    whole, tenth = divmod(rest, 10)
    return f"{hours}:{minutes:02d}:{whole:02d}" + (f".{tenth}" if tenth else "")


def _shown_native(interval: Interval, claims: Sequence[Item]) -> str:
    """An interval already in the claims' own currency (see :func:`_native`)."""
    m = claims[0].mention
    if m.kind == "money" and m.unit:
        return fmt_interval(*interval, m.unit)
    return _shown(interval, claims)


def _percent(item: Item) -> bool:
    return item.mention.unit in _PERCENT


_CALENDAR = frozenset({"year", "date"})

# a figure before a comma and a change is the change's level unless it is one of these
_NO_LEVEL = frozenset({"year", "date", "duration", "age"})


def _way(adverb: str) -> str | None:
    words = _words()
    return "up" if adverb in words.up else "down" if adverb in words.down else None


def _same_unit(a: Item, b: Item) -> bool:
    ua, ub = a.reading.unit, b.reading.unit  # type: ignore[union-attr]
    # index points and a bare index level ("836.52 points ... at 39,098.68") are one unit
    return ua == ub or {ua, ub} <= {"", "score_point", "index_point"}


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


def _rounded(item: Item) -> Interval:
    """A claim's bounds in its own currency (see :func:`_native`), its trailing zeros taken as
    rounding: "a combined 38,600 acres" is 38,550 to 38,650. A bare figure's bounds end at its last
    digit (:mod:`numclaims.checking.readings`); a check that reports agreement only may take the
    total another report rounds, as a reader would, since a wider bound there flags nothing."""
    low, high = _native(item)
    m = item.mention
    if not (m.precision and isinstance(m.value, (int, float)) and m.value):
        return low, high
    if not (math.isfinite(low) and math.isfinite(high)):
        return low, high  # "just over KSh 27 million" is bounded at its figure: no rounding below it
    # the extractor's rounding, as a fraction of the figure: the same in any unit
    center = (low + high) / 2
    width = abs(m.precision / m.value * center)
    return min(low, center - width), max(high, center + width)


def _closed(item: Item) -> Interval:
    """A claim's bounds in its own currency, an open side closed at its typical reading: "more
    than US$500 million" is taken as 500 to 600 million, not as any sum above 500 million."""
    low, high = _native(item)
    r = item.reading
    assert r is not None
    if math.isfinite(high) or not r.low or not math.isfinite(r.typical_high):
        return low, high
    return low, r.typical_high * low / r.low


def _native_size(item: Item) -> Interval:
    """How much a change is by, whatever its sign, in its own currency (see :func:`_native`)."""
    low, high = _native(item)
    return (-high, -low) if high <= 0 else (low, high)


def _index(item: Item) -> tuple[str, int]:
    """Where a claim is filed for the checks across reports: its currency or unit, its size."""
    m, r = item.mention, item.reading
    assert r is not None
    unit = (f"money:{m.unit}" if m.kind == "money"
            else "" if r.unit in ("score_point", "index_point") else r.unit)
    return unit, _size(sum(_native(item)) / 2)


def _per(item: Item) -> str | None:
    """The period a figure is a rate per ("£12 million per year", "£70 billion annually"), if it
    is a rate of an amount over time (a percentage a year compounds: no total is its sum)."""
    m = item.mention
    if _percent(item) or m.kind in _NO_LEVEL or item.reading is None:
        return None
    words = _words()
    per = (m.per or "").lower()
    if not per and (after := words.rate_after.match(item.doc.text[m.end:m.end + 20])):
        per = words.rate_period.get(after.group(1).lower(), "")
    return per if per in words.period else None


def _amount(item: Item, bounded: bool = True) -> bool:
    """An amount a rate can add up to: no rate, no percentage, no date or duration; with
    ``bounded``, stated with both its bounds (not "just over KSh 27 million")."""
    m = item.mention
    return (item.reading is not None and not _percent(item) and m.kind not in _NO_LEVEL
            and m.qualifier not in ("range", "vague") and _per(item) is None
            and (not bounded or all(math.isfinite(x) for x in _native(item))))


def _anchor_stems(item: Item) -> frozenset[str]:
    return frozenset(_stem(w) for w in _anchor([item]))


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


def _sentence_of(item: Item) -> int:
    return bisect_right(_sentence_starts(item.doc.text), item.mention.start)


def _sentence_begin(item: Item) -> int:
    """Where the sentence of ``item`` begins in its text."""
    return _sentence_starts(item.doc.text)[max(0, _sentence_of(item) - 1)]


def _q(item: Item) -> str:
    """A claim as written, with its noun when the figure's text leaves it out: '"149" passengers'."""
    m = item.mention
    subject = m.subject if m.subject and m.subject.lower() not in m.text.lower() else ""
    return f'"{m.text}"' + (f" {subject}" if subject and m.kind in ("count", "other") else "")
