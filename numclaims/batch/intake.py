"""What happens to an input line that is not a document: stop with its line number, or skip it.

Nothing is dropped silently: a skipped line is reported on standard error with its place and
reason, counted in the summary, and (with ``rejects``) written as it was read to a JSON Lines file
``{"where", "error", "line"}`` so it can be fixed and fed again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TextIO

from numclaims.batch.progress import Progress
from numclaims.batch.sources import Record
from numclaims.errors import InputError


class BadInputError(InputError):
    """A line of the input is not a document, and the run was not asked to skip such lines."""


class Intake:
    """Lets valid records through and deals with the others by the run's policy."""

    def __init__(self, progress: Progress, *, skip_bad: bool = False, rejects: str | None = None) -> None:
        self.progress = progress
        self.skip_bad = skip_bad
        self.rejects_path = rejects
        self._rejects: TextIO | None = open(rejects, "w", encoding="utf-8") if rejects else None  # noqa: SIM115
        self.rejected = 0

    def reject(self, where: str, error: str, raw: str | None = None) -> None:
        """Record one bad input; raises :class:`BadInputError` unless skipping."""
        if not self.skip_bad:
            raise BadInputError(f"{where}: {error} (use --skip-bad to skip such lines)", field="input")
        self.rejected += 1
        self.progress.skipped += 1
        self.progress.message(f"skipped {where}: {error}")
        if self._rejects is not None:
            self._rejects.write(json.dumps({"where": where, "error": error, "line": raw},
                                           ensure_ascii=False) + "\n")

    def accept(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if record.error is not None:
                self.progress.advance(0, record.size)
                self.reject(record.where, record.error, record.raw)
            else:
                yield record

    def close(self) -> None:
        if self._rejects is not None:
            self._rejects.close()
