"""The lexicons in ``numclaims/data/`` loaded once per process, with the patterns built from them.

Every pattern is built *from* the table it serves (Duckling's currency regex drifted from its
table because the two were kept by hand); alternatives are sorted longest first so that
"US$" wins over "$" and "square kilometres" over "square kilometre".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

import babel.numbers

from numclaims.extraction import scan


def data_files() -> Traversable:
    """Where the data files are read from: the ``numclaims.data`` package. One function, so that
    a test can point it at a copy with one row added (tests/extract/test_lexicon.py)."""
    return resources.files("numclaims.data")


def read_rows(name: str) -> list[list[str]]:
    """Rows of a tab-separated data file, without its ``#`` header block and blank lines."""
    text = data_files().joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def alternation(surfaces: list[str]) -> str:
    """A regex alternation of literal surfaces, longest first."""
    return "|".join(re.escape(s) for s in sorted(set(surfaces), key=len, reverse=True))


@dataclass(frozen=True)
class UnitEntry:
    unit: str
    kind: str


@dataclass(frozen=True)
class CurrencyEntry:
    code: str  # ISO code, or an ambiguity group in lower case
    position: str


@dataclass(frozen=True)
class UnitSense:
    """Another reading of a unit word, chosen by the words around it (unit_senses.tsv)."""

    unit: str
    kind: str
    where: str  # "next": among the words after the unit; "previous": before the number
    words: frozenset[str]


@dataclass(frozen=True)
class ContextSign:
    """A one-letter currency sign that needs a money context (currency_context.tsv)."""

    code: str
    after: re.Pattern[str] | None  # a phrase right after the number ("to the dollar")
    near: re.Pattern[str] | None  # a phrase nearby ("naira", "Nigeria")


@dataclass(frozen=True)
class VagueEntry:
    low: float
    high: float
    typical: float
    scaled: bool  # "several X": multiplies a following scale word


@dataclass(frozen=True)
class Lexicon:
    units_cs: dict[str, UnitEntry]
    units_ci: dict[str, UnitEntry]
    unit_re: re.Pattern[str]
    unit_senses: dict[str, tuple[UnitSense, ...]]  # by lower-cased units.tsv surface
    currency_senses: dict[str, tuple[UnitSense, ...]]  # "pounds" as money (currency_senses.tsv)
    units_before: dict[str, UnitEntry]  # by lower-cased surface ("magnitude")
    unit_before_re: re.Pattern[str]
    # surface -> (ISO code or group, words after it that rule it out): "cents" -> ("cent", {})
    subunits_cs: dict[str, tuple[str, frozenset[str]]]
    subunits_ci: dict[str, tuple[str, frozenset[str]]]
    subunit_re: re.Pattern[str]
    context_signs: dict[str, ContextSign]
    context_sign_re: re.Pattern[str]
    context_sign_ends: frozenset[str]  # the last characters of the signs: a cheap first test
    code_scales: dict[str, float]
    code_scale_re: re.Pattern[str]
    currency_prefix: dict[str, CurrencyEntry]
    currency_suffix_cs: dict[str, CurrencyEntry]
    currency_suffix_ci: dict[str, CurrencyEntry]
    currency_prefix_re: re.Pattern[str]
    currency_suffix_re: re.Pattern[str]
    currency_groups: dict[str, tuple[str, tuple[str, ...]]]
    iso_codes: frozenset[str]
    iso_prefix_exclusions: frozenset[str]
    # currency_names.tsv expanded ("42 malaysian ringgits", "saudi riyals 42"): lower-cased
    # surface, spaces as one space -> ISO code; tried only when the first (or last) word is one
    # of theirs, so that the common path stays one small regex
    currency_names_after: dict[str, str]
    currency_name_after_re: re.Pattern[str]
    currency_name_firsts: frozenset[str]
    currency_names_before: dict[str, str]
    currency_name_before_re: re.Pattern[str]
    currency_name_lasts: frozenset[str]
    scales_cs: dict[str, tuple[float, str]]
    scales_ci: dict[str, tuple[float, str]]
    scale_re: re.Pattern[str]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    qualifier_nouns: frozenset[str]  # "close to": a noun after a day's possessive ("Wednesday's close to 0.7%")
    qualifier_particles: frozenset[str]  # "up to": a verb's adverb and connector after a particle verb
    particle_verbs: frozenset[str]  # "ticked": "ticked up to 62.6%" is no "up to" qualifier
    qualifier_prepositions: frozenset[str]  # "over": a preposition after a preposition verb
    preposition_verbs: frozenset[str]  # "spread": "spread over 75 acres" is no "over" qualifier
    qualifier_verbs: frozenset[str]  # "topped": bounds the figure, no part of its text
    qualifier_before_re: re.Pattern[str]
    qualifier_after_re: re.Pattern[str]
    vague: dict[str, VagueEntry]
    vague_re: re.Pattern[str]
    vague_anchor: re.Pattern[str]  # where a vague_re match can start, in scan.fold(text)
    number_words: dict[str, tuple[float, str]]
    ratio_units: dict[str, str]  # lower-cased surface, spaces and hyphens as one space -> pint unit
    ratio_re: re.Pattern[str]
    range_re: re.Pattern[str]  # the second figure of a range, with the currency signs of currencies.tsv
    one_in_re: re.Pattern[str]  # "one in five", "one in every 20"
    restatement_re: re.Pattern[str]  # between a figure and its restatement: " (", ", or about "


