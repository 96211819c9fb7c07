"""Verdicts a user found wrong (issue 14): each test runs the real ``numclaims.check``."""

from __future__ import annotations

from typing import Any

from numclaims import check
from numclaims.checking.claims import Document, build_items
from numclaims.checking.inline import check_inline
from numclaims.model import CheckItem, Mention


def _doc(ident: str, text: str, **more: Any) -> dict[str, Any]:
    return {"id": ident, "text": text, "published": "2024-03-01", **more}


def _group(*texts: str, **more: Any) -> CheckItem:
    """The one cross-source group of documents a, b, ... stating ``texts``."""
    report = check([_doc(chr(ord("a") + n), text, **more) for n, text in enumerate(texts)])
    [group] = [g for g in report.groups if g.verdict != "single_source"]
    return group


def test_bare_round_percentage_is_exact_to_its_last_digit() -> None:
    # a user found "40%" and "44%" consistent (the 40 taken as rounded to +/-5); each reads to its
    # last digit, and a round figure's loose rounding makes them worth a query (divergent), not
    # agreement
    group = _group("Prices rose 40% last year, the bureau said.",
                   "Prices rose 44% last year, the bureau said.")
    assert group.verdict == "divergent"
    assert "39.5-40.5%" in group.explanation and "43.5-44.5%" in group.explanation
    assert '"40%" is a round figure, and "44%" within 10% of it' in group.explanation


def test_a_round_figure_further_than_a_loose_rounding_is_a_conflict() -> None:
    # boe-rate-cut-2024 calibrates the window: "£22bn" written "£20 billion" is divergent
    assert _group("The black hole is £20 billion, the Chancellor said.",
                  "The black hole is £22bn, the Chancellor said.").verdict == "divergent"
    assert _group("The black hole is £20 billion, the Chancellor said.",
                  "The black hole is £17bn, the Chancellor said.").verdict == "conflict"
    assert _group("Prices rose 40% last year, the bureau said.",
                  "Prices rose 35% last year, the bureau said.").verdict == "conflict"
    assert _group("Prices rose 42% last year, the bureau said.",
                  "Prices rose 44% last year, the bureau said.").verdict == "conflict"


def test_about_widens_a_round_figure() -> None:
    group = _group("About 10,000 people attended the rally in Seoul.",
                   "9,874 people attended the rally in Seoul.")
    assert group.verdict == "consistent"
    # each in its own terms: "About 10,000" does not read 9,874
    assert group.explanation == '"About 10,000" (a) reads 9,000-11,000 and "9,874" (b) reads 9,874: they agree'


def test_exact_amounts_that_do_not_overlap_are_a_conflict() -> None:
    group = _group("The company paid $10 million for the stake, it said.",
                   "The company paid $14 million for the stake, it said.")
    assert group.verdict == "conflict"
    assert "meet" not in group.explanation and "cannot both hold" in group.explanation
    assert "USD 9.5 million-10.5 million" in group.explanation


def test_claims_stated_as_different_things_are_divergent_and_say_why() -> None:
    group = _group("Exports rose 5% in March, the ministry said.",
                   "Exports fell 7% in March, the ministry said.")
    assert group.verdict == "divergent"
    assert group.explanation.endswith('direction differs: "5%" (a) goes up; "7%" (b) goes down')


def test_a_divergent_explanation_names_the_bounds_that_overlap() -> None:
    group = _group("Tens of thousands of people attended the rally in Seoul.",
                   "Around 10,000 people attended the rally in Seoul.")
    assert group.verdict == "divergent"
    assert "both could hold: the wording allows" in group.explanation


def test_a_restated_range_far_off_the_rate_is_flagged() -> None:
    report = check([_doc("a", "He was fined 2 million pounds sterling ($5m-$10m) by the court.")])
    [found] = report.inline
    assert found.verdict == "conflict"
    assert found.explanation.startswith("$ read as US dollars; 5-10/2 = 2.5-5 USD per GBP;")
    assert "more than the 1% tolerance" in found.explanation


def test_a_bare_dollar_restating_pounds_is_us_dollars_under_hint_and_country() -> None:
    text = "The deal is worth £3.4bn ($4.4bn), the firm said."
    found = [check([_doc("a", text, **{key: "SG"})]).inline[0] for key in ("currency_hint", "outlet_country")]
    assert [f.explanation for f in found][0] == found[1].explanation
    assert found[0].explanation.startswith("$ read as US dollars; 4.4/3.4 = 1.294 USD per GBP;")
    assert found[0].details["restated_currency"] == "USD"


