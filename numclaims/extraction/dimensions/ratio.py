"""Ratios: a per-cent or percentage-point word after a figure ("3.2%", "25 basis points"),
"one in five" (20%), and a share written in words ("a third of", "two-thirds of")."""

from __future__ import annotations

import functools
import re

from numclaims.extraction import rules as around, scan
from numclaims.extraction.dimensions import REJECT, Context, Decision, Draft, Rule, Scan, Verdict
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.lexicon import alternation, lexicon, number_names, read_rows
from numclaims.extraction.numbers import parse_numeral, words_value
from numclaims.extraction.qualifiers import interval, qualifier_before
from numclaims.extraction.subjects import subject_after
from numclaims.extraction.textspans import SpanSet

_NAMES = number_names()


def ratio_word(ctx: Context, r: Reading) -> Decision | None:
    """"3.2%", "5 per cent", "a 5-percent rise", "25 basis points" (ratio_units.tsv)."""
    found = around.ratio_after(ctx.text, r.pos)
    if found is None:
        return None
    r.pos = found[1]
    return Decision("ratio", found[0])


def one_in(ctx: Context, r: Reading) -> Verdict:
    """"one in five" is 20%, "one in every 20" 5%: any number word or numeral after "one in"."""
    if r.words != ["one"]:
        return None
    match = around.one_in_after(ctx.text, r.pos)
    if match is None:
        return None
    denominator = match.group("num")
    # a numeral may open with a sign or a point ("-34", ".5"); only letters make a word
    den = words_value([scan.fold(denominator)]) if denominator.isalpha() else parse_numeral(denominator)[0]
    if den <= 0:  # "one in 0", "one in -34" (found by fuzz/extract.py): no share of anything
        return REJECT
    r.value, r.precision, r.pos = 100.0 / den, 0.0, match.end()
    return Decision("ratio", "percent")


# "a third of", "two-thirds of": a number word below ten (or an article) over a fraction word
_ARTICLES = ("a", "an")
_NUMERATORS = [*_ARTICLES, *_NAMES.units]
FRACTION_RE = re.compile(
    rf"(?i)\b(?:({alternation(_NUMERATORS)})[\s-])?({alternation(list(_NAMES.fractions))})(?=\s+of\b)"
)
# Where a FRACTION_RE match can start, in scan.fold(text) (see scan.py): its fraction word is at
# most a numerator and a separator after its start, so the text is searched for the fraction
# words ("half", "third", ...) and the numerators tried only just before them; an anchor on the
# numerators themselves was tried at every "a", "t", "f", "s", "e", "n", "h", "o" and "q".
FRACTION_ANCHOR = scan.Near(_NAMES.fractions, max(map(len, _NUMERATORS)) + 1, at=re.compile(scan.by_first_char([
    *(rf"{word}[\s-](?:{alternation(list(_NAMES.fractions))})" for word in _NUMERATORS),
    *(rf"{word}\s+of\b" for word in _NAMES.fractions),
])))


# "up by a fifth", "fell by a quarter", "cut by half": a change by a fraction, after "by" (not
# where it opens a number: "by half a million")
_BY = re.compile(r"(?i)(?<![\w-])by\s+")
_BY_FRACTION = re.compile(
    rf"(?i)(?:({alternation(_NUMERATORS)})[\s-])?({alternation(list(_NAMES.fractions))})(?![\w-])(?!\s+of\b)(?!\s+an?\b)"
)


def _fraction_matches(ctx: Context) -> list[re.Match[str]]:
    found = list(scan.finditer(FRACTION_RE, ctx.text, [(FRACTION_ANCHOR, ctx.folded)]))
    for by in _BY.finditer(ctx.folded):
        match = _BY_FRACTION.match(ctx.text, by.end())
        if match is not None and not any(m.start() <= match.start() < m.end() for m in found):
            found.append(match)
    return sorted(found, key=lambda m: m.start())


@functools.cache
def _year_parts() -> frozenset[str]:
    """time_words.tsv's parts of a year written with a fraction word ("first half", "second half")."""
    return frozenset(r[0] for r in read_rows("time_words.tsv") if r[1] in ("h", "q") and " " in r[0])


_WORD_BEFORE = re.compile(r"([a-z]+)\s+$")


def _part_of_year(folded: str, start: int, fraction: str) -> bool:
    before = _WORD_BEFORE.search(folded, max(0, start - 20), start)
    return before is not None and f"{before.group(1)} {fraction}" in _year_parts()


