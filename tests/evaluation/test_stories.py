"""The development stories (tests/stories) and how ``numclaims evaluate --stories`` scores
cross-source checking on them (issue 14); the gold format's frame fields (issue 13)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from numclaims.errors import InputError
from numclaims.evaluation.gold import DRIFT_VERDICTS, evaluate_gold, load_gold
from numclaims.evaluation.stories import StoryScore, evaluate_stories, score_story
from numclaims.model import CheckItem, Claim, Report

ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "stories"
SEED = "kim-putin-2019"
FOLDERS = sorted(p.parent for p in STORIES.glob("*/gold.json"))


def test_the_seed_story_and_at_least_eleven_more_are_here() -> None:
    # issue 14 asks for twelve real multi-source stories, the seed one of them
    assert len(FOLDERS) >= 12 and (STORIES / SEED / "gold.json").is_file()


@pytest.mark.parametrize("folder", [f for f in FOLDERS if f.name != SEED], ids=lambda f: f.name)
def test_each_story_is_a_real_multi_source_story_with_expectations(folder: Path) -> None:
    gold = load_gold(folder / "gold.json")
    outlets = {d.outlet for d in gold.documents}
    assert 3 <= len(gold.documents) <= 8 and len(outlets) == len(gold.documents)
    assert all(d.source.startswith("http") for d in gold.documents), "every document cites its report"
    assert len(gold.groups) >= 3 and any(g.verdict in DRIFT_VERDICTS for g in gold.groups)
    assert len(gold.must_not_merge) >= 2
    assert all(len({doc for doc, _ in g.members}) >= 2 for g in gold.groups), "a group spans outlets"


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_each_story_loads_and_its_mentions_are_scored(folder: Path) -> None:
    score = evaluate_gold(folder / "gold.json")
    assert score.errors == () and score.gold > 0
    assert dict((n, s) for n, _, s in score.field_accuracy)["value"] > 0


def test_the_seed_story_is_checked_as_its_gold_says() -> None:
    scores, total = evaluate_stories(STORIES / SEED)
    assert [s.name for s in scores] == [SEED]
    assert (total.precision, total.recall) == (1.0, 1.0)
    assert total.verdicts_right == total.groups == 7
    assert total.met == total.expectations


def _story(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text("Peak gusts reached 140 km/h. Sustained winds were 90 km/h.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Gusts of 150 km/h were measured; winds averaged 90 km/h.",
                                    encoding="utf-8")
    docs = [{"id": n, "file": f"{n}.txt", "published": "2024-05-10", "outlet_country": "US"}
            for n in "ab"]
    (tmp_path / "gold.json").write_text(json.dumps({
        "documents": docs, "must_not_extract": [],
        "mentions": [{"doc": "a", "surface": "140 km/h", "dimension": "speed", "value": 140,
                      "unit": "kilometer_per_hour", "per": "hour", "about": "Peak gusts",
                      "direction": None}],
        "groups": [{"fact": "peak gusts", "members": [["a", "140 km/h"], ["b", "150 km/h"]],
                    "verdict": "divergent"},
                   {"fact": "sustained winds", "members": [["a", "90 km/h"], ["b", "90 km/h"]],
                    "verdict": "consistent"}],
        "must_not_merge": [{"members": [["a", "140 km/h"], ["b", "90 km/h"]],
                            "why": "a gust is not a sustained wind"}],
        "arithmetic_checks": [{"kind": "parts", "operands": [["a", "140 km/h"]],
                               "result": ["b", "150 km/h"], "verdict": "must_flag"}],
    }), encoding="utf-8")
    return tmp_path / "gold.json"


def _claim(doc: str, text: str, source: str) -> Claim:
    start = source.index(text)
    return Claim(doc, start, start + len(text), text, 0.0, None, None, None, None)


def test_a_merged_pair_is_a_false_flag_and_an_unmet_expectation(tmp_path: Path) -> None:
    gold = load_gold(_story(tmp_path))
    a, b = (d.text for d in gold.documents)
    # the checker put a gust with a sustained wind and called it a conflict
    wrong = CheckItem((_claim("a", "140 km/h", a), _claim("b", "90 km/h", b)), "conflict", "")
    right = CheckItem((_claim("a", "90 km/h", a), _claim("b", "90 km/h", b)), "consistent", "")
    score = score_story(gold, Report(groups=(wrong, right)))
    assert (score.merged_apart, score.false_flags, score.flagged) == (1, 1, 1)
    assert (score.verdicts_right, score.groups, score.drifts, score.drifts_caught) == (1, 2, 1, 0)
    assert (score.correct_pairs, score.predicted_pairs, score.gold_pairs) == (1, 2, 2)
    # met: the consistent group only; the drift, the pair kept apart and the arithmetic are not
    assert (score.met, score.expectations) == (1, 4)
    assert any("not checked" in f for f in score.failures)


def test_the_false_pairs_name_each_claim_and_its_gold_fact(tmp_path: Path) -> None:
    gold = load_gold(_story(tmp_path))
    a, b = (d.text for d in gold.documents)
    wrong = CheckItem((_claim("a", "140 km/h", a), _claim("b", "90 km/h", b)), "conflict", "")
    right = CheckItem((_claim("a", "90 km/h", a), _claim("b", "90 km/h", b)), "consistent", "")
    score = score_story(gold, Report(groups=(wrong, right)))
    # the one predicted pair no gold group holds: a gust beside a sustained wind
    assert score.false_pairs == [{"claims": [
        {"doc": "a", "start": a.index("140 km/h"), "text": "140 km/h", "fact": "peak gusts"},
        {"doc": "b", "start": b.index("90 km/h"), "text": "90 km/h", "fact": "sustained winds"}]}]
    assert len(score.false_pairs) == score.predicted_pairs - score.correct_pairs
    total = StoryScore("all")
    total.add(score)
    assert total.to_dict()["false_pairs"] == [{"story": score.name, **score.false_pairs[0]}]


def test_gold_frame_fields_are_validated(tmp_path: Path) -> None:
    path = _story(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    data["mentions"][0]["direction"] = "sideways"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_gold(path)
    assert raised.value.field == "mentions[0].direction"


def test_gold_frame_fields_are_scored(tmp_path: Path) -> None:
    fields = {name: (right, stated) for name, right, stated in
              evaluate_gold(_story(tmp_path)).field_accuracy}
    assert fields["per"] == (1, 1) and fields["about"] == (1, 1) and fields["direction"] == (1, 1)


def test_a_null_when_scores_as_the_publication_day(tmp_path: Path) -> None:
    path = _story(tmp_path)
    data = json.loads(path.read_text("utf-8"))
    # "Peak gusts reached 140 km/h." names no time: null, which means the publication day
    data["mentions"] = [dict(data["mentions"][0], when={"start": "2024-05-10", "end": "2024-05-10"}),
                        dict(data["mentions"][0], doc="b", surface="150 km/h", value=150,
                             when={"start": "2024-05-09", "end": "2024-05-09"})]
    path.write_text(json.dumps(data), encoding="utf-8")
    fields = {name: (right, stated) for name, right, stated in evaluate_gold(path).field_accuracy}
    assert fields["when"] == (1, 2)


def test_the_cli_reports_the_stories_in_text_and_json() -> None:
    run = [sys.executable, "-m", "numclaims.cli", "evaluate", "--stories", str(STORIES / SEED)]
    text = subprocess.run(run, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "Cross-source checks on the development stories" in text and SEED in text
    report = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True,
                                       check=True, cwd=ROOT).stdout)
    assert report["stories"]["overall"]["grouping"]["recall"] == 1.0


def test_a_folder_without_stories_is_one_line_and_exit_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "numclaims.cli", "evaluate", "--stories",
                           str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "no story folder" in done.stderr


def _two_reports(tmp_path: Path, a: str, b: str, published: str, members: list[list[str]]) -> Path:
    """A story of reports a and b with one consistent gold group of ``members``."""
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({
        "documents": [{"id": n, "file": f"{n}.txt", "published": published, "outlet_country": "GB"}
                      for n in "ab"],
        "mentions": [], "must_not_extract": [], "must_not_merge": [],
        "groups": [{"fact": "the figure", "members": members, "verdict": "consistent"}],
    }), encoding="utf-8")
    return tmp_path / "gold.json"


def test_a_figure_a_report_writes_twice_is_the_members_claim(tmp_path: Path) -> None:
    # bhp-anglo-american-2024: a headline's "£31.1 billion" over the body's; gold names the
    # surface once, and a group that holds the body's figure holds the member
    a = "BHP offers £31.1 billion for Anglo\nBHP valued Anglo American at £31.1 billion on Thursday."
    b = "Anglo American was valued at £31.1 billion in BHP's all-share proposal."
    gold = load_gold(_two_reports(tmp_path, a, b, "2024-04-25", [["a", "£31.1 billion"], ["b", "£31.1 billion"]]))
    body = Claim("a", a.rindex("£31.1"), a.rindex("£31.1") + 13, "£31.1 billion", 0.0, None, None, None, None)
    group = CheckItem((body, _claim("b", "£31.1 billion", b)), "consistent", "")
    headline = CheckItem((_claim("a", "£31.1 billion", a),), "single_source", "")
    score = score_story(gold, Report(groups=(headline, group)))
    assert (score.correct_pairs, score.predicted_pairs, score.gold_pairs) == (1, 1, 1)
    assert (score.verdicts_right, score.met, score.expectations) == (1, 1, 1)


def test_a_restatement_member_is_no_missing_member(tmp_path: Path) -> None:
    # kim-putin-2019: "(S$681 million)" is found as the "US$500 million" it restates
    a = "North Korean workers earn more than US$500 million (S$681 million) a year."
    b = "The workers earn the regime more than US$500 million a year."
    gold = load_gold(_two_reports(tmp_path, a, b, "2019-04-25", [
        ["a", "more than US$500 million"], ["a", "S$681 million"], ["b", "more than US$500 million"]]))
    first, restated = _claim("a", "more than US$500 million", a), _claim("a", "S$681 million", a)
    inline = CheckItem((first, restated), "consistent", "")
    group = CheckItem((first, restated, _claim("b", "more than US$500 million", b)), "consistent", "")
    score = score_story(gold, Report(inline=(inline,), groups=(group,)))
    assert (score.verdicts_right, score.groups) == (1, 1), score.failures
