"""The same fact stated by several outlets in their own words is one group (issue 14, grouping
recall): the sentence shapes are those of the development stories (tests/stories)."""

from __future__ import annotations

from typing import Any

from numclaims import check


def _groups(*texts: str, published: str = "2023-06-07") -> list[list[str]]:
    """The cross-source groups of the figures (not the years) of documents a, b, ..."""
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    report = check(docs)
    return sorted(sorted(f"{c.doc}:{c.text}" for c in g.claims) for g in report.groups
                  if g.verdict != "single_source" and g.details.get("kind") != "year")


def test_a_fee_in_euros_meets_the_same_fee_in_pounds() -> None:
    # bellingham-real-madrid-2023: Football España's "€103m" and Sky Sports' "£88.5m" are one fee,
    # in two sentences that share no telling word
    found = _groups("The German club will receive €103m for the midfielder, plus variable payments.",
                    "Real Madrid have reached an agreement to sign England midfielder Jude Bellingham"
                    " for an initial fee of £88.5m.")
    assert ["a:€103m", "b:£88.5m"] in found


def test_a_fee_in_euros_is_not_another_fee_in_pounds() -> None:
    # £95.5m is about €111m: another figure, though as precisely written
    found = _groups("The German club will receive €103m for the midfielder, plus variable payments.",
                    "Real Madrid have reached an agreement to sign England midfielder Jude Bellingham"
                    " for an initial fee of £95.5m.")
    assert found == []



def test_an_age_meets_itself_in_other_words() -> None:
    # bellingham-real-madrid-2023: Sky Sports' "at just 19" and PA's "The 19-year-old", in
    # sentences that share no telling word
    found = _groups("Dortmund say that with add-ons the figure could go beyond £115m, which would make"
                    " Bellingham, at just 19, the most expensive British player of all time.",
                    "The 19-year-old left his boyhood club Birmingham for Germany in 2020 and has long"
                    " dreamed of playing for the LaLiga giants.")
    assert ["a:at just 19", "b:19-year-old"] in found


def test_a_margin_meets_itself_in_other_words() -> None:
    # kiptum-chicago-marathon-2023: two outlets' "34 seconds" off the old world record
    found = _groups("The 23-year-old's time improved on the previous best by 34 seconds.",
                    "Kiptum stunned the athletics world, finishing 34 seconds faster than the mark"
                    " Eliud Kipchoge set in Berlin.", published="2023-10-09")
    assert ["a:34 seconds", "b:34 seconds"] in found


def test_a_two_digit_amount_of_money_needs_alike_words() -> None:
    # bhp-anglo-american-2024: Anglo's market value and BHP's revised bid were both £34 billion
    found = _groups("Anglo American, whose market value is estimated at £34 billion, has lagged its"
                    " peers since its shares slumped.",
                    "BHP has raised its takeover proposal to one worth £34 billion, a sweetened"
                    " approach.", published="2024-05-13")
    assert found == []


def test_a_rounded_fee_in_euros_meets_the_fee_in_pounds() -> None:
    # bellingham-real-madrid-2023: "around €134m" is rounded by its wording, not a vague amount:
    # it names the maximum that Sky Sports gives as "£115m"
    found = _groups("If all of them are met, the total cost of the deal could climb to around €134m.",
                    "Dortmund say that with add-ons the figure could go beyond £115m, making him the"
                    " most expensive British player.")
    assert ["a:around €134m", "b:£115m"] in found


def test_one_precise_figure_placed_in_adjacent_years_is_one_fact() -> None:
    # nvidia-q4-fy2024: Zacks places the quarter's revenue in January 2024, TechSpot in 2023
    found = _groups("Nvidia reported revenue of $22.1 billion for the quarter that ended in January 2024.",
                    "Revenue for the final quarter of 2023 came to $22.1 billion, driven by the rush"
                    " into AI.", published="2024-02-22")
    assert ["a:$22.1 billion", "b:$22.1 billion"] in found


def test_one_figure_two_years_apart_is_two_facts() -> None:
    found = _groups("Nvidia reported revenue of $22.1 billion for the quarter that ended in January 2024.",
                    "Revenue for the final quarter of 2021 came to $22.1 billion, driven by the rush"
                    " into AI.", published="2024-02-22")
    assert found == []


