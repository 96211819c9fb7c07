"""When a claim holds: the day its own words give (``Mention.when``) or its report's publication
day, and the time of day a clock time of its sentence gives ("As of 11 a.m.", "At 8:00 AM
Tuesday", "at 5:00 p.m. CDT").

A sentence that states no time of its own goes on from the clock time of the sentence before it
in its paragraph: "As of 11 a.m., Milton was 520 miles away from Tampa. It was moving
east-northeast at 9 mph" is 9 mph at 11 a.m. Ordering two reports' readings of a figure by these
moments tells a storm that slowed between the 8 a.m. and the 11 a.m. advisories from two
reports that disagree (:mod:`numclaims.checking.groups`).

The clock times are the extractor's (``time_words.tsv``); what a time-of-day word and a zone read
as is ``data/check_clock_times.tsv``; the words that mark a reading of a count under way or done
("declared", "confirmed") are ``data/check_update_words.txt``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from numclaims.checking.text import data_lines, lemma, sentence_bounds, tokens

if TYPE_CHECKING:
    from numclaims.checking.claims import Item

def earlier_time(restated: Item, original: Item) -> tuple[date, date] | None:
    """The time before its report's month that a restatement, or the figure it restates, holds
    for (its ``when``: "SoftBank bought Arm for $32 billion, or £24 billion at 2016 exchange
    rates"): its first and last day; None for a time of the report's own month or later, or none
    given. Such an amount was converted at that time's rate, not the report's."""
    on = original.doc.published
    if on is None:
        return None
    for m in (restated.mention, original.mention):
        when = m.when or {}
        try:
            start, end = date.fromisoformat(str(when["start"])[:10]), date.fromisoformat(str(when["end"])[:10])
        except (KeyError, ValueError, TypeError):
            continue
        if start <= end < on.replace(day=1):
            return start, end
    return None


# a ``when`` longer than this places nothing in a day ("in 2024", "this week")
_DAY_SPAN = 7
_MINUTES_OF_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class Moment:
    """When a claim holds: the days it may hold on, and the minute of the day (UTC when its
    zone is known) a clock time gives, with the words that say so."""

    first: date
    last: date
    minute: int | None = None  # minutes after midnight of ``first``
    zoned: bool = False  # ``minute`` is in UTC (the clock named its zone)
    stated: bool = False  # its own words gave it (a time, a clock); else its report's date
    clock: str | None = None  # the clock time as written ("As of 11 a.m.": "11 a.m.")

    def before(self, other: Moment) -> bool:
        """Whether this moment is wholly before ``other``: an earlier day, or the same day at an
        earlier clock time (in UTC when both name their zone)."""
        if self.last < other.first:
            return True
        if not (self.first == self.last == other.first == other.last):
            return False
        if self.minute is None or other.minute is None or self.zoned != other.zoned:
            return False
        return self.minute < other.minute

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["first"], data["last"] = self.first.isoformat(), self.last.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Moment | None:
        if not data:
            return None
        return cls(**{**data, "first": date.fromisoformat(data["first"]), "last": date.fromisoformat(data["last"])})

    def shown(self) -> str:
        day = f"{self.first:%b %-d}" if self.first == self.last else f"{self.first:%b %-d} to {self.last:%b %-d}"
        return f"{self.clock} {day}" if self.clock else day


@cache
def _table() -> tuple[dict[str, int], dict[str, int]]:
    clocks: dict[str, int] = {}
    zones: dict[str, int] = {}
    for line in data_lines("check_clock_times.tsv"):
        word, kind, value = line.split("\t")
        if kind == "clock":
            hours, minutes = value.split(":")
            clocks[word.lower()] = int(hours) * 60 + int(minutes)
        elif kind == "zone":
            zones[word] = int(value) * 60
    return clocks, zones


@cache
def update_words() -> frozenset[str]:
    """The lemmas of ``data/check_update_words.txt``.

    >>> "declared" in update_words()
    True
    """
    return frozenset(lemma(w) for w in data_lines("check_update_words.txt"))


def marks_update(item: Item) -> bool:
    """Does the claim's sentence say it is a reading of a count under way or done ("With 649 of
    the 650 constituencies declared", "has been confirmed at 59.9%")?"""
    start, end = item.sentence
    return any(t.lemma in update_words() for t in tokens(item.doc.text, start, end))


def _clock_re() -> re.Pattern[str]:
    from numclaims.extraction.when import _time_words  # the extractor's clock times

    return _time_words().clock_re


_PARTS = re.compile(r"(?i)^(\d{1,2})(?:[:.]?(\d\d))?(?::\d\d)?\s?([ap])?\.?m?\.?\s*([A-Z]{1,5})?$")


def clock_minute(written: str) -> tuple[int, bool] | None:
    """The minute of the day a clock time gives, and whether it is in UTC (its zone known).

    >>> clock_minute("11 a.m."), clock_minute("5:00 p.m. CDT"), clock_minute("noon")
    ((660, False), (1320, True), (720, False))
    """
    text = written.strip()
    clocks, zones = _table()
    word, _, zone = text.partition(" ")
    if word.lower() in clocks:
        minute, zone_name = clocks[word.lower()], zone.strip()
    else:
        match = _PARTS.match(text)
        if match is None:
            return None
        hours, minutes, half, zone_name = match.group(1), match.group(2), match.group(3), match.group(4) or ""
        hour = int(hours)
        if half:
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        minute = hour * 60 + int(minutes or 0)
    if zone_name in zones:
        return (minute - zones[zone_name]) % _MINUTES_OF_DAY, True
    return minute, False


def _day(item: Item) -> tuple[date, date, bool] | None:
    when = item.mention.when or {}
    try:
        start, end = date.fromisoformat(when["start"]), date.fromisoformat(when["end"])
    except (KeyError, TypeError, ValueError):
        start = end = None  # type: ignore[assignment]
    if start is not None and (end - start).days < _DAY_SPAN:
        return start, end, True
    published = item.doc.published
    if published is None:
        return None
    return published, published, False


def _clocks_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    return [m for m in _clock_re().finditer(text, start, end) if clock_minute(m.group()) is not None]


def attach_moments(items: Sequence[Item]) -> None:
    """Set the moment of each claim of one document's ``items``: its sentences are read in
    order, so that a sentence goes on from the clock time of the one before it."""
    if not items:
        return
    text = items[0].doc.text
    # the clock time each sentence ends on, within its paragraph (a line)
    carried: dict[int, tuple[re.Match[str], Item | None]] = {}
    last: tuple[re.Match[str], Item | None] | None = None
    sentence_items: dict[int, list[Item]] = {}
    for item in items:
        sentence_items.setdefault(item.sentence[0], []).append(item)
    clocks: dict[int, list[re.Match[str]]] = {}  # each sentence's clock times, read once
    for start, end in sentence_bounds(text):
        if last is not None and "\n" in text[last[0].end():start]:
            last = None  # a new paragraph
        carried[start] = last  # type: ignore[assignment]
        found = clocks[start] = _clocks_in(text, start, end)
        if found:
            timed = [i for i in sentence_items.get(start, []) if _day(i) is not None and _day(i)[2]]  # type: ignore[index]
            last = (found[-1], timed[0] if timed else None)
    for item in items:
        day = _day(item)
        if day is None:
            continue
        first, last_day, stated = day
        s_start, s_end = item.sentence
        own = clocks[s_start] if s_start in clocks else _clocks_in(text, s_start, s_end)
        clock = None
        if own:
            before = [m for m in own if m.end() <= item.mention.start]
            clock = (before or own)[-1 if before else 0]
        elif not stated and carried.get(s_start) is not None:
            match, timed = carried[s_start]  # type: ignore[misc]
            clock = match
            if timed is not None and (timed_day := _day(timed)) is not None:
                first, last_day, stated = timed_day
        if clock is not None and first == last_day:
            minute, zoned = clock_minute(clock.group())  # type: ignore[misc]
            item.moment = Moment(first, last_day, minute, zoned, True, clock.group().strip())
        else:
            item.moment = Moment(first, last_day, None, False, stated)
