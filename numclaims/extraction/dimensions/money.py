"""Money: a figure with a currency sign before it ("US$500 million"), or a currency name, code
or minor unit after it ("5bn euros", "3 MUSD", "41 cents")."""

from __future__ import annotations

import re

from numclaims.extraction import money as currency
from numclaims.extraction import rules as around, scan
from numclaims.extraction.dimensions import Context, Decision, Draft, Rule, Scan
from numclaims.extraction.dimensions.figure import Reading
from numclaims.extraction.lexicon import alternation, read_rows
from numclaims.extraction.numbers import NUMBER_RE, parse_numeral, split_words, words_value
from numclaims.extraction.qualifiers import interval, qualifier_before
from numclaims.extraction.textspans import SpanSet


def sign_before(ctx: Context, r: Reading) -> Decision | None:
    """"US$500 million", "Rs 500 crore", "-$5 million", "$214m AUD": the sign was read with the
    figure; an ISO code after the amount that is the sign's own, or one of its group, is read too."""
    if r.currency_code is None:
        return None
    code = r.currency_code
    named = currency.code_after_sign(ctx.text, r.pos, code)
    if named is not None:  # "$214m AUD": the code after the amount says which dollar
        code, r.pos = named
    return _money(ctx, r, code, r.currency_surface, minor=False)


def name_after(ctx: Context, r: Reading) -> Decision | None:
    """"5bn euros", "500 crore rupees", "3 MUSD", "41 cents" (0.41 USD), "99p"."""
    text, pos = ctx.text, r.pos
    suffix = currency.currency_after(text, pos)
    if suffix and suffix[0] == "pound" and not r.scale and not _pounds_as_money(text, r.start, suffix[1]):
        # "weighs two pounds" is a weight; "2 million pounds", "paid ten pounds" are money
        # (currency_senses.tsv). A guess either way.
        r.notes.append("'pounds' read as weight; a sum of money would be GBP")
        suffix = None
    # a minor unit first: "41 euro cents" is 0.41 EUR, not 41 EUR and a word
    minor = currency.subunit_after(text, pos)
    found = minor or suffix
    if not found:
        return None
    r.pos = found[1]
    return _money(ctx, r, found[0], text[pos : found[1]].strip(), minor=minor is not None)


def _pounds_as_money(text: str, start: int, end: int) -> bool:
    """Do the words around "ten pounds" make it money ("paid ten pounds", "ten pounds worth")?
    Never with "of" after it: "sold 20 pounds of tomatoes" is a weight."""
    surface = text[start:end].split()[-1].lower() if text[start:end].split() else ""
    senses = currency.lexicon().currency_senses.get(surface)
    if not senses or _OF_NEXT.match(text, end):
        return False
    return around.sense_around(text, start, end, senses) is not None


_OF_NEXT = re.compile(r"\s+of\b", re.IGNORECASE)


def _money(ctx: Context, r: Reading, code: str, surface: str, *, minor: bool) -> Decision:
    unit, note = currency.resolve(code, ctx.currency_hint, surface)
    if note:
        r.notes.append(note)
        if minor:
            r.guessed_group = code
    if minor:
        r.value, r.precision, r.high_value = in_major_units(unit, r.value, r.precision, r.high_value)
    elif r.high_value is None and r.value >= 0 and r.value == int(r.value):
        _minor_part(ctx, r, unit)
    return Decision("money", unit)


_MINOR_PART = re.compile(r"(?:,?\s+and)?\s+(?=\w)")


def _minor_part(ctx: Context, r: Reading, unit: str) -> None:
    """"20 dollars 43 cents", "£5 and 20p", "thirteen dollars and forty-five cents": the minor
    units after a whole amount join it."""
    gap = _MINOR_PART.match(ctx.text, r.pos)
    figure = gap and NUMBER_RE.match(ctx.text, gap.end())
    if not figure:
        return
    if figure.group("num"):
        count = parse_numeral(figure.group("num"))[0] if figure.group("num").isdecimal() else -1.0
    else:
        count = words_value(split_words(figure.group("words")))
    if not 0 < count < 1000 or count != int(count):
        return
    minor = currency.subunit_after(ctx.text, figure.end())
    if minor is None:
        return
    groups = currency.lexicon().currency_groups
    if minor[0] != unit and unit not in groups.get(minor[0], ("", ()))[1]:
        return  # "5 euros 20 pence" is two amounts
    factor = currency.minor_unit(unit)
    if count * factor >= 1:
        return  # "5 dollars 250 cents" is no amount anyone writes
    r.value = float(f"{r.value + count * factor:.12g}")
    r.precision, r.pos = factor / 2, minor[1]


