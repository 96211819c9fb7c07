"""Documents read from files or standard input, one at a time, each with where it came from.

A source is a JSON Lines file (one document object per line: ``.jsonl``, ``.ndjson``, optionally
``.gz``) or a plain text file (the whole file is one document, its name the id). ``-`` is standard
input, read as JSON Lines when its first non-blank byte is ``{`` and as text otherwise. Lines are
read lazily, so memory does not grow with the input. A line that is not a document becomes a
:class:`Record` with an ``error`` and its line number; the caller decides to stop or skip.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from numclaims.batch.records import record_problem
from numclaims.errors import InputError

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
FORMATS = ("auto", "jsonl", "text")


@dataclass(frozen=True, slots=True)
class Record:
    """One input document (or the reason a line is not one), with its place in the input."""

    where: str                          # "docs.jsonl:12", or a text file's name
    document: dict[str, Any] | None     # the record as read, when it is a valid document
    error: str | None = None
    raw: str | None = None              # the line as read, kept for --rejects
    size: int = 0                       # bytes consumed, for progress


def check_document(record: Any) -> dict[str, Any]:
    """``record`` if it is a document extraction and checking accept (the same test the Dask and
    Spark engines apply: :func:`~numclaims.batch.records.record_problem`); else InputError.

    >>> check_document({"id": 1, "text": "17km", "published": "2019-04-25"})["id"]
    1
    >>> check_document({"id": "a", "text": 5})
    Traceback (most recent call last):
    ...
    numclaims.errors.InputError: document 0 (a): text must be a string, got int
    """
    problem = record_problem(record)
    if problem is not None:
        raise problem
    return record


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # noqa: SIM115


def _jsonl(stream: BinaryIO, name: str) -> Iterator[Record]:
    for number, line in enumerate(stream, 1):
        where = f"{name}:{number}"
        size = len(line)
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(where, None, f"not UTF-8 ({exc.reason} at byte {exc.start})",
                         line.decode("utf-8", "replace").rstrip("\n"), size)
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield Record(where, None, f"not valid JSON ({reason})", text.rstrip("\n"), size)
            continue
        try:
            yield Record(where, check_document(record), size=size)
        except InputError as exc:
            message = re.sub(r"^document 0\b", "document", str(exc))
            yield Record(where, None, message, text.rstrip("\n"), size)


def _text(data: bytes, name: str) -> Record:
    return Record(name, {"id": name, "text": data.decode("utf-8", errors="replace")}, size=len(data))


def is_jsonl(name: str, input_format: str = "auto") -> bool:
    """Whether a named source is read as JSON Lines (``-`` is decided by its first byte)."""
    if input_format != "auto":
        return input_format == "jsonl"
    return name.lower().endswith(JSONL_SUFFIXES)


def _stdin(input_format: str) -> Iterator[Record]:
    stream = sys.stdin.buffer
    if input_format == "text":
        yield _text(stream.read(), "-")
        return
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)
    head = buffered.peek(4096).lstrip()
    if input_format == "jsonl" or head.startswith(b"{"):
        yield from _jsonl(buffered, "<stdin>")
    else:
        yield _text(buffered.read(), "-")


def read_records(names: Iterable[str], input_format: str = "auto") -> Iterator[Record]:
    """Every document of the named sources, in order."""
    if input_format not in FORMATS:
        raise InputError(f"input format must be one of {', '.join(FORMATS)}", field="input_format")
    for name in names:
        if name == "-":
            yield from _stdin(input_format)
            continue
        path = Path(name)
        if not path.is_file():
            raise InputError(f"{name}: no such file", field="files")
        if is_jsonl(name, input_format):
            with _open(path) as stream:
                yield from _jsonl(stream, name)
        else:
            yield _text(path.read_bytes(), name)


def total_size(names: Iterable[str]) -> int | None:
    """The bytes the named sources hold, if known in advance (not for stdin or gzip)."""
    total = 0
    for name in names:
        if name == "-" or name.endswith(".gz") or not os.path.isfile(name):
            return None
        total += os.path.getsize(name)
    return total


def from_documents(documents: Iterable[Mapping[str, Any]]) -> Iterator[Record]:
    """Records for documents already in memory (the sample corpus, a manifest's files)."""
    for doc in documents:
        yield Record(str(doc.get("id")), dict(doc), size=len(str(doc.get("text", "")).encode()))
