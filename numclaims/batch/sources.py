"""Documents read from files or standard input, one at a time, each with where it came from.

A source is a JSON Lines file (one document object per line: ``.jsonl``, ``.ndjson``, optionally
``.gz``) or a plain text file (the whole file is one document, its name the id). ``-`` is standard
input, and a FIFO or a character device is read the same way: as JSON Lines when its first
non-blank byte is ``{`` and as text otherwise. Lines are read lazily and in bounded pieces: no line
or text document over the limit (``DEFAULT_MAX_DOCUMENT_BYTES`` unless configured) is ever held
whole, so memory does not grow with the input, however it is shaped. A line that is not a document
becomes a :class:`Record` with an ``error`` and its line number; the caller decides to stop or skip.
A source that cannot be read at all (missing, a directory, unreadable) is a
:class:`~numclaims.errors.FileError` naming it and the reason.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

from numclaims.batch.records import record_problem
from numclaims.errors import FileError, InputError
from numclaims.figures import plural

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


DEFAULT_MAX_DOCUMENT_BYTES = 10_000_000  # one JSON line or one text document: 10 MB
SKIP_CHUNK = 1 << 16  # bytes read at a time when skipping the rest of an over-long line
LIMIT_NAME = "--max-document-bytes, env NUMCLAIMS_MAX_DOCUMENT_BYTES"


def _where(name: str) -> str:
    """How an input is named in messages: ``-`` is ``<stdin>``."""
    return "<stdin>" if name == "-" else name


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """Any failure to read ``name`` (unreadable, an I/O error, a broken gzip stream) as one line
    naming it, instead of a traceback."""
    try:
        yield
    except (OSError, EOFError, zlib.error) as exc:
        raise FileError.from_os(_where(name), exc, "read", field="files") from None


def _kind(name: str) -> tuple[str, int]:
    """``("file", size)`` for a regular file, ``("stream", 0)`` for a pipe or a character device
    (read like standard input); else FileError saying what it is."""
    with _reading(name):
        info = os.stat(name)
    if stat.S_ISREG(info.st_mode):
        return "file", info.st_size
    if stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return "stream", 0
    what = "is a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file or stream"
    raise FileError(f"{name}: cannot read: {what}", field="files")


def is_stream(name: str) -> bool:
    """Whether ``name`` is standard input, a FIFO or a device: read as it comes, its format
    decided by its first byte (a missing file is not; reading it says so)."""
    try:
        return name == "-" or _kind(name)[0] == "stream"
    except FileError:
        return False


def _open(name: str) -> BinaryIO:
    with _reading(name):
        return gzip.open(name, "rb") if Path(name).suffix == ".gz" else open(name, "rb")  # noqa: SIM115


def _too_long(what: str, limit: int) -> str:
    return f"{what} is longer than the limit of {plural(limit, 'byte')} ({LIMIT_NAME})"


def _skip_line(stream: BinaryIO) -> int:
    """Read past the rest of the current line, a bounded piece at a time; the bytes skipped."""
    skipped = 0
    while chunk := stream.readline(SKIP_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl(stream: BinaryIO, name: str, limit: int) -> Iterator[Record]:
    number = 0
    carried = 0  # bytes read without a record of their own (blank lines, skipped tails)
    while line := stream.readline(limit + 1):  # never more than one limit of a line in memory
        number += 1
        where = f"{name}:{number}"
        size, carried = len(line) + carried, 0
        if len(line) > limit and not line.endswith(b"\n"):
            yield Record(where, None, _too_long("line", limit), None, size)
            carried = _skip_line(stream)  # reached only when the caller skips bad lines
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield Record(where, None, f"not UTF-8 ({exc.reason} at byte {exc.start})",
                         line.decode("utf-8", "replace").rstrip("\n"), size)
            continue
        if not text.strip():
            carried = size
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


def _text(stream: BinaryIO, name: str, limit: int) -> Record:
    data = stream.read(limit + 1)  # a stream (a FIFO, /dev/zero) has no size to check first
    if len(data) > limit:
        return Record(_where(name), None, _too_long("document", limit), size=len(data))
    return Record(name, {"id": name, "text": data.decode("utf-8", errors="replace")}, size=len(data))


def read_text(name: str, limit: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Record:
    """The plain-text file ``name`` as one document, or a record of why it is not one; a file
    over ``limit`` bytes is refused without being read."""
    kind, size = _kind(name)
    if kind == "file" and size > limit:
        return Record(name, None, _too_long("document", limit), size=size)
    with _reading(name), _open(name) as stream:
        return _text(stream, name, limit)


def is_jsonl(name: str, input_format: str = "auto") -> bool:
    """Whether a named source is read as JSON Lines (a stream is decided by its first byte)."""
    if input_format != "auto":
        return input_format == "jsonl"
    return name.lower().endswith(JSONL_SUFFIXES)


def _stream(stream: BinaryIO, name: str, input_format: str, limit: int) -> Iterator[Record]:
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]
    if input_format == "text":
        yield _text(buffered, name, limit)
        return
    if input_format == "jsonl" or buffered.peek(4096).lstrip().startswith(b"{"):
        yield from _jsonl(buffered, _where(name), limit)
    else:
        yield _text(buffered, name, limit)


def read_records(names: Iterable[str], input_format: str = "auto",
                 limit: int = DEFAULT_MAX_DOCUMENT_BYTES) -> Iterator[Record]:
    """Every document of the named sources, in order; no line or text over ``limit`` bytes is
    read into memory."""
    if input_format not in FORMATS:
        raise InputError(f"input format must be one of {', '.join(FORMATS)}", field="input_format")
    for name in names:
        fmt = "jsonl" if is_jsonl(name, input_format) else input_format
        if name == "-":
            with _reading(name):
                yield from _stream(sys.stdin.buffer, name, fmt, limit)
        elif _kind(name)[0] == "stream":
            with _reading(name), _open(name) as stream:
                yield from _stream(stream, name, fmt, limit)
        elif fmt == "jsonl":
            with _reading(name), _open(name) as stream:
                yield from _jsonl(stream, name, limit)
        else:
            yield read_text(name, limit)


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


@dataclass(frozen=True, slots=True)
class Defaults:
    """What the command line gives a document that does not state its own (``--published``,
    ``--currency-hint``, ``--outlet-country``): a document's own field, or its manifest entry's,
    always wins."""

    published: str | None = None
    currency_hint: str | None = None
    outlet_country: str | None = None

    def apply(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """``document`` with the defaults it lacks.

        >>> Defaults("2019-04-25", "SG").apply({"id": "a", "text": "$5", "published": "2019-04-24"})
        {'id': 'a', 'text': '$5', 'published': '2019-04-24', 'currency_hint': 'SG'}
        >>> Defaults(currency_hint="US").apply({"id": "a", "text": "$5", "outlet_country": "SG"})
        {'id': 'a', 'text': '$5', 'outlet_country': 'SG'}
        """
        doc = dict(document)
        if self.published and not doc.get("published"):
            doc["published"] = self.published
        # a document's outlet country settles its bare "$" before any hint from the command line
        if self.currency_hint and not (doc.get("currency_hint") or doc.get("outlet_country")):
            doc["currency_hint"] = self.currency_hint
        if self.outlet_country and not doc.get("outlet_country"):
            doc["outlet_country"] = self.outlet_country
        return doc

    def __bool__(self) -> bool:
        return bool(self.published or self.currency_hint or self.outlet_country)


def with_defaults(records: Iterable[Record], defaults: Defaults) -> Iterator[Record]:
    """``records``, each valid document given the ``defaults`` it lacks."""
    for record in records:
        yield replace(record, document=defaults.apply(record.document)) \
            if defaults and record.document is not None else record