def test_a_gust_in_metres_per_second_meets_it_in_miles_per_hour() -> None:
    # hurricane-milton-2024: the Miami Herald's "101 mph" and Weather and Climate's "45 m/s" at
    # Albert Whitted Airport
    found = _groups("Further north, St. Petersburg registered a 101 mph gust around 10:30 p.m.",
                    "Other stations were not far behind: the Albert Whitted Airport 45 m/s.",
                    published="2024-10-10")
    assert ["a:101 mph", "b:45 m/s"] in found


def test_a_rounded_percentage_meets_the_precise_one() -> None:
    # nikkei-record-2024: Kyodo's "2.19 percent" and AP's "2.2%", in sentences sharing no word
    found = _groups("The Nikkei Stock Average gained 836.52 points, or 2.19 percent, from Wednesday.",
                    "Japan's benchmark index rose 2.2% on Thursday, the best day in weeks.",
                    published="2024-02-22")
    assert ["a:2.19 percent", "b:2.2%"] in found


def test_a_forecast_up_to_a_figure_is_not_a_measurement_above_it() -> None:
    # hurricane-milton-2024: "up to 18 inches" of rain forecast, "more than 18 inches" measured
    found = _groups("Forecasters warned that up to 18 inches of rain could fall on the Tampa Bay area.",
                    "St. Petersburg recorded rainfall of over 465 mm, the National Weather Service said.",
                    published="2024-10-10")
    assert found == []


def test_a_time_after_departure_is_one_after_takeoff() -> None:
    # ethiopian-airlines-302-2019: CBS's "after departure" and Uproxx's "after takeoff"
    # (data/check_synonyms.txt)
    found = _groups("The jet came down six minutes after departure on its way to the Kenyan capital.",
                    "The pilot lost contact with air traffic controllers six minutes after takeoff.",
                    published="2019-03-11")
    assert ["a:six minutes", "b:six minutes"] in found


def test_one_figure_in_few_shared_words_is_one_fact() -> None:
    # hurricane-milton-2024: the same "more than 2 million" without power, worded apart
    # (VALUE_BONUS: the same figure needs fewer alike words than another one)
    found = _groups("On Friday afternoon more than 2 million customers in Florida were still without"
                    " power; at the height of the storm over 3 million had lost it.",
                    "More than two million homes and businesses still had no electricity, officials"
                    " said, and parts of the state along the storm's path remained under water.",
                    published="2024-10-11")
    assert ["a:more than 2 million", "b:More than two million"] in found




def test_a_toll_counted_in_people_meets_the_toll_counted_in_dead() -> None:
    # hurricane-milton-2024: "At least 16 people" of one report is the toll that another gives as
    # "at least 11 dead"; "people" (data/check_generic_nouns.txt) says nothing of which count,
    # and weighed as a subject it drew the toll to the report's other count of people
    found = _groups("Milton left at least 11 dead in Florida as it crossed the state, officials said.",
                    "At least 16 people died in Florida as Milton crossed the state. Rescuers pulled"
                    " 24 people from flooded homes, officials said.",
                    published="2024-10-11")
    assert ["a:at least 11", "b:At least 16"] in found


def test_a_part_of_a_figure_is_not_another_report_s_total() -> None:
    # morocco-earthquake-2023: AP's "721 of them critically" counts part of the injured; it is
    # not the toll of "at least 632 people had been killed"
    found = _groups("State media said at least 632 people had been killed and 329 injured.",
                    "The Interior Ministry said at least 1,037 people had died, and that 1,204 more had"
                    " been injured, 721 of them critically.", published="2023-09-09")
    assert not any("b:721" in group for group in found)


def _verdicts(*docs: tuple[str, str]) -> list[tuple[str, list[str]]]:
    report = check([{"id": chr(ord("a") + n), "text": t, "published": day} for n, (day, t) in enumerate(docs)])
    return [(g.verdict, sorted(f"{c.doc}:{c.text}" for c in g.claims)) for g in report.groups
            if g.verdict != "single_source" and g.details.get("kind") != "year"]


def test_a_vague_amount_of_one_day_does_not_date_a_rising_toll() -> None:
    # morocco-earthquake-2023: "thousands" beside "more than 3,000" of a week later says nothing
    # of when the toll rose; the figures' own days make the series (and the explanation names no
    # day for "thousands")
    found = _verdicts(
        ("2023-09-08", "The earthquake killed thousands of people, the interior ministry said."),
        ("2023-09-09", "At least 1,037 people died in the earthquake, the interior ministry said."),
        ("2023-09-11", "At least 2,000 people died in the earthquake, the interior ministry said."),
        ("2023-09-13", "More than 3,000 people died in the earthquake, the interior ministry said."))
    updated = [claims for verdict, claims in found if verdict == "updated"]
    assert updated and {"b:At least 1,037", "c:At least 2,000", "d:More than 3,000"} <= set(updated[0])


