"""numclaims: extract, normalise and cross-check numeric claims in English news text."""

from numclaims.errors import InputError, NotConvertibleError, NumclaimsError, UnknownCurrencyError
from numclaims.model import CheckItem, Claim, Mention, Report

__all__ = [
    "CheckItem", "Claim", "InputError", "Mention", "NotConvertibleError", "NumclaimsError",
    "Report", "UnknownCurrencyError", "extract",
]


def extract(text, *, published=None, base_currency="USD", currency_hint=None):  # placeholder
    from numclaims.extract.pipeline import extract as _extract

    return _extract(text, published=published, base_currency=base_currency, currency_hint=currency_hint)
