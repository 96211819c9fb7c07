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


