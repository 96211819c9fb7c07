"""The service as a real process on a loopback port, spoken to over HTTP with urllib.

One test runs ``numclaims serve`` (the development server), one ``numclaims serve
--production`` (gunicorn with two workers). Every request goes to 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

ARTICLE = "Exports rose 5% to $1.2 billion in 2018, officials said on Thursday, April 25, 2019."


def call(base: str, method: str, path: str, body: Any = None,
         headers: dict[str, str] | None = None, raw: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    hdrs = {"Content-Type": "application/json"} if data is not None else {}
    hdrs.update(headers or {})
    request = urllib.request.Request(base + path, data=data, method=method, headers=hdrs)
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, dict(e.headers), e.read()


def exercise(base: str) -> None:
    """The same conversation with either server."""
    status, headers, body = call(base, "POST", "/v1/extract", {"text": ARTICLE, "published": "2019-04-25"})
    assert status == 200 and headers["Content-Type"] == "application/json"
    assert "$1.2 billion" in [m["text"] for m in json.loads(body)["mentions"]]

    status, headers, body = call(base, "POST", "/v1/stories/s1/documents",
                                 {"id": "a", "text": ARTICLE, "published": "2019-04-25"})
    assert status == 201, body
    status, _, body = call(base, "POST", "/v1/stories/s1/documents",
                           {"id": "b", "text": ARTICLE.replace("1.2", "1.9")})
    assert status == 201 and json.loads(body)["checks"]["groups"]
    status, _, body = call(base, "GET", "/v1/stories/s1")
    assert status == 200 and len(json.loads(body)["documents"]) == 2

    for method, path, payload, raw, expected in (
        ("GET", "/nope", None, None, 404),
        ("GET", "/v1/extract", None, None, 405),
        ("POST", "/v1/extract", None, b"{not json", 400),
        ("POST", "/v1/extract", None, b'{"text": "caf\xe9"}', 400),
        ("POST", "/v1/extract", {"text": "x", "base_currency": "QQQ"}, None, 422),
        ("POST", "/v1/extract", None, b"x" * (1024 * 1024 + 1), 413),
    ):
        status, headers, body = call(base, method, path, payload, raw=raw)
        assert status == expected, (path, body[:200])
        assert headers["Content-Type"] == "application/json"
        assert set(json.loads(body)["error"]) >= {"code", "message"}
    status, headers, body = call(base, "POST", "/v1/extract", raw=b'{"text": "x"}',
                                 headers={"Content-Type": "text/plain"})
    assert status == 415 and json.loads(body)["error"]["code"] == "unsupported_media_type"

    status, headers, body = call(base, "GET", "/openapi.json")
    assert status == 200 and json.loads(body)["openapi"] == "3.1.0"
    for path in ("/", "/docs", "/docs/assets/swagger-ui-bundle.js", "/static/page.js"):
        assert call(base, "GET", path)[0] == 200, path


def access_lines(proc: Any) -> list[dict[str, Any]]:
    proc.log.flush()
    proc.log.seek(0)
    lines = []
    for line in proc.log.read().decode("utf-8", "replace").splitlines():
        if line.startswith("{"):
            entry = json.loads(line)
            if entry.get("logger") == "numclaims.access":
                lines.append(entry)
    return lines


def test_development_server(tmp_path: Any, live_server: Any) -> None:
    with live_server([], str(tmp_path / "data"), env={"NUMCLAIMS_WARM_UP": "0"}) as proc:
        exercise(proc.base)
        entries = access_lines(proc)
    assert any(e["path"] == "/v1/extract" and e["status"] == 200 for e in entries)
    assert any(e["status"] == 404 for e in entries)
    assert (tmp_path / "data" / "numclaims.sqlite3").exists()


def _post_chunked(port: int, path: str, chunks: list[bytes]) -> tuple[int, bytes]:
    """POST ``chunks`` with chunked transfer encoding; the status and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
                "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
        try:
            sock.sendall(head)
            for chunk in chunks:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server has answered already and closed its side
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.read()


def test_gunicorn_production_server(tmp_path: Any, live_server: Any) -> None:
    data = str(tmp_path / "data")
    with live_server(["--production", "--workers", "2"], data) as proc:
        exercise(proc.base)

        # a chunked body (no Content-Length) over the limit is still a JSON 413. The server may
        # answer and close before the client has sent it all (a broken pipe on a loaded machine),
        # so the body is written on a raw socket and the answer read whatever the send did.
        status, body = _post_chunked(proc.port, "/v1/extract", [b"x" * 65536] * 20)
        assert status == 413 and json.loads(body)["error"]["code"] == "body_too_large"

        # the same new document posted concurrently to both workers: one version, no errors
        def post(i: int) -> int:
            return call(proc.base, "POST", "/v1/stories/race/documents",
                        {"id": "same", "text": ARTICLE})[0]

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(post, range(16)))
        assert statuses.count(201) == 1 and statuses.count(200) == 15, statuses
        status, _, body = call(proc.base, "GET", "/v1/stories/race/documents/same")
        assert json.loads(body)["versions"] == [1]
        assert any(e["path"] == "/v1/stories/race/documents" for e in access_lines(proc))

    # a restart keeps everything that was acknowledged
    with live_server(["--production", "--workers", "1"], data) as proc:
        status, _, body = call(proc.base, "GET", "/v1/stories/s1")
        assert status == 200 and [d["id"] for d in json.loads(body)["documents"]] == ["a", "b"]
