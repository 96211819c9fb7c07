"""Security: ids and paths, limits and their order, error bodies, headers, escaping.

Most tests use the app on a real SQLite file; the ones about paths, the body limit, a 500
and protocol errors run ``numclaims serve --production`` (gunicorn) and speak raw HTTP to it,
because a test client normalises paths and never sends a body it was not given.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import _server as live_server_process

DOC = {"id": "reuters", "text": "Exports rose 5% to $1.2 billion.", "published": "2019-04-25"}

#: Path segments a client might use to escape the data dir or confuse an id check, as they
#: appear in a URL. Encoded slashes and empty segments fail routing (404); the rest must fail
#: id validation (422). None may ever reach the store or the file system.
HOSTILE_SEGMENTS = [
    "..", ".", "...", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "%2E%2E", "%252E%252E",
    "..%5C..%5Cwindows", "C:%5Cwindows", "~root", "a%00b", "%00", "a%0A", "a%0D%0Ab", "a%09b",
    "a%20b", "x" * 129, "x" * 5000,
    "%C0%AE%C0%AE", "%EF%BC%8E%EF%BC%8E",  # overlong UTF-8 dots, fullwidth dots
    "%E2%80%AEtxt.exe", "%D0%B0dmin", "a%CC%81", "%E2%80%8B", "%F0%9F%92%A9",  # RLO, Cyrillic, ...
    "-rf", "_x", "a:b", "a;b", "a%7Cb", "%24HOME", "%7B%7B7*7%7D%7D",
]

#: The same ideas as JSON string values (a document id in a body).
HOSTILE_IDS = [
    "..", ".", "../x", "/etc/passwd", "..\\..\\windows", "C:\\windows", "a\x00b", "a\n", "\na",
    "a\r\nb", "x" * 129, "", " ", "a b", "\u202etxt.exe", "\uff0e\uff0e", "\u0430dmin", "a\u0301",
    "\u200b", "\U0001f4a9", "-rf", "~root", "a/b", "a%2Fb",
]


def routes_for(segment: str) -> list[tuple[str, str, str]]:
    """(method, path, field at fault) for every route that takes an id."""
    return [
        ("POST", f"/v1/stories/{segment}/documents", "story"),
        ("GET", f"/v1/stories/{segment}", "story"),
        ("DELETE", f"/v1/stories/{segment}", "story"),
        ("GET", f"/v1/stories/{segment}/documents/ok", "story"),
        ("GET", f"/v1/stories/ok/documents/{segment}", "doc_id"),
        ("DELETE", f"/v1/stories/ok/documents/{segment}", "doc_id"),
    ]


def stored_rows(app: Any) -> list[tuple[str, str]]:
    path = app.extensions["numclaims_store"].path
    if not os.path.exists(path):
        return []
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT story, doc_id FROM documents").fetchall()


# -- ids ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app for the many id cases, holding one document ("ok", "ok") they must not touch."""
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path_factory.mktemp("ids")), "ACCESS_LOG": False,
                      "WARM_UP": False}, env={})
    assert app.test_client().post("/v1/stories/ok/documents",
                                  json={**DOC, "id": "ok"}).status_code == 201
    yield app
    app.extensions["numclaims_store"].close()


@pytest.mark.parametrize("segment", HOSTILE_SEGMENTS, ids=lambda s: s[:24])
def test_hostile_ids_in_urls_are_refused(shared_app: Any, assert_error: Any, segment: str) -> None:
    app, client = shared_app, shared_app.test_client()
    for method, path, field in routes_for(segment):
        response = client.open(path, method=method, json=DOC if method == "POST" else None)
        assert response.status_code in (404, 422), (method, path, response.status_code)
        error = assert_error(response, response.status_code)
        if response.status_code == 422:
            assert error["code"] == "invalid_id" and error["field"] == field, error
    assert stored_rows(app) == [("ok", "ok")]  # nothing written, nothing deleted


