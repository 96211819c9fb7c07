"""numclaims.normalise.fx on the real shipped data (ECB history + Fed H.10 fallback)."""

from __future__ import annotations

import doctest
import importlib.util
import json
import pickle
import threading
import tomllib
from datetime import date, datetime, timedelta
from fnmatch import fnmatch
from importlib.resources import files
from pathlib import Path

import pytest
from babel.numbers import list_currencies

from numclaims.errors import InputError, NotConvertibleError, UnknownCurrencyError
from numclaims.normalise import fx
from numclaims.normalise.fx import Rate, convert, rate, rates_around, supported_currencies

ROOT = Path(__file__).resolve().parents[2]
SHARED_FED = ROOT.parent / "shared" / "data" / "fx" / "fed-h10-monthly.csv"
FED_FILE = files("numclaims").joinpath("data", "fx", "fed_h10_monthly.csv")
D = date(2019, 4, 25)  # a Thursday


def agree(a: float, b: float, rel: float) -> bool:
    return abs(a - b) <= rel * max(abs(a), abs(b))


# ------------------------------------------------------------------------------ ECB daily fixes


def test_usd_sgd_daily_fixes():
    r = rate("USD", "SGD", D)
    assert r == Rate("USD", "SGD", r.value, D, "ECB", None)
    assert r.value == pytest.approx(1.5189 / 1.1123) and round(r.value, 4) == 1.3655
    assert round(rate("USD", "SGD", date(2019, 4, 24)).value, 4) == 1.3592


def test_usd_myr_late_april_2019_is_about_4_13():
    for day in range(23, 31):
        r = rate("USD", "MYR", date(2019, 4, day))
        assert r.value == pytest.approx(4.13, abs=0.015), r


@pytest.mark.parametrize(("usd", "other", "currency"), [(6e12, 2.478e13, "MYR"), (5e8, 6.81e8, "SGD")])
def test_reported_conversions_agree_within_half_a_percent(usd, other, currency):
    in_usd, used = convert(other, currency, "USD", D)
    assert agree(in_usd, usd, 0.005)
    assert used.rate_date == D and used.base == currency and used.quote == "USD"
    there, _ = convert(usd, "USD", currency, D)
    assert agree(there, other, 0.005)


def test_cross_rates_go_through_eur_and_are_consistent():
    assert rate("EUR", "USD", D).value == 1.1123
    assert rate("USD", "EUR", D).value == pytest.approx(1 / 1.1123)
    sgd_myr = rate("SGD", "MYR", D).value
    assert sgd_myr == pytest.approx(rate("USD", "MYR", D).value / rate("USD", "SGD", D).value)
    assert sgd_myr * rate("MYR", "SGD", D).value == pytest.approx(1.0)


def test_weekend_uses_the_last_business_day_with_a_note():
    r = rate("USD", "SGD", date(2019, 4, 27))  # Saturday
    assert r.rate_date == date(2019, 4, 26)
    assert r.value == pytest.approx(1.5175 / 1.1133)
    assert r.note == "2019-04-27 is not a business day: used 2019-04-26"
    easter_monday = rate("USD", "SGD", date(2019, 4, 22))
    assert easter_monday.rate_date == date(2019, 4, 18)  # Good Friday too was a TARGET holiday


def test_latest_rate_when_no_date_given():
    r = rate("USD", "SGD")
    assert r.note == "no date given: latest rate used"
    assert r.rate_date == supported_currencies()["SGD"][1]
    rub = rate("RUB", "USD")
    assert rub.rate_date == date(2022, 3, 1)  # latest for both, however old


def test_rub_after_march_2022_is_not_convertible():
    assert rate("USD", "RUB", date(2022, 3, 1)).source == "ECB"
    near = rate("USD", "RUB", date(2022, 3, 8))  # 7 days back: still allowed
    assert near.rate_date == date(2022, 3, 1) and "RUB" in near.note
    for day in (date(2022, 3, 9), date(2023, 1, 10)):
        with pytest.raises(NotConvertibleError) as info:
            rate("USD", "RUB", day)
        assert info.value.currency == "RUB" and info.value.on == day.isoformat()
        assert "2022-03-01" in info.value.reason


