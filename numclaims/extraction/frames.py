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

import dataclasses
import functools
import re
from dataclasses import dataclass

from numclaims.extraction import scan
from numclaims.extraction.dimensions import Draft
from numclaims.extraction.lexicon import alternation, calendar_names, lexicon, number_names, read_rows

#: The kinds a change or a rate is read for: not dates, years or ages.
FRAMED_KINDS = frozenset({
    "money", "ratio", "count", "other", "points", "length", "mass", "area", "volume", "energy", "power",
    "temperature", "duration", "storage", "speed", "pressure", "fuel_economy", "frequency", "magnitude",
})


@dataclass(frozen=True)
class _AboutWords:
    verbs: frozenset[str]
    skip: frozenset[str]
    stop: frozenset[str]
    verb_re: re.Pattern[str]  # any verb, searched in the clause before the figure
    stop_re: re.Pattern[str]
    auxiliary: frozenset[str]  # "is", "will": the phrase ends before the first of them
    relative: frozenset[str]  # "which", "who": a clause set off by commas that the phrase lies before
    preposition: frozenset[str]  # "of", "at": the words that join a longer phrase ("death toll from the quake")
    continuation: frozenset[str]  # words between two figures of one statement ("fell 77 cents, or 0.65 percent")
    time: frozenset[str]  # time words a phrase does not begin or end with ("last month", "in the second quarter")
    ordinal: frozenset[str]  # "first", "second": time words only after a preposition ("in the second quarter")
    calendar: frozenset[str]  # month and weekday names
    pronoun: frozenset[str]  # "it", "he": no phrase of their own
    determiner: frozenset[str]  # "the": a verb after it is a noun ("the cost of the damage")
    source: frozenset[str]  # "put", "measured": a source's estimate ("experts put the toll at 2,000")
    past: frozenset[str]  # verbs in a past tense ("came", "ended"): one inside a phrase ends it
    article: frozenset[str]  # "a", "an": a change word after one and an adjective is a noun ("a steep fall")
    conjunction: frozenset[str]  # "and", "but": a second verb of the subject before ("stood on 412 seats and held")
    aside: frozenset[str]  # "together", "including": a phrase between a subject and its verb opens with them
    correlative: frozenset[str]  # "as": a stop word that in "as much as" is part of a qualifier
    adjunct: frozenset[str]  # "with": a figure right after it is about the phrase before it
    parallel: frozenset[str]  # "and", "or": a second figure of the same verb ("... and 809 in Taroudant")
    demonstrative: frozenset[str]  # "that": "in that fire" points back to a fire named before
    joining: frozenset[str]  # "after": a stop word that joins "Profit after tax"
    apposition: frozenset[str]  # "at": ", at $405,000," between a subject and its verb is the subject's
    opener: frozenset[str]  # "basis", "terms": the noun that ends an opening phrase ("On a monthly basis consumer prices")
    focus: frozenset[str] = frozenset()  # "alone": after the phrase's noun, no part of it ("The outpatient list alone")
    estimate: frozenset[str] = frozenset()  # "expected", "consensus": a figure set against a level is a forecast of it


@functools.cache
def _about_words() -> _AboutWords:
    roles = {r[0]: frozenset(r[1].split(",")) for r in read_rows("about_words.tsv")}
    verbs = roles["verb"] | frozenset(_words().before) | roles["source"]

    def words_re(words: frozenset[str]) -> re.Pattern[str]:
        # searched in scan.fold(text), first letter first, so that re skips to the candidates in
        # C; the word boundary before a match is checked by the caller
        return re.compile("(?:" + scan.by_first_char(sorted(words, key=len, reverse=True)) + r")(?![\w'’-])")

    # the words of time_words.tsv's phrases, month and weekday names ("May" is a name too often)
    from numclaims.extraction.when import LIST_ROLES  # word lists of other roles, not time words

    rows = read_rows("time_words.tsv")
    names = calendar_names()
    # month and weekday names are time words after a preposition or another time word ("On
    # Monday Brent crude", "Late Monday the dollar"), not before a noun ("October Brent"), whatever
    # phrase they are part of ("the September quarter")
    calendar = frozenset(n.lower() for n in [*names.months, *names.weekdays] if len(n) > 3)
    time = frozenset(w for row in rows if row[1] != "prefix" and row[1] not in LIST_ROLES
                     for w in row[0].split()) - roles["not_time"] - calendar
    # time zones ("At 4:00 p.m. EDT the centre of the storm": "EDT" by its shape too, see _is_time)
    time |= frozenset(w.lower() for row in rows if row[1] == "zone" for w in row[0].split(","))
    past = frozenset(w for row in rows if row[1] == "past_tense" for w in row[0].split(","))
    time |= roles["time"]
    continuation = roles["continue"] | frozenset(_words().roles) | frozenset(_words().units)
    return _AboutWords(verbs, roles["skip"], roles["stop"], words_re(verbs), words_re(roles["stop"]),
                       roles["auxiliary"], roles["relative"], roles["preposition"], continuation, time,
                       _Ordinals(roles["not_time"]), calendar, roles["pronoun"], roles["determiner"], roles["source"],
                       frozenset(v for v in verbs if v.endswith("ed")) | (past & verbs), roles["article"],
                       roles["conjunction"], roles["aside"], roles["correlative"], roles["adjunct"],
                       roles["parallel"], roles["demonstrative"], roles["joining"], roles["apposition"],
                       roles["opener"], roles.get("focus", frozenset()), roles.get("estimate", frozenset()))


class _Ordinals(frozenset):
    """The words of time phrases that are no time words alone ("first", "second"), and every
    ordinal in digits with them ("in the 14th epidemiological week", "Sales in the 3rd quarter")."""

    def __contains__(self, word: object) -> bool:
        return frozenset.__contains__(self, word) or isinstance(word, str) and _NUMERIC_ORDINAL.fullmatch(word) is not None


_NUMERIC_ORDINAL = re.compile(r"\d*(?:1st|2nd|3rd|[04-9]th|1[1-3]th)")


def verbs() -> frozenset[str]:
    """The verbs that state a figure (about_words.tsv's and the change verbs), in lower case."""
    return _about_words().verbs


_TITLES = next(r[0].split(",") for r in read_rows("time_words.tsv") if r[1] == "title")
# the titles as lookbehinds, one for each width (a lookbehind has one)
_TITLE_BEFORE = "".join(r"(?<!(?<![\w.])(?:" + "|".join(ts) + "))"
                        for ts in ([t for t in _TITLES if len(t) == n] for n in sorted({len(t) for t in _TITLES})))
# not the full stop of an abbreviation written with stops ("the U.K. general election", "10:30 a.m. local time")
# no clause starts after an initialism ("U.S.") or a title that comes before a name ("St. Louis"),
# nor at an en dash between names ("Rates on Shanghai – Los Angeles slid 6%": a route)
_CLAUSE_START = re.compile(r"(?<![A-Za-z]\.[A-Za-z])" + _TITLE_BEFORE + r"[.;:!?,](?=\s)|[\n(\u2014\"“”]|\u2013(?!\s[A-Z])")
_ABOUT_WORDS = 6  # the longest phrase kept ("December West Texas Intermediate crude futures")
_ABOUT_LONGEST = 7  # ... or one joined by a preposition ("monthly average rainfall for the North West")
_ABOUT_REACH = 150


def _words_in(pattern: re.Pattern[str], folded: str, start: int, end: int) -> list[re.Match[str]]:
    """The whole-word matches of ``pattern`` in ``folded[start:end]``."""
    return [m for m in pattern.finditer(folded, start, end)
            if m.start() == 0 or not (folded[m.start() - 1].isalnum() or folded[m.start() - 1] in "_-'’")]


def about(text: str, draft: Draft, folded: str | None = None, previous_end: int | None = None,
          counted_end: int | None = None, valued_of: int | None = None) -> str | None:
    """The phrase the figure's clause states it of, read before its verb: "WTI crude fell 1.4%"
    is about "WTI crude". None when no verb of about_words.tsv or change_words.tsv comes first.
    A clause with no phrase of its own is read on from the clause before it: a participle
    ("hit Morocco late on Friday, killing at least 632 people"), an adjunct with no verb
    ("Milton was 545 miles southwest of Tampa, Florida, with maximum sustained winds of 145 mph"),
    a relative clause ("Hazard, who earns £530,000") or a second verb ("Labour stood on 412 seats
    and held a majority of 176"). ``counted_end`` is where the figure before ends when it counts
    or prices a noun of its own ("At least 2,000 people"): a subject that holds it is its figure's.
    ``valued_of`` is where the "of" before the figure before starts when that figure is the value
    of the noun before it ("Quarterly revenue of $17.41 billion was up 6 percent"): a subject that
    holds it ends there.

    >>> about("WTI crude fell 1.4% on Friday", Draft(15, 19, "ratio", 1.4))
    'WTI crude'
    >>> about("The jobless rate rose to 4%", Draft(25, 27, "ratio", 4.0))
    'jobless rate'
    """
    qualifier = _TOKEN.match(text, draft.start)
    if qualifier is not None and qualifier.end() < draft.end and qualifier.group().lower() not in _words().adverbs and (
            _participle(qualifier.group(), _about_words()) or qualifier.group().lower() in _about_words().verbs):
        # "gusts exceeding 100 mph hit Tampa Bay", "the deficit topped $1.6 trillion": the
        # qualifier is the clause's verb (not the "up" of "extend outward up to 15 miles")
        draft = dataclasses.replace(draft, start=qualifier.end())
    phrase, back, mode = _about_in_clause(text, draft, folded, previous_end, _READ, counted_end, valued_of)
    for _ in range(_ABOUT_HOPS):
        if phrase is not None or back is None:
            break
        # a subject read on to that holds the figure before is that figure's ("At least 22 workers
        # were killed, 17 others injured": not about "22 workers")
        phrase, back, mode = _about_in_clause(text, Draft(back, back, draft.kind, None), folded, None, mode,
                                              counted_end, valued_of=valued_of)
    if phrase is not None and phrase.lower() in lexicon().ratio_units:
        return None  # "a drop of 67 cases or 2.7 per cent from 2,488": the unit of the figure before
    return phrase


_ABOUT_HOPS = 4
_SET_OFF = re.compile(r"[),]")  # "At 12:31 pm (0331 GMT) the Nikkei stood at": the figure is an aside
_COUNTING_KINDS = frozenset({"count", "money"})  # figures that count or price a noun of their own
_MODIFIER = re.compile(r"\d-[A-Za-z]+$")  # a figure that ends as a compound modifier ("10-year", "6.8-magnitude")
_WORD_MODIFIER = re.compile(r"(?<![\w-])([A-Za-z]+)-([A-Za-z]+)$")  # "Three-bedroom", not "twenty-five"
_MODIFIER_REACH = 24
# how a clause read on from another is read: as the figure's own; for the subject of a verb
# after it ("The new offer, made on May 7, was 10% higher"); for its main verb's subject, that
# of a participle after it ("hit Morocco late on Friday, killing at least 632 people")
_READ, _SUBJECT, _MAIN = range(3)


def _about_in_clause(text: str, draft: Draft, folded_all: str | None, previous_end: int | None,
                     mode: int, counted_end: int | None = None,
                     valued_of: int | None = None) -> tuple[str | None, int | None, int]:
    """The phrase of the figure's clause, or where to read on: (phrase, None, _) or (None, the
    position to read back from, how to read the clause there)."""
    floor = max(0, draft.start - _ABOUT_REACH)
    if floor > 0 and text[floor - 1].isalnum():  # not from inside a word ("ednesday")
        space = text.find(" ", floor, draft.start)
        floor = space + 1 if space >= 0 else draft.start
    words = _about_words()
    clause = _clause_start(text, floor, draft.start)
    folded = scan.fold(text[clause:draft.start]) if folded_all is None else folded_all[clause:draft.start]
    after_comma = clause > floor and text[clause - 1] == ","
    back = clause - 1 if after_comma else None
    verbs = [v for v in _words_in(words.verb_re, folded, 0, len(folded))
             if not _after_determiner(folded, v, words, text[clause:draft.start]) and not _particle(folded, v.start(), v.group())
             and not _noun_opening(text, clause, v, words) and not _agent_participle(folded, v, words)]
    first = _TOKEN.search(text, clause, draft.start)
    if first is not None and first.group().lower() in words.stop and (
            second := _TOKEN.search(text, first.end(), draft.start)) is not None and _participle(second.group(), words):
        first = second  # "..., she said, before falling from 4.5 per cent": a participle after "before"
    if first is not None and _participle(first.group(), words) and not _definite(text, draft.start, words) and not [
            v for v in verbs if v.start() > first.end() - clause and v.group() not in words.source
            and not _adverb_of(folded, first.end() - clause, v)]:
        # "..., killing at least 632 people", "..., beating estimates by USD 1.55 billion" (but
        # "beating the 40.4C set in 1947" is another figure, named by its article)
        return None, back, _MAIN
    if mode == _SUBJECT:
        return _subject(text, clause, draft.start, verbs, back, words)
    with_at = _with_before(text, clause, draft.start, words)
    if with_at is not None and mode == _READ:
        if previous_end is None or previous_end < with_at - _WITH_GAP:
            # "captained by experienced pilots with more than 6,000 flight hours": the pilots'
            return _antecedent(text, clause, with_at, words), None, _READ
        previous_end = None  # "had winds of 27 m/s with nearly 100 mm of rain": what the clause is about
    if mode == _MAIN and verbs:
        verbs = verbs[:1]  # "The Labour Party has won the election held on July 4, taking 412 seats"
    if verbs:
        verb = verbs[-1]  # the last verb before the figure
        if len(verbs) > 1 and verb.group() in _words().adverbs and not folded[verbs[-2].end():verb.start()].strip():
            verb = verbs[-2]  # "the season ticket goes up 5.9%": the verb of the particle
        elif verb.group() in _words().adverbs and (moved := _particle_verb(folded, verb.start())) is not None:
            verb = moved  # "Construction on new homes nudged up 0.9%", "Demand shot up by 158.1%": the verb, not the subject's
        if verb.group() in words.source and _source_object(text, clause + verb.end(), draft.start):
            return None, None, _READ  # "experts put the cost at $50 billion", "GFZ measured it at 6.9": a source's estimate
        last_word = _LAST_TOKEN.search(folded, verb.end())
        if mode == _READ and previous_end is not None and previous_end > clause + verb.end() and (
                named := _and_name_re().search(text, previous_end, draft.start)) is not None:
            # "Screen Holdings gained more than 10% and SoftBank Group more than 5%", "Labour
            # received 35% of the vote and the Conservatives 24%": the verb left out, a name
            phrase = _phrase(named.group(1).split(), words)
            if phrase:
                return " ".join(phrase), None, _READ
        if mode == _READ and previous_end is not None and previous_end > clause + verb.end() \
                and (gap := _gap_joined(text, text[previous_end:draft.start], draft.end)) is not None:
            # "Housing prices rose 14.58 per cent and food 11.78 per cent": the verb left out
            # ("larceny-theft dropped 3.5 percent, motor vehicle theft 2.1 percent and ...": a list)
            named = _TOKEN.findall(gap, re.search(r"(?<![\w-])and\s", gap).end())
            if len(named) > 1 and named[-1].lower() in _words().roles:
                named = named[:-1]
            phrase = _phrase(named, words)
            if phrase:
                return " ".join(phrase), None, _READ
        if mode != _MAIN and [m for m in _words_in(words.stop_re, folded, verb.end(), last_word.start() if last_word else len(folded))
                if not _correlative(folded, m, words) and not _THAN_FIGURE.match(folded, m.start())]:
            return None, None, _READ  # "sales rose and that left 5%": the figure belongs to another clause
        if previous_end is not None and previous_end > clause + verb.end() and not _continues(
                text[previous_end:draft.start]) and not _more_words().of_connector_re.search(text, previous_end, draft.start):
            # "payrolls dropped 268,000 with the layoffs of 147,000": the verb's figure is the
            # first; this one is the value of the phrase before its "of" ("layoffs")
            return (_of_head(text, clause, draft.start, draft.kind, words) if mode == _READ else None), None, _READ
        verb_at = verb.start()
    elif scan.fold(text[draft.start:draft.end]) in _words().multiple_verbs:
        verb_at = len(folded)  # "Exports doubled": the figure is the clause's verb
    elif draft.end > draft.start and (named := _named_before(text, clause, draft.start, words, draft.end)) is not None:
        # "the Skyway Fishing Pier reached 46 m/s, Albert Whitted Airport 45 m/s and Tampa
        # International Airport 43 m/s": the verb left out, the name before each figure
        return named, None, _READ
    elif back is not None and mode == _READ and _apposition(text, clause, draft, words):
        # "All wheat production, at 2.03 billion bushels, is up 2 percent": the subject's
        return None, back, _SUBJECT
    elif back is not None and mode == _READ and _set_off_adjunct(text, clause, draft, words) and (
            head := _of_head(text, clause, draft.start, draft.kind, words)) is not None:
        # "Bitcoin, with a market cap of $647 billion, has dropped 6.8%": the noun before "of"
        # (a trailing "..., with maximum sustained winds of 145 mph." is the clause's)
        return head, None, _READ
    elif _adjunct(text, clause, draft.start, words) or _coordinated(text, clause, draft, words):
        # "Milton was 545 miles southwest of Tampa, Florida, with maximum sustained winds of 145
        # mph", "Net income reached USD 12.3 billion, an increase of 769%": read on before the comma
        if back is None and mode == _READ:
            return _of_head(text, clause, draft.start, draft.kind, words), None, _READ
        if mode == _READ and (head := _valued_head(text, clause, draft, words)) is not None:
            # "Apple earned 70 cents a share, ahead of the average analyst estimate of 49 cents",
            # "..., at a depth of 55km": the value of the noun before "of", no change of the
            # clause before ("..., an increase of 769%" is that clause's)
            return head, None, _READ
        return None, back, _READ
    else:
        return (_of_head(text, clause, draft.start, draft.kind, words) if mode == _READ else None), None, _READ
    first_verb_at = verbs[0].start() if verbs else verb_at
    if after_comma and not _TOKEN.search(text, clause, clause + first_verb_at) and not _words_in(
            words.stop_re, folded, first_verb_at, verb_at):  # "set when Manchester City signed": the verb's own subject
        # "The core CPI, which leaves out food and energy, rose 0.3%": the phrase is before the
        # relative clause the commas set off
        inner = _clause_start(text, floor, clause - 1)
        opener = _TOKEN.search(text, inner, clause)
        if opener is not None and opener.group().lower() in words.relative and inner > floor and text[inner - 1] == ",":
            clause = _clause_start(text, floor, inner - 1)
            folded = scan.fold(text[clause:draft.start]) if folded_all is None else folded_all[clause:draft.start]
            verb_at = inner - 1 - clause
        else:
            return None, back, _SUBJECT  # "The Palisades Fire, first reported on Tuesday, has grown to": its subject is before
    # ("had burned more than 57,000 acres and was 30 percent contained": the "than" of a
    # figure's qualifier opens no clause)
    stops = [m for m in _words_in(words.stop_re, folded, 0, verb_at) if not _THAN_FIGURE.match(folded, m.start())]
    verb_word = _TOKEN.match(folded, verb_at)
    if verb_word is None or not _participle(verb_word.group(), words):  # "winds and gusts exceeding 100 mph": the gusts'
        stops = [m for i, m in enumerate(stops) if not _joins_nouns(folded, m, stops[i - 1].end() if i else 0, verbs, words)]
    start = clause + (stops[-1].end() if stops else 0)
    if counted_end is not None and start < counted_end <= clause + verb_at and not _modifier(
            text, max(start, counted_end - _MODIFIER_REACH), counted_end) and not _SET_OFF.search(
            text, counted_end, clause + verb_at):
        # "At least 2,000 people have died in the 6.8-magnitude quake": the subject is the other
        # figure's, the verb's figure ("the 10-year yield rose 5 basis points" has a modifier)
        return None, None, _READ
    phrase_end = valued_of if valued_of is not None and start < valued_of < clause + verb_at else clause + verb_at
    phrase = _phrase(_tokens_before(text, start, phrase_end), words)
    if phrase:
        return " ".join(phrase), None, _READ
    if stops and not _TOKEN.search(text, start, clause + max(first_verb_at, stops[-1].end())):
        stop = stops[-1].group()
        if stop in words.relative:  # "Hazard, who earns", "gusts that could reach": the word before it
            return _antecedent(text, clause, clause + stops[-1].start(), words), None, _READ
        if stop in words.conjunction:  # "Labour stood on 412 seats and held": the verb before's
            return None, clause + stops[-1].start(), _READ
    if not stops and _pronoun_subject(text, start, clause + verb_at, words) and after_comma:
        return None, back, _SUBJECT  # "BHP, itself valued at £120 billion"
    return None, None, _READ


