"""numclaims: extract, normalise and cross-check numeric claims in English news text.

>>> [m.text for m in extract("a 17km border and US$6 trillion (RM24.78 trillion)")]
['17km', 'US$6 trillion', 'RM24.78 trillion']
"""

from numclaims.errors import InputError, NotConvertibleError, NumclaimsError, UnknownCurrencyError
from numclaims.extract.pipeline import extract
from numclaims.model import CheckItem, Claim, Mention, Report

# ``numclaims.check`` is the cross-checking package, callable as ``numclaims.check(documents)``
# (see numclaims/check/__init__.py for why the package itself is the callable).
from numclaims import check  # noqa: E402  (after extract: check builds on it)

__all__ = [
    "CheckItem", "Claim", "InputError", "Mention", "NotConvertibleError", "NumclaimsError",
    "Report", "UnknownCurrencyError", "check", "extract",
]
