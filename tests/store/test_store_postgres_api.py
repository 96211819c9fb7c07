"""PostgreSQL specifics and the API on PostgreSQL (skipped where no server can be started)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from numclaims.store import StoreUnavailableError


def _fresh(postgres_url: str) -> str:
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return postgres_url.rsplit("/", 1)[0] + "/" + name


def test_api_on_postgresql(postgres_url: str, tmp_path: Any) -> None:
    from api.app import create_app

    app = create_app({"DATABASE_URL": _fresh(postgres_url), "DATA_DIR": str(tmp_path),
                      "ACCESS_LOG": False, "WARM_UP": False}, env={})
    client = app.test_client()
    assert client.get("/healthz").get_json()["store"] == "postgresql"
    doc = {"id": "a", "text": "Exports rose to $1.2 billion.", "published": "2019-04-25"}
    assert client.post("/v1/stories/s/documents", json=doc).status_code == 201
    assert client.post("/v1/stories/s/documents", json=doc).status_code == 200
    changed = {**doc, "text": "Exports rose to $1.9 billion."}
    assert client.post("/v1/stories/s/documents", json=changed).get_json()["document"]["version"] == 2
    body = client.get("/v1/stories/s/documents/a").get_json()
    assert body["versions"] == [1, 2] and body["created_at"].endswith("+00:00")
    assert client.delete("/v1/stories/s").get_json() == {"deleted": 1}
    assert not list(tmp_path.iterdir())  # no SQLite file was made
    app.extensions["numclaims_store"].close()


def test_several_processes_migrate_at_once(postgres_url: str) -> None:
    """Stores starting together (as API processes do) all see one schema, applied once."""
    from numclaims.store.postgres import SCHEMA_VERSION, PostgresStore

    url = _fresh(postgres_url)
    stores = [PostgresStore(url) for _ in range(6)]
    errors: list[BaseException] = []

    def start(store: PostgresStore) -> None:
        try:
            store.ping()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert stores[0].schema_version() == SCHEMA_VERSION
    for s in stores:
        s.close()


def test_unreachable_server_is_unavailable(tmp_path: Any) -> None:
    import socket

    from api.app import create_app
    from numclaims.store.postgres import PostgresStore

    with socket.socket() as s:  # a loopback port with nothing listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://nobody@127.0.0.1:{port}/none"
    with pytest.raises(StoreUnavailableError):
        PostgresStore(url, connect_timeout=2).ping()
    app = create_app({"DATABASE_URL": url, "DATA_DIR": str(tmp_path), "ACCESS_LOG": False,
                      "WARM_UP": False}, env={})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "store_unavailable"


def test_a_read_only_database_serves_reads_and_refuses_writes(postgres_url: str,
                                                               tmp_path: Any) -> None:
    """A database that refuses writes (``default_transaction_read_only``, as on a hot standby):
    reads still work, writes are a JSON 503 ``store_read_only``."""
    import psycopg

    from api.app import create_app
    from numclaims.store import StoreReadOnlyError
    from numclaims.store.postgres import PostgresStore

    url = _fresh(postgres_url)
    writer = PostgresStore(url)
    writer.put_document("s", "a", text="Up 5%.")
    writer.close()
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')

    reader = PostgresStore(url)
    assert reader.get_document("s", "a").text == "Up 5%."  # type: ignore[union-attr]
    with pytest.raises(StoreReadOnlyError):
        reader.put_document("s", "b", text="Up 6%.")
    reader.close()

    app = create_app({"DATABASE_URL": url, "DATA_DIR": str(tmp_path), "ACCESS_LOG": False,
                      "WARM_UP": False}, env={})
    client = app.test_client()
    assert client.get("/v1/stories/s/documents/a").status_code == 200
    response = client.post("/v1/stories/s/documents", json={"id": "b", "text": "Up 6%."})
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "store_read_only"
    app.extensions["numclaims_store"].close()
