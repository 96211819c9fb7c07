"""What follows and precedes a number: scale words, ranges, ratio and unit words.

Each function looks at the text right after (or before) a position and returns what it found
and where it ends, or None. The dimension decision itself is made by the rules of
:mod:`.dimensions`.

>>> scale_after("€20m in aid", 3, money=True)
(1000000.0, 4, 'm')
>>> unit_after("a 17-km border", 4)
('kilometer', 'length', 7, 'km')
"""

from __future__ import annotations

import functools
import re

from numclaims.extraction import scan
from numclaims.extraction.lexicon import UnitSense, alternation, lexicon, normalise_space, read_rows
from numclaims.normalise.units import kind_of, registry

#: The English ordinal suffixes ("the 5th", "the 12th century"), as a regex group.
ORDINAL_SUFFIX = r"(?:st|nd|rd|th)"
_ORDINAL_RE = re.compile(ORDINAL_SUFFIX + r"\b")
BETWEEN_RE = re.compile(r"(?i)\b(between|from)\s+$")


def __getattr__(name: str) -> object:
    """``RATIO_UNITS``: the ratio words and signs of ratio_units.tsv (lower-cased, spaces and
    hyphens as one space) mapped to pint units; read on first use, as the lexicon is."""
    if name == "RATIO_UNITS":
        return lexicon().ratio_units
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def scale_after(text: str, end: int, *, money: bool) -> tuple[float, int, str] | None:
    """A scale word right after ``end``: (multiplier, end of the word, surface).

    Abbreviations that are also units ("m") count only when ``money`` says a currency is there.
    """
    lex = lexicon()
    match = lex.scale_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1)
    entry = lex.scales_cs.get(surface) or lex.scales_ci.get(surface.lower())
    if entry is None:
        return None
    multiplier, needs = entry
    if needs == "money" and not money:
        return None
    # scale words multiply ("12.3 lakh crore" is 1.23e13, "50 thousand crore", "a thousand
    # million"): a second spelled-out scale right after the first (never a one-letter "m")
    after = lex.scale_re.match(text, match.end())
    if after is not None and len(after.group(1)) > 2:
        second = lex.scales_ci.get(after.group(1).lower())
        if second is not None and (second[1] != "money" or money):
            return multiplier * second[0], after.end(), text[match.start(1):after.end(1)]
    return multiplier, match.end(), surface


def ratio_after(text: str, end: int) -> tuple[str, int] | None:
    """A per-cent or percentage-point word right after ``end``: (pint unit, end)."""
    lex = lexicon()
    match = lex.ratio_re.match(text, end)
    if match is None:
        return None
    # every surface the pattern matches has its row
    # fold, not lower(): "basıs points" (dotless i) matches the case-insensitive pattern (fuzz/extract.py)
    return lex.ratio_units[normalise_space(scan.fold(match.group(1) or match.group(2)))], match.end()


def unit_after(text: str, end: int) -> tuple[str, str, int, str] | None:
    """A unit of measure right after ``end``: (pint unit, kind, end, surface)."""
    lex = lexicon()
    match = lex.unit_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1) or match.group(2)
    entry = lex.units_cs.get(surface) or lex.units_ci.get(re.sub(r"[\s\-]+", " ", surface.lower()))
    if entry is None:
        return None
    return entry.unit, entry.kind, match.end(), surface


@functools.cache
def _per_duration() -> tuple[re.Pattern[str], dict[str, str]]:
    """A rate connector (rate_words.tsv) and a duration unit (units.tsv) after a unit: the
    pattern, and each duration surface (lower-cased) with its pint unit."""
    durations = {r[0].lower(): r[1] for r in read_rows("units.tsv") if r[2] == "duration" and r[3] == "ci"}
    connectors = next(r[1].split(",") for r in read_rows("rate_words.tsv") if r[0] == "connector")
    worded = [c for c in connectors if c.replace(" ", "").isalpha()]
    signs = [c for c in connectors if c not in worded]
    pattern = re.compile(r"(?:[\s-]+(?i:" + alternation(worded) + r")[\s-]+|\s?(?:" + alternation(signs)
                         + r")\s?)(?i:(" + alternation(list(durations)) + r"))(?![\w-])")
    return pattern, durations


