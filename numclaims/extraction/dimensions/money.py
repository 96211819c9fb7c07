"""Money: a figure with a currency sign before it ("US$500 million"), or a currency name, code
or minor unit after it ("5bn euros", "3 MUSD", "41 cents")."""

from __future__ import annotations

import re

from numclaims.extraction import money as currency
from numclaims.extraction import rules as around
from numclaims.extraction.dimensions import Context, Decision, Rule
from numclaims.extraction.dimensions.figure import Reading


def sign_before(ctx: Context, r: Reading) -> Decision | None:
    """"US$500 million", "Rs 500 crore", "-$5 million": the sign was read with the figure."""
    if r.currency_code is None:
        return None
    return _money(ctx, r, r.currency_code, r.currency_surface, minor=False)


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
        r.value, r.precision, r.high_value = in_major_units(unit, r.value, r.precision, r.high_value)
    return Decision("money", unit)


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


rules = [
    Rule("<currency sign> <figure>", 10, sign_before),
    Rule("<figure> <currency name | code | minor unit>", 20, name_after),
]