def _modifier(text: str, start: int, end: int) -> bool:
    """Does the figure ending at ``end`` end as a compound modifier: "10-year", "6.8-magnitude",
    "Three-bedroom" (a number word and a noun, not "twenty-five")?"""
    if _MODIFIER.search(text, start, end):
        return True
    word = _WORD_MODIFIER.search(text, start, end)
    counting = _number_words()
    return word is not None and word.group(1).lower() in counting and word.group(2).lower() not in counting


@functools.cache
def _number_words() -> frozenset[str]:
    return frozenset(number_names().counting)


def _noun_opening(text: str, clause: int, verb: re.Match[str], words: _AboutWords) -> bool:
    """Is the verb the capitalised first word of its clause with a preposition after it, a noun
    ("Rates on Rotterdam – Shanghai, by contrast, rose 3%")?"""
    if verb.start() != len(text[clause:clause + verb.start()]) - len(text[clause:clause + verb.start()].lstrip()):
        return False
    following = _TOKEN.search(text, clause + verb.end())
    return text[clause + verb.start()].isupper() and following is not None \
        and not text[clause + verb.end():following.start()].strip() and following.group().lower() in words.preposition


def _joins_head(folded: str, stop: re.Match[str], after: int, verbs: list[re.Match[str]], words: _AboutWords) -> bool:
    """Is "after" or "before" inside a noun phrase ("Profit after tax rose", "earnings before
    income taxes dropped"): a noun right before it, a bare noun after it (no determiner, number
    or participle: not "after falling", "before the vote") and no verb in between?"""
    neighbours = _stop_neighbours(folded, stop, after)
    if neighbours is None:
        return False
    noun, next_word = neighbours
    return (noun not in words.verbs and noun not in words.skip and noun not in words.preposition
            and next_word not in words.determiner and next_word not in words.pronoun and next_word not in words.skip
            and not _is_number(next_word) and not _participle(next_word, words)
            and not any(stop.end() <= v.start() for v in verbs[:-1]))


def _tokens_before(text: str, start: int, end: int) -> list[str]:
    """The tokens from ``start`` to the word at ``end``, which a full stop's token may look at
    ("Dow Jones & Co. earned": "Co.")."""
    return [m.group() for m in _TOKEN.finditer(text, start, min(len(text), end + 1)) if m.start() < end]


def _joins_nouns(folded: str, stop: re.Match[str], after: int, verbs: list[re.Match[str]],
                 words: _AboutWords) -> bool:
    """Is the stop word an "and" or "or" between two nouns of one phrase, with no verb before it
    in its clause ("Prices of alcohol and tobacco were", "Saudi Arabia and Russia will each
    reduce", "Search and rescue operations involve"; not "sales rose and that left 5%")?"""
    if stop.group() in words.joining:
        return _joins_head(folded, stop, after, verbs, words)
    if _in_date_run(folded, stop, after):
        return True  # "Foreign arrivals between January 1 and June 2 totalled": one time, no clause
    neighbours = _stop_neighbours(folded, stop, after) if stop.group() in words.parallel else None
    return (neighbours is not None and neighbours[1] not in words.pronoun and not _is_number(neighbours[1])
            and not any(after <= v.start() < stop.start() for v in verbs))


@functools.cache
def _run_words() -> frozenset[str]:
    """time_words.tsv's run rows: the joints of "from April to June", "between January 1 and June 2"."""
    return frozenset(w for r in read_rows("time_words.tsv") if r[1] == "run" for w in r[0].split(","))


def _in_date_run(folded: str, stop: re.Match[str], after: int) -> bool:
    """Is the stop word the joint of a run of days ("between January 1 and June 2", "from 1
    January to 28 April": time_words.tsv's run rows after its basis prefix)?"""
    date_run = _date_run_re()
    return date_run[0].search(folded, after, stop.start()) is not None and date_run[1].match(folded, stop.end()) is not None


@functools.cache
def _date_run_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What comes before a run's joint ("between January 1 ", "from 1 Jan ") and after it (" June 2")."""
    rows = read_rows("time_words.tsv")
    basis = [w for r in rows if r[1] == "prefix" and r[2] == "basis" for w in r[0].split(",") if " " not in w]
    months = alternation(sorted({m.lower() for m in calendar_names().months}, key=len, reverse=True))
    day = r"(?:\d{1,2}\s+(?:" + months + r")|(?:" + months + r")\.?\s+\d{1,2})(?![\w])"
    return (re.compile(r"(?<![\w-])(?:" + alternation(basis) + r")\s+" + day + r"(?:,?\s+\d{4})?\s+$"),
            re.compile(r"\s+" + day))


def _stop_neighbours(folded: str, stop: re.Match[str], after: int) -> tuple[str, str] | None:
    """The words right before and after a stop word in its clause (from ``after``), or None when
    a comma comes before it or a word is missing on either side."""
    if folded[after:stop.start()].rstrip().endswith(","):
        return None
    before = _LAST_TOKEN.search(folded, after, stop.start())
    following = _TOKEN.match(folded, stop.end() + 1) if stop.end() < len(folded) else None
    if before is None or following is None:
        return None
    return before.group().strip(), following.group()


def _of_head(text: str, clause: int, end: int, kind: str, words: _AboutWords) -> str | None:
    """The noun phrase a figure right after "of" is the value of, in a clause with no verb before
    the figure ("Chicago's overall purse of $560,000 is divided", "an average estimate of $276.37
    million", "a premium of around 31%"): the words before "of" back to a determiner, a stop word,
    a preposition or a verb, four at most. Not for a count: "the fate of around 10,000 workers"
    counts workers."""
    of = _OF_BEFORE.search(text, max(clause, end - _OF_REACH), end) if kind not in _COUNTED else None
    if of is None:
        return None
    tokens = _TOKEN.findall(text, clause, of.start())
    lower = [t.lower() for t in tokens]
    head: list[str] = []
    for i in range(len(tokens) - 1, -1, -1):
        token, low = tokens[i], lower[i]
        if _year_modifier(tokens, lower, i, words) and head:
            head.insert(0, token)  # "The 2014 deficit of $483.4 billion": which deficit
            continue
        if (low in words.skip or low in words.stop or low in words.preposition or low in words.verbs
                or low in words.determiner or _is_number(token) or _is_time(token, low, words)
                or len(head) == _ABOUT_WORDS):
            break
        head.insert(0, token)
    return " ".join(head) if head else None


_COUNTED = frozenset({"count", "other"})
_COUNT_BARE = ("count", "other")  # "2.28 million members and ... 2.17 million": the bare figure counts them too


@functools.cache
def _and_name_re() -> re.Pattern[str]:
    """A name (capitalised words, "the" allowed) right before a figure after "and", or before the
    connector of the verb's figure ("increased its purse to $18 million, and the PGA Championship
    to $17.5 million")."""
    connectors = sorted(_words().roles.keys() | _about_words().preposition, key=len, reverse=True)
    return re.compile(r"(?<![\w-])and\s+(" + _NAME + r"(?:(?:,\s+" + _NAME + r")+,?\s+and\s+" + _NAME + r")?)\s+"
                      r"(?:(?:" + "|".join(map(re.escape, connectors)) + r")\s+)?$")


# a name: capitalised words, "the" before them ("the Middle East"); a list of them is one
# subject ("Europe, the Middle East and Africa")
_NAME = r"(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3}"
_NAME_LIST = re.compile(_NAME + r"(?:,\s+" + _NAME + r")+,?\s+and\s+" + _NAME)
_LISTED_BEFORE = re.compile(r"(?<![\w-])and\s+(" + _NAME_LIST.pattern + r")\s+$")
_LISTED_REACH = 80


_OF_BEFORE = re.compile(r"(?<![\w'’-])of\s+$")
_OF_REACH = 8


def _subject(text: str, clause: int, end: int, verbs: list[re.Match[str]], back: int | None,
             words: _AboutWords) -> tuple[str | None, int | None, int]:
    """The subject a clause gives the verb after it: itself when it has no verb ("The Palisades
    Fire, first reported ..., has grown"), read on over an aside ("Ighil, a mountainous area of
    small farming villages, lies", "The fires, together with several smaller blazes, have
    burned", "The new offer, made on May 7, was")."""
    tokens = _TOKEN.findall(text, clause, end)
    lower = [t.lower() for t in tokens]
    first = next((w for w in lower if w not in words.skip), "")
    aside = first in words.preposition or first in words.aside or first in words.stop or bool(lower) and lower[0] in words.article
    if verbs:
        before = [w for w in _TOKEN.findall(text, clause, clause + verbs[0].start())
                  if w.lower() not in words.skip and w.lower() not in words.ordinal and not _is_time(w, w.lower(), words)]
        aside = aside or not before
    if aside:
        return None, back, _SUBJECT
    if verbs:
        # "Real Madrid have agreed ... for a fee of £115m, made up of an upfront payment of £88.5m":
        # a participle after a clause with its own subject is about what that clause is about
        return None, end, _READ
    if back is not None and _head_before(text, back, words):
        return None, back, _SUBJECT  # "Flight ET 302, registration ET-AVJ, went down": the head before its apposition
    phrase = _phrase(tokens, words)
    return (" ".join(phrase) if phrase else None), None, _READ


def _named_before(text: str, clause: int, end: int, words: _AboutWords, figure_end: int) -> str | None:
    """The name right before a figure (from ``end`` to ``figure_end``) in a clause with no verb,
    after a comma or "and" ("..., Albert Whitted Airport 45 m/s and Tampa International Airport
    43 m/s")."""
    if clause == 0 or text[clause - 1] != ",":
        return None
    listed = _LISTED_BEFORE.search(text, max(0, clause - _LISTED_REACH), end)
    if listed is not None and listed.start(1) < clause:
        return listed.group(1)  # "... and Europe, the Middle East and Africa 2.17 million": the list is one name
    tokens = list(_TOKEN.finditer(text, clause, end))
    stops = [i for i, t in enumerate(tokens) if t.group().lower() in words.stop]
    name = tokens[stops[-1] + 1:] if stops else tokens
    # "..., and the PGA Championship to $17.5 million": the connector of the figure before it
    connector = len(name) > 1 and (name[-1].group().lower() in _words().roles or name[-1].group().lower() in words.preposition)
    if connector:
        name = name[:-1]
    if not name or len(text[name[-1].end():end].split()) > connector:
        return None
    words_of = [t.group() for t in name]
    if any(_is_time(w, w.lower(), words) for w in words_of):
        return None
    plain = not any(w.lower() in _words().filler_ends and not (i == 0 and w.lower() in words.determiner)
                    or w.lower() in words.verbs or _is_number(w) for i, w in enumerate(words_of))
    if not all(w[0].isupper() for w in words_of if w.lower() not in words.skip) and not (
            stops and tokens[stops[-1]].group().lower() in words.conjunction and stops[-1] == 0
            and plain and _verbless_after(text, figure_end, words)) and not (plain and _in_list(
            text, clause, tokens[stops[-1]] if stops else None, figure_end, words)):
        # a noun in lower case only in a clause of "and", the noun and the figure alone: "...,
        # and tropical-storm-force winds up to 105 miles" (not "and another 459 people were hurt")
        return None
    phrase = _phrase(words_of, words)
    return " ".join(phrase) if phrase else None


def _in_list(text: str, clause: int, stop: re.Match[str] | None, figure_end: int, words: _AboutWords) -> bool:
    """Is the figure an item of a list of the verb's figures, each after its own subject, after a
    comma: one that the rest of the list follows ("..., motor vehicle theft 2.1 percent and
    burglary 1.1 percent"), or the last, after "and" and an item ("..., motor vehicle theft 2.1
    percent and burglary 1.1 percent")?"""
    if stop is None:
        rest = _LIST_GOES_ON.match(text, figure_end)
        return rest is not None and not _words_in(words.verb_re, scan.fold(rest.group()), 0, len(rest.group()))
    return stop.group().lower() in words.parallel and _LIST_ITEM_RE.fullmatch(text, clause, stop.start()) is not None \
        and _verbless_after(text, figure_end, words)


def _verbless_after(text: str, end: int, words: _AboutWords) -> bool:
    """Does the clause go on after the figure at ``end`` with no verb?"""
    stop = _CLAUSE_START.search(text, end, min(len(text), end + _ABOUT_REACH))
    after = scan.fold(text[end:stop.start() if stop else min(len(text), end + _ABOUT_REACH)])
    return not _words_in(words.verb_re, after, 0, len(after))


def _head_before(text: str, comma: int, words: _AboutWords) -> bool:
    """Is the segment before ``comma`` a noun phrase that opens its sentence ("Flight ET 302",
    "The runner-up"), so that the one after it is its apposition?"""
    start = _clause_start(text, max(0, comma - _ABOUT_REACH), comma)
    if start > 0 and text[start - 1] == ",":
        return False
    tokens = _TOKEN.findall(text, start, comma)
    lower = [t.lower() for t in tokens]
    return bool(tokens) and not any(w in words.verbs or w in words.stop or w in words.auxiliary for w in lower) \
        and lower[0] not in words.preposition and not _is_time(tokens[0], lower[0], words)


def _apposition(text: str, clause: int, draft: Draft, words: _AboutWords) -> bool:
    """Is the figure set off by commas after a word of the apposition row alone, between a subject
    and its verb ("Wheat acreage, at 55.7 million acres, is up nine percent")?"""
    tokens = [t.lower() for t in _TOKEN.findall(text, clause, draft.start)]
    if len(tokens) != 1 or tokens[0] not in words.apposition:
        return False
    verb = _VERB_AFTER_COMMA.match(text, draft.end)
    return verb is not None and (verb.group(1).lower() in words.auxiliary or verb.group(1).lower() in words.verbs)


