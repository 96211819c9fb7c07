"""Faults against the real production server: kill -9, a full disk, a read-only data dir, and
many writers on one story.

Each test runs ``numclaims serve --production`` (gunicorn: a master and sync workers) as a
child process in a process group of its own, on a free 127.0.0.1 port, talks HTTP to it,
and then reads what was stored with its own SQLite (or psycopg) connection. Every wait is a
readiness poll with a deadline; no assertion is about timing.

The full-disk and read-only tests mount a filesystem (a small tmpfs, a read-only bind
mount), which needs root with CAP_SYS_ADMIN, as in CI. Without it the full-disk test skips
and says why, and a non-root user gets the read-only test through directory permissions.
PostgreSQL variants run where ``tests/store/conftest.py`` can start a server, else skip.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Self

import pytest

from numclaims.store import SQLITE_FILENAME, content_hash
from tests.store.conftest import postgres_server, unavailable_reason

HOST = "127.0.0.1"  # loopback only, always
START_DEADLINE = 60.0
COLUMNS = ("story, doc_id, version, text, published, source, currency_hint, sha256, mentions, "
           "created_at")


# -- the server --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def call(port: int, method: str, path: str, body: Any = None,
         timeout: float = 60) -> tuple[int, dict[str, str], bytes]:
    """One request on a new connection; raises OSError/HTTPException if the server is gone."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data is not None else {}
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        conn.close()


def _group_members(pgid: int) -> set[int]:
    """Live (not zombie) processes in process group ``pgid``."""
    members = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        if int(fields[2]) == pgid and fields[0] not in "ZX":
            members.add(int(entry))
    return members


