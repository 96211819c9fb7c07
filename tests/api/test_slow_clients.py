"""Slow clients against the real production server (issue 15): gunicorn's gthread workers with
header and body read deadlines.

With sync workers, a few sockets trickling a header line every second held every worker, and
the server answered no one. Now a trickler holds one thread for at most HEADER_TIMEOUT and is
cut off with a JSON 408, while everyone else is served.
"""

from __future__ import annotations

import json
import select
import socket
import statistics
import threading
import time
from typing import Any

import pytest

from tests.api.conftest import http_call

HEADER_TIMEOUT = 2.0
BODY_TIMEOUT = 2.0
TRICKLERS = 4  # at least as many as the sync workers the old setup had
TRICKLE_FOR = 15.0  # seconds the tricklers keep reconnecting and trickling
PROMPT = 5.0  # a normal request slower than this means the server stalled

SERVER_ENV = {"NUMCLAIMS_HEADER_TIMEOUT": str(HEADER_TIMEOUT),
              "NUMCLAIMS_BODY_TIMEOUT": str(BODY_TIMEOUT)}


@pytest.fixture
def production(live_server: Any, tmp_path: Any) -> Any:
    with live_server(["--production", "--workers", "2"], str(tmp_path / "data"),
                     env=SERVER_ENV) as server:
        yield server


def _trickle_once(port: int, name: str) -> dict[str, Any]:
    """Send a request's header lines one a second, never the blank line that ends them, until
    the server answers or closes. Returns what happened and when."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    lines = [b"GET /healthz HTTP/1.1\r\n", b"Host: localhost\r\n"]
    lines += [f"X-Slow-{name}-{i}: y\r\n".encode() for i in range(60)]
    received = b""
    started = time.monotonic()
    try:
        for line in lines:
            sock.sendall(line)
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                while chunk := sock.recv(65536):
                    received += chunk
                break
        else:
            return {"cut_off": False, "after": time.monotonic() - started, "response": received}
    except (ConnectionResetError, BrokenPipeError):
        pass  # cut off before or while the answer arrived
    finally:
        sock.close()
    return {"cut_off": True, "after": time.monotonic() - started, "response": received}


def test_tricklers_are_cut_off_while_everyone_else_is_served(production: Any) -> None:
    port = production.port
    stop = threading.Event()
    attempts: list[dict[str, Any]] = []

    def trickler(n: int) -> None:
        while not stop.is_set():
            attempts.append(_trickle_once(port, str(n)))

    threads = [threading.Thread(target=trickler, args=(n,), daemon=True) for n in range(TRICKLERS)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # every trickler has started its headers
    health: list[float] = []
    extracts: list[float] = []
    try:
        deadline = time.monotonic() + TRICKLE_FOR
        while time.monotonic() < deadline:
            status, _, took = http_call(port, "GET", "/healthz")
            assert status == 200
            health.append(took)
            status, _, took = http_call(port, "POST", "/v1/extract",
                                        {"text": "Exports rose 5% to $1.2 billion on April 25."})
            assert status == 200
            extracts.append(took)
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
    assert not any(thread.is_alive() for thread in threads)

    print(f"\n/healthz beside {TRICKLERS} trickling clients: {len(health)} requests, "
          f"median {statistics.median(health) * 1000:.1f} ms, max {max(health) * 1000:.1f} ms; "
          f"/v1/extract median {statistics.median(extracts) * 1000:.1f} ms, "
          f"max {max(extracts) * 1000:.1f} ms")
    assert len(health) >= 10
    assert max(health) < PROMPT and max(extracts) < PROMPT

    # every trickling connection was cut off, none before the header timeout, and with the
    # JSON 408 (the last attempt of each trickler may have been interrupted by the test's end)
    finished = [a for a in attempts if a["response"]]
    assert len(finished) >= TRICKLERS * 2
    assert all(a["cut_off"] for a in attempts)
    for attempt in finished:
        assert HEADER_TIMEOUT - 0.1 <= attempt["after"] < HEADER_TIMEOUT + PROMPT, attempt
        head, _, body = attempt["response"].partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 408 "), attempt["response"][:300]
        assert b"Content-Type: application/json" in head
        assert json.loads(body)["error"]["code"] == "request_timeout"
    production.log.seek(0)
    log = production.log.read().decode()
    assert "Traceback" not in log
    assert "Cut off a slow client" in log


def _raw(port: int, data: bytes, wait: float = 15.0) -> tuple[bytes, float]:
    """Send ``data`` (then nothing more) and read until the server closes."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=wait)
    started = time.monotonic()
    received = b""
    try:
        sock.sendall(data)
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    finally:
        sock.close()
    return received, time.monotonic() - started


@pytest.mark.parametrize("framing", [
    b"Content-Length: 100\r\n\r\n" + b'{"text": "17',
    b"Transfer-Encoding: chunked\r\n\r\n" + b'5\r\n{"tex\r\n',
], ids=["content-length", "chunked"])
def test_a_body_that_stalls_is_cut_off_with_a_408(production: Any, framing: bytes) -> None:
    head = b"POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    response, took = _raw(production.port, head + framing)
    status_line, _, rest = response.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 408 "), response[:300]
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["error"]["code"] == "request_timeout"
    assert BODY_TIMEOUT - 0.1 <= took < BODY_TIMEOUT + PROMPT
    assert b"Connection: close" in response.partition(b"\r\n\r\n")[0]
    # and the server goes on serving
    assert http_call(production.port, "GET", "/healthz")[0] == 200
    production.log.seek(0)
    assert "Traceback" not in production.log.read().decode()