def _set_off_adjunct(text: str, clause: int, draft: Draft, words: _AboutWords) -> bool:
    """Is the figure's clause a phrase of an adjunct word set off by commas between a subject and
    its verb ("Bitcoin, with a market cap of $647 billion, has dropped")?"""
    first = _TOKEN.search(text, clause, draft.start)
    verb = _VERB_AFTER_COMMA.match(text, draft.end)
    return first is not None and first.group().lower() in words.adjunct and verb is not None and (
        verb.group(1).lower() in words.auxiliary or verb.group(1).lower() in words.verbs)


_VERB_AFTER_COMMA = re.compile(r",\s+([a-z]+)\b")


def _adjunct(text: str, clause: int, end: int, words: _AboutWords) -> bool:
    """Is the clause before the figure a phrase with no verb that adds to the clause before it
    ("with maximum sustained winds of", "an increase of", "at a depth of", "Flight ET 302 came
    down near Bishoftu, 62 kilometres southeast of the capital")? Not a new clause ("and another
    459 people were injured") nor a participle's ("beating the 40.4C set in 1947")."""
    tokens = [t.lower() for t in _TOKEN.findall(text, clause, end)]
    return not tokens or tokens[0] not in words.stop and not _participle(tokens[0], words)


def _valued_head(text: str, clause: int, draft: Draft, words: _AboutWords) -> str | None:
    """The noun before "of" that a figure set off by a comma is the value of, when that noun is
    no change ("an increase of", "a rise of") and the phrase is not a "with" adjunct of the
    clause before ("..., with maximum sustained winds of 145 mph")."""
    first = _TOKEN.search(text, clause, draft.start)
    if first is None or first.group().lower() in words.adjunct:
        return None
    head = _of_head(text, clause, draft.start, draft.kind, words)
    if head is None:
        return None
    changes = _words()
    noun = head.split()[-1].lower()
    if noun in changes.roles or noun in words.verbs or any(
            w in changes.before or w in changes.after for w in (t.lower() for t in _TOKEN.findall(text, clause, draft.start))):
        return None  # "..., a steep fall from the overall turnout of 67.3%": the change's
    return head


def _with_before(text: str, clause: int, end: int, words: _AboutWords) -> int | None:
    """Where the adjunct word right before the figure ("with more than 6,000") starts, when the
    clause has words before it."""
    tokens = list(_TOKEN.finditer(text, max(clause, end - _WITH_REACH), end))
    while tokens and tokens[-1].group().lower() in words.skip:
        tokens.pop()
    if not tokens or tokens[-1].group().lower() not in words.adjunct or text[tokens[-1].end():end].strip() \
            or not _TOKEN.search(text, clause, tokens[-1].start()):
        return None
    return tokens[-1].start()


_WITH_REACH = 40  # "with" and the skip words after it ("with about 32")


_WITH_GAP = 6  # "27 m/s with": the figure before the adjunct word


def _definite(text: str, start: int, words: _AboutWords) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - _DETERMINER_REACH), start)
    return before is not None and before.group(1).lower() in words.determiner and before.group(1).lower() not in words.article


def _coordinated(text: str, clause: int, draft: Draft, words: _AboutWords) -> bool:
    """Is the figure the second of two joined by "and" with no verb of its own ("lay 275 miles
    west-northwest of Progreso, Mexico, and 805 miles southwest of Tampa"; not "and another 459
    people were injured")?"""
    tokens = [t.lower() for t in _TOKEN.findall(text, clause, draft.start)]
    if tokens != [tokens[0]] or tokens[0] not in words.conjunction or draft.end <= draft.start:
        return False
    stop = _CLAUSE_START.search(text, draft.end, min(len(text), draft.end + _ABOUT_REACH))
    after = scan.fold(text[draft.end:stop.start() if stop else min(len(text), draft.end + _ABOUT_REACH)])
    return not _words_in(words.verb_re, after, 0, len(after))


def _adverb_of(folded: str, end: int, verb: re.Match[str]) -> bool:
    """Is ``verb``, right after a participle that ends at ``end``, its adverb ("going up 4.1%")?"""
    word = verb.group()
    return not folded[end:verb.start()].strip() and word in _words().level and not word.endswith(_PARTICIPLE)


def _participle(token: str, words: _AboutWords) -> bool:
    """Does a clause open with a participle ("killing", "adding", "beating")?"""
    return (token.islower() and token.endswith(_PARTICIPLE) and len(token) >= len(_PARTICIPLE) + 2  # "going"
            and token not in words.preposition and token not in words.time and token not in words.skip
            and token not in words.aside)


_PARTICIPLE = "ing"


def _pronoun_subject(text: str, start: int, end: int, words: _AboutWords) -> bool:
    tokens = [t.lower() for t in _TOKEN.findall(text, start, end)]
    return len(tokens) == 1 and tokens[0] in words.pronoun


def _antecedent(text: str, floor: int, end: int, words: _AboutWords) -> str | None:
    """The noun phrase a relative word refers to: the words before it after the last verb, stop
    word or preposition ("a salary second only to that of Hazard, who" -> "Hazard")."""
    comma = text.rfind(",", max(0, end - 3), end)
    start = _clause_start(text, max(0, floor - _ABOUT_REACH), comma) if comma >= 0 else floor
    end = comma if comma >= 0 else end
    tokens = _TOKEN.findall(text, start, end)
    lower = [t.lower() for t in tokens]
    cut = max((i + 1 for i, w in enumerate(lower)
               if w in words.verbs or w in words.stop or w in words.preposition or w in words.pronoun
               or w in _words().roles), default=0)
    phrase = _phrase(tokens[cut:], words)
    return " ".join(phrase) if phrase else None


def _correlative(folded: str, stop: re.Match[str], words: _AboutWords) -> bool:
    """Is the stop word one of a qualifier "as much as", "as many as", "as high as" (no clause)?"""
    if stop.group() not in words.correlative:
        return False
    after = _CORRELATIVE_AFTER.match(folded, stop.end())
    before = _CORRELATIVE_BEFORE.search(folded, max(0, stop.start() - _CORRELATIVE_REACH), stop.start())
    return (after is not None and after.group(1) == stop.group()) or (before is not None and before.group(1) == stop.group())


_CORRELATIVE_AFTER = re.compile(r"\s+[a-z]+\s+([a-z]+)\b")
_CORRELATIVE_BEFORE = re.compile(r"\b([a-z]+)\s+[a-z]+\s+$")
_CORRELATIVE_REACH = 20


def _source_object(text: str, start: int, end: int) -> bool:
    """Are there words between a source's verb and "at" before the figure ("put the toll at",
    "measured it at")? Not in "is estimated at £34 billion" (what is estimated is the subject)
    nor in "Tampa measured a 97 mph gust" (no estimate "at")."""
    tokens = [t.lower() for t in _TOKEN.findall(text, start, end)]
    return len(tokens) > 1 and "at" in tokens[1:]


def _after_determiner(folded: str, verb: re.Match[str], words: _AboutWords, written: str | None = None) -> bool:
    """Is the verb a noun after a determiner, with an adjective between or not ("the cost of the
    damage", "a rise of 5%", "a steep fall from", "a huge jump from")? Not after a capital
    letter that ends a name (``written``, the text ``folded`` folds: "Serie A averaged")."""
    before = _TWO_WORDS_BEFORE.search(folded, max(0, verb.start() - _DETERMINER_REACH - _ADJECTIVE_REACH), verb.start())
    if before is None:
        return False
    if before.group(2) in words.determiner:
        return not (written is not None and _NAME_LETTER.search(written, 0, before.end(2)) is not None)
    # "a steep fall": a change noun after an article and an adjective ("An earthquake hit" is a verb)
    return (before.group(1) in words.article and verb.group() in _words().after
            and before.group(2) not in words.verbs and before.group(2) not in words.auxiliary
            and before.group(2) not in words.stop)


_NAME_LETTER = re.compile(r"[A-Z][a-z]+\s+[A-Z]$")  # "Serie A", "Group B": a capital letter that ends a name

_AGENT = "by"  # the preposition of a passive's agent


def _agent_participle(folded: str, verb: re.Match[str], words: _AboutWords) -> bool:
    """Is the verb a participle after a noun with its agent ("Crimes recorded by police in
    England and Wales fell": "recorded by" modifies "Crimes"; not "were recorded by")?"""
    if not verb.group().endswith("ed") or not folded.startswith(f" {_AGENT} ", verb.end()) or verb.group() in _words().before:
        return False  # "dropped by 206 billion cubic feet": the change verb and its figure
    before = _LAST_TOKEN.search(folded, 0, verb.start())
    return before is not None and before.group().strip() not in words.auxiliary and before.group().strip() not in words.verbs


def _particle_verb(folded: str, start: int) -> re.Match[str] | None:
    """The verb of motion right before the "up" or "down" at ``start`` that is no verb of
    about_words.tsv ("nudged up", "inched up", "shot up": qualifiers.tsv's particle verbs)."""
    before = _WORD_BEFORE.search(folded, max(0, start - _PARTICLE_REACH), start)
    if before is None or before.group(1) not in lexicon().particle_verbs:
        return None
    return _PLAIN_WORD.match(folded, before.start(1))


_PLAIN_WORD = re.compile(r"[a-z]+")


def _particle(folded: str, start: int, word: str) -> bool:
    """Is ``word`` at ``start`` "up" or "down" of a verb of motion ("came down", "turned down")?"""
    words = _words()
    if word not in words.adverbs:
        return False
    before = _WORD_BEFORE.search(folded, max(0, start - _PARTICLE_REACH), start)
    return before is not None and before.group(1) in words.particles


_PARTICLE_REACH = 10
_WORD_BEFORE = re.compile(r"([a-z]+)\s+$")
_TWO_WORDS_BEFORE = re.compile(r"(?:(?<![a-z-])([a-z]+)\s+)?((?<![a-z-])[a-z-]+)\s+$")
_ADJECTIVE_REACH = 14
_DETERMINER_REACH = 8


def _clause_start(text: str, floor: int, end: int) -> int:
    last = _LAST_CLAUSE_START.match(text, floor, end)  # the last mark, found by the greedy ".*" in C
    while last is not None and text[last.end() - 1] == "(" and ")" in text[last.end():end]:
        # a bracket closed before the figure is an aside, no clause of its own: "Temperatures
        # reached 44.3C (111.7F) in Carpentras and could hit up to 45C" is about "Temperatures"
        last = _LAST_CLAUSE_START.match(text, floor, last.end() - 1)
    return last.end() if last is not None else floor


_LAST_CLAUSE_START = re.compile(r"(?s).*(?:" + _CLAUSE_START.pattern + r")")


def _phrase(tokens: list[str], words: _AboutWords) -> list[str]:
    """The noun phrase among the words before the verb: without the words it does not begin with
    (determiners, a time expression, a leading "At Calcasieu Pass"), ending before an auxiliary
    ("Debt is expected to"), without a trailing time expression ("sales in the second quarter"),
    at most four words or a phrase joined by a preposition ("death toll from the Nepal quake")."""
    lower = [t.lower() for t in tokens]
    first = 0
    while first < len(tokens):
        if _year_modifier(tokens, lower, first, words):
            break  # "The 2018 deficit equaled": which deficit, no time of the phrase's own
        if _compound_modifier(tokens, lower, first, words):
            break  # "Month-on-month inflation climbed": which inflation, no time of the phrase's own
        if first == 0 and tokens[0][:1].isupper() and lower[0] in words.past and _adjectival(
                [""] + tokens, [""] + lower, 1, len(tokens) + 1, words):
            break  # "Landed home prices fell", "Reported cases rose": a participle as an adjective
        if first == 0 and lower[0] in words.verbs and tokens[0][:1].isupper() and len(tokens) > 2 \
                and lower[1] in words.preposition:
            break  # "Rates on Shanghai – Los Angeles slid": a noun before its preposition, no verb
        if lower[first] in words.skip or lower[first] in words.verbs or _is_time(tokens[first], lower[first], words):
            first += 1
        elif lower[first] in words.calendar and first > 0 and (
                lower[first - 1] in words.preposition or _is_time(tokens[first - 1], lower[first - 1], words)
                or lower[first - 1] in _words().roles and first > 1 and lower[first - 2] in words.calendar):
            first += 1  # "For January to December the gap": a run of months
        elif lower[first] in _words().roles and first > 0 and lower[first - 1] in words.calendar \
                and first + 1 < len(tokens) and lower[first + 1] in words.calendar:
            first += 1
        elif lower[first] in words.preposition and first + 1 < len(tokens) and (_is_time(
                tokens[first + 1], lower[first + 1], words) or lower[first + 1] in words.calendar):
            first += 1  # "On Monday Brent crude futures", "In 1997 Labour"
        else:
            break
    if first < len(tokens) and lower[first] in words.preposition:
        # "At Calcasieu Pass the water level", "on the London Metal Exchange the price": the
        # phrase is after the last determiner
        # (the first determiner after the preposition's own: "At the re-run the UWP's share of
        # the vote rose" is the UWP's share, not the vote)
        det = min((i for i in range(first + 2, len(tokens) - 1) if lower[i] in words.determiner), default=None)
        if det is not None:
            first = det + 1
        elif (opener := next((i for i in range(first + 1, len(tokens) - 1) if lower[i] in words.opener), None)) is not None:
            first = opener + 1  # "On a monthly basis consumer prices", "In dollar terms sales"
        # "For the fourth fiscal quarter Apple expects", "Over his career Harden has averaged":
        # a name after the opening phrase's own words starts the phrase
        name = next((i for i in range(first + 1, len(tokens)) if tokens[i][:1].isupper()
                     and (tokens[i - 1][:1].islower() or lower[i - 1] in words.calendar)
                     and lower[i - 1] not in words.preposition), None)
        if name is not None:
            first = name
    last = len(tokens)
    for i in range(first, len(tokens)):
        if lower[i] in words.auxiliary:
            last = i
            break
    # "The index ended the day up 2.19%", "The jet came down": a verb in a past tense ends the phrase
    # ("Sales of previously owned homes": a participle after an adverb in -ly is an adjective)
    last = next((i for i in range(first + 1, last) if lower[i] in words.past and not lower[i - 1].endswith("ly")
                 and not _adjectival(tokens, lower, i, last, words)), last)
    # "The index closed down 2%": a verb in -ed before the change word ("costs" in "mortgage
    # interest costs fell" is a noun); "New infections this week"
    while last > first + 1 and lower[last - 1] in words.focus:
        last -= 1  # "The outpatient waiting list alone has grown": the list
    while last > first and (lower[last - 1] in words.verbs and lower[last - 1].endswith("ed")
                            or _is_time(tokens[last - 1], lower[last - 1], words)
                            and not _named_number(tokens, last - 1, first, words)
                            and not _modified_time(tokens, lower, last - 1, first, words)):
        last -= 1
    cut = next((i for i in range(last - 1, first, -1) if lower[i] in words.preposition), None)
    if cut is not None and all(_is_time(t, t.lower(), words) or t.lower() in words.skip or t.lower() in words.ordinal
                               or t.lower() in words.calendar or t.lower() in _words().roles or _is_number(t)
                               or t.lower() in lexicon().number_words  # "in the past three months"
                               or t.lower() in _run_words()  # "between January 1 and June 2"
                               for t in tokens[cut + 1:last]) and any(
            _is_time(t, t.lower(), words) or t.lower() in words.calendar or t.lower() in words.ordinal
            for t in tokens[cut + 1:]):
        # ("enrolments in the year to June 30": a role word and a day in it)
        last = cut  # "Worldwide sales in the second quarter"
    phrase, lowered = tokens[first:last], lower[first:last]
    if len(phrase) > _ABOUT_WORDS:
        joint = next((i for i in range(1, _ABOUT_WORDS + 1) if lowered[i] in words.preposition), None)
        if joint is None or len(phrase) > _ABOUT_LONGEST:
            phrase, lowered = phrase[-_ABOUT_WORDS:], lowered[-_ABOUT_WORDS:]
    after_preposition = False  # "In the first quarter of 2016 global smartphone shipments": of the time phrase
    while phrase and (lowered[0] in words.skip or lowered[0] in words.preposition or lowered[0] in words.conjunction
                      or _is_number(phrase[0])
                      or _is_time(phrase[0], lowered[0], words)) and (
            after_preposition or not (_year_modifier(phrase, lowered, 0, words) or _compound_modifier(phrase, lowered, 0, words))):
        after_preposition = lowered[0] in words.preposition
        phrase, lowered = phrase[1:], lowered[1:]
    while len(phrase) > 1 and lowered[-1] in words.skip and lowered[-1] not in words.determiner:
        phrase, lowered = phrase[:-1], lowered[:-1]  # "U.S. gold futures also slipped"
    if not phrase or any(w in words.auxiliary or w in _words().before for w in lowered):
        return []
    if all(w in words.ordinal or w in words.skip for w in lowered):
        return []  # "a new model that first flew": no phrase between "that" and the verb
    if lowered[-1] in words.pronoun and (len(lowered) == 1 or lowered[-2] not in words.preposition):
        return []  # "It had sustained winds of 150 mph", "until it plunged to 59.4%": named elsewhere
    return phrase


