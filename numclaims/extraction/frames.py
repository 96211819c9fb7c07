"""What a figure states besides its amount, read from the words around it (the first frame
fields): which way it moved (``direction``: "rose 5%", "a 9% drop"), its role in the change
(``change``: the delta "by 5%", the level "to $34m", the start "from $32m"), the
denominator of a rate (``per``: "$71.20 a barrel", "45 cents per share"), and what it is about
(``about``: "WTI crude fell 1.4%"). The words are data: change_words.tsv, rate_words.tsv and
about_words.tsv.

>>> from numclaims import extract
>>> [(m.text, m.direction, m.change) for m in extract("Sales rose 5% to $34m")]
[('5%', 'up', 'delta'), ('$34m', 'up', 'level')]
>>> [(m.text, m.per) for m in extract("WTI settled at $71.20 a barrel")]
[('$71.20', 'barrel')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from numclaims.extraction import scan
from numclaims.extraction.dimensions import Draft
from numclaims.extraction.lexicon import alternation, read_rows

#: The kinds a change or a rate is read for: not dates, years or ages.
FRAMED_KINDS = frozenset({
    "money", "ratio", "count", "other", "points", "length", "mass", "area", "volume", "energy", "power",
    "temperature", "duration", "storage", "speed", "pressure", "fuel_economy", "frequency",
})


@dataclass(frozen=True)
class _AboutWords:
    verbs: frozenset[str]
    skip: frozenset[str]
    stop: frozenset[str]
    verb_re: re.Pattern[str]  # any verb, searched in the clause before the figure
    stop_re: re.Pattern[str]


@functools.cache
def _about_words() -> _AboutWords:
    roles = {r[0]: frozenset(r[1].split(",")) for r in read_rows("about_words.tsv")}
    verbs = roles["verb"] | frozenset(_words().before)

    def words_re(words: frozenset[str]) -> re.Pattern[str]:
        # searched in scan.fold(text), first letter first, so that re skips to the candidates in
        # C; the word boundary before a match is checked by the caller
        return re.compile("(?:" + scan.by_first_char(sorted(words, key=len, reverse=True)) + r")(?![\w'’-])")

    return _AboutWords(verbs, roles["skip"], roles["stop"], words_re(verbs), words_re(roles["stop"]))


_CLAUSE_START = re.compile(r"[.;:!?,](?=\s)|[\n(\u2014\u2013\"“”]")
_ABOUT_WORDS = 4  # the longest phrase kept ("the state pension age")
_ABOUT_REACH = 100


def _words_in(pattern: re.Pattern[str], folded: str, start: int, end: int) -> list[re.Match[str]]:
    """The whole-word matches of ``pattern`` in ``folded[start:end]``."""
    return [m for m in pattern.finditer(folded, start, end)
            if m.start() == 0 or not (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_-'’")]


def about(text: str, draft: Draft, folded: str | None = None) -> str | None:
    """The phrase the figure's clause states it of, read before its verb: "WTI crude fell 1.4%"
    is about "WTI crude". None when no verb of about_words.tsv or change_words.tsv comes first.

    >>> about("WTI crude fell 1.4% on Friday", Draft(15, 19, "ratio", 1.4))
    'WTI crude'
    >>> about("The jobless rate rose to 4%", Draft(25, 27, "ratio", 4.0))
    'jobless rate'
    """
    floor = max(0, draft.start - _ABOUT_REACH)
    clause = max((m.end() for m in _CLAUSE_START.finditer(text, floor, draft.start)), default=floor)
    words = _about_words()
    folded = scan.fold(text[clause:draft.start]) if folded is None else folded[clause:draft.start]
    verbs = _words_in(words.verb_re, folded, 0, len(folded))
    if verbs:
        verb = verbs[-1]  # the last verb before the figure
        last_word = _LAST_TOKEN.search(folded, verb.end())
        if _words_in(words.stop_re, folded, verb.end(), last_word.start() if last_word else len(folded)):
            return None  # "sales rose and that left 5%": the figure belongs to another clause
        verb_at = verb.start()
    elif scan.fold(text[draft.start:draft.end]) in _words().multiple_verbs:
        verb_at = len(folded)  # "Exports doubled": the figure is the clause's verb
    else:
        return None
    stops = _words_in(words.stop_re, folded, 0, verb_at)
    start = clause + (stops[-1].end() if stops else 0)
    verb_start = clause + verb_at
    phrase = _TOKEN.findall(text, start, verb_start)
    while phrase and (phrase[0].lower() in words.skip or phrase[0].lower() in words.verbs):
        phrase = phrase[1:]
    while phrase and phrase[-1].lower() in words.verbs:  # "the state pension age will rise"
        phrase = phrase[:-1]
    phrase = phrase[-_ABOUT_WORDS:]
    return " ".join(phrase) if phrase and not any(w.lower() in words.verbs for w in phrase) else None


_LAST_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*\s*$")
_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*[\w]|[A-Za-z]")


@dataclass(frozen=True)
class _Words:
    before: dict[str, str]  # change verb -> direction
    after: dict[str, str]  # change noun or adjective after the figure -> direction
    roles: dict[str, str]  # "by" -> "delta", "to" -> "level", "from" -> "start"
    connector_re: re.Pattern[str]  # "by", "to", "from" right before the figure
    after_re: re.Pattern[str]
    level: dict[str, str]  # "4.2%, down from 4.5%": the word that makes a figure a level
    level_re: re.Pattern[str]
    per_re: re.Pattern[str]
    articles: frozenset[str]
    units: frozenset[str]
    counter_re: re.Pattern[str]  # "times" between a count and its connector
    canonical: dict[str, str]  # denominator as written -> the pint unit a rate is per
    multiple_verbs: frozenset[str]  # "doubled", "halved": a figure that is its clause's verb


@functools.cache
def _words() -> _Words:
    tables: dict[str, dict[str, str]] = {}
    for word, value, where in read_rows("change_words.tsv"):
        tables.setdefault(where, {})[word] = value
    before, after, roles_before = tables["before"], tables["after"], tables["role"]
    multiples = {row[1]: row[3] for row in read_rows("multiples.tsv") if row[0] == "verb"}
    # "sales tripled to 3m units": a multiple's verb states a change like "rose"
    before = {**multiples, **before}
    roles = {r[0]: r[1].split(",") for r in read_rows("rate_words.tsv")}
    connectors = roles["connector"]
    per_re = re.compile(
        r"(?:\s*\))?\s*(?:(" + alternation([c for c in connectors if c.isalpha()]) + r")\s+|(" + alternation(
            [c for c in connectors if not c.isalpha()]) + r")\s?)(" + alternation(roles["unit"]) + r"|[A-Za-z]+)\b"
    )
    return _Words(
        before, after, roles_before,
        re.compile(r"(?i)(?<![\w-])(" + alternation(list(roles_before)) + r")\s+$"),
        re.compile(r"(?i)[\s-]+(" + alternation(list(after)) + r")(?![\w-])"),
        tables["level"],
        re.compile(r"(?i),\s*(" + alternation(list(tables["level"])) + r")\s+from(?![\w-])"),
        per_re, frozenset(roles["article"]), frozenset(roles["unit"]),
        re.compile(r"(?i)\s+(?:" + alternation(roles["counter"]) + r")(?![\w-])"),
        dict(pair.split("=", 1) for pair in roles["canonical"]),
        frozenset(multiples),
    )


_SENTENCE_END = re.compile(r"[.;!?\n](?=\s|$)")
_PER_BEFORE = re.compile(r"(?i)\bper\s+([a-z]+)$")
_WORD = re.compile(r"[A-Za-z][a-z'’-]*")
_REACH = 160  # characters searched back for the change verb of a "to"/"from"/"by" figure
_NEAR_WORDS = 2  # a figure with no connector: the verb is one of the two words before it
_NEAR_REACH = 40  # characters that surely hold those two words ("were up more than" is a qualifier's)


def frame_fields(text: str, drafts: list[Draft], folded: str | None = None) -> None:
    """Set ``direction``, ``change``, ``per`` and ``about`` on the drafts that state them."""
    words = _words()
    folded = scan.fold(text) if folded is None else folded
    for draft in drafts:
        if draft.kind not in FRAMED_KINDS:
            continue
        _direction(text, draft, words)
        _per(text, draft, words)
        draft.about = about(text, draft, folded)
        if draft.per is None and draft.about is not None:
            # "income per capita was $12,000": the denominator is named before the figure
            named = _PER_BEFORE.search(draft.about)
            if named is not None:
                draft.per = named.group(1).lower()
    # "US$500 million (S$681 million) a year": a restatement and its original are the same rate
    for draft in drafts:
        if draft.equivalent_of is not None:
            original = drafts[draft.equivalent_of]
            original.per = original.per or draft.per
            draft.per = draft.per or original.per
            draft.direction, draft.change = draft.direction or original.direction, draft.change or original.change


def change_before(text: str, start: int) -> str | None:
    """The direction of a change verb among the two words before ``start``, if any ("rose from
    $32m to $34m" is a change from a start to a level, not a range)."""
    before = _words().before
    preceding = [m.group().lower() for m in _WORD.finditer(text, max(0, start - 30), start)][-_NEAR_WORDS:]
    return next((before[w] for w in reversed(preceding) if w in before), None)


def states_change(text: str, start: int) -> bool:
    """Is there a change verb among the two words before ``start``?"""
    return change_before(text, start) is not None


def _direction(text: str, draft: Draft, words: _Words) -> None:
    start = draft.start
    connector = words.connector_re.search(text, max(0, start - 8), start)
    if connector is None:  # the verb is one of the two words right before: a short look back
        floor = max(0, start - _NEAR_REACH)
    else:  # "fell 2% to 3,100": the verb may be further back in the sentence
        floor = max(0, start - _REACH)
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, floor, start)), default=floor)
    end_of_words = connector.start() if connector else start
    if end_of_words < sentence:
        return
    preceding = [m.group().lower() for m in _WORD.finditer(text, sentence, end_of_words)]
    if connector is None:
        preceding = preceding[-_NEAR_WORDS:]
    direction = next((words.before[w] for w in reversed(preceding) if w in words.before), None)
    if direction is not None:
        draft.direction = direction
        draft.change = words.roles[scan.fold(connector.group(1))] if connector else "delta"
        return
    level = words.level_re.match(text, draft.end)
    if level is not None:  # "4.2%, down from 4.5%": the level reached
        draft.direction, draft.change = words.level[scan.fold(level.group(1))], "level"
        return
    noun = words.after_re.match(text, draft.end)
    if noun is not None:  # "a 9% drop", "312 points higher"
        draft.direction, draft.change = words.after[scan.fold(noun.group(1))], "delta"


