"""How ``numclaims evaluate --stories`` matches a gold inline or arithmetic check to the checker's
items (issue 14): a figure a headline states again occurs twice in its report, and the check is
met by the item that holds an occurrence of each surface."""

from __future__ import annotations

import json
from pathlib import Path

from numclaims.checking.report import check
from numclaims.evaluation.gold import load_gold
from numclaims.evaluation.stories import score_story

TEXT = ("Council lifts spending by £40 billion\n\n"
        "The council announced extra spending of £40 billion (€47.9 billion) on Wednesday.")


def _gold(tmp_path: Path, equivalent: str) -> Path:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({
        "documents": [{"id": "a", "file": "a.txt", "published": "2024-10-30", "outlet_country": "GB"}],
        "mentions": [], "must_not_extract": [],
        "inline_checks": [{"doc": "a", "stated": "£40 billion", "equivalent": equivalent,
                           "verdict": "consistent"}],
    }), encoding="utf-8")
    return tmp_path / "gold.json"


def _score(tmp_path: Path, equivalent: str) -> tuple[int, int, list[str]]:
    gold = load_gold(_gold(tmp_path, equivalent))
    report = check([{"id": d.id, "text": d.text, "published": d.published,
                     "outlet_country": d.outlet_country} for d in gold.documents])
    score = score_story(gold, report)
    return score.met, score.expectations, score.failures


def test_an_inline_check_is_met_when_a_headline_states_the_original_again(tmp_path: Path) -> None:
    # the headline's "£40 billion" comes first; the restatement is of the body's
    assert _score(tmp_path, "€47.9 billion") == (1, 1, [])


def test_an_inline_check_of_figures_no_restatement_pairs_is_not_met(tmp_path: Path) -> None:
    met, expectations, failures = _score(tmp_path, "Wednesday")
    assert (met, expectations) == (0, 1) and "no inline check" in failures[0]


PARTS = ("Club agrees £115m deal\n\n"
         "The club will pay a fee of £115m, made up of an upfront payment of £88.5m and a further "
         "£26.5m in add-ons.")


def test_an_arithmetic_check_is_met_when_a_headline_states_the_total_again(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARTS, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({
        "documents": [{"id": "a", "file": "a.txt", "published": "2023-06-08", "outlet_country": "GB"}],
        "mentions": [], "must_not_extract": [],
        "arithmetic_checks": [{"kind": "parts", "operands": [["a", "£88.5m"], ["a", "£26.5m"]],
                               "result": ["a", "£115m"], "verdict": "consistent"}],
    }), encoding="utf-8")
    gold = load_gold(tmp_path / "gold.json")
    report = check([{"id": "a", "text": PARTS, "published": "2023-06-08", "outlet_country": "GB"}])
    score = score_story(gold, report)
    assert (score.met, score.expectations, score.failures) == (1, 1, [])


def test_an_amount_of_an_earlier_year_is_restated_at_that_years_rate() -> None:
    # arm-ipo-2023: Morningstar's "$32 billion, or £24 billion at 2016 exchange rates" (0.75 GBP per
    # USD) was a conflict against September 2023's 0.815; the 2016 rate is tried too, and named
    from numclaims import check
    report = check([{"id": "a", "published": "2023-09-21",
                     "text": "SoftBank bought Arm for $32 billion, or £24 billion at 2016 exchange rates."},
                    {"id": "b", "published": "2023-09-14", "text": "SoftBank bought Arm seven years ago for $32bn."}])
    [inline] = report.inline
    assert inline.verdict == "consistent" and "2016-" in inline.explanation and "2023-09-21" in inline.explanation
    # and across reports the restatement of that earlier time flags nothing at today's rate
    [group] = [g for g in report.groups if "$32bn" in [c.text for c in g.claims]]
    assert group.verdict == "consistent", group.explanation
    # an amount of the report's own time is still checked at the report's rate alone
    [today] = check([{"id": "a", "published": "2023-09-21",
                      "text": "SoftBank will pay $32 billion, or £24 billion, for the stake."}]).inline
    assert today.verdict == "conflict"
