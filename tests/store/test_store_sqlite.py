"""SQLite specifics: file layout, WAL, migrations, read-only and full databases, forks."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from numclaims.store import (
    StoreFullError,
    StoreReadOnlyError,
    StoreUnavailableError,
    open_store,
)
from numclaims.store.sqlite import SCHEMA_VERSION, SqliteStore, is_read_only_dir


def test_open_store_defaults_to_a_file_in_the_data_dir(tmp_path: Any) -> None:
    store = open_store(None, data_dir=str(tmp_path / "nested" / "dir"))
    assert isinstance(store, SqliteStore)
    assert not (tmp_path / "nested").exists()  # lazy: nothing until first use
    store.put_document("s", "a", text="x")
    assert (tmp_path / "nested" / "dir" / "numclaims.sqlite3").exists()
    store.close()


def test_open_store_urls(tmp_path: Any) -> None:
    store = open_store(f"sqlite://{tmp_path}/x.db", data_dir="/unused")
    assert isinstance(store, SqliteStore) and store.path == f"{tmp_path}/x.db"
    assert open_store(f"sqlite://{tmp_path}/x.db?mode=ro", data_dir="/unused").read_only
    with pytest.raises(ValueError):
        open_store("redis://localhost", data_dir="/unused")


def test_wal_mode_and_schema_version(tmp_path: Any) -> None:
    store = SqliteStore(str(tmp_path / "c.sqlite3"))
    store.ping()
    conn = store._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert SqliteStore.schema_version(conn) == SCHEMA_VERSION
    store.close()


def test_migrating_an_empty_file_and_reopening(tmp_path: Any) -> None:
    path = str(tmp_path / "c.sqlite3")
    sqlite3.connect(path).close()  # an existing, empty database
    store = SqliteStore(path)
    store.put_document("s", "a", text="x")
    store.close()
    again = SqliteStore(path)  # migrations are not re-applied
    assert again.get_document("s", "a").text == "x"  # type: ignore[union-attr]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    again.close()


def test_a_newer_schema_is_refused(tmp_path: Any) -> None:
    path = str(tmp_path / "c.sqlite3")
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION + 1,))
    store = SqliteStore(path)
    with pytest.raises(StoreUnavailableError, match="newer"):
        store.ping()
    store.close()


def test_not_a_database_is_unavailable(tmp_path: Any) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not an SQLite file at all" * 100)
    store = SqliteStore(str(path))
    with pytest.raises(StoreUnavailableError):
        store.ping()
    store.close()


def test_read_only_store(tmp_path: Any) -> None:
    path = str(tmp_path / "c.sqlite3")
    writer = SqliteStore(path)
    writer.put_document("s", "a", text="x")
    writer.close()
    reader = SqliteStore(path, read_only=True)
    assert reader.get_document("s", "a").text == "x"  # type: ignore[union-attr]
    with pytest.raises(StoreReadOnlyError):
        reader.put_document("s", "b", text="y")
    with pytest.raises(StoreReadOnlyError):
        reader.delete_story("s")
    reader.close()


def test_full_database_rolls_back_cleanly(tmp_path: Any) -> None:
    store = SqliteStore(str(tmp_path / "c.sqlite3"))
    store.put_document("s", "small", text="x")
    conn = store._connection()
    conn.execute(f"PRAGMA max_page_count={conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(StoreFullError):
        store.put_document("s", "big", text="y" * 200_000)
    assert not conn.in_transaction
    assert [d.id for d in store.list_documents("s")] == ["small"]
    store.close()


def test_locked_database_is_unavailable_not_a_crash(tmp_path: Any) -> None:
    path = str(tmp_path / "c.sqlite3")
    store = SqliteStore(path, busy_timeout=0.1)
    store.ping()
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreUnavailableError, match="busy"):
            store.put_document("s", "a", text="x")
        assert store.list_documents("s") == []  # readers are not blocked in WAL mode
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    store.put_document("s", "a", text="x")
    store.close()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_opens_its_own_connection(tmp_path: Any) -> None:
    """gunicorn loads the app in the master and forks: the child must not reuse the parent's."""
    store = SqliteStore(str(tmp_path / "c.sqlite3"))
    store.put_document("s", "parent", text="x")
    parent_conn = store._connection()
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            code = 0 if (store._connection() is not parent_conn
                         and store.put_document("s", "child", text="y").created) else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    assert [d.id for d in store.list_documents("s")] == ["child", "parent"]
    store.close()


def test_store_errors_name_no_paths(tmp_path: Any) -> None:
    """Store messages reach API clients: they must not reveal the server's file layout."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    store = open_store(None, data_dir=str(blocker / "data"))
    with pytest.raises(StoreUnavailableError) as info:
        store.ping()
    assert str(tmp_path) not in info.value.message and info.value.__cause__ is not None
    store.close()


def test_is_read_only_dir(tmp_path: Any) -> None:
    assert not is_read_only_dir(str(tmp_path))
    assert not is_read_only_dir(str(tmp_path / "not" / "yet" / "made"))  # makedirs will do
    assert is_read_only_dir("/proc/1")  # no one may create files in procfs


@contextmanager
def _read_only_bind(source: Any, target: Any) -> Iterator[Any]:
    """A read-only bind mount of ``source`` (stops root too); skips where mount is refused."""
    target.mkdir()
    result = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(target)],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        pytest.skip(f"cannot make a read-only bind mount (needs root): {result.stderr.strip()}")
    try:
        yield target
    finally:
        if subprocess.run(["umount", str(target)], capture_output=True, check=False).returncode:
            subprocess.run(["umount", "-l", str(target)], capture_output=True, check=False)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
@pytest.mark.parametrize("leave_wal", [False, True], ids=["closed-cleanly", "wal-left"])
def test_a_read_only_directory_serves_reads_and_refuses_writes(tmp_path: Any,
                                                               leave_wal: bool) -> None:
    """Without a ``-wal`` file the store is opened immutable (SQLite cannot create the
    ``-shm``); with one, read-only through it, so the commits only the WAL holds are seen."""
    source = tmp_path / "data"
    writer = SqliteStore(str(source / "c.sqlite3"))
    writer.put_document("s", "a", text="x")
    writer.close()  # the last connection: checkpoints and removes the WAL
    if leave_wal:
        pid = os.fork()
        if pid == 0:  # a writer killed after its commit, before any checkpoint
            try:
                SqliteStore(str(source / "c.sqlite3")).put_document("s", "a", text="y")
            finally:
                os.kill(os.getpid(), signal.SIGKILL)
        os.waitpid(pid, 0)
    assert (source / "c.sqlite3-wal").exists() is leave_wal
    with _read_only_bind(source, tmp_path / "ro") as view:
        store = SqliteStore(str(view / "c.sqlite3"))
        doc = store.get_document("s", "a")
        assert doc is not None and doc.text == ("y" if leave_wal else "x")
        store.ping()
        with pytest.raises(StoreReadOnlyError, match="read-only"):
            store.put_document("s", "b", text="z")
        with pytest.raises(StoreReadOnlyError):
            store.delete_story("s")
        store.close()
