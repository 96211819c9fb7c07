"""Rules added after frames_blind9: a period "so far" runs to the publication date, crop
yields and energy prices written as rate units ("bu/acre", "MT/ha", "c/kWh")."""

from __future__ import annotations

import pytest

from fuzz.invariants import check_extract
from numclaims import extract


@pytest.mark.parametrize("text, published, when", [
    ("The index has shed 20.8 percent so far this month.", "2008-10-24", ("2008-10-01", "2008-10-24", "so far this month")),
    ("Sales rose 5% this year so far.", "2020-08-26", ("2020-01-01", "2020-08-26", "this year so far")),
    ("The S&P 500 is up 11% so far in November.", "2020-11-25", ("2020-11-01", "2020-11-25", "so far in November")),
    ("Around 1.4 million acres have burned so far in 2020.", "2020-08-26", ("2020-01-01", "2020-08-26", "so far in 2020")),
    ("So far 214 people have died.", "2023-09-10", ("2023-09-10", "2023-09-10", "So far")),
    ("The stock is up 60% year to date.", "2016-12-02", ("2016-01-01", "2016-12-02", "year to date")),
], ids=["so far this month", "this year so far", "so far in November", "so far in 2020", "so far alone", "year to date"])
def test_so_far_runs_to_the_publication_date(text: str, published: str, when: tuple[str, str, str]) -> None:
    mentions = extract(text, published=published)
    check_extract(text, mentions)
    figure = [m for m in mentions if m.kind != "year"][0]
    assert (figure.when["start"], figure.when["end"], figure.when["text"]) == when


def test_a_past_period_is_not_cut_by_so_far() -> None:
    [m] = [m for m in extract("Sales rose 5% so far in 2019.", published="2020-08-26") if m.kind == "ratio"]
    assert m.when is None or m.when["end"] != "2020-08-26"


@pytest.mark.parametrize("text, span, unit, per", [
    ("The yield is seen at 46.3 bu/acre.", "46.3 bu/acre", "bushel", "acre"),
    ("Yields reached 3.11 MT/ha.", "3.11 MT/ha", "metric_ton", "hectare"),
    ("Rice gave 4.5 t/ha this season.", "4.5 t/ha", "metric_ton", "hectare"),
    ("Power costs 25.3c/kWh.", "25.3c", "USD", "kWh"),
    ("Petrol is 185.9 c/L in Sydney.", "185.9 c", "USD", "L"),
], ids=["bu/acre", "MT/ha", "t/ha", "c/kWh", "c/L"])
def test_rate_units(text: str, span: str, unit: str, per: str) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    [m] = [m for m in mentions if m.text == span]
    assert (m.unit, m.per) == (unit, per)


@pytest.mark.parametrize("text", ["Temperatures hit 30c on Monday.", "He wrote to 3 c/o the firm."])
def test_a_lone_c_is_no_cent(text: str) -> None:
    assert [m for m in extract(text) if m.kind == "money"] == []


