"""The input the distributed engines are checked on, and what the single-machine CLI makes of it.

One JSON Lines file: the bundled sample corpus (one story), 80 synthetic documents over four
stories interleaved, and three documents naming no story, arranged so that stories first appear
in a known order and every story spans several partitions. The CLI runs once per session on it;
every engine test compares its output with the CLI's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from benchmarks.corpus import documents
from numclaims.sample import SAMPLE_STORY, sample_records
from numclaims.cli import main

RECORD_KEYS = ("id", "text", "published", "story", "outlet_country")


def engine_records() -> list[dict[str, Any]]:
    """The documents, as JSON-ready records, in input order."""
    synthetic = list(documents(80, stories=4, sentences=8))
    sample = [{key: doc[key] for key in RECORD_KEYS if key in doc} | {"story": SAMPLE_STORY}
              for doc in sample_records()]
    storyless = [{"id": f"loose{n}", "published": "2019-04-25", "outlet_country": "SG",
                  "text": f"The {n + 2} leaders met for {n + 3} hours and spent S${n + 1} million."}
                 for n in range(3)]
    return synthetic[:30] + storyless[:2] + sample + synthetic[30:] + storyless[2:]


def rows(table: pa.Table, schema: pa.Schema) -> list[dict[str, Any]]:
    """A table's rows as plain dicts, after casting to ``schema`` (names of list items and
    string widths differ between writers; values must not)."""
    return table.select(schema.names).cast(schema).to_pylist()


@pytest.fixture(scope="session")
def engine_input(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The records, their file, and the CLI's three outputs for them."""
    folder = tmp_path_factory.mktemp("engines")
    records = engine_records()
    docs = folder / "docs.jsonl"
    docs.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    mentions, findings, reports = (folder / "mentions.parquet", folder / "findings.parquet",
                                   folder / "reports.jsonl")
    assert main(["extract", str(docs), "--output", str(mentions), "--quiet"]) == 0
    assert main(["check", str(docs), "--output", str(findings), "--quiet"]) == 0
    assert main(["check", str(docs), "--format", "jsonl", "--output", str(reports), "--quiet"]) == 0
    return {
        "records": records,
        "file": docs,
        "mentions": pq.read_table(mentions),
        "findings": pq.read_table(findings),
        "reports": [json.loads(line) for line in Path(reports).read_text("utf-8").splitlines()],
    }


def story_order(reports: list[dict[str, Any]]) -> dict[str, int]:
    """Each story's rank in the CLI's output: the order of its first document in the input."""
    return {report["story"]: n for n, report in enumerate(reports)}
