"""The period a figure covers names its fact (issue 14). What one day adds is its own fact:
"another 1,250 flights yesterday" is not Friday's 1,200, nor the 5,000 since Friday, while a toll
stated day by day stays one fact that is updated (cases in the shape of crowdstrike-outage-2024's
reports). A rise over the past three months is not the rise over the past year (cocoa-prices-2024).
The rules read the frames, not these words."""

from __future__ import annotations

from numclaims import check
from numclaims.checking.claims import build_items
from numclaims.checking.grouping import increment_marks, since_marks
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract
from tests.check.test_grouping_causes import _groups

MONDAY = "2024-07-22"


def _marks(text: str, figure: str, marks: object = increment_marks, published: str = MONDAY) -> list[str]:
    item = next(i for i in build_items(Document("a", text, published=published), extract(text, published=published))
                if i.mention.text == figure)
    return marks(item)  # type: ignore[operator, no-any-return]


def test_a_further_amount_of_one_day_is_that_days_marks() -> None:
    assert _marks("The airline had to scrap another 1,250 flights yesterday, Reuters said.",
                      "1,250") == ["~increment:2024-07-21"]


def test_a_figure_of_one_day_that_adds_nothing_is_no_marks() -> None:
    assert _marks("The airline scrapped about 1,200 flights on Friday, the tracker said.",
                      "about 1,200") == []
    assert _marks("The airline has scrapped another 5,000 flights since Friday.", "5,000") == []


def test_an_increment_joins_no_figure_of_another_day() -> None:
    found = _groups(
        "The carrier scrapped about 1,200 flights on Friday as the outage spread, the tracker said.",
        "The carrier had to scrap another 1,250 flights yesterday as the outage spread, the tracker said.",
        published=MONDAY)
    assert not any({"a:about 1,200", "b:1,250"} <= set(g) for g in found)


def test_increments_of_two_days_stay_apart_and_of_one_day_agree_or_conflict() -> None:
    found = _groups(
        "By Sunday, when the carrier scrapped another 1,300 flights, the outage had spread.",
        "On Sunday the carrier scrapped another 1,250 flights as the outage spread.",
        "On Monday, July 22, the carrier scrapped an additional 700 flights as the outage spread.",
        published=MONDAY)
    assert found.get(("a:1,300", "b:1,250")) == "conflict"
    assert not any("c:700" in g for g in found)


def test_a_toll_stated_day_by_day_is_no_increment_and_stays_updated() -> None:
    report = check([
        {"id": "a", "text": "The death toll from the floods in Valencia rose to 95 on Wednesday, officials said.",
         "published": "2024-10-30"},
        {"id": "b", "text": "The death toll from the floods in Valencia rose to 158 on Thursday, officials said.",
         "published": "2024-10-31"}])
    assert [(sorted(c.text for c in g.claims), g.verdict) for g in report.groups
            if g.verdict != "single_source"] == [(["158", "95"], "updated")]


# ---- a change measured from a day: the month it starts -------------------------------------------


def test_a_change_since_a_day_marks_the_months_around_that_day() -> None:
    text = "Prices have rocketed more than 150% over the past three months, traders said."
    assert _marks(text, "more than 150%", since_marks, "2024-03-26") == [
        "~since:2023-11", "~since:2023-12", "~since:2024-01"]


def test_a_change_against_a_years_basis_or_in_a_quarter_marks_no_start() -> None:
    assert _marks("Revenue came to $22.1 billion, 265% more than a year earlier.", "265%",
                  since_marks, "2024-02-22") == []
    assert _marks("Revenue for the final quarter of 2023 rose 265 percent.", "265 percent",
                  since_marks, "2024-02-22") == []


def test_rises_measured_from_days_months_apart_are_two_facts() -> None:
    report = check([
        {"id": "a", "text": "Cocoa prices have rocketed more than 150% over the past three months, traders said.",
         "published": "2024-03-26"},
        {"id": "b", "text": "Cocoa prices have more than tripled over the past year, traders said.",
         "published": "2024-04-05"}])
    assert {c.text: g.verdict for g in report.groups for c in g.claims if c.text != "three months"} == {
        "more than 150%": "single_source", "tripled": "single_source"}


def test_rises_over_the_same_months_still_meet() -> None:
    report = check([
        {"id": "a", "text": "Cocoa prices have rocketed more than 150% over the past three months, traders said.",
         "published": "2024-03-26"},
        {"id": "b", "text": "Cocoa prices have climbed 160% over the past three months, traders said.",
         "published": "2024-03-28"}])
    assert [(sorted(c.text for c in g.claims), g.verdict) for g in report.groups if g.verdict != "single_source"
            and "three months" not in {c.text for c in g.claims}] == [(["160%", "more than 150%"], "consistent")]
