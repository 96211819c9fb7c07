"""Calendar claims: a weekday stated with a date, and the dates of one event across documents.

"Thursday (May 25)" in a report published on 2019-04-24 resolves (in the extractor) to
2019-05-25, a Saturday: the weekday and the date cannot both be right. Across documents, dates are
grouped like other claims (same context words, within a couple of months of each other), and two
different days for one event are a conflict: a date has no rounding to hide behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from numclaims.checking.claims import Item
from numclaims.checking.grouping import Cluster, cluster
from numclaims.checking.groups import about, typical
from numclaims.model import CheckItem

# English names, not strftime("%A"): the process locale must never change a verdict
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# dates more than about two months apart are never taken for the same event
_BUCKET_DAYS = 30
# how far to look for the date the writer probably meant
_SEARCH_MONTHS = 12


def _day(item: Item) -> date | None:
    value = item.mention.value
    if item.mention.kind != "date" or not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _weekday_index(name: str) -> int | None:
    key = name.strip().lower()[:3]
    return next((i for i, day in enumerate(WEEKDAYS) if day.lower().startswith(key)), None)


def _nearest_with_weekday(day: date, weekday: int) -> date | None:
    """The nearest date with the same day of the month that falls on ``weekday``."""
    best: date | None = None
    for shift in range(-_SEARCH_MONTHS, _SEARCH_MONTHS + 1):
        month0 = day.month - 1 + shift
        try:
            candidate = date(day.year + month0 // 12, month0 % 12 + 1, day.day)
        except ValueError:  # no 31st in that month
            continue
        if candidate.weekday() == weekday and (best is None or abs(candidate - day) < abs(best - day)):
            best = candidate
    return best


def _long(day: date) -> str:
    """2019-05-25 (Saturday)"""
    return f"{day.isoformat()} ({WEEKDAYS[day.weekday()]})"


def check_weekdays(items: Sequence[Item]) -> list[CheckItem]:
    """A verdict for every date stated with its weekday, resolved against the publication date.

    >>> from numclaims.checking.claims import Document
    >>> from numclaims.model import Mention
    >>> doc = Document("d", "on Thursday (May 25)", published=date(2019, 4, 24))
    >>> m = Mention(3, 20, "Thursday (May 25)", "date", "2019-05-25", weekday="Thursday")
    >>> [found] = check_weekdays([Item(doc, 0, m, None)])
    >>> found.verdict, found.explanation
    ('conflict', '"Thursday (May 25)" is 2019-05-25 (Saturday), not a Thursday (read against publication on 2019-04-24); the nearest 25th that was a Thursday is 2019-04-25')
    """
    found = []
    for item in items:
        day, stated = _day(item), item.mention.weekday
        if day is None or not stated:
            continue
        index = _weekday_index(stated)
        if index is None:
            continue
        published = item.doc.published
        against = f" (read against publication on {published.isoformat()})" if published else ""
        details = {"check": "weekday", "date": day.isoformat(), "stated_weekday": WEEKDAYS[index],
                   "actual_weekday": WEEKDAYS[day.weekday()],
                   "published": published.isoformat() if published else None}
        if index == day.weekday():
            verdict = "consistent"
            explanation = f'"{item.mention.text}": {day.isoformat()} was a {WEEKDAYS[index]}{against}'
        else:
            verdict = "conflict"
            explanation = (f'"{item.mention.text}" is {_long(day)}, not a {WEEKDAYS[index]}{against}')
            nearest = _nearest_with_weekday(day, index)
            if nearest is not None:
                details["suggested"] = nearest.isoformat()
                explanation += (f"; the nearest {_ordinal(day.day)} that was a {WEEKDAYS[index]} "
                                f"is {nearest.isoformat()}")
        found.append(CheckItem((item.claim,), verdict, explanation, details))
    return found


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def check_date_groups(items: Sequence[Item], weights: Mapping[str, float]) -> list[CheckItem]:
    """Group the dates of all documents by context and check that each group names one day."""
    dated = [i for i in items if i.mention.kind == "date" and i.reading is not None]
    clusters = cluster(
        dated, weights, key=lambda i: "date",
        bucket=date_bucket,
        interval=typical,
    )
    return [group_verdict(c) for c in clusters]


def _span(item: Item) -> str:
    r = item.reading
    assert r is not None
    low, high = date.fromordinal(int(r.low)), date.fromordinal(int(r.high))
    return _long(low) if low == high else f"{low.isoformat()} to {high.isoformat()}"


def date_bucket(item: Item) -> int:
    """The blocking bucket of a date: its month-long stretch of days."""
    assert item.reading is not None
    return int(item.reading.center // _BUCKET_DAYS)


def group_verdict(group: Cluster) -> CheckItem:
    """The verdict on one group of dates: they name one day, or how many days apart they are."""
    members = group.members
    claims = tuple(m.claim for m in members)
    details = {"check": "group", "about": about(group)}
    said = "; ".join(f"{m.label} is {_span(m)}" for m in members)
    if group.documents_stated < 2:
        return CheckItem(claims, "single_source", f"{said}: no other document dates this", details)
    low = max(m.reading.low for m in members)  # type: ignore[union-attr]
    high = min(m.reading.high for m in members)  # type: ignore[union-attr]
    if low <= high:
        return CheckItem(claims, "consistent", f"{said}: they agree", details)
    gap = timedelta(days=int(low - high))
    details["gap_days"] = gap.days
    return CheckItem(claims, "conflict", f"{said}: {gap.days} days apart", details)
