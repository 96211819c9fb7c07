"""API fixtures: a fresh app per test on a real SQLite file in tmp_path."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.app import create_app


@pytest.fixture
def app_config(tmp_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"DATA_DIR": str(tmp_path / "data"), "ACCESS_LOG": False, "WARM_UP": False}


@pytest.fixture
def app(app_config: dict[str, Any]) -> Flask:
    app = create_app(app_config, env={})
    yield app
    app.extensions["numclaims_store"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _assert_error(response: Any, status: int, code: str | None = None,
                 field: str | None = None) -> dict[str, Any]:
    """The response is the JSON error shape with this status (and code/field if given)."""
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "application/json", response.data[:200]
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"code", "message", "field"} and {"code", "message"} <= set(error)
    assert isinstance(error["message"], str) and error["message"]
    assert "Traceback" not in error["message"]
    if code is not None:
        assert error["code"] == code, error
    if field is not None:
        assert error.get("field") == field, error
    return error


@pytest.fixture
def assert_error() -> Any:
    """``assert_error(response, status, code=None, field=None)``: checks the JSON error shape."""
    return _assert_error


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _server(args: list[str], data_dir: str, env: dict[str, str] | None = None) -> Iterator[Any]:
    port = free_port()
    log_path = os.path.join(os.path.dirname(data_dir), f"server-{port}.log")
    log = open(log_path, "w+b")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "numclaims.cli", "serve", "--port", str(port), "--host",
         "127.0.0.1", "--data-dir", data_dir, *args],
        stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                log.seek(0)
                pytest.fail(f"server exited {proc.returncode}: {log.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not come up within 30 s")
            time.sleep(0.1)
        proc.base = base  # type: ignore[attr-defined]
        proc.port = port  # type: ignore[attr-defined]
        proc.log = log  # type: ignore[attr-defined]
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()



@pytest.fixture
def live_server() -> Any:
    """``live_server(args, data_dir, env=None)``: a context manager running ``numclaims serve
    ARGS`` on a free 127.0.0.1 port; yields the process with ``.base``, ``.port`` and ``.log``."""
    return _server


def http_call(port: int, method: str, path: str, body: Any = None,
              timeout: float = 30) -> tuple[int, bytes, float]:
    """One request to 127.0.0.1:``port`` on a fresh connection (``body`` sent as JSON):
    ``(status, response body, seconds taken)``."""
    import http.client
    import json

    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=payload,
                     headers={"Content-Type": "application/json"} if payload else {})
        response = conn.getresponse()
        data = response.read()
        return response.status, data, time.monotonic() - started
    finally:
        conn.close()
