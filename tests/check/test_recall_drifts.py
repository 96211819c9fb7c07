"""Recall on drifting facts: figures that several outlets state of one fact, in their own words
and sometimes with their own numbers, are one group (the sentence shapes are those of the
development stories, tests/stories)."""

from __future__ import annotations

from numclaims import extract
from tests.check.test_floor_ceiling import _verdicts as verdicts_of
from tests.check.test_grouping_recall import _groups


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.kind) for m in extract(text)]


def test_an_aside_age_before_a_pronoun_is_an_age() -> None:
    # bellingham-real-madrid-2023 (Football España): the age's clause ends where "he" opens the next
    assert ("at just 19", "age") in _kinds("There is little doubt the signing will prove good business:"
                                          " at just 19 he could stay for a decade.")
    # a level is no age, pronoun or not
    assert ("at just 19", "age") not in _kinds("The shares closed at just 19 pence.")


def test_a_person_at_a_figure_ending_a_headline_is_an_age() -> None:
    # bellingham-real-madrid-2023 (Kenyan Post): a headline's "player at 19"
    assert ("at 19", "age") in _kinds("Real Madrid agree deal for Jude Bellingham, making him the most"
                                      " expensive British player at 19\nThe fee is £88.5m.")
    assert [k for _, k in _kinds("The index closed at 19\nIt fell.")] != ["age"]
    assert ("19", "age") not in _kinds("The player at 19 percent of the vote.")


def test_ages_written_as_asides_meet_the_same_age_in_other_words() -> None:
    found = _groups("The 19-year-old England midfielder is understood to be costing the Spanish"
                    " champions an initial €103m.",
                    "Real Madrid agree deal for Jude Bellingham, making him the most expensive British"
                    " player at 19\nThe England midfielder moves for €103m.",
                    "There is little doubt the signing will prove good business: at just 19 he could"
                    " stay for a decade.")
    assert any({"a:19-year-old", "b:at 19"} <= set(g) for g in found), found


def _verdicts(*texts: str, published: str = "2024-01-19") -> list[tuple[str, list[str], str]]:
    return verdicts_of(*texts, published=published)


def test_a_weekly_salary_meets_the_same_salary_a_year() -> None:
    # bellingham-real-madrid-2023: Sportskeeda's "£230,000 per week" is Marca's "£12 million per
    # year" (52 weeks of it): one salary in two periods, compared per year
    found = _verdicts("Bellingham was due to earn £12 million per year when he signed his contract"
                      " with Real Madrid.",
                      "Bellingham was due to earn £230,000 per week when he signed his contract with"
                      " Real Madrid.")
    assert [(v, claims) for v, claims, _ in found] == [("consistent", ["a:£12 million", "b:£230,000"])]
    assert "a year" in found[0][2]


def test_a_weekly_salary_well_above_a_yearly_one_is_flagged() -> None:
    # "over £350,000-per-week" (Goal, citing Cadena SER) is over £18m a year: not the £12m of Marca
    found = _verdicts("Bellingham was due to earn £12 million per year when he signed his contract"
                      " with Real Madrid.",
                      "Bellingham was due to earn £350,000 per week when he signed his contract with"
                      " Real Madrid.")
    assert [(v, claims) for v, claims, _ in found] == [("conflict", ["a:£12 million", "b:£350,000"])]


def test_a_rate_per_barrel_is_not_read_per_year() -> None:
    # only periods of data/check_rate_periods.tsv are read per year: a barrel is no period
    found = _verdicts("Brent crude traded at $80 a barrel on Friday, traders said.",
                      "Brent crude traded at $80 a tonne on Friday, traders said.")
    assert all(v != "consistent" for v, _, _ in found)


def test_a_figure_of_several_fires_is_not_one_fires_figure() -> None:
    # palisades-fire-2025: Malibu Times' "tens of thousands" driven out by "the fires" (all of the
    # Los Angeles fires) is not the "about 30,000" ordered out as the Palisades Fire burned
    chief = ("Los Angeles Fire Chief Kristin Crowley said about 30,000 residents had been ordered out"
             " of their homes as the Palisades Fire burned.")
    several = ("The fires have killed 11 people, three of them confirmed in Malibu, and have driven"
               " tens of thousands of residents from their homes.")
    assert _groups(chief, several, published="2025-01-10") == []
    # a sentence that names the one fire keeps its figure with that fire's
    one = ("The Palisades Fire has killed 11 people, three of them confirmed in Malibu, and has driven"
           " tens of thousands of residents from their homes.")
    assert _groups(chief, one, published="2025-01-10") == [["a:about 30,000", "b:tens of thousands"]]


_RECORD_CLOSE = ("TOKYO (Reuters) - Japan's Nikkei share average climbed to a record on Thursday.\n\n"
                 "The index ended the day up 2.19% at 39,098.68.")


def test_a_close_stated_for_the_same_day_in_alike_words_is_a_drift() -> None:
    # nikkei-record-2024: News On Japan's "30,908 yen" close of 22 February, 21% under the
    # 39,098.68 every other outlet gives: words alike, the same day, a figure within 30%
    found = _verdicts(_RECORD_CLOSE,
                      "TOKYO (News On Japan) - Tokyo's Nikkei surged on Thursday and closed at a record"
                      " high.\n\nThe closing price was 30,908 yen, up 836 yen from the previous day.",
                      published="2024-02-22")
    assert [(v, claims) for v, claims, _ in found] == [("conflict", ["a:39,098.68", "b:30,908 yen"])]


def test_a_close_of_another_day_is_no_drift_of_this_one() -> None:
    found = _verdicts(_RECORD_CLOSE,
                      "TOKYO (News On Japan) - Tokyo's Nikkei surged on Thursday and closed at a record"
                      " high.\n\nLast Friday the closing price was 30,908 yen, up 836 yen from the"
                      " previous day.",
                      published="2024-02-22")
    assert found == []


_IGHIL = ("Its epicentre was in the town of Ighil, 63 kilometers southwest of the city of Marrakech,"
          " at a depth of 8 kilometers.")


def test_distances_from_two_places_are_two_facts() -> None:
    # morocco-earthquake-2023: volcanoes.de's EMSC epicentre "60 km west-southwest of Oukaimedene"
    # is no distance from Marrakech, however alike the sentences
    found = _verdicts(_IGHIL, "Its epicentre was near the town of Ighil, 60 km west-southwest of"
                              " Oukaimedene, at a depth of 10 kilometers.", published="2023-09-09")
    assert not any("b:60 km" in claims for _, claims, _ in found)
    # the same place in other words ("the city of") is one reference point
    found = _verdicts(_IGHIL, "Its epicentre was near the town of Ighil, 60 km southwest of"
                              " Marrakech, at a depth of 10 kilometers.", published="2023-09-09")
    assert any(claims == ["a:63 kilometers", "b:60 km"] for _, claims, _ in found)