def test_no_rate_before_1999_after_the_series_or_across_long_gaps():
    first, last, _ = supported_currencies()["USD"]
    assert first == date(1999, 1, 4)
    with pytest.raises(NotConvertibleError, match="starts on 1999-01-04"):
        rate("USD", "GBP", date(1998, 12, 31))
    with pytest.raises(NotConvertibleError, match="CNY starts on 2005-04-01"):
        rate("USD", "CNY", date(2003, 6, 2))
    late = rate("USD", "GBP", last + fx.MAX_LOOKBACK)
    assert late.rate_date == last and "after the last ECB fix" in late.note
    with pytest.raises(NotConvertibleError, match="after the end of the ECB series"):
        rate("USD", "GBP", last + timedelta(days=8))
    with pytest.raises(NotConvertibleError, match="ISK"):  # ECB published no ISK 2008-12 to 2018
        rate("USD", "ISK", date(2012, 5, 4))


# ------------------------------------------------------------------------- Fed H.10 fallback


def test_twd_uses_the_fed_monthly_average():
    r = rate("USD", "TWD", D)
    assert r.source == "Fed H.10 monthly average"
    assert r.value == 30.8468 and r.rate_date == D
    assert r.note.startswith("monthly average, not a daily fix") and "2019-04" in r.note
    cross = rate("TWD", "SGD", D)
    assert cross.source == r.source and "ECB fix of 2019-04-25" in cross.note
    assert cross.value == pytest.approx(rate("USD", "SGD", D).value / 30.8468)
    lkr = rate("LKR", "TWD", date(2019, 4, 27))
    assert lkr.value == pytest.approx(30.8468 / 174.6432)
    assert lkr.rate_date == date(2019, 4, 26) and "not a business day" in lkr.note


def test_fed_fallback_limits():
    last = supported_currencies()["TWD"][1]  # end of the last month averaged
    assert rate("USD", "TWD", last).source == "Fed H.10 monthly average"
    with pytest.raises(NotConvertibleError) as info:
        rate("USD", "TWD", last.replace(day=28) + 2 * fx.MAX_LOOKBACK)
    assert info.value.currency == "TWD"
    for day in (date(1998, 12, 15), date(2030, 1, 2)):
        with pytest.raises(NotConvertibleError) as info:
            rate("SGD", "TWD", day)
        assert info.value.currency == "TWD" and "Fed H.10" in info.value.reason


# ----------------------------------------------------------------------- codes, input, errors


def test_identity_and_code_spelling():
    same = rate("SGD", "SGD", D)
    assert (same.value, same.source, same.rate_date) == (1.0, "identity", D)
    assert rate(" usd ", "sgd", D).value == rate("USD", "SGD", D).value


def test_unknown_code_and_known_code_without_data():
    for bad in ("XYZ", "US", 840, None):
        with pytest.raises(UnknownCurrencyError) as info:
            rate("USD", bad, D)  # type: ignore[arg-type]
        assert info.value.field == "currency" and isinstance(info.value, ValueError)
    with pytest.raises(NotConvertibleError) as no_data:
        rate("ARS", "USD", D)
    assert no_data.value.currency == "ARS" and isinstance(no_data.value, LookupError)


def test_dates_and_datetimes():
    assert rate("USD", "SGD", datetime(2019, 4, 25, 18, 30)).rate_date == D
    with pytest.raises(InputError) as info:
        rate("USD", "SGD", "2019-04-25")  # type: ignore[arg-type]
    assert info.value.field == "on"