def _case_split(rows: list[list[str]], case_col: int) -> tuple[list[list[str]], list[list[str]]]:
    return [r for r in rows if r[case_col] == "cs"], [r for r in rows if r[case_col] == "ci"]


def _pattern(cs: list[str], ci: list[str]) -> str:
    """One alternation where case-insensitive surfaces carry an inline ``(?i:...)`` flag."""
    parts = []
    for surface in sorted(set(cs) | set(ci), key=len, reverse=True):
        escaped = re.escape(surface).replace(r"\ ", r"[\s\-]+")
        parts.append(escaped if surface in cs else f"(?i:{escaped})")
    return "|".join(parts)


def _currency_names(rows: list[list[str]]) -> tuple[dict[str, str], dict[str, str]]:
    """currency_names.tsv expanded: every "<country word> <name>" and "<country word><name>"
    surface, lower-cased, with its ISO code, read after the figure and (where the row says so)
    before it; the bare name where the row allows it.

    >>> after, before = _currency_names([["MYR", "ringgit,ringgits", "malaysian", "both", "yes"]])
    >>> sorted(after) == sorted(before), after["malaysianringgits"], "ringgit" in before
    (True, 'MYR', True)
    """
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for code, names, countries, bare, name_first in rows:
        names, countries = names.lower(), countries.lower()
        for name in names.split(","):
            surfaces = [f"{c} {name}" for c in countries.split(",")]
            surfaces += [f"{c.replace(' ', '')}{name}" for c in countries.split(",")]
            for surface in surfaces:
                after.setdefault(surface, code)
                if name_first == "yes":
                    before.setdefault(surface, code)
            if bare in ("after", "both"):
                after.setdefault(name, code)
            if bare == "both":
                before.setdefault(name, code)
    return after, before


def _subunit(row: list[str]) -> tuple[str, frozenset[str]]:
    """A currency_subunits.tsv row's code and the words that rule it out (an optional column)."""
    unless = row[3] if len(row) > 3 else ""
    return row[1], frozenset(w.lower() for w in unless.split(",") if w)


