"""Load benchmark of ``POST /v1/extract`` under gunicorn, on loopback only.

Not part of the test run (``testpaths`` is ``tests``). Run it with::

    .venv/bin/python -m pytest benchmarks/test_api_load.py --benchmark-only -s

It starts ``numclaims serve --production`` (gunicorn, sync workers) on a free 127.0.0.1 port
with an empty data dir, and sends a ~5 kB article from the bundled sample corpus:

- *latency*: one request at a time (pytest-benchmark rounds);
- *sustained*: ``wrk`` with a Lua script for SECONDS seconds at CONCURRENCY connections when
  ``wrk`` is installed (``apt-get install wrk``), else a Python generator (threads, one
  connection per request, as gunicorn's sync workers close each connection); requests/s and
  p50/p99; any non-2xx answer or socket error fails the benchmark;
- *stall*: the same normal traffic (Python generator) first alone, then while ATTACKERS
  clients keep sending what could hog a worker: a body over the 1 MB limit (refused from its
  declared length), a 1 MB JSON body whose text is over MAX_TEXT_CHARS (parsed, then
  refused), and pathological texts (100,000 characters of "1 ", and a dense article for
  /v1/check, whose cost grows with the square of its figures) that the per-request time
  budget cuts off with a 503. It reports p50/p99 of the normal requests in both phases, and
  what every hostile request got and how long it took.

Everything is bounded in time and stops by itself. Knobs (environment):

- ``NUMCLAIMS_BENCH_WORKERS``      gunicorn workers (default 2)
- ``NUMCLAIMS_BENCH_CONCURRENCY``  normal clients / wrk connections (default 4)
- ``NUMCLAIMS_BENCH_SECONDS``      length of the sustained run and of each stall phase (20)
- ``NUMCLAIMS_BENCH_ATTACKERS``    hostile clients in the stall run (default 1)
- ``NUMCLAIMS_BENCH_BUDGET``       the server's REQUEST_TIME_BUDGET in seconds (default 2;
  the service's own default is 30)

Figures are in ``benchmark.extra_info`` (``--benchmark-json``) and printed with ``-s``. The
machine's other load shows in them: say what else ran when you quote them.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

HOST = "127.0.0.1"  # loopback only, always
WORKERS = int(os.environ.get("NUMCLAIMS_BENCH_WORKERS", "2"))
CONCURRENCY = int(os.environ.get("NUMCLAIMS_BENCH_CONCURRENCY", "4"))
SECONDS = float(os.environ.get("NUMCLAIMS_BENCH_SECONDS", "20"))
ATTACKERS = int(os.environ.get("NUMCLAIMS_BENCH_ATTACKERS", "1"))
BUDGET = float(os.environ.get("NUMCLAIMS_BENCH_BUDGET", "2"))
MAX_BODY = 1024 * 1024  # the service's default MAX_CONTENT_LENGTH

WRK_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = assert(io.open(os.getenv("NUMCLAIMS_BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.connect, e.read, e.write, e.status,
    e.timeout))
end
"""


def _article() -> str:
    """About 5 kB of real news text (the sample corpus), cut at a sentence end."""
    from numclaims.sample import sample_documents

    text = "\n\n".join(d["text"] for d in sample_documents())
    cut = text.rfind(". ", 0, 5000)
    return text[: cut + 1]


def _dense_article(chars: int) -> str:
    """News-like text with a figure every few words: cheap to extract, costly to check."""
    rng = random.Random(7)
    out: list[str] = []
    while sum(len(s) + 1 for s in out) < chars:
        out.append(f"Exports rose {rng.randint(1, 99)}% to ${rng.randint(1, 99)}."
                   f"{rng.randint(0, 9)} billion, up {rng.randint(2, 900)} tonnes over "
                   f"{rng.randint(2, 40)} days.")
    return " ".join(out)[:chars]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int
    body: bytes  # the normal request: a ~5 kB article
    log: str


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    port = _free_port()
    data = tempfile.mkdtemp(prefix="numclaims-bench-")
    log_path = os.path.join(data, "server.log")
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "numclaims.cli", "serve", "--production", "--host", HOST,
         "--port", str(port), "--workers", str(WORKERS), "--data-dir", data],
        stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "NUMCLAIMS_ACCESS_LOG": "0",  # measure the service, not logging
             "NUMCLAIMS_REQUEST_TIME_BUDGET": str(BUDGET)},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _request(port, "POST", "/v1/extract", b'{"text": "5%"}')[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not start; see " + log_path)
            time.sleep(0.2)
        body = json.dumps({"text": _article(), "published": "2019-04-25",
                           "currency_hint": "SG"}).encode()
        yield Server(port, body, log_path)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _request(port: int, method: str, path: str, body: bytes | None,
             timeout: float = 120) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _raw(port: int, head: bytes, body: bytes) -> str:
    """Send a request as raw bytes; the status, or how the server cut the connection."""
    with socket.create_connection((HOST, port), timeout=120) as sock:
        try:
            sock.sendall(head + body)
        except OSError:
            pass  # refused mid-upload: the answer may still be readable
        try:
            first = sock.recv(64)
        except ConnectionResetError:
            return "reset"
    return first.split(b" ", 2)[1].decode() if first else "closed"


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def _summary(latencies: list[float], failures: list[Any], wall: float) -> dict[str, Any]:
    latencies = sorted(latencies)
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "failure_examples": failures[:3],
        "seconds": round(wall, 2),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "max_ms": round(latencies[-1] * 1000, 1),
    }


