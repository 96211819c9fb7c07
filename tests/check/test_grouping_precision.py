"""Why two facts of several reports were taken for one, one cause per test: each a small case in
the shape of the development stories (tests/stories) that the checker once grouped."""

from __future__ import annotations

from numclaims import check
from numclaims.checking.claims import build_items
from numclaims.checking.grouping import (
    event_count_marks, price_marks, revision_marks, subgroup_marks, threshold_marks,
)
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract
from tests.check.test_grouping_causes import _groups as groups_of


def _marks(text: str, figure: str, mark: object) -> list[str]:
    item = next(i for i in build_items(Document("a", text), extract(text)) if i.mention.text == figure)
    return mark(item)  # type: ignore[operator, no-any-return]


def _together(found: dict[tuple[str, ...], str], *members: str) -> bool:
    return any(set(members) <= set(group) for group in found)


# ---- an offer is not a market price ------------------------------------------------------------
# bhp-anglo-american-2024: the bid's value per share beside the target's share price, of the same
# day and a few per cent apart, were one "updated" group


def test_an_offer_and_a_share_price_are_two_facts() -> None:
    found = groups_of(
        "Anglo American's shares jumped after BHP made a bid. It puts a value of 25.08 pounds on"
        " each Anglo share.",
        "BHP said its proposal valued each Anglo American share at £25.08. Anglo shares rose as much"
        " as 13.8% on the news and were changing hands at £25.03.",
        "That adds up to approximately £25.08 per Anglo American ordinary share, against a last"
        " close of just above £22. In early trading Anglo's shares were 14% higher at 2,511.5p.",
        "Despite the talks, Anglo's shares barely moved and were still trading at £25.60 (€29.93).",
        published="2024-04-25")
    offer = ("a:25.08 pounds", "b:£25.08", "c:approximately £25.08")
    assert found.get(offer) == "consistent"
    prices = ("b:£25.03", "c:above £22", "c:2,511.5p", "d:£25.60")
    assert not any(_together(found, bid, price) for bid in offer for price in prices), found


def test_what_an_amount_is_is_read_after_it_then_before_it() -> None:
    assert _marks("BHP makes a 31 billion-pound ($39 billion) all-share offer.", "31 billion-pound",
                  price_marks) == ["~price:offer"]
    assert _marks("Anglo's shares rose 12%, for a market capitalisation of £32.64 billion.",
                  "£32.64 billion", price_marks) == ["~price:market"]
    # the nearest word before it decides: the proposal, not the trading day before it
    assert _marks("On Tuesday, the last trading day before the reports, the proposal is worth about"
                  " £25.08 per share.", "about £25.08", price_marks) == ["~price:offer"]
    # in its own clause: the share price of a company that received a bid is no bid
    assert _marks("Shares in Anglo American, which received a bid from BHP, rose 5% to £25.60.",
                  "£25.60", price_marks) == []
    # an amount neither word names is no offer and no market price
    assert _marks("BHP, itself valued at just shy of £120 billion, is the biggest miner.",
                  "just shy of £120 billion", price_marks) == []
    # capital-one-discover-2024: a deal's purchase price against the target's market valuation
    assert _marks("The purchase price is said to be about 28 billion US dollars.",
                  "about 28 billion US dollars", price_marks) == ["~price:offer"]
    assert _marks("Discover is one of the smaller card issuers, with a market valuation of about $27.72 billion.",
                  "about $27.72 billion", price_marks) == ["~price:market"]


# ---- a revised offer is another offer -----------------------------------------------------------


def test_a_revised_offer_is_not_the_first_offer_updated() -> None:
    found = groups_of(
        "BHP's proposal values each Anglo American share at £25.08, the company said.",
        "The proposal is worth about £25.08 per Anglo American share, including Anglo Platinum stock.",
        "BHP said on 13 May that its latest offer represents a total value of around £27.53 per"
        " Anglo American ordinary share.",
        "Anglo rejected the revised proposal, which BHP said was worth £27.53 per Anglo American"
        " ordinary share.",
        published="2024-05-13")
    # each offer with its own figure: not one offer "updated" or in conflict
    assert found.get(("a:£25.08", "b:about £25.08")) == "consistent"
    assert found.get(("c:around £27.53", "d:£27.53")) == "consistent"


def test_a_word_before_the_offer_or_the_figure_calls_it_revised() -> None:
    assert _marks("Anglo rejects improved £34 billion offer", "£34 billion", revision_marks) == ["~revised:offer"]
    assert _marks("Anglo has rejected a second takeover proposal from BHP worth £34 billion.",
                  "£34 billion", revision_marks) == ["~revised:offer"]
    assert _marks("Anglo rejected BHP's proposal worth £31 billion.", "£31 billion", revision_marks) == []
    # not an offer: a new record share price is no revised bid
    assert _marks("The shares closed at a new high of £26.10.", "£26.10", revision_marks) == []