def _modified_time(tokens: list[str], lower: list[str], i: int, first: int, words: _AboutWords) -> bool:
    """Is the time word at ``i`` the noun of a phrase of the subject, after an ordinal and a
    modifier of its own ("Dengue cases in the 14th epidemiological week", "the deficit for the
    fiscal year"), not a time of the figure ("sales last week")?"""
    if i - 1 <= first:
        return False
    before = lower[i - 1]
    return not (_is_time(tokens[i - 1], before, words) or before in words.skip or before in words.preposition
                or before in words.ordinal or before in words.calendar or _is_number(tokens[i - 1])
                or before in words.verbs or before in words.stop or before in _words().roles
                or before in lexicon().number_words) and any(lower[j] in words.preposition for j in range(first + 1, i - 1))


def _named_number(tokens: list[str], i: int, first: int, words: _AboutWords) -> bool:
    """Is ``tokens[i]`` a number that ends a name ("The Russell 2000 has shed", "the FTSE 100
    rose"), not a year after a month ("sales in March 2019")?"""
    return (tokens[i].isdigit() and i > first and tokens[i - 1][:1].isupper()
            and tokens[i - 1].lower() not in words.calendar and not _is_time(tokens[i - 1], tokens[i - 1].lower(), words))


def _adjectival(tokens: list[str], lower: list[str], i: int, end: int, words: _AboutWords) -> bool:
    """Is the past participle at ``i`` an adjective inside the phrase, between a word and a
    name or noun it qualifies ("cumulative confirmed Ebola cases", "Cumulative confirmed deaths
    have jumped"), not a verb ("The index ended the day up", "The jet came down")?"""
    if i + 1 >= end or i == 0:
        return False
    following = lower[i + 1]
    return (tokens[i - 1][:1].isupper() or lower[i - 1] not in words.verbs) and not (
        following in words.determiner or following in words.preposition or following in words.skip
        or following in words.stop or following in words.verbs or following in _words().adverbs
        or following in _words().roles
        or _is_number(tokens[i + 1]) or _is_time(tokens[i + 1], following, words))


def _compound_modifier(tokens: list[str], lower: list[str], i: int, words: _AboutWords) -> bool:
    """Is ``tokens[i]`` a hyphenated time word before a noun ("Month-on-month inflation",
    "Year-to-date sales"), which tells which thing it is?"""
    return "-" in lower[i] and _is_time(tokens[i], lower[i], words) and i + 1 < len(tokens) and not (
        _is_time(tokens[i + 1], lower[i + 1], words) or lower[i + 1] in words.preposition
        or lower[i + 1] in words.verbs or lower[i + 1] in words.skip)


def _year_modifier(tokens: list[str], lower: list[str], i: int, words: _AboutWords) -> bool:
    """Is ``tokens[i]`` a year that tells which thing the next word is ("The 2018 deficit", "the
    1935 Labor Day Hurricane"): after a determiner or first, before a word of no time?"""
    if not (tokens[i].isdigit() and len(tokens[i]) == 4) or i + 1 >= len(tokens):
        return False
    following = lower[i + 1]
    return (i == 0 or lower[i - 1] in words.determiner or lower[i - 1] in words.article) and not (
        _is_time(tokens[i + 1], following, words) or following in words.preposition or following in words.calendar
        or _is_number(tokens[i + 1]) or following in words.verbs)


def _is_time(token: str, lower: str, words: _AboutWords) -> bool:
    """A word of a time expression: "Monday", "last", "quarter", "Today's", "1997"."""
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    return lower in words.time or (token.isdigit() and len(token) == 4) or _ZONE_SHAPE.fullmatch(token) is not None


_ZONE_SHAPE = re.compile(r"[A-Z]{1,2}[SD]T")  # "EDT", "CST": a time zone


def _is_number(token: str) -> bool:
    """A number alone ("2024"), not a number word ("225-issue", "19-year-old")."""
    return token[0].isdigit() and not any(c.isalpha() for c in token)


_LAST_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*\s*$")
# a word, with a plural possessive's apostrophe ("homeowners'") or a slash before a capital
# ("S&P/Case-Shiller"); an upper-case name with a plus ("OPEC+"); a number that is part of a
# name after a capitalised word ("S&P 500", "Russell 2000", "the November 1 election"); or a
# number word ("the 225-issue Nikkei Stock Average", "The 19-year-old England midfielder"); an
# initialism keeps its last full stop before a word ("U.S. crude", "U.S. GDP": no clause ends
# there), and so does a title before a word ("St. Louis", "Dow Jones & Co. earned"); an
# ampersand between words is a token of its own ("Dow Jones & Co.")
_TOKEN = re.compile(r"[A-Za-z][\w'’&.-]*\s*$")
# a word, with a plural possessive's apostrophe ("homeowners'") or a slash before a capital
# ("S&P/Case-Shiller"); an upper-case name with a plus ("OPEC+"); a number that is part of a name after a capitalised word ("S&P 500", "Russell
# 2000", "the November 1 election"); or a number word ("the 225-issue Nikkei Stock Average", "The 19-year-old England midfielder"); an
# initialism keeps its last full stop before a word ("U.S. crude", "U.S. GDP": no clause ends
# there), and so does a title before a word ("St. Louis", "Dow Jones & Co. earned"); an
# ampersand between words is one ("Dow Jones & Co."); an ordinal is one word ("in the 14th
# epidemiological week", never "th")
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.(?=\s+[A-Za-z])|(?<![\w.])(?:" + "|".join(sorted(_TITLES, key=len, reverse=True)) + r")\.(?=\s+[A-Za-z])|(?<=\s)&(?=\s)|(?<=[A-Za-z]\s)\u2013(?=\s[A-Z])|\d[\d.,]*-[A-Za-z][\w'’&.-]*[\w]|(?<![\w.,])\d*(?:1st|2nd|3rd|[04-9]th|1[1-3]th)\b|[A-Z][A-Z]+\+(?![\w+])|[A-Za-z][\w'’&.-]*(?:/[A-Z][\w'’&.-]*)?[\w]'?|[A-Za-z]"
                    r"|(?<=[A-Za-z&]\s)\d+(?![\d.,%])(?!\S)")


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
    adjectives: dict[str, str]  # "annual" -> "year": a rate's period as an adjective
    rate_after: re.Pattern[str]  # "2.6% annual rate"
    rate_before: re.Pattern[str]  # "at an annual rate of 2.0 percent", "an annual average of £1,717"
    about_adjective_re: re.Pattern[str]  # "hourly" in what a money figure is about: per hour
    pair_re: re.Pattern[str]  # between a start and a level of one change: "from 5.5p to 6.2p", "24.5p, up from 22.36p"
    filler_ends: frozenset[str]  # the last words of the fillers ("record" of "a record")
    particles: frozenset[str]  # "turned", "set": "up" or "down" after them is no change
    adverbs: frozenset[str]  # "up", "down": a particle after such a verb
    offset_re: re.Pattern[str]  # "after" after a duration: "six minutes after departure"
    span_re: re.Pattern[str]  # "in" before a duration: "the biggest tax rises in three decades"
    material_re: re.Pattern[str]  # "of rain" after a figure: "dropped more than 18 inches of rain"
    things: dict[str, str]  # "surge" -> "length": a noun for the thing measured, for figures of that kind
    thing_before: frozenset[str]  # "storm": a thing word after it is a noun ("storm surge")
    where_re: re.Pattern[str]  # "south of", "above ground level": where a thing is, no change
    turned: dict[str, str] = dataclasses.field(default_factory=dict)  # "gave" -> "down": "gave up 8.51 points"


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
    worded = [c for c in connectors if c.replace(" ", "").isalpha()]
    per_re = re.compile(
        # "$71.20 a barrel", "on each Anglo share", "£530,000-per-week", "120 km/h"
        r"(?:\s*\))?(?:\s*|-)(?:(" + alternation(worded) + r")(?:\s+|-)|(" + alternation(
            [c for c in connectors if c not in worded]) + r")\s?)(" + alternation(roles["unit"]).replace(r"\ ", r"[\s-]+")
        + r"|[A-Za-z]+)\b"
    )
    adjectives = dict(pair.split("=", 1) for pair in roles["adjective"])
    adjective, rate_noun = alternation(list(adjectives)), alternation(roles["rate_noun"])
    fillers = alternation(list(tables["filler"]))
    return _Words(
        before, after, roles_before,
        # "by 5%", "to $34m", "to a record 26,966", "by a further £130", "to a range of 5 percent"
        re.compile(r"(?i)(?<![\w-])(" + alternation(list(roles_before)) + r")\s+(?:(?:" + fillers + r")\s+)?$"),
        re.compile(r"(?i)[\s-]+(" + alternation(list(after)) + r")(?![\w-])"),
        tables["level"],
        # "4.2%, down from 4.5%", "2.6 per cent in July, up from 2.4 per cent": a few words between
        # (and a year: "2.7% in April 2017, up from 2.3%")
        re.compile(r"(?i)(?:\s(?:[^\d,.;:!?]|(?<!\d)\d{4}(?!\d)){1,24}?)?,\s*(" + alternation(list(tables["level"]))
                   + r")\s+from(?![\w-])"),
        per_re, frozenset(roles["article"]), frozenset(roles["unit"]),
        re.compile(r"(?i)\s+(?:" + alternation(roles["counter"]) + r")(?![\w-])"),
        dict(pair.split("=", 1) for pair in roles["canonical"]),
        frozenset(multiples),
        adjectives,
        re.compile(r"(?i)\s+(" + adjective + r")\s+(?:" + rate_noun + r")(?![\w-])"),
        re.compile(r"(?i)(?<![\w-])(?:at\s+)?(?:an?\s+)?(" + adjective + r")\s+(?:" + rate_noun + r")\s+of\s+$"),
        re.compile(r"(?i)\b(" + alternation(roles["about_adjective"]) + r")\b"),
        re.compile(r"(?i)\s*to\s+|[^\d,]*,\s*(?:" + alternation(list(tables["level"])) + r")\s+from\s+"),
        frozenset(f.split()[-1] for f in tables["filler"]),
        frozenset(tables["particle"]), frozenset(tables["level"]),
        re.compile(r"(?i)\s+(?:" + alternation(list(tables["offset"])) + r")(?![\w-])"),
        re.compile(r"(?i)(?<![\w-])(?:" + alternation(list(tables["span"])) + r")\s+$"),
        re.compile(r"(?i)\s+of\s+(?:" + alternation(list(tables["material"])).replace(r"\ ", r"\s+") + r")(?![\w-])"),
        tables["thing"], frozenset(tables["thing_before"]),
        re.compile(r"(?i)\s+(?:(?:" + (compass := alternation(list(tables["compass"]))) + r")(?:-(?:" + compass
                   + r"))?\s+of|(?:" + alternation(list(tables["relative"])) + r")\s+(?:" + alternation(list(tables["position"])).replace(r"\ ", r"\s+")
                   + r"))(?![\w-])"),
        tables.get("particle_turn", {}),
    )


_SENTENCE_END = re.compile(r"[.;!?\n](?=\s|$)")
_PER_BEFORE = re.compile(r"(?i)\bper\s+([a-z]+)")
# the kinds an adjective of a rate's period in what they are about makes a rate: money ("average
# hourly earnings rose to $26.39") and counts, bare or not yet ("Average daily domestic traffic
# rose to 408,906")
_ABOUT_RATE_KINDS = _COUNTING_KINDS | frozenset(_COUNT_BARE)
_WORD = re.compile(r"[A-Za-z][a-z'’-]*")
_REACH = 160  # characters searched back for the change verb of a "to"/"from"/"by" figure
_NEAR_WORDS = 2  # a figure with no connector: the verb is one of the two words before it
_NEAR_REACH = 40  # characters that surely hold those two words ("were up more than" is a qualifier's)


def frame_fields(text: str, drafts: list[Draft], folded: str | None = None) -> None:
    """Set ``direction``, ``change``, ``per`` and ``about`` on the drafts that state them."""
    words = _words()
    folded = scan.fold(text) if folded is None else folded
    framed = [d for d in drafts if d.kind in FRAMED_KINDS]
    previous_end = counted_end = valued_of = None
    for draft in framed:
        rate = _rate_phrase(text, draft, words)  # "grew at an annual rate of 2.0 percent"
        _per(text, draft, words, rate)
        _direction(text, draft, words, rate)
        _multiple_of_before(text, draft)
        draft.about = about(text, draft, folded, previous_end, counted_end, valued_of)
        previous_end = draft.end
        # "Quarterly revenue of $17.41 billion was up 6 percent": a sum after "of" is the value of
        # the noun before it, no price of a noun of its own
        of = _OF_BEFORE.search(text, max(0, draft.start - _OF_REACH), draft.start) if draft.kind == "money" else None
        valued_of = of.start() if of is not None else valued_of  # kept for the figures after it
        counted_end = draft.end if draft.kind in _COUNTING_KINDS and of is None else None
    _bracketed_changes(text, framed)
    # "lost 11.5 percent in a week and 25.2 percent in thirty days": a span of time is no link
    # ("hit 12.26 per cent, a 23-month high, up from": nor is a duration written as a modifier)
    chain = [d for d in framed if not (d.kind == "duration" and d.direction is None and (
        words.span_re.search(text, max(0, d.start - _SPAN_REACH), d.start) or _MODIFIER.search(text, d.start, d.end)))]
    for previous, draft in zip(chain, chain[1:]):
        _continue(text, previous, draft, words)
    for previous, draft in zip(chain, chain[1:]):  # "totaled $356.4 billion in the first two months of the year, down 17 percent"
        _level_before_change(text, previous, draft, drafts)
    for level, change, draft in zip(chain, chain[1:], chain[2:]):
        _start_on(text, level, change, draft)
    for level, compared, draft in zip(chain, chain[1:], chain[2:]):
        _level_past_comparison(text, level, compared, draft)
    for previous, draft in zip(chain, chain[1:]):
        _paired(text, previous, draft)
    for previous, draft in zip(chain, chain[1:]):
        # "..., down 18.6% on the previous quarter and 1.3% on a year earlier": the second change
        # of the verb left out is of what the first is of, known once the level gave it
        if draft.about is None and previous.about is not None and draft.change == previous.change == "delta" \
                and draft.direction == previous.direction and len(text[previous.end:draft.start]) <= _CHAIN_GAP \
                and _joined(text[previous.end:draft.start]):
            draft.about = previous.about
    _index_levels(text, framed, words)
    _percentage_point_moves(text, chain)
    _index_restated_levels(text, framed)
    _starts_in_level_units(text, framed)
    _bare_restatements(text, framed)
    for draft in framed:
        if draft.per is None and draft.about is not None and draft.kind != "ratio":
            # "income per capita was $12,000", "average hourly earnings rose to $26.39": the
            # denominator is named before the figure (a percentage there is a change, not a rate)
            named = _PER_BEFORE.search(draft.about)
            if named is not None:
                draft.per = _named_per(draft.about, named, words)
            elif draft.kind in _ABOUT_RATE_KINDS and (adjective := words.about_adjective_re.search(draft.about)) is not None:
                draft.per = words.adjectives.get(adjective.group(1).lower())
            elif draft.kind == "money":  # "GAAP EPS reached $11.95": earnings per share
                draft.per = next((per for w in draft.about.split() if (per := _rate_words().about_nouns.get(w.lower()))), None)
    for previous, draft in zip(framed, framed[1:]):
        if previous.per is not None and draft.per is None and previous.kind == draft.kind \
                and previous.unit == draft.unit and _rate_words().compared_re.fullmatch(text, previous.end, draft.start):
            draft.per = previous.per  # "came to $5.16 a share, compared with $0.88": the same rate a year before
    _resolve_descriptions(text, folded, framed)
    # "US$500 million (S$681 million) a year": a restatement and its original are the same rate
    for draft in drafts:
        if draft.equivalent_of is not None:
            original = drafts[draft.equivalent_of]
            original.per = original.per or draft.per
            draft.per = draft.per or original.per
            draft.direction, draft.change = draft.direction or original.direction, draft.change or original.change
            draft.about = draft.about or original.about


def _bracketed_changes(text: str, drafts: list[Draft]) -> None:
    """A figure alone in brackets after the place or thing a change verb is stated of is that
    change: "Emissions are projected to fall in China (0.9 per cent) and the EU (0.8 per cent),
    and to increase in the USA (1.5 per cent)" (the last change verb before it, back over the
    bracketed figures before it to the sentence's start or another figure)."""
    floor = 0
    for draft in drafts:
        bracketed = _BRACKET_OPEN.search(text, max(0, draft.start - 2), draft.start) is not None \
            and _BRACKET_CLOSE.match(text, draft.end) is not None
        if not bracketed:
            floor = draft.end
            continue
        if draft.direction is None and draft.kind == "ratio":
            sentence = _LAST_SENTENCE_END.match(text, floor, draft.start)
            before = _words().before
            verbs = [m.group().lower() for m in _WORD.finditer(text, sentence.end() if sentence else floor, draft.start)
                     if m.group().lower() in before]
            if verbs:
                draft.direction, draft.change = before[verbs[-1]], "delta"


_BRACKET_OPEN = re.compile(r"\(\s?$")
_BRACKET_CLOSE = re.compile(r"\s?\)")


def _resolve_descriptions(text: str, folded: str, drafts: list[Draft]) -> None:
    """A figure about "the fire" after "the Eaton Fire" is about the Eaton Fire: a bare common
    noun the text has used as the head of a name before ("Palisades Fire", "Hurricane Milton")
    stands for the nearest such name. What a report states of "the fire" under its heading
    "Eaton fire" is not what another states of the Palisades Fire."""
    names: dict[str, list[tuple[int, str]]] = {}
    for draft in drafts:
        head = draft.about
        if head is None or not _BARE_NOUN.fullmatch(head) or not _described(text, head, draft.start):
            continue
        if head not in names:
            names[head] = _names_of(text, folded, head)
        before = [name for end, name in names[head] if end <= draft.start]
        if before:
            draft.about = before[-1]


def _names_of(text: str, folded: str, head: str) -> list[tuple[int, str]]:
    """Where the names with ``head`` end, and the names: capitalised words before it ("Eaton
    Fire", "Eaton fire") or after it capitalised ("Hurricane Milton"), none of them a word of a
    closed class ("The", "In") or of a title-case headline, which capitalises everything."""
    title = head[:1].upper() + head[1:]
    closed = _closed_class()
    found = []
    at = folded.find(head)
    while at >= 0:
        end = at + len(head)
        written = text[at:end]
        if (at == 0 or not _WORDLIKE.match(text, at - 1)) and not _WORDLIKE.match(text, end) \
                and written in (head, title):
            before = _CAPITALISED_BEFORE.search(text, max(0, at - _NAME_REACH), at)
            after = _CAPITALISED_AFTER.match(text, end) if written == title else None
            if before is not None:
                words = before.group().split()
                while any(w.lower() in closed for w in words):  # "Morocco An earthquake": "earthquake"
                    words.pop(0)
                name, start = [*words, written], at - len(" ".join(words)) - 1
            elif after is not None:
                words = after.group().split()
                while any(w.lower() in closed for w in words):
                    words.pop()
                name, start, end = [title, *words], at, after.end()
            else:
                words = []
            if words and not _title_case_line(text, at) and _named_mid_sentence(text, start, name[0]):
                found.append((end, " ".join(name)))
        at = folded.find(head, end)
    return found


_WORDLIKE = re.compile(r"[\w'’-]")
_NAME_REACH = 60  # characters before a head that hold its name's three words
_CAPITALISED = r"[A-Z][a-z'’-]+"
_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])(?:" + _CAPITALISED + r"[^\S\n]+){1,3}$")
_CAPITALISED_AFTER = re.compile(r"(?:[^\S\n]+" + _CAPITALISED + r"){1,3}(?![\w'’-])")


