"""Dates: "Thursday (April 25)", "April 25, 2019", "25 April", "2019-04-25", "April 2019"
(calendar.tsv, read by :mod:`numclaims.extraction.dates`)."""

from __future__ import annotations

from numclaims.extraction.dates import find_dates
from numclaims.extraction.dimensions import Context, Draft, Scan
from numclaims.extraction.textspans import SpanSet


def dates(ctx: Context, protected: SpanSet) -> list[Draft]:
    """Every calendar date outside a protected span, the year placed by the publication date."""
    drafts = []
    for found in find_dates(ctx.text, ctx.published):
        if protected.overlaps(found.start, found.end):
            continue
        drafts.append(
            Draft(found.start, found.end, "date", found.value, weekday=found.weekday, ambiguities=list(found.notes))
        )
    return drafts


scans = [Scan("<date>", dates)]
