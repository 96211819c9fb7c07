"""Cross-checking: restatements inside a document, claims across documents, dates and weekdays.

``numclaims.check(documents)`` (the function; this package is ``numclaims.checking``, so the two
names never hide each other) returns a :class:`~numclaims.model.Report`; see
:func:`numclaims.checking.report.check`. The modules each do one job: :mod:`.inline`,
:mod:`.groups` (verdicts) over :mod:`.grouping` (blocking and clustering), :mod:`.dates`,
:mod:`.render` (table and HTML) and :mod:`.evaluate` (grouping precision and recall).
"""

from __future__ import annotations

from numclaims.checking.report import check

__all__ = ["check"]
