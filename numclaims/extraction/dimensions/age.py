"""Ages: "a 17-year-old pupil", "ten months old", "3 years of age", "87 yo", "aged 31", "at
the age of 31", "Bellingham, at just 19, is", and the news style "the driver, 52, was"
(age_words.tsv). An age is kind ``age`` in its unit; "for 17 years" stays a duration."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from numclaims.extraction import scan
from numclaims.extraction.dimensions import Context, Decision, Rule
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.lexicon import alternation, calendar_names, read_rows, subject_words


@dataclass(frozen=True)
class _AgeWords:
    units: dict[str, str]  # time word -> unit
    after_re: re.Pattern[str]  # "-year-old", " years of age", " yo"
    before_re: re.Pattern[str]  # "aged ", "at the age of "
    aside_re: re.Pattern[str]  # "at just ": an age only where the figure ends its clause
    persons: frozenset[str]
    joiners: frozenset[str]  # "and", "or": after "19," a list goes on, no verb follows an age
    opener_re: re.Pattern[str]  # " he": a pronoun after an aside age opens the clause it stands by
    beside_re: re.Pattern[str]  # "player at ": a person noun, then a word before an age


def _phrases(words: list[str]) -> str:
    return alternation(words).replace(r"\ ", r"[\s\-]+")


@functools.cache
def _age_words() -> _AgeWords:
    units: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    for row in read_rows("age_words.tsv"):
        words = row[1].split(",")
        if row[0] == "unit":
            units.update((w, row[2]) for w in words)
        else:
            roles.setdefault(row[0], []).extend(words)
    after_re = re.compile(
        rf"(?i)(?:[\s\-]+({_phrases(list(units))})[\s\-]+(?:{_phrases(roles['after'])})|\s?({_phrases(roles['mark'])}))(?![\w/])"
    )
    before_re = re.compile(rf"(?i)(?<![\w-])(?:{_phrases(roles['before'])})\s+$")
    aside_re = re.compile(rf"(?i)(?<![\w-])(?:{_phrases(roles['aside'])})\s+$")
    opener_re = re.compile(rf"\s+(?:{_phrases(roles['opener'])})\s+[a-z]")
    beside_re = re.compile(rf"(?i)(?<![\w-])({_phrases(roles['person'])})\s+(?:{_phrases(roles['beside'])})\s+$")
    return _AgeWords(units, after_re, before_re, aside_re, frozenset(roles["person"]), frozenset(roles["joiner"]),
                     opener_re, beside_re)


_COMMA_BEFORE = re.compile(r"(?:^|[^\w'’])([A-Za-z][\w'’-]*),\s$")
_NAME_BEFORE = re.compile(r"([A-Z][\w'’-]*)\s+$")
_COMMA_AFTER = re.compile(r",(?!\d)")
# a clause ends at its punctuation, at the end of its line (a headline) or of the text
_CLAUSE_ENDS = re.compile(r"(?:[,;:!?)]|\.(?!\d))|[ \t]*(?:\n|$)")
_OLDEST = 125
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n)$")
_VERB_AFTER = re.compile(r",\s+([a-z]{2,})\b")


def age(ctx: Context, r: Reading) -> Decision | None:
    """"a 17-year-old pupil", "ten months old", "87 yo", "aged 31", "the driver, 52,"."""
    if r.scale is not None or r.currency_code is not None or r.prefix_unit is not None:
        return None
    text, words = ctx.text, _age_words()
    after = words.after_re.match(text, r.pos)
    if after is not None:
        r.pos = after.end()
        unit = words.units[re.sub(r"[\s\-]+", " ", scan.fold(after.group(1)))] if after.group(1) else "year"
        return Decision("age", unit)
    high = r.high_value if r.high_value is not None else r.value
    if not 0 < r.value <= high <= _OLDEST or r.value != int(r.value) or high != int(high):
        return None
    floor = max(0, r.mention_start - 20)
    before = words.before_re.search(text, floor, r.mention_start)
    if before is None and r.high_value is None and _ends_its_clause(text, r.pos):
        before = words.aside_re.search(text, floor, r.mention_start)
    if before is None and r.high_value is None and _CLAUSE_ENDS.match(text, r.pos):
        # "the most expensive British player at 19": after a person noun, the figure is theirs
        beside = words.beside_re.search(text, max(0, r.mention_start - 40), r.mention_start)
        if beside is not None:
            r.mention_start = beside.end(1) + 1
            return Decision("age", "year")
    if before is not None:
        r.mention_start = before.start()
        return Decision("age", "year")
    if r.words is None and r.high_value is None and _set_off_after_a_person(text, r.start, r.pos, words.persons):
        return Decision("age", "year")
    return None


def _ends_its_clause(text: str, end: int) -> bool:
    """Does a figure ending at ``end`` end its clause: punctuation or the end of its line, or a
    pronoun opening the next ("at just 19 he could stay for a decade")?"""
    return _CLAUSE_ENDS.match(text, end) is not None or _age_words().opener_re.match(text, end) is not None


def _set_off_after_a_person(text: str, start: int, end: int, persons: frozenset[str]) -> bool:
    """"the driver, 52, was", "John Smith, 52, said": a figure in commas after a person noun or
    a name of two capitalised words (not a month or a weekday: "May 5, 2019" is a date)."""
    if not _COMMA_AFTER.match(text, end):
        return False
    comma = _COMMA_BEFORE.search(text, max(0, start - 40), start)
    if comma is None:
        return False
    word = comma.group(1)
    if word.lower() in persons:
        return True
    calendar = calendar_names()
    if not word[0].isupper() or word in calendar.months or word in calendar.weekdays:
        return False
    name = _NAME_BEFORE.search(text, max(0, comma.start(1) - 30), comma.start(1))
    if name is not None:
        return name.group(1).lower() not in subject_words().stop  # "The Eagles, 24,"
    # "Bellingham, 19, has agreed a six-year deal": a surname alone opening its sentence, and a
    # verb after the age (not "Overall, 19, 20 and 21")
    verb = _VERB_AFTER.match(text, end)
    return _SENTENCE_OPENS.search(text, max(0, comma.start(1) - 2), comma.start(1)) is not None \
        and verb is not None and verb.group(1) not in _age_words().joiners and word.lower() not in subject_words().stop


rules = [Rule("<figure> <age words> | aged <figure> | <person>, <figure>,", 45, age)]
