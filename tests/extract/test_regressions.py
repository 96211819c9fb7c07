"""Bugs found by the property tests and the fuzzer (issue 6), kept as plain examples."""

from __future__ import annotations

import math

import pytest

from fuzz.invariants import check_extract
from numclaims import extract
from numclaims.extraction.lexicon import calendar_names

# Found by tests/extract/test_properties.py::test_figure_too_long_for_a_float_is_left_out: a
# figure too long for a float was dropped, but its scale word was then read on its own, so
# "999...9 thousand tonnes" came out as a mention of 1,000 tonnes.
TOO_LONG = "9" * 400


@pytest.mark.parametrize("text", [
    f"{TOO_LONG} thousand tonnes",
    f"He paid ${TOO_LONG} million for it.",
    f"about {TOO_LONG} billion dollars",
    "version 1.2.3 million",  # a rejected figure ("1.2.3") leaves its scale behind in the same way
], ids=["thousand tonnes", "$ million", "billion dollars", "dotted figure"])
def test_scale_word_of_a_rejected_figure_is_not_a_quantity(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize("text, expected", [
    ("5 million people", ("5 million", 5e6)),
    ("US$5 million", ("US$5 million", 5e6)),
    ("a million", ("a million", 1e6)),
    ("In 2019, a thousand workers left", ("a thousand", 1e3)),
])
def test_scale_words_that_are_quantities_still_are(text: str, expected: tuple[str, float]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert (mentions[-1].text, mentions[-1].value) == expected



# Found by fuzz/extract.py: a currency code between two figures ended the first ("5 USD") and
# started the second ("USD 40"), so the two mentions overlapped. The first keeps the code.
@pytest.mark.parametrize(("text", "expected"), [
    ("it cost 5 USD 40", "5 USD"), ("5 LKR 40bn", "5 LKR"), ("about 5 EUR 40 people", "about 5 EUR"),
])
def test_a_currency_code_belongs_to_one_mention_only(text: str, expected: str) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [m.text for m in mentions] == [expected]


# Found by fuzz/extract.py: "one in" followed by a signed numeral raised KeyError('-34'): the
# denominator was looked up as a number word because it did not start with a digit.
@pytest.mark.parametrize(("text", "expected"), [
    ("one in -34°C", [("-34°C", "temperature", -34.0)]),
    ("one in −3", [("−3", "other", -3.0)]),
    ("one in .5", [("one in .5", "ratio", 200.0)]),
    ("one in five", [("one in five", "ratio", 20.0)]),
])
def test_one_in_a_signed_or_decimal_numeral(text: str, expected: list[tuple[str, str, float]]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [(m.text, m.kind, m.value) for m in mentions] == expected


def test_number_words_that_overflow_a_float_are_not_reported() -> None:
    """Found by the load test: "one hundred and" x 200 multiplies past a float's range."""
    mentions = extract("one hundred and " * 200 + "two tonnes")
    assert all(math.isfinite(m.value) for m in mentions if isinstance(m.value, float))


# Found by a seeded fuzz run of the sample reports (issue 15): "on ThurMay 25)" raised
# KeyError('thur'). The date pattern knew "Thur" but the weekday table, built from
# calendar.day_abbr, only had "thu". Both now come from data/calendar.tsv.
@pytest.mark.parametrize(("text", "expected"), [
    ("on ThurMay 25)", ("ThurMay 25", "2019-05-25", "Thursday")),
    ("on ThursMay 25", ("ThursMay 25", "2019-05-25", "Thursday")),
    ("TuesApril 23", ("TuesApril 23", "2019-04-23", "Tuesday")),
    ("Thur. (April 25)", ("Thur. (April 25)", "2019-04-25", "Thursday")),
    ("Thurs 25 April 2019", ("Thurs 25 April 2019", "2019-04-25", "Thursday")),
])
def test_every_weekday_spelling_has_a_name(text: str, expected: tuple[str, str, str]) -> None:
    mentions = extract(text, published="2019-04-25")
    check_extract(text, mentions)
    assert [(m.text, m.value, m.weekday) for m in mentions] == [expected]


def test_every_calendar_spelling_reads_as_a_date() -> None:
    """Each spelling of calendar.tsv, glued or spaced, an abbreviation with its full stop too:
    the pattern and the tables are built from the same rows, so none can miss its entry."""
    names = calendar_names()

    def stop(name: str, table: dict) -> str:
        # only an abbreviation takes a full stop ("Jan.", "Thu."): "on 1st January." ends a sentence
        return name + "." if any(o != name and o.startswith(name) for o in table) else name

    for weekday, full in names.weekdays.items():
        for month, number in names.months.items():
            dotted = f"{stop(weekday, names.weekdays)} ({stop(month, names.months)} 25)"
            for text in (f"{weekday}{month} 25)", dotted, f"{weekday} 25 {month}"):
                [mention] = extract(text, published="2019-04-25")
                assert (mention.weekday, mention.value[5:7]) == (full, f"{number:02d}"), text


# Issue 15: published 0001-01-01 to 0001-01-10 raised OverflowError in fx._common_day. Money is
# then not convertible with the reason any date before the data gets; dates place their year.
@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-05", "0001-01-10", "9999-12-31"])
def test_publication_dates_at_the_ends_of_the_calendar(published: str) -> None:
    text = "S$5 million (US$3.7 million), TWD 5m, on Thursday (January 1), December 31, 5 km, in 2011"
    mentions = extract(text, published=published)
    check_extract(text, mentions)
    sgd, usd, twd = mentions[:3]
    reason = "after the end of the ECB series" if published > "2" else "the ECB series starts on 1999-01-04"
    assert sgd.normalized["value"] is None and reason in sgd.normalized["error"]
    assert usd.normalized["rate_source"] == "identity"
    assert twd.normalized["value"] is None and "Fed H.10" in twd.normalized["error"]
    dates = [m for m in mentions if m.kind == "date"]
    assert [m.value[:4] for m in dates] == [published[:4]] * 2  # year 0 and 10000 do not exist
    assert all(m.ambiguities for m in dates)


# Issue 15: a currency_hint that is not a string raised AttributeError ('int' has no 'strip'); a
# base currency with no exchange rates (XXX, "no currency") converted every amount to null; a
# publication date with text after it was read from its first ten characters.
@pytest.mark.parametrize("options, field", [
    ({"currency_hint": 5}, "currency_hint"),
    ({"currency_hint": ["SG"]}, "currency_hint"),
    ({"base_currency": "XXX"}, "base_currency"),
    ({"base_currency": "XAU"}, "base_currency"),
    ({"published": "2019-04-25junk"}, "published"),
    ({"published": "2019-04-2"}, "published"),
])
def test_bad_options_are_input_errors_naming_their_field(options: dict, field: str) -> None:
    from numclaims.errors import InputError

    with pytest.raises(InputError) as raised:
        extract("US$5 million", **options)
    assert raised.value.field == field


@pytest.mark.parametrize("published", ["2019-04-25", "20190425", "2019-W17-4",
                                       "2019-04-25T08:00:00Z", " 2019-04-25 "])
def test_every_iso_form_of_a_date_is_one_publication_date(published: str) -> None:
    [m] = extract("S$681 million", published=published)
    assert m.normalized["rate_date"] == "2019-04-25"


# Found by tests/test_fuzz_targets.py (a mutated sample report published in year 1): "last
# year" resolved to year 0 and raised. A time outside the calendar leaves `when` empty, with a note.
@pytest.mark.parametrize("text, published", [
    ("trade was US$34 million last year", "0001-03-01"),
    ("it rose 2% in the fourth quarter", "0001-03-01"),
    ("it fell 1% last quarter", "0001-01-05"),
    ("it rose 5% next year", "9999-12-30"),
    ("it rose 3% next week", "9999-12-30"),
    ("it fell 4% on Friday", "0001-01-01"),
], ids=["last year in year 1", "Q4 in year 1", "last quarter in year 1", "next year in 9999", "next week in 9999",
        "a weekday before 1 January 1"])
def test_a_time_outside_the_calendar_is_no_when(text: str, published: str) -> None:
    mentions = extract(text, published=published)
    check_extract(text, mentions)
    figure = [m for m in mentions if m.kind in ("money", "ratio")][0]
    assert figure.when is None and any("outside the calendar" in note for note in figure.ambiguities)


# Found by fuzz/extract.py: a case-insensitive pattern matches "basıs points" (dotless i), which
# lower() leaves as it is, so the table look-up raised KeyError. Look-ups fold instead.
@pytest.mark.parametrize("text", ["up 25 basıs points", "a magnıtude 6.1 quake", "less than a dollar", "a 9% DROP"])
def test_dotless_i_and_capitals_reach_their_table_rows(text: str) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert mentions
