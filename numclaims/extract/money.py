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
"""

from __future__ import annotations

import functools

import babel.numbers

from numclaims.errors import UnknownCurrencyError
from numclaims.extract.lexicon import lexicon


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The currency sign or ISO code that ends right before ``start``: (code or group, sign start)."""
    lex = lexicon()
    match = lex.currency_prefix_re.search(text, max(0, start - 8), start)
    if match is None:
        return None
    if match.group(1):
        return lex.currency_prefix[match.group(1)].code, match.start(1)
    code = match.group(2)
    if code in lex.iso_codes and code not in lex.iso_prefix_exclusions:
        return code, match.start(2)
    return None


def currency_after(text: str, end: int) -> tuple[str, int] | None:
    """A currency name or ISO code right after ``end`` ("5bn euros", "500 crore rupees")."""
    lex = lexicon()
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


@functools.cache
def _hint_currencies(hint: str) -> tuple[str, ...]:
    """The currencies a hint names: an ISO code itself, or a country's legal tenders (CLDR)."""
    lex = lexicon()
    hint = hint.strip()
    if hint.upper() in lex.iso_codes and len(hint) == 3:
        return (hint.upper(),)
    if len(hint) == 2 and hint.isalpha():
        found = babel.numbers.get_territory_currencies(hint.upper())
        if found:
            return tuple(found)
    raise UnknownCurrencyError(
        f"currency_hint {hint!r} is neither an ISO 4217 code nor an ISO 3166 country code",
        field="currency_hint",
    )


def validate_hint(hint: str | None) -> None:
    """Raise :class:`UnknownCurrencyError` for a hint that names no currency."""
    if hint is not None and not isinstance(hint, str):
        raise UnknownCurrencyError(
            f"currency_hint must be a string (an ISO 4217 code or a country code), "
            f"got {type(hint).__name__}", field="currency_hint")
    if hint is not None:
        _hint_currencies(hint)


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
