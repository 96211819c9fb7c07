"""Counts of two things are two facts, however close their figures: what a count counts, its
subject noun, set against another report's (numclaims.checking.grouping.counted_marks)."""

from __future__ import annotations

from numclaims.checking.claims import build_items
from numclaims.checking.grouping import counted_marks
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract
from tests.check.test_grouping_causes import _groups as groups_of
from tests.check.test_grouping_precision import _together


def test_a_count_of_roads_is_no_death_toll() -> None:
    found = groups_of(
        "Storms in the north of the country have left at least 96 dead, officials said on"
        " Thursday.",
        "The death toll from the storms rose to 96, officials said. More than 90 roads in the"
        " north are closed to traffic and trains have stopped.",
        "Officials said 96 deaths had been confirmed in the storms, with 91 of them in the north.",
        published="2024-10-31")
    assert not _together(found, "b:More than 90", "a:at least 96"), found
    assert not _together(found, "b:More than 90", "c:96"), found


def test_the_same_figure_of_two_nouns_is_one_fact_worded_otherwise() -> None:
    found = groups_of(
        "About 47,000 participants were registered for Sunday's marathon in the city.",
        "More than 47,000 runners were registered for Sunday's marathon in the city.",
        published="2023-10-08")
    assert _together(found, "a:About 47,000", "b:More than 47,000"), found


def test_what_a_count_counts_is_its_noun_not_a_generic_one() -> None:
    text = "More than 90 roads are closed, and at least 96 people died."
    items = {i.mention.text: i for i in build_items(Document("a", text), extract(text))}
    assert counted_marks(items["More than 90"]) == ["~counted:road"]
    assert counted_marks(items["at least 96"]) == []


# ---- the place a figure is about --------------------------------------------------------------


def test_a_toll_of_a_region_is_not_the_toll_of_the_country() -> None:
    found = groups_of(
        "The floods have killed 130 people across the country, the interior ministry said.",
        "The death toll in Murcia province has climbed to more than 120, officials said. Across"
        " the country the death toll from the floods stood at 131 on Friday.",
        "The death toll in Spain has risen to 130, the government said on Friday.",
        published="2024-10-31")
    assert not _together(found, "b:more than 120", "c:130"), found


# ---- a target is no level measured -------------------------------------------------------------


def test_a_target_is_no_reading_beside_it() -> None:
    found = groups_of(
        "Inflation is back at the central bank's 2% target, and lenders have cut mortgage rates.",
        "Consumer price inflation fell to 2% in June, official figures showed, after 2.3% in May.",
        "The slowdown from 2.2 per cent in August was driven by cheaper petrol.",
        published="2024-08-01")
    assert not _together(found, "a:2% target", "b:2%"), found
    assert not any("a:2%" in group for group in found), found


# ---- the level a move reaches holds for its report's day ---------------------------------------


def test_the_level_a_rate_cut_reaches_is_of_its_report_s_month() -> None:
    # a headline's "cuts interest rates to 4.75%" in November is no restatement of August's 5%
    docs = [
        {"id": "a", "text": "Central bank cuts interest rates to 5%\n\nThe central bank cut interest"
                            " rates to 5% on Thursday.", "published": "2024-08-01"},
        {"id": "b", "text": "Central bank cuts interest rates to 5%\n\nThe central bank lowered"
                            " interest rates to 5 per cent.", "published": "2024-08-01"},
        {"id": "c", "text": "Central bank cuts interest rates to 4.75%\n\nThe central bank cut rates"
                            " by a quarter point on Thursday.", "published": "2024-11-07"},
    ]
    from numclaims import check
    found = [sorted(f"{c.doc}:{c.text}" for c in g.claims) for g in check(docs).groups
             if g.verdict != "single_source" and g.details.get("check", "group") == "group"]
    assert any({"a:5%", "b:5%"} <= set(group) for group in found), found
    assert not any("c:4.75%" in group for group in found), found