def test_a_dollar_with_its_code_after_the_figure_is_that_currency() -> None:
    # DMARGE, 15 June 2023, restating Bellingham's fee for Australian readers
    report = check([_doc("a", "He joined for a record fee of €133.9m ($214m AUD), add-ons included.",
                         published="2023-06-15")])
    [found] = report.inline
    assert found.details["restated_currency"] == "AUD"
    assert found.verdict == "consistent"
    assert "read as US dollars" not in found.explanation


def test_the_outlets_own_dollar_is_read_by_its_country() -> None:
    report = check([_doc("a", "A US$500 million ($673 million) loan was agreed.", outlet_country="SG")])
    [found] = report.inline
    assert found.verdict == "consistent"
    assert found.explanation.startswith("$ read as Singapore dollars; 673/500 = 1.346 SGD per USD;")


def test_a_vague_amount_reads_as_its_mention_everywhere() -> None:
    group = _group("Tens of thousands of people attended the rally in Seoul.",
                   "Around 10,000 people attended the rally in Seoul.")
    vague = next(c for c in group.claims if c.text == "Tens of thousands")
    assert (vague.low, vague.high) == (10000, 99999)
    assert '"Tens of thousands" (a) reads 10,000-99,999' in group.explanation
    assert "20,000" not in group.explanation and "50,000" not in group.explanation
    assert group.verdict == "divergent"
    assert group.explanation.endswith('"Around 10,000" reaches outside "Tens of thousands"')
    reading = next(r for r in group.details["readings"] if r["low"] == 10000 and r["high"] == 99999)
    assert (reading["typical_low"], reading["typical_high"]) == (10000, 99999)


def test_explanations_quote_places_as_written() -> None:
    group = _group("North Korea sent 10,000 workers to Russia last year, officials said.",
                   "North Korea sent 12,000 workers to Russia and North Korean ports last year, officials said.")
    assert group.verdict == "divergent"
    scope = group.explanation.split("scope differs: ")[1]
    assert '"Russia' in scope and "North Korean" in scope
    assert "russia" not in scope and "korea" not in scope  # no lemmas


def test_a_single_source_claim_is_counted_unchecked_never_as_agreement() -> None:
    from numclaims.checking.render import format_table

    report = check([_doc("a", "Russia shares a 17km border with North Korea."),
                    _doc("b", "The Kremlin said 40 delegates came.")])
    assert {g.verdict for g in report.groups} == {"single_source"}
    table = format_table(report)
    assert "Claims across sources: 2 unchecked (single source)" in table
    assert "consistent" not in table


def test_each_claim_of_a_group_is_explained_in_its_own_reading() -> None:
    # the shared stretch 6.75-6.85 is not what "7 on the Richter scale" says (Morocco, 2023)
    group = _group("The quake measured magnitude 6.8, the survey said.",
                   "The quake measured 7 on the Richter scale, officials said.")
    assert group.verdict == "consistent"
    assert '"7 on the Richter scale" (b) reads 6.5-7.5 earthquake magnitude' in group.explanation
    assert '"magnitude 6.8" (a) reads 6.75-6.85 earthquake magnitude' in group.explanation
    assert "earthquake_magnitude" not in group.explanation


def test_speeds_in_mph_and_m_s_are_one_frame() -> None:
    # Milton's gusts, one outlet in mph and one in m/s: both per second in canonical units, so
    # the gap (100 mph is 44.7 m/s) is the only difference the explanation names
    group = _group("The strongest gust, 100 mph, was recorded at Egmont Channel on Wednesday night.",
                   "The strongest gust, 47 m/s, was recorded at Egmont Channel on Wednesday night.")
    assert group.verdict in ("conflict", "divergent")
    assert "per differs" not in group.explanation


def test_a_group_in_several_units_is_explained_in_the_one_most_claims_use() -> None:
    # AP wrote "120 mph (205 kph)" for Milton's landfall; here an outlet gives only the kph
    group = _group("Milton made landfall with sustained winds of 120 mph on Wednesday night.",
                   "Milton made landfall with sustained winds of 120 mph on Wednesday night, the hurricane center said.",
                   "Milton made landfall with sustained winds of 205 kph on Wednesday night.")
    assert '"205 kph" (c) reads 127.1-127.7 mile per hour' in group.explanation
    assert "meter per second" not in group.explanation


