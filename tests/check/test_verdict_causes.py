"""Why a group of the development stories (tests/stories) got the wrong verdict, one cause per
test: each a small case in the shape of the stories, with the verdict a fact-checker expects.
Grouping is not under test here: the claims named are put in one group, as the story's were."""

from __future__ import annotations

from datetime import date

from numclaims.checking.claims import build_items
from numclaims.checking.grouping import Cluster, weighted
from numclaims.checking.groups import verdict
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract


def _verdict(*claims: tuple[str, str], published: tuple[str, ...] = ()) -> str:
    """The verdict on one group of the figure ``figure`` of each ``(text, figure)``, each text
    a document a, b, ... in the order they first come (published on the day given, if any)."""
    group = Cluster("block", 0)
    texts = list(dict.fromkeys(text for text, _ in claims))
    for text, figure in claims:
        n = texts.index(text)
        day = date.fromisoformat(published[n]) if published else None
        doc = Document(chr(ord("a") + n), text, published=day)
        item = next(i for i in build_items(doc, extract(text)) if i.mention.text == figure)
        group.add(item, weighted(item, {}))
    return verdict(group, tolerance=0.01).verdict


def test_a_subject_named_in_other_words_is_no_difference_of_frame() -> None:
    # nvidia-q4-fy2024: "Full-year GAAP earnings per diluted share" and "GAAP EPS" name one
    # figure, and "Full-year" is no other period than the one a report leaves unsaid: $11.93
    # against $11.95, each exact to the cent, cannot both hold
    assert _verdict(("Full-year GAAP earnings per diluted share were $11.93, 586% higher than a year"
                     " before.", "$11.93"),
                    ("Earnings per share also jumped: GAAP EPS reached $11.95, up 586 percent on the"
                     " previous year.", "$11.95")) == "conflict"


def test_a_place_only_one_report_names_is_no_other_scope() -> None:
    # a clause that names no place holds where the story is: "in Russia" against nothing said
    # is no difference, and two exact counts that differ conflict
    assert _verdict(("Russia said 1,284 North Korean workers in Russia had gone home by the deadline.", "1,284"),
                    ("Russia said 1,248 North Korean workers had gone home by the deadline.", "1,248")) == "conflict"


def test_two_places_named_are_still_another_scope() -> None:
    # kim-putin-2019: "may have to leave Russia" against "to places like Russia and China"
    assert _verdict(("Around 12,000 North Korean workers may have to leave Russia, officials said.",
                     "Around 12,000"),
                    ("About 15,000 North Korean workers were sent to places like Russia and China,"
                     " officials said.", "About 15,000")) == "divergent"


def test_a_restatement_is_judged_by_its_inline_check_not_across_reports() -> None:
    # hurricane-milton-2024: AP's "120 mph (205 kph)" converts wrongly (120 mph is 193 km/h); the
    # inline check says so, and across reports AP's figure is its 120 mph, which the Herald's
    # 120 mph agrees with
    ap = "The cyclone had maximum sustained winds of 120 mph (205 kph) when it made landfall."
    herald = "Milton made landfall as a Category 3 storm with maximum sustained winds of 120 mph."
    group = [(ap, "120 mph"), (ap, "205 kph"), (herald, "120 mph")]
    assert _verdict(*group) == "consistent"


def test_two_estimates_that_differ_are_divergent_not_a_conflict() -> None:
    # nvidia-q4-fy2024: Zacks' consensus of $20.31 billion and the Street's $20.62 billion are
    # two providers' estimates; neither is wrong, but they are not one figure
    assert _verdict(("Revenue beat the Zacks Consensus Estimate of $20.31 billion.", "$20.31 billion"),
                    ("Analysts had expected revenue of $20.62 billion, according to LSEG.",
                     "$20.62 billion")) == "divergent"


def test_two_counts_that_differ_still_conflict() -> None:
    # the same two figures stated as results, not estimates, cannot both hold
    assert _verdict(("Revenue came to $20.31 billion in the quarter.", "$20.31 billion"),
                    ("Revenue came to $20.62 billion in the quarter.", "$20.62 billion")) == "conflict"


def test_a_figure_cut_to_its_last_digit_is_divergent() -> None:
    # uk-budget-2024: the OBR's £25.7bn is written "£25bn" by two outlets: truncated, not
    # rounded (25.7 rounds to 26), so the written figures disagree but neither need be wrong
    assert _verdict(("A £25.7 billion rise in employers' national insurance contributions was announced.",
                     "£25.7 billion"),
                    ("The rise in employers' national insurance takes £25bn from companies.", "£25bn")) == "divergent"


def test_a_figure_rounded_the_wrong_way_still_conflicts() -> None:
    # £25.2bn rounds and cuts to £25bn; £24bn is neither, and two exact figures that far apart
    # cannot both hold
    assert _verdict(("A £25.2 billion rise in employers' national insurance contributions was announced.",
                     "£25.2 billion"),
                    ("The rise in employers' national insurance takes £23bn from companies.", "£23bn")) == "conflict"
