"""The whole ``numclaims evaluate`` report as one JSON object, and what moved since another.

:func:`build_report` puts the existing figures (``gold``: P/R/F1, ``peers``: pass rates,
unchanged) beside the breakdown of every suite (``suites``, each with its counts by
dimension, examples per error class and every item's status) and the sums per source
(``totals``). :func:`compare` reads two such objects and lists, per suite and class, the
counts before and after and the items that flipped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from numclaims.errors import InputError
from numclaims.evaluation.breakdown import (
    ERROR_CLASSES,
    PASSED,
    SuiteBreakdown,
    add_counts,
    by_dimension,
)
from numclaims.evaluation.gold import GoldScore
from numclaims.evaluation.peers import PeerReport

_CLASSES = ("cases", PASSED, *ERROR_CLASSES)


def source_totals(suites: Sequence[SuiteBreakdown]) -> dict[str, Any]:
    """Per source, the counts over its suites and by dimension. Gold suites count different
    things (mentions, predictions), so gold totals stay per suite."""
    totals: dict[str, Any] = {}
    for source in dict.fromkeys(s.source for s in suites):
        chosen = [s for s in suites if s.source == source]
        if source == "gold":
            totals[source] = {s.name: s.counts() for s in chosen}
            continue
        totals[source] = {"counts": add_counts(s.counts() for s in chosen),
                          "dimensions": by_dimension(chosen)}
    return totals


def build_report(gold: GoldScore | None = None, peers: PeerReport | None = None,
                 cases: Sequence[SuiteBreakdown] = (), *, examples: int = 3,
                 failures: int | None = 20) -> dict[str, Any]:
    """Everything one run scored, JSON-ready."""
    suites = [*(gold.breakdowns() if gold else ()), *(peers.breakdowns() if peers else ()),
              *cases]
    report: dict[str, Any] = {}
    if gold is not None:
        report["gold"] = gold.to_dict()
    if peers is not None:
        report["peers"] = peers.to_dict(failures=failures)
    report["suites"] = [s.to_dict(examples) for s in suites]
    report["totals"] = source_totals(suites)
    return report


def load_report(path: str | Path) -> dict[str, Any]:
    """A report written by ``numclaims evaluate --format json``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable evaluation report: {exc}",
                         field="compare") from None
    if not isinstance(data, dict) or not isinstance(data.get("suites"), list):
        raise InputError(f"{path}: not an evaluation report (written by --format json): "
                         "no 'suites' list", field="compare")
    return data


def _by_name(report: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {s["name"]: s for s in report.get("suites", []) if isinstance(s, dict) and "name" in s}


def compare(before: Mapping[str, Any], after: Mapping[str, Any],
            flips: int = 10) -> list[dict[str, Any]]:
    """Per suite (in ``after``'s order, then suites only ``before`` had): the classes whose
    counts moved, ``before -> after``, and up to ``flips`` items whose status changed."""
    old, new = _by_name(before), _by_name(after)
    moved = []
    for name in [*new, *(n for n in old if n not in new)]:
        a, b = old.get(name, {}), new.get(name, {})
        ca, cb = a.get("counts", {}), b.get("counts", {})
        classes = {c: [ca.get(c, 0), cb.get(c, 0)] for c in _CLASSES
                   if ca.get(c, 0) != cb.get(c, 0)}
        oa, ob = a.get("outcomes", {}), b.get("outcomes", {})
        flipped = [{"id": i, "before": oa.get(i), "after": ob.get(i)}
                   for i in [*ob, *(i for i in oa if i not in ob)] if oa.get(i) != ob.get(i)]
        moved.append({"suite": name, "status": "new" if not a else "gone" if not b else "",
                      "classes": classes, "flipped": len(flipped), "flips": flipped[:flips]})
    return moved


def format_compare(moved: Sequence[Mapping[str, Any]], before: str) -> str:
    """What moved, one block per suite that changed; a line for the rest."""
    lines = [f"Compared with {before} (before -> after)"]
    still = [m["suite"] for m in moved if not m["classes"] and not m["flipped"]]
    for m in moved:
        if not m["classes"] and not m["flipped"]:
            continue
        lines.append(f"  {m['suite']}" + (f" ({m['status']} suite)" if m["status"] else ""))
        for cls, (x, y) in m["classes"].items():
            lines.append(f"    {cls:<16}{x:>6} -> {y:<6}{y - x:+d}")
        if m["flipped"]:
            lines.append(f"    flipped ({len(m['flips'])} of {m['flipped']}):")
            lines += [f"      {f['id']}: {f['before'] or '(absent)'} -> {f['after'] or '(absent)'}"
                      for f in m["flips"]]
    lines.append(f"  unchanged: {', '.join(still)}" if still else "  every suite moved")
    return "\n".join(lines)


__all__ = ["build_report", "compare", "format_compare", "load_report", "source_totals"]
