"""Measures: a unit written before the figure ("magnitude 6.1", units_before.tsv) or after it
("a 17-km border", "35 degrees", units.tsv), its sense chosen by context (unit_senses.tsv); and
one unit, or a share of one, with no figure ("a litre of milk", "half a gallon", unit_one.tsv)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from numclaims.extraction import rules as around, scan
from numclaims.extraction.dimensions import Context, Decision, Draft, Rule, Scan
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.numbers import parse_numeral
from numclaims.extraction.lexicon import UnitEntry, alternation, lexicon, normalise_space, number_names, read_rows, subject_words
from numclaims.extraction.qualifiers import interval, qualifier_before
from numclaims.extraction.subjects import subject_after
from numclaims.extraction.textspans import SpanSet


def unit_before(ctx: Context, r: Reading) -> Decision | None:
    """"magnitude 6.1", "a magnitude-7.0 quake": the unit was read with the figure."""
    if r.prefix_unit is None:
        return None
    return Decision(r.prefix_unit[1], r.prefix_unit[0])


def unit_after(ctx: Context, r: Reading) -> Decision | None:
    """"a 17-km border", "100,000 tonnes", "a 12-degree slope" (an angle, by the next word)."""
    measured = around.unit_after(ctx.text, r.pos)
    if measured is None:
        return None
    if measured[3] == "m" and r.scale is None and r.words is None:
        counted = _NEXT_NOUN.match(ctx.text, measured[2])
        unit_next = around.unit_after(ctx.text, measured[2])
        if (counted is not None and counted.group(1) in subject_words().counted) or (
                unit_next is not None and unit_next[3] != "m"):
            # "1.5m barrels", "5m people", "6.1m km": a million of them, not metres
            r.value, r.precision, r.pos = r.value * 1e6, r.precision * 1e6, measured[2]
            r.scale = (1e6, measured[2], "m")
            if r.high_value is not None:
                r.high_value *= 1e6
            return unit_after(ctx, r) if around.unit_after(ctx.text, r.pos) else None
    unit, kind, r.pos, unit_surface = measured
    scale = _unit_scales().get(unit_surface)
    if scale is not None and r.scale is None:
        # "486 kb/d": the unit's own scale multiplies the figure, as "486 thousand barrels" would
        r.value, r.precision = r.value * scale, r.precision * scale
        r.scale = (scale, r.pos, unit_surface)
        if r.high_value is not None:
            r.high_value *= scale
    if r.high_value is None:
        _unit_repeated(ctx.text, r, unit)
    unit, kind, note = around.unit_sense(ctx.text, r.start, r.pos, unit_surface, unit, kind)
    rate = around.rate_unit_after(ctx.text, r.pos, unit)
    if rate is not None:  # "9 kilometers per second": a speed, its denominator in the span
        unit, kind, r.pos = rate
        note = None
    if note and ctx.unit_country is not None:
        by_country = _units_by_country().get((unit_surface.lower(), ctx.unit_country.strip().upper()))
        if by_country is not None and by_country[1] == kind:
            unit, note = by_country[0], f"'{unit_surface}' read as {by_country[0]}, as copy from {ctx.unit_country.strip().upper()} reports it (the outlet's country, or the wire agency's)"
    if note:
        r.notes.append(note)
    if unit_surface == "m" and r.scale is None and around.scale_after(ctx.text, r.end, money=True):
        r.notes.append("'m' read as metres; it could mean million")
    return Decision(kind, unit)


# One unit with an article, or a share of one, and no figure (unit_one.tsv).
@dataclass(frozen=True)
class _OneTable:
    entries: dict[str, tuple[UnitEntry, bool]]  # surface (folded for words) -> entry, article enough
    words_re: re.Pattern[str]  # unit words, searched in scan.fold(text)
    symbols_re: re.Pattern[str]  # symbols ("kg", "ml"), case-sensitive, in the text
    next_words: frozenset[str]
    within_re: re.Pattern[str]  # "in a decade": a preposition that lets a duration stand
    basis_words: frozenset[str]  # "ago", "earlier": after "less than a year", a figure's comparison's time
    fraction_only: frozenset[str] = frozenset()  # "point": only right after a fraction word ("a quarter-point")
    worth_words: frozenset[str] = frozenset()  # "worth": "a month's worth" is no duration


@functools.cache
def _one_table() -> _OneTable:
    needs: dict[str, tuple[str, frozenset[str]]] = {}
    next_words: frozenset[str] = frozenset()
    within: list[str] = []
    basis: frozenset[str] = frozenset()
    worth: frozenset[str] = frozenset()
    for row in read_rows("unit_one.tsv"):
        if row[0] == "next":
            next_words = frozenset(row[1].split(","))
        elif row[0] == "basis":
            basis = frozenset(row[1].split(","))
        elif row[0] == "within":
            within = row[1].split(",")
        elif row[0] == "worth":
            worth = frozenset(row[1].split(","))
        else:
            needs[row[0]] = (row[1], frozenset((row[2] if len(row) > 2 else "").split(",")))
    entries: dict[str, tuple[UnitEntry, bool]] = {}
    words, symbols = [], []
    ratio_rows = [r for r in read_rows("ratio_units.tsv") if r[0][0].isalpha()]
    ratio_words = [(r[0], r[1], "ratio", "ci") for r in ratio_rows]
    # "a quarter-point increase": a surface of a fraction only, against it or after a hyphen
    fraction_only = frozenset(normalise_space(r[0].lower()) for r in ratio_rows if len(r) > 2 and r[2] == "fraction")
    for surface, unit, kind, case in [*read_rows("units.tsv"), *ratio_words]:
        if kind not in needs or surface in needs[kind][1] or not (surface[0].isascii() and surface[0].isalpha()):
            continue
        article = needs[kind][0] == "article"
        if case == "ci":
            entries.setdefault(normalise_space(surface.lower()), (UnitEntry(unit, kind), article))
            words.append(re.escape(surface.lower()).replace(r"\ ", r"[\s\-]+"))
        elif len(surface) > 1:
            entries.setdefault(surface, (UnitEntry(unit, kind), article))
            symbols.append(re.escape(surface))
    words.sort(key=len, reverse=True)
    symbols.sort(key=len, reverse=True)
    return _OneTable(
        entries,
        re.compile(rf"(?:{scan.by_first_char(words)})(?![\w°])"),
        re.compile(rf"(?:{scan.by_first_char(symbols)})(?![\w°/])"),
        next_words,
        re.compile(rf"(?<![\w-])(?:{alternation(within)})\s+$"),
        basis,
        fraction_only,
        worth,
    )


_NUMERATORS = [*number_names().units, "a", "an"]
# what stands before the unit: "half a", "one-half", "a quarter-", "tenth of a", "three-quarters
# of an"; or an article alone. Searched at the end of the text before the unit.
_SHARE_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?:({alternation(_NUMERATORS)})[\s-]+)?({alternation(list(number_names().fractions))})"
    r"(?:[\s-]+(of))?(?:[\s-]+an?)?|(an?))[\s-]+$"
)
_SHARE_REACH = 40
_POSSESSED = re.compile(r"['’]s\s+([A-Za-z]+)")
_FRACTION_AGAINST = re.compile(rf"(?<![\w-])(?:{alternation(list(number_names().fractions))})[\s-]$")
# where a unit may follow: after "a"/"an", and after a fraction word with its "of" and article
# (found with str.find on the fraction words' stems: "third" finds "thirds")
_ARTICLE_AT = re.compile(r"a(?<![\w-]a)n?[\s-]+")  # a literal first: re skips to each "a" itself
_FRACTION_AT = re.compile(
    rf"(?:{alternation(list(number_names().fractions))})(?![\w])(?:[\s-]+of)?(?:[\s-]+an?)?[\s-]+"
)
_FRACTION_STEMS = tuple(w for w in number_names().fractions
                        if not any(o != w and w.startswith(o) for o in number_names().fractions))


def _unit_starts(folded: str) -> set[int]:
    """Where a unit right after an article or a fraction word would start, in scan.fold(text)."""
    starts = {m.end() for m in _ARTICLE_AT.finditer(folded)}
    for needle, pattern in ((stem, _FRACTION_AT) for stem in _FRACTION_STEMS):
        at = folded.find(needle)
        while at != -1:
            if at == 0 or not (folded[at - 1].isalnum() or folded[at - 1] == "_"):  # "one-half" has its hyphen
                found = pattern.match(folded, at)
                if found is not None:
                    starts.add(found.end())
            at = folded.find(needle, at + 1)
    return starts
_AND_BEFORE = re.compile(r"(?<![\w-])and\s+$")  # "two and a half miles": the number words' own
_TOKEN_BEFORE = re.compile(r"(\S+)\s+$")
_SCALE_OR_NUMBER = frozenset([*number_names().counting, *number_names().times, *number_names().scales])
_NEXT = re.compile(r"\s*(?:$|-|[^\w\s]|([^\W\d_]+))")


def one_unit(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"a litre of milk" (1 liter), "half a gallon", "one-half miles", "tenth of a gallon",
    "less than a second" (1 s, less than): a unit with an article or a fraction, no figure."""
    text, folded, table = ctx.text, ctx.folded, _one_table()
    # a unit can stand so only right after an article or a fraction: look for units there, not
    # at every letter of the text (the unit words start with most letters of the alphabet)
    starts = sorted(_unit_starts(folded))
    hits = []
    for at in starts:
        unit = table.words_re.match(folded, at)
        if unit is not None:
            hits.append((at, unit.end(), normalise_space(unit.group())))
        elif (unit := table.symbols_re.match(text, at)) is not None:
            hits.append((at, unit.end(), unit.group()))
    drafts: list[Draft] = []
    last_end = 0
    for start, end, surface in hits:
        if start < last_end or start == 0 or text[start - 1] not in " -\u00a0\t":
            continue
        found = table.entries.get(surface)
        share = _SHARE_BEFORE.search(folded, max(0, start - _SHARE_REACH), start)
        if found is None or share is None:
            continue
        entry, article_enough = found
        numerator, fraction, of, article = share.groups()
        phrase_start = share.start()
        if (possessed := _POSSESSED.match(text, end)) is not None and possessed.group(1).lower() in table.worth_words:
            continue  # "more than a month's worth" (of rain), "a year's supply": an amount of something else
        if surface in table.fraction_only and (fraction is None or not _FRACTION_AGAINST.search(
                folded, max(0, start - len(fraction) - 2), start)):
            continue  # "a quarter-point increase", not "half a point", "at one point"
        if _AND_BEFORE.search(folded, max(0, phrase_start - 8), phrase_start):
            continue
        if fraction is not None and numerator is None and of is None and fraction not in number_names().shares:
            continue  # "the third mile" is an ordinal; "half a mile", "quarter-mile", "tenth of a gallon" are shares
        qualifier, qualified_start = "exact", phrase_start
        before = qualifier_before(text, phrase_start)
        if before:
            qualifier, qualified_start = before
            basis = _NEXT.match(text, end)
            if basis is not None and basis.group(1) and basis.group(1).lower() in table.basis_words \
                    and _rate_denominator(folded, qualified_start):
                continue  # "44.7 bushels per acre, 2.3 less than a year ago": the figure's comparison, a time
        if fraction is None:
            within = not article_enough and before is None and table.within_re.search(
                folded, max(0, phrase_start - 8), phrase_start) is not None
            if not article_enough and before is None and not within:
                continue  # "twice a day", "a second term": idioms, not quantities
            if before is None and _rate_denominator(folded, phrase_start):
                continue  # "$3 a gallon", "60 miles an hour": the rate's "per"
            following = _NEXT.match(text, end)
            word = following.group(1) if following else None
            if following is None or word is not None and word.lower() not in table.next_words and (
                    before is None or within):
                continue  # "a yard sale", "a foot soldier"
        elif not article_enough and before is None and fraction not in number_names().shares:
            continue
        if protected.overlaps(qualified_start, end):
            continue
        value = 1.0
        if fraction is not None:
            count = 1.0 if numerator in (None, "a", "an") else lexicon().number_words[numerator][0]
            value = float(f"{count * number_names().fractions[fraction]:.12g}")
        low, high = interval(value, 0.0, qualifier)
        drafts.append(Draft(qualified_start, end, entry.kind, value, unit=entry.unit, low=low, high=high,
                            qualifier=qualifier, precision=0.0, subject=subject_after(text, end)))
        last_end = end
    return drafts


