"""``numclaims evaluate`` by dimension and error class, through the real CLI: crafted gold,
peer and cases files with one known error of each class, ``--format json``, ``--compare``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# One sentence per error class; what numclaims extracts from each is stated beside it.
TEXT = ("Exports reached US$500 million. "        # US$500 million, money 5e8 USD
        "The road is 17km long and 40 miles wide. "  # 17km, 40 miles
        "Growth was more than 1.5 per cent. "      # the qualifier is in numclaims' span
        "See item 7 below. "                       # 7, which must not be extracted
        "Umpteen people came.")                    # nothing


def cli(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "numclaims.cli", "evaluate", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


def report(*args: str | Path) -> dict[str, Any]:
    result = cli(*args, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # one JSON object, whatever was scored


def suite(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in data["suites"] if s["name"] == name)


def statuses(s: dict[str, Any]) -> dict[str, str]:
    return s["outcomes"]


# --------------------------------------------------------------------------- gold


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    folder = tmp_path / "crafted"
    folder.mkdir()
    (folder / "d1.txt").write_text(TEXT, encoding="utf-8")
    mentions = [
        ("US$500 million", "currency", 5e8, "USD"),   # passed
        ("17km", "length", 18, "kilometer"),           # wrong value
        ("40 miles", "length", 40, "kilometer"),       # wrong unit
        ("1.5 per cent", "ratio", 1.5, "percent"),     # span
        ("Umpteen", "count", 5, None),                 # missed
    ]
    gold = {
        "documents": [{"id": "d1", "file": "d1.txt", "published": "2019-04-25",
                       "outlet_country": "US"}],
        "mentions": [{"doc": "d1", "surface": s, "dimension": d, "value": v, "unit": u}
                     for s, d, v, u in mentions],
        "must_not_extract": [{"doc": "d1", "surface": "item 7", "why": "a list item"}],
    }
    path = folder / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_gold_errors_are_classified(gold_file: Path) -> None:
    data = report(gold_file)
    mentions = suite(data, "gold/crafted mentions")
    assert statuses(mentions) == {
        "d1:US$500 million": "passed", "d1:17km": "wrong_value", "d1:40 miles": "wrong_unit",
        "d1:1.5 per cent": "span", "d1:Umpteen": "missed",
    }
    assert mentions["dimensions"]["length"]["wrong_value"] == 1
    assert mentions["dimensions"]["count"]["missed"] == 1
    predictions = suite(data, "gold/crafted predictions")
    by_text = {k.split(" ", 1)[1]: v for k, v in statuses(predictions).items()}
    assert by_text == {"'US$500 million'": "passed", "'17km'": "wrong_value",
                       "'40 miles'": "wrong_unit", "'more than 1.5 per cent'": "span",
                       "'7'": "false_positive"}
    (fp,) = predictions["examples"]["false_positive"]
    assert "item 7" in fp["expected"] and "See item 7 below." in fp["text"]
    # the breakdown adds up to the published figures
    gold = data["gold"]
    assert (mentions["counts"]["cases"], mentions["counts"]["passed"]) == (
        gold["gold_mentions"], gold["matched_gold"]) == (5, 1)
    assert (predictions["counts"]["cases"], predictions["counts"]["passed"]) == (
        gold["judged"], gold["true_positives"]) == (5, 1)


def test_gold_table_and_examples(gold_file: Path) -> None:
    result = cli(gold_file, "--examples", "1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "recall" in out and "By dimension and error class" in out
    row = next(line for line in out.splitlines() if line.strip().startswith("length"))
    assert row.split()[1:] == ["2", "0", "0", "1", "1", "0", "0"]  # cases passed missed ...
    assert "wrong_value (1 of 1):" in out and "expected: length 18 kilometer" in out
    none = cli(gold_file, "--examples", "0").stdout
    assert "wrong_value (1 of 1):" not in none and "gold/crafted mentions" in none


# --------------------------------------------------------------------------- peers


def _result(text: str, start: int, value: str, unit: str = "Dollar",
            iso: str | None = None) -> dict[str, Any]:
    resolution = {"value": value, "unit": unit, **({"isoCurrency": iso} if iso else {})}
    return {"Text": text, "TypeName": "currency", "Resolution": resolution, "Start": start,
            "End": start + len(text) - 1}  # the spec's End is inclusive


PEER_CASES = [  # (input, results, expected class)
    ("It cost $20 in 2019.", [_result("$20", 8, "20")], "passed"),
    ("We paid $40.", [_result("$40", 8, "40", "Euro", "EUR")], "wrong_unit"),
    ("the price was $12", [_result("$12", 14, "13")], "wrong_value"),
    ("a fee of 30 dollars", [_result("fee of 30 dollars", 2, "30")], "span"),
    ("It cost plenty.", [_result("plenty", 8, "5")], "missed"),
    ("We paid $40 again.", [], "false_positive"),  # a negative case: no money here
]


@pytest.fixture()
def peers_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "peers" / "recognizers-text"
    (folder / "NumberWithUnit").mkdir(parents=True)
    (folder / "Number").mkdir()
    spec = [{"Input": text, "Results": results} for text, results, _ in PEER_CASES]
    for name in ("CurrencyModel", "DimensionModel", "TemperatureModel", "AgeModel"):
        (folder / "NumberWithUnit" / f"{name}.json").write_text(
            json.dumps(spec if name == "CurrencyModel" else []), encoding="utf-8")
    (folder / "Number" / "PercentModel.json").write_text("[]", encoding="utf-8")
    return tmp_path / "peers"


def test_peer_errors_are_classified(peers_dir: Path) -> None:
    data = report("--peers", peers_dir)
    currency = suite(data, "recognizers/CurrencyModel")
    assert list(statuses(currency).values()) == [c for _, _, c in PEER_CASES]
    counts = currency["dimensions"]["money"]
    assert counts == {"cases": 6, "passed": 1, "missed": 1, "wrong_value": 1, "wrong_unit": 1,
                      "span": 1, "false_positive": 1, "attribute": 0, "error": 0}
    (span,) = currency["examples"]["span"]
    assert span["text"] == "a fee of 30 dollars" and "'30 dollars'" in span["got"]
    assert data["peers"]["passed"] == currency["counts"]["passed"] == 1
    assert data["totals"]["peers"]["counts"]["false_positive"] == 1


# --------------------------------------------------------------------------- cases

CASES = {
    "match": [
        {"text": "a 17km border", "expect": [{"text": "17km", "kind": "length", "value": 17,
                                              "unit": "kilometer"}]},
        {"text": "a 17km border", "expect": [{"text": "17km", "kind": "length", "value": 18}]},
        {"text": "40 miles wide", "expect": [{"text": "40 miles", "kind": "length",
                                              "unit": "kilometer"}]},
        {"text": "growth of more than 1.5 per cent",
         "expect": [{"text": "1.5 per cent", "kind": "ratio", "value": 1.5}]},
        {"text": "Umpteen people came", "expect": [{"text": "Umpteen", "kind": "count",
                                                    "value": 5}]},
        {"text": "a 17km border", "expect": [{"text": "17km", "kind": "length",
                                              "subject": "road"}]},
        {"text": "17km and 40km", "expect": [{"text": "17km", "kind": "length"}]},
    ],
    "no_match": [{"text": "Umpteen people came"}, {"text": "See item 7 below."}],
}
CASE_CLASSES = ["passed", "wrong_value", "wrong_unit", "span", "missed", "attribute",
                "false_positive", "passed", "false_positive"]


def test_case_errors_are_classified(tmp_path: Path) -> None:
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    data = report("--cases", path)
    (crafted,) = data["suites"]
    assert crafted["name"] == "cases/crafted"
    assert list(statuses(crafted).values()) == CASE_CLASSES
    assert set(crafted["dimensions"]) == {"length", "ratio", "count", "any"}
    assert crafted["dimensions"]["length"]["cases"] == 5
    (attribute,) = crafted["examples"]["attribute"]
    assert "subject" in attribute["why"]
    text = cli("--cases", tmp_path).stdout  # a folder of cases files
    assert "cases/crafted" in text and "attr" in text


def test_bad_cases_path_is_an_input_error(tmp_path: Path) -> None:
    result = cli("--cases", tmp_path / "nowhere")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    (tmp_path / "bad.json").write_text('{"match": [{"expect": []}]}', encoding="utf-8")
    result = cli("--cases", tmp_path / "bad.json")
    assert result.returncode == 2 and "match[0]" in result.stderr


def test_development_cases_agree_with_their_test() -> None:
    """The report's pass rule is tests/extract/test_cases.py's, case for case."""
    from tests.extract import test_cases

    cases_dir = ROOT / "tests" / "extract" / "cases"
    data = report("--cases", cases_dir, "--examples", "0")
    for path in sorted(cases_dir.glob("*.json")):
        outcomes = list(suite(data, f"cases/{path.stem}")["outcomes"].values())
        content = json.loads(path.read_text("utf-8"))
        expected = []
        for section, check in (("match", test_cases.test_match),
                               ("match_hinted", test_cases.test_match),
                               ("no_match", test_cases.test_no_match)):
            for case in content.get(section, []):
                try:
                    check(path.stem, case)
                    expected.append(True)
                except AssertionError:
                    expected.append(False)
        assert [o == "passed" for o in outcomes] == expected, path.name


# --------------------------------------------------------------------------- compare


def test_compare_lists_what_moved(gold_file: Path, tmp_path: Path) -> None:
    before = report(gold_file)
    mentions = suite(before, "gold/crafted mentions")
    mentions["outcomes"]["d1:Umpteen"] = "passed"  # as if an earlier run had found it
    mentions["counts"]["passed"] += 1
    mentions["counts"]["missed"] -= 1
    path = tmp_path / "before.json"
    path.write_text(json.dumps(before), encoding="utf-8")
    result = cli(gold_file, "--compare", path, "--examples", "0")
    assert result.returncode == 0, result.stderr
    moved = result.stdout[result.stdout.index("Compared with"):]
    assert "gold/crafted mentions" in moved and "d1:Umpteen: passed -> missed" in moved
    assert "unchanged: gold/crafted predictions" in moved
    data = report(gold_file, "--compare", path)
    (first, second) = data["compare"]["suites"]
    assert first["classes"] == {"passed": [2, 1], "missed": [0, 1]}
    assert first["flips"] == [{"id": "d1:Umpteen", "before": "passed", "after": "missed"}]
    assert second["flipped"] == 0
    not_report = tmp_path / "other.json"
    not_report.write_text("[]", encoding="utf-8")
    assert cli(gold_file, "--compare", not_report).returncode == 2


# --------------------------------------------------------------------------- sums on real data

SHARED = ROOT.parent / "shared"


def _adds_up(s: dict[str, Any]) -> None:
    counts = s["counts"]
    classes = {k: v for k, v in counts.items() if k != "cases"}
    assert sum(classes.values()) == counts["cases"], s["name"]
    for key in counts:  # the dimensions partition the suite
        assert sum(d[key] for d in s["dimensions"].values()) == counts[key], (s["name"], key)
    assert len(s["outcomes"]) == counts["cases"]


def test_breakdown_adds_up_to_the_published_figures() -> None:
    peers, gold = SHARED / "peers", SHARED / "corpus" / "kim-putin-2019" / "gold.json"
    if not peers.is_dir() or not gold.is_file():
        pytest.skip(f"peer data or gold corpus not found under {SHARED}")
    data = report(gold, "--peers", peers, "--cases", ROOT / "tests" / "extract" / "cases",
                  "--failures", "0")
    for s in data["suites"]:
        _adds_up(s)
    by_suite = {s["name"]: s["counts"] for s in data["suites"]}
    for s in data["peers"]["suites"]:  # the peers figure, suite by suite and overall
        assert (by_suite[s["name"]]["cases"], by_suite[s["name"]]["passed"]) == (
            s["in_scope"], s["passed"])
    total = data["totals"]["peers"]["counts"]
    assert (total["cases"], total["passed"]) == (data["peers"]["in_scope"],
                                                 data["peers"]["passed"])
    assert sum(d["passed"] for d in data["totals"]["peers"]["dimensions"].values()) == \
        data["peers"]["passed"]
    g = data["gold"]  # recall from the mentions, precision from the judged predictions
    mentions, predictions = by_suite["gold/kim-putin-2019 mentions"], \
        by_suite["gold/kim-putin-2019 predictions"]
    assert (mentions["cases"], mentions["passed"]) == (g["gold_mentions"], g["matched_gold"])
    assert (predictions["cases"], predictions["passed"]) == (g["judged"], g["true_positives"])
    assert predictions["cases"] - predictions["passed"] == g["false_positives"]