def _normal_load(server: Server, seconds: float) -> dict[str, Any]:
    """CONCURRENCY threads send the 5 kB article to /v1/extract for ``seconds``."""
    latencies: list[float] = []
    failures: list[Any] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            try:
                status, _ = _request(server.port, "POST", "/v1/extract", server.body)
            except OSError as exc:
                status = repr(exc)  # type: ignore[assignment]
            elapsed = time.perf_counter() - start
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    failures.append(status)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return _summary(latencies, failures, time.perf_counter() - began)


def _wrk(server: Server) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        script, body = os.path.join(tmp, "post.lua"), os.path.join(tmp, "body.json")
        with open(script, "w") as f:
            f.write(WRK_SCRIPT)
        with open(body, "wb") as f:
            f.write(server.body)
        cmd = ["wrk", "-t", str(min(2, CONCURRENCY)), "-c", str(CONCURRENCY), "-d",
               f"{SECONDS:g}s", "--timeout", "30s", "-s", script,
               f"http://{HOST}:{server.port}/v1/extract"]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=SECONDS + 60,
                             env={**os.environ, "NUMCLAIMS_BENCH_BODY": body}, check=True).stdout
    found = re.search(r"^WRK_RESULT (.*)$", out, re.MULTILINE)
    assert found, out[-2000:]
    raw = json.loads(found.group(1))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors",
                                  "status_errors", "timeouts"))
    return {
        "generator": "wrk " + " ".join(cmd[1:9]),
        "requests": raw["requests"],
        "failures": errors,
        "error_detail": {k: raw[k] for k in raw if k.endswith(("errors", "timeouts"))},
        "seconds": round(seconds, 2),
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p90_ms": round(raw["p90_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "mean_ms": round(raw["mean_us"] / 1000, 1),
        "max_ms": round(raw["max_us"] / 1000, 1),
    }


def _context(server: Server) -> dict[str, Any]:
    return {
        "workers": WORKERS,
        "concurrency": CONCURRENCY,
        "article_bytes": len(json.loads(server.body)["text"].encode()),
        "cores": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }


def test_extract_single_request_latency(benchmark: Any, server: Server) -> None:
    """One request at a time: the latency floor of /v1/extract for a 5 kB article."""
    for _ in range(5):  # warm every worker's caches
        _request(server.port, "POST", "/v1/extract", server.body)
    status, payload = benchmark.pedantic(
        _request, args=(server.port, "POST", "/v1/extract", server.body), rounds=50,
        iterations=1,
    )
    assert status == 200 and json.loads(payload)["mentions"]


def test_extract_sustained_throughput(benchmark: Any, server: Server) -> None:
    """CONCURRENCY clients for SECONDS: requests per second and p50/p99, with zero errors."""
    context = _context(server)
    if shutil.which("wrk"):
        result = benchmark.pedantic(_wrk, args=(server,), rounds=1, iterations=1)
    else:
        result = benchmark.pedantic(_normal_load, args=(server, SECONDS), rounds=1, iterations=1)
        result["generator"] = f"python threads x{CONCURRENCY}"
    result.update(context)
    benchmark.extra_info.update(result)
    print("\n/v1/extract sustained:", json.dumps(result))
    assert result["failures"] == 0 and result["requests"] > 0, result