def test_figures_of_one_currency_differ_whatever_the_exchange_rate() -> None:
    # Bellingham's maximum fee: £115m everywhere, City A.M.'s £113m; the euro figures and the
    # rate slack between currencies must not hide the pounds' difference
    group = _group("Dortmund say that with add-ons the fee could rise to £115m (€133.9m).",
                   "The fee could climb to as much as €133m (£113m) with add-ons.")
    assert group.verdict == "divergent"
    assert '"£115m" and "£113m" are in one currency and differ beyond their rounding' in group.explanation
    assert "both could hold" not in group.explanation


def test_a_round_figure_in_one_currency_still_rounds() -> None:
    # "$40 billion" beside "$38.9 billion" (BHP's first offer): a round figure, no difference
    group = _group("BHP's offer values Anglo American at £31.1 billion ($38.9 billion).",
                   "BHP's offer values Anglo American at £31 billion ($40 billion).")
    assert "in one currency" not in group.explanation


def test_wording_that_allows_one_reading_is_no_update() -> None:
    # Parker Solar Probe: one report (Dec 27) gives the heat the shield met as "up to", Impact Lab
    # (Jan 7) as "above"; "up to" and "above" allow one reading, and each restatement says what
    # its original says, so nothing was updated between the reports (CBS's "designed to cope
    # with" is a design limit, another fact: grouping.design_marks)
    report = check([
        _doc("a", "Its heat shield faced temperatures of up to 2,500 degrees "
                  "Fahrenheit (1,371 degrees Celsius), the agency says.", published="2024-12-27"),
        _doc("b", "During the encounter, temperatures on the heat shield climbed above 1,700 degrees "
                  "Fahrenheit (930 degrees Celsius).", published="2025-01-07"),
    ])
    groups = [g for g in report.groups if g.verdict != "single_source"]
    assert groups and all(g.verdict != "updated" for g in groups), [(g.verdict, g.explanation) for g in groups]


def test_a_price_restated_per_another_unit_is_converted_to_it() -> None:
    # cocoa-prices-2024 (myjoyonline): "GH¢20,943 ... per tonne, or about GH¢21 per kilogramme"
    # was a 99.9% conflict when the two prices were compared as totals
    text = ("Until the rise the farmgate price had been GH¢20,943 cedi ($1,574.66) per tonne, "
            "or about GH¢21 per kilogramme.")
    found = {f.claims[1].text: f for f in check([_doc("a", text)]).inline}
    assert found["about GH¢21"].verdict == "consistent"
    assert found["about GH¢21"].explanation.startswith(
        "GH¢20,943 cedi per tonne is 20.94 GHS per kilogram; 21/20.943 = 1.003 GHS per GHS")
    assert found["$1,574.66"].verdict == "unchecked"  # no rate data for the cedi


def test_a_restatement_per_a_thing_of_another_kind_is_unchecked() -> None:
    doc = Document("a", "US$4,000 per hectare (US$5,400 per tonne)", published=None)
    hectare = Mention(0, 8, "US$4,000", "money", 4000.0, "USD", per="hectare")
    tonne = Mention(22, 30, "US$5,400", "money", 5400.0, "USD", per="tonne", equivalent_of=0)
    [found] = check_inline(build_items(doc, [hectare, tonne]))
    assert (found.verdict, found.explanation) == (
        "unchecked", "per hectare and per tonne are not comparable")


def test_an_approximate_figure_of_four_digits_hedges_its_last_digits() -> None:
    # cocoa-prices-2024: RT's "around $9,625" a tonne is no reading of TASS's "$10,080"
    found = _group("Cocoa futures traded at around $9,625 a tonne in New York on Tuesday.",
                   "Cocoa futures traded at $9,700 a tonne in New York on Tuesday.")
    assert found.verdict == "divergent"
    assert '"around $9,625" (a) reads USD 9,577-9,673' in found.explanation
    # two digits keep the reader's 5%: "about 10,000" agrees with "9,874" (above)
    assert _group("Cocoa futures traded at around $9,600 a tonne in New York on Tuesday.",
                  "Cocoa futures traded at $9,700 a tonne in New York on Tuesday.").verdict == "consistent"