def test_a_later_floor_above_a_toll_is_the_toll_updated() -> None:
    # morocco-earthquake-2023: the New York Times' "More than 3,000 people died in all", a week
    # after "at least 2,000", in a sentence about other things: the toll, risen
    found = _verdicts(
        ("2023-09-09", "The earthquake killed at least 632 people, the interior ministry said."),
        ("2023-09-10", "The earthquake killed at least 1,037 people, the interior ministry said."),
        ("2023-09-11", "The earthquake killed at least 2,000 people, the interior ministry said."),
        ("2023-09-16", "More than 3,000 people died in all, five of the workers who were restoring the"
                       " Tinmel mosque and living nearby among them."))
    assert ("updated", ["a:at least 632", "b:at least 1,037", "c:at least 2,000", "d:More than 3,000"]) in found


def test_figures_of_two_named_events_of_one_kind_never_merge() -> None:
    # palisades-fire-2025: the Los Angeles Times gives each fire under its own heading, "The fire
    # has burned ... acres"; the Eaton Fire's area is not the Palisades Fire's, however alike the
    # sentences and the figures
    found = _groups("Eaton fire\n\nThe fire has burned 14,117 acres and many buildings in Altadena and Pasadena.",
                    "The Palisades Fire has burned 14,117 acres of hillside, Cal Fire said on Monday.",
                    published="2025-01-13")
    assert found == []


def test_one_named_event_in_other_words_still_meets_itself() -> None:
    found = _groups("Eaton fire\n\nThe fire has burned 14,117 acres and many buildings in Altadena and Pasadena.",
                    "The Eaton Fire has burned 14,117 acres of hillside, Cal Fire said on Monday.",
                    published="2025-01-13")
    assert found == [["a:14,117 acres", "b:14,117 acres"]]


def test_a_running_total_that_grows_report_by_report_is_updated() -> None:
    # palisades-fire-2025: the fire's area, "had spread across" then "has burned" then "has grown
    # to": one total growing eightfold over six days, not five facts nor a conflict
    found = _verdicts(
        ("2025-01-07", "Pushed by fierce winds, the Palisades Fire had spread across more than 2,900 acres."),
        ("2025-01-08", "Since it was reported shortly before noon, the Palisades Fire has burned 11,802 acres."),
        ("2025-01-09", "The Palisades Fire, first reported on Tuesday, has grown to over 17,000 acres."),
        ("2025-01-13", "The Palisades Fire has burned 23,713 acres and consumed many homes."))
    assert ("updated", ["a:more than 2,900 acres", "b:11,802 acres", "c:over 17,000 acres",
                        "d:23,713 acres"]) in found


def test_a_higher_figure_of_a_later_report_is_no_update_unless_a_total_runs() -> None:
    # a price stated on two days is no running total: the later, higher one is another fact
    found = _verdicts(
        ("2025-01-07", "The company sold the building for $2.9 million, its filing showed."),
        ("2025-01-13", "The company sold the building for $23.7 million, its filing showed."))
    assert not [v for v, _ in found if v == "updated"]


def test_a_further_amount_is_not_the_amount_before_it() -> None:
    # palisades-fire-2025: NBC's "about 88,000 ... under evacuation orders ... and another 84,800
    # people ... under evacuation warnings": two figures side by side, never one reading
    found = _groups("About 88,000 residents are still under evacuation orders, officials said, and"
                    " another 84,800 people live in areas under evacuation warnings.",
                    "Roughly 88,000 residents remain under evacuation orders, officials said.",
                    published="2025-01-14")
    assert not [g for g in found if "a:another 84,800" in g or "a:84,800" in g]
    assert ["a:About 88,000", "b:Roughly 88,000"] in found


def test_a_figure_is_of_the_one_event_its_sentence_names() -> None:
    # palisades-fire-2025: NPR's evacuation figure is not of the Eaton Fire, though the
    # figure's own phrase names no fire
    found = _groups("More than 30,000 people have been told to leave their homes as the Palisades"
                    " Fire burned through the community.",
                    "The Eaton Fire prompted evacuation orders for roughly 30,000 people.",
                    published="2025-01-08")
    assert found == []