def fractions(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"a third of", "two-thirds of", "half of": a share, reported in per cent; "up by a fifth":
    a change by one."""
    table = lexicon().number_words
    drafts = []
    for match in _fraction_matches(ctx):
        # fold, not lower(): "nıne" matches the case-insensitive pattern and must find "nine"
        numerator_word, denominator_word = match.group(1), scan.fold(match.group(2))
        if protected.overlaps(*match.span()) or (numerator_word is None and denominator_word != "half"):
            continue
        if numerator_word is None and _part_of_year(ctx.folded, match.start(), denominator_word):
            continue  # "in the first half of 2019": a part of a year (time_words.tsv), no share
        numerator = 1.0 if numerator_word is None or scan.fold(numerator_word) in _ARTICLES else table[scan.fold(numerator_word)][0]
        share = numerator * table[denominator_word][0] * 100
        subject = subject_after(ctx.text, match.end())
        value = float(f"{share:.12g}")
        # "About a quarter of", "Nearly a third of": the qualifier is part of the share
        start, qualifier = match.start(), "exact"
        before = qualifier_before(ctx.text, start)
        if before is not None and not protected.overlaps(before[1], start):
            qualifier, start = before
        low, high = interval(value, 0.0, qualifier)
        drafts.append(Draft(start, match.end(), "ratio", value, unit="percent", low=low, high=high,
                            qualifier=qualifier, precision=0.0, subject=subject))
    return drafts


_STEM = 5


@functools.cache
def _multiples() -> tuple[dict[str, tuple[str, float, str | None]], re.Pattern[str], list["re.Pattern[str] | scan.Near"], re.Pattern[str]]:
    """multiples.tsv: word -> (role, factor, direction); the scan's pattern and anchor; and the
    "<figure> times <next word>" pattern."""
    table: dict[str, tuple[str, float, str | None]] = {}
    following: list[str] = []
    for row in read_rows("multiples.tsv"):
        if row[0] == "next":
            following = row[1].split(",")
        else:
            table[row[1]] = (row[0], float(row[2]), row[3] if len(row) > 3 and row[3] else None)
    nexts = alternation(following)
    pattern = re.compile(
        rf"(?i)(?<![\w-])(?:({alternation([w for w, e in table.items() if e[0] != 'word'])})"
        rf"|({alternation([w for w, e in table.items() if e[0] == 'word'])})(?=\s+(?:{nexts})\b))(?![\w-])"
    )
    # where a match can start: the first letters of a verb or factor word ("doubl", "twice"), or
    # up to a few letters before "fold" ("tenfold", "thousandfold")
    folds = [w for w, e in table.items() if e[0] == "fold"]
    starts = re.compile(scan.by_first_char(sorted({w[:_STEM] for w, e in table.items() if e[0] != "fold"})))
    anchor = [starts, scan.Near(["fold"], max(map(len, folds)) - len("fold"), re.compile(scan.by_first_char(folds)))]
    times = re.compile(rf"(?i)\s+(times)(?=\s+(?:{nexts})\b)")
    return table, pattern, anchor, times


def multiples(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"exports doubled" (2 times, up), "a tenfold rise", "twice as large": a factor."""
    table, pattern, anchor, _ = _multiples()
    drafts = []
    for match in scan.finditer(pattern, ctx.text, [(a, ctx.folded) for a in anchor]):
        if protected.overlaps(*match.span()):
            continue
        role, factor, direction = table[scan.fold(match.group())]
        draft = Draft(match.start(), match.end(), "ratio", factor, unit="times", low=factor, high=factor,
                      precision=0.0)
        draft.direction, draft.change = direction, "delta" if direction else None
        drafts.append(draft)
    return drafts


_TIMES_AT_END = re.compile(r"(?i)\s+(times)(?=\s*(?:[,;:)]|\.(?!\d)|$))")


def times_after(ctx: Context, r: Reading) -> Decision | None:
    """"three times as many", "2.5 times the average": the figure is a factor."""
    found = _multiples()[3].match(ctx.text, r.pos)
    if found is None and isinstance(r.value, float) and not r.value.is_integer():
        # "Provisions rose 2.2 times, to Rs 916 crore": a factor no count of occasions can be
        found = _TIMES_AT_END.match(ctx.text, r.pos)
    if found is None:
        return None
    r.pos = found.end(1)
    return Decision("ratio", "times")


rules = [
    Rule("<figure> <per cent | percentage point | basis point>", 30, ratio_word),
    Rule("<figure> times <as | the | more ...>", 35, times_after),
    Rule("one in <figure>", 60, one_in),
]
scans = [Scan("<fraction> of", fractions), Scan("<multiple word>", multiples)]
