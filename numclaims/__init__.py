"""numclaims: extract, normalise and cross-check numeric claims in English news text.

>>> [m.text for m in extract("a 17km border and US$6 trillion (RM24.78 trillion)")]
['17km', 'US$6 trillion', 'RM24.78 trillion']
"""

from numclaims.errors import InputError, NotConvertibleError, NumclaimsError, UnknownCurrencyError
from numclaims.extract.pipeline import extract
from numclaims.model import CheckItem, Claim, Mention, Report

__all__ = [
    "CheckItem", "Claim", "InputError", "Mention", "NotConvertibleError", "NumclaimsError",
    "Report", "UnknownCurrencyError", "extract",
]
