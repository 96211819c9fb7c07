"""Currency signs, codes and names around a number, resolved to ISO 4217 codes.

A bare "$" (or "¥", "Rs", "pounds"...) names a group of currencies; ``currency_hint`` (an ISO
code or an ISO 3166 country) picks one, otherwise the group's default is read and the mention
says it was a guess.

>>> currency_before("earning more than US$", 21)
('USD', 18)
>>> resolve("dollar", "SG")
('SGD', None)
>>> resolve("dollar", None, "$")[1]
"'$' read as USD (could be SGD, HKD, AUD, CAD...); pass currency_hint to choose"
>>> subunit_after("it costs 99p", 11), minor_unit("GBP"), minor_unit("KWD")
(('GBP', 12), 0.01, 0.001)
"""

from __future__ import annotations

import functools
import re

import babel.numbers

from numclaims.errors import UnknownCurrencyError
from numclaims.extraction import rules
from numclaims.extraction.lexicon import alternation, lexicon, read_rows


_NAME_REACH = 24  # "New Taiwan dollars "


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency sign or ISO code that ends right before ``start``: (code or group, sign start)."""
    lex = lexicon()
    # a sign is short; a name before the figure ("US dollars 729 million") only where a letter ends it
    match = lex.currency_prefix_re.search(text, max(0, start - 8), start)
    if match is None and start > 1 and text[start - 2:start - 1].isalpha():
        match = lex.currency_prefix_re.search(text, max(0, start - _NAME_REACH), start)
    if match is None:
        return _name_before(text, start)
    if match.group(1):
        return lex.currency_prefix[match.group(1)].code, match.start(1)
    code = match.group(2)
    if code in lex.iso_codes and code not in lex.iso_prefix_exclusions:
        return code, match.start(2)
    return None


def _name_before(text: str, start: int) -> tuple[str, int] | None:
    """A currency name of currency_names.tsv right before ``start`` ("malaysian ringgits 42",
    "ringgit 42"): (code, name start)."""
    lex = lexicon()
    last = start - 1 if start and text[start - 1] in _SPACES else start
    first = last
    while first > 0 and text[first - 1].isalpha():
        first -= 1
    if first == last or text[first:last].lower() not in lex.currency_name_lasts:
        return None
    match = lex.currency_name_before_re.search(text, max(0, start - _NAME_BEFORE), start)
    if match is None:
        return None
    code = lex.currency_names_before.get(_key(match.group(1)))
    return None if code is None else (code, match.start(1))


def _name_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency name of currency_names.tsv right after ``end`` ("42 kuwaiti Dinar")."""
    lex = lexicon()
    word = _WORD_AFTER.match(text, end)
    if word is None or word.group(1).lower() not in lex.currency_name_firsts:
        return None
    match = lex.currency_name_after_re.match(text, end)
    if match is None:
        return None
    code = lex.currency_names_after.get(_key(match.group(1)))
    return None if code is None else (code, match.end())


def _key(surface: str) -> str:
    return " ".join(surface.lower().replace("-", " ").split())


_SPACES = " \u00a0\u202f"
_NAME_BEFORE = 32  # characters: the longest "<country word> <name>" and a space
_WORD_AFTER = re.compile(r"[ \u00a0\u202f]?([^\W\d_]+)")


def currency_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency name or ISO code right after ``end`` ("5bn euros", "500 crore rupees")."""
    lex = lexicon()
    named = _name_after(text, end)  # "42 kuwaiti Dinar" before the shorter "dinar" of the group
    if named is not None:
        return named
    match = lex.currency_suffix_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1)
    entry = lex.currency_suffix_cs.get(surface) or lex.currency_suffix_ci.get(
        " ".join(surface.lower().replace("-", " ").split())
    )
    if entry is not None:
        return entry.code, match.end()
    if surface in lex.iso_codes:
        return surface, match.end()
    return None


def code_after_sign(text: str, end: int, sign: str) -> tuple[str, int] | None:
    """An ISO code right after an amount whose sign was read before it ("$214m AUD", "$5 USD"):
    (code, end) when the code is the sign's own currency or one of its group, else None ("$5
    EUR" is no amount anyone writes; the sign stands).

    >>> code_after_sign("$214m AUD", 5, "dollar"), code_after_sign("$214m EUR", 5, "dollar")
    (('AUD', 9), None)
    """
    pattern, markers = _sign_markers()
    marker = pattern.match(text, end)
    if marker is not None and markers[marker.group(1)][1] == sign:
        return markers[marker.group(1)][0], marker.end(1)  # "$63.59 U.S." of a Canadian outlet
    found = currency_after(text, end)
    if found is None or found[0] not in lexicon().iso_codes:
        return None
    members = lexicon().currency_groups.get(sign, ("", ()))[1]
    return found if found[0] == sign or found[0] in members else None


@functools.cache
def _sign_markers() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """The country markers of ``currency_after_sign.tsv`` after an amount ("$63.59 U.S."): the
    pattern, and each marker's (code, sign group)."""
    markers = {marker: (code, group) for marker, code, group in read_rows("currency_after_sign.tsv")}
    return re.compile(r"[ \u00a0]+(" + alternation(list(markers)) + r")(?=[\s,;:)]|$|\.(?:\s|$))"), markers


