"""The Dask engine: documents in a Dask bag or DataFrame to mentions and per-story reports.

Every function here only arranges the pure functions of :mod:`numclaims.batch.records` over
partitions, so a document gives the same rows on a cluster as in ``numclaims extract``::

    from distributed import Client
    import dask.bag as db
    import numclaims.dask as ncd

    client = Client("tcp://scheduler:8786")
    ncd.register(client)                      # warm each worker's caches once, at start
    docs = db.read_text("s3://news/*.jsonl").map(json.loads)
    ncd.mentions(docs).to_parquet("mentions/")        # one row per mention, MENTION_COLUMNS
    ncd.findings(docs).to_parquet("findings/")        # one row per finding, FINDING_COLUMNS
    ncd.reports(docs).map(json.dumps).to_textfiles("reports/*.jsonl")  # one dict per story

Input: a bag of document records (``{"id", "text", "published"?, "story"?, "outlet_country"?,
"currency_hint"?, "source"?}``) or a DataFrame with those columns (missing values count as
absent keys). Documents are grouped by ``story``; a document without one belongs to
:data:`~numclaims.batch.records.DEFAULT_STORY`.

Bad records are never dropped: :func:`mentions`, :func:`reports` and :func:`findings` raise
:class:`~numclaims.errors.InputError` naming the record's partition, position and id (and a
story with two documents of one id). To run past them, list them with :func:`invalid_records`
and keep the rest with ``docs.filter(is_valid)`` (a bag) first.
"""

# This module is numclaims.dask; absolute imports (the default) make ``import dask`` below the
# real Dask, whatever the import mode, as long as numclaims/ itself is not on sys.path.
from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
from dask.dataframe.io.parquet.core import NONE_LABEL
from distributed import Client
from distributed.diagnostics.plugin import WorkerPlugin

from numclaims.batch import schema
from numclaims.batch.records import (
    FINDING_COLUMNS,
    MENTION_COLUMNS,
    finding_rows,
    mention_rows,
    story_of,
    story_report,
)
from numclaims.batch.schema import Columns
from numclaims.batch.workers import (
    PROBLEM_COLUMNS,
    cache_state,
    located,
    plain_record,
    problem_row,
    record_problem,
    warm_caches,
)
from numclaims.errors import InputError

Documents = db.Bag | dd.DataFrame

# A story's first document, as one sortable integer: partition in the high bits, position in the
# low ones. It indexes the findings so that a sort restores the order ``numclaims check`` uses.
_POSITION_BITS = 32
_POSITION_MASK = (1 << _POSITION_BITS) - 1


class WarmCaches(WorkerPlugin):
    """Builds the lexicon, pint registry and FX tables when a worker starts, so the first task
    on each worker does not pay for them and no task builds them again."""

    name = "numclaims-warm-caches"

    def setup(self, worker: Any) -> None:
        warm_caches()


def register(client: Client) -> None:
    """Install :class:`WarmCaches` on every current and future worker of ``client``'s cluster."""
    client.register_plugin(WarmCaches())


def worker_caches(client: Client) -> dict[str, dict[str, Any]]:
    """Each worker's :func:`~numclaims.batch.workers.cache_state`, by worker address."""
    return client.run(cache_state)


def _bag(documents: Documents) -> db.Bag:
    """The documents as a bag of plain records, partitions in input order."""
    if isinstance(documents, dd.DataFrame):
        return documents.to_bag(format="dict").map(plain_record)
    if isinstance(documents, db.Bag):
        return documents
    raise TypeError(f"documents must be a dask Bag or DataFrame, got {type(documents).__name__}")


def _where(partition: int, position: int) -> str:
    return f"partition {partition}, record {position}"


class RowFrame(dd.DataFrame):
    """A Dask DataFrame of one numclaims row schema (:attr:`columns_schema`) whose
    ``to_parquet`` writes that schema, the one ``numclaims extract/check -o x.parquet`` writes.

    Dask infers a Parquet schema from a made-up row of the frame's ``meta``, and the made-up
    value of an object column (the list columns ``ambiguities`` and ``documents``) is a bare
    ``object()`` pyarrow cannot type, so without a schema every write failed. A frame derived
    from this one (a selection, ``persist()``) is a plain Dask DataFrame again: pass it
    ``schema=`` yourself, e.g. :func:`parquet_schema`.
    """

    columns_schema: ClassVar[Columns] = MENTION_COLUMNS

    def to_parquet(self, path: Any, **kwargs: Any) -> Any:
        if kwargs.get("schema", "infer") == "infer":
            kwargs["schema"] = parquet_schema(self, self.columns_schema,
                                              index=kwargs.get("write_index", True))
        return super().to_parquet(path, **kwargs)


class _FindingFrame(RowFrame):
    columns_schema = FINDING_COLUMNS


class _ProblemFrame(RowFrame):
    columns_schema = PROBLEM_COLUMNS


def parquet_schema(frame: dd.DataFrame, columns: Columns = MENTION_COLUMNS, *,
                   index: bool = True) -> Any:
    """The ``pyarrow.Schema`` for ``frame.to_parquet(schema=...)``: ``columns``' Arrow types,
    then the frame's index as Dask writes it (its name, or Dask's placeholder for none)."""
    arrow = schema.arrow_schema(columns)
    if not index:
        return arrow
    meta = frame._meta.index
    return arrow.append(pa.field(meta.name or NONE_LABEL, pa.from_numpy_dtype(meta.dtype)))


def _frame(parts: list[Any], meta: Any, kind: type[RowFrame] = RowFrame) -> RowFrame:
    """Delayed pandas frames as one Dask DataFrame whose dtypes are exactly ``meta``'s."""
    # Dask would otherwise turn every object column into Arrow strings, the list column
    # ``ambiguities`` included (its lists would arrive as their repr).
    with dask.config.set({"dataframe.convert-string": False}):
        return kind(dd.from_delayed(parts, meta=meta, verify_meta=False).expr)


