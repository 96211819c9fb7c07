"""The Spark engine (the ``numclaims[spark]`` extra): the same pure functions as the CLI and
:mod:`numclaims.dask`, run by ``mapInPandas`` and ``groupBy("story").applyInPandas``::

    import numclaims.spark as ncs

    docs = spark.read.json("s3://news/*.jsonl")       # id, text, published?, story?, ...
    ncs.mentions(docs).write.parquet("mentions/")      # one row per mention, MENTION_COLUMNS
    ncs.findings(docs).write.parquet("findings/")      # one row per finding, FINDING_COLUMNS
    ncs.reports(docs).select("report").write.text("reports/")  # one JSON report per story

A document without a ``story`` (null or empty) belongs to
:data:`~numclaims.batch.records.DEFAULT_STORY`. A bad record fails the job with the
:class:`~numclaims.errors.InputError` naming its id (Spark wraps it in a ``PythonException``);
:func:`invalid_records` lists them first, without extracting anything.

Each task builds numclaims' caches on first use, once per Python worker (Spark reuses them). With
``spark.python.daemon.module=numclaims.spark`` the daemon that forks those workers builds them
before the first fork, so every worker starts warm.

The schemas are :data:`MENTION_DDL` and :data:`FINDING_DDL`, translated from the column lists of
:mod:`numclaims.batch.records` by :func:`ddl`, so no engine spells a column twice.

Spark starts its Python workers with ``PYSPARK_PYTHON`` (``python3`` on PATH when unset), which
is seldom the environment numclaims is installed in: every task then fails with ``No module
named 'numclaims'``. So in local mode (``local``, ``local[N]``, ``local[*]``) the workers run
this interpreter, ``sys.executable``, unless ``PYSPARK_PYTHON`` is set: importing this module sets
it for sessions started afterwards, and the functions below set it on a local session that was
already running. On a cluster, set ``PYSPARK_PYTHON`` (or ``spark.pyspark.python``) to the
executors' Python, which needs numclaims installed.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from numclaims.batch import schema
from numclaims.batch.records import (
    DEFAULT_STORY,
    FINDING_COLUMNS,
    MENTION_COLUMNS,
    finding_rows,
    mention_rows,
    story_report,
)
from numclaims.batch.workers import (
    PROBLEM_COLUMNS,
    located,
    plain_record,
    problem_row,
    record_problem,
    warm_caches,
)
from numclaims.errors import InputError

_SPARK_TYPES = {"string": "STRING", "int32": "INT", "int64": "BIGINT", "float64": "DOUBLE",
                "list<string>": "ARRAY<STRING>"}

# Columns the engine adds to group and order documents; never part of a document record.
_STORY, _POSITION = "__numclaims_story", "__numclaims_position"


def ddl(columns: tuple[tuple[str, str], ...]) -> str:
    """A Spark DDL schema string for ``(name, arrow type)`` columns; names are quoted because
    ``end``, ``date`` and ``index`` are SQL words.

    >>> ddl((("document", "string"), ("end", "int64"), ("ambiguities", "list<string>")))
    '`document` STRING, `end` BIGINT, `ambiguities` ARRAY<STRING>'
    """
    return ", ".join(f"`{name}` {_SPARK_TYPES[kind]}" for name, kind in columns)


MENTION_DDL = ddl(MENTION_COLUMNS)
FINDING_DDL = ddl(FINDING_COLUMNS)
PROBLEM_DDL = ddl(PROBLEM_COLUMNS)
REPORT_DDL = "`story` STRING, `report` STRING"


# Whether PYSPARK_PYTHON was the user's choice; read before this module sets its default.
_USER_PYTHON = "PYSPARK_PYTHON" in os.environ
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


def _workers_python(documents: DataFrame) -> None:
    """Point a local session's Python workers at this interpreter unless the user chose one.

    A context started before this module was imported read ``python3`` from the environment;
    the executable is sent along with each function, so setting it here is in time. A cluster's
    executors keep Spark's default: this interpreter's path means nothing on their machines."""
    context = documents.sparkSession.sparkContext
    if _USER_PYTHON or context.getConf().get("spark.pyspark.python"):
        return
    context.pythonExec = sys.executable if context.master.startswith("local") else "python3"


def _records(batch: pd.DataFrame) -> Iterator[dict[str, Any]]:
    internal = (_STORY, _POSITION)
    for row in batch.to_dict("records"):
        yield plain_record({k: v for k, v in row.items() if k not in internal})


def _mention_batches(batches: Iterator[pd.DataFrame], base_currency: str) -> Iterator[pd.DataFrame]:
    warm_caches()  # Spark reuses its Python workers, so this builds the caches once per worker
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for record in _records(batch):
            try:
                rows.extend(mention_rows(record, base_currency=base_currency))
            except InputError as exc:
                raise located(exc, record) from None
        yield schema.to_frame(rows)


def mentions(documents: DataFrame, *, base_currency: str = "USD") -> DataFrame:
    """One row per mention (:data:`MENTION_DDL`), in input order within each partition."""
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        return _mention_batches(batches, base_currency)

    _workers_python(documents)
    return documents.mapInPandas(run, schema=MENTION_DDL)


def _keyed(documents: DataFrame) -> DataFrame:
    """The documents with their story key and their position in the input (partition-major,
    as ``monotonically_increasing_id`` numbers them), so a story's documents keep their order."""
    story = (F.col("story").cast("string") if "story" in documents.columns
             else F.lit(None).cast("string"))
    key = F.when(story.isNull() | (story == ""), F.lit(DEFAULT_STORY)).otherwise(story)
    return (documents.withColumn(_STORY, key)
            .withColumn(_POSITION, F.monotonically_increasing_id()))