def _rate_denominator(folded: str, start: int) -> bool:
    """Does a figure, a unit or a scale word stand right before ("$3 a gallon", "20 miles a
    litre", "a billion a year")?"""
    token = _TOKEN_BEFORE.search(folded, max(0, start - 24), start)
    if token is None:
        return False
    word = token.group(1).strip(",;:")
    return any(c.isdigit() for c in word) or word in _SCALE_OR_NUMBER or word in lexicon().units_ci or word == "per"



_NEXT_NOUN = re.compile(r"\s+([a-z]+)\b")


def _unit_repeated(text: str, r: Reading, unit: str) -> None:
    """"3km-5km", "2kg–3kg": a range whose unit is written with both figures, read as one
    (the second figure, glued to the first's unit by a hyphen, is never read on its own)."""
    second = around.range_after(text, r.pos)
    if second is None or second.group("conn") not in ("-", "\u2013") or second.group("sign"):
        return  # "from up to 180 miles to 230 miles" is two figures: the merge of ranges decides
    measured = around.unit_after(text, second.end())
    if measured is None or measured[0] != unit:
        return
    high, precision = parse_numeral(second.group("num"))
    if high > r.value:
        r.high_value, r.precision, r.pos = high, max(r.precision, precision), measured[2]


@functools.cache
def _unit_scales() -> dict[str, float]:
    """Unit surface -> the scale it carries (unit_scales.tsv: "kb/d" is a thousand barrels)."""
    return {surface: float(multiplier) for surface, multiplier in read_rows("unit_scales.tsv")}