def _described(text: str, head: str, before: int) -> bool:
    """Is the last ``head`` before ``before`` a definite description ("The fire has burned")?
    "In April inflation spiked" names no particular inflation."""
    at = scan.fold(text[max(0, before - _ABOUT_REACH):before]).rfind(head)
    if at < 0:
        return False
    words = text[max(0, before - _ABOUT_REACH):max(0, before - _ABOUT_REACH) + at].split()
    w = _about_words()
    return bool(words) and words[-1].lower() in (w.determiner - w.article) | w.demonstrative


_BARE_NOUN = re.compile(r"[a-z]{3,}")  # "fire", "storm": no modifier, no name of its own


@functools.cache
def _closed_class() -> frozenset[str]:
    """Words that open a sentence in capitals without naming anything ("The", "In", "And"), and
    month and weekday names ("April inflation")."""
    w = _about_words()
    return (w.skip | w.stop | w.preposition | w.conjunction | w.pronoun | w.article | w.determiner
            | w.calendar | w.time)


def _named_mid_sentence(text: str, start: int, first: str) -> bool:
    """Is a name that opens its sentence (at ``start``) a name? "Powerful earthquake", "Each
    ticket" are capitalised only there; "Palisades Fire" is written so in mid-sentence too, or
    stands as a heading of its own ("Hurst fire")."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    if len(line.split()) <= _HEADING_WORDS and line.startswith(first):
        return True
    before = text[:start].rstrip()
    if before and before[-1] not in ".!?:;\"“”" and text[start - 1:start] != "\n":
        return True
    return re.search(r"(?<=[a-z,] )" + re.escape(first) + r"(?![\w'’-])", text) is not None


_HEADING_WORDS = 3


def _title_case_line(text: str, at: int) -> bool:
    """Is ``at`` in a headline set in title case ("Four Major Fires Burn Across LA"), where any
    capitalised words look like a name?"""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start:end if end >= 0 else len(text)])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) > 0.7 * len(long)


def _named_per(phrase: str, named: re.Match[str], words: _Words) -> str:
    """The denominator "per" names in what a figure is about: "income per capita" `capita`,
    "earnings per diluted share" `share` (the unit word its modifiers lead to)."""
    head = _rate_words().head_re.match(phrase, named.start(1))
    return _written_singular(head.group(1) if head is not None else named.group(1), words)


def _continue(text: str, previous: Draft, draft: Draft, words: _Words) -> None:
    """What a figure takes from the figure before it in one statement: "fell 77 cents, or 0.65
    percent" restates the change (its direction and role); "to settle at $118.13" is the level
    of the same change; both are about what the first is about; "from 5.5p to 6.2p per kWh" are
    one rate."""
    gap = text[previous.end:draft.start]
    if len(gap) > _CHAIN_GAP or _SENTENCE_END.search(_INITIALISM.sub("", gap)) and not (
            _ABBREVIATED_BRACKET.fullmatch(gap) and text[previous.end - 1].isalpha()):
        # (an initialism's stops end no sentence: "142 mph in the U.S. and 153 mph"; nor a unit's
        # abbreviation before a restatement's bracket: "241.4 lb. (109.5 kg)")
        return
    # "a drop of 67 cases or 2.7 per cent": the noun the first figure counts comes before "or"
    counted = previous.subject is not None and scan.fold(gap).lstrip().startswith(scan.fold(previous.subject) + " ")
    bare = gap.lstrip()[len(previous.subject):] if counted and previous.subject else gap
    restates = (_RESTATES.fullmatch(gap) is not None or (
        # "up US$7.69 or 7.12 per cent": one change in two kinds; "5 or 6 people" is a choice
        _BARE_OR.fullmatch(bare) is not None and previous.kind != draft.kind)) and not any(c.isdigit() for c in gap)
    if restates and draft.direction is None and previous.direction is not None:
        draft.direction, draft.change = previous.direction, previous.change
    elif restates and previous.direction is None and draft.direction is not None and draft.change in ("delta", "level") \
            and text[draft.start] not in _SIGNS:
        # "ended $1.42, or 1.9%, higher"; "earned $59.5 million, or 35 cents a share, up from":
        # the restatement's change word is the first figure's too (but "412 (+211) seats": a
        # signed figure in brackets is the change of the figure before, which is a level)
        previous.direction, previous.change = draft.direction, draft.change
    elif draft.direction is None and previous.direction is not None and previous.change in ("delta", "level") \
            and (previous.kind == draft.kind or previous.change == "level" or (previous.kind, draft.kind) == _COUNT_BARE) \
            and _gap_joined(text, gap, draft.end, previous.subject) is not None \
            and _connector(text, draft.start, words) is None:
        # "NMC Health climbed 4.2 per cent and Coca-Cola Hellenic three per cent": the second
        # figure of the verb left out moved the same way ("Ethereum fell 18.6% to $169.92 and
        # XRP 11.5%": after the first change's level)
        draft.direction, draft.change = previous.direction, "delta"
    elif draft.direction is None and previous.direction is not None and previous.change == "delta" \
            and previous.kind == draft.kind and (_joined(gap) and _parallel(text, gap, draft) or _listed(text, gap, draft)) \
            and _connector(text, draft.start, words) is None:
        # "jumped 0.8% over the month and 8.3% on an annual basis": a second change of the verb;
        # "fell 8 percent in the Americas, 7 percent in EMEA and 9 percent in APJC": a list of them
        draft.direction, draft.change = previous.direction, previous.change
    elif draft.direction is None and previous.direction is not None and (
            connector := _connector(text, draft.start, words)) \
            and not _ranging_between(text, previous.end, draft.start) and not any(
            w.lower() in _about_words().stop and w.lower() not in _about_words().parallel for w in _WORD.findall(gap)):
        # "ticked 6.75 points higher, or 0.24%, to 2,654.80": the level of the change before
        # (not "jumped 3 percent after hours, having closed at $22.36": another clause's)
        draft.direction, draft.change = previous.direction, words.roles[scan.fold(connector.group(1))]
    if draft.about is None and previous.about is not None and (restates or _continues(gap) or (
            (previous.change, draft.change) in _ONE_CHANGE and draft.direction == previous.direction)
            or _parallel(text, gap, draft)):
        # "has gained nearly 17 percent from its 2023 closing level of 33,464.17": one change's start
        draft.about = previous.about
    if {previous.change, draft.change} == {"start", "level"} and previous.kind == draft.kind \
            and previous.unit == draft.unit and words.pair_re.fullmatch(gap) and not _RESTATED.match(text, draft.end):
        previous.per = previous.per or draft.per  # "from 5.5p to 6.2p per kWh", "24.5p per kWh, up from 22.36p"
        draft.per = draft.per or previous.per


def _joined(gap: str) -> bool:
    """Does ``gap`` end in a coordinating word right before the second figure ("... over the
    month and ")?"""
    tokens = _WORD.findall(scan.fold(gap))
    return bool(tokens) and tokens[-1] in _about_words().parallel and not gap.rstrip().endswith(",")


def _stood_at(text: str, draft: Draft, words: _Words) -> bool:
    """Is the figure where something stood: after "at" ("closed at 39,098.68", "ended at a record
    39,098.68")?"""
    connector = _connector(text, draft.start, words)
    return connector is not None and scan.fold(connector.group(1)) == "at"


def _index_levels(text: str, drafts: list[Draft], words: _Words) -> None:
    """A bare figure that is the level an index moved to is in index points: "gained 322.79
    points, or 1.3 percent, to close at 26,115.65"; "The Dow Jones Industrial Average finished
    down 1.2 percent at 29,438.42" (the index named in what it is about)."""
    for i, draft in enumerate(drafts):
        if draft.unit == "score_point" and draft.about is not None and _index_names_re().search(scan.fold(draft.about)):
            # "settled ... up at 24,320.55 points": the NSE Nifty's, which settles the sense
            draft.unit = "index_point"
            draft.ambiguities = [a for a in draft.ambiguities if not a.startswith(_SCORE_POINT_NOTE)]
            continue
        if draft.kind != "other" or draft.unit is not None or not isinstance(draft.value, float) or (
                draft.change not in ("level", "start") and not _stood_at(text, draft, words)):
            continue  # a level reached, or where it stood ("The Nikkei 225 index closed at 39,098.68")
        reach = max(0, draft.start - _CLAUSE_REACH)
        sentence = _LAST_SENTENCE_END.match(text, reach, draft.start)
        floor = sentence.end() if sentence else reach
        moved_points = any(d.unit == "index_point" and d.change == "delta" and d.start >= floor
                           and d.direction == draft.direction for d in drafts[:i])
        if moved_points or (draft.about is not None and _index_names_re().search(scan.fold(draft.about))):
            draft.kind, draft.unit = "points", "index_point"


def _percentage_point_moves(text: str, chain: list[Draft]) -> None:
    """Points by which a percentage moved are percentage points: "the participation rate
    increased 0.1 pts to 64.6%", "the jobless rate rose 0.2 points to 5.9%", "stood at 5.8%,
    down 0.3 points" (the level or start of the same change is a percentage; a score's points
    move no percentage)."""
    for previous, draft in zip(chain, chain[1:]):
        for moved, level in ((previous, draft), (draft, previous)):
            if (moved.unit == "score_point" and moved.change == "delta" and level.unit == "percent"
                    and level.change in ("level", "start") and level.direction == moved.direction is not None
                    and len(text[previous.end:draft.start]) <= _CHAIN_GAP
                    and not _SENTENCE_END.search(text, previous.end, draft.start)):
                moved.kind, moved.unit, moved.subject = "ratio", "percentage_point", None
                moved.ambiguities = [a for a in moved.ambiguities if not a.startswith(_SCORE_POINT_NOTE)]


def _starts_in_level_units(text: str, drafts: list[Draft]) -> None:
    """A bare start right after its change's level is in the level's unit: "to a record 29.5
    million tonnes from 28.3 million previously", "revised up to 22.3 million tonnes from 21.6
    million" (of its magnitude: "to 5 km from 2019" is no start); so is one right before "to" and
    its level ("trimmed the rise from 6.2 to 4.2 per cent")."""
    pairs = [*zip(drafts, drafts[1:]), *((level, start) for start, level in zip(drafts, drafts[1:])
                                         if _START_TO.fullmatch(text, start.end, level.start))]
    for level, start in pairs:
        if (start.change == "start" and level.change == "level" and start.direction == level.direction
                and start.kind in _COUNTED and start.subject is None and start.unit is None and level.unit is not None
                and level.kind not in _COUNTING_KINDS and isinstance(start.value, float)
                and isinstance(level.value, float) and level.value > 0
                and _SAME_MAGNITUDE[0] <= start.value / level.value <= _SAME_MAGNITUDE[1]):
            start.kind, start.unit = level.kind, level.unit


_SAME_MAGNITUDE = (0.1, 10.0)
_INITIALISM = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}(?=\s+[a-z])")
_OF = "of"
_START_TO = re.compile(r"\s+to\s+")


def _bare_restatements(text: str, drafts: list[Draft]) -> None:
    """A bare figure in the sentence of a measured one, to its decimals and of its size, is in
    its unit: "crossed the line in 19.19 seconds, taking a big chunk out of the 19.30 mark" (a
    whole number is not: "19.19 seconds over 200 metres", "won 3 of 5")."""
    for i, draft in enumerate(drafts):
        if draft.kind not in _COUNTED or draft.unit is not None \
                or not isinstance(draft.value, float) or draft.value.is_integer() or draft.precision is None:
            continue
        for measured in (drafts[i - 1] if i else None, drafts[i + 1] if i + 1 < len(drafts) else None):
            if (measured is not None and measured.unit is not None and measured.kind in _MEASURED
                    and measured.precision == draft.precision and isinstance(measured.value, float)
                    and measured.value > 0 and _RESTATED_SIZE[0] <= draft.value / measured.value <= _RESTATED_SIZE[1]
                    and abs(measured.start - draft.start) <= _BARE_REACH
                    and not _LAST_SENTENCE_END.match(text, min(measured.end, draft.end), max(measured.start, draft.start))):
                draft.kind, draft.unit, draft.subject = measured.kind, measured.unit, None  # "the 19.30 mark"
                break


_MEASURED = frozenset({"duration", "length", "mass", "speed", "temperature", "volume", "area"})
_RESTATED_SIZE = (0.5, 2.0)
_BARE_REACH = 120
_SCORE_POINT_NOTE = "'points' read as score_point"


def _index_restated_levels(text: str, drafts: list[Draft]) -> None:
    """A bare figure given to the same decimals as an index's level read near it, and of its
    magnitude, is another level of that index: "The index ended the day up 2.19% at 39,098.68.
    Earlier it had reached 39,156.97, above both the previous all-time intraday high of
    38,957.44"; "it broke through the bubble-era closing high of 38,915.87, and the index later
    closed at 39,098.68"."""
    levels = [d for d in drafts if d.unit == "index_point" and d.change != "delta" and isinstance(d.value, float)
              and d.precision is not None and d.precision < 0.5]
    if not levels:
        return
    for draft in drafts:
        if draft.kind not in ("other", "count") or draft.unit is not None \
                or not isinstance(draft.value, float) or draft.value.is_integer():
            continue
        near = [level for level in levels if max(level.start - draft.end, draft.start - level.end) <= _RESTATED_LEVEL_REACH
                and level.precision == draft.precision and 0.5 <= draft.value / level.value <= 2]
        if near:
            draft.kind, draft.unit, draft.subject = "points", "index_point", None
            draft.about = draft.about or near[0].about


@functools.cache
def _index_names_re() -> re.Pattern[str]:
    names = [r[0] for r in read_rows("index_names.txt")]
    return re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w&])")


def _gapped(gap: str, counted: str | None = None) -> bool:
    """Is ``gap``, between two figures, "and" and the second figure's own subject, with no verb
    ("... 2.46% and Lloyds Banking Group 1.25%", "revenue rose 5% and profit 3%", "added 2.28
    million members and Europe, the Middle East and Africa 2.17 million": ``counted`` the noun the
    first figure counts)?"""
    words = _about_words()
    gap = gap.lstrip().removeprefix(",")  # "The S&P 500 declined 3.2%, and the Nasdaq 3.8%"
    folded = scan.fold(gap)
    tokens = _WORD.findall(folded)
    # "... by 7p per litre in the past week and diesel by 4.5ppl": the first figure's rate and
    # time before "and"
    joint = next((m for m in _WORD.finditer(folded) if m.group() in words.parallel), None)
    own = frozenset(scan.fold(counted).split()) if counted else frozenset()
    if joint is not None and all(
            _is_time(t, t, words) or t in words.preposition or t in words.skip or t in words.ordinal
            or t in words.continuation or t in own for t in _WORD.findall(folded, 0, joint.start())):
        if _NAME_LIST.fullmatch(gap[joint.end():].strip()):
            return True  # a list of names, the subject of the verb left out
        folded = folded[joint.start():]
        tokens = _WORD.findall(folded)
    if not tokens or tokens[0] not in words.parallel or _words_in(words.verb_re, folded, 0, len(folded)):
        return False
    rest = tokens[1:]
    if len(rest) > 1 and rest[-1] in _words().roles:
        rest = rest[:-1]  # "... and diesel by 4.5ppl": the second figure's role word
    # "... rose 21% and stalking and harassment 36%": one "and" inside the subject joins its nouns
    inner = [t for i, t in enumerate(rest) if not (t in words.parallel and 0 < i < len(rest) - 1)]
    return 0 < len(rest) <= _GAPPED_WORDS and len(rest) - len(inner) <= 1 and "," not in gap and not any(
        t in words.preposition or t in words.stop or t in _words().before or (t in _words().filler_ends and t not in words.determiner) for t in inner)


