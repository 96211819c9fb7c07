"""Where batch output goes: JSON Lines to a stream or file, or Parquet in bounded row groups."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from numclaims.batch.records import MENTION_COLUMNS
from numclaims.batch.schema import Columns, arrow_schema

ROW_GROUP_ROWS = 50_000  # rows buffered before a Parquet row group is written: memory stays flat


class LineSink:
    """Text lines to standard output or a file."""

    def __init__(self, path: str | None = None) -> None:
        self._file: TextIO | None = open(path, "w", encoding="utf-8") if path else None  # noqa: SIM115
        self.stream = self._file or sys.stdout

    def write_lines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.stream.write(line)
            self.stream.write("\n")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        else:
            self.stream.flush()


class ParquetSink:
    """Rows of a typed schema to a Parquet file, written a row group at a time."""

    def __init__(self, path: str, columns: Columns = MENTION_COLUMNS) -> None:
        import pyarrow.parquet as pq

        if not path or path == "-":
            raise ValueError("Parquet output needs a file name (--output x.parquet)")
        self.schema = arrow_schema(columns)
        self.path = Path(path)
        self._writer = pq.ParquetWriter(self.path, self.schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self.count = 0

    def write_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        if len(self._rows) >= ROW_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
            self.count += len(self._rows)
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()
