"""Mention extraction on one input by every engine: in-process, the CLI, Dask and Spark.

- ``in_process``: :func:`numclaims.batch.records.mention_rows` in a loop, one core.
- ``cli_jobs2``: ``numclaims extract docs.jsonl --jobs 2 -o /dev/null`` (called in-process).
- ``dask_2_workers``: :func:`numclaims.dask.mentions` on a ``LocalCluster`` of two single-threaded
  worker processes, reading the JSON Lines file itself (``db.read_text``).
- ``spark_local2``: :func:`numclaims.spark.mentions` in ``local[2]`` over ``spark.read.json``,
  counted by Spark, so that no row is collected.

Every engine turns each document into its typed mention rows; only the row count comes back, so
the figures compare the engines, not the cost of shipping results to one process. Start-up (the
cluster, the Spark session) is measured once and reported beside the throughput, not in it; a
warm-up round runs first. The machine is shared: read the figures as rough.

    .venv/bin/python -m pytest benchmarks/test_engines.py --benchmark-only -s

``NUMCLAIMS_ENGINE_DOCS`` sets the number of documents (default 5,000, over 50 stories); inputs
are cached in ``$NUMCLAIMS_BENCH_DIR`` (default: the system temporary directory).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import write_jsonl
from numclaims.batch.records import mention_rows
from numclaims.cli import main

DOCS = int(os.environ.get("NUMCLAIMS_ENGINE_DOCS", "5000"))
STORIES = 50
CACHE = Path(os.environ.get("NUMCLAIMS_BENCH_DIR", tempfile.gettempdir()))
ROUNDS = 2
_SEEN: dict[str, float] = {}


@pytest.fixture(scope="module")
def source() -> Path:
    path = CACHE / f"numclaims-engines-{DOCS}-docs.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            write_jsonl(out, docs=DOCS, stories=STORIES)
        partial.rename(path)
    return path


def record(benchmark: Any, name: str, source: Path, mentions: int | None, **extra: Any) -> None:
    seconds = benchmark.stats.stats.mean
    megabytes = source.stat().st_size / 1e6
    _SEEN[name] = seconds
    if mentions is not None:
        benchmark.extra_info["mentions"] = mentions
    benchmark.extra_info.update(engine=name, documents=DOCS, megabytes=round(megabytes, 1),
                                docs_per_s=round(DOCS / seconds),
                                mb_per_s=round(megabytes / seconds, 2), **extra)
    base = _SEEN.get("in_process")
    versus = f", {base / seconds:.2f}x in-process" if base and name != "in_process" else ""
    setup = "".join(f", {k} {v}" for k, v in extra.items())
    print(f"\n{name}: {DOCS:,} docs, {megabytes:.1f} MB in {seconds:.1f} s = {DOCS / seconds:,.0f} "
          f"docs/s, {megabytes / seconds:.2f} MB/s{versus}{setup}")


def test_in_process(benchmark: Any, source: Path) -> None:
    records = [json.loads(line) for line in source.read_text("utf-8").splitlines()]

    def run() -> int:
        return sum(len(mention_rows(r)) for r in records)

    mentions = benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    record(benchmark, "in_process", source, mentions)


def test_cli_jobs2(benchmark: Any, source: Path) -> None:
    def run() -> int:
        return main(["extract", str(source), "--jobs", "2", "--quiet", "-o", os.devnull])

    assert benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1) == 0
    record(benchmark, "cli_jobs2", source, None)


@pytest.fixture(scope="module")
def dask_client() -> Iterator[tuple[Any, float]]:
    distributed = pytest.importorskip("distributed")
    import numclaims.dask as ncd

    started = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        ncd.register(client)
        yield client, time.perf_counter() - started


def test_dask_2_workers(benchmark: Any, source: Path, dask_client: tuple[Any, float]) -> None:
    import dask.bag as db

    import numclaims.dask as ncd

    _, startup = dask_client
    # about eight partitions per worker: enough to balance, few enough to keep overheads small
    blocksize = max(source.stat().st_size // 16, 1 << 20)

    def run() -> int:
        docs = db.read_text(str(source), blocksize=blocksize).map(json.loads)
        return int(ncd.mentions(docs).map_partitions(len).compute().sum())

    mentions = benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    record(benchmark, "dask_2_workers", source, mentions, startup_s=round(startup, 1))


@pytest.fixture(scope="module")
def spark() -> Iterator[tuple[Any, float]]:
    pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    started = time.perf_counter()
    session = (SparkSession.builder.master("local[2]").appName("numclaims-bench")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    session.range(1).count()
    yield session, time.perf_counter() - started
    session.stop()


def test_spark_local2(benchmark: Any, source: Path, spark: tuple[Any, float]) -> None:
    import warnings

    import numclaims.spark as ncs

    session, startup = spark
    ddl = "id STRING, text STRING, published STRING, story STRING, outlet_country STRING"
    # eight input splits, so that both cores get work on a small input too
    split = max(source.stat().st_size // 8, 1 << 20)
    session.conf.set("spark.sql.files.maxPartitionBytes", str(split))

    def run() -> int:
        docs = session.read.schema(ddl).json(str(source))
        return int(ncs.mentions(docs).count())  # the Python function runs for every document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark 4.3 on pandas 3: a version notice
        mentions = benchmark.pedantic(run, rounds=ROUNDS, iterations=1, warmup_rounds=1)
    record(benchmark, "spark_local2", source, mentions, startup_s=round(startup, 1))
