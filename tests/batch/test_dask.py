"""numclaims.dask on a real two-process LocalCluster: the same rows as the single-machine CLI,
caches built once per worker, bad records refused by id, and the README's snippet run as written
(``to_parquet`` included) with its Parquet read back."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

dask = pytest.importorskip("dask", reason="the numclaims[dask] extra is not installed")
distributed = pytest.importorskip("distributed", reason="the numclaims[dask] extra is not installed")

import dask.bag as db
import dask.dataframe as dd

import numclaims.dask as ncd
from numclaims.batch import schema
from numclaims.batch.records import FINDING_COLUMNS
from numclaims.batch.workers import PROBLEM_COLUMNS
from numclaims.errors import InputError
from tests.batch.conftest import rows, story_order
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def cluster() -> Iterator[dict[str, Any]]:
    """Two single-threaded worker processes, warmed by the plugin before any task; with each
    worker's cache state as it was before the first task."""
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, worker_dashboard_address=None) as local, \
            distributed.Client(local) as client:
        ncd.register(client)
        yield {"client": client, "before": ncd.worker_caches(client)}


def test_the_module_named_dask_imports_the_real_dask() -> None:
    assert ncd.dask is dask and ncd.dask.__file__ != ncd.__file__
    assert ncd.dd is dd and ncd.db is db


def test_mentions_are_the_cli_rows_and_each_worker_built_its_caches_once(cluster: dict[str, Any], engine_input: dict[str, Any]) -> None:
    client, before = cluster["client"], cluster["before"]
    pids = client.run(os.getpid)
    assert len(before) == 2 and len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    for state in before.values():  # the plugin built everything at start-up, before any task
        assert state["lexicon_builds"] == 1 and state["registry_builds"] == 1
        assert state["fx_tables"] is not None

    frame = ncd.mentions(db.from_sequence(engine_input["records"], npartitions=8))
    assert dict(frame.dtypes) == dict(schema.empty_frame().dtypes)
    with distributed.get_task_stream(client) as tasks:
        result = frame.compute()
    assert {task["worker"] for task in tasks.data} == set(before)  # both workers took part
    # after every document: still one build of each, and the very same FX tables
    assert ncd.worker_caches(client) == before

    assert dict(result.dtypes) == dict(schema.empty_frame().dtypes)
    arrow = schema.arrow_schema()
    assert rows(pa_table(result, arrow), arrow) == rows(engine_input["mentions"], arrow)


def test_mentions_of_a_dataframe_are_the_cli_rows(cluster: dict[str, Any], engine_input: dict[str, Any]) -> None:
    # a frame has a column for every key, so absent stories and dates arrive as missing values
    frame = dd.from_pandas(pd.DataFrame(engine_input["records"]), npartitions=3)
    arrow = schema.arrow_schema()
    result = ncd.mentions(frame).compute()
    assert rows(pa_table(result, arrow), arrow) == rows(engine_input["mentions"], arrow)


def test_findings_and_reports_are_the_cli_ones(cluster: dict[str, Any], engine_input: dict[str, Any]) -> None:
    docs = db.from_sequence(engine_input["records"], npartitions=6)
    frame, bag = ncd.findings(docs), ncd.reports(docs)
    assert dict(frame.dtypes) == dict(schema.empty_frame(FINDING_COLUMNS).dtypes)
    found, reports = frame.compute(), bag.compute()

    order = story_order(engine_input["reports"])
    assert len(order) == 6
    assert sorted(reports, key=lambda r: order[r["story"]]) == engine_input["reports"]
    arrow = schema.arrow_schema(FINDING_COLUMNS)
    assert (rows(pa_table(found.sort_index(kind="stable"), arrow), arrow)
            == rows(engine_input["findings"], arrow))


def test_a_bad_record_stops_the_run_naming_it(cluster: dict[str, Any], engine_input: dict[str, Any]) -> None:
    records = engine_input["records"][:6] + [{"id": "no-text", "story": "story00001"}]
    docs = db.from_sequence(records, npartitions=2)
    with pytest.raises(InputError, match=r"partition 1, record 2, id 'no-text': .*text is missing"):
        ncd.mentions(docs).compute()
    with pytest.raises(InputError, match=r"story 'story00001', partition 1, record 2, id 'no-text'"):
        ncd.findings(docs).compute()
    repeated = db.from_sequence(records[:6] + records[:1], npartitions=2)
    with pytest.raises(InputError, match=r"story 'story00000': .*id is not unique"):
        ncd.reports(repeated).compute()


