"""Gold-file validation and scoring (numclaims.evaluation.gold)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from numclaims.errors import InputError
from numclaims.evaluation.gold import (
    Gold,
    GoldMention,
    evaluate_gold,
    format_gold_score,
    load_gold,
    occurrences,
    score_gold,
)
from numclaims.model import Mention

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "corpus" / "kim-putin-2019" / "gold.json"

if not CORPUS.is_file():
    pytest.skip(f"shared corpus not found at {CORPUS}", allow_module_level=True)

TEXT = "Exports reached more than US$500 million, about 1.5 per cent of GDP. See item **1. now."
VALID: dict[str, Any] = {
    "about": "test gold",
    "documents": [{"id": "d1", "file": "d1.txt", "published": "2019-04-25",
                   "outlet_country": "SG"}],
    "mentions": [
        {"doc": "d1", "surface": "more than US$500 million", "dimension": "currency",
         "value": 5e8, "unit": "USD", "bound": "lower"},
        {"doc": "d1", "surface": "about 1.5 per cent", "dimension": "ratio", "value": 1.5,
         "unit": "percent", "approximate": True},
    ],
    "must_not_extract": [{"doc": "d1", "surface": "**1.", "why": "list numbering"}],
    "inline_checks": [],
    "groups": [{"fact": "exports", "members": [["d1", "US$500 million"]],
                "verdict": "consistent"}],
    "weekday_checks": [],
}


def write_gold(folder: Path, data: Any, text: str = TEXT) -> Path:
    (folder / "d1.txt").write_text(text, encoding="utf-8")
    path = folder / "gold.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def mutated(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    change(data)
    return data


MALFORMED = [
    ("documents", lambda d: d.pop("documents")),
    ("mentions", lambda d: d.pop("mentions")),
    ("must_not_extract", lambda d: d.pop("must_not_extract")),
    ("mentions", lambda d: d.update(mentions={"not": "a list"})),
    ("documents[0].published", lambda d: d["documents"][0].update(published="25/04/2019")),
    ("documents[0].outlet_country", lambda d: d["documents"][0].update(outlet_country=7)),
    ("documents[0].id", lambda d: d["documents"][0].pop("id")),
    ("documents[0].file", lambda d: d["documents"][0].update(file="missing.txt")),
    ("mentions[0].surface", lambda d: d["mentions"][0].pop("surface")),
    ("mentions[1].surface", lambda d: d["mentions"][1].update(surface="about 2 per cent")),
    ("mentions[0].value", lambda d: d["mentions"][0].update(value="500 million")),
    ("mentions[0].value", lambda d: d["mentions"][0].pop("value")),
    ("mentions[0].bound", lambda d: d["mentions"][0].update(bound="above")),
    ("mentions[0].dimension", lambda d: d["mentions"][0].update(dimension="cash")),
    ("mentions[1].approximate", lambda d: d["mentions"][1].update(approximate="yes")),
    ("mentions[0].doc", lambda d: d["mentions"][0].update(doc="d9")),
    ("must_not_extract[0].surface", lambda d: d["must_not_extract"][0].update(surface="**2.")),
    ("groups[0].members[0]", lambda d: d["groups"][0].update(members=[["d1", "S$681"]])),
    ("groups[0].verdict", lambda d: d["groups"][0].update(verdict="fine")),
    ("mentions[1]", lambda d: d["mentions"].__setitem__(1, "17km")),
]


@pytest.mark.parametrize(("field", "change"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_gold_names_the_field(tmp_path: Path, field: str, change: Any) -> None:
    path = write_gold(tmp_path, mutated(change))
    with pytest.raises(InputError) as info:
        load_gold(path)
    assert info.value.field == field
    assert field in str(info.value)


def test_not_json_or_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid JSON"):
        load_gold(write_gold(tmp_path, "{not json"))
    with pytest.raises(InputError, match="does not exist"):
        load_gold(tmp_path / "nowhere.json")
    with pytest.raises(InputError) as info:
        load_gold(write_gold(tmp_path, "[1, 2]"))
    assert info.value.field == "(top level)"


def test_valid_gold_loads(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, VALID))
    assert gold.documents[0].text == TEXT
    assert [m.kind for m in gold.mentions] == ["money", "ratio"]
    assert gold.groups[0].members == (("d1", "US$500 million"),)


def _as_predicted(gold: Gold, g: GoldMention, qualifier: str | None = None) -> Mention:
    start, end = occurrences(gold.document(g.doc).text, g.surface)[0]
    return Mention(start, end, g.surface, g.kind, g.value, g.unit, g.low, g.high,
                   qualifier or sorted(g.expected_qualifiers())[0])


def test_scoring_rules_on_hand_built_predictions(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, VALID))
    money, ratio = gold.mentions
    start = TEXT.index("**1.")
    predictions = {"d1": [
        _as_predicted(gold, money),                                  # TP, qualifier agrees
        _as_predicted(gold, ratio, qualifier="exact"),               # TP, qualifier wrong
        Mention(start + 2, start + 3, "1", "count", 1.0),            # FP: must_not_extract
        Mention(TEXT.index("GDP"), TEXT.index("GDP") + 3, "GDP", "other", None),  # unjudged
    ]}
    score = score_gold(gold, predictions)
    assert (score.true_positives, score.false_positives, score.unjudged) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0
    assert (score.qualifier_checked, score.qualifier_agreed) == (2, 1)
    assert score.qualifier_misses[0].surface == "about 1.5 per cent"
    assert "must_not_extract" in score.false_positive_list[0].reason


def test_a_wrong_span_or_unit_is_a_miss_and_a_false_positive(tmp_path: Path) -> None:
    gold = load_gold(write_gold(tmp_path, VALID))
    money = gold.mentions[0]
    start = TEXT.index("US$500")
    short = Mention(start, start + len("US$500 million"), "US$500 million", "money", 5e8, "USD")
    wrong_unit = _as_predicted(gold, money)
    wrong_unit = Mention(wrong_unit.start, wrong_unit.end, wrong_unit.text, "money", 5e8, "SGD",
                         qualifier="more_than")
    for pred in (short, wrong_unit):
        score = score_gold(gold, {"d1": [pred]})
        assert score.matched_gold == 0 and score.false_positives == 1
        assert score.misses[0].predicted and score.misses[1].predicted == ()


def test_perfect_and_empty_extractors_on_the_corpus() -> None:
    gold = load_gold(CORPUS)
    by_text = {d.text: d.id for d in gold.documents}

    def perfect(text: str, **options: Any) -> list[Mention]:
        doc = by_text[text]
        assert options["currency_hint"] == gold.document(doc).outlet_country
        return [_as_predicted(gold, g) for g in gold.mentions if g.doc == doc]

    score = evaluate_gold(CORPUS, extract=perfect)
    assert (score.precision, score.recall, score.f1, score.qualifier_agreement) == (1, 1, 1, 1)
    empty = evaluate_gold(CORPUS, extract=lambda text, **options: [])
    assert (empty.recall, empty.judged, len(empty.misses)) == (0.0, 0, len(gold.mentions))


def test_crashing_extractor_is_reported(tmp_path: Path) -> None:
    def crash(text: str, **options: Any) -> list[Mention]:
        raise RuntimeError("boom")

    score = evaluate_gold(write_gold(tmp_path, VALID), extract=crash)
    assert score.errors == (("d1", "RuntimeError: boom"),)
    assert "boom" in format_gold_score(score)


def test_real_extractor_on_the_corpus() -> None:
    score = evaluate_gold(CORPUS)
    assert (score.documents, score.gold) == (5, 17)
    assert score.true_positives + score.false_positives == score.judged
    assert score.judged + score.unjudged == score.predicted
    data = score.to_dict()
    assert {"precision", "recall", "f1", "qualifier", "misses", "unjudged"} <= set(data)
    json.dumps(data)
    text = format_gold_score(score)
    assert "precision" in text and "qualifier agreement" in text
