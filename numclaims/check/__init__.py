"""Cross-checking: restatements inside a document, claims across documents, dates and weekdays.

``numclaims.check(documents)`` returns a :class:`~numclaims.model.Report`; see
:func:`numclaims.check.report.check`. The modules each do one job: :mod:`.inline`,
:mod:`.groups` (verdicts) over :mod:`.grouping` (blocking and clustering), :mod:`.dates`,
:mod:`.render` (table and HTML) and :mod:`.evaluate` (grouping precision and recall).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from numclaims.check.report import check

__all__ = ["check"]


class _CallableModule(types.ModuleType):
    # ``numclaims.check`` is both this package and, for users, a function. Importing a submodule
    # (``numclaims.check.render``) rebinds the attribute ``numclaims.check`` to the package, which
    # would hide a function of the same name defined in ``numclaims/__init__.py``; making the
    # package itself callable keeps ``numclaims.check(documents)`` working whatever was imported.
    def __call__(self, documents: Any, **options: Any) -> Any:
        return check(documents, **options)


sys.modules[__name__].__class__ = _CallableModule
