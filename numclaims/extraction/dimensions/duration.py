"""Durations that no unit word states: race and match times written as a clock ("won the
marathon in 1:58:40", "the 10km race in 31:05"), read from race_times.tsv, never a time of day.
Durations with a unit ("3 hours, 4 minutes and 12 seconds", "half an hour") are measures
(:mod:`.measure`), their parts joined by the pipeline."""

from __future__ import annotations

import functools
import re

from numclaims.extraction.dimensions import Context, Draft, Scan
from numclaims.extraction.lexicon import alternation, read_rows
from numclaims.extraction.textspans import SpanSet


@functools.cache
def _race_words() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    roles = {r[0]: r[1].split(",") for r in read_rows("race_times.tsv")}

    def before(role: str) -> re.Pattern[str]:
        return re.compile(r"(?i)(?<![\w-])(?:" + alternation(roles[role]) + r")\s+$")

    never = re.compile(r"(?i)\s*(?:" + alternation(roles["never"]) + r")(?![\w.])")
    return frozenset(roles["context"]), before("before"), never, before("clock")


_CLOCK = re.compile(r"(?<![\d:.,])(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:\.(\d{1,3}))?(?![\d:])")
_SENTENCE_START = re.compile(r"[.!?]\s")
_WORDS = re.compile(r"[A-Za-z][\w-]*")


def race_time(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"won the marathon in 1:58:40" (7,120 s), "won the 10km race in 31:05" (1,865 s)."""
    text, drafts = ctx.text, []
    context, before_re, never_re, clock_re = _race_words()
    colon = text.find(":")
    while colon != -1:  # a clock has a colon between digits: found by str.find, colons are few
        at, colon = colon, text.find(":", colon + 1)
        if not (text[at - 1 : at].isdigit() and text[at + 1 : at + 3].isdigit()):
            continue
        match = _CLOCK.search(text, max(0, at - 5), at + 9)
        # not tested against the protected spans: they hold every clock time, and this rule is
        # what tells a race time from one
        if match is None or drafts and match.start() < drafts[-1].end:
            continue
        hours, minutes, seconds, fraction = match.groups()
        if int(seconds) > 59 or hours is not None and int(minutes) > 59 or never_re.match(text, match.end()):
            continue
        if clock_re.search(text, max(0, match.start() - 8), match.start()):
            continue  # "leave at 10:30:00"
        if hours is None:
            if before_re.search(text, max(0, match.start() - 12), match.start()) is None:
                continue
            sentence = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, match.start() - 200), match.start())),
                           default=max(0, match.start() - 200))
            if context.isdisjoint(w.group().lower() for w in _WORDS.finditer(text, sentence, match.start())):
                continue  # "at 10:30": a time of day
        value = (int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds) + float(f"0.{fraction or 0}")
        precision = 0.5 * 10.0 ** -len(fraction) if fraction else 0.5
        drafts.append(Draft(match.start(), match.end(), "duration", value, unit="second", low=value, high=value,
                            precision=precision))
    return drafts


scans = [Scan("<race time h:mm:ss | m:ss>", race_time)]