_GAPPED_WORDS = 4  # "Coca-Cola Hellenic", "Lloyds Banking Group": the subject of the verb left out


def _gap_joined(text: str, gap: str, end: int, counted: str | None = None) -> str | None:
    """``gap`` when it joins two figures of one verb left out (``_gapped``), or, in a list, the
    gap with its comma read as the "and" that closes the list: "BSNL lost 10,208 customers, MTNL
    7,307 and Reliance Communications 1,488", "the states N194.45bn and local governments
    N146.01bn" after "The federal government received N291.46bn," (the figure at ``end`` is
    followed by the rest of the list, with no verb)."""
    if _gapped(gap, counted):
        return gap
    if gap.count(",") != 1 or any(t in _about_words().parallel for t in _WORD.findall(scan.fold(gap))):
        return None
    joined = gap.replace(",", " and", 1)
    rest = _LIST_GOES_ON.match(text, end)
    if rest is None or not _gapped(joined, counted) or _words_in(
            _about_words().verb_re, scan.fold(rest.group()), 0, len(rest.group())):
        return None
    return joined


# the rest of a list after one of its figures: more ", <subject> <figure>" items, then "and" and
# the last subject and figure ("..., MTNL 7,307 and Reliance Communications 1,488")
_LIST_ITEM = r"(?:[^\s,;.]+\s+){1,4}[^\s,;]*\d[^\s,;]*(?:\s+[a-z%]+)?"
_LIST_ITEM_RE = re.compile(r"\s*" + _LIST_ITEM + r"\s+")
_LIST_GOES_ON = re.compile(r"(?:\s+[a-z%]+)?(?:,\s+" + _LIST_ITEM + r")*,?\s+and\s+" + _LIST_ITEM)


def _parallel(text: str, gap: str, draft: Draft) -> bool:
    """Is the figure a second one of the verb before, the verb left out ("killed 1,591 people in
    the province of Al Haouz and 809 in the province of Taroudant", "valued each share at £25.08,
    or the whole company at £31.1 billion")? Not when words that are no preposition's object come
    right before it ("revenue rose 5% and profit 3%": profit's), nor when a verb follows it."""
    words = _about_words()
    folded = scan.fold(gap)
    tokens = _WORD.findall(folded)
    joint = max((i for i, t in enumerate(tokens) if t in words.parallel), default=None)
    if joint is None or _words_in(words.verb_re, folded, 0, len(folded)):
        return False
    rest = tokens[joint + 1:]
    if rest and rest[-1] not in words.preposition:
        return False
    stop = _CLAUSE_START.search(text, draft.end, min(len(text), draft.end + _ABOUT_REACH))
    after = scan.fold(text[draft.end:stop.start() if stop else min(len(text), draft.end + _ABOUT_REACH)])
    return not _words_in(words.verb_re, after, 0, len(after))


def _listed(text: str, gap: str, draft: Draft) -> bool:
    """Is the figure the next of a list of the verb's figures, each with a phrase of a
    preposition after it ("fell 8 percent in the Americas, 7 percent in EMEA and ...")? The gap
    is the phrase before and a comma; a phrase of the same kind follows the figure, and no verb."""
    words = _about_words()
    tokens = _WORD.findall(scan.fold(gap))
    if not tokens or tokens[0] not in words.preposition or not gap.rstrip().endswith(",") or "," in gap.rstrip()[:-1] \
            or any(t in words.stop or t in words.verbs or t in _words().before for t in tokens):
        return False
    after = _WORD.match(scan.fold(text[draft.end:draft.end + _ROLE_REACH]).lstrip())
    return after is not None and after.group() == tokens[0] and _parallel(text, " and ", draft)


def _level_before_change(text: str, previous: Draft, draft: Draft, drafts: list[Draft]) -> None:
    """A figure followed after a comma by the change that led to it is that change's level:
    "EPS were $4.93, up 33%", "$11.93, 586% higher than a year before", "ending at 38,487.24, a
    gain of some 329.30 points", "27% contained as of 5 a.m. Monday, up from only 3%"."""
    if previous.direction is not None or draft.direction is None or draft.change not in ("delta", "start"):
        return
    gap = text[previous.end:draft.start]
    tokens = [w.lower() for w in _WORD.findall(gap)]
    at = tokens.index("from") if "from" in tokens else -1
    if draft.change == "start" and at >= 2 and tokens[at - 1] in _words().level \
            and all(w in _about_words().auxiliary for w in tokens[:at - 1]) and not _CLAUSE_MARK.search(gap):
        # "The 2014 deficit of $483.4 billion was down from $680.2 billion", "spending of €22.5
        # billion is down from last year's total of €23.4 billion": the subject's figure
        previous.direction, previous.change = draft.direction, "level"
        return
    head, comma, tail = gap.rpartition(",")
    if not comma or len(head) > _LEVEL_HEAD or not _more_words().intro_re.fullmatch(tail):
        return
    if draft.change == "start" and "from" not in tail.lower():
        return
    # no other figure between, but a time ("as of October 12, up from", "in fiscal year 2019, a
    # rise of", "in Q4, a 6.3 percent decline", "a 23-month high, up from")
    if _CLAUSE_MARK.search(_DATED.sub("", _CLOCK.sub("", head))) or any(
            previous.end <= d.start and d.end <= draft.start and d.kind not in _TIME_KINDS for d in drafts):
        return
    previous = _level_target(text, previous, draft, drafts)
    for level in (previous, drafts[previous.equivalent_of] if previous.equivalent_of is not None else None):
        if level is not None and level.direction is None:
            level.direction, level.change = draft.direction, "level"
    # "shipments came to 292 million units, down 18.6%": the change is of what its level is of
    draft.about = draft.about or previous.about


def _level_past_comparison(text: str, level: Draft, compared: Draft, draft: Draft) -> None:
    """A change's start after a figure set against the level ("totalled $15 billion ..., below
    the long-term average of $18 billion and down from $23 billion a year earlier"): the level
    is the figure before the comparison, and the change is about what it is about."""
    if draft.change != "start" or draft.direction is None or level.direction is not None or compared.direction is not None \
            or level.kind != draft.kind or _SENTENCE_END.search(text, level.end, draft.start):
        return
    joint = _comparison_joint_re()
    if not joint[1].fullmatch(text, compared.end, draft.start) or not joint[0].search(text, level.end, compared.start):
        return
    level.direction, level.change = draft.direction, "level"
    draft.about = level.about or draft.about


@functools.cache
def _comparison_joint_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """", below the long-term average of " (time_words.tsv's comparison rows after a comma) and
    " and down from " (a level word of change_words.tsv and "from")."""
    compared = [w for r in read_rows("time_words.tsv") if r[1] == "comparison" for w in r[0].split(",")]
    levels = alternation(sorted(_words().level, key=len, reverse=True))
    return (re.compile(r"(?i),\s*(?:" + alternation(sorted(compared, key=len, reverse=True)).replace(r"\ ", r"\s+") + r")(?![\w-])"),
            re.compile(r"(?i)\s+and\s+(?:" + levels + r")\s+from\s+"))


def _multiple_of_before(text: str, draft: Draft) -> None:
    """A multiple set against an earlier time of the same thing is a change by that factor:
    "473,000 cases ... in 2022, twice as many as in 2021" (up; "half as many as a year earlier":
    down), as "10% more than in 2021" is; "13 times the ten-year average" is no change."""
    if draft.direction is not None or draft.unit != _TIMES or not isinstance(draft.value, float) or draft.value == 1:
        return
    if _as_many_as_re().match(text, draft.end):
        draft.direction, draft.change = ("up" if draft.value > 1 else "down"), "delta"


_TIMES = "times"


@functools.cache
def _as_many_as_re() -> re.Pattern[str]:
    """" as many as in", " as much as a year earlier": "as", a word, "as" and a time_words.tsv
    prefix or phrase of the past."""
    from numclaims.extraction.when import LIST_ROLES  # word lists of other roles, not time phrases

    rows = read_rows("time_words.tsv")
    at = [w for r in rows if r[1] == "prefix" and r[2] == "at" for w in r[0].split(",")]
    past = [r[0] for r in rows if r[1] not in LIST_ROLES and r[1] != "prefix" and r[2].lstrip("-").isdigit() and int(r[2]) < 0]
    return re.compile(r"(?i)\s+as\s+[a-z]+\s+as\s+(?:(?:" + alternation(sorted(at, key=len, reverse=True)).replace(r"\ ", r"\s+")
                      + r")\s|(?:" + alternation(sorted(past, key=len, reverse=True)).replace(r"\ ", r"\s+") + r")(?![\w-]))")


def _paired(text: str, previous: Draft, draft: Draft) -> None:
    """Two figures of one kind joined by "and" share their role in a change: "320 million active
    and 144 million paid users, up from 299 million and 138 million" (two levels, two starts)."""
    if previous.kind != draft.kind or previous.unit != draft.unit:
        return
    gap = text[previous.end:draft.start]
    if draft.change == "level" and previous.direction is None and previous.change is None and _PAIRED_LEVELS.fullmatch(gap) \
            and _PAIRED_STARTS.search(text, draft.end, draft.end + _PAIRED_REACH):
        previous.direction, previous.change = draft.direction, "level"
    elif previous.change == "start" and draft.direction is None and draft.change is None \
            and (joint := _PAIRED_STARTS.match(text, previous.end)) is not None and joint.end() == draft.start:
        draft.direction, draft.change = previous.direction, "start"


_PAIRED_LEVELS = re.compile(r"(?i)\s+(?:[a-z-]+\s+)?and\s+(?:[a-z-]+\s+)?")  # " active and ", " and diesel "
_PAIRED_STARTS = re.compile(r"(?i)\s+and\s+(?=\S*\d)")  # " and " before the second start
_PAIRED_REACH = 60  # "144 million paid users, up from 299 million and 138"


def _after_preposition(text: str, draft: Draft) -> bool:
    """Is the word right before the figure a preposition of about_words.tsv ("from eight countries";
    not "of": "The cumulative count of 30,926 cases" is the count's value)?"""
    before = _WORD_BEFORE.search(scan.fold(text[max(0, draft.start - _PARTICLE_REACH):draft.start]))
    return before is not None and before.group(1) in _about_words().preposition and before.group(1) != _OF


def _start_on(text: str, level: Draft, change: Draft, draft: Draft) -> None:
    """A figure of the level's kind after a change and "on the" is the change's start: "30,926
    cases is up 210.6 per cent on the 9,957 of the same period last year", "5022 new cases ..., a
    modest 1.1% increase on the 4967 cases of week 10" (the figure before the change its level)."""
    if draft.direction is not None or change.change != "delta" or change.direction is None \
            or level.change not in (None, "level") or level.direction not in (None, change.direction) \
            or level.unit != draft.unit or not (level.kind == draft.kind or {level.kind, draft.kind} <= set(_COUNT_BARE)) \
            or _SENTENCE_END.search(text, level.end, draft.start) \
            or not _start_on_re().fullmatch(text, change.end, draft.start):
        return
    draft.direction, draft.change = change.direction, "start"
    if level.change is None and not _after_preposition(text, level):  # ("reported from eight countries": an adjunct)
        level.direction, level.change = change.direction, "level"


@functools.cache
def _start_on_re() -> re.Pattern[str]:
    """" on the ", " increase on the ": what comes between a change and its start after "on"."""
    return re.compile(r"(?i)(?:[\s-]+[a-z]+)?\s+on\s+(?:" + alternation(sorted(_about_words().determiner)) + r")\s+")


def _level_target(text: str, previous: Draft, draft: Draft, drafts: list[Draft]) -> Draft:
    """Which figure before the change is its level: the one right before it, unless that counts
    another noun than the change's start and an earlier one in the sentence counts the same
    ("5,927 new cases and 20 deaths between 13 and 19 October, down from 6,561 cases"), or it
    stands in an aside of the figure before ("371,717 dengue cases, including 1,407 deaths, were
    reported, 106% more than in 2018"), or is the figure the level is set against ("702.05 LMT
    against 623.47 LMT a year earlier, a rise of 12.35%": that one is the start)."""
    at = drafts.index(previous) if previous in drafts else -1
    alike = (lambda d: d.kind == previous.kind or {d.kind, previous.kind} <= set(_COUNT_BARE))
    earlier = [d for d in drafts[:at] if alike(d) and d.direction is None
               and not _SENTENCE_END.search(text, d.end, draft.start)] if at > 0 else []
    if not earlier:
        return previous
    head = (lambda d: d.subject.split()[-1].lower() if d.subject else None)
    if draft.change == "start" and head(draft) is not None and head(previous) not in (None, head(draft)):
        same = [d for d in earlier if head(d) == head(draft)]
        return same[-1] if same else previous
    gap = text[earlier[-1].end:previous.start]
    cut = next((i for i in _word_starts(gap) if _rate_words().compared_re.fullmatch(gap, i)), None)
    if draft.change == "delta" and previous.change is None and cut is not None and _continues(gap[:cut]):
        # "reached 702.05 LMT by 11 April against 623.47 LMT a year earlier, a rise of around
        # 12.35%": the figure set against the level is the change's start; unless it is what was
        # expected of the level ("brought in $463 million, compared with the $428.95 million
        # analysts expected, up 104.9% year over year": the change is from a year before)
        said = {w.lower() for w in _WORD.findall(gap[cut:] + " " + text[previous.end:draft.start])}
        if not said & _about_words().estimate:
            previous.direction, previous.change = draft.direction, "start"
        return earlier[-1]
    if draft.change == "delta" and previous.change is None and _after_preposition(text, previous):
        # "5022 new cases were reported from eight countries, a modest 1.1% increase", "reported
        # 300 cases across 12 states, up 5%": the figure after a preposition is an adjunct; the
        # level is the clause's own figure
        return earlier[-1]
    aside = _ASIDE_BEFORE.match(text, earlier[-1].end, previous.start)
    if aside is not None and _about_words().aside >= {aside.group(1).lower()} and "," in text[previous.end:draft.start]:
        return earlier[-1]
    return previous




def _word_starts(gap: str) -> list[int]:
    """Where the words of ``gap`` start, after their space, from the last back."""
    return [m.start() for m in reversed(list(_SPACED_WORD.finditer(gap)))]


_SPACED_WORD = re.compile(r"\s+(?=\S)")
_ASIDE_BEFORE = re.compile(r"[^,;.]*,\s*([A-Za-z]+)\s+$")


def _comparative_after_phrase(text: str, end: int) -> re.Match[str] | None:
    """The comparative after a level's phrase of a preposition and its comma ("stood at 1.94
    million in the week through Nov. 22, slightly lower than a week earlier"): no other figure,
    verb or stop word in the phrase (a date's day aside)."""
    comma = text.find(",", end, end + _LEVEL_HEAD)
    if comma < 0:
        return None
    head = _DATED.sub("", _CLOCK.sub("", text[end:comma]))
    words = _about_words()
    tokens = [w.lower() for w in _WORD.findall(head)]
    if not tokens or tokens[0] not in words.preposition or _CLAUSE_MARK.search(head) or any(c.isdigit() for c in head) \
            or any(w in words.stop or w in words.verbs or w in _words().before for w in tokens):
        return None
    return _more_words().comparative_re.match(text, comma)


_TIME_KINDS = frozenset({"date", "year", "duration"})
# the stops of a time's abbreviations are no clause's end: "as of 5 a.m. Monday", "on Dec. 29"
_DATED = re.compile(r"(?<![\w.])[A-Z][a-z]+\.?\s+\d{1,2}(?![\w.,])|(?<![\w.,])(?:1[89]|20)\d\d(?![\w.,])")
_CLOCK = re.compile(r"(?i)\b\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?")
_LEVEL_HEAD = 90  # "totaled $356.4 billion in the first two months of the budget year, down"
_CLAUSE_MARK = re.compile(r"[;:!?\n(]|\.(?=\s)")


def _continues(gap: str) -> bool:
    """Is ``gap`` the words between two figures of one statement (", or ", ", to settle at ", " a
    barrel, or ", " in August from ")?"""
    words = _about_words()
    return all((w := word.lower()) in words.continuation or w in words.time or w in words.calendar
               or w in words.ordinal for word in _WORD.findall(gap))


_CHAIN_GAP = 60
# the roles of two figures of one change: its delta and its start or level, its start and level
# either way round ("dropped to 22.11 million by end-September from 22.19 million")
_ONE_CHANGE = frozenset({("delta", "start"), ("delta", "level"), ("start", "level"), ("level", "start")})
_LEVEL_REACH = 40  # "2.6 per cent in July, up from": where "from" may follow the figure
_RESTATED = re.compile(r"\s*(?:,\s*or\b|\()")
_SIGNS = frozenset("+-\u2212")
# "77 cents, or 0.65 percent", "89 cents (1.31%)", "0.21 per cent, or a net 2.4 million" (an article
# and one word before the restatement)
_RESTATES = re.compile(r"[^,(]*(?:,\s*or\s+(?:an?\s+[a-z]+\s+)?|\s*\(\s*(?:or\s+)?)")
_CONNECTOR_REACH = 30
_BARE_OR = re.compile(r"[^\S\n]+or[^\S\n]+")


