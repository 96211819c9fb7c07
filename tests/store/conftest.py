"""Store fixtures: SQLite in tmp_path, and a throw-away PostgreSQL server where one can run.

The PostgreSQL server comes from Debian's packages (``initdb``/``pg_ctl`` on PATH or under
/usr/lib/postgresql/*/bin). It lives in a temporary directory, listens on a free loopback port
only, trusts local connections, and is stopped and deleted at the end of the session. As root
(PostgreSQL refuses to run as root) it runs as the ``postgres`` user through ``runuser``.
Where none of this is possible the PostgreSQL tests skip with the reason.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from numclaims.store import ClaimStore
from numclaims.store.sqlite import SqliteStore


def _find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def unavailable_reason() -> str | None:
    """Why a server cannot be started here, or ``None`` if it can."""
    for name in ("initdb", "pg_ctl"):
        if _find_bin(name) is None:
            return f"{name} not installed (apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing"
    return None


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield the URL of a fresh PostgreSQL database on 127.0.0.1; stop it afterwards."""
    initdb, pg_ctl = _find_bin("initdb"), _find_bin("pg_ctl")
    assert initdb and pg_ctl
    prefix: list[str] = []
    base = tempfile.mkdtemp(prefix="numclaims-pg-")
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    datadir = os.path.join(base, "data")
    port = _free_port()
    run: dict[str, Any] = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "timeout": 60}
    try:
        subprocess.run(
            [*prefix, initdb, "-D", datadir, "--auth=trust", "-U", "numclaims", "-E", "UTF8",
             "--no-sync"],
            check=True, **run,
        )
        opts = (
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={base} "
            "-c fsync=off -c full_page_writes=off"
        )
        subprocess.run(
            [*prefix, pg_ctl, "-D", datadir, "-o", opts, "-l", os.path.join(base, "log"),
             "-w", "-t", "30", "start"],
            check=True, **run,
        )
        url = f"postgresql://numclaims@127.0.0.1:{port}/postgres"
        import psycopg

        deadline = time.monotonic() + 20
        while True:
            try:
                psycopg.connect(url, connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", datadir, "-m", "immediate", "-w", "stop"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, check=False,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    with postgres_server() as url:
        yield url


def _fresh_postgres_db(url: str) -> str:
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[ClaimStore]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        s: ClaimStore = SqliteStore(str(tmp_path / "claims.sqlite3"))
    else:
        from numclaims.store.postgres import PostgresStore

        s = PostgresStore(_fresh_postgres_db(request.getfixturevalue("postgres_url")))
    yield s
    s.close()