@functools.cache
def _units_by_country() -> dict[tuple[str, str], tuple[str, str]]:
    """(surface, country) -> (unit, kind), from units_by_country.tsv."""
    return {(surface, country): (unit, kind)
            for surfaces, unit, kind, countries in read_rows("units_by_country.tsv")
            for surface in surfaces.split(",") for country in countries.split(",")}


@functools.cache
def _marked_units() -> tuple[dict[str, tuple[UnitEntry, str]], re.Pattern[str], re.Pattern[str]]:
    rows = read_rows("units_marked.tsv")
    table = {r[0]: (UnitEntry(r[1], r[2]), r[3]) for r in rows if r[0] != "next"}
    following = [w for r in rows if r[0] == "next" for w in r[1].split(",")]
    after = re.compile(r"\s*(?:$|[.,;:!?)\]\n])|\s+(?:" + alternation(following).replace(r"\ ", r"\s+") + r")\b")
    return table, re.compile(r" ?(" + alternation(list(table)) + r")"), after


@functools.cache
def _feet_before() -> re.Pattern[str]:
    """A foot measure's unit right before a figure ("6ft 1in", "6 feet 1 in"): inches follow."""
    feet = [r[0] for r in read_rows("units.tsv") if r[1] == "foot"]
    return re.compile(r"\d(?:" + alternation(feet) + r"|')\.?\s*$")