# ---- a count of events is not a count of people ------------------------------------------------
# palisades-fire-2025: the BBC's "At least five wildfires are burning" was grouped with CBS's
# "five people have died" (and the Malibu Times' "11" killed)


def test_a_count_of_fires_is_not_a_count_of_the_dead() -> None:
    found = groups_of(
        "At least five wildfires are burning in Los Angeles and the neighbouring counties, and the"
        " fires have forced thousands from their homes.",
        "The Los Angeles County Sheriff's Department said five people have died in the fires"
        " burning across the county.",
        "Five fires were still burning in Los Angeles and the neighbouring counties on Thursday.",
        published="2025-01-09")
    assert not _together(found, "a:At least five", "b:five"), found
    # the fires of two reports are counted alike
    assert found.get(("a:At least five", "c:Five")) == "consistent"


def test_a_magnitude_of_a_quake_counts_no_quakes() -> None:
    # the counted noun of a count only: "a 6.8-magnitude quake" measures one quake
    assert _marks("Five wildfires are burning.", "Five", event_count_marks) == ["~events:fire"]
    assert _marks("A 6.8-magnitude quake struck Morocco.", "6.8-magnitude", event_count_marks) == []


# ---- one report's two counts of one figure are two facts ----------------------------------------
# bellingham-real-madrid-2023: City AM's "scored 24 goals and provided 24 assists" and "winning 24
# caps" were one group with Kenyan Post's "24 caps": the same figure, three counts


def test_a_reports_counts_of_two_things_are_not_one_fact_for_their_figure() -> None:
    first = ("Bellingham signs for Real Madrid\n\nHe joined Dortmund in 2020, aged 16, and scored 24"
             " goals and provided 24 assists in 132 appearances there. The all-action midfielder has"
             " become a key player for England, winning 24 caps.")
    second = ("Bellingham joins Real Madrid\n\nBellingham has won 24 caps and scored one goal for"
              " England since his international debut.")
    report = check([{"id": "a", "text": first, "published": "2023-06-14"},
                    {"id": "b", "text": second, "published": "2023-06-14"}])
    groups = [g for g in report.groups if g.verdict != "single_source" and g.details.get("check", "group") == "group"]
    caps = {("a", first.index("24 caps")), ("b", second.index("24 caps"))}
    assert [{(c.doc, c.start) for c in g.claims} for g in groups] == [caps]


# ---- a count of passengers is not a count of everyone on board ---------------------------------
# ethiopian-airlines-302-2019: the Reuters flash's "carrying 189 passengers" (a drift of Lion Air's
# 181 passengers) was grouped with "killing all 189 people on board" and "all 189 aboard"


def test_a_count_of_passengers_is_not_a_count_of_all_on_board() -> None:
    found = groups_of(
        "The Lion Air flight went down over the Java Sea in late October, killing all 189 people on"
        " board.",
        "The aircraft was the same type of Boeing jet that came down in Indonesia while operated by"
        " Lion Air and carrying 189 passengers.",
        "None of the 181 passengers of the Lion Air flight survived the crash in the Java Sea.",
        published="2019-03-10")
    assert not _together(found, "a:189", "b:189"), found
    # the passengers of two reports, one of them misreported, are one fact
    assert ("b:189", "c:181") in found


def test_what_part_of_the_people_a_count_counts() -> None:
    assert _marks("It had eight crew members aboard.", "eight", subgroup_marks) == ["~subgroup:crew"]
    assert _marks("It carried 149 passengers.", "149", subgroup_marks) == ["~subgroup:passenger"]
    # the head of what is counted: a plane is no passenger; people are everyone
    assert _marks("Two passenger planes crashed within months.", "Two", subgroup_marks) == []
    assert _marks("All 157 people on board died.", "157", subgroup_marks) == []


def test_a_reports_two_namings_of_one_count_are_one_fact() -> None:
    # optus-data-breach-2022: AP's "10,000 Optus customers" and "10,000 Optus customer records"
    # name one count in words alike: both meet another report's 10,000
    found = groups_of(
        "Optus hacker releases data\n\nAustralian police are investigating a report that a purported"
        " hacker has already released the stolen personal data of 10,000 Optus customers, the"
        " company's chief executive said on Tuesday. A cybersecurity writer said the purported hacker"
        " had posted 10,000 Optus customer records on the dark web.",
        "Optus data on the dark web\n\nThe 10,000 Optus customers already confirmed to have had their"
        " data posted on the dark web will be the first priority of a new police taskforce.",
        published="2022-09-27")
    assert found == {("a:10,000", "a:10,000", "b:10,000"): "consistent"}


# ---- one report's two figures of one measure in two units ---------------------------------------
# kiptum-chicago-marathon-2023: Newser's "only 35 seconds slower than two hours" sat in the group of
# its own "2:00:35" (a round "two hours" reads 1.8 to 2.2 hours), and so beside every report's time