@pytest.mark.parametrize("text, counted", [
    ("One person was found dead and nine others were rescued.", ["One", "nine"]),
    ("There was one death and 12 injuries.", ["one", "12"]),
    ("The blast killed one firefighter.", ["one"]),
    ("He was the one man who knew.", []),
    ("No one person can fix it.", []),
    ("One of them died.", []),
], ids=["one person", "one death", "one firefighter", "the one man", "no one person", "one of them"])
def test_a_lone_one_before_a_counted_noun_is_a_count(text: str, counted: list[str]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [m.text for m in mentions if m.kind == "count"] == counted


@pytest.mark.parametrize("text, span, value", [
    ("The Fed approved a quarter-point increase.", "a quarter-point", 0.25),
    ("It followed a half-point hike in December.", "a half-point", 0.5),
    ("The bank cut by a quarter point.", "a quarter point", 0.25),
], ids=["quarter-point", "half-point", "quarter point"])
def test_a_fraction_of_a_point_is_percentage_points(text: str, span: str, value: float) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    [m] = [m for m in mentions if m.kind == "ratio"]
    assert (m.text, m.value, m.unit) == (span, value, "percentage_point")


@pytest.mark.parametrize("text", ["He won by half a point.", "At one point it fell.", "Arsenal hold a 5-point lead."])
def test_a_point_alone_is_no_percentage_point(text: str) -> None:
    assert [m for m in extract(text) if m.unit == "percentage_point"] == []


@pytest.mark.parametrize("text, span, qualifier", [
    ("The fire spread over 75 acres.", "75 acres", "exact"),
    ("The loan is repayable over 25 years.", "25 years", "exact"),
    ("It fell over 5% on Monday.", "over 5%", "more_than"),
    ("Over 200 people died.", "Over 200", "more_than"),
], ids=["spread over", "repayable over", "fell over", "over alone"])
def test_over_after_a_verb_of_spreading_is_no_bound(text: str, span: str, qualifier: str) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [(m.text, m.qualifier) for m in mentions] == [(span, qualifier)]


@pytest.mark.parametrize("text, direction", [
    ("The Russell 2000 gave up 8.51 points to 1,845.02.", "down"),
    ("Shares gave up 3% in late trade.", "down"),
    ("Prices went up 5%.", "up"),
], ids=["gave up points", "gave up percent", "went up"])
def test_gave_up_is_a_fall(text: str, direction: str) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert mentions[0].direction == direction


@pytest.mark.parametrize("text, when", [
    ("Shipments fell 2% in Q2 2018.", ("2018-04-01", "2018-06-30")),
    ("Shipments fell 2% in the fourth quarter of 2018.", ("2018-10-01", "2018-12-31")),
], ids=["Q2 2018", "fourth quarter of 2018"])
def test_a_part_of_a_named_year_needs_no_publication_date(text: str, when: tuple[str, str]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    [m] = [m for m in mentions if m.kind == "ratio"]
    assert (m.when["start"], m.when["end"]) == when


@pytest.mark.parametrize("text, spans", [
    ("It took the benchmark to 4.5%-4.75% from 4.25%-4.5%.", ["4.5%-4.75%", "4.25%-4.5%"]),
    ("Temperatures ran from 5C to 10C.", ["from 5C to 10C"]),
    ("It polled between 5%-10% of voters.", ["between 5%-10%"]),
], ids=["from a dashed range", "from ... to", "between a dashed range"])
def test_from_before_a_dashed_range_is_no_part_of_it(text: str, spans: list[str]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [m.text for m in mentions] == spans


@pytest.mark.parametrize("text, kinds", [
    ("Rochdale had 100mm of rain, more than a month's worth.", ["length"]),
    ("It cost half a year's salary.", []),
    ("It had nearly a year's delay.", ["duration"]),
], ids=["a month's worth", "a year's salary", "a year's delay"])
def test_a_unit_s_worth_is_no_quantity_of_it(text: str, kinds: list[str]) -> None:
    mentions = extract(text)
    check_extract(text, mentions)
    assert [m.kind for m in mentions] == kinds


def test_a_gapped_subject_may_join_two_nouns_with_and() -> None:
    text = "Violence without injury rose 21% and stalking and harassment 36%."
    mentions = extract(text)
    check_extract(text, mentions)
    assert [(m.about, m.direction, m.change) for m in mentions] == [
        ("Violence without injury", "up", "delta"), ("stalking and harassment", "up", "delta")]


@pytest.mark.parametrize("text, about", [
    ("The previous record was 2:07:43, set in 2001.", "previous record"),
    ("The previous high was 13 such quakes in 1988.", "previous high"),
], ids=["previous record", "previous high"])
def test_previous_is_part_of_what_a_figure_is_about(text: str, about: str) -> None:
    mentions = extract(text, published="2020-01-01")
    check_extract(text, mentions)
    assert mentions[0].about == about


@pytest.mark.parametrize("text, published, month", [
    ("Economists expect a net gain of about 120,000 jobs in October.", "2013-11-07", "2013-10-01"),
    ("Fares will rise from $2 to $3 in May.", "2021-06-05", "2022-05-01"),
    ("Economists expect a gain of 120,000 jobs in October.", "2013-11-25", "2014-10-01"),
], ids=["awaited October", "will rise in May", "late in the month"])
def test_a_forecast_of_the_month_just_gone(text: str, published: str, month: str) -> None:
    mentions = extract(text, published=published)
    check_extract(text, mentions)
    assert mentions[0].when["start"] == month


@pytest.mark.parametrize("text, when", [
    ("It cancelled more than 69,000 appointments between January 2020 and May 2021.",
     ("2020-01-01", "2021-05-31", "between January 2020 and May 2021")),
    ("Sales rose 5% between March and May.", ("2021-03-01", "2021-05-31", "between March and May")),
    ("Sales fell 5% in May and 3% in June.", ("2021-05-01", "2021-05-31", "in May")),
], ids=["between two named months", "between March and May", "two months of two figures"])
def test_between_two_months_is_one_period(text: str, when: tuple[str, str, str]) -> None:
    mentions = extract(text, published="2021-07-23")
    check_extract(text, mentions)
    m = [m for m in mentions if m.kind not in ("year", "date")][0]
    assert (m.when["start"], m.when["end"], m.when["text"]) == when