def subunit_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency's minor unit right after ``end`` ("41 cents", "99p"): (code or group, end)."""
    lex = lexicon()
    match = lex.subunit_re.match(text, end)
    if match is None:
        return None
    surface = match.group(1) or match.group(2) or match.group(3)
    entry = lex.subunits_cs.get(surface) or lex.subunits_ci.get(" ".join(surface.lower().replace("-", " ").split()))
    if entry is None:
        return None
    code, unless = entry
    if unless:
        following = _NEXT_WORD.match(text, match.end())
        if following is not None and following.group(1).lower() in unless:
            return None  # "a 1080p screen" is a resolution, not pence
    return code, match.end()


_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")


@functools.cache
def minor_unit(code: str) -> float:
    """What one minor unit of ``code`` is worth in the currency: 0.01, or 0.001 for KWD (CLDR)."""
    digits = babel.numbers.get_currency_precision(code)
    return 10.0 ** -(digits or 2)


def sign_in_context(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A one-letter sign before ``start`` that is money only in a money context: "N410 to the
    dollar", "R50 million" (a money scale word follows), or the currency named nearby.
    (code, sign start) or None.

    >>> sign_in_context("N410 to the dollar", 1, 4), sign_in_context("N95 masks", 1, 3)
    (('NGN', 0), None)
    """
    lex = lexicon()
    if start == 0 or text[start - 1] not in lex.context_sign_ends:
        return None
    match = lex.context_sign_re.search(text, max(0, start - 4), start)
    if match is None:
        return None
    sign = lex.context_signs[match.group(1)]
    if rules.scale_after(text, end, money=True) is not None or sign.after is not None and sign.after.match(text, end):
        return sign.code, match.start(1)
    if sign.near is not None and sign.near.search(text, max(0, start - _NEAR), end + _NEAR):
        return sign.code, match.start(1)
    return None


_NEAR = 200  # characters either side of a context sign where the currency's name counts
_MINUS = re.compile(r"(?<![\w.,])[-\u2212]$")


def negative_before(text: str, sign_start: int) -> bool:
    """Is a minus sign written before the currency sign ("-$5 million", "a change of −€3bn")?"""
    return _MINUS.search(text, max(0, sign_start - 2), sign_start) is not None


def code_scale_after(text: str, end: int) -> tuple[float, int, str] | None:
    """A scale letter against an ISO code after ``end`` ("3 MUSD"): (multiplier, end of the
    letter, surface); the code is then read by :func:`currency_after`."""
    lex = lexicon()
    match = lex.code_scale_re.match(text, end)
    if match is None or text[match.end() : match.end() + 3] not in lex.iso_codes:
        return None
    return lex.code_scales[match.group(1)], match.end(), match.group(1)


@functools.cache
def _hint_currencies(hint: str) -> tuple[str, ...]:
    """The currencies a hint names: an ISO code itself, or a country's legal tenders (CLDR);
    none for a hint that names neither (:func:`validate_hint` says so)."""
    lex = lexicon()
    hint = hint.strip()
    if hint.upper() in lex.iso_codes and len(hint) == 3:
        return (hint.upper(),)
    if len(hint) == 2 and hint.isalpha():
        return tuple(babel.numbers.get_territory_currencies(hint.upper()))
    return ()


def validate_hint(hint: str | None, field: str = "currency_hint") -> None:
    """Raise :class:`UnknownCurrencyError` for a hint that names no currency; ``field`` names the
    key it came from (``currency_hint`` or ``outlet_country``)."""
    if hint is not None and not isinstance(hint, str):
        raise UnknownCurrencyError(
            f"{field} must be a string (an ISO 4217 code or a country code), "
            f"got {type(hint).__name__}", field=field)
    if hint is not None and not _hint_currencies(hint):
        raise UnknownCurrencyError(
            f"{field} {hint.strip()!r} is neither an ISO 4217 code nor an ISO 3166 country code", field=field)


_DATELINE_REACH = 400  # a headline and a byline may come before the dateline


@functools.cache
def _wire_credits() -> tuple[re.Pattern[str], dict[str, tuple[str, str | None]]]:
    reads = {credit: (country, None if units == "-" else units)
             for credit, country, units in read_rows("wire_credits.tsv")}
    # the credit in brackets and the dash or colon after it: "SEATTLE (AP) -", "Oct. 23 (UPI) --";
    # or a source line of its own near the top: "[Source: Reuters]", "Source: AFP"
    agency = alternation(list(reads))
    return re.compile(r"\((" + agency + r")\)\s*[-\u2013\u2014:]"
                      r"|(?m:^[ \t]*\[?[ \t]*(?:" + alternation([r[0] for r in read_rows("wire_source_lines.txt")])
                      + r")[ \t]*:[ \t]*(" + agency + r")[ \t]*\]?[ \t]*$)"), reads


def _credited(text: str) -> tuple[str, tuple[str, str | None]] | None:
    """The agency a dateline credits and its wire_credits.tsv row: (money country, units country)."""
    pattern, reads = _wire_credits()
    match = pattern.search(text, 0, _DATELINE_REACH)
    if match is None:
        return None
    credit = match.group(1) or match.group(2)
    return credit, reads[credit]


def wire_credit(text: str) -> tuple[str, str] | None:
    """The news agency a story's dateline credits, and the country whose currency a bare sign
    means in its copy (wire_credits.tsv).

    >>> wire_credit("SEATTLE (AP) - Boeing offered a 35% raise")
    ('AP', 'US')
    >>> wire_credit("Boeing offered a 35% raise, AP reported") is None
    True
    """
    credited = _credited(text)
    return None if credited is None else (credited[0], credited[1][0])


def unit_reading(text: str, currency_hint: str | None, outlet_country: str | None) -> str | None:
    """What reads a text's bare units by country ("degrees"): the caller's ``currency_hint``; else
    the units of the wire agency its dateline credits, where the agency has a house scale (AP:
    Fahrenheit); else the outlet's country.

    >>> unit_reading("SEATTLE (AP) - It hit 100 degrees", None, "CA"), unit_reading("PARIS (AFP) - 40 degrees", None, "US")
    ('US', 'US')
    """
    if currency_hint:
        return currency_hint
    credited = _credited(text)
    units = credited[1][1] if credited is not None else None
    return units or outlet_country or None


def sign_read_as(surface: str, unit: str | None) -> str | None:
    """How a mention's bare sign was read, when not as the sign's default: "$ read as CAD" for a
    "$5 billion" of a Canadian outlet; None for "$5 billion" read as USD, for "C$5 billion" and
    for a figure with no sign.

    >>> sign_read_as("more than $5 billion", "CAD"), sign_read_as("$5 billion", "USD"), sign_read_as("C$5", "CAD")
    ('$ read as CAD', None, None)
    """
    digit = next((i for i, c in enumerate(surface) if c.isdigit()), None)
    found = currency_before(surface, digit) if digit else None
    groups = lexicon().currency_groups
    if found is None or found[0] not in groups or unit is None or unit == groups[found[0]][0]:
        return None
    return f"{surface[found[1]:digit].strip()} read as {unit}"


def sign_reading(text: str, currency_hint: str | None, outlet_country: str | None) -> str | None:
    """What reads a text's bare currency signs: the caller's ``currency_hint``; else the
    country of the wire agency its dateline credits (AP copy on a Canadian site still means US
    dollars); else the outlet's country; else nothing (each sign's default, with a note).

    >>> sign_reading("TORONTO (Reuters) - Shares rose to $4", None, "CA")
    'US'
    >>> sign_reading("TORONTO (Reuters) - Shares rose to $4", "CAD", "CA"), sign_reading("$4", None, "CA")
    ('CAD', 'CA')
    """
    if currency_hint:
        return currency_hint
    credit = wire_credit(text)
    return credit[1] if credit is not None else outlet_country or None


def resolve(code: str, hint: str | None, surface: str = "$") -> tuple[str, str | None]:
    """An ISO code for a sign's code or group, and the ambiguity note when it was a guess."""
    groups = lexicon().currency_groups
    if code not in groups:
        return code, None
    default, members = groups[code]
    if hint is not None:
        for candidate in _hint_currencies(hint):
            if candidate in members:
                return candidate, None
    others = ", ".join(m for m in members[:5] if m != default)
    return default, f"'{surface.lstrip(chr(92))}' read as {default} (could be {others}...); pass currency_hint to choose"
