"""What one day adds is its own fact (issue 14): "another 1,250 flights yesterday" is not
Friday's 1,200, nor the 5,000 since Friday, while a toll stated day by day stays one fact that
is updated. Cases in the shape of crowdstrike-outage-2024's reports (an airline's cancellations
day by day); the rule reads the frames, not these words."""

from __future__ import annotations

from numclaims import check
from numclaims.checking.claims import build_items
from numclaims.checking.grouping import increment_marks
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract
from tests.check.test_grouping_causes import _groups

MONDAY = "2024-07-22"


def _increment(text: str, figure: str) -> list[str]:
    item = next(i for i in build_items(Document("a", text, published=MONDAY), extract(text, published=MONDAY))
                if i.mention.text == figure)
    return increment_marks(item)


def test_a_further_amount_of_one_day_is_that_days_increment() -> None:
    assert _increment("The airline had to scrap another 1,250 flights yesterday, Reuters said.",
                      "1,250") == ["~increment:2024-07-21"]


def test_a_figure_of_one_day_that_adds_nothing_is_no_increment() -> None:
    assert _increment("The airline scrapped about 1,200 flights on Friday, the tracker said.",
                      "about 1,200") == []
    assert _increment("The airline has scrapped another 5,000 flights since Friday.", "5,000") == []


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