_INCHES_AFTER = re.compile(r"\d{1,2}(?:\.\d+)?\s?(?:\"|''|″|in\b)")


def unit_marked(ctx: Context, r: Reading) -> Decision | None:
    """"5 in", 5", "5''", "6'1\"": a unit word or mark that is a unit only in its place
    (units_marked.tsv): "in" at the end of a clause, a straight quote that closes no quotation,
    a foot mark with inches after it."""
    table, pattern, clause_ends_after = _marked_units()
    text = ctx.text
    match = pattern.match(text, r.pos)
    if match is None or r.words is not None:
        return None  # "five in" is a count of something gone in
    surface = match.group(1)
    entry, where = table[surface]
    end = match.end()
    if where == "end" and (match.group()[0] != " " or not clause_ends_after.match(text, end)) and (
            _feet_before().search(text, max(0, r.start - 10), r.start) is None):
        return None  # "6ft 1in" is inches wherever it stands
    if where == "glued" and (match.group()[0] == " " or not clause_ends_after.match(text, end)):
        return None  # "reached 44.3C (111.7F)", never "the 13F filing"
    if where == "quote":
        if text[end : end + 1].isalnum() or not clause_ends_after.match(text, end) and text[end : end + 1] != " ":
            return None  # an opening quote: '5 "units"'
        line_start = text.rfind("\n", 0, r.start) + 1
        if text.count(surface, line_start, r.start) % 2:
            return None  # closes the quotation opened before the figure
    if where == "feet" and not _INCHES_AFTER.match(text, end):
        return None
    if where == "after_1" and (r.value != 1 or r.high_value is not None or text[end:end + 1].isalnum()
                           or text[end:end + 1] in "-'’" and text[end + 1:end + 2].isalpha()):
        return None  # "fell 1 point": the singular after the numeral 1 only ("at one point" is words)
    r.pos = end
    unit, kind, note = around.unit_sense(text, r.start, end, surface.strip("-"), entry.unit, entry.kind)
    if note:
        r.notes.append(note)
    return Decision(kind, unit)


rules = [
    Rule("<unit> <figure>", 40, unit_before),
    Rule("<figure> <unit>", 50, unit_after),
    Rule("<figure> <unit mark in its place>", 55, unit_marked),
]
scans = [Scan("<a | fraction> <unit>", one_unit)]