@functools.cache
def lexicon() -> Lexicon:
    """The process-wide lexicon (built on first use; immutable, so safe to share across threads)."""
    unit_rows = read_rows("units.tsv")
    u_cs, u_ci = _case_split(unit_rows, 3)
    units_cs = {r[0]: UnitEntry(r[1], r[2]) for r in u_cs}
    units_ci = {r[0].lower(): UnitEntry(r[1], r[2]) for r in u_ci}
    # A unit ends at a word boundary; "°C" and "km/h" end in non-word characters, hence the lookahead.
    # A one-letter symbol must stand alone: "30C" is a temperature, "F-Series" and "13F/" are not.
    unit_re = re.compile(
        r"(?:\s?|-)(?:(" + _pattern([r[0] for r in u_cs if len(r[0]) > 1], [r[0] for r in u_ci])
        + r")|(" + alternation([r[0] for r in u_cs if len(r[0]) == 1]) + r")(?![\-/]))(?![\w°])"
    )

    unit_senses: dict[str, list[UnitSense]] = {}
    for surfaces, unit, kind, where, words in read_rows("unit_senses.tsv"):
        sense = UnitSense(unit, kind, where, frozenset(words.split(",")))
        for surface in surfaces.split(","):
            unit_senses.setdefault(surface, []).append(sense)
    currency_senses: dict[str, list[UnitSense]] = {}
    for surfaces, code, where, words in read_rows("currency_senses.tsv"):
        sense = UnitSense(code, "money", where, frozenset(words.split(",")))
        for surface in surfaces.split(","):
            currency_senses.setdefault(surface, []).append(sense)
    before_rows = read_rows("units_before.tsv")
    b_cs, b_ci = _case_split(before_rows, 3)
    units_before = {r[0].lower(): UnitEntry(r[1], r[2]) for r in before_rows}
    # "magnitude 6.1", "magnitude-7.0": searched at the end of the text before the number
    unit_before_re = re.compile(
        r"(?<![\w-])(" + _pattern([r[0] for r in b_cs], [r[0] for r in b_ci]) + r")[ \u00a0-]?$"
    )

    sub_rows = read_rows("currency_subunits.tsv")
    sub_cs, sub_ci = _case_split(sub_rows, 2)
    # a word may follow after a space; a one-letter or sign surface ("99p", "41¢") only against
    # the number, as with one-letter unit symbols
    # ("99p", "41¢"); a surface written with a slash after it ("c/") is a letter that is money
    # only before the slash of a rate's denominator ("25.3c/kWh", "185.9 c/L"; not "30c")
    glued = [r[0] for r in sub_cs if len(r[0]) == 1]
    before_slash = [r[0][:-1] for r in sub_cs if len(r[0]) == 2 and r[0].endswith("/")]
    spaced_cs = [r[0] for r in sub_cs if len(r[0]) > 1 and r[0][:-1] not in before_slash]
    subunit_re = re.compile(
        r"(?:[ \u00a0\u202f]?(" + _pattern(spaced_cs, [r[0] for r in sub_ci]) + r")|("
        + alternation(glued) + r"))(?![\w])"
        + (r"|[ \u00a0]?(" + alternation(before_slash) + r")(?=/(?!o(?![A-Za-z]))[A-Za-z])" if before_slash else "")  # not "3 c/o"
    )

    context_rows: dict[str, dict[str, list[str]]] = {}
    context_codes: dict[str, str] = {}
    for sign, code, where, phrases in read_rows("currency_context.tsv"):
        context_codes[sign] = code
        context_rows.setdefault(sign, {}).setdefault(where, []).extend(phrases.split(","))

    def _phrases(phrases: list[str] | None, anchored: bool) -> re.Pattern[str] | None:
        if not phrases:
            return None
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
        return re.compile((r"\s+" if anchored else r"\b") + r"(?i:" + body + r")\b")

    context_signs = {
        sign: ContextSign(context_codes[sign], _phrases(rows.get("after"), True), _phrases(rows.get("near"), False))
        for sign, rows in context_rows.items()
    }
    context_sign_re = re.compile(r"(?<![\w$.-])(" + alternation(list(context_signs)) + r")$")
    code_scales = {r[0]: float(r[1]) for r in read_rows("currency_code_scales.tsv")}
    # the letters right against the code ("3 MUSD"): the code itself is read by currency_after
    code_scale_re = re.compile(r"[ \u00a0\u202f]?(" + alternation(list(code_scales)) + r")(?=[A-Z]{3}(?!\w))")

    cur_rows = read_rows("currencies.tsv")
    names_after_map, names_before_map = _currency_names(read_rows("currency_names.tsv"))
    listed = {r[0].lower() for r in cur_rows}  # currencies.tsv's own rows win ("Indian rupees")
    names_after_map = {k: v for k, v in names_after_map.items() if k not in listed}
    # "42 malaysian ringgits" after the figure; "malaysian ringgits 42", "ringgit 42" before it,
    # at the end of the text before the figure; any case
    currency_name_after_re = re.compile(r"[ \u00a0\u202f]?(" + _pattern([], list(names_after_map)) + r")(?!\w)")
    currency_name_before_re = re.compile(
        r"(?<![\w])(" + _pattern([], list(names_before_map)) + r")[ \u00a0\u202f]?$"
    )
    prefix = {r[0]: CurrencyEntry(r[1], r[2]) for r in cur_rows if r[2] in ("prefix", "both")}
    suffix_rows = [r for r in cur_rows if r[2] in ("suffix", "both")]
    s_cs, s_ci = _case_split(suffix_rows, 3)
    groups = {r[0]: (r[1], tuple(r[2].split(","))) for r in read_rows("currency_groups.tsv")}
    iso = frozenset(babel.numbers.list_currencies())
    exclusions = frozenset(r[0] for r in read_rows("currency_code_exclusions.txt"))
    # A sign is matched at the very end of the text before the number, with at most one space
    # (or a non-breaking one) between: "US$500", "Rs 500", "USD 5bn".
    currency_prefix_re = re.compile(
        r"(?:(?<![A-Za-z])(" + alternation(list(prefix)) + r")|\b([A-Z]{3}))[ \u00a0\u202f]?$"
    )
    # A sign after the figure ("10$", "3.14US$", "100 ₡") only where no figure follows it: in
    # "5 $10" the "$" is the 10's; tried first, so that "42 L.E." keeps its stop. Names and codes
    # end at a word boundary.
    s_signs = [r[0] for r in s_cs if not r[0][-1].isalpha()]
    s_words = [r[0] for r in s_cs if r[0][-1].isalpha()]
    # a hyphen only before a name: "a 31 billion-pound offer", "a 5-euro note"
    currency_suffix_re = re.compile(
        r"(?:[ \u00a0\u202f]|-(?=[^\W\d_]))?((?:" + alternation(s_signs) + r")(?![ \u00a0\u202f]?[\d$€£¥])|"
        + _pattern(s_words, [r[0] for r in s_ci]) + r"|[A-Z]{3})(?!\w)"
    )

    scale_rows = read_rows("scales.tsv")
    sc_cs, sc_ci = _case_split(scale_rows, 2)
    scales_cs = {r[0]: (float(r[1]), r[3]) for r in sc_cs}
    scales_ci = {r[0].lower(): (float(r[1]), r[3]) for r in sc_ci}
    scale_re = re.compile(
        r"(?:[ \u00a0\u202f-]?)(" + _pattern([r[0] for r in sc_cs], [r[0] for r in sc_ci]) + r")(?![\w])"
    )

    q_rows = read_rows("qualifiers.tsv")
    q_before = {r[0]: r[1] for r in q_rows if r[2] == "before"}
    q_after = {r[0]: r[1] for r in q_rows if r[2] == "after"}
    q_nouns = frozenset(r[0] for r in q_rows if r[3:4] == ["noun"])
    q_particles = frozenset(r[0] for r in q_rows if r[3:4] == ["particle"])
    q_verbs = frozenset(r[0] for r in q_rows if r[3:4] == ["apart"])
    particle_verbs = frozenset(v for r in q_rows if r[2] == "particle_verb" for v in r[0].split(","))
    q_prepositions = frozenset(r[0] for r in q_rows if r[3:4] == ["preposition"])
    preposition_verbs = frozenset(v for r in q_rows if r[2] == "preposition_verb" for v in r[0].split(","))
    word_before = [q for q in q_before if q[-1].isalnum()]
    sign_before = [q for q in q_before if not q[-1].isalnum()]
    qualifier_before_re = re.compile(
        r"(?i)(?:(?<![\w])(" + alternation(word_before) + r")\s+|(" + alternation(sign_before) + r")\s?)$"
    )
    qualifier_after_re = re.compile(r"(?i)\s?(" + alternation(list(q_after)) + r")(?![\w])")

    vague: dict[str, VagueEntry] = {}
    for phrase, low, high, typical in read_rows("vague.tsv"):
        scaled = phrase.endswith(" X")
        vague[phrase.removesuffix(" X").lower()] = VagueEntry(float(low), float(high), float(typical), scaled)
    scale_words = [s for s, (_, needs) in scales_ci.items() if needs == "any" and s.isalpha() and len(s) > 3]
    unscaled = [p for p, e in vague.items() if not e.scaled]
    scaled_phrases = [p for p, e in vague.items() if e.scaled]
    vague_re = re.compile(
        r"(?i)\b(?:(" + alternation(unscaled) + r")|(" + alternation(scaled_phrases) + r")\s+("
        + alternation(scale_words) + r"))\b"
    )
    vague_anchor = re.compile(scan.by_first_char(
        [re.escape(p) for p in unscaled] + [re.escape(p) + r"\s" for p in scaled_phrases]
    ))

    number_words = {r[0]: (float(r[1]), r[2]) for r in read_rows("number_words.tsv")}

    # a row with "fraction" in its third column is read only after a fraction word (measure.py)
    ratio_rows = [r for r in read_rows("ratio_units.tsv") if len(r) < 3]
    ratio_units = {normalise_space(r[0].lower()): r[1] for r in ratio_rows}
    # a sign against the number or after one space ("5%"); a word after a space or a hyphen
    ratio_re = re.compile(
        r"(?:\s?(" + alternation([r[0] for r in ratio_rows if not r[0][0].isalpha()])
        + r")|[\s\-]?(?i:(" + _pattern([], [r[0] for r in ratio_rows if r[0][0].isalpha()]).replace(r"[\s\-]+", r"[\s\-]")
        + r")))(?![\w])"
    )
    # "5-10km", "5 to 10 million", "NZ$5-NZ$10 million", "between 5 and 10": every prefix sign
    # of currencies.tsv may open the second figure
    from numclaims.extraction.numbers import NUMERAL  # numbers imports this module

    range_re = re.compile(
        r"\s*(?P<conn>-\s*to|-|\u2013|\u2014|to|and)\s*(?P<sign>" + alternation(list(prefix))
        + rf")?\s?(?P<num>{NUMERAL})(?![\d.,]\d)"
    )
    # any number word below a hundred may be the denominator: "one in five", "one in twenty"
    counting = [w for w, (_, role) in number_words.items() if role in ("unit", "teen", "ten")]
    one_in_re = re.compile(rf"\s+in\s+(?:every\s+)?(?P<num>{NUMERAL}|{alternation(counting)})\b", re.I)
    restatement_re = re.compile(
        r"\s*\(\s*|,?\s+(?:" + alternation([r[0] for r in read_rows("restatements.txt")]) + r")\s+"
    )
    return Lexicon(
        units_cs=units_cs, units_ci=units_ci, unit_re=unit_re,
        unit_senses={k: tuple(v) for k, v in unit_senses.items()},
        currency_senses={k: tuple(v) for k, v in currency_senses.items()},
        units_before=units_before, unit_before_re=unit_before_re,
        subunits_cs={r[0].rstrip("/") if len(r[0]) == 2 else r[0]: _subunit(r) for r in sub_cs}, subunits_ci={r[0].lower(): _subunit(r) for r in sub_ci},
        subunit_re=subunit_re,
        context_signs=context_signs, context_sign_re=context_sign_re,
        context_sign_ends=frozenset(sign[-1] for sign in context_signs),
        code_scales=code_scales, code_scale_re=code_scale_re,
        currency_prefix=prefix,
        currency_suffix_cs={r[0]: CurrencyEntry(r[1], r[2]) for r in s_cs},
        currency_suffix_ci={r[0].lower(): CurrencyEntry(r[1], r[2]) for r in s_ci},
        currency_prefix_re=currency_prefix_re, currency_suffix_re=currency_suffix_re,
        currency_groups=groups, iso_codes=iso, iso_prefix_exclusions=exclusions,
        currency_names_after=names_after_map, currency_name_after_re=currency_name_after_re,
        currency_name_firsts=frozenset(k.split()[0] for k in names_after_map),
        currency_names_before=names_before_map, currency_name_before_re=currency_name_before_re,
        currency_name_lasts=frozenset(k.split()[-1] for k in names_before_map),
        scales_cs=scales_cs, scales_ci=scales_ci, scale_re=scale_re,
        qualifiers_before=q_before, qualifiers_after=q_after, qualifier_nouns=q_nouns,
        qualifier_particles=q_particles, particle_verbs=particle_verbs,
        qualifier_prepositions=q_prepositions, preposition_verbs=preposition_verbs, qualifier_verbs=q_verbs,
        qualifier_before_re=qualifier_before_re, qualifier_after_re=qualifier_after_re,
        vague=vague, vague_re=vague_re, vague_anchor=vague_anchor, number_words=number_words,
        ratio_units=ratio_units, ratio_re=ratio_re, range_re=range_re, one_in_re=one_in_re,
        restatement_re=restatement_re,
    )


