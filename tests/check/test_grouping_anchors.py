"""A drifted figure joins the group of the fact it misstates when the two name what they count
alike (numclaims.checking.grouping.ANCHOR_FAMILY), though their sentences share few words; each a
small case in the shape of the development stories (tests/stories)."""

from __future__ import annotations

from tests.check.test_grouping_causes import _groups as groups_of

# ethiopian-airlines-302-2019: the Reuters flash's "189 passengers" of Lion Air against AirSafe's
# "181 passengers"; the two sentences share "passengers" and little else
_FLASH = ("The aircraft was the same type of Boeing jet that came down in Indonesia last October"
          " while operated by Lion Air and carrying 189 passengers, Reuters reported.")
_DATABASE = ("According to the safety database none of the {} survived the sea impact near the"
             " capital, the records show.")
# a third report that names no count: "passengers" is then not a word every report of the story
# uses (grouping.ANCHOR_IDF)
_OTHER = ("The airline's chief executive flew to Jakarta on Monday to meet investigators from"
          " Boeing and Lion Air about the Indonesia crash.")


def _groups(*texts: str, published: str = "2019-03-10") -> dict[tuple[str, ...], str]:
    return groups_of(*texts, published=published)


def test_a_close_figure_that_counts_the_same_thing_is_a_drift() -> None:
    found = _groups(_FLASH, _DATABASE.format("181 passengers"), _OTHER)
    assert found.get(("a:189", "b:181")) == "conflict", found


def test_a_close_figure_that_counts_another_thing_stays_apart() -> None:
    # the same sentence counting seats: nothing vouches for a drift
    found = _groups(_FLASH, _DATABASE.format("181 seats"), _OTHER)
    assert not any("b:181" in members for members in found), found


def test_a_far_figure_that_counts_the_same_thing_stays_apart() -> None:
    # beyond grouping.CLOSE_FACTOR a figure is as likely another fact as a drift of this one
    found = _groups(_FLASH, _DATABASE.format("120 passengers"), _OTHER)
    assert not any("b:120" in members for members in found), found


def test_a_word_every_report_uses_vouches_for_nothing() -> None:
    # the same two reports with a third that counts passengers too ("fee" of a transfer, "tax" of
    # a Budget): a word every report uses tells no fact from another
    found = _groups(_FLASH, _DATABASE.format("181 passengers"),
                    _OTHER.replace("about the Indonesia crash", "about its passengers"))
    assert not any("b:181" in members for members in found), found


def test_the_noun_a_figure_is_the_value_of_is_what_it_counts() -> None:
    # nvidia-q4-fy2024: "estimates of $20.62 billion" against the "Zacks Consensus Estimate of
    # $20.31 billion": the figure names no subject, the noun before "of" says what it is
    found = _groups(
        "The revenue figure beat the Zacks Consensus Estimate of $20.31 billion by +8.82%.",
        "Nvidia reported quarterly revenue of $22.1 billion, ahead of estimates of $20.62 billion.",
        "Its shares then soared a record 16% in New York.",
        published="2024-02-22")
    assert any("a:$20.31 billion" in members and "b:$20.62 billion" in members
               for members in found), found


def test_a_compass_point_is_no_anchor() -> None:
    # morocco-earthquake-2023: a distance's subject is the compass point it is measured along;
    # "southwest" of the town says where, not which distance, and vouches for no drift
    found = _groups(
        "A seismic alert bulletin from the national institute said its epicentre was in the town"
        " of Ighil, 63 kilometers southwest of Marrakech.",
        "The depth depends on the source, and the European agency placed the shaking 60 km"
        " southwest of the old city walls, its website says.",
        "Rescuers from Spain and Qatar joined Moroccan teams in the mountain villages on Sunday.",
        published="2023-09-09")
    assert not any("b:60 km" in members for members in found), found


def test_a_change_counts_what_changed() -> None:
    # uk-budget-2024: "a £25bn increase in employers' National Insurance contributions" and "a
    # £25.7 billion rise in the national insurance contributions": the change nouns differ, the
    # thing that changed, named after "in", is one
    found = _groups(
        "The watchdog said a £25bn increase in employers' National Insurance contributions would"
        " lead to weaker pay growth and a smaller workforce.",
        'Although Labour promised to protect "working people", a £25.7 billion rise in the national'
        " insurance contributions paid by employers is expected to hold down wages.",
        "The chancellor also froze fuel duty and raised the minimum wage from April.",
        published="2024-10-30")
    assert ("a:£25bn", "b:£25.7 billion") in found, found


def test_the_noun_after_a_figure_names_what_it_counts() -> None:
    # uk-election-2024: "on a 33.7% share of the vote" names no subject; "share of the vote"
    # after the figure says what it counts, as "35% of the vote" of another report does
    found = _groups(
        "By the time most constituencies had reported their results, Labour had captured a"
        " landslide on a 33.7% share of the vote.",
        "The count, however, pointed to a less sweeping triumph for the winners: they received 35%"
        " of the vote and the Conservatives 24%.",
        "Keir Starmer entered Downing Street on Friday afternoon and named his cabinet.",
        published="2024-07-05")
    assert ("a:33.7%", "b:35%") in found, found