def rate_tail_end(text: str, end: int) -> int:
    """Where a rate's denominator written right after a figure ends ("€30m-a-year", "$71.20 a
    barrel"), else ``end`` itself.

    >>> text = "€30m-a-year (£25.6m)"
    >>> rate_tail_end(text, 4), rate_tail_end("€30m (£25.6m)", 4)
    (11, 4)
    """
    found = _words().per_re.match(text, end)
    return found.end() if found is not None and found.group(1) else end


def change_before(text: str, start: int) -> str | None:
    """The direction of a change verb among the two words before ``start``, if any ("rose from
    $32m to $34m" is a change from a start to a level, not a range)."""
    before = _words().before
    preceding = [m.group().lower() for m in _WORD.finditer(text, max(0, start - 30), start)
                 if not _speech_verb(text, m)][-_NEAR_WORDS:]
    return next((before[w] for w in reversed(preceding) if w in before), None)


def _speech_verb(text: str, word: re.Match[str]) -> bool:
    """Is the word a change verb reporting speech ("he added: ...", "she added, ...")?"""
    return word.group().lower() in _more_words().speech and _SPEECH_AFTER.match(text, word.end()) is not None


def change_in_clause(text: str, start: int) -> str | None:
    """The direction of the last change verb of the sentence before ``start`` ("jumped 12.2
    percent year over year, from $181,300 to $203,500": the "from ... to" is that change's start
    and level)."""
    floor = max(0, start - _CLAUSE_REACH)
    end = _LAST_SENTENCE_END.match(text, floor, start)
    before = _words().before
    # "he added: ...", "she added, ...": the verb reports speech, it changes nothing after it
    preceding = [m.group().lower() for m in _WORD.finditer(text, end.end() if end else floor, start)
                 if not _speech_verb(text, m)]
    return next((before[w] for w in reversed(preceding) if w in before), None)


_SPEECH_AFTER = re.compile(r"\s*[:,]")


_CLAUSE_REACH = 100
_RESTATED_LEVEL_REACH = 400  # two sentences: "Its previous record close, 38,915.87, ..."
_LAST_SENTENCE_END = re.compile(r"(?s).*[.;!?\n](?=\s)")


def start_opener(text: str, start: int) -> int | None:
    """Where the role word that makes the figure at ``start`` a change's start opens: "from"
    right before it ("rose from $32m"), or before a few words and "of" ("revised up, from an
    initial estimate of 130,000 to 168,000"); None when no such word is there.

    >>> text = "revised up, from an initial estimate of 130,000 to 168,000"
    >>> start_opener(text, text.index("130")), start_opener("from $32m", 5), start_opener("at $32m", 3)
    (12, 0, None)
    """
    found = _words().connector_re.search(text, max(0, start - 8), start)
    if found is None and text.endswith("of ", 0, start):
        found = _more_words().of_connector_re.search(text, max(0, start - _OF_REACH), start)
    if found is None or _words().roles[found.group(1).lower()] != "start":
        return None
    lead = _WORD.findall(scan.fold(text[max(0, found.start(1) - _RANGING_REACH):found.start(1)]))
    if any(w in _more_words().ranging for w in lead[-_RANGING_WORDS:]) and not any(c.isdigit() for c in "".join(lead[-_RANGING_WORDS:])):
        # "after ranging from $15.90 to $16.20", "the average varies by industry, from $6 million
        # to $143 million": a range, the ranging word a few words before "from" at most
        return None
    return found.start(1)


_RANGING_REACH = 40
_RANGING_WORDS = 4  # the ranging word and up to three words of its own ("by industry")


def _ranging_between(text: str, start: int, end: int) -> bool:
    """Is there a word of the ranging rows and its "from" between ``start`` and ``end`` (the
    verb and the figure's role word), the figure one end of that range?"""
    tokens = _WORD.findall(scan.fold(text[start:end]))
    ranging = _more_words().ranging
    return any(w in ranging and _FROM in tokens[i + 1:i + _RANGING_WORDS] for i, w in enumerate(tokens))


_FROM = "from"


def states_change(text: str, start: int) -> bool:
    """Is there a change verb among the two words before ``start``?"""
    return change_before(text, start) is not None


def _no_change(text: str, draft: Draft, words: _Words) -> bool:
    """Is the figure no amount of a change whatever verb comes before it: a duration that is a
    time ("six minutes after departure"), a span ("rises in three decades") or a modifier
    ("one-day gain"); an amount of a material ("dropped more than 18 inches of rain"); where a
    thing is ("40 miles south of the capital", "6 feet above ground level")?"""
    if draft.kind == "duration" and (words.offset_re.match(text, draft.end) or words.span_re.search(
            text, max(0, draft.start - _SPAN_REACH), draft.start) or "-" in text[draft.start:draft.end].strip("-")):
        return True
    if draft.kind == "points" and _more_words().stat_line_re.match(text, draft.end):
        return True  # "Anthony Davis added 24 points and 14 rebounds": a player's line, no change
    return words.material_re.match(text, draft.end) is not None or words.where_re.match(text, draft.end) is not None


_SPAN_REACH = 20  # "in the first two months"


def _thing(text: str, verb: re.Match[str], draft: Draft, words: _Words) -> bool:
    """Is the change word a noun for the thing measured ("a surge of 6 to 10 feet")?"""
    if words.things.get(verb.group().lower()) != draft.kind:
        return False
    before = _WORD_BEFORE.search(scan.fold(text[max(0, verb.start() - _DETERMINER_REACH):verb.start()]))
    return before is not None and (before.group(1) in words.thing_before or before.group(1) in _about_words().determiner)


def _change_noun_of(text: str, sentence: int, start: int, words: _Words) -> str | None:
    """The direction of a change noun after an article and before "of" right before the figure
    ("a growth of 17.63%"; the nouns that are change verbs too, "an increase of", are read as
    those)."""
    near = list(_WORD.finditer(text, max(sentence, start - _NEAR_REACH), start))
    if len(near) < _NEAR_WORDS + 1 or near[-1].group().lower() != _OF or text[near[-1].end():start].strip() \
            or near[-3].group().lower() not in _about_words().article:
        return None
    noun = near[-2].group().lower()
    if noun in words.before or noun in _more_words().amounts:
        return None  # "a surge of 8 to 12 feet" is read as a verb's noun; "posted a loss of $96 million": an amount
    return words.after.get(noun)


def _direction(text: str, draft: Draft, words: _Words, rate: tuple[str, int] | None = None) -> None:
    if _no_change(text, draft, words):
        return
    start = draft.start
    if rate is not None:  # "grew at an annual rate of 2.0 percent": the verb is before the phrase
        start = rate[1]
    connector = _connector(text, start, words)
    if connector is None and rate is not None:
        # "slid 2% in September to a seasonally adjusted annual rate of 3.96 million": the role
        # word before the rate's phrase
        connector = _connector(text, draft.start, words)
    if connector is None:  # the verb is one of the two words right before: a short look back
        floor = max(0, start - _NEAR_REACH)
    else:  # "fell 2% to 3,100": the verb may be further back in the sentence
        floor = max(0, start - _REACH)
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, floor, start)), default=floor)
    end_of_words = connector.start() if connector else start
    if end_of_words < sentence:
        return
    preceding = [m for m in _WORD.finditer(text, sentence, end_of_words)]
    if connector is None:
        if len(preceding) > _NEAR_WORDS and preceding[-2].group().lower() in _about_words().article \
                and preceding[-3].group().lower() in words.before and not any(
                    text[a:b].strip() for a, b in zip([m.end() for m in preceding[-3:]],
                                                      [*(m.start() for m in preceding[-2:]), start])):
            preceding = preceding[-_NEAR_WORDS - 1:]  # "rose a modest 1.7 percent", "grew a slower 1.9 percent"
        elif len(preceding) > _NEAR_WORDS + 1 and preceding[-1].group().lower() == _OF \
                and preceding[-3].group().lower() in _about_words().article \
                and preceding[-4].group().lower() in words.before and not any(
                    text[a:b].strip() for a, b in zip([m.end() for m in preceding[-4:]],
                                                      [*(m.start() for m in preceding[-3:]), start])):
            preceding = preceding[-_NEAR_WORDS - 2:]  # "lost a total of 3.8%", "gained an average of 3%"
        else:
            preceding = preceding[-_NEAR_WORDS:]
    if connector is None and (noun := _change_noun_of(text, sentence, start, words)) is not None:
        draft.direction, draft.change = noun, "delta"  # "a growth of 17.63%": a change noun's figure
        return
    verb = next((m for m in reversed(preceding) if m.group().lower() in words.before
                 and not _speech_verb(text, m)
                 and not _particle(scan.fold(text[max(0, m.start() - _PARTICLE_REACH):m.end()]),
                                   m.start() - max(0, m.start() - _PARTICLE_REACH), m.group().lower())), None)
    if verb is not None and _thing(text, verb, draft, words):
        return  # "a surge of 6 to 10 feet": a storm surge
    if verb is not None and connector is None and preceding[-1] is not verb \
            and _PARTICIPLE_CLAUSE.search(text, verb.end(), start) is not None:
        return  # "were down 9.3%, taking 50.1% of the market": a participle's clause after the change's figure
    if verb is not None and connector is not None and _ranging_between(text, verb.end(), connector.end()):
        return  # "edged up to 1.7 per cent, ranging from 0.7 per cent in Adelaide to 4.2 per cent": a range
    if verb is not None and connector is None and preceding and preceding[-1] is not verb \
            and preceding[-1].group().lower() in _about_words().preposition \
            and preceding[-1].group().lower() not in words.roles and preceding[-1].group().lower() != _OF \
            and len(preceding) > 1 and preceding[-2] is verb and not text[preceding[-1].end():start].strip():
        return  # "fell in 13 of the 18 markets": the figure counts where, no change
    if verb is not None and connector is None and preceding and preceding[-1] is verb \
            and verb.group().lower() in _more_words().level_before and not text[verb.end():start].strip():
        verb = None  # "rejects improved £34 billion offer": an adjective, the new level (below)
    if verb is not None and connector is None and preceding and preceding[-1] is not verb and (
            (det := preceding[-1].group().lower()) in _about_words().determiner and det not in _about_words().article):
        return  # "cutting the GBP175 billion budget deficit": the figure tells which deficit
    more = _more_words()
    if verb is None and connector is not None:
        role = words.roles[scan.fold(connector.group(1))]
        # "took his total earnings to KSh 27 million": a verb that is a change only with its level;
        # "improved on the previous best by 34 seconds": a record time cut by the figure
        # ("took part at 99 US sites" is no level: only "to" takes a figure to a level)
        table = more.before_to if role == "level" and scan.fold(connector.group(1)) != "at" else more.record_time if role == "delta" and draft.kind == "duration" else {}
        found = next((m for m in reversed(preceding) if m.group().lower() in table), None)
        if found is not None:
            draft.direction, draft.change = table[found.group().lower()], role
            return
    if verb is None and connector is not None and preceding and preceding[-1].end() <= connector.start() \
            and not text[preceding[-1].end():connector.start()].strip() \
            and (moved := words.after.get(preceding[-1].group().lower())) is not None \
            and words.roles[scan.fold(connector.group(1))] in ("level", "delta"):
        # "closed 22.43 points higher at 7556.24" (a level); "ended lower by $12.50" (a delta)
        draft.direction, draft.change = moved, words.roles[scan.fold(connector.group(1))]
        return
    if verb is None and connector is None and preceding and (
            level_word := more.level_before.get(preceding[-1].group().lower())) is not None \
            and not text[preceding[-1].end():start].strip():
        draft.direction, draft.change = level_word, "level"  # "rejects improved £34 billion offer"
        return
    if verb is not None and connector is not None and draft.kind == "duration" \
            and words.roles[scan.fold(connector.group(1))] == "delta" and verb.group().lower() in more.record_time:
        # "improved on the previous best by 34 seconds": a record time cut by the figure
        draft.direction, draft.change = more.record_time[verb.group().lower()], "delta"
        return
    if verb is not None:
        draft.direction = words.before[verb.group().lower()]
        if verb.group().lower() in words.adverbs and (turned := _WORD_BEFORE.search(
                scan.fold(text[max(0, verb.start() - _PARTICLE_REACH):verb.start()]))) is not None:
            draft.direction = words.turned.get(turned.group(1), draft.direction)  # "gave up 8.51 points": down
        draft.change = words.roles[scan.fold(connector.group(1))] if connector else "delta"
        if connector is None and _first_word(text, draft) in more.level_qualifiers:
            draft.change = "level"  # "temperatures climbed above 1,700 degrees": the level passed
        if draft.change == "level" and connector is not None and connector.group(1).lower() == "at":
            between = text[verb.end():connector.start()]
            if any(w.lower() in _about_words().stop and w.lower() != "or" for w in _WORD.findall(between)):
                draft.direction = draft.change = None  # "cut the rate 13 times, when it stood at 6.5%"
            elif not any(c.isdigit() for c in between) and verb.group().lower() not in words.adverbs:
                # "expanded at 0.4 percent" (but "settled down $1.72 at $104.67", "3.30 points,
                # or 0.01 per cent, up at 24,320.55 points")
                draft.change = "delta"
        return
    comparative = _more_words().comparative_re.match(text, draft.end) or _comparative_after_phrase(text, draft.end)
    if comparative is not None:  # "sustained winds of 150 mph, a little stronger than at the previous update"
        draft.direction, draft.change = _more_words().comparatives[scan.fold(comparative.group(1))], "level"
        return
    level = words.level_re.match(text, draft.end) if text.find(" from", draft.end, draft.end + _LEVEL_REACH) >= 0 else None
    if level is not None and draft.kind == "duration" and any(c.isdigit() for c in text[draft.end:level.start(1)]):
        level = None  # "in the 12 months to March 2022, up from 6.2%": a period, not the level
    if level is not None:  # "4.2%, down from 4.5%", "2.6 per cent in July, up from 2.4 per cent"
        draft.direction, draft.change = words.level[scan.fold(level.group(1))], "level"
        return
    noun = words.after_re.match(text, draft.end)
    if noun is not None and scan.fold(noun.group(1)) in _more_words().amounts \
            and (next_word := _NEXT_WORD.match(text, noun.end())) is not None \
            and scan.fold(next_word.group(1)) not in _about_words().preposition \
            and scan.fold(next_word.group(1)) not in _about_words().stop:
        noun = None  # "370 loss events": an amount noun as a modifier of the noun after it, no change
    if noun is None and (leading := _AFTER_COMMA.match(text, draft.end)) is not None:
        # "ended $1.42, or 1.9%, higher at $77.07": the word after the restatement's comma, when
        # the level follows it
        noun = words.after_re.match(text, leading.end() - 1)
        if noun is not None and not _level_next().match(text, noun.end()) and not _CLAUSE_END.match(text, noun.end()):
            noun = None  # "ended 56.96 points, or 0.31 per cent, higher." (but ", higher costs")
    if noun is None and leading is not None and (moved := _LEVEL_WORD.match(text, leading.end())) is not None \
            and scan.fold(moved.group(1)) in words.level and _level_next().match(text, moved.end()):
        # "settled 3.30 points, or 0.01 per cent, up at 24,320.55 points" (not "£12m up front")
        draft.direction, draft.change = words.level[scan.fold(moved.group(1))], "delta"
        return
    if noun is None and (bracket := _BRACKET_AFTER.match(text, draft.end)) is not None:
        # "130,000 square kilometers (50,000 square miles) less than the previous record low":
        # a comparison after a restatement's bracket (not where a thing is: "1,830 miles (2,950
        # kilometers) above Earth")
        noun = words.after_re.match(text, bracket.end())
        if noun is not None and not _THAN.search(noun.group(1)):
            noun = None
    if noun is None and draft.per is not None and (rate_per := words.per_re.match(text, draft.end)) is not None:
        noun = words.after_re.match(text, rate_per.end())  # "two cents a gallon more than"
    if noun is None:
        noun = _noun_after_words(text, draft.end, words)  # "233% revenue growth", "£41 billion of annual tax increases"
    if noun is not None:  # "a 9% drop", "312 points higher"
        draft.direction, draft.change = words.after[scan.fold(noun.group(1))], "delta"
        return
    sign = _sign(text, draft)
    if sign is not None:  # "412 (+211) seats", "a change of -4.4%"
        draft.direction, draft.change = sign, "delta"


_THAN_FIGURE = re.compile(r"than\s+[^\s\w]?\d")  # "than 57,000": a qualifier's "than" before its figure
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_ABBREVIATED_BRACKET = re.compile(r"\.\s+\(")  # "lb. (": the stop of the unit before it
_PARTICIPLE_CLAUSE = re.compile(r"\d[^,]*,\s+[a-z]+ing\s+$")  # "9.3%, taking ": another figure, its comma and a participle
_LEVEL_WORD = re.compile(r"([A-Za-z]+)")
_THAN = re.compile(r"\sthan$")
_BRACKET_AFTER = re.compile(r"\s*\([^()]{1,60}\)")  # then the change word, as after_re reads it (from the space)
_AFTER_COMMA = re.compile(r",\s")  # then the change word, as after_re reads it (from the space)
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?](?=\s|$)|$)")