def test_errors_pickle_with_their_fields():
    with pytest.raises(UnknownCurrencyError) as unknown:
        rate("XYZ", "USD", D)
    with pytest.raises(NotConvertibleError) as stale:
        rate("USD", "RUB", date(2023, 1, 10))
    for error, fields in ((unknown.value, ("message", "field")),
                          (stale.value, ("currency", "on", "reason"))):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert all(getattr(copy, f) == getattr(error, f) for f in fields)
    assert pickle.loads(pickle.dumps(unknown.value)).field == "currency"


def test_rate_to_dict_is_json():
    data = json.loads(json.dumps(rate("USD", "TWD", date(2019, 4, 27)).to_dict()))
    assert data["rate_date"] == "2019-04-26" and data["source"] == "Fed H.10 monthly average"
    assert set(data) == {"base", "quote", "value", "rate_date", "source", "note"}


# ------------------------------------------------------------------------------- rates_around


def test_rates_around_gives_previous_business_days_newest_first():
    around = rates_around("USD", "SGD", D)
    assert [r.rate_date for r in around] == [date(2019, 4, d) for d in (25, 24, 23)]
    assert [round(r.value, 4) for r in around[:2]] == [1.3655, 1.3592]
    assert all(r.note is None for r in around)
    easter = rates_around("USD", "SGD", date(2019, 4, 23), business_days=4)
    assert [r.rate_date.day for r in easter] == [23, 18, 17, 16]


def test_rates_around_edges():
    sat = rates_around("USD", "TWD", date(2019, 4, 27), business_days=2)
    assert [r.rate_date.day for r in sat] == [26, 25] and "not a business day" in sat[0].note
    assert sat[1].note.startswith("monthly average")
    assert len(rates_around("USD", "GBP", date(1999, 1, 5), business_days=5)) == 2
    assert [r.rate_date.day for r in rates_around("EUR", "EUR", date(2019, 4, 29))] == [29, 26, 25]
    with pytest.raises(InputError):
        rates_around("USD", "SGD", D, business_days=0)
    with pytest.raises(NotConvertibleError):
        rates_around("USD", "RUB", date(2023, 1, 10))


# ------------------------------------------------------------------------------- data, loading


def test_supported_currencies():
    table = supported_currencies()
    assert table["EUR"][2] == table["SGD"][2] == "ECB"
    assert table["RUB"][1] == date(2022, 3, 1)
    assert {c for c, (_, _, s) in table.items() if s != "ECB"} == {"TWD", "LKR"}
    assert table["TWD"][0] == date(1999, 1, 1)
    assert set(table) <= set(list_currencies())
    assert all(first <= last for first, last, _ in table.values())


def test_fallback_file_header_and_content():
    text = FED_FILE.read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for needed in ("Federal Reserve", "H.10", "ODC-PDDL", "per 1 USD", "Columns:"):
        assert needed in comments
    rows = [line.split(",") for line in text.splitlines() if line and line[0] != "#"]
    assert rows[0] == ["month", "currency", "per_usd"]
    assert {r[1] for r in rows[1:]} == {"TWD", "LKR"}
    assert ["2019-04", "TWD", "30.8468"] in rows


def test_package_data_globs_ship_the_fallback_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["numclaims"]
    assert any(fnmatch("data/fx/fed_h10_monthly.csv", g) for g in globs)