def _partitions(documents: Documents, func: Any, *args: Any) -> list[Any]:
    """``func(records, partition_number, *args)`` as one delayed task per input partition."""
    return [dask.delayed(func)(part, n, *args)
            for n, part in enumerate(_bag(documents).to_delayed())]


# ------------------------------------------------------------------------------------ mentions


def _mention_frame(records: Iterable[Any], partition: int, base_currency: str) -> Any:
    rows: list[dict[str, Any]] = []
    for position, record in enumerate(records):
        try:
            rows.extend(mention_rows(record, base_currency=base_currency))
        except InputError as exc:
            raise located(exc, record, _where(partition, position)) from None
    return schema.to_frame(rows)


def mentions(documents: Documents, *, base_currency: str = "USD") -> RowFrame:
    """One row per mention, in input order, with exactly the columns of
    :data:`~numclaims.batch.records.MENTION_COLUMNS` in Arrow-backed dtypes
    (``schema.empty_frame()`` is its meta); ``.to_parquet(path)`` writes the schema
    of ``numclaims extract -o mentions.parquet``."""
    parts = _partitions(documents, _mention_frame, base_currency)
    return _frame(parts, schema.empty_frame())


# ------------------------------------------------------------------------------------- reports


def _keyed(records: Iterable[Any], partition: int) -> list[tuple[str, int, Any]]:
    keyed = []
    for position, record in enumerate(records):
        if not isinstance(record, Mapping):
            problem = InputError(f"a document is a JSON object, got {type(record).__name__}",
                                 field="documents")
            raise located(problem, record, _where(partition, position))
        keyed.append((story_of(record), (partition << _POSITION_BITS) | position, record))
    return keyed


def _report(group: tuple[str, list[tuple[str, int, Any]]], base_currency: str,
            tolerance: float) -> tuple[int, dict[str, Any]]:
    story, members = group
    # the shuffle mixes the order of a story's documents; the report follows the input's order
    members = sorted(members, key=operator.itemgetter(1))
    try:
        report = story_report(story, [record for _, _, record in members],
                              base_currency=base_currency, tolerance=tolerance)
    except InputError as exc:
        for _, key, record in members:  # name the record at fault when one is
            problem = record_problem(record)
            if problem is not None:
                where = _where(key >> _POSITION_BITS, key & _POSITION_MASK)
                raise located(problem, record, f"story {story!r}, {where}") from None
        raise type(exc)(f"story {story!r}: {exc}", field=exc.field) from None  # e.g. a repeated id
    return members[0][1], report


def _ordered_reports(documents: Documents, base_currency: str, tolerance: float) -> db.Bag:
    """``(order, report)`` per story, ``order`` being its first document's position."""
    keyed = db.from_delayed(_partitions(documents, _keyed))
    groups = keyed.groupby(operator.itemgetter(0), shuffle="tasks")
    return groups.map(_report, base_currency=base_currency, tolerance=tolerance)


def reports(documents: Documents, *, base_currency: str = "USD", tolerance: float = 0.01) -> db.Bag:
    """One :func:`~numclaims.batch.records.story_report` dict per story, each exactly the line
    ``numclaims check --format jsonl`` writes for it. The bag's order of stories is the
    shuffle's; :func:`findings` keeps the input's."""
    return _ordered_reports(documents, base_currency, tolerance).pluck(1)


def _finding_frame(ordered: Iterable[tuple[int, dict[str, Any]]]) -> Any:
    rows, order = [], []
    for key, report in ordered:
        found = finding_rows(report)
        rows.extend(found)
        order.extend([key] * len(found))
    frame = schema.to_frame(rows, FINDING_COLUMNS)
    frame.index = pd.Index(order, dtype="int64", name="order")
    return frame


def findings(documents: Documents, *, base_currency: str = "USD",
             tolerance: float = 0.01) -> RowFrame:
    """One row per finding of every story's report, the columns of
    :data:`~numclaims.batch.records.FINDING_COLUMNS` in Arrow-backed dtypes, as :func:`mentions`.

    The index, ``order``, is the position of the story's first document in the input; a story's
    rows are contiguous and in report order, so ``findings(...).compute().sort_index(kind="stable")``
    lists the rows as ``numclaims check --output findings.parquet`` does.
    """
    ordered = _ordered_reports(documents, base_currency, tolerance)
    parts = [dask.delayed(_finding_frame)(part) for part in ordered.to_delayed()]
    return _frame(parts, _finding_frame([]), _FindingFrame)


# ---------------------------------------------------------------------------------- bad records


def is_valid(record: Any) -> bool:
    """True when ``record`` is a document numclaims can extract (see :func:`invalid_records`)."""
    return record_problem(record) is None


def _problem_frame(records: Iterable[Any], partition: int) -> Any:
    rows = []
    for position, record in enumerate(records):
        problem = record_problem(record)
        if problem is not None:
            rows.append(problem_row(record, problem, _where(partition, position)))
    return schema.to_frame(rows, PROBLEM_COLUMNS)


def invalid_records(documents: Documents) -> RowFrame:
    """One row per record that :func:`mentions` would refuse (columns of
    :data:`~numclaims.batch.workers.PROBLEM_COLUMNS`), found without extracting anything."""
    parts = _partitions(documents, _problem_frame)
    return _frame(parts, schema.empty_frame(PROBLEM_COLUMNS), _ProblemFrame)


__all__ = ["RowFrame", "WarmCaches", "findings", "invalid_records", "is_valid", "mentions", "parquet_schema",
           "register", "reports", "worker_caches"]