@functools.cache
def _rate_unit(unit: str, duration: str) -> tuple[str, str] | None:
    """The pint unit of ``unit`` per ``duration`` and its kind, when pint names it as a unit of
    its own kind ("kilometer_per_second" is a speed); None otherwise ("mile_per_day" is no
    unit pint knows, and "barrels per day" stays a volume at a rate per day)."""
    name = f"{unit}_per_{duration}"
    if name not in registry():
        return None
    try:
        return name, kind_of(name)
    except ValueError:
        return None


def rate_unit_after(text: str, end: int, unit: str) -> tuple[str, str, int] | None:
    """A unit over a duration right after the unit that ends at ``end``: (pint unit, kind,
    end). A length per unit of time is a speed, whichever way the pair is written.

    >>> rate_unit_after("at 13.02km per second", 10, "kilometer")
    ('kilometer_per_second', 'speed', 21)
    >>> rate_unit_after("walked 8 miles a day", 14, "mile") is None
    True
    """
    pattern, durations = _per_duration()
    match = pattern.match(text, end)
    if match is None:
        return None
    found = _rate_unit(unit, durations[match.group(1).lower()])
    return None if found is None else (*found, match.end())


_WORDS_AROUND = re.compile(r"[A-Za-z][\w'’-]*")
_SENSE_REACH = 40  # characters searched for the words that choose a unit's sense
_CLAUSE_END = re.compile(r"[,;:.!?()\u2014]")


def unit_sense(text: str, start: int, unit_end: int, surface: str, unit: str, kind: str) -> tuple[str, str, str | None]:
    """The reading of a unit word that its context chooses (unit_senses.tsv), and a note when
    the default reading was kept although another exists: (unit, kind, note).

    >>> unit_sense("a 12-degree slope", 2, 11, "degree", "degree_Celsius", "temperature")[:2]
    ('degree', 'angle')
    >>> unit_sense("it was 35 degrees", 7, 17, "degrees", "degree_Celsius", "temperature")
    ('degree_Celsius', 'temperature', "'degrees' read as degree_Celsius; it could be degree (angle)")
    """
    senses = lexicon().unit_senses.get(surface.lower())
    if not senses:
        return unit, kind, None
    sense = sense_around(text, start, unit_end, senses)
    if sense is not None:
        return sense.unit, sense.kind, None
    others = ", ".join(dict.fromkeys(f"{s.unit} ({s.kind})" for s in senses))
    return unit, kind, f"'{surface}' read as {unit}; it could be {others}"


def sense_around(text: str, start: int, unit_end: int, senses: tuple[UnitSense, ...]) -> UnitSense | None:
    """The first of ``senses`` whose words are around the figure ``start``..``unit_end``
    (two after the unit, three before the number, in the same clause), or None."""
    # words of the same clause: two after the unit ("a 360-degree panoramic view"), three
    # before the number ("tilted at about 23 degrees")
    after = _CLAUSE_END.search(text, unit_end, unit_end + _SENSE_REACH)
    following = [w.group().lower() for w in _WORDS_AROUND.finditer(
        text, unit_end, after.start() if after else unit_end + _SENSE_REACH)][:2]
    floor = max(0, start - _SENSE_REACH)
    clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, floor, start)), default=floor)
    preceding = [w.group().lower() for w in _WORDS_AROUND.finditer(text, clause_start, start)][-3:]
    for sense in senses:
        if not sense.words.isdisjoint(following if sense.where == "next" else preceding):
            return sense
    return None


def unit_before(text: str, start: int) -> tuple[str, str, int] | None:
    """A unit written before the number ("magnitude 6.1"): (pint unit, kind, its start).

    >>> unit_before("a magnitude 6.1 quake", 12)
    ('earthquake_magnitude', 'magnitude', 2)
    """
    lex = lexicon()
    match = lex.unit_before_re.search(text, max(0, start - 16), start)
    if match is None:
        return None
    entry = lex.units_before[re.sub(r"[\s\-]+", " ", scan.fold(match.group(1)))]
    return entry.unit, entry.kind, match.start(1)


def range_after(text: str, end: int) -> re.Match[str] | None:
    """The second figure of a range right after the first ("-10", " to 10", " and 10")."""
    return lexicon().range_re.match(text, end)


def is_ordinal(text: str, end: int) -> bool:
    return _ORDINAL_RE.match(text, end) is not None


def one_in_after(text: str, end: int) -> re.Match[str] | None:
    """"one in five": the denominator after "one"."""
    return lexicon().one_in_re.match(text, end)
