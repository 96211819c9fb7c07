"""What happens to an input line that is not a document: stop with its line number, or skip it.

Nothing is dropped silently: a skipped line is reported on standard error with its place and
reason, counted in the summary, and (with ``rejects``) written as it was read to a JSON Lines file
``{"where", "error", "line"}`` so it can be fixed and fed again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from numclaims.batch.progress import Progress
from numclaims.batch.sinks import LineSink, Output
from numclaims.batch.sources import Record
from numclaims.errors import InputError


class BadInputError(InputError):
    """A line of the input is not a document, and the run was not asked to skip such lines."""


class Intake(Output):
    """Lets valid records through and deals with the others by the run's policy; as a context
    manager, keeps the rejects file only if the run succeeds."""

    def __init__(self, progress: Progress, *, skip_bad: bool = False, rejects: str | None = None) -> None:
        self.progress = progress
        self.skip_bad = skip_bad
        self.rejects_path = rejects
        # written like any output: in place only when the run succeeds
        self._rejects = LineSink(rejects) if rejects else None
        self.rejected = 0

    def reject(self, where: str, error: str, raw: str | None = None) -> None:
        """Record one bad input; raises :class:`BadInputError` unless skipping."""
        if not self.skip_bad:
            raise BadInputError(f"{where}: {error} (use --skip-bad to skip such lines)", field="input")
        self.rejected += 1
        self.progress.skipped += 1
        self.progress.message(f"skipped {where}: {error}")
        if self._rejects is not None:
            self._rejects.write_lines([json.dumps({"where": where, "error": error, "line": raw},
                                                  ensure_ascii=False)])

    def until_stop(self, records: Iterable[Record]) -> Iterator[Record]:
        """``records``, bad ones included (for a caller that rejects them in output order), but
        none read past the first bad one when it will stop the run: the rest of an over-long
        line may never end (``/dev/zero``)."""
        for record in records:
            yield record
            if record.error is not None and not self.skip_bad:
                return

    def accept(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            if record.error is not None:
                self.progress.advance(0, record.size)
                self.reject(record.where, record.error, record.raw)
            else:
                yield record

    def close(self) -> None:
        """End the progress line and keep the rejects file: the run succeeded."""
        self.progress.close()
        if self._rejects is not None:
            self._rejects.close()

    def abort(self) -> None:
        """End the progress line and drop the rejects file: the run failed."""
        self.progress.close()
        if self._rejects is not None:
            self._rejects.abort()