def test_a_count_of_the_things_is_part_of_them() -> None:
    # uk-election-2024: the Irish Times' "In more than 170 of the seats the Conservatives lost" is
    # some of the seats, not the Conservatives' 121 seats
    found = _groups("The Conservatives held on to only 121 seats.",
                    "The Conservatives were reduced to 121 seats in the Commons.",
                    "In more than 170 of the seats the Conservatives lost, Reform's vote exceeded the margin.",
                    published="2024-07-05")
    assert found == [["a:121", "b:121"]]


def test_a_figure_of_several_events_is_of_no_one_of_them() -> None:
    # palisades-fire-2025: NBC's countywide figure under orders "a week after two major wildfires
    # broke out" is not the Palisades Fire's, however close the figures
    found = _groups("More than 30,000 people are under evacuation orders as the Palisades Fire burns.",
                    "A week after two major wildfires broke out, about 33,000 people are under"
                    " evacuation orders.", published="2025-01-14")
    assert found == []


def test_a_vague_amount_gives_its_group_no_figure_to_be_found_by() -> None:
    # palisades-fire-2025: "tens of thousands" spans 84,800; beside "about 30,000" it does not
    # draw another report's 84,800 under evacuation warnings into the first day's evacuations
    found = _groups("About 30,000 residents, tens of thousands of people, were ordered out of their homes.",
                    "Roughly 30,000 people were under evacuation orders, the fire chief said.",
                    "Another 84,800 people live in areas under evacuation warnings, officials said.",
                    published="2025-01-08")
    assert not [g for g in found if any("84,800" in c for c in g)]


def test_two_figures_one_report_writes_apart_are_two_facts() -> None:
    # morocco-earthquake-2023: AP gives the USGS's 6.8 and the Moroccan institute's 7; they
    # overlap as rounded readings but the report wrote two figures
    found = _groups("Quake in Morocco\n\nThe powerful earthquake had a preliminary magnitude of 6.8, the US"
                    " Geological Survey said. Morocco's National Institute of Geophysics put the quake's"
                    " magnitude at 7 on the Richter scale.",
                    "Morocco quake\n\nThe powerful earthquake had a magnitude of 6.8, according to the US"
                    " Geological Survey.",
                    "Morocco quake toll\n\nThe 6.8-magnitude earthquake struck late on Friday, the US"
                    " Geological Survey said.", published="2023-09-09")
    assert ["a:magnitude of 6.8", "b:magnitude of 6.8", "c:6.8-magnitude"] in found


def test_two_ranges_of_one_report_are_two_facts() -> None:
    # hurricane-milton-2024: FOX 35 prints the Category 3 band and the Category 4 band, which
    # overlap as it writes them
    found = _groups("Hurricane categories\n\nCategory 3 winds are 111-129 mph. Category 4 winds run"
                    " from 120 to 156 mph on the scale FOX 35 printed.",
                    "Hurricane categories\n\nA Category 3 storm has winds of 111-129 mph.",
                    published="2024-10-08")
    assert not [g for g in found if any("111-129" in c for c in g) and any("120 to 156" in c for c in g)]


def test_a_headline_s_rounded_figure_still_meets_its_body() -> None:
    # the first line rounds: "$39bn" of a headline is the "$38.8bn" of its body
    found = _groups("BHP makes $39bn bid for Anglo American\nBHP offered $38.8bn for the miner on Thursday.",
                    "BHP has offered $38.8bn for rival Anglo American, the company said on Thursday.",
                    published="2024-04-25")
    assert any("a:$38.8bn" in g and "b:$38.8bn" in g for g in found)


def test_a_range_written_alike_is_one_figure_whatever_the_words() -> None:
    # alaska-hawaiian-2023: MarketWatch's "expects the deal to close within the next 12-18 months"
    # and the Star-Advertiser's "in 12 to 18 months, if regulators and shareholders approve"
    found = _groups("Alaska said it expects the deal to close within the next 12-18 months.",
                    "Alaska plans to pay Hawaiian shareholders in cash in 12 to 18 months, if regulators "
                    "and shareholders approve.", published="2023-12-04")
    assert found == [["a:12-18 months", "b:12 to 18 months"]]


def test_workers_killed_are_not_workers_injured() -> None:
    found = _groups("The explosion at the mine killed 22 workers, the minister said.",
                    "The explosion at the mine injured 25 workers, the minister said.",
                    published="2022-10-14")
    assert found == []

