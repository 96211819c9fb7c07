"""``check(documents)``: extract every document, then check restatements, groups and dates.

The flow is one-way: validate the input, extract each document once, turn mentions into
:class:`~numclaims.checking.claims.Item` records, then hand them to the three checks. Nothing here
knows how a check decides; it only orders the results so the findings come first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from numclaims.checking.arithmetic import check_arithmetic, check_totals_across
from numclaims.checking.claims import Item, build_items
from numclaims.checking.dates import check_date_groups, check_weekdays
from numclaims.checking.grouping import idf
from numclaims.checking.groups import check_groups
from numclaims.checking.inline import DEFAULT_TOLERANCE, check_inline
from numclaims.checking.inputs import Document, validate
from numclaims.checking.text import is_content, tokens
from numclaims.errors import InputError

from numclaims.extraction.pipeline import extract
from numclaims.model import CheckItem, Mention, Report

# findings first: what a fact-checker must look at, then what agrees, then what stands alone
ORDER = {"conflict": 0, "divergent": 1, "updated": 2, "unchecked": 3, "consistent": 4, "single_source": 5}


def extract_items(doc: Document, base_currency: str) -> list[Item]:
    """The checker's view of one document's quantities."""
    mentions = extract(doc.text, published=doc.published, base_currency=base_currency,
                       currency_hint=doc.currency_hint, outlet_country=doc.outlet_country)
    return build_items(doc, mentions)


def _sorted(found: Iterable[CheckItem], position: Mapping[str, int]) -> tuple[CheckItem, ...]:
    def key(item: CheckItem) -> tuple[int, int, int]:
        first = item.claims[0]
        return ORDER.get(item.verdict, 5), position.get(first.doc, 0), first.start
    return tuple(sorted(found, key=key))


def check(
    documents: Iterable[Mapping[str, Any]],
    *,
    base_currency: str = "USD",
    tolerance: float = DEFAULT_TOLERANCE,
    mentions: Mapping[str, Sequence[Mention]] | None = None,
) -> Report:
    """Cross-check the quantities of ``documents``: restatements, claims across sources, dates.

    ``mentions`` (document id -> what :func:`~numclaims.extract` found, with the same
    ``base_currency``) skips extraction for those documents: a pipeline that extracted in
    parallel checks without extracting twice.

    >>> report = check([
    ...     {"id": "a", "text": "Russia shares a 17km border with North Korea.", "published": "2019-04-25"},
    ...     {"id": "b", "text": "Russia shares a 27km border with North Korea.", "published": "2019-04-24"},
    ... ])
    >>> [(g.verdict, [c.text for c in g.claims]) for g in report.groups]
    [('conflict', ['17km', '27km'])]
    """
    docs = validate(documents)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise InputError(f"tolerance must be a number from 0 to 1, got {tolerance!r}", field="tolerance")
    known = mentions or {}
    per_doc = [build_items(doc, list(known[doc.id])) if doc.id in known
               else extract_items(doc, base_currency) for doc in docs]
    weights = idf({t.lemma for t in tokens(doc.text) if is_content(t)} for doc in docs)
    items = [item for doc_items in per_doc for item in doc_items]
    position = {doc.id: n for n, doc in enumerate(docs)}
    inline = [found for doc_items in per_doc for found in check_inline(doc_items, tolerance=tolerance)]
    groups = check_groups(items, weights, tolerance=tolerance)
    groups += [found for doc_items in per_doc for found in check_arithmetic(doc_items)]
    groups += check_totals_across(per_doc)
    dates = check_weekdays(items) + check_date_groups(items, weights)
    return Report(_sorted(inline, position), _sorted(groups, position), _sorted(dates, position))
