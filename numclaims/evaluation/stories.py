"""Score cross-source checking on development stories: a folder of story folders, each a set of
real reports of one event with a ``gold.json`` (the format of :mod:`numclaims.evaluation.gold`).

Every gold member is a ``[doc, surface]`` pair; it is found among the checked claims as the
claim of that document whose span overlaps an occurrence of the surface the most. Then, per
story and over all of them:

- **grouping precision / recall** over pairs of claims from different documents: the gold pairs
  are those of each gold group; the predicted ones those of each group the checker formed
  (single-source items form none). Gold annotates only some facts, so precision counts only
  predicted pairs with a claim that gold annotates (a group or a ``must_not_merge`` member). A
  restatement in brackets counts as the claim it restates (:func:`restatements`), and a figure
  a report writes again with the same surface (a headline's "£31.1 billion" over the body's)
  as the member's claim (:func:`_repeats`);
- **verdict accuracy**: a gold group is right when its members found are all in one predicted
  group whose verdict is the expected one (``must_flag`` takes any flag); a group the checker
  did not form is wrong;
- **false flags**: of the flagged predicted groups (conflict, divergent, updated) that touch an
  annotated claim, those that do not hold two members of one drifting gold group, or that join a
  ``must_not_merge`` pair: the noise a fact-checker hates most;
- **drifts caught**: the gold groups expected flagged that some flagged predicted group holds
  two members of;
- **expectations met**: every gold group verdict, ``must_not_merge`` pair kept apart, inline
  check, weekday check and arithmetic check, right or wrong. An arithmetic check is met only by
  a checker item with ``details["check"] == "arithmetic"`` that holds its result claim and one of its
  operands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from numclaims.evaluation.gold import DRIFT_VERDICTS, Gold, load_gold, occurrences
from numclaims.errors import InputError
from numclaims.model import CheckItem, Claim, Report

Key = tuple[str, int]  # (document id, start offset): one claim
FLAGS = frozenset({"conflict", "divergent", "updated"})


@dataclass
class StoryScore:
    """The scores of one story (or, summed, of all of them)."""

    name: str
    documents: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0  # touching an annotated claim
    correct_pairs: int = 0
    groups: int = 0
    verdicts_right: int = 0
    flagged: int = 0  # flagged predicted groups touching an annotated claim
    false_flags: int = 0
    drifts: int = 0
    drifts_caught: int = 0
    separate: int = 0
    merged_apart: int = 0  # must_not_merge pairs the checker grouped
    expectations: int = 0
    met: int = 0
    failures: list[str] = field(default_factory=list)
    # the predicted pairs touching an annotated claim that no gold group holds (_false_pairs)
    false_pairs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.gold_pairs if self.gold_pairs else 1.0

    def add(self, other: StoryScore) -> None:
        for name in ("documents", "gold_pairs", "predicted_pairs", "correct_pairs", "groups",
                     "verdicts_right", "flagged", "false_flags", "drifts", "drifts_caught",
                     "separate", "merged_apart", "expectations", "met"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.false_pairs += [{"story": other.name, **pair} for pair in other.false_pairs]

    def to_dict(self) -> dict[str, Any]:
        return {
            "story": self.name, "documents": self.documents,
            "grouping": {"precision": self.precision, "recall": self.recall,
                         "gold_pairs": self.gold_pairs, "predicted_pairs": self.predicted_pairs,
                         "correct_pairs": self.correct_pairs},
            "verdicts": {"right": self.verdicts_right, "groups": self.groups},
            "false_flags": {"false": self.false_flags, "flagged": self.flagged},
            "drifts": {"caught": self.drifts_caught, "real": self.drifts},
            "must_not_merge": {"merged": self.merged_apart, "pairs": self.separate},
            "expectations": {"met": self.met, "total": self.expectations},
            "failures": list(self.failures),
            "false_pairs": list(self.false_pairs),
        }


def _by_doc(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    by_doc: dict[str, list[Claim]] = {}
    for claim in claims:
        by_doc.setdefault(claim.doc, []).append(claim)
    return by_doc


def _best_claim(claims: Sequence[Claim], start: int, end: int) -> tuple[Key | None, int]:
    """The claim that overlaps ``[start, end)`` the most (the first of equals), and by how much."""
    best, overlap = None, 0
    for c in claims:
        shared = min(end, c.end) - max(start, c.start)
        if shared > overlap:
            best, overlap = (c.doc, c.start), shared
    return best, overlap


def _finder(claims: Sequence[Claim], gold: Gold) -> Any:
    by_doc = _by_doc(claims)
    texts = {d.id: d.text for d in gold.documents}

    def find(doc: str, surface: str) -> Key | None:
        """The claim an occurrence of ``surface`` overlaps the most."""
        best, overlap = None, 0
        for start, end in occurrences(texts[doc], surface):
            found, shared = _best_claim(by_doc.get(doc, ()), start, end)
            if shared > overlap:
                best, overlap = found, shared
        return best

    return find


def _repeats(claims: Sequence[Claim], gold: Gold, find: Any) -> dict[Key, Key]:
    """Each claim that repeats a gold member's surface in its document -> the claim the member
    is found as: "£31.1 billion" in a headline and again in the body is one figure of that
    report, and a group that holds either holds the member."""
    by_doc = _by_doc(claims)
    texts = {d.id: d.text for d in gold.documents}
    members = {tuple(m) for g in gold.groups for m in g.members}
    members |= {tuple(m) for s in gold.must_not_merge for m in s.members}
    repeats: dict[Key, Key] = {}
    for doc, surface in members:
        found = find(doc, surface)
        if found is None:
            continue
        for start, end in occurrences(texts[doc], surface):
            best, _ = _best_claim(by_doc.get(doc, ()), start, end)
            if best is not None and best != found:
                repeats.setdefault(best, found)
    return repeats


def _resolved(alias: dict[Key, Key]) -> dict[Key, Key]:
    """``alias`` with its chains followed to their end (a restatement of a repeated figure)."""
    out = {}
    for key in alias:
        seen, end = {key}, alias[key]
        while end in alias and end not in seen:
            seen.add(end)
            end = alias[end]
        out[key] = end
    return out


def restatements(report: Report) -> dict[Key, Key]:
    """Each restatement's claim -> the claim it restates, from the report's inline checks: "(S$681
    million)" after "US$500 million" is that claim again, in the same report, and a group that
    holds both pairs them with other reports once, as one claim."""
    return {(item.claims[1].doc, item.claims[1].start): (item.claims[0].doc, item.claims[0].start)
            for item in report.inline if len(item.claims) == 2}


def _pairs(keys: Iterable[Key]) -> set[frozenset[Key]]:
    return {frozenset((a, b)) for a, b in combinations(set(keys), 2) if a[0] != b[0]}


def _keys(item: CheckItem) -> set[Key]:
    return {(c.doc, c.start) for c in item.claims}


def _label(members: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{surface!r} ({doc})" for doc, surface in members)


def score_story(gold: Gold, report: Report, name: str = "") -> StoryScore:
    """Score one checked story against its gold file (see the module docstring)."""
    score = StoryScore(name or gold.path.parent.name, documents=len(gold.documents))
    items = [*report.inline, *report.groups, *report.dates]
    claims = [c for item in items for c in item.claims]
    found_in = _finder(claims, gold)
    alias = _resolved({**_repeats(claims, gold, found_in), **restatements(report)})

    def find(doc: str, surface: str) -> Key | None:
        key = found_in(doc, surface)
        return alias.get(key, key) if key is not None else None

    groups = [item for item in [*report.groups, *report.dates]
              if item.verdict != "single_source" and item.details.get("check", "group") == "group"]
    predicted = [{alias.get(k, k) for k in _keys(item)} for item in groups]

    annotated: set[Key] = set()
    facts: dict[Key, str] = {}  # an annotated claim -> its gold group's fact
    gold_pairs: set[frozenset[Key]] = set()
    drifting: list[set[Key]] = []
    for n, group in enumerate(gold.groups):
        keys = [find(doc, surface) for doc, surface in group.members]
        found = {k for k in keys if k is not None}
        annotated |= found
        facts.update((k, group.fact) for k in found if k not in facts)
        # a member nothing found still counts in the gold pairs, under a key nothing predicts
        gold_pairs |= _pairs(k if k is not None else (doc, -1 - 1000 * n - i)
                             for i, (k, (doc, _)) in enumerate(zip(keys, group.members)))
        score.groups += 1
        score.expectations += 1
        together = [item for item, keys_of in zip(groups, predicted) if found and found <= keys_of]
        # (a restatement member is found as the claim it restates: ``found`` may hold fewer keys)
        missing = keys.count(None)
        verdict = together[0].verdict if together and not missing else None
        expected = group.verdict
        right = verdict is not None and (verdict == expected or (expected == "must_flag" and verdict in FLAGS))
        score.verdicts_right += right
        score.met += right
        if not right:
            got = verdict or ("not grouped together" if not missing else
                              f"{missing} of {len(keys)} members not extracted")
            score.failures.append(f"group {group.fact!r}: expected {expected}, got {got}")
        if expected in DRIFT_VERDICTS:
            score.drifts += 1
            drifting.append(found)
            if any(item.verdict in FLAGS and len(found & keys_of) >= 2
                   for item, keys_of in zip(groups, predicted)):
                score.drifts_caught += 1
    apart: list[frozenset[Key]] = []
    for separate in gold.must_not_merge:
        keys = [find(doc, surface) for doc, surface in separate.members]
        found = {k for k in keys if k is not None}
        annotated |= found
        score.separate += 1
        score.expectations += 1
        merged = len(found) >= 2 and any(len(found & keys_of) >= 2 for keys_of in predicted)
        score.merged_apart += merged
        score.met += not merged
        if merged:
            apart.append(frozenset(found))
            score.failures.append(f"must not merge {_label(separate.members)}: grouped"
                                  + (f" ({separate.why})" if separate.why else ""))
    predicted_pairs = set().union(*(_pairs(p) for p in predicted)) if predicted else set()
    touching = {p for p in predicted_pairs if p & annotated}
    score.gold_pairs, score.predicted_pairs = len(gold_pairs), len(touching)
    score.correct_pairs = len(gold_pairs & touching)
    score.false_pairs = _false_pairs(touching - gold_pairs, claims, facts)
    for item, keys_of in zip(groups, predicted):
        if item.verdict not in FLAGS or not keys_of & annotated:
            continue
        score.flagged += 1
        true = any(len(keys_of & found) >= 2 for found in drifting) and not any(
            pair <= keys_of for pair in apart)
        if not true:
            score.false_flags += 1
            score.failures.append(f"false flag: {item.verdict} on "
                                  + ", ".join(f"{c.text!r} ({c.doc})" for c in item.claims))
    _score_inline(gold, report, found_in, score)
    _score_arithmetic(gold, items, found_in, score)
    return score


def _false_pairs(pairs: Iterable[frozenset[Key]], claims: Sequence[Claim],
                 facts: dict[Key, str]) -> list[dict[str, Any]]:
    """The predicted pairs no gold group holds, each as its two claims (document, start, text
    and ``fact``: the gold group of an annotated claim, None for one no gold group holds): what
    grouping precision counts against."""
    text = {(c.doc, c.start): c.text for c in claims}

    def side(key: Key) -> dict[str, Any]:
        return {"doc": key[0], "start": key[1], "text": text.get(key, ""), "fact": facts.get(key)}

    return [{"claims": [side(a), side(b)]} for a, b in sorted(sorted(p) for p in pairs)]


def _score_inline(gold: Gold, report: Report, find: Any, score: StoryScore) -> None:
    texts = {d.id: d.text for d in gold.documents}
    for check in gold.inline_checks:
        keys = {find(check.doc, check.stated), find(check.doc, check.equivalent)}
        score.expectations += 1
        # a figure a headline states again occurs twice: the check is met by the restatement that
        # pairs one occurrence of each surface, whichever occurrence the finder took
        item = next((i for i in report.inline if None not in keys and keys <= _keys(i)), None) or next(
            (i for i in report.inline if _pairs_surfaces(i, check.doc, texts[check.doc],
                                                         check.stated, check.equivalent)), None)
        flagged = item is not None and item.verdict != "consistent"
        right = item is not None and flagged == (check.verdict == "must_flag")
        score.met += right
        if not right:
            got = item.verdict if item is not None else "no inline check"
            score.failures.append(f"inline {check.stated!r} = {check.equivalent!r} ({check.doc}): "
                                  f"expected {check.verdict}, got {got}")
    for check in gold.weekday_checks:
        key = find(check.doc, check.surface)
        score.expectations += 1
        item = next((i for i in report.dates if key is not None and key in _keys(i)
                     and i.details.get("check") != "group"), None)
        flagged = item is not None and item.verdict != "consistent"
        right = flagged == (check.verdict == "must_flag")
        score.met += right
        if not right:
            score.failures.append(f"weekday {check.surface!r} ({check.doc}): expected "
                                  f"{check.verdict}, got {item.verdict if item else 'no check'}")


def _pairs_surfaces(item: CheckItem, doc: str, text: str, stated: str, equivalent: str) -> bool:
    """Whether an inline item's two claims are an occurrence of ``stated`` and one of
    ``equivalent`` in ``doc``."""
    if len(item.claims) != 2 or any(c.doc != doc for c in item.claims):
        return False
    first, second = item.claims
    return _at(first, doc, text, stated) and _at(second, doc, text, equivalent)


def _at(claim: Claim, doc: str, text: str, surface: str) -> bool:
    """Whether ``claim`` is at an occurrence of ``surface`` in ``doc``."""
    return claim.doc == doc and any(claim.start < end and start < claim.end
                                    for start, end in occurrences(text, surface))


def _holds(item: CheckItem, texts: dict[str, str], doc: str, surface: str) -> bool:
    return any(_at(c, doc, texts[doc], surface) for c in item.claims)


def _score_arithmetic(gold: Gold, items: Sequence[CheckItem], find: Any, score: StoryScore) -> None:
    texts = {d.id: d.text for d in gold.documents}
    for check in gold.arithmetic_checks:
        key = find(*check.result)
        operands = {k for k in (find(*o) for o in check.operands) if k is not None}
        score.expectations += 1
        # the check of these figures: its result and one of its operands at least
        item = next((i for i in items if i.details.get("check") == "arithmetic"
                     and key is not None and key in _keys(i) and (not operands or operands & _keys(i))), None)
        if item is None:
            # a figure a headline states again occurs twice: any occurrence of the result with
            # an occurrence of an operand meets the check
            item = next((i for i in items if i.details.get("check") == "arithmetic"
                         and _holds(i, texts, *check.result)
                         and (not check.operands or any(_holds(i, texts, *o) for o in check.operands))), None)
        right = item is not None and (item.verdict != "consistent") == (check.verdict == "must_flag")
        score.met += right
        if not right:
            got = item.verdict if item is not None else "not checked"
            score.failures.append(f"arithmetic ({check.kind}) {check.why or check.result[1]!r}: "
                                  f"expected {check.verdict}, got {got}")


def story_folders(root: Path) -> list[Path]:
    """The story folders under ``root`` (each holds a gold.json), or ``root`` itself if it is one."""
    if (root / "gold.json").is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: not a folder", field="stories")
    found = sorted(p.parent for p in root.glob("*/gold.json"))
    if not found:
        raise InputError(f"{root}: no story folder with a gold.json", field="stories")
    return found


def evaluate_stories(root: str | Path) -> tuple[list[StoryScore], StoryScore]:
    """Check every story under ``root`` and score it; returns the per-story scores and their sum."""
    from numclaims.checking.report import check

    scores = []
    total = StoryScore("all")
    for folder in story_folders(Path(root)):
        gold = load_gold(folder / "gold.json")
        docs = [{"id": d.id, "text": d.text, "published": d.published,
                 "outlet_country": d.outlet_country} for d in gold.documents]
        score = score_story(gold, check(docs), folder.name)
        scores.append(score)
        total.add(score)
    return scores, total


def format_stories(scores: Sequence[StoryScore], total: StoryScore, failures: int = 10) -> str:
    """A table of the story scores, then each story's unmet expectations (up to ``failures``)."""
    def row(s: StoryScore) -> str:
        return (f"  {s.name:<30}{s.documents:>5}{s.precision:>7.2f}{s.recall:>7.2f}"
                f"{f'{s.verdicts_right}/{s.groups}':>9}{f'{s.false_flags}/{s.flagged}':>8}"
                f"{f'{s.drifts_caught}/{s.drifts}':>8}{f'{s.merged_apart}/{s.separate}':>8}"
                f"{f'{s.met}/{s.expectations}':>9}")

    lines = ["Cross-source checks on the development stories",
             f"  {'story':<30}{'docs':>5}{'prec':>7}{'recall':>7}{'verdict':>9}{'false':>8}"
             f"{'drifts':>8}{'merged':>8}{'met':>9}",
             *(row(s) for s in scores), "  " + "-" * 83, row(total),
             "prec/recall: grouping pairs; verdict: gold groups with the expected verdict; false: "
             "flagged groups that are false / flagged; drifts: real drifts flagged / real; merged: "
             "must_not_merge pairs grouped / pairs; met: expectations met / all"]
    if failures:
        for s in scores:
            if s.failures:
                lines += ["", f"{s.name}: {len(s.failures)} unmet"]
                lines += [f"  {f}" for f in s.failures[:failures]]
                if len(s.failures) > failures:
                    lines.append(f"  ... {len(s.failures) - failures} more")
    return "\n".join(lines)


__all__ = ["FLAGS", "StoryScore", "evaluate_stories", "format_stories", "score_story",
           "story_folders"]
