"""Every inline_checks, groups and weekday_checks entry of the development corpus's gold.json."""

from __future__ import annotations

import pytest

from numclaims.model import Report
from tests.check.conftest import find

FLAGGED = {"conflict", "divergent"}


def _ids(entries: list[dict], *keys: str) -> list[str]:
    return [" / ".join(str(e[k]) for k in keys) for e in entries]


def test_every_inline_check_has_its_verdict(report: Report, gold: dict) -> None:
    for entry in gold["inline_checks"]:
        item = find(report.inline, (entry["doc"], entry["stated"]), (entry["doc"], entry["equivalent"]))
        assert item.verdict == entry["verdict"], item.explanation


def test_money_restatement_shows_rate_and_difference(report: Report) -> None:
    item = find(report.inline, ("001_722aa2a5679254b3", "S$681 million"))
    assert item.explanation.startswith("681/500 = 1.362 SGD per USD; ECB rate on 2019-04-2")
    assert item.details["rate"]["source"] == "ECB"
    assert {r["rate_date"] for r in item.details["rates"]} == {"2019-04-25", "2019-04-24", "2019-04-23"}
    assert item.details["difference"] < 0.01


def test_unit_restatement_counts_rounding(report: Report) -> None:
    item = find(report.inline, ("003_77de3b7adf66fc0b", "11 mile"))
    assert "10.56 mile" in item.explanation and "within rounding" in item.explanation


def test_every_gold_group_is_found_with_its_verdict(report: Report, gold: dict) -> None:
    for group in gold["groups"]:
        members = [tuple(m) for m in group["members"]]
        items = report.dates if "Thursday" in members[0][1] else report.groups
        item = find(items, *members)
        if group["verdict"] == "consistent":
            assert item.verdict == "consistent", (group["fact"], item.explanation)
        else:
            assert item.verdict in FLAGGED, (group["fact"], item.explanation)


def test_consistent_groups_are_not_flagged(report: Report, gold: dict) -> None:
    consistent = [m for g in gold["groups"] if g["verdict"] == "consistent" for m in g["members"]]
    for doc, surface in consistent:
        for item in report.groups:
            if any(c.doc == doc and surface in c.text.replace("\\", "") for c in item.claims):
                assert item.verdict not in FLAGGED, item.explanation


def test_workers_group_explains_scope(report: Report) -> None:
    item = find(report.groups, ("002_80c674fa12ca4da8", "around 10,000"),
                ("001_722aa2a5679254b3", "tens of thousands"))
    assert item.verdict == "divergent"
    # the places are quoted as the texts write them, not as the lemmas compared
    assert "scope differs" in item.explanation and '"China"' in item.explanation


@pytest.mark.parametrize("index", [0, 1])
def test_weekday_checks(report: Report, gold: dict, index: int) -> None:
    entry = gold["weekday_checks"][index]
    weekday_items = tuple(i for i in report.dates if i.details.get("check") == "weekday")
    item = find(weekday_items, (entry["doc"], entry["surface"]))
    expected = {"must_flag": "conflict", "consistent": "consistent"}[entry["verdict"]]
    assert item.verdict == expected, item.explanation


def test_saturday_is_named(report: Report) -> None:
    item = find(report.dates, ("002_80c674fa12ca4da8", "Thursday (May 25)"))
    weekday = next(i for i in report.dates if i.details.get("check") == "weekday" and i.verdict == "conflict")
    assert "Saturday" in weekday.explanation and "2019-04-25" in weekday.explanation
    assert item.verdict == "conflict"


def test_single_source_claims_are_listed_once(report: Report) -> None:
    alone = [c for i in report.groups if i.verdict == "single_source" for c in i.claims]
    keys = [(c.doc, c.start) for c in alone]
    assert len(keys) == len(set(keys))
    assert any("100,000 tonnes" in c.text for c in alone)
    grouped = {(c.doc, c.start) for i in report.groups if i.verdict != "single_source" for c in i.claims}
    assert not grouped & set(keys)


def test_report_json_has_the_three_lists_and_core_fields(report: Report) -> None:
    data = report.to_dict()
    assert set(data) == {"inline", "groups", "dates"}
    for section in data.values():
        for item in section:
            assert {"claims", "verdict", "explanation"} <= set(item)
            for claim in item["claims"]:
                assert set(claim) == {"doc", "start", "end", "text", "value", "unit", "low", "high", "normalized",
                                      "direction", "change", "per", "when", "about"}


def test_claim_spans_point_into_the_documents(report: Report, documents: list[dict]) -> None:
    texts = {d["id"]: d["text"] for d in documents}
    for section in (report.inline, report.groups, report.dates):
        for item in section:
            for c in item.claims:
                assert texts[c.doc][c.start:c.end] == c.text