def normalise_space(surface: str) -> str:
    """Collapse runs of spaces and hyphens as the patterns allow ("square-kilometres")."""
    return re.sub(r"[\s\-]+", " ", surface)


@dataclass(frozen=True)
class CalendarNames:
    months: dict[str, int]  # every spelling, as written ("Sept") -> month number
    weekdays: dict[str, str]  # every spelling ("Thur") -> the full name ("Thursday")
    weekday_names: tuple[str, ...]  # full names by date.weekday(), Monday first


@functools.cache
def calendar_names() -> CalendarNames:
    """Month and weekday spellings from ``calendar.tsv``. Apart from :func:`lexicon` because
    the date patterns are compiled at import, which must not pay for the whole lexicon."""
    months: dict[str, int] = {}
    weekdays: dict[str, str] = {}
    by_number: dict[int, str] = {}
    for row in read_rows("calendar.tsv"):
        name, kind, number = row[:3]
        # an empty last column may lose its tab to an editor ("May" has no abbreviation)
        spellings = [name, *filter(None, (row[3] if len(row) > 3 else "").split(","))]
        for spelling in spellings:
            if kind == "month":
                months[spelling] = int(number)
            else:
                weekdays[spelling] = name
                by_number[int(number)] = name
    return CalendarNames(months, weekdays, tuple(by_number[i] for i in range(7)))