def _story_report(group: pd.DataFrame, base_currency: str, tolerance: float) -> dict[str, Any]:
    warm_caches()
    group = group.sort_values(_POSITION, kind="stable")
    story = str(group[_STORY].iloc[0])
    members = list(_records(group))
    try:
        return story_report(story, members, base_currency=base_currency, tolerance=tolerance)
    except InputError as exc:
        for record in members:  # name the record at fault when one is
            problem = record_problem(record)
            if problem is not None:
                raise located(problem, record, f"story {story!r}") from None
        raise type(exc)(f"story {story!r}: {exc}", field=exc.field) from None  # e.g. a repeated id


def _findings(group: pd.DataFrame, base_currency: str, tolerance: float) -> pd.DataFrame:
    return schema.to_frame(finding_rows(_story_report(group, base_currency, tolerance)),
                           FINDING_COLUMNS)


def findings(documents: DataFrame, *, base_currency: str = "USD", tolerance: float = 0.01) -> DataFrame:
    """One row per finding of every story's report (:data:`FINDING_DDL`). A story's rows are
    contiguous and in report order; stories come in the shuffle's order."""
    def run(group: pd.DataFrame) -> pd.DataFrame:
        # a function rather than a partial: Spark reads the type hints of what it is given
        return _findings(group, base_currency, tolerance)

    _workers_python(documents)
    return _keyed(documents).groupBy(_STORY).applyInPandas(run, schema=FINDING_DDL)


def _report_json(group: pd.DataFrame, base_currency: str, tolerance: float) -> pd.DataFrame:
    report = _story_report(group, base_currency, tolerance)
    return pd.DataFrame({"story": [report["story"]],
                         "report": [json.dumps(report, ensure_ascii=False)]})


def reports(documents: DataFrame, *, base_currency: str = "USD", tolerance: float = 0.01) -> DataFrame:
    """One row per story: ``story`` and ``report``, the :func:`~numclaims.batch.records.story_report`
    dict as JSON (what ``numclaims check --format jsonl`` writes for that story)."""
    def run(group: pd.DataFrame) -> pd.DataFrame:
        return _report_json(group, base_currency, tolerance)

    _workers_python(documents)
    return _keyed(documents).groupBy(_STORY).applyInPandas(run, schema=REPORT_DDL)


def _problem_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        rows = []
        for record in _records(batch):
            problem = record_problem(record)
            if problem is not None:
                rows.append(problem_row(record, problem))
        yield schema.to_frame(rows, PROBLEM_COLUMNS)


def invalid_records(documents: DataFrame) -> DataFrame:
    """One row per record :func:`mentions` would refuse (:data:`PROBLEM_DDL`); filter them out
    by ``document`` id before running the rest."""
    _workers_python(documents)
    return documents.mapInPandas(_problem_batches, schema=PROBLEM_DDL)


__all__ = ["FINDING_DDL", "MENTION_DDL", "PROBLEM_DDL", "REPORT_DDL", "ddl", "findings",
           "invalid_records", "mentions", "reports"]


if __name__ == "__main__":
    # Spark's Python daemon, with numclaims' caches built before it forks a single worker: set
    # spark.python.daemon.module=numclaims.spark and every worker starts warm, copy-on-write.
    warm_caches()
    from pyspark.daemon import manager

    manager()