def _per(text: str, draft: Draft, words: _Words) -> None:
    if draft.unit is not None and "_per_" in draft.unit:
        # a rate by its unit ("120 km/h", "30 mpg"): the unit's denominator
        draft.per = draft.unit.rsplit("_per_", 1)[1]
        return
    end = draft.end
    if draft.unit is None and (counter := words.counter_re.match(text, end)) is not None:
        end = counter.end()  # "beat 60 times a second"
    found = words.per_re.match(text, end)
    if found is None:
        return
    connector = scan.fold(found.group(1) or found.group(2))
    noun = scan.fold(found.group(3))
    singular = noun[:-1] if noun.endswith("s") and noun[:-1] in words.units else noun
    if connector in words.articles and singular not in words.units:
        return  # "$5 a company", "3 a side"
    draft.per = singular


def canonical_per(per: str, unit: str | None, canonical_unit: str | None) -> str | None:
    """The denominator a normalised rate is per: a pint unit where the denominator is one
    ("barrel" -> ``oil_barrel``), the canonical unit's own for a rate unit ("120 km/h" is
    normalised to m/s: per ``second``), else the word itself ("share"). None for a rate unit
    whose canonical unit is a rate by itself ("7,200 rpm" is 120 hertz).

    >>> canonical_per("barrel", "USD", "USD"), canonical_per("hour", "kilometer_per_hour", "meter_per_second")
    ('oil_barrel', 'second')
    """
    if unit is not None and "_per_" in unit:
        return canonical_unit.rsplit("_per_", 1)[1] if canonical_unit and "_per_" in canonical_unit else None
    return _words().canonical.get(per, per.replace(" ", "_"))
