"""Counts: any other figure ("10,000 North Korean workers", "two leaders"), after every other
dimension's rules; and vague amounts ("tens of thousands", "several million", vague.tsv)."""

from __future__ import annotations

import re

from numclaims.extraction import money as currency, scan
from numclaims.extraction.dimensions import REJECT, Context, Decision, Draft, Rule, Scan, Verdict, _Reject
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.lexicon import alternation, lexicon, number_names, subject_words
from numclaims.extraction.qualifiers import interval, qualifier_after, qualifier_before
from numclaims.extraction.subjects import subject_after
from numclaims.extraction.textspans import SpanSet

_OF = re.compile(r"\s+of\b")
_OF_PREFIX = re.compile(r"\s+of")
_NAMES = number_names()
# A figure right before a plural scale: "200 dozens of rolls", "three billions of savings" are
# figures (2,400; 3e9), not vague amounts.
_FIGURE_BEFORE = re.compile(
    rf"(?i)(?:\d|\b(?:{alternation([*_NAMES.counting, *_NAMES.times, *_NAMES.scales])}))[\s-]+$"
)


def count(ctx: Context, r: Reading) -> Verdict:
    """What no other rule took: a count of the noun after it, unless it is part of a word or a
    modifier ("4G", "six-party talks", "one of them")."""
    text, pos = ctx.text, r.pos
    if r.words == ["one"] and not _last_of_counts(text, r) and not _one_counted(text, r):
        return REJECT  # "one of them", "one-off": not a quantity of anything
    if r.words is None and text[pos : pos + 1].isalpha():
        return REJECT  # "4G", "3D"
    if text[pos : pos + 1] == "-" and text[pos + 1 : pos + 2].isalpha():
        if qualifier_after(text, pos):
            return Decision("count", None)  # "5,000-odd troops", "40-plus years"
        return _modifier(text, r)
    return Decision("count", None)


# "seven in the neighbouring region of Castilla-La Mancha and one in Andalusia": a joiner right
# before the "one", a place after it, and a count before it in its clause chain
_JOINER_BEFORE = re.compile(r"(?:,|\band)\s+$")
_PLACE_AFTER = re.compile(r"\s+([a-z]+)\s+(?:the\s+)?[A-Z]")
_WORD_OR_DIGITS = re.compile(r"\d+|[A-Za-z]+")
_LIST_REACH = 90
_LIST_BREAK = re.compile(r"[.;:!?]")


def _last_of_counts(text: str, r: Reading) -> bool:
    """Is "one" the last count of a list, each of a place ("two in Castilla-La Mancha and one in
    Andalusia")? A count (digits or a number word) must come before it, in its sentence."""
    place = _PLACE_AFTER.match(text, r.pos)
    if place is None or place.group(1) not in subject_words().places:
        return False
    start = r.mention_start
    if not _JOINER_BEFORE.search(text, max(0, start - 6), start):
        return False
    floor = max(0, start - _LIST_REACH)
    counts = [w for w in _WORD_OR_DIGITS.finditer(text, floor, start)
              if w.group()[0].isdigit() or w.group().lower() in _NAMES.counting and w.group().lower() != r.words[0]]
    return bool(counts) and not _LIST_BREAK.search(text, counts[-1].end(), start)


_NOUN_AFTER = re.compile(r"[ \u00a0]+([a-z]+)(?![\w'’-])")
_NOT_A_COUNT_BEFORE = re.compile(r"(?i)(?<![\w-])(?:" + alternation(list(subject_words().not_one)) + r")\s+$")


def _one_counted(text: str, r: Reading) -> bool:
    """Is "one" a count of the singular noun right after it ("one person was found dead", "one
    death": subject_words.tsv's one rows), not "the one man who", "no one person"?"""
    noun = _NOUN_AFTER.match(text, r.pos)
    return (noun is not None and noun.group(1) in subject_words().one_nouns
            and not _NOT_A_COUNT_BEFORE.search(text, max(0, r.mention_start - 12), r.mention_start))


_MODIFIER_NOUN = re.compile(r"-([a-z]+)(?![\w-])")


