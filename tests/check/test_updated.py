"""A figure that changes as reports come out is `updated`, not a conflict (issue 14: a toll that
rises day by day was called a conflict); two reports that merely differ stay a conflict."""

from __future__ import annotations

from numclaims import check

TOLL = "The death toll from the wildfire in Los Angeles {verb} {n}, officials said."


def _group(*reports: tuple[str, str]) -> tuple[str, str]:
    docs = [{"id": chr(ord("a") + i), "text": text, "published": day} for i, (day, text) in enumerate(reports)]
    [group] = [g for g in check(docs).groups if g.verdict != "single_source"]
    return group.verdict, group.explanation


def test_a_toll_rising_over_three_reports_is_updated_with_its_dates() -> None:
    verdict, why = _group(("2025-01-08", TOLL.format(verb="stood at", n=5)),
                          ("2025-01-10", TOLL.format(verb="stood at", n=11)),
                          ("2025-01-12", TOLL.format(verb="stood at", n=16)))
    assert verdict == "updated"
    assert '"5" (a) on Jan 8 then "11" (b) on Jan 10 then "16" (c) on Jan 12' in why


def test_two_reports_saying_the_figure_rose_are_updated() -> None:
    assert _group(("2025-01-08", TOLL.format(verb="rose to", n=5)),
                  ("2025-01-10", TOLL.format(verb="rose to", n=11)))[0] == "updated"


def test_two_reports_that_merely_differ_are_a_conflict() -> None:
    assert _group(("2025-01-08", TOLL.format(verb="stood at", n=5)),
                  ("2025-01-10", TOLL.format(verb="stood at", n=11)))[0] == "conflict"


def test_figures_that_go_back_and_forth_are_not_updated() -> None:
    assert _group(("2025-01-08", TOLL.format(verb="stood at", n=5)),
                  ("2025-01-10", TOLL.format(verb="stood at", n=11)),
                  ("2025-01-12", TOLL.format(verb="stood at", n=7)))[0] != "updated"


def test_two_outlets_of_one_day_are_not_an_update() -> None:
    assert _group(("2025-01-08", TOLL.format(verb="stood at", n=5)),
                  ("2025-01-08", TOLL.format(verb="stood at", n=11)),
                  ("2025-01-10", TOLL.format(verb="stood at", n=16)))[0] != "updated"


def test_over_three_days_two_reports_of_one_day_may_be_steps_of_the_series() -> None:
    # morocco-earthquake-2023: the toll rose between the morning's reports and the evening's
    verdict, why = _group(("2023-09-09", "The death toll from the earthquake in Morocco stood at 632, officials said."),
                          ("2023-09-09", "The death toll from the earthquake stood at 1,037, officials said."),
                          ("2023-09-11", "The death toll from the earthquake stood at 2,012, officials said."),
                          ("2023-09-16", "The death toll from the earthquake stood at 2,946, officials said."))
    assert verdict == "updated"
    assert ('"632" (a) on Sep 9 then "1,037" (b) on Sep 9 then "2,012" (c) on Sep 11 then "2,946" (d) '
            'on Sep 16') in why




# ---- a claim's own time: the clock time of its sentence, or of its paragraph's sentence before it

def _docs(*reports: tuple[str, str]) -> list[dict]:
    return [{"id": chr(ord("a") + i), "text": text, "published": day} for i, (day, text) in enumerate(reports)]


def _only_group(docs: list[dict]) -> tuple[str, str]:
    [group] = [g for g in check(docs).groups if g.verdict != "single_source"]
    return group.verdict, group.explanation


def test_an_advisory_figure_of_one_day_at_two_clock_times_is_updated_with_the_times() -> None:
    # hurricane-milton-2024: the storm slowed between the 8 a.m. and the 11 a.m. advisories; the
    # speed's sentence names no time, the paragraph's sentence before it does
    verdict, why = _only_group(_docs(
        ("2024-10-08", "At 8:00 AM Tuesday, the storm was far southwest of Tampa. "
                       "It was moving east-northeast at 12 mph."),
        ("2024-10-08", "As of 11 a.m., the storm was nearer Tampa and far from land. "
                       "It was moving east-northeast at 9 mph.")))
    assert verdict == "updated"
    assert '"12 mph" (a) at 8:00 AM Oct 8 then "9 mph" (b) at 11 a.m. Oct 8' in why


def test_two_reports_of_one_day_with_no_clock_times_still_conflict() -> None:
    verdict, _ = _only_group(_docs(
        ("2024-10-08", "On Tuesday the storm was far from land. It was moving east-northeast at 12 mph."),
        ("2024-10-08", "On Tuesday the storm was far from land. It was moving east-northeast at 9 mph.")))
    assert verdict == "conflict"


def test_a_clock_time_of_another_paragraph_dates_nothing() -> None:
    verdict, _ = _only_group(_docs(
        ("2024-10-08", "At 8:00 AM Tuesday, forecasters met.\n\nThe storm was moving east-northeast at 12 mph."),
        ("2024-10-08", "As of 11 a.m., forecasters met.\n\nThe storm was moving east-northeast at 9 mph.")))
    assert verdict == "conflict"


