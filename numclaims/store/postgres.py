"""The claim store in PostgreSQL, for a newsroom running several API processes on one database.

Selected by a ``DATABASE_URL`` starting with ``postgresql://`` (or ``postgres://``). Same
schema and semantics as :mod:`numclaims.store.sqlite`: each write is one transaction,
committed (with PostgreSQL's default ``synchronous_commit``) before the method returns.
Concurrent writes to one story serialise on a transaction-scoped advisory lock,
and schema migrations run under another, so several processes can start at once.

Needs psycopg 3 (``pip install "psycopg[binary]"``).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg import errors as pg_errors

from numclaims.store.base import (
    ClaimStore,
    PutResult,
    StoredDocument,
    StoreError,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
    StoryPage,
    StorySummary,
    content_hash,
)
from numclaims.checking.story import Prepared, StoryChecker
from numclaims.store.story_index import (
    SqlStoryIndex, forget_document, index_tables, list_stories, make_room, prepared_from,
    read_page, record_document,
)

PREFIX = "numclaims_"


def _story_index(cur: psycopg.Cursor[Any], story: str) -> SqlStoryIndex:
    return SqlStoryIndex(cur.execute, story, prefix=PREFIX, placeholder="%s")


def _index_existing_stories(cur: psycopg.Cursor[Any]) -> None:
    """Migration 2's data step: put the documents stored before it into their stories' index."""
    cur.execute(f"SELECT DISTINCT ON (story, doc_id) {_COLUMNS} FROM numclaims_documents "
                "ORDER BY story, doc_id, version DESC")
    for row in cur.fetchall():
        doc = _row_to_document(row)
        index = _story_index(cur, doc.story)
        index.ensure_story()
        record_document(index, doc.id, prepared_from(
            doc.id, doc.text, doc.published, doc.source, doc.currency_hint, doc.mentions),
            replacing=False)


#: A migration step is SQL, or a function of the cursor for steps that move data.
MIGRATIONS: tuple[tuple[int, tuple[str | Callable[[psycopg.Cursor[Any]], None], ...]], ...] = (
    (
        1,
        (
            """
            CREATE TABLE numclaims_documents (
                story         TEXT        NOT NULL,
                doc_id        TEXT        NOT NULL,
                version       INTEGER     NOT NULL CHECK (version >= 1),
                text          TEXT        NOT NULL,
                published     TEXT,
                source        TEXT,
                currency_hint TEXT,
                sha256        TEXT        NOT NULL,
                mentions      TEXT        NOT NULL,
                created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
                PRIMARY KEY (story, doc_id, version)
            )
            """,
        ),
    ),
    (2, (*index_tables(PREFIX, "postgresql"), _index_existing_stories)),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

#: Advisory lock key for migrations ("numclaims" in ASCII, truncated to fit a bigint).
_MIGRATION_LOCK = 0x6E756D636C61696D

_COLUMNS = (
    "story, doc_id, version, text, published, source, currency_hint, sha256, mentions, "
    "to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"')"
)


def _row_to_document(row: tuple[Any, ...]) -> StoredDocument:
    story, doc_id, version, text, published, source, hint, sha, mentions, created = row
    return StoredDocument(
        story=story, id=doc_id, version=version, text=text, sha256=sha, created_at=created,
        published=published, source=source, currency_hint=hint, mentions=json.loads(mentions),
    )


def translate_error(exc: psycopg.Error) -> StoreError | None:
    """Map a PostgreSQL failure the client cannot fix to a :class:`StoreError` (API 503)."""
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return StoreReadOnlyError(f"the PostgreSQL store is read-only: {exc}")
    if isinstance(exc, (pg_errors.DiskFull, pg_errors.OutOfMemory)):
        return StoreFullError(f"the PostgreSQL store is full: {exc}")
    if isinstance(
        exc,
        (
            psycopg.OperationalError,  # connection refused/lost, admin shutdown, ...
            pg_errors.InsufficientResources,
            pg_errors.LockNotAvailable,
            pg_errors.DeadlockDetected,
            pg_errors.SerializationFailure,
        ),
    ):
        return StoreUnavailableError(f"the PostgreSQL store is unavailable: {exc}")
    return None


class PostgresStore(ClaimStore):
    """A :class:`ClaimStore` in PostgreSQL; one connection per thread and process."""

    kind = "postgresql"

    def __init__(self, url: str, *, connect_timeout: int = 5) -> None:
        self.url = url
        self.connect_timeout = connect_timeout
        self._local = threading.local()
        self._lock = threading.Lock()
        self._migrated = False
        self._all: list[tuple[int, psycopg.Connection[Any]]] = []

    def _connection(self) -> psycopg.Connection[Any]:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None or conn.closed or conn.broken or local.pid != os.getpid():
            try:
                conn = psycopg.connect(
                    self.url, autocommit=True, connect_timeout=self.connect_timeout,
                    application_name="numclaims",
                )
            except psycopg.Error as exc:
                raise StoreUnavailableError(f"cannot connect to PostgreSQL: {exc}") from exc
            local.conn, local.pid = conn, os.getpid()
            with self._lock:
                self._all.append((os.getpid(), conn))
        if not self._migrated:
            self._migrate(conn)
        return conn

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        conn = self._connection()
        try:
            with conn.transaction(), conn.cursor() as cur:
                yield cur
        except psycopg.Error as exc:
            mapped = translate_error(exc)
            if mapped is None:
                raise
            raise mapped from exc

    @staticmethod
    def _recorded_version(cur: psycopg.Cursor[Any]) -> int:
        """The schema version the database records (0 before the first migration)."""
        cur.execute("SELECT to_regclass('numclaims_schema_version') IS NOT NULL")
        if not cur.fetchone()[0]:  # type: ignore[index]
            return 0
        cur.execute("SELECT COALESCE(MAX(version), 0) FROM numclaims_schema_version")
        return int(cur.fetchone()[0])  # type: ignore[index]

    def _migrate(self, conn: psycopg.Connection[Any]) -> None:
        with self._lock:
            if self._migrated:
                return
            try:
                # Read first: a current schema needs no DDL, so a database that refuses writes
                # (a hot standby, default_transaction_read_only) still serves reads.
                with conn.transaction(), conn.cursor() as cur:
                    recorded = self._recorded_version(cur)
                if recorded == SCHEMA_VERSION:
                    self._migrated = True
                    return
                if recorded > SCHEMA_VERSION:
                    raise StoreUnavailableError(
                        f"database has numclaims schema {recorded}, newer than this numclaims "
                        f"({SCHEMA_VERSION}); upgrade numclaims"
                    )
                with conn.transaction(), conn.cursor() as cur:
                    cur.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    cur.execute(
                        "CREATE TABLE IF NOT EXISTS numclaims_schema_version "
                        "(version INTEGER NOT NULL)"
                    )
                    cur.execute("SELECT COALESCE(MAX(version), 0) FROM numclaims_schema_version")
                    current = cur.fetchone()[0]  # type: ignore[index]
                    if current > SCHEMA_VERSION:
                        raise StoreUnavailableError(
                            f"database has numclaims schema {current}, newer than this numclaims "
                            f"({SCHEMA_VERSION}); upgrade numclaims"
                        )
                    for version, statements in MIGRATIONS:
                        if version <= current:
                            continue
                        for statement in statements:
                            if callable(statement):
                                statement(cur)
                            else:
                                cur.execute(statement)
                        cur.execute("DELETE FROM numclaims_schema_version")
                        cur.execute(
                            "INSERT INTO numclaims_schema_version (version) VALUES (%s)", (version,)
                        )
            except psycopg.Error as exc:
                mapped = translate_error(exc)
                if mapped is None:
                    raise
                raise mapped from exc
            self._migrated = True

    def schema_version(self) -> int:
        with self._transaction() as cur:
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM numclaims_schema_version")
            return int(cur.fetchone()[0])  # type: ignore[index]

    def put_document(
        self,
        story: str,
        doc_id: str,
        *,
        text: str,
        published: str | None = None,
        source: str | None = None,
        currency_hint: str | None = None,
        mentions: list[dict[str, Any]] | None = None,
        prepared: Prepared | None = None,
        max_documents: int | None = None,
    ) -> PutResult:
        sha = content_hash(text, published, source, currency_hint)
        mentions_json = json.dumps(mentions or [], ensure_ascii=False, allow_nan=False)
        if prepared is None:
            prepared = prepared_from(doc_id, text, published, source, currency_hint, mentions or [])
        with self._transaction() as cur:
            index = self._locked(cur, story)
            cur.execute(
                f"SELECT {_COLUMNS} FROM numclaims_documents WHERE story=%s AND doc_id=%s "
                "ORDER BY version DESC LIMIT 1",
                (story, doc_id),
            )
            row = cur.fetchone()
            if row is not None and row[7] == sha:
                checks = StoryChecker(index).involving(doc_id).to_dict()
                return PutResult(_row_to_document(row), created=False, checks=checks)
            if row is None:
                make_room(index, max_documents)
            version = row[2] + 1 if row is not None else 1
            cur.execute(
                "INSERT INTO numclaims_documents (story, doc_id, version, text, published, source, "
                "currency_hint, sha256, mentions) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) "
                f"RETURNING {_COLUMNS}",
                (story, doc_id, version, text, published, source, currency_hint, sha,
                 mentions_json),
            )
            inserted = cur.fetchone()
            checks = record_document(index, doc_id, prepared, replacing=row is not None).to_dict()
        return PutResult(_row_to_document(inserted), created=True,  # type: ignore[arg-type]
                         checks=checks)

    @staticmethod
    def _locked(cur: psycopg.Cursor[Any], story: str) -> SqlStoryIndex:
        """The story's index, with the story locked for this transaction: its writers (every
        process's) take turns, so the document count and the index stay consistent."""
        cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"story:{story}",))
        index = _story_index(cur, story)
        index.ensure_story()
        return index

    def get_document(
        self, story: str, doc_id: str, version: int | None = None
    ) -> StoredDocument | None:
        with self._transaction() as cur:
            if version is None:
                cur.execute(
                    f"SELECT {_COLUMNS} FROM numclaims_documents WHERE story=%s AND doc_id=%s "
                    "ORDER BY version DESC LIMIT 1",
                    (story, doc_id),
                )
            else:
                cur.execute(
                    f"SELECT {_COLUMNS} FROM numclaims_documents "
                    "WHERE story=%s AND doc_id=%s AND version=%s",
                    (story, doc_id, version),
                )
            row = cur.fetchone()
        return _row_to_document(row) if row is not None else None

    def list_versions(self, story: str, doc_id: str) -> list[int]:
        with self._transaction() as cur:
            cur.execute(
                "SELECT version FROM numclaims_documents WHERE story=%s AND doc_id=%s "
                "ORDER BY version",
                (story, doc_id),
            )
            return [r[0] for r in cur.fetchall()]

    def list_documents(self, story: str, *, offset: int = 0,
                       limit: int | None = None) -> list[StoredDocument]:
        with self._transaction() as cur:
            return self._documents(cur, story, offset, limit)

    @staticmethod
    def _documents(cur: psycopg.Cursor[Any], story: str, offset: int,
                   limit: int | None) -> list[StoredDocument]:
        cur.execute(
            f"SELECT DISTINCT ON (doc_id) {_COLUMNS} FROM numclaims_documents "
            "WHERE story=%s ORDER BY doc_id, version DESC LIMIT %s OFFSET %s",
            (story, limit, offset),
        )
        return [_row_to_document(r) for r in cur.fetchall()]

    def story_page(self, story: str, *, offset: int = 0, limit: int = 100) -> StoryPage | None:
        with self._transaction() as cur:
            return read_page(_story_index(cur, story),
                             lambda: self._documents(cur, story, offset, limit),
                             offset=offset, limit=limit)

    def list_stories(self, *, offset: int = 0, limit: int = 100) -> tuple[list[StorySummary], int]:
        with self._transaction() as cur:
            return list_stories(cur.execute, prefix=PREFIX, placeholder="%s", offset=offset,
                                limit=limit)

    def delete_document(self, story: str, doc_id: str) -> int:
        with self._transaction() as cur:
            forget_document(self._locked(cur, story), doc_id)
            cur.execute(
                "DELETE FROM numclaims_documents WHERE story=%s AND doc_id=%s", (story, doc_id)
            )
            return cur.rowcount

    def delete_story(self, story: str) -> int:
        with self._transaction() as cur:
            self._locked(cur, story).drop_story()
            cur.execute(
                "DELETE FROM numclaims_documents WHERE story=%s RETURNING doc_id", (story,)
            )
            return len({r[0] for r in cur.fetchall()})

    def ping(self) -> None:
        with self._transaction() as cur:
            cur.execute("SELECT 1")

    def close(self) -> None:
        with self._lock:
            conns, self._all = self._all, []
        for pid, conn in conns:
            if pid == os.getpid():
                conn.close()
        self._local = threading.local()
