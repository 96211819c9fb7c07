"""``numclaims extract`` over many documents: read lazily, extract on every core, write in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from numclaims.batch.intake import Intake
from numclaims.batch.parallel import CHUNK_BYTES, chunked, ordered_map
from numclaims.batch.records import MENTION_COLUMNS, extract_document, mention_lines, mention_row, warm_up
from numclaims.batch.sinks import ROW_FORMATS, RowSink, open_sink
from numclaims.batch.sources import Record
from numclaims.batch.table import format_table
from numclaims.errors import NumclaimsError
from numclaims.model import Mention

CHUNK_DOCUMENTS = 16  # documents per task: amortises inter-process traffic, keeps order cheap


@dataclass(frozen=True, slots=True)
class Options:
    """What every worker needs to know, besides the documents."""

    output: str = "jsonl"            # jsonl | table | parquet | csv
    base_currency: str = "USD"


@dataclass(slots=True)
class Totals:
    """What a run did, for its closing lines on standard error."""

    documents: int = 0
    undated: int = 0  # documents whose money was converted at the latest rate: they had no date


def latest_rate_used(document: dict[str, Any], mentions: list[Mention]) -> bool:
    """Whether money in ``document`` was converted at the latest rate because it has no date."""
    return not document.get("published") and any(
        m.kind == "money" and m.normalized and "error" not in m.normalized for m in mentions)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One document's output (lines, rows or a table), or why it failed."""

    where: str
    size: int
    lines: list[str] | None = None
    rows: list[dict[str, Any]] | None = None
    error: str | None = None
    raw: str | None = None
    undated: bool = False


def _one(record: Record, options: Options) -> Outcome:
    if record.document is None:  # a bad line travels in order, so output stops exactly before it
        return Outcome(record.where, record.size, error=record.error, raw=record.raw)
    try:
        ident, story, mentions = extract_document(record.document, base_currency=options.base_currency)
    except NumclaimsError as exc:
        return Outcome(record.where, record.size, error=str(exc))
    undated = latest_rate_used(record.document, mentions)
    if options.output in ROW_FORMATS:
        return Outcome(record.where, record.size, undated=undated,
                       rows=[mention_row(ident, story, n, m) for n, m in enumerate(mentions)])
    if options.output == "table":
        return Outcome(record.where, record.size, lines=[format_table(ident, mentions)], undated=undated)
    return Outcome(record.where, record.size, lines=mention_lines(ident, story, mentions), undated=undated)


def extract_chunk(records: list[Record], options: Options) -> list[Outcome]:
    """A worker's task: every document of one chunk. Must stay a picklable module-level function."""
    return [_one(record, options) for record in records]


def run_extraction(records: Iterable[Record], intake: Intake, options: Options, *, jobs: int,
                   output_path: str | None = None) -> Totals:
    """Extract every accepted record and write the output (kept only if every document was
    written)."""
    totals = Totals()
    with open_sink(output_path, options.output, MENTION_COLUMNS, progress=intake.progress) as sink:
        chunks = chunked(intake.until_stop(records), CHUNK_DOCUMENTS,
                         weigh=lambda record: record.size, budget=CHUNK_BYTES)
        results: Iterator[list[Outcome]] = ordered_map(
            partial(extract_chunk, options=options), chunks, jobs, initializer=warm_up)
        for outcomes in results:
            for outcome in outcomes:
                intake.progress.advance(0 if outcome.error else 1, outcome.size)
                if outcome.error is not None:
                    intake.reject(outcome.where, outcome.error, outcome.raw)
                    continue
                totals.documents += 1
                totals.undated += outcome.undated
                if isinstance(sink, RowSink):
                    sink.write_rows(outcome.rows or [])
                else:
                    sink.write_lines(outcome.lines or [])
    return totals
