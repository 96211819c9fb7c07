"""The embedded claim store: one SQLite file under the data directory.

WAL mode lets readers work while a writer commits; ``synchronous=FULL`` makes every commit
reach the disk before :meth:`SqliteStore.put_document` returns, so an API 2xx means the
document survives a crash or power cut. Writes take the lock up front (``BEGIN IMMEDIATE``)
so that two processes posting the same document id serialise instead of both reading
"version 1" and one of them failing.

Connections are per thread and per process: a connection opened before a fork (gunicorn's
master) is never reused in a child.

A data directory this process cannot write to (a read-only mount, or permissions for a
non-root user) is served read-only: reads work, and every write is refused with
:class:`StoreReadOnlyError` (an API 503) before SQLite is asked.

Error messages go to API clients, so they never name files or directories; the exception's
cause, which the API logs, does.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

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

#: Schema migrations, applied in order inside one transaction each. Append, never edit: a
#: database records the last version it has in ``schema_version``.
def _index_existing_stories(conn: sqlite3.Connection) -> None:
    """Migration 2's data step: put the documents stored before it into their stories' index."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM documents AS d WHERE version = (SELECT MAX(version) FROM "
        "documents WHERE story=d.story AND doc_id=d.doc_id) ORDER BY story, doc_id"
    ).fetchall()
    for row in rows:
        doc = _row_to_document(row)
        index = SqlStoryIndex(conn.execute, doc.story)
        index.ensure_story()
        record_document(index, doc.id, prepared_from(
            doc.id, doc.text, doc.published, doc.source, doc.currency_hint, doc.mentions),
            replacing=False)


#: A migration step is SQL, or a function of the connection for steps that move data.
MIGRATIONS: tuple[tuple[int, tuple[str | Callable[[sqlite3.Connection], None], ...]], ...] = (
    (
        1,
        (
            """
            CREATE TABLE documents (
                story         TEXT    NOT NULL,
                doc_id        TEXT    NOT NULL,
                version       INTEGER NOT NULL CHECK (version >= 1),
                text          TEXT    NOT NULL,
                published     TEXT,
                source        TEXT,
                currency_hint TEXT,
                sha256        TEXT    NOT NULL,
                mentions      TEXT    NOT NULL,
                created_at    TEXT    NOT NULL,
                PRIMARY KEY (story, doc_id, version)
            )
            """,
        ),
    ),
    (2, (*index_tables("", "sqlite"), _index_existing_stories)),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]

_COLUMNS = "story, doc_id, version, text, published, source, currency_hint, sha256, mentions, created_at"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _row_to_document(row: tuple[Any, ...]) -> StoredDocument:
    story, doc_id, version, text, published, source, hint, sha, mentions, created = row
    return StoredDocument(
        story=story, id=doc_id, version=version, text=text, sha256=sha, created_at=created,
        published=published, source=source, currency_hint=hint, mentions=json.loads(mentions),
    )