def in_major_units(code: str, value: float, precision: float, high: float | None) -> tuple[float, float, float | None]:
    """An amount stated in minor units ("41 cents") in the currency itself: 0.41 USD, the
    precision scaled alike (±0.005).

    >>> in_major_units("USD", 41.0, 0.5, None), in_major_units("KWD", 250.0, 5.0, 500.0)
    ((0.41, 0.005, None), (0.25, 0.005, 0.5))
    """
    factor = currency.minor_unit(code)

    def scaled(x: float) -> float:
        return float(f"{x * factor:.12g}")

    return scaled(value), scaled(precision), None if high is None else scaled(high)


_ONE = {" ".join(p.lower().split()): (code, frozenset(then.split(","))) for p, code, then in read_rows("currency_one.tsv")}
_ONE_RE = re.compile(
    r"(?i)\b(" + alternation(list(_ONE)).replace(r"\ ", r"\s+") + r")"
    r"(?:\s+and\s+(?P<minor>\d{1,3})(?=\D))?"
)


def _one_anchor() -> re.Pattern[str]:
    """Where an _ONE_RE match can start, in scan.fold(text) (see scan.py): a phrase's first word,
    then ``\\s+`` once for all the rest that follow it ("a\\s+(?:dollar|euro|...)"); a branch per
    phrase, each opening with ``\\s+``, was tried in full at every "a" of the text."""
    rests: dict[str, list[str]] = {}
    for phrase in _ONE:
        first, _, rest = phrase.partition(" ")
        rests.setdefault(first, []).append(rest)
    return re.compile(scan.by_first_char(
        re.escape(first) + (r"\s+(?:" + alternation(after).replace(r"\ ", r"\s+") + ")"
                            if all(after) else "")
        for first, after in rests.items()
    ))


_ONE_ANCHOR = _one_anchor()
_ONE_NEXT = re.compile(r"(?![\w-])\s*(?:$|[^\w\s-]|([^\W\d_]+)(?![\w-]))")


def one_unit(ctx: Context, protected: SpanSet) -> list[Draft]:
    """"less than a dollar" (1 USD), "above a dollar and 42 cents" (1.42 USD, at least)."""
    text, drafts = ctx.text, []
    for match in scan.finditer(_ONE_RE, text, [(_ONE_ANCHOR, ctx.folded)]):
        code, then = _ONE[" ".join(scan.fold(match.group(1)).split())]
        value, end = 1.0, match.end(1)
        if match.group("minor") is not None:
            minor = currency.subunit_after(text, match.end())
            if minor is None:
                continue  # "a dollar and 42 people"
            unit, _ = currency.resolve(code, ctx.currency_hint)
            if currency.resolve(minor[0], ctx.currency_hint)[0] != unit and minor[0] != "cent":
                continue
            value = float(f"{1 + int(match.group('minor')) * currency.minor_unit(unit):.12g}")
            end = minor[1]
        else:
            following = _ONE_NEXT.match(text, end)
            if following is None or following.group(1) is not None and following.group(1).lower() not in then:
                continue  # "a dollar store", "a euro-zone bond"
        start = match.start(1)
        if protected.overlaps(start, end):
            continue
        unit, note = currency.resolve(code, ctx.currency_hint, match.group(1).split()[-1])
        qualifier, before = "exact", qualifier_before(text, start)
        if before:
            qualifier, start = before
        low, high = interval(value, 0.0, qualifier)
        drafts.append(Draft(start, end, "money", value, unit=unit, low=low, high=high, qualifier=qualifier,
                            precision=0.0, ambiguities=[note] if note else []))
    return drafts


rules = [
    Rule("<currency sign> <figure>", 10, sign_before),
    Rule("<figure> <currency name | code | minor unit>", 20, name_after),
]
scans = [Scan("<a> <currency name> [and <figure> <minor unit>]", one_unit)]
