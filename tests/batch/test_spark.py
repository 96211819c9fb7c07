"""numclaims.spark in local mode (two cores): the same rows and reports as the single-machine
CLI, bad records refused by id, and the README's snippet run as written in a fresh process with
no PYSPARK_PYTHON in its environment."""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

pytest.importorskip("pyspark", reason="the numclaims[spark] extra (pyspark) is not installed")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs a Java runtime (java on PATH or JAVA_HOME)", allow_module_level=True)

from pyspark.errors import PythonException
from pyspark.sql import DataFrame, SparkSession

import numclaims.spark as ncs
from numclaims.batch import schema
from numclaims.batch.records import FINDING_COLUMNS
from numclaims.batch.workers import cache_state
from tests.batch.conftest import RECORD_KEYS, rows, story_order
from tests.conftest import ROOT

# pyspark 4.3 warns on every pandas UDF that it does not fully support pandas 3 yet; the results
# below are what the CLI gives, which is the support these tests need.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

DOCUMENT_DDL = "id STRING, text STRING, published STRING, story STRING, outlet_country STRING"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    """One small local session for the module: two cores, two shuffle partitions, no UI."""
    # no PYSPARK_PYTHON set here: importing numclaims.spark made the workers run this interpreter
    session = (SparkSession.builder.master("local[2]").appName("numclaims-tests")
               # a short-lived JVM starts about twice as fast without the optimising compiler
               .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               .config("spark.python.daemon.module", "numclaims.spark")  # workers start warm
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.default.parallelism", "2")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")  # the bad-record test's failed task is expected
    yield session
    session.stop()


