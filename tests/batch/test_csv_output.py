"""CSV output of the real CLI (issue 16): ``extract`` one row per mention, ``check`` one row per
finding, the Parquet schema's columns and values, RFC 4180 quoting, UTF-8, written atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from numclaims.batch.records import FINDING_COLUMNS, MENTION_COLUMNS

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]
COLUMNS = {"extract": MENTION_COLUMNS, "check": FINDING_COLUMNS}

# ids, stories and texts a spreadsheet export gets wrong: quotes, commas, line breaks, non-ASCII
AWKWARD = [
    {"id": 'report "A", Seoul', "story": "summit, day 1", "published": "2019-04-25",
     "outlet_country": "SG",
     "text": 'Kim said, "we spent S$681 million (US$500 million)",\nand the 17km border\r\nstays.'},
    {"id": "Zürich–Bericht 1", "story": "summit, day 1", "published": "2019-04-25",
     "text": "Über 27km Grenze; 1.5 Prozent — «10,000 Arbeiter» on Thursday (April 25)."},
    {"id": "東京\n2", "story": "summit, day 1", "published": "2019-04-26",
     "text": "Die Grenze ist 17km lang, sagte er: \"\"genau\"\"."},
]


def cli(*args: str, cwd: Path) -> bytes:
    """Standard output of a successful run, as bytes (line ends as written)."""
    run = subprocess.run([*NUMCLAIMS, *args, "--quiet"], capture_output=True, timeout=120, cwd=cwd)
    assert run.returncode == 0, run.stderr.decode()
    return run.stdout


def cell(text: str, kind: str) -> Any:
    """A CSV cell read back as the Parquet column type holds it (an empty cell is null)."""
    if text == "":
        return None
    if kind == "list<string>":
        return json.loads(text)
    if kind.startswith("int"):
        return int(text)
    return float(text) if kind == "float64" else text


def read_csv(data: str, columns: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    reader = csv.reader(io.StringIO(data, newline=""))
    header = next(reader)
    assert header == [name for name, _ in columns]
    return [{name: cell(value, kind) for (name, kind), value in zip(columns, row, strict=True)}
            for row in reader]


def both(command: str, inputs: list[str], cwd: Path) -> tuple[str, list[dict[str, Any]]]:
    """The CSV (by -o's extension) and the Parquet rows of one run of ``command``."""
    cli(command, *inputs, "-o", "out.csv", cwd=cwd)
    cli(command, *inputs, "-o", "out.parquet", cwd=cwd)
    return (cwd / "out.csv").read_bytes().decode("utf-8"), pq.read_table(cwd / "out.parquet").to_pylist()


@pytest.fixture
def awkward(tmp_path: Path) -> Path:
    path = tmp_path / "awkward.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in AWKWARD), "utf-8")
    return path


@pytest.mark.parametrize("command", ["extract", "check"])
def test_csv_is_the_parquet_output_on_the_sample(tmp_path: Path, command: str) -> None:
    data, expected = both(command, ["--sample"], tmp_path)
    assert len(expected) > 10
    assert read_csv(data, COLUMNS[command]) == expected
    # the same bytes on standard output with --format csv
    assert cli(command, "--sample", "--format", "csv", cwd=tmp_path) == data.encode()


@pytest.mark.parametrize("command", ["extract", "check"])
def test_csv_keeps_quotes_commas_newlines_and_non_ascii(awkward: Path, command: str) -> None:
    data, expected = both(command, [awkward.name], awkward.parent)
    rows = read_csv(data, COLUMNS[command])
    assert rows == expected and rows
    ids = {doc["id"] for doc in AWKWARD}
    assert "Zürich–Bericht 1" in data and "\\u" not in data  # UTF-8, not JSON escapes
    assert data.endswith("\r\n")  # RFC 4180: CRLF ends a record
    if command == "extract":
        assert {r["document"] for r in rows} == ids
        assert {r["story"] for r in rows} == {"summit, day 1"}
        # a cell with a quote, comma or line break is quoted, its quotes doubled
        assert '"report ""A"", Seoul"' in data and '"東京\n2"' in data
    else:
        assert set().union(*(r["documents"] for r in rows)) == ids
        assert any('"' in r["explanation"] for r in rows)  # a weekday finding quotes its date


def test_nested_values_are_compact_json(tmp_path: Path) -> None:
    data, _ = both("check", ["--sample"], tmp_path)
    (header, *body) = list(csv.reader(io.StringIO(data, newline="")))
    documents = header.index("documents")
    assert all(row[documents].startswith('["') and '", "' not in row[documents] for row in body)
    extract_data, _ = both("extract", ["--sample"], tmp_path)
    (header, *body) = list(csv.reader(io.StringIO(extract_data, newline="")))
    ambiguities = [row[header.index("ambiguities")] for row in body]
    assert "[]" in ambiguities and any(a.startswith('["') for a in ambiguities)


def test_a_failed_run_leaves_no_csv(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(json.dumps(AWKWARD[0]) + "\n{\"id\": \n", "utf-8")
    (tmp_path / "old.csv").write_text("the previous run's output", "utf-8")
    for name in ("out.csv", "old.csv"):
        run = subprocess.run([*NUMCLAIMS, "extract", source.name, "-o", name], capture_output=True,
                             text=True, timeout=120, cwd=tmp_path)
        assert run.returncode == 2 and "bad.jsonl:2: not valid JSON" in run.stderr
    assert sorted(os.listdir(tmp_path)) == ["bad.jsonl", "old.csv"]  # no temporary file either
    assert (tmp_path / "old.csv").read_text("utf-8") == "the previous run's output"