class Server:
    """``numclaims serve --production`` in its own process group (so one ``killpg`` reaches
    the master and every worker at once)."""

    def __init__(self, data_dir: Path, log_dir: Path, *, workers: int = 2,
                 database_url: str | None = None, env: dict[str, str] | None = None) -> None:
        self.data_dir, self.log_dir = data_dir, log_dir
        self.workers, self.database_url, self.env = workers, database_url, env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log_path = log_dir

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.port = free_port()
        self.log_path = self.log_dir / f"server-{self.port}.log"
        args = [sys.executable, "-m", "numclaims.cli", "serve", "--production", "--host", HOST,
                "--port", str(self.port), "--workers", str(self.workers),
                "--data-dir", str(self.data_dir)]
        if self.database_url:
            args += ["--database-url", self.database_url]
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT,
                                         env={**os.environ, **self.env}, start_new_session=True)
        deadline = time.monotonic() + START_DEADLINE
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited {self.proc.returncode}:\n{self.log()[-3000:]}")
            try:
                if call(self.port, "GET", "/healthz", timeout=5)[0] == 200 and len(
                        self.worker_pids()) == self.workers:
                    return
            except (OSError, http.client.HTTPException):
                pass
            if time.monotonic() > deadline:
                self.kill9()
                pytest.fail(f"server not ready within {START_DEADLINE:g} s:\n{self.log()[-3000:]}")
            time.sleep(0.1)

    def worker_pids(self) -> set[int]:
        """The master's live children: gunicorn replaces a crashed worker with a new pid."""
        assert self.proc is not None
        return _group_members(self.proc.pid) - {self.proc.pid}

    def kill9(self) -> None:
        """SIGKILL to the master and every worker at the same instant; wait until all died."""
        assert self.proc is not None
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _group_members(self.proc.pid):  # orphaned workers die a moment later
            assert time.monotonic() < deadline, "workers survived SIGKILL"
            time.sleep(0.02)

    def stop(self, sig: int = signal.SIGQUIT) -> None:
        """Stop: gunicorn's quick shutdown (SIGQUIT; the workers exit normally, closing their
        connections) unless ``sig`` says otherwise; SIGKILL only if that hangs."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(sig)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill9()
        deadline = time.monotonic() + 30
        while _group_members(self.proc.pid) and time.monotonic() < deadline:
            time.sleep(0.02)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", "replace")


# -- clients -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Ack:
    """A document the server acknowledged with a 2xx."""

    story: str
    doc_id: str
    version: int
    text: str
    created: bool


@dataclass
class Writers:
    """Threads posting documents (``plan(thread, i) -> (story, doc_id, text)``) until their plan
    ends, ``stop`` is set, or the server goes away. Records what was acknowledged."""

    port: int
    plan: Callable[[int, int], tuple[str, str, str] | None]
    threads: int
    acks: list[Ack] = field(default_factory=list)
    sent: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)  # connection failures (server gone)
    unexpected: list[tuple[int, bytes]] = field(default_factory=list)  # non-2xx answers
    stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _pool: list[threading.Thread] = field(default_factory=list)

    def _run(self, t: int) -> None:
        i = 0
        while not self.stop.is_set():
            step = self.plan(t, i)
            i += 1
            if step is None:
                return
            story, doc_id, text = step
            with self._lock:
                self.sent.setdefault((story, doc_id), set()).add(text)
            try:
                status, _, body = call(self.port, "POST", f"/v1/stories/{story}/documents",
                                       {"id": doc_id, "text": text, "published": "2019-04-25"})
            except (OSError, http.client.HTTPException) as exc:
                with self._lock:
                    self.refused.append(repr(exc))
                return  # the server is gone; nothing after this could be acknowledged
            with self._lock:
                if status in (200, 201):
                    version = json.loads(body)["document"]["version"]
                    self.acks.append(Ack(story, doc_id, version, text, status == 201))
                else:
                    self.unexpected.append((status, body[:300]))

    def start(self) -> Writers:
        self._pool = [threading.Thread(target=self._run, args=(t,), daemon=True)
                      for t in range(self.threads)]
        for thread in self._pool:
            thread.start()
        return self

    def wait_for(self, acks: int, deadline: float = 120) -> None:
        end = time.monotonic() + deadline
        while len(self.acks) < acks:
            assert time.monotonic() < end, (len(self.acks), self.unexpected[:3])
            assert any(t.is_alive() for t in self._pool), "the writers finished early"
            time.sleep(0.01)

    def join(self, deadline: float = 120) -> None:
        end = time.monotonic() + deadline
        for thread in self._pool:
            thread.join(max(0.0, end - time.monotonic()))
        assert not any(t.is_alive() for t in self._pool), "a writer is stuck"


SUBJECTS = ("exports", "grain shipments", "oil output", "the budget", "tourist arrivals",
            "remittances", "coal sales", "the trade deficit")


def article(seed: str, sentences: int) -> str:
    """A deterministic news-like text naming ``seed`` (so every text is distinct)."""
    rng = random.Random(seed)
    out = [f"Report {seed}."]
    for _ in range(sentences):
        out.append(f"{rng.choice(SUBJECTS).capitalize()} rose {rng.randint(1, 99)}% to "
                   f"${rng.randint(1, 99)}.{rng.randint(0, 9)} billion, up {rng.randint(2, 900)} "
                   f"tonnes over {rng.randint(2, 40)} days, officials said.")
    return " ".join(out)


# -- what is stored ----------------------------------------------------------------------


@dataclass
class Backend:
    """Where the server keeps documents, and how the test reads them back directly."""

    name: str
    data_dir: Path
    database_url: str | None = None

    def rows(self) -> list[tuple[Any, ...]]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return list(conn.execute(f"SELECT {COLUMNS} FROM numclaims_documents").fetchall())
        with sqlite3.connect(self.data_dir / SQLITE_FILENAME) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            return conn.execute(f"SELECT {COLUMNS} FROM documents").fetchall()


def assert_complete(backend: Backend, sent: dict[tuple[str, str], set[str]],
                    acks: list[Ack]) -> dict[str, int]:
    """Every stored row is whole and was sent by a client; every acknowledged version is
    stored with its exact text; versions run 1..n. Returns counts for the report."""
    rows = backend.rows()
    stored: dict[tuple[str, str, int], str] = {}
    for story, doc_id, version, text, published, source, hint, sha, mentions, created in rows:
        assert text in sent.get((story, doc_id), set()), (story, doc_id, version, "unknown text")
        assert sha == content_hash(text, published, source, hint), f"{story}/{doc_id}: bad hash"
        for m in json.loads(mentions):  # the claims belong to exactly this text
            assert text[m["start"]:m["end"]] == m["text"], (story, doc_id, m)
        datetime.fromisoformat(str(created))
        stored[(story, doc_id, version)] = text
    by_doc: dict[tuple[str, str], list[int]] = {}
    for story, doc_id, version in stored:
        by_doc.setdefault((story, doc_id), []).append(version)
    for key, versions in by_doc.items():
        assert sorted(versions) == list(range(1, len(versions) + 1)), (key, sorted(versions))
    lost = [a for a in acks if stored.get((a.story, a.doc_id, a.version)) != a.text]
    assert not lost, f"{len(lost)} acknowledged documents lost or changed, e.g. {lost[:3]}"
    acked = {(a.story, a.doc_id, a.version) for a in acks}
    return {"rows": len(stored), "acknowledged": len(acked),
            "committed_unacknowledged": len(set(stored) - acked)}


def assert_served(port: int, acks: list[Ack]) -> None:
    """Every acknowledged version is served back by the API with its exact text."""
    for a in {(a.story, a.doc_id, a.version): a for a in acks}.values():
        status, _, body = call(port, "GET",
                               f"/v1/stories/{a.story}/documents/{a.doc_id}?version={a.version}")
        assert status == 200, (a, body[:200])
        assert json.loads(body)["text"] == a.text, a


@pytest.fixture(scope="module")
def postgres_base_url() -> Iterator[str]:
    reason = unavailable_reason()
    if reason:
        pytest.skip(f"PostgreSQL variant skipped: {reason}")
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    data = tmp_path / "data"
    if request.param == "sqlite":
        return Backend("sqlite", data)
    import psycopg

    base = request.getfixturevalue("postgres_base_url")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return Backend("postgresql", data, base.rsplit("/", 1)[0] + "/" + name)


def report(request: pytest.FixtureRequest, **figures: Any) -> None:
    """Print the scenario's figures (shown with -s, kept in the junit properties)."""
    request.node.user_properties.extend(figures.items())
    print(f"\n{request.node.name}: {json.dumps(figures)}")


