"""Where the API keeps stories and their documents: one interface, SQLite or PostgreSQL behind it.

>>> import tempfile
>>> store = open_store(None, data_dir=tempfile.mkdtemp())
>>> store.kind
'sqlite'
>>> store.close()
"""

from __future__ import annotations

import os

from numclaims.store.base import (
    ID_PATTERN,
    ClaimStore,
    PutResult,
    StoredDocument,
    StoreError,
    StoryFullError,
    StoryPage,
    StorySummary,
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
    content_hash,
    is_valid_id,
    validate_id,
)

__all__ = [
    "ID_PATTERN", "ClaimStore", "PutResult", "StoreError", "StoreFullError", "StoreReadOnlyError",
    "StoreUnavailableError", "StoredDocument", "StoryFullError", "StoryPage", "StorySummary",
    "content_hash", "is_valid_id", "open_store",
    "validate_id",
]

#: File name of the embedded store inside the data directory.
SQLITE_FILENAME = "numclaims.sqlite3"


def open_store(database_url: str | None, *, data_dir: str) -> ClaimStore:
    """The store for ``database_url``; without one, SQLite in ``data_dir``.

    ``postgresql://...`` selects PostgreSQL, ``sqlite:///path`` a given SQLite file.
    Opening is lazy: nothing is connected or created until the first query.
    """
    if not database_url:
        from numclaims.store.sqlite import SqliteStore

        return SqliteStore(os.path.join(data_dir, SQLITE_FILENAME))
    scheme = database_url.split(":", 1)[0].lower()
    if scheme in ("postgresql", "postgres"):
        from numclaims.store.postgres import PostgresStore

        return PostgresStore(database_url)
    if scheme == "sqlite":
        from numclaims.store.sqlite import SqliteStore

        return SqliteStore.from_url(database_url)
    raise ValueError(f"unsupported DATABASE_URL scheme {scheme!r} (use postgresql:// or sqlite:///)")