@dataclass(frozen=True)
class NumberNames:
    """Number words by role (number_words.tsv): what the number pattern is built from."""

    counting: tuple[str, ...]  # "one" ... "ninety"
    units: tuple[str, ...]  # "one" ... "nine"
    times: dict[str, float]  # "hundred", "dozen": multiply the figure before them
    scales: dict[str, float]  # "thousand" ... "trillion"
    shares: tuple[str, ...]  # "half", "quarter": "a quarter million"
    fractions: dict[str, float]  # "half", "third", "thirds", ...


@functools.cache
def number_names() -> NumberNames:
    """Number words from ``number_words.tsv``. Apart from :func:`lexicon` because the number
    pattern is compiled at import (as :func:`calendar_names` is for the date patterns)."""
    rows = read_rows("number_words.tsv")

    def role(name: str) -> dict[str, float]:
        return {r[0]: float(r[1]) for r in rows if r[2] == name}

    return NumberNames(
        counting=tuple(r[0] for r in rows if r[2] in ("unit", "teen", "ten")),
        units=tuple(r[0] for r in rows if r[2] == "unit"),
        times=role("times"), scales=role("scale"),
        shares=tuple(r[0] for r in rows if len(r) > 3 and r[3] == "share"),
        fractions=role("fraction"),
    )