# -- kill -9 -----------------------------------------------------------------------------


def test_kill_9_during_a_burst_loses_no_acknowledged_document(
        backend: Backend, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Eight writers post new documents and new versions; the whole server (master and
    workers) is SIGKILLed once 30 are acknowledged, then restarted on the same data."""

    def plan(t: int, i: int) -> tuple[str, str, str]:
        doc = f"t{t}-d{i // 2}"  # even steps add a document, odd steps post a second version
        return f"burst-{t}", doc, article(f"{doc}-v{i % 2}", 2 + (i * 7) % 20)

    with Server(backend.data_dir, tmp_path, database_url=backend.database_url) as server:
        writers = Writers(server.port, plan, threads=8).start()
        writers.wait_for(30)
        server.kill9()
        writers.join()
    assert not writers.unexpected, writers.unexpected[:3]
    # requests the kill cut off mid-way (the others found the port closed)
    cut = sum("ConnectionRefused" not in r for r in writers.refused)
    assert cut >= 1, "the kill reached no request in flight"
    acks, sent = list(writers.acks), dict(writers.sent)

    with Server(backend.data_dir, tmp_path, database_url=backend.database_url) as server:
        assert_served(server.port, acks)
        after = ("after", "after-kill", "Exports rose 5%.")
        status, _, _ = call(server.port, "POST", f"/v1/stories/{after[0]}/documents",
                            {"id": after[1], "text": after[2], "published": "2019-04-25"})
        assert status == 201  # and it takes writes again
    acks.append(Ack(after[0], after[1], 1, after[2], created=True))
    sent[after[:2]] = {after[2]}
    figures = assert_complete(backend, sent, acks)
    report(request, backend=backend.name, requests_cut_by_kill=cut, lost=0, half_written=0,
           **figures)


# -- a full disk -------------------------------------------------------------------------


@contextmanager
def mounted(path: Path, *args: str, what: str) -> Iterator[Path]:
    """``mount ARGS path`` for the duration; skips (saying why) where mounting is refused."""
    if shutil.which("mount") is None:
        pytest.skip(f"cannot {what}: no mount command")
    path.mkdir(exist_ok=True)
    result = subprocess.run(["mount", *args, str(path)], capture_output=True, text=True,
                            timeout=30, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot {what} (needs root with CAP_SYS_ADMIN): {result.stderr.strip()}")
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True, timeout=30,
                          check=False).returncode:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=30,
                           check=False)


def fill(directory: Path) -> Path:
    """Write a file until the filesystem has no free block left (a real ENOSPC)."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError as exc:
                assert exc.errno == 28, exc  # ENOSPC
    finally:
        os.close(fd)
    assert os.statvfs(directory).f_bavail == 0
    return filler


def assert_json_503(status: int, headers: dict[str, str], body: bytes, code: str,
                    data_dir: Path) -> None:
    assert status == 503, body[:300]
    assert headers["Content-Type"] == "application/json" and headers["Retry-After"]
    error = json.loads(body)["error"]
    assert error["code"] == code, error
    assert "Traceback" not in error["message"] and str(data_dir) not in error["message"]


def test_full_disk_is_a_503_and_the_service_recovers(tmp_path: Path,
                                                     request: pytest.FixtureRequest) -> None:
    """The data dir on a 16 MB tmpfs, filled to the last block: writes get a JSON 503
    ``store_full``, reads still work, no worker dies, and once space returns writes work."""
    with mounted(tmp_path / "small", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs",
                 what="mount a small tmpfs to fill") as disk:
        data = disk / "data"
        # prose with one figure: quick to extract, and larger than any free space in the WAL
        prose = " ".join(f"The delegation met officials from region {chr(65 + i % 26)} and "
                         "discussed the railway, the port and the border crossing."
                         for i in range(900))
        big = {"id": "big", "text": "Exports rose 5%. " + prose, "published": "2019-04-25"}
        assert 50_000 < len(big["text"]) < 100_000  # under the API's limits
        first = {"id": "first", "text": article("first", 3), "published": "2019-04-25"}
        with Server(data, tmp_path) as server:
            assert call(server.port, "POST", "/v1/stories/s/documents", first)[0] == 201
            workers = server.worker_pids()
            filler = fill(disk)

            refused = 0
            for _ in range(4):  # enough to reach both workers
                status, headers, body = call(server.port, "POST", "/v1/stories/s/documents", big)
                assert_json_503(status, headers, body, "store_full", data)
                refused += 1
            status, _, body = call(server.port, "GET", "/v1/stories/s/documents/first")
            assert status == 200 and json.loads(body)["text"] == first["text"]  # reads work
            assert call(server.port, "GET", "/v1/stories/s/documents/big")[0] == 404
            assert call(server.port, "GET", "/healthz")[0] == 200

            filler.unlink()  # space returns
            assert call(server.port, "POST", "/v1/stories/s/documents", big)[0] == 201
            status, _, body = call(server.port, "GET", "/v1/stories/s/documents/big")
            assert json.loads(body)["text"] == big["text"] and json.loads(body)["versions"] == [1]
            assert server.worker_pids() == workers, "a worker died"
        acks = [Ack("s", "first", 1, first["text"], True), Ack("s", "big", 1, big["text"], True)]
        sent = {("s", "first"): {first["text"]}, ("s", "big"): {big["text"]}}
        figures = assert_complete(Backend("sqlite", data), sent, acks)
    report(request, refused_with_503=refused, lost=0, **figures)


# -- a read-only data dir ----------------------------------------------------------------


@contextmanager
def read_only_view(source: Path, target: Path) -> Iterator[Path]:
    """``source`` as a directory this process cannot write: a read-only bind mount (which
    stops root too), or, for a non-root user, a directory without write permission."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in [source, *source.iterdir()]}
        for p in modes:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield source
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    with mounted(target, "--bind", "-o", "ro", str(source),
                 what="make a read-only bind mount (root ignores file permissions)") as view:
        yield view


def assert_read_only_service(port: int, view: Path, docs: dict[str, list[str]]) -> int:
    """Reads of every version work; every write is a JSON 503 ``store_read_only``."""
    for doc_id, texts in docs.items():
        for version, text in enumerate(texts, 1):
            path = f"/v1/stories/s/documents/{doc_id}?version={version}"
            status, _, body = call(port, "GET", path)
            assert status == 200 and json.loads(body)["text"] == text, (doc_id, version)
            assert json.loads(body)["versions"] == list(range(1, len(texts) + 1))
    status, _, body = call(port, "GET", "/v1/stories/s")
    assert status == 200 and len(json.loads(body)["documents"]) == len(docs)
    assert call(port, "GET", "/healthz")[0] == 200
    assert call(port, "POST", "/v1/extract", {"text": "Up 5%."})[0] == 200
    refused = 0
    for method, path, body in (
        ("POST", "/v1/stories/s/documents", {"id": "new", "text": "Up 5%."}),
        ("POST", "/v1/stories/s/documents", {"id": "d1", "text": "Up 6%."}),
        ("POST", "/v1/stories/other/documents", {"id": "new", "text": "Up 5%."}),
        ("DELETE", "/v1/stories/s/documents/d1", None),
        ("DELETE", "/v1/stories/s", None),
    ):
        status, headers, answer = call(port, method, path, body)
        assert_json_503(status, headers, answer, "store_read_only", view)
        refused += 1
    return refused


def test_read_only_data_dir_refuses_writes_and_serves_reads(
        tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """A store written by a server that is then killed -9 (a WAL file is left, holding the
    last commits), served from a read-only view of its directory; then, once the directory
    is writable again, one more document and a clean close (no WAL file: SQLite must open
    the store immutable), served read-only again."""
    from api.library import extract_mentions
    from numclaims.store.sqlite import SqliteStore

    data = tmp_path / "data"
    docs: dict[str, list[str]] = {}

    def remember(doc_id: str) -> str:
        text = article(f"ro-{doc_id}-{len(docs.get(doc_id, []))}", 3)
        docs.setdefault(doc_id, []).append(text)
        return text

    with Server(data, tmp_path) as server:
        for doc_id in ("d0", "d1", "d0"):
            status, _, _ = call(server.port, "POST", "/v1/stories/s/documents",
                                {"id": doc_id, "text": remember(doc_id), "published": "2019-04-25"})
            assert status == 201
        server.kill9()
    refused, wal_left = 0, []
    for round_ in ("after kill -9", "after a clean close"):
        if round_ == "after a clean close":  # writable again: the library adds a version
            store = SqliteStore(str(data / SQLITE_FILENAME))
            text = remember("d1")
            mentions = extract_mentions(text, published="2019-04-25", base_currency="USD",
                                        currency_hint=None)
            assert store.put_document("s", "d1", text=text, published="2019-04-25",
                                      mentions=mentions).document.version == 2
            store.close()  # the last connection: checkpoints and removes the WAL file
        wal_left.append((data / f"{SQLITE_FILENAME}-wal").exists())
        with read_only_view(data, tmp_path / "ro") as view, Server(view, tmp_path) as server:
            workers = server.worker_pids()
            refused += assert_read_only_service(server.port, view, docs)
            assert server.worker_pids() == workers, "a worker died"
    assert wal_left == [True, False]  # both ways of opening a read-only store were exercised
    acks = [Ack("s", d, v, t, True) for d, texts in docs.items() for v, t in enumerate(texts, 1)]
    sent = {("s", d): set(texts) for d, texts in docs.items()}
    figures = assert_complete(Backend("sqlite", data), sent, acks)
    report(request, refused_with_503=refused, lost=0, **figures)


# -- concurrent writers on one story ------------------------------------------------------


def test_concurrent_writers_on_one_story_lose_nothing(
        backend: Backend, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Eight writers against three workers, all on one story: each adds its own documents,
    appends versions to one shared document, and re-posts one identical document."""
    same_text = "Everyone posts this: exports rose 5% to $1.2 billion."
    writers_n, steps = 8, 6

    def plan(t: int, i: int) -> tuple[str, str, str] | None:
        if i >= steps:
            return None
        if i % 3 == 0:
            return "crowd", f"w{t}-{i}", article(f"own-{t}-{i}", 1)
        if i % 3 == 1:
            return "crowd", "shared", f"Version by writer {t}, step {i}: up {t * 100 + i}%."
        return "crowd", "same", same_text

    with Server(backend.data_dir, tmp_path, workers=3,
                database_url=backend.database_url) as server:
        writers = Writers(server.port, plan, threads=writers_n).start()
        writers.join()
        assert not writers.unexpected and not writers.refused, (
            writers.unexpected[:3], writers.refused[:3])
        acks = writers.acks
        assert len(acks) == writers_n * steps

        own = [a for a in acks if a.doc_id.startswith("w")]
        assert all(a.created and a.version == 1 for a in own)
        shared = [a for a in acks if a.doc_id == "shared"]
        versions = sorted(a.version for a in shared)
        assert all(a.created for a in shared)
        assert versions == list(range(1, len(shared) + 1)), versions  # distinct, no gaps
        same = [a for a in acks if a.doc_id == "same"]
        assert sum(a.created for a in same) == 1 and {a.version for a in same} == {1}

        status, _, body = call(server.port, "GET", "/v1/stories/crowd/documents/shared")
        assert status == 200 and json.loads(body)["versions"] == versions
        status, _, body = call(server.port, "GET", "/v1/stories/crowd")
        assert status == 200 and len(json.loads(body)["documents"]) == len(own) + 2
        assert_served(server.port, acks)
    figures = assert_complete(backend, writers.sent, acks)
    assert figures["committed_unacknowledged"] == 0
    report(request, backend=backend.name, writers=writers_n, workers=3, requests=len(acks),
           shared_versions=len(shared), lost=0, **figures)
