"""``numclaims check`` over many documents: spill by story, extract on every core, check stories.

Extraction is almost all of the cost, so it runs first, over every document in input order on all
workers (one big story uses every core too); each story is then checked from the stored mentions,
stories in parallel. Reports stream in the order stories first appeared in the input.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from numclaims.batch.extraction import latest_rate_used
from numclaims.batch.intake import Intake
from numclaims.batch.parallel import CHUNK_BYTES, chunked, ordered_map
from numclaims.batch.records import document_fields, extract_document, finding_rows, report_record, warm_up
from numclaims.batch.sources import Record
from numclaims.batch.stories import DuplicateDocumentError, StorySpill
from numclaims.checking.report import check
from numclaims.errors import NumclaimsError
from numclaims.model import Mention, Report

EXTRACT_CHUNK = 16   # documents per extraction task
STORY_CHUNK = 4      # stories per checking task: small stories travel together


@dataclass(frozen=True, slots=True)
class CheckOptions:
    base_currency: str = "USD"
    tolerance: float = 0.01


@dataclass(frozen=True, slots=True)
class StoryReport:
    """One story's report, or why it could not be checked."""

    story: str
    documents: list[dict[str, Any]]
    report: Report | None = None
    error: str | None = None
    undated: int = 0  # documents whose money was converted at the latest rate: they had no date

    def to_dict(self) -> dict[str, Any]:
        """``{"story", "documents", "inline", "groups", "dates"}``, as
        :func:`numclaims.batch.records.story_report` gives it."""
        if self.report is None:
            raise ValueError(f"story {self.story!r} has no report: {self.error}")
        return report_record(self.story, self.documents, self.report)

    def finding_rows(self) -> list[dict[str, Any]]:
        return finding_rows(self.to_dict())


def extract_chunk(documents: list[tuple[int, dict[str, Any], int]], base_currency: str) -> list[tuple[int, bytes, int]]:
    """A worker's extraction task: ``(seq, pickled mentions, bytes read)`` per document (an
    error pickled in place of the mentions, for the story's check to report)."""
    found = []
    for seq, record, size in documents:
        try:
            _, _, mentions = extract_document(record, base_currency=base_currency)
            found.append((seq, pickle.dumps(mentions), size))
        except NumclaimsError as exc:
            found.append((seq, pickle.dumps(str(exc)), size))
    return found


def check_story(story: str, stored: list[tuple[dict[str, Any], bytes | None]],
                options: CheckOptions) -> StoryReport:
    docs = [document_fields(record) for record, _ in stored]
    extracted: dict[str, list[Mention]] = {}
    for doc, (_, blob) in zip(docs, stored):
        found = pickle.loads(blob) if blob is not None else None
        if isinstance(found, str):
            return StoryReport(story, docs, error=f"document {doc['id']!r}: {found}")
        if found is not None:
            extracted[str(doc["id"])] = found
    try:
        report = check(docs, base_currency=options.base_currency, tolerance=options.tolerance,
                       mentions=extracted)
    except NumclaimsError as exc:
        return StoryReport(story, docs, error=str(exc))
    undated = sum(latest_rate_used(doc, extracted.get(str(doc["id"]), [])) for doc in docs)
    return StoryReport(story, docs, report=report, undated=undated)


def check_chunk(stories: list[tuple[str, list[tuple[dict[str, Any], bytes | None]]]],
                options: CheckOptions) -> list[StoryReport]:
    """A worker's checking task: whole stories. A picklable module-level function."""
    return [check_story(story, stored, options) for story, stored in stories]


def spill(records: Iterable[Record], intake: Intake, store: StorySpill) -> None:
    """Read every accepted record into ``store``; a repeated id within a story is a bad line."""
    for record in intake.accept(records):
        assert record.document is not None
        try:
            store.add(record.document, record.size)
        except DuplicateDocumentError as exc:
            intake.reject(record.where, str(exc), json.dumps(record.document, ensure_ascii=False))


def extract_all(store: StorySpill, intake: Intake, options: CheckOptions, *, jobs: int) -> None:
    """Extract every stored document on ``jobs`` workers and store the mentions beside it."""
    task = partial(extract_chunk, base_currency=options.base_currency)
    batches = chunked(store.documents(), EXTRACT_CHUNK, weigh=lambda doc: doc[2], budget=CHUNK_BYTES)
    for found in ordered_map(task, batches, jobs, initializer=warm_up):
        store.set_mentions((seq, blob) for seq, blob, _ in found)
        intake.progress.advance(len(found), sum(size for _, _, size in found))


def check_stories(store: StorySpill, intake: Intake, options: CheckOptions, *, jobs: int) -> Iterator[StoryReport]:
    """Every story's report, in order; a story that fails is reported through ``intake``."""
    extract_all(store, intake, options, jobs=jobs)
    tasks = chunked(store.stories(), STORY_CHUNK)
    for reports in ordered_map(partial(check_chunk, options=options), tasks, jobs, initializer=warm_up):
        for report in reports:
            if report.error is not None:
                intake.reject(f"story {report.story!r}", report.error)
                continue
            yield report