@functools.cache
def _level_next() -> re.Pattern[str]:
    """A level's role word after a change word: "higher at $77.07", "lower to 3,100"."""
    words = _words()
    return re.compile(r"(?i)\s+(?:" + alternation([w for w, role in words.roles.items() if role == "level"]) + r")\s")


def _first_word(text: str, draft: Draft) -> str:
    word = _WORD.match(text, draft.start)
    return word.group().lower() if word is not None else ""


def _noun_after_words(text: str, end: int, words: _Words) -> re.Match[str] | None:
    """A change noun a word or two after the figure: "233% revenue growth", "£41 billion of
    annual tax increases" (content words between, no comparative: "45% of voters above 60")."""
    found = _more_words().noun_after_re.match(text, end)
    if found is None:
        return None
    about = _about_words()
    between = [w.lower() for w in _WORD.findall(text[end:found.start(1)]) if w.lower() not in _bases()]
    if any(w in about.skip or w in about.stop or w in about.preposition and w != "of" or w in about.auxiliary
           or w in about.determiner or w in about.verbs or w in about.time or w in words.before for w in between):
        return None
    return found


@functools.cache
def _bases() -> frozenset[str]:
    """The one-word bases of a comparison (time_words.tsv's past rows: "year-on-year"), which may
    stand between a figure and its change noun ("a 3% year-on-year fall")."""
    return frozenset(r[0].lower() for r in read_rows("time_words.tsv") if r[1] == "past" and " " not in r[0])


def _sign(text: str, draft: Draft) -> str | None:
    """The direction an explicit sign gives a figure: "+" always ("up +104.9%", "(+211)"), a minus
    only where the figure is a change already ("(-250)", "a change of -4.4%"), not a level
    ("-5C")."""
    written = text[draft.start:draft.end]
    if text.endswith("+", 0, draft.start) or written.startswith("+"):
        return "up"
    if written[:1] in _MINUS and (text.endswith("(", 0, draft.start) or draft.kind == "points" or _more_words().neutral_re.search(
            text, max(0, draft.start - _NEUTRAL_REACH), draft.start)):
        return "down"  # "Dow industrial average -168.72 points": an index or a score is never below zero
    return None


_MINUS = "-\u2212"
_NEUTRAL_REACH = 16


@dataclass(frozen=True)
class _MoreWords:
    before_to: dict[str, str]  # "took", "brought": a change verb only with "to" and its level
    record_time: dict[str, str]  # "improved", "broke": a time cut by a duration after "by"
    level_before: dict[str, str]  # "improved": an adjective right before the figure that is the new level
    level_qualifiers: frozenset[str]  # "above", "below": a qualifier that makes a change's figure its level
    comparative_re: re.Pattern[str]  # ", a little stronger than" after a level
    comparatives: dict[str, str]
    noun_after_re: re.Pattern[str]
    neutral_re: re.Pattern[str]  # "a change of" before a signed figure
    intro_re: re.Pattern[str]  # the words after a level's comma that open its change (", up", ", a gain of")
    of_connector_re: re.Pattern[str]  # "to a record low of " before a figure
    stat_line_re: re.Pattern[str]  # "and 14 rebounds" after a player's points
    ranging: frozenset[str]  # "ranging": "from X to Y" after it is a range
    speech: frozenset[str]  # "added": with a colon or comma after it, a verb of speech
    amounts: frozenset[str] = frozenset()  # "loss": a change noun that names an amount before "of"


@functools.cache
def _more_words() -> _MoreWords:
    tables: dict[str, dict[str, str]] = {}
    for word, value, where in read_rows("change_words.tsv"):
        tables.setdefault(where, {})[word] = value
    comparatives = tables["comparative"]
    nouns = [w for w in tables["after"] if w.split()[0] not in comparatives and w not in tables["level_qualifier"]]
    after_nouns = alternation(nouns)
    level_words = alternation(list(tables["level"]))
    return _MoreWords(
        tables["before_to"], tables["record_time"], tables["level_before"], frozenset(tables["level_qualifier"]),
        re.compile(r"(?i),\s*(?:(?:" + alternation(list(tables["degree"])).replace(r"\ ", r"\s+") + r")\s+)?("
                   + alternation(list(comparatives)) + r")\s+than(?![\w-])"),
        comparatives,
        # ("233% revenue growth", "an 18.65% average tariff increase")
        re.compile(r"(?i)(?:\s+of(?:\s+[a-z][a-z-]*){0,2}|(?:[\s-]+[a-z][a-z-]*){1,2})[\s-]+(" + after_nouns + r")(?![\w-])"),
        re.compile(r"(?i)(?<![\w-])(?:" + alternation(list(tables["neutral"])) + r")\s+of\s+$"),
        # ", up from", ", up slightly from", ", up a slight 1pc", ", a gain of", ", up by", ", a
        # modest 1.1% increase"
        re.compile(r"(?i)\s*(?:(?:" + level_words + r")(?:\s+(?:" + alternation(list(tables["degree"])).replace(r"\ ", r"\s+")
                   + r"))?(?:\s+(?:" + alternation([w for w, role in tables["role"].items() if role in ("start", "delta")])
                   + r"))?\s+(?:an?\s+[a-z]+\s+)?|(?:an?|the)\s+(?:[a-z-]+\s+)?(?:"
                   + after_nouns + r")\s+(?:" + alternation(list(tables["intro"])) + r")\s+|an?\s+[a-z-]+\s+)?(?:(?:"
                   + alternation(sorted(_about_words().skip)) + r")\s+)?"),
        # the phrase opens with a determiner: "to a record low of", "from its 2023 closing level of"
        # (not "to cover a revenue deficit of": an infinitive's object)
        # (a start's, a possessive too: "down from last year's total of €23.4 billion"; not
        # "capped at July's RPI figure of 3.2%")
        re.compile(r"(?i)(?<![\w-])(?=(" + alternation(list(tables["role"])) + r")\s)(?:(?:"
                   + alternation(list(tables["role"])) + r")\s+(?:" + alternation(sorted(_about_words().determiner))
                   + r")|(?:" + alternation([w for w, role in tables["role"].items() if role == "start"])
                   + r")\s+(?:[a-z-]+\s+)?[a-z-]+['’]s)\s+(?:[\w'’-]+\s+){0,4}?of\s+$"),
        re.compile(r"(?i)\s*(?:,|,?\s+and)\s+\d+\s+(?:" + alternation(list(tables["stat"])) + r")(?![\w-])"),
        frozenset(tables["ranging"]),
        frozenset(tables["speech"]),
        frozenset(tables.get("amount", {})),
    )


def _connector(text: str, start: int, words: _Words) -> re.Match[str] | None:
    """The role word before a figure ("by", "to", "from", "at"), with a filler between them only
    when the word right before the figure ends one ("to a record 26,966")."""
    found = words.connector_re.search(text, max(0, start - _ROLE_REACH), start)
    if found is None and text[max(0, start - 12):start].rstrip().rpartition(" ")[2].lower() in words.filler_ends:
        found = words.connector_re.search(text, max(0, start - _CONNECTOR_REACH), start)
    if found is None and text.endswith("of ", 0, start):
        # "sank to a record low of 7,162", "from its 2023 closing level of 33,464.17", "goes up by
        # an average of £32.3 billion": the role word before a phrase of a few words and "of"
        found = _more_words().of_connector_re.search(text, max(0, start - _OF_REACH), start)
    if found is None:
        # "by a bigger-than-expected 50 basis points", "up from a revised 5.8 percent": an
        # article and one adjective between
        found = _role_adjective_re().search(text, max(0, start - _CONNECTOR_REACH - _ADJECTIVE_WIDTH), start)
    if found is None and (timed := _role_time_re().search(text, max(0, start - _TIMED_WIDTH), start)) is not None:
        # "down from last week's 4.78%", "a decline from January's N131.78 billion": the time of
        # the start between its role word and the figure
        about_words = _about_words()
        if all(_is_time(w, w.lower(), about_words) or w.lower() in about_words.calendar or w.lower() in about_words.skip
               for w in _WORD.findall(timed.group(2))):
            found = timed
    return found


_TIMED_WIDTH = 40


@functools.cache
def _role_time_re() -> re.Pattern[str]:
    roles = alternation(sorted(_words().roles, key=len, reverse=True))
    return re.compile(r"(?i)(?<![\w-])(" + roles + r")\s+((?:[a-z]+\s+){0,2}[a-z]+)['’]s\s+$")


_ADJECTIVE_WIDTH = 24


@functools.cache
def _role_adjective_re() -> re.Pattern[str]:
    roles = alternation(sorted(_words().roles, key=len, reverse=True))
    # ("to a seasonally adjusted 282,000": an adverb in -ly before the adjective)
    # ("from the previously reported 399,000": "the" and an adverb in -ly before a participle)
    return re.compile(r"(?i)(?<![\w-])(" + roles + r")\s+(?:an?\s+(?:[a-z]+ly\s+)?|the\s+[a-z]+ly\s+)[a-z][a-z-]*[a-z]\s+$")


_OF_REACH = 50
_ROLE_REACH = 12  # the longest role word and its space ("reaching ")


def _rate_phrase(text: str, draft: Draft, words: _Words) -> tuple[str, int] | None:
    """The period of a rate stated as an adjective, and where the phrase begins: "at an annual
    rate of 2.0 percent" and "at a 2.6% annual rate" are per year."""
    before = words.rate_before.search(text, max(0, draft.start - 40), draft.start) if text.endswith(
        "of ", 0, draft.start) else None
    if before is not None:
        return words.adjectives[before.group(1).lower()], before.start()
    after = words.rate_after.match(text, draft.end)
    if after is not None:
        opener = _AT_A.search(text, max(0, draft.start - 8), draft.start)
        return words.adjectives[after.group(1).lower()], opener.start() if opener else draft.start
    return None


_NOUN = re.compile(r"\s+[A-Za-z]+(?=\s)")
_AT_A = re.compile(r"(?i)(?<![\w-])(?:at\s+)?an?\s+$")


def _per(text: str, draft: Draft, words: _Words, rate: tuple[str, int] | None = None) -> None:
    if draft.unit is not None and "_per_" in draft.unit:
        # a rate by its unit ("120 km/h", "30 mpg"): the unit's denominator
        draft.per = draft.unit.rsplit("_per_", 1)[1]
        return
    written = _LAST_UNIT.search(text, draft.start, draft.end)
    if written is not None and (per := _rate_words().unit_rates.get(written.group().lower())) is not None:
        draft.per = per  # "500,000 bpd": barrels per day
        return
    end = draft.end
    if draft.unit is None and (counter := words.counter_re.match(text, end)) is not None:
        end = counter.end()  # "beat 60 times a second"
    found = words.per_re.match(text, end)
    if found is None and draft.kind == "count" and (noun := _NOUN.match(text, end)) is not None:
        found = words.per_re.match(text, noun.end())  # "3.1 million shots a day"
        if found is None and (verb := _NOUN.match(text, noun.end())) is not None \
                and scan.fold(verb.group().strip()) in _about_words().past:
            found = words.per_re.match(text, verb.end())  # "40,276 tickets sold per match": a participle between
    if found is None:
        draft.per = _per_elsewhere(text, draft, words, rate)
        return
    connector = scan.fold(found.group(1) or found.group(2))
    noun = scan.fold(found.group(3))
    if connector in words.articles and _rate_words().time_after_re.match(text, found.end()):
        return  # "$0.88 a year earlier", "45 cents a year ago": a time, no rate
    if connector not in words.articles and noun not in words.units:
        # "per diluted share", "on each Anglo share", "per Anglo American ordinary share": the
        # denominator is the unit word the modifiers lead to
        head = _rate_words().head_re.match(text, found.start(3))
        if head is not None:
            draft.per = _written_singular(head.group(1), words)
            return
    singular = _written_singular(found.group(3), words)
    if connector in words.articles and _unit_key(singular) not in words.units:
        return  # "$5 a company", "3 a side"
    draft.per = singular


def _unit_key(unit: str) -> str:
    """A denominator as rate_words.tsv lists it: lower case, a hyphen as a space."""
    return " ".join(scan.fold(unit).replace("-", " ").split())


def _written_singular(unit: str, words: _Words) -> str:
    """A unit word as written, in the singular ("million British thermal units", "per
    kilowatt-hours" `kilowatt-hour`, "per kWh" `kWh`: a symbol keeps its capitals)."""
    unit = " ".join(unit.split())
    return unit[:-1] if unit.endswith("s") and _unit_key(unit[:-1]) in words.units else unit


def _per_elsewhere(text: str, draft: Draft, words: _Words, rate: tuple[str, int] | None) -> str | None:
    """A rate's denominator not written right after the figure: a rate phrase ("grew at an
    annual rate of 2.0 percent"), an adverb ("rises by £70 billion annually"), an adjective after
    "of" ("£41 billion of annual tax increases"; not of a percentage: "5% of annual output" is a
    share), or "each" before ("valued each Anglo American share at £25.08")."""
    if rate is not None:
        return rate[0]
    rates = _rate_words()
    if (adverb := rates.adverb_re.match(text, draft.end)) is not None:
        return rates.adverbs[scan.fold(adverb.group(1)).replace("-", " ")]
    if draft.kind != "ratio" and (of := rates.of_adjective_re.match(text, draft.end)) is not None:
        return words.adjectives[scan.fold(of.group(1))]
    each = rates.each_before_re.search(text, max(0, draft.start - _EACH_REACH), draft.start)
    if each is not None:
        return _written_singular(each.group(1), words)
    return None


_EACH_REACH = 60


@dataclass(frozen=True)
class _RateWords:
    head_re: re.Pattern[str]  # "diluted share", "Anglo American ordinary share": modifiers, then a unit word
    adverb_re: re.Pattern[str]  # "annually" after the figure
    adverbs: dict[str, str]  # "annually" -> "year"
    of_adjective_re: re.Pattern[str]  # "of annual" after the figure
    each_before_re: re.Pattern[str]  # "each Anglo American share at " before the figure
    about_nouns: dict[str, str]  # "eps" -> "share": a word of what a money figure is about that names a rate
    compared_re: re.Pattern[str]  # ", compared with " between a rate and the figure it is set against
    time_after_re: re.Pattern[str]  # "earlier" after "a year": a time, no denominator
    unit_rates: dict[str, str]  # "bpd" -> "day": a unit abbreviation that names its denominator


@functools.cache
def _rate_words() -> _RateWords:
    roles = {r[0]: r[1].split(",") for r in read_rows("rate_words.tsv")}
    unit = r"(?i:" + alternation(roles["unit"]).replace(r"\ ", r"[\s-]+") + r")s?"
    modifiers = r"(?:[A-Za-z][\w&'’-]*\s+){0,3}?"
    adverbs = dict(pair.split("=", 1) for pair in roles["adverb"])
    adjectives = [pair.split("=", 1)[0] for pair in roles["adjective"]]
    return _RateWords(
        re.compile(modifiers + "(" + unit + r")(?![\w-])"),
        re.compile(r"(?i)\s+(" + alternation(list(adverbs)).replace(r"\ ", r"[\s-]+") + r")(?![\w-])"),
        adverbs,
        re.compile(r"(?i)\s+of\s+(" + alternation(adjectives) + r")\s+[a-z]"),
        re.compile(r"(?<![\w-])(?i:each)\s+" + modifiers + "(" + unit + r")\s+(?i:at)\s+$"),
        dict(pair.split("=", 1) for pair in roles["about_noun"]),
        re.compile(r"(?i)\s*,?\s*(?:" + alternation(roles["compared"]).replace(r"\ ", r"\s+") + r")\s+(?:(?:"
                   + alternation(sorted(_about_words().determiner)) + r")\s+)?"),
        re.compile(r"(?i)\s+(?:" + alternation(roles["time_after"]) + r")(?![\w-])"),
        dict(pair.split("=", 1) for pair in roles["unit_rate"]),
    )


_LAST_UNIT = re.compile(r"[A-Za-z/]+$")


def canonical_per(per: str, unit: str | None, canonical_unit: str | None) -> str | None:
    """The denominator a normalised rate is per: a pint unit where the denominator is one
    ("barrel" -> ``oil_barrel``), the canonical unit's own for a rate unit ("120 km/h" is
    normalised to m/s: per ``second``), else the word itself ("share"). None for a rate unit
    whose canonical unit is a rate by itself ("7,200 rpm" is 120 hertz).

    >>> canonical_per("barrel", "USD", "USD"), canonical_per("hour", "kilometer_per_hour", "meter_per_second")
    ('oil_barrel', 'second')
    >>> canonical_per("kWh", "USD", "USD"), canonical_per("troy ounce", "USD", "USD")
    ('kilowatt_hour', 'troy_ounce')
    """
    if unit is not None and "_per_" in unit:
        return canonical_unit.rsplit("_per_", 1)[1] if canonical_unit and "_per_" in canonical_unit else None
    key = _unit_key(per)
    if key in _words().canonical:
        return _words().canonical[key]
    # a unit of units.tsv is per its own pint unit ("per kWh": kilowatt_hour); a noun is itself
    measure = lexicon().units_cs.get(per) or lexicon().units_ci.get(key)
    return measure.unit if measure is not None else key.replace(" ", "_")
