"""Calendar dates ("Thursday (April 25)", "April 25, 2019", "25 April", "2019-04-25",
"April 2019") and years ("in 2011", "the 1990s").

A date without a year is placed in the latest year that puts it no more than three months
after the publication date (news looks back more often and further than it looks ahead: "rose
to $3.79 on Feb. 27" in October is this February's), and says so.

>>> [(d.text, d.value, d.weekday) for d in find_dates("on Thursday (May 25), 2 days", dt.date(2019, 4, 24))]
[('Thursday (May 25)', '2019-05-25', 'Thursday')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from numclaims.extraction import scan
from numclaims.extraction.lexicon import alternation, calendar_names

# Both patterns are built from these tables (as written, case-sensitive: capitalised names keep
# "may" the verb out), so every name a pattern can match has its entry.
_MONTHS = calendar_names().months
_WEEKDAYS = calendar_names().weekdays
_WEEKDAY_NAMES = calendar_names().weekday_names



def _names(names: list[str]) -> str:
    """An alternation of ``names`` where only an abbreviation (a name that begins a longer one:
    "Jan", "Sept", "Thu") takes a full stop: "on 1st January." ends a sentence."""
    short = [n for n in names if any(o != n and o.startswith(n) for o in names)]
    full = [n for n in names if n not in short]
    return rf"(?:{alternation(full)}|(?:{alternation(short)})\.?)" if short else alternation(full)


_MONTH = rf"(?P<month>{_names(list(_MONTHS))})"
_WEEKDAY = rf"(?P<weekday>{_names(list(_WEEKDAYS))})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[5-9]|20|21)\d\d)"

_DATE_RE = re.compile(
    "|".join(
        [
            # Thursday (April 25) / Thursday, April 25, 2019 / April 25, 2019 / Apr 25
            rf"(?:{_WEEKDAY},?\s*(?P<paren>\()?\s*)?{_MONTH}\s+{_DAY}(?![\d:])(?:,?\s+{_YEAR}(?!\d))?(?(paren)\s*\))",
            # 25 April 2019 / Thursday 25 April
            rf"(?:{_WEEKDAY.replace('weekday', 'weekday2')},?\s+)?(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+{_MONTH.replace('month', 'month2')}(?:,?\s+{_YEAR.replace('year', 'year2')}(?!\d))?",
            # 2019-04-25
            r"(?<![\d/-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d/-])",
            # April 2019
            rf"{_MONTH.replace('month', 'month3')}\s+{_YEAR.replace('year', 'year3')}(?!\d)",
        ]
    )
)
# Where a date can start (see scan.py): a weekday or month name (the first three letters of
# every spelling in _WEEKDAY and _MONTH), a day before a month name, or an ISO year.
_MONTHS3 = sorted({name[:3] for name in _MONTHS})
_NAME_ANCHOR = re.compile(scan.by_first_char(_MONTHS3 + sorted({name[:3] for name in _WEEKDAYS})))
_DAY_ANCHOR = re.compile(rf"\d(?:\d?(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTHS3)})|\d\d\d-)")
# "in 2011", "the 2013 estimate", "the 1990s"
_YEAR_RE = re.compile(r"(?<![\w$€£¥.,/:#-])(?P<year>(?:1[5-9]|20)\d\d)(?P<decade>'?s)?(?![\w%°/:-]|[.,]\d)")


@dataclass(frozen=True, slots=True)
class DateFound:
    start: int
    end: int
    text: str
    value: str  # ISO: "2019-04-25", "2019-04", or "--04-25" when no year can be placed
    weekday: str | None
    notes: tuple[str, ...]


def _place_year(month: int, day: int, published: dt.date | None) -> tuple[int | None, str | None]:
    if published is None:
        return None, None
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None, None
    best = max((d for d in candidates if (d - published).days <= _AHEAD_DAYS), default=min(candidates))
    return best.year, (f"year not stated: {best.year} taken as the latest no more than "
                       f"{_AHEAD_DAYS} days after the publication date {published}")


_AHEAD_DAYS = 92


def find_dates(text: str, published: dt.date | None) -> list[DateFound]:
    """Every calendar date in ``text``, with weekday and the year placed by ``published``."""
    found = []
    for m in scan.finditer(_DATE_RE, text, [(_NAME_ANCHOR, text), (_DAY_ANCHOR, text)]):
        groups = m.groupdict()
        notes: list[str] = []
        weekday_surface = groups["weekday"] or groups["weekday2"]
        if groups["iso_y"]:
            year, month, day = int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"])
        elif groups["month3"]:
            month = _MONTHS[groups["month3"].rstrip(".")]
            found.append(DateFound(m.start(), m.end(), m.group(), f"{int(groups['year3']):04d}-{month:02d}", None, ()))
            continue
        else:
            month_surface = groups["month"] or groups["month2"]
            month = _MONTHS[month_surface.rstrip(".")]
            day = int(groups["day"] or groups["day2"])
            year_surface = groups["year"] or groups["year2"]
            year = int(year_surface) if year_surface else None
        if not 1 <= day <= 31:
            continue
        if year is None:
            year, note = _place_year(month, day, published)
            if note:
                notes.append(note)
        weekday = _WEEKDAYS[weekday_surface.rstrip(".")] if weekday_surface else None
        if year is None:
            value = f"--{month:02d}-{day:02d}"
        else:
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            value = date.isoformat()
            actual = _WEEKDAY_NAMES[date.weekday()]
            if weekday and actual != weekday:
                notes.append(f"stated weekday {weekday} does not match {value}, a {actual}")
        found.append(DateFound(m.start(), m.end(), m.group(), value, weekday, tuple(notes)))
    return found


def year_matches(text: str) -> list[re.Match[str]]:
    """Candidate years; the caller decides (a year is not followed by a unit or a plural noun)."""
    return list(_YEAR_RE.finditer(text))