def test_invalid_records_lists_every_bad_record_and_is_valid_keeps_the_rest(cluster: dict[str, Any], engine_input: dict[str, Any]) -> None:
    good = engine_input["records"][:4]
    bad = [{"id": "no-text"}, "not a document", {"id": "odd-hint", "text": "$5", "currency_hint": "ZZ"},
           {"id": "odd-date", "text": "5km", "published": "25/04/2019"}]
    docs = db.from_sequence(good[:2] + bad[:2] + good[2:] + bad[2:], npartitions=2)
    problems = ncd.invalid_records(docs).compute()
    assert dict(problems.dtypes) == dict(schema.empty_frame(PROBLEM_COLUMNS).dtypes)
    found = problems.astype(object).where(problems.notna(), None).to_dict("records")
    assert [(p["document"], p["field"]) for p in found] == [
        ("no-text", "text"), (None, "documents"), ("odd-hint", "currency_hint"), ("odd-date", "published")]
    assert found[1]["message"] == "partition 0, record 3: a document is a JSON object, got str"
    kept = ncd.mentions(docs.filter(ncd.is_valid)).compute()
    assert set(kept["document"]) == {r["id"] for r in good}


def pa_table(frame: pd.DataFrame, arrow: pa.Schema) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=arrow, preserve_index=False)


def readme_snippet(marker: str) -> str:
    """The README's ``python`` block that contains ``marker``, exactly as written there."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    [block] = [b for b in blocks if marker in b]
    return block


def write_news(folder: Path, records: list[dict[str, Any]], files: int) -> None:
    """The records as ``news/part-N.jsonl`` files, in input order across the sorted names."""
    news = folder / "news"
    news.mkdir()
    size = -(-len(records) // files)
    for n in range(files):
        chunk = records[n * size:(n + 1) * size]
        (news / f"part-{n:02}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chunk), "utf-8")


def read_parts(folder: Path) -> pd.DataFrame:
    """A folder Dask wrote, read back with pandas, partitions in their order (part.10 after
    part.9), each with the index Dask stored."""
    parts = sorted(folder.glob("part.*.parquet"), key=lambda p: int(p.name.split(".")[1]))
    assert parts
    return pd.concat([pd.read_parquet(part) for part in parts])


def test_the_readme_snippet_runs_as_written_and_its_parquet_is_the_cli_output(
        cluster: dict[str, Any], engine_input: dict[str, Any], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    snippet = readme_snippet("import numclaims.dask as ncd")
    assert 'ncd.mentions(docs).to_parquet("mentions/")' in snippet
    assert 'ncd.findings(docs).to_parquet("findings/")' in snippet
    # the one change: the README's scheduler is this test's LocalCluster
    address = cluster["client"].scheduler.address
    assert snippet.count('"tcp://scheduler:8786"') == 1
    write_news(tmp_path, engine_input["records"], files=5)
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(snippet.replace('"tcp://scheduler:8786"', repr(address)), "README.md", "exec"), namespace)
    namespace["client"].close()

    # the Parquet files carry the CLI's schema: names, order and types, with no schema= given
    for name, cli in (("mentions", engine_input["mentions"]), ("findings", engine_input["findings"])):
        for part in sorted((tmp_path / name).glob("*.parquet")):
            written = pq.read_schema(part)
            assert [f.name for f in written if not f.name.startswith("__")][:len(cli.schema)] == cli.schema.names
            assert [written.field(f.name).type for f in cli.schema] == cli.schema.types

    arrow = schema.arrow_schema()
    mentions = read_parts(tmp_path / "mentions")
    assert rows(pa_table(mentions, arrow), arrow) == rows(engine_input["mentions"], arrow)

    arrow = schema.arrow_schema(FINDING_COLUMNS)
    findings = read_parts(tmp_path / "findings")
    assert findings.index.name == "order"
    assert (rows(pa_table(findings.sort_index(kind="stable"), arrow), arrow)
            == rows(engine_input["findings"], arrow))

    order = story_order(engine_input["reports"])
    reports = [json.loads(line) for path in sorted((tmp_path / "reports").glob("*.jsonl"))
               for line in path.read_text("utf-8").splitlines()]
    assert sorted(reports, key=lambda r: order[r["story"]]) == engine_input["reports"]


def test_a_dataframe_of_documents_writes_the_same_parquet(
        cluster: dict[str, Any], engine_input: dict[str, Any], tmp_path: Path) -> None:
    # the README's other input: "or a Dask DataFrame of documents"
    docs = dd.from_pandas(pd.DataFrame(engine_input["records"]), npartitions=3)
    ncd.mentions(docs).to_parquet(tmp_path / "mentions")
    ncd.findings(docs).to_parquet(tmp_path / "findings")
    arrow = schema.arrow_schema()
    assert rows(pa_table(read_parts(tmp_path / "mentions"), arrow), arrow) == rows(engine_input["mentions"], arrow)
    arrow = schema.arrow_schema(FINDING_COLUMNS)
    found = read_parts(tmp_path / "findings").sort_index(kind="stable")
    assert rows(pa_table(found, arrow), arrow) == rows(engine_input["findings"], arrow)
