"""Why the same fact of several reports was not grouped, one cause per test: each a small case in
the shape of the development stories (tests/stories) that the checker once kept apart."""

from __future__ import annotations

from typing import Any

from numclaims import check
from numclaims.checking.claims import build_items
from numclaims.checking.inputs import Document
from numclaims.extraction.pipeline import extract


def _groups(*texts: str, published: str = "2024-02-22") -> dict[tuple[str, ...], str]:
    """The cross-source groups of documents a, b, ...: their members -> the verdict."""
    docs: list[dict[str, Any]] = [{"id": chr(ord("a") + n), "text": t, "published": published}
                                  for n, t in enumerate(texts)]
    report = check(docs)
    return {tuple(sorted(f"{c.doc}:{c.text}" for c in g.claims)): g.verdict for g in report.groups
            if g.verdict != "single_source" and g.details.get("check", "group") == "group"}


def test_a_stock_average_quoted_in_yen_is_its_level_and_its_move() -> None:
    # nikkei-record-2024: News On Japan quotes the Nikkei in yen, as Japanese reports do; the
    # yen drop the average's decimals ("38,915 yen" of the 38,915.87 close)
    found = _groups(
        "The 225-issue Nikkei Stock Average ended at 39,098.68, up 836.52 points from Wednesday,"
        " above its previous record close of 38,915.87 set in 1989.",
        "Tokyo's Nikkei surged on Thursday and closed at a record high.\n\n"
        "The closing price was 39,098 yen, up 836 yen from the previous day.")
    assert found.get(("a:836.52 points", "b:836 yen")) == "consistent"
    assert found.get(("a:39,098.68", "b:39,098 yen")) == "consistent"


def test_a_price_in_yen_in_a_report_on_the_nikkei_stays_money() -> None:
    text = ("Tokyo's Nikkei closed at a record.\n\nToyota shares rose 100 yen, and the dollar"
            " fetched 150 yen in Tokyo. Profit was 1,800 billion yen.")
    kinds = [(i.mention.text, i.mention.kind) for i in build_items(Document("a", text), extract(text))]
    assert all(kind == "money" for t, kind in kinds if "yen" in t), kinds


def test_a_telling_figure_given_no_time_meets_it_stated_for_another_year() -> None:
    # nikkei-record-2024: "the bubble-era closing high" has no date of its own; the report's year
    # is a guess, and the figure to the digit says which record it is
    found = _groups(
        "The Nikkei share average closed at 39,098.68, beating its record close of 38,915.87"
        " set on Dec. 29, 1989.",
        "At 10:16 AM it broke through the bubble-era closing high of 38,915.87, and the index"
        " later closed at 39,098.68.")
    assert ("a:38,915.87", "b:38,915.87") in found


def test_a_round_figure_given_no_time_is_not_another_years() -> None:
    # the report's year still parts a figure that is not telling: last year's "two" quakes are not
    # this year's
    found = _groups("Two earthquakes struck the region in 2019, killing hundreds.",
                    "Two earthquakes struck the region overnight, killing hundreds.",
                    published="2023-09-09")
    assert not any("a:Two" in members for members in found), found


def test_eps_is_earnings_per_share() -> None:
    # nvidia-q4-fy2024: IT Online's "earnings per diluted share" and TechSpot's "GAAP EPS" name
    # one figure; the words the two claims are found by share the concept
    def words(text: str, figure: str) -> set[str]:
        item = next(i for i in build_items(Document("a", text), extract(text)) if i.mention.text == figure)
        return set(item.features)
    diluted = words("Full-year GAAP earnings per diluted share were $11.93.", "$11.93")
    eps = words("Full-year GAAP EPS reached $11.95.", "$11.95")
    assert {"gaap", "earn"} <= diluted & eps


def test_a_forecast_given_no_time_meets_it_stated_for_a_later_year() -> None:
    # uk-budget-2024: ITV's "will ... lift the tax take ... to a record 38% by the end of the
    # parliament" is PA's "set to hit 38.3 per cent of gross domestic product in 2027-28"
    found = _groups(
        "The tax burden is set to hit 38.3 per cent of gross domestic product in 2027-28, the"
        " highest level since 1948.",
        "Higher taxes will lift the tax take as a share of gross domestic product to a record 38%"
        " by the end of the parliament.", published="2024-10-30")
    assert ("a:38.3 per cent", "b:38%") in found


def test_a_figure_given_no_time_and_not_forecast_is_its_reports_year() -> None:
    found = _groups(
        "The tax burden is set to hit 38.3 per cent of gross domestic product in 2027-28, the"
        " highest level since 1948.",
        "Taxes lifted the tax take as a share of gross domestic product to a record 38%.",
        published="2024-10-30")
    assert ("a:38.3 per cent", "b:38%") not in found


def test_a_deal_is_a_contract() -> None:
    # bellingham-real-madrid-2023: Goal's "a six-year contract" and Kenyan Post's "a six-year
    # deal" are one fact (data/check_synonyms.txt: contract, deal)
    found = _groups(
        "Madrid are prepared to give the 19-year-old a six-year contract and a salary second only"
        " to that of Kylian Mbappe.",
        "Dortmund also confirmed that Bellingham will sign a six-year deal at the Bernabeu.",
        "Dortmund said the fee could rise by 30.9 million euros in add-ons.", published="2023-06-07")
    assert found.get(("a:six-year", "b:six-year")) == "consistent", found