def _modifier(text: str, r: Reading) -> Draft | _Reject:
    """"a 450-seat parliament", "a two-term governor", "six-party talks": a count of the noun
    the figure is joined to (450 seats); never "two-way", "a 50-something" (subject_words.tsv)
    or a letter code ("3-D", "F-16")."""
    noun = _MODIFIER_NOUN.match(text, r.pos)
    words = subject_words()
    if noun is None or r.high_value is not None or noun.group(1) in words.idioms or noun.group(1) in words.stop:
        return REJECT
    low, high = interval(r.value, r.precision, "exact")
    # the subject names what the modifier describes: "six-nation talks" counts the nations of
    # the talks, a fact apart from "the two countries" of a summit
    head = subject_after(text, noun.end(), allow_of=False)
    subject = f"{noun.group(1)} {head}" if head else noun.group(1)
    return Draft(r.mention_start, noun.end(), "count", r.value, low=low, high=high, precision=r.precision,
                 subject=subject, ambiguities=r.notes)


def vague(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"tens of thousands", "several million", "dozens of": intervals without a figure."""
    lex = lexicon()
    drafts = []
    for match in scan.finditer(lex.vague_re, ctx.text, [(lex.vague_anchor, ctx.folded)]):
        start, end = match.span()
        if protected.overlaps(start, end):
            continue
        if match.group(1):
            entry = lex.vague[scan.fold(match.group(1))]  # fold: the pattern ignores case
            low, high, typical = entry.low, entry.high, entry.typical
            # "thousands"/"dozens" alone are vague only as "thousands of ..."; "tens of thousands" stands alone.
            if " of " not in scan.fold(match.group(1)) and not _OF.match(ctx.text, end):
                continue
            if " " not in match.group(1) and _FIGURE_BEFORE.search(ctx.text, max(0, start - 16), start):
                continue
        else:
            entry = lex.vague[scan.fold(match.group(2))]
            scale = lex.scales_ci[scan.fold(match.group(3))][0]
            low, high, typical = entry.low * scale, entry.high * scale, entry.typical * scale
        draft = Draft(start, end, "count", None, low=low, high=high, qualifier="vague")
        draft.precision = None
        qual = qualifier_before(ctx.text, start)
        if qual and qual[0] in ("more_than", "at_least"):
            draft.start, draft.high = qual[1], None
        subject = subject_after(ctx.text, end)
        found = currency.currency_after(ctx.text, _OF_PREFIX.match(ctx.text, end) and end + 3 or end)
        if found is not None:
            code, note = currency.resolve(found[0], ctx.currency_hint, ctx.text[end:found[1]].strip())
            draft.kind, draft.unit, draft.end = "money", code, found[1]
            if note:
                draft.ambiguities.append(note)
        else:
            draft.subject = subject
        drafts.append(draft)
    return drafts


def bare_counts(drafts: list[Draft]) -> None:
    """A whole number with no noun of its own is a count all the same ("Payroll jobs increased
    by 248,000", "fell to 5.7 million", "from 906 to 805"): its noun is in the clause. Run after
    the frames, which read such a figure as ``other`` to find what it counts; what stays
    ``other`` is no count ("-0.5", "3,842.40", an index's level is in points)."""
    for draft in drafts:
        if draft.kind != "other" or draft.unit is not None:
            continue
        bounds = [v for v in (draft.value, draft.low, draft.high) if v is not None]
        if bounds and all(isinstance(v, float) and v >= 0 and v.is_integer() for v in bounds):
            draft.kind = "count"


# what may follow a count whose noun is left out: a stop, a comma, a bracket, the end, or a
# preposition ("against 649 at United", "and today it has already cancelled another 600.")
_ELIDED_AFTER = re.compile(r"\s*(?:[,.;:)!?]|$|(?:" + alternation(subject_words().elided) + r")\s)")
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)")
# "held a majority of 176": a figure after "of" is the value of the noun before it
_VALUE_OF = re.compile(r"\bof\s+$")
# how far back a count that names its noun is looked for
ELIDED_REACH = 160


def elided_nouns(text: str, drafts: list[Draft]) -> None:
    """A count whose noun the sentence leaves out counts the noun of the count before it in its
    sentence: "cancelled another 1,300 flights, and today it has already cancelled another 600"
    (600 flights); "about 1,200 flights on Friday, against 649 at United" (649 flights). Run
    after :func:`bare_counts`."""
    last: Draft | None = None
    for draft in drafts:
        if draft.kind != "count":
            continue
        if draft.subject is not None:
            last = draft
            continue
        if last is None or draft.start - last.end > ELIDED_REACH or not _ELIDED_AFTER.match(text, draft.end) \
                or _VALUE_OF.search(text, max(0, draft.start - 4), draft.start):
            continue
        if _SENTENCE_END.search(text, last.end, draft.start) is None:
            draft.subject = last.subject


rules = [Rule("<figure> (a count, the fallback)", 80, count)]
scans = [Scan("<vague amount>", vague)]