def _caches_on_arrival(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    # deliberately not warm_caches(): what a worker holds before numclaims' code asks for anything
    for _ in batches:
        pass
    state = cache_state()
    yield pd.DataFrame([{"pid": os.getpid(), "lexicon_builds": state["lexicon_builds"],
                         "registry_builds": state["registry_builds"],
                         "fx_loaded": state["fx_tables"] is not None}])


@pytest.fixture(scope="module")
def workers_on_arrival(spark: SparkSession) -> list[dict[str, Any]]:
    """Each fresh Python worker's caches, probed before any numclaims task has run on it."""
    probe = spark.range(4, numPartitions=4).mapInPandas(
        _caches_on_arrival, "pid BIGINT, lexicon_builds BIGINT, registry_builds BIGINT, fx_loaded BOOLEAN")
    return [row.asDict() for row in probe.collect()]


def frame(spark: SparkSession, records: list[dict[str, Any]]) -> DataFrame:
    """Records as a two-partition DataFrame; an absent key is a null."""
    data = [tuple(r.get(key) for key in RECORD_KEYS) for r in records]
    return spark.createDataFrame(data, schema=DOCUMENT_DDL)


@pytest.fixture(scope="module")
def documents(spark: SparkSession, engine_input: dict[str, Any]) -> DataFrame:
    return frame(spark, engine_input["records"])


def test_schemas_are_translated_from_the_column_lists() -> None:
    result = doctest.testmod(ncs)
    assert result.failed == 0 and result.attempted > 0
    assert ncs.MENTION_DDL.startswith("`document` STRING, `story` STRING, `index` INT, `start` BIGINT")
    assert "`ambiguities` ARRAY<STRING>" in ncs.MENTION_DDL
    assert ncs.FINDING_DDL == ncs.ddl(FINDING_COLUMNS)


def test_python_workers_are_forked_from_a_warm_daemon(workers_on_arrival: list[dict[str, Any]]) -> None:
    assert len(workers_on_arrival) == 4 and os.getpid() not in {w["pid"] for w in workers_on_arrival}
    for worker in workers_on_arrival:
        assert worker == {**worker, "lexicon_builds": 1, "registry_builds": 1, "fx_loaded": True}


def test_mentions_are_the_cli_rows(documents: DataFrame, engine_input: dict[str, Any]) -> None:
    result = ncs.mentions(documents)
    assert [(f.name, f.dataType.simpleString()) for f in result.schema.fields][:4] == [
        ("document", "string"), ("story", "string"), ("index", "int"), ("start", "bigint")]
    arrow = schema.arrow_schema()
    assert rows(result.toArrow(), arrow) == rows(engine_input["mentions"], arrow)


def test_findings_are_the_cli_rows(documents: DataFrame, engine_input: dict[str, Any]) -> None:
    order = story_order(engine_input["reports"])
    arrow = schema.arrow_schema(FINDING_COLUMNS)
    found = rows(ncs.findings(documents).toArrow(), arrow)
    # a story's rows arrive together and in report order; stories in the shuffle's order
    found.sort(key=lambda row: order[row["story"]])
    assert found == rows(engine_input["findings"], arrow)


def test_reports_are_the_cli_reports(documents: DataFrame, engine_input: dict[str, Any]) -> None:
    order = story_order(engine_input["reports"])
    reports = [json.loads(row["report"]) for row in ncs.reports(documents).collect()]
    assert sorted(reports, key=lambda r: order[r["story"]]) == engine_input["reports"]


def test_a_bad_record_stops_the_job_naming_it(spark: SparkSession, engine_input: dict[str, Any]) -> None:
    docs = frame(spark, engine_input["records"][:3] + [{"id": "no-text", "story": "story00001"}])
    with pytest.raises(PythonException, match=r"InputError: id 'no-text': .*text is missing"):
        ncs.mentions(docs).collect()
    problems = [row.asDict() for row in ncs.invalid_records(docs).collect()]
    assert problems == [{"document": "no-text", "story": "story00001", "field": "text",
                         "message": "document 0 (no-text): text is missing"}]


def test_local_workers_run_this_interpreter(spark: SparkSession) -> None:
    if os.environ.get("PYSPARK_PYTHON") != sys.executable:
        pytest.skip("PYSPARK_PYTHON was set by the caller, who chose the workers' Python")
    assert spark.sparkContext.pythonExec == sys.executable


def readme_snippet(marker: str) -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    [block] = [b for b in blocks if marker in b]
    return block


# Run after the README's snippet, in its process: what the workers ran and what was written.
_REPORT = """
import json as _json, os as _os, sys as _sys
print(_json.dumps({"env": _os.environ.get("PYSPARK_PYTHON"), "exec": spark.sparkContext.pythonExec,
                   "python": _sys.executable, "master": spark.sparkContext.master}))
spark.stop()
"""


def test_the_readme_snippet_runs_without_pyspark_python(engine_input: dict[str, Any], tmp_path: Path) -> None:
    snippet = readme_snippet("import numclaims.spark as ncs")
    assert 'ncs.mentions(docs).write.parquet("mentions/")' in snippet
    news = tmp_path / "news"
    news.mkdir()
    # one file keeps the input's order (Spark packs several files into partitions by size)
    (news / "part-0.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in engine_input["records"]), "utf-8")
    # the snippet as written; the README's text around it says where SparkSession comes from
    prelude = "" if "import SparkSession" in snippet else "from pyspark.sql import SparkSession\n"
    env = {k: v for k, v in os.environ.items() if k not in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    # `python3` on PATH is not this environment, as on a newcomer's machine
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    # speed only: a short-lived JVM, two shuffle partitions; nothing numclaims depends on
    env["PYSPARK_SUBMIT_ARGS"] = ("--conf spark.sql.shuffle.partitions=2 --conf spark.ui.enabled=false "
                                  "--conf spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=1 pyspark-shell")
    done = subprocess.run([sys.executable, "-c", prelude + snippet + _REPORT], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["master"].startswith("local")
    assert state["env"] == state["exec"] == state["python"]

    arrow = schema.arrow_schema()
    assert rows(pq.read_table(tmp_path / "mentions"), arrow) == rows(engine_input["mentions"], arrow)
    arrow = schema.arrow_schema(FINDING_COLUMNS)
    order = story_order(engine_input["reports"])
    found = rows(pq.read_table(tmp_path / "findings"), arrow)
    found.sort(key=lambda row: order[row["story"]])  # stories in the shuffle's order
    assert found == rows(engine_input["findings"], arrow)
