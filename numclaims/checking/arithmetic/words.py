"""The words the arithmetic checks read, from ``arithmetic_words.tsv``: what makes a figure
a total, a level, a start, a restatement of a change, a rate, a share of a base."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from numclaims.checking.arithmetic.intervals import Interval
from numclaims.extraction.lexicon import alternation, read_rows

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
    share_of_any: re.Pattern[str]  # after a percentage: "of the seats", "of its"
    beat: re.Pattern[str]  # "beat the consensus estimate of" before a figure
    reference: re.Pattern[str]  # "£6billion below the £40billion": what a change is measured from
    beat_way: dict[str, str]  # "beat" -> "up"
    base_before: re.Pattern[str]  # before an amount: "an economy of about", "GDP of"
    base_words: frozenset[str]
    start_before: re.Pattern[str]  # before a figure: "against a last close of", "from": a start
    back: re.Pattern[str]  # a sentence's start before its start figure: "That is a steep fall from"
    up_nouns: frozenset[str]
    opening: re.Pattern[str]  # a sentence's start before a figure: "Against a consensus estimate of"
    other_clause: re.Pattern[str]  # a clause word that joins no parts: "while", "but"
    margin: re.Pattern[str]  # after a duration: "ahead of his compatriot Benson Kipruto"
    majority: re.Pattern[str]  # right before a count: "held a majority of"
    beaten: re.Pattern[str]  # before a delta: "beating estimates by"; groups verb, noun
    expected: re.Pattern[str]  # around a figure set against a level: "analysts expected", "consensus"
    beaten_way: dict[str, str]  # "beating" -> "up"
    margin_way: dict[str, str]  # "ahead of" -> "ahead"
    place_after: re.Pattern[str]  # after a count, in its clause: "seven in the region of Castilla-La Mancha"
    place_before: re.Pattern[str]  # a clause's opening before a count: "In Castilla-La Mancha, the toll was put at"
    each_places: re.Pattern[str]  # after a place's count: ", and one each in Polk, Orange and Citrus"; groups count, places


# a place's name: one to four capitalised words ("St. Lucie", "Castilla-La Mancha")
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"


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
    noun = rf"(?:an?\s+|the\s+)?(?:{word}){{0,2}}(?:{any_of('change_noun', 'up_noun', 'down_noun')})\s+"
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
    share_of_any = re.compile(rf"^\s*of\s+{owner}(?=[^\W\d_])", re.IGNORECASE)
    base_before = re.compile(rf"\b(?:{base})\s+(?:(?:of|was|is|at|worth|stood at|stands at|"
                             rf"about|around|some|roughly|nearly|almost)\s+){{1,2}}$", re.IGNORECASE)
    base_words = frozenset(w.lower() for phrase in rows["base_noun"] for w in phrase.split())
    margin_way = {w.partition("=")[0].strip().lower(): w.partition("=")[2].strip() for w in rows["margin"]}
    # the margin word, up to three lower-case words ("his compatriot"), then a name of one to
    # three capitalised words
    margin = re.compile(rf"^\s*(?P<way>{alternation(list(margin_way))})\s+(?:[a-z][\w'’]*\s+){{0,3}}"
                        rf"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})")
    beaten_way = {w.partition("=")[0].strip().lower(): w.partition("=")[2].strip() for w in rows["beaten"]}
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
        rate_after=rate_after, rate_period=rate_period, share_of=share_of,
        share_of_any=share_of_any, beat=beat,
        beat_way=beat_way, base_before=base_before, base_words=base_words,
        start_before=re.compile(rf"\b(?:{compared})\s+{filler}$", re.IGNORECASE),
        back=re.compile(rf"^\W*(?:{any_of('back_reference')})\s+(?:an?\s+)?(?:{word}){{0,2}}?"
                        rf"(?P<noun>{any_of('up_noun', 'down_noun')})\s+(?:{compared})\s+{filler}$",
                        re.IGNORECASE),
        up_nouns=frozenset(w.lower() for w in rows["up_noun"]),
        opening=re.compile(rf"^\W*(?:{compared})\s+{filler}$", re.IGNORECASE),
        margin=margin, margin_way=margin_way,
        beaten=re.compile(rf"\b(?P<verb>{alternation(list(beaten_way))})\s+(?P<noun>[a-z]+)\s+by\s+$",
                          re.IGNORECASE),
        beaten_way=beaten_way, expected=anywhere("expected"),
        majority=re.compile(rf"\b(?:{alternation(rows['majority'])})\s+$", re.IGNORECASE),
        other_clause=re.compile(rf"\b(?:{alternation([w for w in rows['clause'] if w not in rows['joiner']])})\b",
                                re.IGNORECASE),
        place_after=re.compile(rf"[^,;:.()\d]{{0,60}}?\b(?:{any_of('place')})\s+(?:[a-z][\w'’-]*\s+){{0,4}}?[A-Z]"),
        place_before=re.compile(rf"\W*(?i:{any_of('place')})\s+(?:[a-z][\w'’-]*\s+){{0,3}}?[A-Z][^,.;]*,[^.;\d]*$"),
        each_places=re.compile(
            rf"[^,;:.()\d]{{0,60}}?,\s*(?:(?i:{any_of('joiner')})\s+)?(?P<count>[a-z]+|\d+)\s+(?i:{any_of('each')})\s+"
            rf"(?i:{any_of('place')})\s+(?:[a-z][\w'’-]*\s+){{0,2}}?(?P<places>{_NAME}(?:,\s*{_NAME}){{0,8}},?\s+and\s+{_NAME})"),
        reference=re.compile(rf"^\s*(?:{any_of('reference')})\s+(?:(?:the|a|an|its|their)\s+)?$",
                             re.IGNORECASE))