def test_clock_times_in_named_zones_are_ordered_in_utc() -> None:
    # 9 a.m. CDT is 14:00 UTC, after 13:00 GMT though "9" is before "1"
    verdict, why = _only_group(_docs(
        ("2024-10-08", "At 1:00 p.m. GMT the storm was moving east-northeast at 12 mph."),
        ("2024-10-08", "At 9:00 a.m. CDT the storm was moving east-northeast at 14 mph.")))
    assert verdict == "updated"
    assert '"12 mph" (a) at 1:00 p.m. GMT Oct 8 then "14 mph" (b) at 9:00 a.m. CDT Oct 8' in why


def test_three_clock_times_that_go_back_and_forth_are_divergent_not_updated() -> None:
    verdict, why = _only_group(_docs(
        ("2024-10-08", "At 8 a.m. the storm was moving east-northeast at 12 mph."),
        ("2024-10-08", "At 11 a.m. the storm was moving east-northeast at 9 mph."),
        ("2024-10-08", "At 2 p.m. the storm was moving east-northeast at 14 mph.")))
    assert verdict == "divergent"
    assert "at 8 a.m. Oct 8" in why and "at 2 p.m. Oct 8" in why


# ---- a count read while under way and once done

def test_a_count_read_under_way_and_once_done_is_updated_over_two_reports() -> None:
    # uk-election-2024: 59.8% with 649 of 650 seats declared, 59.9% the next day once all were;
    # another report's rounded 60% agrees with both and dates no step
    verdict, why = _only_group(_docs(
        ("2024-07-05", "With 649 of the 650 constituencies declared, turnout at the election stood at 59.8%."),
        ("2024-07-05", "Turnout at the election came in at 60%, the lowest level in years."),
        ("2024-07-06", "Now that all results have been declared, turnout at the election has been confirmed at 59.9%.")))
    assert verdict == "updated"
    assert '"59.8%" (a) on Jul 5 then "59.9%" (c) on Jul 6' in why


def test_two_reports_a_day_apart_that_do_not_say_the_count_went_on_conflict() -> None:
    verdict, _ = _only_group(_docs(
        ("2024-07-05", "Turnout at the election stood at 59.8%, the lowest level in years."),
        ("2024-07-06", "Turnout at the election stood at 59.9%, the lowest level in years.")))
    assert verdict == "conflict"


def test_a_count_said_to_be_final_in_the_earlier_report_that_then_moves_is_not_ordered_backwards() -> None:
    # the later report's figure is the earlier one's: no update when the order of days is not clean
    verdict, _ = _only_group(_docs(
        ("2024-07-05", "With all constituencies declared, turnout at the election stood at 59.8%."),
        ("2024-07-05", "With all constituencies declared, turnout at the election stood at 59.9%.")))
    assert verdict == "conflict"


# ---- a running total read at different hours, one report lagging

def test_a_running_total_whose_lower_reading_is_never_later_is_divergent_with_the_days() -> None:
    # palisades-fire-2025: five killed (Jan 9, and a live page of Jan 10), 11 killed (Jan 10)
    verdict, why = _only_group(_docs(
        ("2025-01-09", "Five people have been killed in the wildfires in Los Angeles."),
        ("2025-01-10", "Five people have been killed in the wildfires in Los Angeles, officials said."),
        ("2025-01-10", "The wildfires in Los Angeles have killed 11 people.")))
    assert verdict == "divergent"
    assert '"Five" (a, b) on Jan 9 to Jan 10 and "11" (c) on Jan 10' in why
    assert "may have risen" in why


def test_a_running_total_whose_lower_reading_comes_later_stays_a_conflict() -> None:
    verdict, _ = _only_group(_docs(
        ("2025-01-09", "The wildfires in Los Angeles have killed 11 people."),
        ("2025-01-10", "Five people have been killed in the wildfires in Los Angeles."),
        ("2025-01-10", "Five people have been killed in the wildfires in Los Angeles, officials said.")))
    assert verdict == "conflict"


INJURED = "The number of people injured in the train crash in Odisha {verb} {n}, officials said."


def test_floors_and_same_day_reports_that_never_go_back_are_updated() -> None:
    # odisha-train-crash-2023: "over 900" (Jun 2), "more than 900" and "over 1,100" (two outlets
    # of Jun 3), "1,170" (Jun 4), "1,175" (Jun 5): a floor meets the figures after it, and one day
    # holds two readings, yet no day goes back on the one before
    verdict, why = _group(("2023-06-02", INJURED.format(verb="was over", n="900")),
                          ("2023-06-03", INJURED.format(verb="was more than", n="900")),
                          ("2023-06-03", INJURED.format(verb="was over", n="1,100")),
                          ("2023-06-04", INJURED.format(verb="stood at", n="1,170")),
                          ("2023-06-05", INJURED.format(verb="stood at", n="1,175")))
    assert verdict == "updated", why
    assert "never going back" in why and "on Jun 2 then" in why


def test_one_amount_written_two_ways_over_three_days_is_not_updated() -> None:
    # arm-ipo-2023: "up to $4.87 billion", "$4.87bn", "almost $5bn" of the money an IPO raised
    verdict, _ = _group(("2023-09-05", "Arm's listing will raise up to $4.87 billion, filings show."),
                        ("2023-09-14", "Arm's listing raised $4.87bn for SoftBank, filings show."),
                        ("2023-09-15", "Arm's listing raised almost $5bn for SoftBank, filings show."))
    assert verdict != "updated"