def test_a_reports_time_and_the_round_mark_it_is_set_against_are_two_facts() -> None:
    found = groups_of(
        "Kiptum breaks record\n\nKelvin Kiptum won the Chicago Marathon in a time that not long ago"
        " would have seemed impossible: only 35 seconds slower than two hours. His time of 2:00:35"
        " took 34 seconds off the world record.",
        "Kiptum sets record\n\nKenya's Kelvin Kiptum won the Chicago Marathon on Sunday in a world"
        " record time of 2:00:35.",
        published="2023-10-09")
    assert found == {("a:2:00:35", "b:2:00:35"): "consistent"}


def test_a_restatement_in_another_unit_is_the_figure_again() -> None:
    # a figure restated in brackets is no second figure of its report (written_figure skips it)
    found = groups_of(
        "Milton makes landfall\n\nThe storm had maximum sustained winds of 120 mph (205 kph) when it"
        " made landfall at Siesta Key.",
        "Milton hits Florida\n\nMilton made landfall at Siesta Key with maximum sustained winds of"
        " 120 mph.",
        published="2024-10-10")
    assert _together(found, "a:120 mph", "a:205 kph", "b:120 mph"), found


# ---- a design limit is not what was met ---------------------------------------------------------
# parker-solar-probe-2024: CBS's heat shield "designed to cope with temperatures of up to 2,500
# degrees" was grouped with the "above 1,700 degrees" it met on the pass


def test_a_design_limit_is_not_the_temperature_met() -> None:
    found = groups_of(
        "Parker Solar Probe is the fastest spacecraft ever built, and its heat shield is designed to"
        " cope with temperatures of up to 2,500 degrees Fahrenheit (1,371 degrees Celsius).",
        "During the record encounter, temperatures on the spacecraft's heat shield climbed above"
        " 1,700 degrees Fahrenheit (930 degrees Celsius).",
        "The probe's heat shield faced temperatures of up to 1,800 degrees Fahrenheit (982 degrees"
        " Celsius) during the pass.",
        published="2024-12-27")
    assert not _together(found, "a:up to 2,500 degrees Fahrenheit", "b:above 1,700 degrees Fahrenheit"), found
    assert _together(found, "b:above 1,700 degrees Fahrenheit", "c:up to 1,800 degrees Fahrenheit")


# ---- a threshold crossed is not the level measured ----------------------------------------------


def test_a_threshold_is_read_from_its_noun_or_the_verb_that_crosses_it() -> None:
    # cocoa-prices-2024, antarctic-sea-ice-2023, nikkei-record-2024 in our own words
    for text, figure in [
        ("On Tuesday the bean went above the $10,000-per-metric-ton mark for the first time.", "$10,000"),
        ("The extent has dropped below 2 million square kilometers only twice.", "below 2 million square kilometers"),
        ("During the session the index crossed 39,000 for the first time.", "39,000"),
        ("Cocoa prices exceed $10,000 per tonne for the first time.", "$10,000"),
    ]:
        assert _marks(text, figure, threshold_marks) == ["~threshold:crossed"], text
    for text, figure in [
        ("Futures briefly jumped to $10,030 per metric ton.", "$10,030"),
        ("The death toll rose above 2,000 on Sunday.", "above 2,000"),  # a toll's floor is its count
        ("He ran 2:00:35, taking 34 seconds off the old mark.", "34 seconds"),
        ("Gusts topping 100 mph hit the bay.", "100 mph"),  # a bound, not a crossing
        ("She broke the 5,000m record in July.", "5,000m"),
        ("The index closed at a record, topping 1989's high.", "1989"),
    ]:
        assert _marks(text, figure, threshold_marks) == [], text


def test_a_threshold_and_the_level_beside_it_are_two_facts() -> None:
    found = groups_of(
        "Antarctic sea ice fell to 1.91 million square kilometers, dropping below 2 million square"
        " kilometers for only the second time.",
        "The ice covered 1.79 million square kilometers, the second time it has shrunk below 2 million"
        " square kilometers.", published="2023-03-01")
    assert found.get(("a:below 2 million square kilometers", "b:below 2 million square kilometers")) == "consistent"
    assert not any(_together(found, "b:1.79 million square kilometers", f"{d}:below 2 million square kilometers")
                   for d in "ab"), found


# ---- two approximate figures of one report are two facts ------------------------------------
# alaska-hawaiian-2023: MarketWatch's "about $900 million of Hawaiian's net debt, for a total
# equity value of about $1 billion" read as one fact (their readings overlap at $900 million), so
# the debt and the equity value of every other report fell into one divergent group


def test_two_approximate_figures_of_one_report_that_differ_as_written_are_two_facts() -> None:
    found = groups_of(
        "Alaska Air to buy Hawaiian Airlines\n\nAlaska Air will pay $18 a share in cash and take on "
        "about $900 million of Hawaiian's net debt, for a total equity value of about $1 billion.",
        "The deal takes on $900 million of Hawaiian's debt, which the airlines said is part of the "
        "total value.", published="2023-12-04")
    assert not _together(found, "a:about $900 million", "a:about $1 billion")
    assert found.get(("a:about $900 million", "b:$900 million")) == "consistent"