@dataclass(frozen=True)
class SubjectWords:
    stop: frozenset[str]
    plurals: frozenset[str]
    determiners: tuple[str, ...]
    idioms: frozenset[str]  # "two-way": a figure and a hyphen before them make no count
    counted: frozenset[str]  # "1.5m barrels": "m" before them is a million
    places: frozenset[str]  # "in": "... and one in Andalusia" ends a list of counts
    one_nouns: frozenset[str] = frozenset()  # "person": "one person was found dead" counts one
    not_one: tuple[str, ...] = ()  # "the", "no": before "one", no count ("the one man who", "no one person")
    elided: tuple[str, ...] = ()  # "at": "against 649 at United" counts the noun of the count before


@functools.cache
def subject_words() -> SubjectWords:
    """The function words, irregular plurals and determiners of ``subject_words.tsv``."""
    rows = read_rows("subject_words.tsv")
    return SubjectWords(
        stop=frozenset(r[0] for r in rows if r[1] == "stop"),
        plurals=frozenset(r[0] for r in rows if r[1] == "plural"),
        determiners=tuple(r[0] for r in rows if r[1] == "determiner"),
        idioms=frozenset(r[0] for r in rows if r[1] == "idiom"),
        counted=frozenset(r[0] for r in rows if r[1] == "counted"),
        places=frozenset(r[0] for r in rows if r[1] == "place"),
        one_nouns=frozenset(r[0] for r in rows if r[1] == "one"),
        not_one=tuple(r[0] for r in rows if r[1] == "not_one"),
        elided=tuple(r[0] for r in rows if r[1] == "elided"),
    )
