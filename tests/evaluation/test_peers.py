"""Peer-suite loading, scope rules and pass/fail rules (numclaims.evaluation.peers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from numclaims.evaluation.peers import (
    Expected,
    PeerCase,
    evaluate_peers,
    format_peer_report,
    judge,
    load_suites,
    numeral_runs,
    run_suite,
)
from numclaims.model import Mention

PEERS = Path(__file__).resolve().parents[2].parent / "shared" / "peers"

SUITES = {
    "recognizers/CurrencyModel": 180, "recognizers/DimensionModel": 100,
    "recognizers/TemperatureModel": 43, "recognizers/AgeModel": 19,
    "recognizers/PercentModel": 20, "quantulum3/quantities": 101, "quantulum3/errors": 4,
}


@pytest.fixture(scope="module")
def suites() -> dict[str, list[PeerCase]]:
    if not PEERS.is_dir():
        pytest.skip(f"peer data not found at {PEERS}")
    return {name: cases for name, _source, cases in load_suites(PEERS)}


def by_id(cases: list[PeerCase], case_id: str) -> PeerCase:
    return next(c for c in cases if c.id == case_id)


def money(start: int, text: str, value: float, unit: str = "USD",
          qualifier: str = "exact") -> Mention:
    return Mention(start, start + len(text), text, "money", value, unit, qualifier=qualifier)


# --------------------------------------------------------------------------- loading


def test_loader_reads_every_suite(suites: dict[str, list[PeerCase]]) -> None:
    for name, count in SUITES.items():
        assert len(suites[name]) == count, name
    duckling = [n for n in suites if n.startswith("duckling/")]
    assert {"duckling/AmountOfMoney", "duckling/Distance", "duckling/Numeral"} <= set(duckling)
    assert sum(len(suites[n]) for n in duckling) == 636  # the README's count of inputs


def test_recognizers_spans_are_made_end_exclusive(suites: dict[str, list[PeerCase]]) -> None:
    case = suites["recognizers/CurrencyModel"][0]  # "... md . - - $ 75 million of ..."
    (e,) = case.expected
    assert case.input[e.start:e.end] == "$ 75 million" == e.text
    assert (e.kind, e.units, e.value) == ("money", ("USD",), 75e6)  # bare $: USD
    assert case.out_of_scope is not None and "tokenised" in case.out_of_scope.reason


def test_scope_rules(suites: dict[str, list[PeerCase]]) -> None:
    currency = suites["recognizers/CurrencyModel"]
    reasons = {c.out_of_scope.reason for c in currency if c.out_of_scope}
    assert "marked NotSupported for python by the peer" in reasons
    pence = next(c for c in currency if c.input == "per share lower at 197 pence.")
    assert pence.out_of_scope is None and pence.expected[0].value == pytest.approx(1.97)
    cents = next(c for c in currency if c.input == "it only cost 3 dollars 50 cents.")
    assert cents.out_of_scope is not None and "minor units" in cents.out_of_scope.reason
    quantity = suites["duckling/Quantity"]
    assert all(not c.runnable for c in quantity if "cup" in c.input.lower())
    money_cases = suites["duckling/AmountOfMoney"]
    assert next(c for c in money_cases if c.input == "a grand" and c.expected).out_of_scope
    grand = next(c for c in money_cases if c.input == "grand" and not c.expected)
    assert grand.out_of_scope is None and grand.forbidden_kinds == {"money"}
    aud = next(c for c in money_cases if "/AU/" in c.id)
    assert aud.currency_hint == "AU"


def test_numeral_runs() -> None:
    assert numeral_runs("US$3 and fourteen") == 2
    assert numeral_runs("three million two hundred thousand") == 1
    assert numeral_runs("$20.43") == 1


# --------------------------------------------------------------------------- judging


def test_bare_dollar_accepts_usd_and_the_span_is_checked() -> None:
    e = Expected("money", ("USD",), value=20.0, text="$20", start=0, end=3)
    case = PeerCase("t", "1", "$20", (e,))
    assert judge(case, [money(0, "$20", 20)]) == (True, "")
    assert not judge(case, [money(0, "$20", 20, "SGD")])[0]
    assert not judge(case, [Mention(1, 3, "20", "money", 20.0, "USD")])[0]


def test_qualifier_words_may_widen_the_span_but_not_drop_currency_words() -> None:
    text = "bard had sales of about $ 14 million , he said ."
    e = Expected("money", ("USD",), value=14e6, start=24, end=36)
    case = PeerCase("t", "1", text, (e,))
    assert judge(case, [money(18, "about $ 14 million", 14e6, qualifier="approx")])[0]
    e2 = Expected("money", ("CAD",), value=1.34, start=2, end=10)
    case2 = PeerCase("t", "2", "a c $ 1.34 share", (e2,))
    assert not judge(case2, [money(4, "$ 1.34", 1.34, "CAD")])[0]


def test_units_are_converted_and_bounds_need_their_qualifier() -> None:
    grams = PeerCase("t", "1", "0.002 kg", (Expected("measure", ("gram",), value=2.0),))
    assert judge(grams, [Mention(0, 8, "0.002 kg", "mass", 0.002, "kilogram")])[0]
    under = PeerCase("t", "2", "less than 7 EUR", (Expected("money", ("EUR",), "under", 7.0),))
    assert judge(under, [money(0, "less than 7 EUR", 7, "EUR", "less_than")])[0]
    assert not judge(under, [money(10, "7 EUR", 7, "EUR")])[0]
    between = PeerCase("t", "3", "3-5 km",
                       (Expected("measure", ("kilometer",), "between", low=3.0, high=5.0),))
    rng = Mention(0, 6, "3-5 km", "length", None, "kilometer", 3.0, 5.0, "range")
    assert judge(between, [rng])[0]


def test_negative_case_fails_on_a_mention_of_its_kind() -> None:
    case = PeerCase("t", "1", "When must 13F be filed?", forbidden_kinds=frozenset({"temperature"}))
    assert judge(case, [])[0] and judge(case, [Mention(10, 12, "13", "count", 13.0)])[0]
    passed, reason = judge(case, [Mention(10, 13, "13F", "temperature", 13.0,
                                          "degree_Fahrenheit")])
    assert not passed and "13F" in reason


def test_pass_rate_counts_in_scope_cases_only() -> None:
    from numclaims.evaluation.peers import Skip

    usd = (Expected("money", ("USD",), value=5.0),)
    cases = [PeerCase("t", "ok", "$5", usd), PeerCase("t", "bad", "5 dollars", usd),
             PeerCase("t", "out", "$5 grand", usd, out_of_scope=Skip("colloquial money word")),
             PeerCase("t", "crash", "boom")]

    def extract(text: str, **options: Any) -> list[Mention]:
        if text == "boom":
            raise ValueError("boom")
        return [money(0, "$5", 5.0)] if text.startswith("$5") else []

    result = run_suite("t", "here", cases, extract)
    assert (result.total, result.in_scope, result.passed) == (4, 3, 1)
    assert result.pass_rate == pytest.approx(1 / 3)
    assert (result.out_of_scope_run, result.out_of_scope_passed) == (1, 1)
    assert [f.case.id for f in result.failures] == ["bad", "crash"]
    assert "ValueError" in result.failures[1].reason


def test_evaluate_peers_on_a_small_tree(tmp_path: Path) -> None:
    folder = tmp_path / "recognizers-text" / "NumberWithUnit"
    folder.mkdir(parents=True)
    spec = [{"Input": "It cost $20 in 2019.", "Results": [{"Text": "$20", "TypeName": "currency",
             "Resolution": {"value": "20", "unit": "Dollar"}, "Start": 8, "End": 10}]}]
    for name in ("CurrencyModel", "DimensionModel", "TemperatureModel", "AgeModel"):
        (folder / f"{name}.json").write_text(json.dumps(spec if name == "CurrencyModel" else []),
                                             encoding="utf-8-sig")  # with a BOM, like upstream
    (tmp_path / "recognizers-text" / "Number").mkdir()
    (tmp_path / "recognizers-text" / "Number" / "PercentModel.json").write_text("[]")

    report = evaluate_peers(tmp_path, extract=lambda text, **o: [money(8, "$20", 20.0, "HKD")])
    currency = report.suite("recognizers/CurrencyModel")
    assert (currency.total, currency.in_scope, currency.passed) == (1, 1, 0)
    text = format_peer_report(report, failures=5)
    assert "It cost $20 in 2019." in text and "HKD" in text
    assert report.to_dict(failures=0)["suites"][0]["failures"] == []


def test_real_extractor_over_the_peers(suites: dict[str, list[PeerCase]]) -> None:
    report = evaluate_peers(PEERS)
    assert {s.name for s in report.suites} == set(suites)
    for s in report.suites:
        assert 0 <= s.passed <= s.in_scope <= s.total
        assert s.total - s.in_scope == sum(s.out_of_scope.values())
    json.dumps(report.to_dict())
    assert "recognizers/CurrencyModel" in format_peer_report(report)
