"""The dimension modules' shape: each exports named rules (and scans), and the pipeline runs
every one of them in rank order, with the count rule, which decides every figure, last."""

from __future__ import annotations

import importlib
import pkgutil

import numclaims.extraction.dimensions as dimensions
from numclaims.extraction import pipeline
from numclaims.extraction.dimensions import Rule, Scan

MODULES = [importlib.import_module(f"{dimensions.__name__}.{m.name}") for m in pkgutil.iter_modules(dimensions.__path__)]
DIMENSIONS = [m for m in MODULES if m.__name__.rsplit(".", 1)[1] != "figure"]


def test_every_dimension_exports_rules_or_scans() -> None:
    for module in DIMENSIONS:
        found = [*getattr(module, "rules", []), *getattr(module, "scans", [])]
        assert found and all(isinstance(x, Rule | Scan) for x in found), module.__name__


def test_pipeline_runs_every_rule_in_rank_order() -> None:
    rules = [r for m in DIMENSIONS for r in getattr(m, "rules", [])]
    scans = [s for m in DIMENSIONS for s in getattr(m, "scans", [])]
    assert sorted(pipeline.RULES, key=lambda r: r.name) == sorted(rules, key=lambda r: r.name)
    assert set(pipeline.SCANS) == set(scans) and len(pipeline.SCANS) == len(scans)
    ranks = [r.rank for r in pipeline.RULES]
    assert ranks == sorted(set(ranks)), "ranks are distinct: the order across dimensions is explicit"
    assert len({r.name for r in rules}) == len(rules)
    assert pipeline.RULES[-1].apply.__module__.endswith(".count")
