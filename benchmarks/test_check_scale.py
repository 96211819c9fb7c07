"""How ``numclaims.check`` scales with the number of documents of one story.

Synthetic documents are built by recombining real sentences of the bundled sample corpus (the five
Kim-Putin reports), so every document repeats facts that others state, in the words real outlets
used: the worst case for grouping, whose blocks fill up with claims about the same facts.

Run: ``.venv/bin/pytest benchmarks/test_check_scale.py --benchmark-only`` (not part of the test
suite; 10,000 documents take a few minutes, almost all of it extraction). ``test_grouping_scale``
times the grouping stage alone on pre-extracted claims, which is what must stay near-linear.
"""

from __future__ import annotations

import json
import random
from importlib import resources
from typing import Any

import pytest

from numclaims.checking import check
from numclaims.checking.claims import Item
from numclaims.checking.grouping import idf
from numclaims.checking.groups import check_groups
from numclaims.checking.inputs import validate
from numclaims.checking.report import extract_items
from numclaims.checking.text import is_content, sentence_bounds, tokens

SIZES = [100, 1_000, 10_000]
SENTENCES_PER_DOC = 12


def _sample() -> list[dict[str, Any]]:
    root = resources.files("numclaims.data").joinpath("sample/kim-putin-2019")
    manifest = json.loads(root.joinpath("manifest.json").read_text("utf-8"))
    return [{**e, "text": root.joinpath(e["file"]).read_text("utf-8")} for e in manifest]


def synthetic_documents(n: int, seed: int = 2019) -> list[dict[str, Any]]:
    """``n`` documents, each a random run of real sentences with a real outlet's date and country."""
    sample = _sample()
    pool = [doc["text"][s:e].strip() for doc in sample for s, e in sentence_bounds(doc["text"])]
    pool = [s for s in pool if len(s) > 40]
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        outlet = rng.choice(sample)
        text = " ".join(rng.sample(pool, SENTENCES_PER_DOC))
        docs.append({"id": f"syn{i:05d}", "text": text, "published": outlet["published"],
                     "currency_hint": outlet["outlet_country"]})
    return docs


@pytest.mark.parametrize("n", SIZES)
def test_check_scale(benchmark: Any, n: int) -> None:
    docs = synthetic_documents(n)
    report = benchmark.pedantic(check, args=(docs,), rounds=1, iterations=1)
    benchmark.extra_info["documents"] = n
    benchmark.extra_info["groups"] = sum(1 for g in report.groups if g.verdict != "single_source")
    assert report.groups


@pytest.mark.parametrize("n", SIZES)
def test_grouping_scale(benchmark: Any, n: int) -> None:
    docs = validate(synthetic_documents(n))
    items: list[Item] = [item for doc in docs for item in extract_items(doc, "USD")]
    weights = idf({t.lemma for t in tokens(doc.text) if is_content(t)} for doc in docs)
    # best of three: on a shared machine one round mostly measures the neighbours
    found = benchmark.pedantic(check_groups, args=(items, weights), kwargs={"tolerance": 0.01},
                               rounds=3, iterations=1)
    per_claim = benchmark.stats.stats.min / len(items) * 1e6
    benchmark.extra_info.update(documents=n, claims=len(items), us_per_claim=per_claim)
    print(f"\n{n} documents, {len(items)} claims: grouping {benchmark.stats.stats.min * 1e3:.0f} ms, "
          f"{per_claim:.0f} us per claim")
    assert found
