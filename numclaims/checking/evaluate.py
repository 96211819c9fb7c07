"""How well grouping finds the facts a gold file lists: pairwise precision and recall.

A gold file (like ``gold.json`` of the development corpus) has ``documents`` (a manifest) and
``groups``: each a list of ``[doc, surface]`` members that state one fact. Gold annotates only some
facts, so precision counts only the predicted pairs that touch an annotated claim; groups about
facts gold says nothing of are counted apart, as ``unannotated_groups``.

Run ``python -m numclaims.checking.evaluate path/to/gold.json`` to print the score.
"""

from __future__ import annotations

import json
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

from numclaims.checking.report import check
from numclaims.evaluation.stories import restatements
from numclaims.model import CheckItem, Claim

Key = tuple[str, int]  # (document id, start offset): one claim


def _surface(text: str) -> str:
    # Markdown escapes ("\$500 million") are not part of what a reader sees
    return text.replace("\\", "").strip()


def _match(claims: list[Claim], doc: str, surface: str) -> Key | None:
    """The claim of ``doc`` whose text contains the gold surface (or is contained in it)."""
    want = _surface(surface)
    found = [c for c in claims if c.doc == doc and (want in _surface(c.text) or _surface(c.text) in want)]
    if not found:
        return None
    best = min(found, key=lambda c: abs(len(_surface(c.text)) - len(want)))
    return best.doc, best.start


def _pairs(members: list[Key]) -> set[frozenset[Key]]:
    return {frozenset((a, b)) for a, b in combinations(set(members), 2) if a[0] != b[0]}


def _predicted(items: list[CheckItem]) -> list[list[Key]]:
    return [[(c.doc, c.start) for c in item.claims] for item in items
            if item.verdict != "single_source" and item.details.get("check", "group") == "group"]


def grouping_score(gold_path: str | Path) -> dict[str, Any]:
    """Check the gold file's documents and score the groups found against its ``groups``; prints it.

    Returns ``precision``, ``recall``, the pair counts, and per gold group whether its members were
    found together, which verdicts they got and their ``outcome`` (``agreed``, ``flagged``, or
    ``unchecked`` when no other source states it); ``outcomes`` counts them.
    """
    gold_path = Path(gold_path)
    gold = json.loads(gold_path.read_text("utf-8"))
    docs = [{"id": d["id"], "text": (gold_path.parent / d["file"]).read_text("utf-8"),
             "published": d.get("published"), "source": d.get("outlet_country"),
             "outlet_country": d.get("outlet_country")} for d in gold["documents"]]
    report = check(docs)
    items = list(report.groups) + [i for i in report.dates if i.details.get("check") == "group"]
    claims = [c for item in items for c in item.claims]
    # a restatement in brackets is the claim it restates, in the same report
    alias = restatements(report)
    predicted = [[alias.get(k, k) for k in p] for p in _predicted(items)]
    verdict_of = {key: item.verdict for item in items for key in ((c.doc, c.start) for c in item.claims)}

    gold_pairs: set[frozenset[Key]] = set()
    annotated: set[Key] = set()
    per_group = []
    for group in gold.get("groups", []):
        keys = [_match(claims, doc, surface) for doc, surface in group["members"]]
        keys = [alias.get(k, k) if k is not None else None for k in keys]
        found = [k for k in keys if k is not None]
        annotated.update(found)
        # a member no group contains still counts in the gold pairs, under a key nothing predicts
        placeholders = [k or (doc, -1 - n) for n, (k, (doc, _)) in enumerate(zip(keys, group["members"]))]
        gold_pairs |= _pairs(placeholders)
        together = len(found) == len(keys) and any(set(found) <= set(p) for p in predicted)
        verdicts = sorted({verdict_of[k] for k in found})
        # a claim no other document states was never cross-checked: it cannot count as agreeing
        checked = [v for v in verdicts if v != "single_source"]
        per_group.append({"fact": group.get("fact"), "expected": group.get("verdict"),
                          "found_together": together, "verdicts": verdicts,
                          "outcome": ("unchecked" if not together or not checked else
                                      "agreed" if checked == ["consistent"] else "flagged")})
    predicted_pairs = set().union(*(_pairs(p) for p in predicted)) if predicted else set()
    touching = {p for p in predicted_pairs if p & annotated}
    correct = gold_pairs & predicted_pairs
    precision = len(correct) / len(touching) if touching else 1.0
    recall = len(correct) / len(gold_pairs) if gold_pairs else 1.0
    unannotated = sum(1 for p in predicted if not set(p) & annotated)
    score = {"precision": precision, "recall": recall, "gold_pairs": len(gold_pairs),
             "predicted_pairs_touching_gold": len(touching), "correct_pairs": len(correct),
             "unannotated_groups": unannotated, "groups": per_group,
             "outcomes": {o: sum(g["outcome"] == o for g in per_group)
                          for o in ("agreed", "flagged", "unchecked")}}
    print(f"grouping precision {precision:.2f} ({len(correct)}/{len(touching)} pairs), "
          f"recall {recall:.2f} ({len(correct)}/{len(gold_pairs)} pairs); "
          f"{unannotated} further groups about facts gold does not annotate")
    return score


if __name__ == "__main__":  # pragma: no cover - a convenience for the command line
    for path in sys.argv[1:]:
        grouping_score(path)
