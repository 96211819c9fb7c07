"""numclaims: extract, normalise and cross-check numeric claims in English news text.

>>> [m.text for m in extract("a 17km border and US$6 trillion (RM24.78 trillion)")]
['17km', 'US$6 trillion', 'RM24.78 trillion']
"""

from numclaims.errors import InputError, NotConvertibleError, NumclaimsError, UnknownCurrencyError
from numclaims.extraction.pipeline import extract
from numclaims.model import CheckItem, Claim, Mention, Report

# the functions; their packages are numclaims.extraction and numclaims.checking
from numclaims.checking.report import check  # noqa: E402  (after extract: check builds on it)

__all__ = [
    "CheckItem", "Claim", "InputError", "Mention", "NotConvertibleError", "NumclaimsError",
    "Report", "UnknownCurrencyError", "check", "extract",
]