@pytest.mark.parametrize("value", HOSTILE_IDS, ids=lambda s: repr(s)[:24])
def test_hostile_ids_in_bodies_are_refused(shared_app: Any, assert_error: Any, value: str) -> None:
    client = shared_app.test_client()
    response = client.post("/v1/stories/ok/documents", json={**DOC, "id": value})
    assert_error(response, 422, field="id")
    response = client.post("/v1/check", json={"documents": [{**DOC, "id": value}]})
    assert_error(response, 422, field="documents[0].id")
    assert stored_rows(shared_app) == [("ok", "ok")]


# -- no reads or writes outside the data dir --------------------------------------------


def _raw(port: int, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` as it is (no normalisation); the status and the whole response."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    return int(response.split(b" ", 2)[1]), response


def _get(path: bytes, method: bytes = b"GET", body: bytes = b"") -> bytes:
    headers = b"Host: localhost\r\nConnection: close\r\n"
    if body:
        headers += b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
    return method + b" " + path + b" HTTP/1.1\r\n" + headers + b"\r\n" + body


def _snapshot(root: Path, skip: set[Path]) -> dict[str, tuple[int, str]]:
    """Every file under ``root`` (outside ``skip``) with its size and content hash."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) not in skip]
        for name in filenames:
            path = Path(dirpath, name)
            if path.name.startswith("server-") and path.suffix == ".log":
                continue  # the server's own log, beside the data dir
            data = path.read_bytes()
            out[str(path.relative_to(root))] = (len(data), hashlib.sha256(data).hexdigest())
    return out


@dataclass
class CanaryServer:
    """gunicorn on a data dir with canary files around it (and a fake HOME)."""

    proc: Any
    root: Path
    data: Path
    home: Path
    canary: str
    before: dict[str, tuple[int, str]]


@pytest.fixture(scope="module")
def canary_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CanaryServer]:
    canary = f"CANARY-{uuid.uuid4().hex}"
    root = tmp_path_factory.mktemp("security") / "root"
    data = root / "srv" / "data"
    data.mkdir(parents=True)
    for path in (root / "secret.txt", root / "srv" / "secret.txt",
                 root / "srv" / "numclaims.sqlite3"):
        path.write_text(canary)
    home = root / "home"
    home.mkdir()
    before = _snapshot(root, {data})
    with live_server_process(["--production", "--workers", "2"], str(data),
                             env={"HOME": str(home), "XDG_DATA_HOME": str(home)}) as proc:
        yield CanaryServer(proc, root, data, home, canary, before)


TRAVERSALS = [
    b"/static/../secret.txt", b"/static/..%2f..%2fsecret.txt", b"/static/%2e%2e/%2e%2e/secret.txt",
    b"/static/..%5c..%5csecret.txt", b"/static//etc/passwd", b"/static/%2fetc%2fpasswd",
    b"/docs/assets/../../../../../../etc/passwd",
    b"/docs/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd", b"/docs/assets/%2fetc%2fpasswd",
    b"/docs/assets/....//....//etc/passwd", b"/v1/stories/..%2f..%2fsecret.txt",
    b"/v1/stories/../../secret.txt", b"/v1/stories/%2e%2e/documents/secret.txt",
    b"/v1/stories/ok/documents/..%2f..%2fsecret.txt",
    b"/v1/stories/ok/documents/..%2fnumclaims.sqlite3", b"/../../secret.txt",
]


def test_no_request_reaches_files_outside_the_data_dir(canary_server: CanaryServer) -> None:
    """Traversal through every route that takes a path or an id, sent raw to gunicorn: no
    canary is ever served, no file outside the data dir changes, and the data dir holds the
    SQLite store and nothing else."""
    srv = canary_server
    port, canary = srv.proc.port, srv.canary.encode()
    absolute = b"/v1/stories/" + str(srv.root / "secret.txt").replace("/", "%2F").encode()
    body = json.dumps(DOC).encode()
    assert _raw(port, _get(b"/v1/stories/ok/documents", b"POST", body))[0] == 201
    for path in [*TRAVERSALS, absolute]:
        for method in (b"GET", b"DELETE", b"POST"):
            status, response = _raw(port, _get(path, method, body if method == b"POST" else b""))
            assert status in (308, 404, 405, 422), (method, path, response[:300])
            assert canary not in response and b"root:x:0:0" not in response
            if status == 308:  # Werkzeug merges "//" and redirects, on this server only
                assert b"\r\nLocation: http://localhost/" in response, response[:300]
            else:
                assert b"Content-Type: application/json" in response, response[:300]
    for segment in HOSTILE_SEGMENTS:
        status, response = _raw(port, _get(b"/v1/stories/" + segment.encode() + b"/documents",
                                           b"POST", body))
        # 414: gunicorn refuses a request line over 4094 bytes before the app sees it
        assert status in (404, 414, 422) and canary not in response, (segment, response[:300])
    assert _raw(port, _get(b"/v1/stories/ok/documents/reuters"))[0] == 200

    assert _snapshot(srv.root, {srv.data}) == srv.before  # nothing outside the data dir changed
    assert not list(srv.home.iterdir())
    assert {p.name for p in srv.data.iterdir()} <= {
        "numclaims.sqlite3", "numclaims.sqlite3-wal", "numclaims.sqlite3-shm"}
    with sqlite3.connect(srv.data / "numclaims.sqlite3") as conn:
        assert conn.execute("SELECT story, doc_id FROM documents").fetchall() == [("ok", "reuters")]


# -- limits and their order --------------------------------------------------------------


def test_an_oversized_body_is_refused_before_it_is_read(canary_server: CanaryServer) -> None:
    """The headers announce 50 MB; only 1 kB follows and the client then waits. The server
    answers 413 from the declared length alone: had it read (let alone parsed) the body, it
    would wait for the rest and the socket would time out."""
    port = canary_server.proc.port
    head = (b"POST /v1/stories/s/documents HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n")
    status, response = _raw_partial(port, head + b'{"id": "a", "text": "' + b"x" * 1000)
    assert status == 413, response[:300]
    headers, _, body = response.partition(b"\r\n\r\n")
    assert b"Connection: close" in headers
    assert json.loads(body)["error"]["code"] == "body_too_large"
    # the same for a body that is not even JSON: the size is judged first
    status, response = _raw_partial(port, head + b"\xff\xfe not json at all")
    assert status == 413 and b"body_too_large" in response


def _raw_partial(port: int, request: bytes) -> tuple[int, bytes]:
    """Send the start of a request and read the answer without sending the rest."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except ConnectionResetError:
            pass  # the server closed with our unread bytes still queued: the answer is in
    response = b"".join(chunks)
    return int(response.split(b" ", 2)[1]), response


# the 1 ms interrupt can land in hypothesis's gc callback, which CPython reports as unraisable
# and pytest turns into an error; the with statement still ends the request in a 503
@pytest.mark.filterwarnings(
    "ignore:Exception ignored in.*gc_callback:pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("path", ["/v1/extract", "/v1/check", "/v1/stories/s/documents"])
def test_the_text_limit_is_checked_before_any_extraction(tmp_path: Path, assert_error: Any,
                                                         path: str) -> None:
    """With a time budget too small for any extraction, a text one character over the limit
    is a 413, not a 503: the length was judged before extraction began. At the limit the
    same text does reach extraction (and runs out of budget)."""
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": True,
                      "MAX_TEXT_CHARS": 1000, "REQUEST_TIME_BUDGET": 0.001}, env={})
    client = app.test_client()

    def body(text: str) -> dict[str, Any]:
        if path == "/v1/check":
            return {"documents": [{"id": "a", "text": text}]}
        return {"id": "a", "text": text} if "stories" in path else {"text": text}

    over = client.post(path, json=body("1 " * 500 + "1"))
    assert_error(over, 413, "text_too_long")
    at_limit = client.post(path, json=body("1 " * 500))
    assert_error(at_limit, 503, "time_budget_exceeded")
    assert stored_rows(app) == []


# -- error bodies ------------------------------------------------------------------------

TRACE_MARKERS = ("Traceback", 'File "', ".py\"", "sqlite3.", "psycopg", "OperationalError",
                 "no such table")


def test_a_500_from_a_broken_store_shows_no_internals(tmp_path: Path, live_server: Any) -> None:
    """The store's table is dropped behind the server's back (a real SQLite failure that is
    not one of the known store conditions): a JSON 500 naming the request id, nothing more;
    the traceback is in the server log."""
    data = tmp_path / "data"
    with live_server(["--production", "--workers", "1"], str(data)) as proc:
        assert _raw(proc.port, _get(b"/v1/stories/s/documents", b"POST",
                                    json.dumps(DOC).encode()))[0] == 201
        with sqlite3.connect(data / "numclaims.sqlite3") as conn:
            conn.execute("DROP TABLE documents")
        for method, path, body in ((b"GET", b"/v1/stories/s", b""),
                                   (b"POST", b"/v1/stories/s/documents", json.dumps(DOC).encode()),
                                   (b"DELETE", b"/v1/stories/s", b"")):
            request = _get(path, method, body).replace(
                b"Connection: close\r\n", b"Connection: close\r\nX-Request-ID: boom-42\r\n")
            status, response = _raw(proc.port, request)
            assert status == 500, response[:300]
            headers, _, payload = response.partition(b"\r\n\r\n")
            error = json.loads(payload)["error"]
            assert error["code"] == "internal_error" and "boom-42" in error["message"]
            text = payload.decode()
            assert not [m for m in TRACE_MARKERS if m in text] and str(data) not in text
            assert b"X-Content-Type-Options: nosniff" in headers
        proc.log.flush()
        log = Path(proc.log.name).read_text("utf-8", "replace")
    assert "boom-42" in log and "Traceback" in log and "no such table" in log


def test_store_errors_name_no_server_paths(tmp_path: Path, assert_error: Any) -> None:
    from api.app import create_app

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    app = create_app({"DATA_DIR": str(blocker / "data"), "ACCESS_LOG": False, "WARM_UP": False},
                     env={})
    for response in (app.test_client().get("/healthz"),
                     app.test_client().post("/v1/stories/s/documents", json=DOC)):
        error = assert_error(response, 503, "store_unavailable")
        assert str(tmp_path) not in error["message"] and "not-a-dir" not in error["message"]


@pytest.mark.parametrize(
    "method,path,kwargs",
    [
        ("POST", "/v1/extract", {"data": b"{", "content_type": "application/json"}),
        ("POST", "/v1/extract", {"data": b"[" * 50_000, "content_type": "application/json"}),
        ("POST", "/v1/extract", {"json": {"text": "a", "published": "2019-02-30"}}),
        ("POST", "/v1/extract", {"json": {"text": 1e308}}),
        ("POST", "/v1/check", {"json": {"documents": [{"id": "a", "text": "x", "z": 1}]}}),
        ("POST", "/v1/check", {"json": {"documents": [{"id": "a", "text": "x"}],
                                        "tolerance": -1}}),
        ("POST", "/v1/stories/s/documents", {"data": "\ud800".encode("utf-8", "surrogatepass"),
                                             "content_type": "application/json"}),
        ("GET", "/v1/stories/s/documents/a?version=99999999999999999999", {}),
        ("GET", "/v1/stories/s?base_currency=%00", {}),
        ("GET", "/docs/assets/%00", {}),
        ("GET", "/static/%00", {}),
        ("PUT", "/", {}),
    ],
    ids=lambda v: str(v)[:30],
)
def test_error_bodies_carry_no_internals(client: Any, assert_error: Any, method: str, path: str,
                                         kwargs: dict[str, Any]) -> None:
    response = client.open(path, method=method, **kwargs)
    assert 400 <= response.status_code < 500, response.data[:300]
    assert_error(response, response.status_code)
    text = response.get_data(as_text=True)
    assert not [m for m in TRACE_MARKERS if m in text], text


def test_protocol_errors_from_gunicorn_show_no_internals(canary_server: CanaryServer) -> None:
    """Requests gunicorn refuses before the app sees them get the JSON error shape from our
    worker class, no traceback, and the workers serve on."""
    port = canary_server.proc.port
    for request in (
        b"GET /v1/stories/" + b"x" * 10_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /v1/stories/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 20_000 + b"\r\n\r\n",
        b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",
        (b"POST /v1/extract HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),  # the request-smuggling shape
    ):
        status, response = _raw(port, request)
        assert 400 <= status < 500, response[:300]
        assert b"Traceback" not in response and b'File "' not in response
        head, _, body = response.partition(b"\r\n\r\n")
        assert b"Content-Type: application/json" in head, response[:300]
        error = json.loads(body)["error"]
        assert error["code"] and error["message"], error
    assert _raw(port, _get(b"/healthz"))[0] == 200


# -- headers -----------------------------------------------------------------------------


def _script_sources(policy: str) -> list[str]:
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    return directives.get("script-src", directives.get("default-src", "")).split()


def test_html_pages_have_a_content_security_policy(client: Any) -> None:
    for path, headers in (("/", {}), ("/docs", {}),
                          ("/v1/check", {"Accept": "text/html"})):
        if path == "/v1/check":
            response = client.post(path, json={"documents": [DOC]}, headers=headers)
        else:
            response = client.get(path)
        assert response.status_code == 200 and response.mimetype == "text/html", path
        policy = response.headers["Content-Security-Policy"]
        assert _script_sources(policy) == ["'self'"], policy  # no inline or eval'd script
        assert "object-src 'none'" in policy and "base-uri 'none'" in policy
        assert "frame-ancestors 'self'" in policy
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"


def test_json_responses_and_errors_carry_the_headers(app: Any, client: Any) -> None:
    app.add_url_rule("/boom", "boom", lambda: 1 / 0)
    responses = [
        client.get("/healthz"),
        client.post("/v1/extract", json={"text": "5%"}),
        client.get("/nope"),
        client.post("/v1/extract", data=b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1),
                    content_type="application/json"),  # refused in before_request
        client.get("/boom"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 404, 413, 500]
    for response in responses:
        assert response.mimetype == "application/json"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        policy = response.headers["Content-Security-Policy"]
        assert policy == "default-src 'none'; frame-ancestors 'none'", policy


# -- escaping, in a real browser ---------------------------------------------------------

BROWSER = next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)),
               None)
PAYLOADS = ("<script>document.title='pwned'</script>",
            "<img src=x onerror=\"document.title='pwned'\">",
            "</textarea><svg onload=\"document.title='pwned'\">")


@pytest.mark.skipif(BROWSER is None, reason="no headless browser (apt-get install chromium)")
def test_a_stored_story_with_script_payloads_renders_inert(tmp_path: Path,
                                                           live_server: Any) -> None:
    """Documents stored through the API with markup in their text, then opened as the story's
    HTML page by Chromium: the markup shows as text and nothing runs."""
    with live_server([], str(tmp_path / "data"), env={"NUMCLAIMS_WARM_UP": "0"}) as proc:
        for i, payload in enumerate(PAYLOADS):
            text = f"Exports rose {5 + i}% to $1.{i} billion. {payload} Officials said."
            body = json.dumps({"id": f"d{i}", "text": text, "published": "2019-04-25"}).encode()
            assert _raw(proc.port, _get(b"/v1/stories/s/documents", b"POST", body))[0] == 201
        args = [BROWSER, "--headless", "--disable-gpu", "--no-first-run", "--disable-extensions",
                f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
                "--dump-dom", proc.base + "/v1/stories/s"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium's sandbox refuses to run as root
        dom = subprocess.run(args, capture_output=True, timeout=90, check=True).stdout.decode()
    assert "<title>pwned</title>" not in dom
    assert "<title>numclaims check: 3 documents</title>" in dom
    for payload in PAYLOADS:
        escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in dom, payload
    assert "<script" not in dom and "<img" not in dom and "<svg" not in dom
