"""Where batch output goes: JSON Lines to a stream or file, Parquet in bounded row groups, or CSV.

A file output is written to a hidden temporary file beside its target and renamed over it only
when the run succeeds (:class:`OutputFile`): after an error, a crash or Ctrl-C the target is what
it was before (or absent), never a partial file that looks complete.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self, TextIO

from numclaims.batch.progress import Progress
from numclaims.batch.records import MENTION_COLUMNS
from numclaims.batch.schema import Columns, arrow_schema
from numclaims.errors import FileError

ROW_GROUP_ROWS = 50_000  # rows buffered before a Parquet row group is written: memory stays flat


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it; set straight back
    os.umask(mask)
    return mask


@contextmanager
def _writing(path: str, *, pipe_ends_run: bool = False) -> Iterator[None]:
    """A failure to write ``path`` (a full disk, a missing folder) as one line naming it;
    ``pipe_ends_run`` lets a closed pipe through (``numclaims ... | head`` ends quietly)."""
    try:
        yield
    except BrokenPipeError:
        if pipe_ends_run:
            raise
        raise FileError(f"{path}: cannot write: broken pipe", field="output") from None
    except OSError as exc:
        raise FileError.from_os(path, exc, "write", field="output") from None


class OutputFile:
    """The file a run writes, as a temporary ``.name.XXXX.tmp`` beside it until :meth:`commit`.

    Writers open :attr:`name`. A symlinked target is written through (the link stays), and the
    result gets the mode a plain create would give (or the old file's mode and owner). A target
    that is a device or a pipe (``/dev/null``, ``/dev/stdout``) cannot be replaced and is written
    directly.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        with _writing(path):
            try:
                old: os.stat_result | None = os.stat(path)  # the kernel follows /dev/stdout
            except FileNotFoundError:
                old = None
        if old is not None and stat.S_ISDIR(old.st_mode):
            raise FileError(f"{path}: cannot write: is a directory", field="output")
        self._target: str | None = None
        if old is not None and not stat.S_ISREG(old.st_mode):
            self.name = path
            return
        target = os.path.realpath(path)
        folder, base = os.path.split(target)
        try:
            fd, self.name = tempfile.mkstemp(prefix=f".{base}.", suffix=".tmp", dir=folder)
        except OSError as exc:
            if not os.path.isdir(folder):
                raise FileError(f"{path}: cannot write: no such directory {folder}",
                                field="output") from None
            if exc.errno == errno.ENOENT:  # /proc, /sys: a folder no file can be created in
                raise FileError(f"{path}: cannot write: no file can be created in {folder}",
                                field="output") from None
            raise FileError.from_os(path, exc, "write", field="output") from None
        self._target = target
        try:
            # mkstemp makes 0600; the output gets what open() would have given it
            os.fchmod(fd, stat.S_IMODE(old.st_mode) if old else 0o666 & ~_umask())
            if old is not None and (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(fd, old.st_uid, old.st_gid)
                except PermissionError:  # not ours to give away: it becomes the writer's file
                    pass
        except BaseException:
            self.discard()
            raise
        finally:
            os.close(fd)

    def commit(self) -> None:
        """Put the finished file in place of the target (durably: its data first, then its name)."""
        if self._target is None:
            return
        with _writing(self.path):
            fd = os.open(self.name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(self.name, self._target)
        try:  # the rename itself, durably; not every file system can sync a folder
            folder = os.open(os.path.dirname(self._target), os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
        except OSError:
            pass

    def discard(self) -> None:
        """Remove the temporary file; the target is left as it was."""
        if self._target is not None:
            try:
                os.unlink(self.name)
            except FileNotFoundError:
                pass


class Output:
    """A context manager that keeps what it wrote only if its block ends without an exception
    (Ctrl-C included): :meth:`close` on success, :meth:`abort` otherwise."""

    def close(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None:
            self.abort()
            return
        try:
            self.close()
        except BaseException:  # the last flush or the rename failed (a full disk): keep nothing
            self.abort()
            raise


class LineSink(Output):
    """Text lines to standard output or a file.

    Given the run's ``progress``, output to standard output first clears the progress line (when
    both are one terminal, output would otherwise start after its text) and is flushed at once,
    so the next redraw cannot land in the middle of a buffered line.
    """

    newline: str | None = None  # as open() takes it

    def __init__(self, path: str | None = None, *, progress: Progress | None = None) -> None:
        self._output = OutputFile(path) if path else None
        self.where = path or "standard output"
        self._file: TextIO | None = None
        if self._output is not None:
            with _writing(self.where):
                self._file = open(self._output.name, "w", encoding="utf-8",  # noqa: SIM115
                                  newline=self.newline)
        self.stream = self._file or sys.stdout
        self._progress = progress if self._file is None else None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with _writing(self.where, pipe_ends_run=self._file is None):
            if self._progress is not None:
                self._progress.clear()
            yield
            if self._progress is not None:
                self.stream.flush()

    def write(self, text: str) -> None:
        with self._writing():
            self.stream.write(text)

    def write_lines(self, lines: Iterable[str]) -> None:
        with self._writing():
            for line in lines:
                self.stream.write(line)
                self.stream.write("\n")

    def close(self) -> None:
        with _writing(self.where, pipe_ends_run=self._file is None):
            if self._file is None:
                self.stream.flush()
                return
            self._file.close()
        assert self._output is not None
        self._output.commit()

    def abort(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except Exception:  # the full disk that stopped the run fails the last flush too
                pass
        if self._output is not None:
            self._output.discard()


class ParquetSink(Output):
    """Rows of a typed schema to a Parquet file, written a row group at a time."""

    def __init__(self, path: str, columns: Columns = MENTION_COLUMNS) -> None:
        import pyarrow.parquet as pq

        if not path or path == "-":
            raise ValueError("Parquet output needs a file name (--output x.parquet)")
        self.schema = arrow_schema(columns)
        self.path = path
        self._output = OutputFile(path)
        try:
            with _writing(path):
                self._writer = pq.ParquetWriter(self._output.name, self.schema, compression="zstd")
        except BaseException:
            self._output.discard()
            raise
        self._rows: list[dict[str, Any]] = []
        self.count = 0

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            with _writing(self.path):
                self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self.count += len(self._rows)
            self._rows = []

    def close(self) -> None:
        self._flush()
        with _writing(self.path):
            self._writer.close()
        self._output.commit()

    def abort(self) -> None:
        try:
            self._writer.close()
        except Exception:  # whatever stopped the run may stop this too; the file is dropped
            pass
        self._output.discard()


def csv_cell(value: Any) -> str | int | float:
    """A row value as a CSV cell: a list or dict as compact JSON, nothing for null.

    >>> csv_cell(["a", "b"]), csv_cell(None), csv_cell(17000.0), csv_cell('S$681 "million"')
    ('["a","b"]', '', 17000.0, 'S$681 "million"')
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value  # type: ignore[no-any-return]


class CsvSink(LineSink):
    """Rows of a schema as CSV (RFC 4180 quoting, UTF-8, a header row) to standard output or a
    file, with the Parquet output's columns in its order."""

    newline = ""  # the csv module ends records itself (CRLF) and quotes newlines inside cells

    def __init__(self, path: str | None, columns: Columns = MENTION_COLUMNS, *,
                 progress: Progress | None = None) -> None:
        super().__init__(path, progress=progress)
        self.names = [name for name, _ in columns]
        self._csv = csv.writer(self.stream)
        with self._writing():
            self._csv.writerow(self.names)

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        with self._writing():
            self._csv.writerows([csv_cell(row.get(name)) for name in self.names] for row in rows)


RowSink = ParquetSink | CsvSink          # the sinks that take rows of a schema
ROW_FORMATS = ("parquet", "csv")


def open_sink(path: str | None, output: str, columns: Columns = MENTION_COLUMNS, *,
              progress: Progress | None = None) -> LineSink | ParquetSink:
    """The sink for an output format: Parquet or CSV rows of ``columns``, else text lines, to
    ``path`` (or standard output but for Parquet). Use it as a context manager: the output is
    kept on success. ``progress`` is the run's progress line, cleared before output on a terminal."""
    if output == "parquet":
        return ParquetSink(path or "", columns)
    if output == "csv":
        return CsvSink(path, columns, progress=progress)
    return LineSink(path, progress=progress)