@dataclass(frozen=True)
class Hostile:
    """A request meant to hog a worker, and the answers that show it did not."""

    name: str
    send: Callable[[int], str]  # port -> status (or "reset")
    expected: frozenset[str]


def _hostile_requests() -> list[Hostile]:
    over = b"x" * (MAX_BODY + 1)
    head_over = (b"POST /v1/extract HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                 b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(over))
    # 1 MB of valid JSON whose text is ten times MAX_TEXT_CHARS: read and parsed, then refused
    text = "1 " * ((MAX_BODY - 100) // 2)
    long_text = json.dumps({"text": text}).encode()
    assert len(long_text) <= MAX_BODY
    digits = json.dumps({"text": "1 " * 50_000}).encode()
    dense = json.dumps({"documents": [{"id": "dense", "text": _dense_article(60_000)}]}).encode()

    def post(path: str, body: bytes) -> Callable[[int], str]:
        return lambda port: str(_request(port, "POST", path, body)[0])

    return [
        # refused from the declared length; the upload may be cut, hence "reset"
        Hostile("body_over_1MB", lambda port: _raw(port, head_over, over),
                frozenset({"413", "reset"})),
        Hostile("text_over_limit_1MB_json", post("/v1/extract", long_text), frozenset({"413"})),
        Hostile("extract_100k_chars_of_digits", post("/v1/extract", digits),
                frozenset({"200", "503"})),
        Hostile("check_dense_60k_article", post("/v1/check", dense), frozenset({"200", "503"})),
    ]


def _attack(server: Server, stop: threading.Event) -> dict[str, Any]:
    """ATTACKERS threads cycle through the hostile requests until ``stop``."""
    kinds = _hostile_requests()
    seen: dict[str, dict[str, Any]] = {k.name: {"statuses": {}, "durations": []} for k in kinds}
    lock = threading.Lock()

    def attacker(offset: int) -> None:
        i = offset
        while not stop.is_set():
            kind = kinds[i % len(kinds)]
            i += 1
            start = time.perf_counter()
            try:
                status = kind.send(server.port)
            except OSError as exc:
                status = type(exc).__name__
            with lock:
                entry = seen[kind.name]
                entry["statuses"][status] = entry["statuses"].get(status, 0) + 1
                entry["durations"].append(time.perf_counter() - start)

    threads = [threading.Thread(target=attacker, args=(n,)) for n in range(ATTACKERS)]
    for t in threads:
        t.start()
    stop.wait()
    for t in threads:
        t.join(timeout=BUDGET + 120)
    out = {}
    for kind in kinds:
        entry = seen[kind.name]
        durations = entry["durations"] or [0.0]
        out[kind.name] = {
            "sent": len(entry["durations"]),
            "statuses": entry["statuses"],
            "expected": sorted(kind.expected),
            "max_s": round(max(durations), 2),
            "median_s": round(statistics.median(durations), 2),
        }
    return out


def _stall(server: Server) -> dict[str, Any]:
    for _ in range(5):
        _request(server.port, "POST", "/v1/extract", server.body)
    alone = _normal_load(server, SECONDS)
    stop = threading.Event()
    result: dict[str, Any] = {}
    attack = threading.Thread(target=lambda: result.update(hostile=_attack(server, stop)))
    attack.start()
    time.sleep(1.0)  # let the first hostile requests occupy a worker before measuring
    during = _normal_load(server, SECONDS)
    stop.set()
    attack.join(timeout=BUDGET + 180)
    return {"normal_alone": alone, "normal_during_attack": during, **result}


def test_hostile_requests_do_not_stall_the_others(benchmark: Any, server: Server) -> None:
    """Normal /v1/extract traffic alone, then beside ATTACKERS hostile clients: the normal
    requests all succeed, and every hostile one is refused or cut by the time budget."""
    context = _context(server)
    result = benchmark.pedantic(_stall, args=(server,), rounds=1, iterations=1)
    result.update(context, attackers=ATTACKERS, request_time_budget_s=BUDGET)
    benchmark.extra_info.update(result)
    print("\nstall:", json.dumps(result))
    assert result["normal_alone"]["failures"] == 0, result["normal_alone"]
    assert result["normal_during_attack"]["failures"] == 0, result["normal_during_attack"]
    # with a long budget one hostile request can outlast the phase: not every kind gets a turn
    assert sum(entry["sent"] for entry in result["hostile"].values()) > 0
    for name, entry in result["hostile"].items():
        assert set(entry["statuses"]) <= set(entry["expected"]), (name, entry)
