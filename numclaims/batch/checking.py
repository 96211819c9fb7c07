"""``numclaims check`` over many stories: spill documents by story, check stories on every core.

Stories are independent, so each is one task for the process pool; the output (one report per
story) streams in the order stories first appeared in the input.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from numclaims.batch.intake import Intake
from numclaims.batch.parallel import chunked, ordered_map
from numclaims.batch.records import document_fields, finding_rows, warm_up
from numclaims.batch.sources import Record
from numclaims.batch.stories import DuplicateDocumentError, StorySpill
from numclaims.check.report import check
from numclaims.errors import NumclaimsError
from numclaims.model import Report


@dataclass(frozen=True, slots=True)
class CheckOptions:
    base_currency: str = "USD"
    tolerance: float = 0.01


@dataclass(frozen=True, slots=True)
class StoryReport:
    """One story's report, or why it could not be checked."""

    story: str
    documents: list[dict[str, Any]]
    size: int
    report: Report | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"story", "documents", "inline", "groups", "dates"}``, as in :func:`story_report`."""
        assert self.report is not None
        return {"story": self.story, "documents": [str(d["id"]) for d in self.documents],
                **self.report.to_dict()}

    def finding_rows(self) -> list[dict[str, Any]]:
        return finding_rows(self.to_dict())


def check_story(story: str, records: list[dict[str, Any]], size: int, options: CheckOptions) -> StoryReport:
    docs = [document_fields(r) for r in records]
    try:
        report = check(docs, base_currency=options.base_currency, tolerance=options.tolerance)
    except NumclaimsError as exc:
        return StoryReport(story, docs, size, error=str(exc))
    return StoryReport(story, docs, size, report=report)


def check_chunk(stories: list[tuple[str, list[dict[str, Any]], int]], options: CheckOptions) -> list[StoryReport]:
    """A worker's task: one or more whole stories. A picklable module-level function."""
    return [check_story(story, records, size, options) for story, records, size in stories]


def spill(records: Iterable[Record], intake: Intake, store: StorySpill) -> None:
    """Read every accepted record into ``store``; a repeated id within a story is a bad line."""
    for record in intake.accept(records):
        assert record.document is not None
        try:
            store.add(record.document, record.size)
        except DuplicateDocumentError as exc:
            intake.reject(record.where, str(exc), json.dumps(record.document, ensure_ascii=False))


def check_stories(store: StorySpill, intake: Intake, options: CheckOptions, *, jobs: int) -> Iterator[StoryReport]:
    """Every story's report, in order; a story that fails is reported through ``intake``."""
    # small stories travel together; a big one fills a task on its own
    tasks = chunked(store.stories(), 1 if jobs == 1 else 4)
    for reports in ordered_map(partial(check_chunk, options=options), tasks, jobs, initializer=warm_up):
        for report in reports:
            intake.progress.advance(len(report.documents), report.size)
            if report.error is not None:
                intake.reject(f"story {report.story!r}", report.error)
                continue
            yield report