def translate_error(exc: sqlite3.Error) -> StoreError | None:
    """Map an SQLite failure the client cannot fix to a :class:`StoreError` (API 503).

    Returns ``None`` for errors that are bugs in numclaims (bad SQL, constraint violations),
    which must surface as such.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return StoreReadOnlyError(f"the SQLite store is read-only: {exc}")
    if name == "SQLITE_FULL" or "disk is full" in text:
        return StoreFullError(f"the SQLite store is full: {exc}")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return StoreUnavailableError(f"the SQLite store is busy: {exc}")
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        isinstance(exc, sqlite3.OperationalError)
        and ("unable to open" in text or "disk i/o" in text)
    ):
        return StoreUnavailableError(f"the SQLite store is unavailable: {exc}")
    if isinstance(exc, sqlite3.DatabaseError) and "not a database" in text:
        return StoreUnavailableError(f"the SQLite store is unavailable: {exc}")
    return None


def is_read_only_dir(directory: str) -> bool:
    """True when this process cannot create files in ``directory``, or in the nearest existing
    directory above it that would have to hold it.

    ``os.access`` is the right question for both cases that matter: a read-only mount refuses
    even root (``EROFS``), and a directory without write permission refuses other users.

    >>> import tempfile
    >>> is_read_only_dir(tempfile.mkdtemp()), is_read_only_dir("/proc/1")
    (False, True)
    """
    probe = directory
    while not os.path.isdir(probe):
        if os.path.lexists(probe):
            return False  # a file in the way: opening will fail with its own clear error
        parent = os.path.dirname(probe)
        if parent == probe:
            break
        probe = parent
    return not os.access(probe, os.W_OK)


def _private_file(path: str) -> None:
    """Create the store's directory (0700) and file (0600) if they are missing.

    Stored documents are the newsroom's text: no other local user may read them. SQLite
    creates its ``-wal`` and ``-shm`` files with the main file's mode, so they are 0600 too.
    An existing directory or file keeps the mode its owner gave it.
    """
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory, mode=0o700, exist_ok=True)
        os.chmod(directory, 0o700)  # makedirs' mode is filtered by the umask
    if not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except sqlite3.Error as exc:
        mapped = translate_error(exc)
        if mapped is None:
            raise
        raise mapped from exc


class SqliteStore(ClaimStore):
    """A :class:`ClaimStore` in one SQLite file.

    >>> import tempfile, os
    >>> store = SqliteStore(os.path.join(tempfile.mkdtemp(), "claims.sqlite3"))
    >>> store.put_document("s", "a", text="Up 5%.").document.version
    1
    >>> store.put_document("s", "a", text="Up 5%.").created
    False
    >>> store.put_document("s", "a", text="Up 6%.").document.version
    2
    >>> store.close()
    """

    kind = "sqlite"

    def __init__(self, path: str, *, read_only: bool = False, busy_timeout: float = 5.0) -> None:
        self.path = os.path.abspath(path)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        self._local = threading.local()
        self._migrated = False
        self._migrate_lock = threading.Lock()
        self._all: list[tuple[int, sqlite3.Connection]] = []

    @classmethod
    def from_url(cls, url: str) -> SqliteStore:
        """Open ``sqlite:///absolute/path.sqlite3`` (add ``?mode=ro`` for read-only).

        >>> SqliteStore.from_url("sqlite:///var/lib/numclaims/claims.sqlite3?mode=ro").read_only
        True
        """
        rest = url.split(":", 1)[1]
        path, _, query = rest.partition("?")
        path = path.removeprefix("//")
        params = dict(p.partition("=")[::2] for p in query.split("&") if p)
        return cls(path, read_only=params.get("mode") == "ro")

    # -- connections --------------------------------------------------------------------

    def _connect_read_only(self, directory_read_only: bool) -> sqlite3.Connection:
        """A read-only connection.

        SQLite cannot open a WAL database read-only when it may not create the ``-shm``
        file and none exists (a cleanly closed store on a read-only mount). Then, and only
        when no ``-wal`` file holds commits that are not in the main file yet, it is opened
        ``immutable``: nothing can write through this mount, so nothing changes under it.
        """
        uri = "file:" + urllib.parse.quote(self.path)
        if not os.path.exists(self.path):
            raise StoreReadOnlyError(
                "the data directory is read-only and holds no store yet"
                if directory_read_only else "the read-only SQLite store does not exist"
            )
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=self.busy_timeout,
                               isolation_level=None)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            cant_open = getattr(exc, "sqlite_errorname", "").startswith("SQLITE_CANTOPEN")
            if not (directory_read_only and cant_open and not os.path.exists(self.path + "-wal")):
                raise
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True,
                               timeout=self.busy_timeout, isolation_level=None)

    def _open(self) -> tuple[sqlite3.Connection, bool]:
        """A new connection, and whether it is read-only."""
        directory_read_only = is_read_only_dir(os.path.dirname(self.path))
        read_only = self.read_only or directory_read_only
        with _translated():
            if read_only:
                conn = self._connect_read_only(directory_read_only)
            else:
                _private_file(self.path)
                conn = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            try:
                if not read_only:
                    conn.execute("PRAGMA journal_mode=WAL")
                # FULL: each commit is synced to the WAL before returning (NORMAL could lose
                # the last commits on power loss, and a 2xx must mean "stored").
                conn.execute("PRAGMA synchronous=FULL")
                conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")
            except BaseException:
                conn.close()
                raise
        return conn, read_only

    def _connection(self) -> sqlite3.Connection:
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is None or getattr(local, "pid", None) != os.getpid():
            try:
                conn, read_only = self._open()
            except OSError as exc:  # the data directory cannot be created
                raise StoreUnavailableError(
                    f"cannot create the data directory: {exc.strerror or type(exc).__name__}"
                ) from exc
            local.conn, local.pid, local.read_only = conn, os.getpid(), read_only
            with self._migrate_lock:
                self._all.append((os.getpid(), conn))
        if not self._migrated:
            self._migrate(conn, read_only=self._local.read_only)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        if self._local.read_only:
            raise StoreReadOnlyError(
                "the SQLite store is read-only (read-only data directory or mode=ro); "
                "documents cannot be stored or deleted"
            )
        with _translated():
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back (SQLITE_FULL)
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        conn = self._connection()
        with _translated():
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")

    def _migrate(self, conn: sqlite3.Connection, *, read_only: bool) -> None:
        with self._migrate_lock, _translated():
            if self._migrated:
                return
            if read_only:
                current = self.schema_version(conn)
                if current != SCHEMA_VERSION:
                    raise StoreUnavailableError(
                        f"the read-only SQLite store has schema {current}, need {SCHEMA_VERSION}"
                    )
                self._migrated = True
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
                current = self.schema_version(conn)
                if current > SCHEMA_VERSION:
                    raise StoreUnavailableError(
                        f"the SQLite store has schema version {current}, newer than this "
                        f"numclaims ({SCHEMA_VERSION}); upgrade numclaims"
                    )
                for version, statements in MIGRATIONS:
                    if version <= current:
                        continue
                    for statement in statements:
                        if callable(statement):
                            statement(conn)
                        else:
                            conn.execute(statement)
                    conn.execute("DELETE FROM schema_version")
                    conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
            except BaseException:
                if conn.in_transaction:  # SQLite may already have rolled back (SQLITE_FULL)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            self._migrated = True

    @staticmethod
    def schema_version(conn: sqlite3.Connection) -> int:
        """The schema version recorded in the database (0 for a new file)."""
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    # -- the interface ------------------------------------------------------------------

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
        with self._write() as conn:  # BEGIN IMMEDIATE: one writer at a time, story and index
            index = SqlStoryIndex(conn.execute, story)
            index.ensure_story()
            row = conn.execute(
                f"SELECT {_COLUMNS} FROM documents WHERE story=? AND doc_id=? "
                "ORDER BY version DESC LIMIT 1",
                (story, doc_id),
            ).fetchone()
            if row is not None and row[7] == sha:
                checks = StoryChecker(index).involving(doc_id).to_dict()
                return PutResult(_row_to_document(row), created=False, checks=checks)
            if row is None:
                make_room(index, max_documents)
            version = row[2] + 1 if row is not None else 1
            values = (story, doc_id, version, text, published, source, currency_hint, sha,
                      mentions_json, _now())
            conn.execute(
                f"INSERT INTO documents ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)", values
            )
            checks = record_document(index, doc_id, prepared, replacing=row is not None).to_dict()
        return PutResult(_row_to_document(values), created=True, checks=checks)

    def get_document(
        self, story: str, doc_id: str, version: int | None = None
    ) -> StoredDocument | None:
        with self._read() as conn:
            if version is None:
                row = conn.execute(
                    f"SELECT {_COLUMNS} FROM documents WHERE story=? AND doc_id=? "
                    "ORDER BY version DESC LIMIT 1",
                    (story, doc_id),
                ).fetchone()
            else:
                row = conn.execute(
                    f"SELECT {_COLUMNS} FROM documents WHERE story=? AND doc_id=? AND version=?",
                    (story, doc_id, version),
                ).fetchone()
        return _row_to_document(row) if row is not None else None

    def list_versions(self, story: str, doc_id: str) -> list[int]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT version FROM documents WHERE story=? AND doc_id=? ORDER BY version",
                (story, doc_id),
            ).fetchall()
        return [r[0] for r in rows]

    def list_documents(self, story: str, *, offset: int = 0,
                       limit: int | None = None) -> list[StoredDocument]:
        with self._read() as conn:
            return self._documents(conn, story, offset, limit)

    @staticmethod
    def _documents(conn: sqlite3.Connection, story: str, offset: int,
                   limit: int | None) -> list[StoredDocument]:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM documents AS d WHERE story=? AND version = "
            "(SELECT MAX(version) FROM documents WHERE story=d.story AND doc_id=d.doc_id) "
            "ORDER BY doc_id LIMIT ? OFFSET ?",
            (story, -1 if limit is None else limit, offset),
        ).fetchall()
        return [_row_to_document(r) for r in rows]

    def story_page(self, story: str, *, offset: int = 0, limit: int = 100) -> StoryPage | None:
        with self._read() as conn:
            return read_page(SqlStoryIndex(conn.execute, story),
                             lambda: self._documents(conn, story, offset, limit),
                             offset=offset, limit=limit)

    def list_stories(self, *, offset: int = 0, limit: int = 100) -> tuple[list[StorySummary], int]:
        with self._read() as conn:
            return list_stories(conn.execute, offset=offset, limit=limit)

    def delete_document(self, story: str, doc_id: str) -> int:
        with self._write() as conn:
            forget_document(SqlStoryIndex(conn.execute, story), doc_id)
            cur = conn.execute("DELETE FROM documents WHERE story=? AND doc_id=?", (story, doc_id))
            return cur.rowcount

    def delete_story(self, story: str) -> int:
        with self._write() as conn:
            count = conn.execute(
                "SELECT COUNT(DISTINCT doc_id) FROM documents WHERE story=?", (story,)
            ).fetchone()[0]
            SqlStoryIndex(conn.execute, story).drop_story()
            conn.execute("DELETE FROM documents WHERE story=?", (story,))
            return int(count)

    def ping(self) -> None:
        with self._read() as conn:
            conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()

    def close(self) -> None:
        with self._migrate_lock:
            conns, self._all = self._all, []
        for pid, conn in conns:
            if pid != os.getpid():
                continue  # inherited across a fork: the parent owns it
            try:
                conn.close()
            except sqlite3.ProgrammingError:  # opened by another thread; let it be collected
                pass
        self._local = threading.local()