@pytest.mark.skipif(not SHARED_FED.exists(), reason="../shared data not available")
def test_fallback_file_is_what_the_generator_builds():
    spec = importlib.util.spec_from_file_location(
        "build_fx_fallback", ROOT / "scripts" / "build_fx_fallback.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.build(SHARED_FED) == FED_FILE.read_text(encoding="utf-8")


def test_docstring_examples():
    assert doctest.testmod(fx).failed == 0


def test_loaded_once_under_concurrent_first_use(monkeypatch):
    calls = []
    real_load = fx._load_ecb

    def counting_load():
        calls.append(1)
        return real_load()

    monkeypatch.setattr(fx, "_load_ecb", counting_load)
    fx._clear_cache()
    results: list[float] = []
    start = threading.Barrier(8)

    def worker():
        start.wait()
        results.append(rate("USD", "SGD", D).value)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 8 and len(set(results)) == 1


def test_same_currency_without_a_date_uses_the_data_not_the_clock() -> None:
    """USD to USD with no date stands on the data's last business day, like every other rate
    without a date, so the same input gives the same output on any day."""
    same = fx.rate("USD", "USD")
    assert same.value == 1.0 and same.note == "no date given: latest rate used"
    assert same.rate_date == fx.rate("USD", "EUR").rate_date


# ----------------------------------------------------------------------- the ends of the calendar


# Issue 15: a date in the first week of year 1 minus the 7-day lookback overflowed
# (OverflowError in _common_day: a 500 from the API, a traceback from the CLI).
@pytest.mark.parametrize("pair", [("USD", "SGD"), ("EUR", "GBP"), ("USD", "TWD"), ("TWD", "SGD")])
def test_no_rate_in_year_1_or_9999_like_any_date_without_data(pair):
    base, quote = pair
    reasons = set()
    for day in [date.min + timedelta(days=n) for n in range(15)] + [date(1998, 12, 31)]:
        with pytest.raises(NotConvertibleError) as info:
            rate(base, quote, day)
        assert info.value.on == day.isoformat()
        reasons.add(info.value.reason.replace(day.isoformat()[:7], "MONTH"))
    assert len(reasons) == 1, reasons  # the same reason as for 1998, not an edge case of its own
    for day in (date.max, date.max - timedelta(days=3)):
        with pytest.raises(NotConvertibleError):
            rate(base, quote, day)


def test_fed_reason_writes_year_1_with_four_digits():
    with pytest.raises(NotConvertibleError, match=r"TWD in 0001-01 \(data 1999-01 to"):
        rate("USD", "TWD", date.min)


def test_rates_around_at_the_ends_of_the_calendar():
    assert [r.rate_date for r in rates_around("USD", "USD", date.min)] == [date.min]
    assert [r.rate_date.day for r in rates_around("USD", "USD", date(1, 1, 3))] == [3, 2, 1]
    assert [r.rate_date for r in rates_around("EUR", "EUR", date.max, 2)] == [date.max, date(9999, 12, 30)]
    for day in (date.min, date.max):
        with pytest.raises(NotConvertibleError):
            rates_around("USD", "SGD", day)


def test_month_end_of_the_last_month():
    assert fx._month_end(9999, 12) == date.max and fx._month_end(2020, 2) == date(2020, 2, 29)


# ------------------------------------------------------------------------------ euro pegs

@pytest.mark.parametrize("code, per_eur", [("XOF", 655.957), ("XAF", 655.957), ("KMF", 491.96775),
                                           ("XPF", 119.33174)])
def test_a_euro_peg_converts_at_its_parity_on_ecb_days(code: str, per_eur: float) -> None:
    r = rate("EUR", code, D)
    assert r.value == per_eur and r.rate_date == D and r.source == "ECB"
    assert f"{code} at its fixed parity of {per_eur:g} per EUR" in (r.note or "")
    assert code in supported_currencies()


def test_a_pegged_currency_crosses_through_the_euro_like_any_other() -> None:
    # Reuters, 8 October 2024: "1,800 CFA francs ($3.09)"; the ECB fix of that day gives $3.01
    amount, r = convert(1800, "XOF", "USD", date(2024, 10, 8))
    assert round(amount, 2) == round(1800 / 655.957 * rate("EUR", "USD", date(2024, 10, 8)).value, 2)
    assert 2.9 < amount < 3.1
    saturday, _ = convert(1800, "XOF", "USD", date(2024, 10, 12))
    assert saturday == convert(1800, "XOF", "USD", date(2024, 10, 11))[0]


def test_no_peg_before_the_euro() -> None:
    with pytest.raises(NotConvertibleError):
        rate("XOF", "USD", date(1998, 12, 30))
