"""Load benchmark of ``POST /v1/extract`` under gunicorn, on loopback only.

Not part of the test run (``testpaths`` is ``tests``). Run it with::

    .venv/bin/pytest benchmarks/test_api_load.py -s --benchmark-only

It starts ``numclaims serve --production`` on a free 127.0.0.1 port with an empty data dir,
then a Python load generator (threads, one HTTP connection per request, as gunicorn's sync
workers close each connection) sends a ~5 kB article from the bundled sample corpus.
The load is bounded in both count and time and stops by itself. Knobs (environment):

- ``NUMCLAIMS_BENCH_WORKERS``      gunicorn workers (default: one per core)
- ``NUMCLAIMS_BENCH_CONCURRENCY``  client threads (default 4)
- ``NUMCLAIMS_BENCH_REQUESTS``     requests in the load run (default 600)
- ``NUMCLAIMS_BENCH_SECONDS``      time limit of the load run (default 60)

Figures are in ``benchmark.extra_info`` (``--benchmark-json``) and printed with ``-s``.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

HOST = "127.0.0.1"  # loopback only, always
WORKERS = int(os.environ.get("NUMCLAIMS_BENCH_WORKERS", os.cpu_count() or 2))
CONCURRENCY = int(os.environ.get("NUMCLAIMS_BENCH_CONCURRENCY", "4"))
REQUESTS = int(os.environ.get("NUMCLAIMS_BENCH_REQUESTS", "600"))
SECONDS = float(os.environ.get("NUMCLAIMS_BENCH_SECONDS", "60"))


def _article() -> str:
    """About 5 kB of real news text (the sample corpus), cut at a sentence end."""
    from api.library import sample_documents

    text = "\n\n".join(d["text"] for d in sample_documents())
    cut = text.rfind(". ", 0, 5000)
    return text[: cut + 1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[int, bytes]]:
    port = _free_port()
    data = tempfile.mkdtemp(prefix="numclaims-bench-")
    log = open(os.path.join(data, "server.log"), "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "numclaims.cli", "serve", "--production", "--host", HOST,
         "--port", str(port), "--workers", str(WORKERS), "--data-dir", data],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NUMCLAIMS_ACCESS_LOG": "0"},  # measure the service, not logging
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = _request(port, "GET", "/healthz", None)
                if status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start; see " + log.name)
            time.sleep(0.2)
        body = json.dumps({"text": _article(), "published": "2019-04-25",
                           "currency_hint": "SG"}).encode()
        yield port, body
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _request(port: int, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def _load(port: int, body: bytes) -> dict[str, Any]:
    """CONCURRENCY threads send up to REQUESTS requests in at most SECONDS seconds."""
    latencies: list[float] = []
    failures: list[int] = []
    lock = threading.Lock()
    sent = 0
    stop_at = time.monotonic() + SECONDS

    def worker() -> None:
        nonlocal sent
        while True:
            with lock:
                if sent >= REQUESTS or time.monotonic() > stop_at:
                    return
                sent += 1
            start = time.perf_counter()
            status, _ = _request(port, "POST", "/v1/extract", body)
            elapsed = time.perf_counter() - start
            with lock:
                (latencies if status == 200 else failures).append(
                    elapsed if status == 200 else status)  # type: ignore[arg-type]

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    latencies.sort()
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "seconds": round(wall, 3),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
        "article_bytes": len(json.loads(body)["text"].encode()),
        "cores": os.cpu_count(),
    }


def test_extract_single_request_latency(benchmark: Any, server: tuple[int, bytes]) -> None:
    """One request at a time: the latency floor of /v1/extract for a 5 kB article."""
    port, body = server
    for _ in range(5):  # warm every worker's caches
        _request(port, "POST", "/v1/extract", body)
    status, payload = benchmark.pedantic(
        _request, args=(port, "POST", "/v1/extract", body), rounds=50, iterations=1
    )
    assert status == 200 and json.loads(payload)["mentions"]


def test_extract_throughput_under_load(benchmark: Any, server: tuple[int, bytes]) -> None:
    """CONCURRENCY clients at once: requests per second and p50/p99 latency."""
    port, body = server
    result = benchmark.pedantic(_load, args=(port, body), rounds=1, iterations=1)
    benchmark.extra_info.update(result)
    print("\n/v1/extract under gunicorn:", json.dumps(result))
    assert result["failures"] == 0 and result["requests"] > 0
