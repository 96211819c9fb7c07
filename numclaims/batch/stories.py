"""Documents grouped by story whatever order they arrive in, without holding them in memory.

Cross-checking needs all of a story's documents together, but a nightly input is rarely sorted by
story. Records are spilled to a SQLite file in a temporary directory, extracted in input order
(their mentions are stored beside them, so extraction can use every core even when the input is
one big story), and read back one story at a time, in the order each story first appeared; memory
holds one story, not the whole input.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from numclaims.batch.records import story_of


PAGE = 1000  # documents read back per query


class DuplicateDocumentError(ValueError):
    """A story already holds a document with this id."""


class StorySpill:
    """An append-only, story-indexed store of document records (a context manager)."""

    def __init__(self, directory: str | None = None) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="numclaims-stories-", dir=directory)
        self._db = sqlite3.connect(Path(self._dir.name) / "stories.sqlite", isolation_level=None)
        # scratch data: a crash loses nothing that is not still in the input
        self._db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE documents (
                seq INTEGER PRIMARY KEY, story TEXT NOT NULL, id TEXT NOT NULL,
                size INTEGER NOT NULL, record TEXT NOT NULL, mentions BLOB,
                UNIQUE (story, id));
        """)
        self._db.execute("BEGIN")
        self.count = 0

    def add(self, record: Mapping[str, Any], size: int = 0) -> None:
        try:
            self._db.execute("INSERT INTO documents (story, id, size, record) VALUES (?, ?, ?, ?)",
                             (story_of(record), str(record.get("id")), size,
                              json.dumps(record, ensure_ascii=False)))
        except sqlite3.IntegrityError:
            raise DuplicateDocumentError(
                f"story {story_of(record)!r} already has a document with id {record.get('id')!r}"
            ) from None
        self.count += 1

    def story_count(self) -> int:
        return int(self._db.execute("SELECT COUNT(DISTINCT story) FROM documents").fetchone()[0])

    def documents(self) -> Iterator[tuple[int, dict[str, Any], int]]:
        """``(seq, record, bytes)`` for every document, in input order."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        last = 0
        while True:  # in pages, so that set_mentions never writes under an open cursor
            page = self._db.execute("SELECT seq, record, size FROM documents WHERE seq > ? "
                                    "ORDER BY seq LIMIT ?", (last, PAGE)).fetchall()
            if not page:
                return
            for seq, record, size in page:
                yield seq, json.loads(record), size
            last = page[-1][0]

    def set_mentions(self, found: Iterable[tuple[int, bytes]]) -> None:
        """Store each document's extracted mentions (serialised by the caller)."""
        self._db.execute("BEGIN")
        self._db.executemany("UPDATE documents SET mentions = ? WHERE seq = ?",
                             [(blob, seq) for seq, blob in found])
        self._db.execute("COMMIT")

    def stories(self) -> Iterator[tuple[str, list[tuple[dict[str, Any], bytes | None]]]]:
        """``(story, [(record, mentions)...])`` for each story, in order of first appearance."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._db.execute("CREATE INDEX IF NOT EXISTS by_story ON documents (story, seq)")
        order = self._db.execute(
            "SELECT story FROM documents GROUP BY story ORDER BY MIN(seq)").fetchall()
        for (story,) in order:
            rows = self._db.execute(
                "SELECT record, mentions FROM documents WHERE story = ? ORDER BY seq", (story,))
            yield story, [(json.loads(record), mentions) for record, mentions in rows]

    def close(self) -> None:
        self._db.close()
        self._dir.cleanup()

    def __enter__(self) -> StorySpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
