"""Requests that got a 500, a traceback or a silent misreading (issue 15), and now get a
clear 4xx: the version query, chunked bodies, dates, currencies, duplicate keys, OPTIONS and
compressed bodies. Each is checked with the test client; the ones a real server handles
itself (chunked framing, OPTIONS, Content-Encoding) against real gunicorn too.
"""

from __future__ import annotations

import gzip
import json
import socket
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from numclaims.errors import InputError
from numclaims.extraction.pipeline import parse_published
from tests.api.conftest import _server as live_server_process

A = {"id": "reuters", "text": "Exports rose 5% to $1.2 billion on Thursday, April 25."}


@pytest.fixture(scope="module")
def production() -> Iterator[Any]:
    with tempfile.TemporaryDirectory() as scratch:
        with live_server_process(["--production", "--workers", "1"], f"{scratch}/data") as server:
            yield server


def _raw(port: int, data: bytes, *, half_close: bool = False) -> bytes:
    """Send ``data`` and read the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
    return received


def _split(response: bytes) -> tuple[int, bytes, Any]:
    head, _, body = response.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head, json.loads(body) if body else None


def _log(server: Any) -> str:
    server.log.seek(0)
    return server.log.read().decode()


# -- ?version= takes ASCII digits only -----------------------------------------------------


@pytest.mark.parametrize("version", ["²", "１", "١", "1" * 5000, "+1", " 1", "1_0"])
def test_version_is_ascii_digits_only(client: Any, assert_error: Any, version: str) -> None:
    assert client.post("/v1/stories/s/documents", json=A).status_code == 201
    response = client.get("/v1/stories/s/documents/reuters", query_string={"version": version})
    assert_error(response, 422, "invalid_value", "version")


def test_an_ascii_version_still_works(client: Any) -> None:
    client.post("/v1/stories/s/documents", json=A)
    response = client.get("/v1/stories/s/documents/reuters?version=1")
    assert response.status_code == 200 and response.get_json()["version"] == 1


# -- chunked bodies ------------------------------------------------------------------------

CHUNKED_HEAD = (b"POST /v1/extract HTTP/1.1\r\nHost: localhost\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")


@pytest.mark.parametrize(("body", "half_close"), [
    (b"zz\r\n{\"text\": \"17km\"}\r\n0\r\n\r\n", False),  # not a hex size
    (b"-5\r\n{\"te\r\n0\r\n\r\n", False),
    (b"5\r\n{\"text\": \"17km\"}\r\n0\r\n\r\n", False),  # more data than the size said
    (b"10\r\n{\"text\": ", True),  # cut short: the client closed its side mid-chunk
    (b"5\r\n{\"tex\r\n", True),  # cut short between chunks
], ids=["bad size", "negative size", "size too small", "cut short in a chunk",
        "cut short after a chunk"])
def test_a_malformed_chunked_body_is_a_json_400(production: Any, body: bytes,
                                                half_close: bool) -> None:
    before = len(_log(production))
    status, head, payload = _split(_raw(production.port, CHUNKED_HEAD + body,
                                        half_close=half_close))
    assert status == 400, payload
    assert b"Content-Type: application/json" in head and b"Connection: close" in head
    assert payload["error"]["code"] == "malformed_body"
    new_log = _log(production)[before:]
    assert "Traceback" not in new_log and "internal_error" not in new_log
    assert _split(_raw(production.port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
                                        b"Connection: close\r\n\r\n"))[0] == 200


def test_a_good_chunked_body_is_still_read(production: Any) -> None:
    data = json.dumps({"text": "17km"}).encode()
    body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
    status, _, payload = _split(_raw(production.port, CHUNKED_HEAD.replace(
        b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n") + body))
    assert status == 200 and payload["mentions"][0]["text"] == "17km"


def test_a_malformed_chunked_body_on_the_development_server(live_server: Any,
                                                            tmp_path: Any) -> None:
    with live_server([], str(tmp_path / "data")) as server:
        status, _, payload = _split(_raw(server.port, CHUNKED_HEAD + b"zz\r\nabc\r\n0\r\n\r\n"))
        assert status == 400 and payload["error"]["code"] == "malformed_body"
        assert "Traceback" not in _log(server)


# -- one date rule -------------------------------------------------------------------------

DATES = ["2019-04-25", "20190425", "2019-W17-4", "2019W174", "2019-04-25T08:00:00Z",
         "25/04/2019", "2019-02-30", "2019-13-01", "April 25, 2019", "", "2019"]


def _library_takes(value: str) -> bool:
    try:
        parse_published(value)
    except InputError:
        return False
    return True


@pytest.mark.parametrize("value", DATES)
def test_the_api_takes_the_dates_the_library_takes(client: Any, value: str) -> None:
    extract = client.post("/v1/extract", json={"text": "on May 3", "published": value})
    check = client.post("/v1/check", json={"documents": [{**A, "published": value}]})
    story = client.post("/v1/stories/s/documents", json={**A, "published": value})
    if _library_takes(value):
        assert (extract.status_code, check.status_code, story.status_code) == (200, 200, 201)
        year = parse_published(value).year  # type: ignore[union-attr]
        assert extract.get_json()["mentions"][0]["value"] == f"{year}-05-03"
    else:
        for response, field in ((extract, "published"), (check, "documents[0].published"),
                                (story, "published")):
            assert response.status_code == 422
            assert response.get_json()["error"] == {**response.get_json()["error"],
                                                    "code": "invalid_date", "field": field}


def test_the_date_rule_is_documented_in_the_spec(client: Any) -> None:
    spec = client.get("/openapi.json").get_json()
    description = spec["components"]["schemas"]["ExtractRequest"]["properties"]["published"]
    assert "20190425" in description["description"] and "2019-W17-4" in description["description"]


# -- currencies ----------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "body", "field"), [
    ("/v1/extract", {"text": "$5", "currency_hint": 5}, "currency_hint"),
    ("/v1/check", {"documents": [{**A, "currency_hint": 5}]}, "documents[0].currency_hint"),
    ("/v1/stories/s/documents", {**A, "currency_hint": 5}, "currency_hint"),
])
def test_a_numeric_currency_hint_is_a_400_naming_it(client: Any, assert_error: Any, path: str,
                                                    body: dict[str, Any], field: str) -> None:
    assert_error(client.post(path, json=body), 400, "invalid_type", field)


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/v1/extract", {"text": "$5", "base_currency": "XXX"}),
    ("POST", "/v1/check", {"documents": [A], "base_currency": "XXX"}),
    ("POST", "/v1/stories/s/documents", {**A, "base_currency": "XXX"}),
    ("GET", "/v1/stories/s?base_currency=XXX", None),
])
def test_a_currency_without_rates_is_refused(client: Any, assert_error: Any, method: str,
                                             path: str, body: Any) -> None:
    client.post("/v1/stories/s/documents", json={**A, "id": "other"})
    response = client.open(path, method=method, json=body)
    assert_error(response, 422, "unknown_currency", "base_currency")
    assert "XXX" in response.get_json()["error"]["message"]


# -- duplicate keys ------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "raw", "key"), [
    ("/v1/extract", b'{"text": "5 km", "text": "6 km"}', "text"),
    ("/v1/extract", b'{"text": "5 km", "published": "2019-04-25", "published": "2019-04-26"}',
     "published"),
    ("/v1/check", b'{"documents": [{"id": "a", "id": "b", "text": "1"}]}', "id"),
    ("/v1/stories/s/documents", b'{"id": "a", "text": "1", "text": "2"}', "text"),
], ids=["extract text", "extract published", "nested id", "story text"])
def test_a_key_twice_in_one_object_is_a_400_naming_it(client: Any, assert_error: Any,
                                                      path: str, raw: bytes, key: str) -> None:
    response = client.post(path, data=raw, content_type="application/json")
    assert_error(response, 400, "duplicate_key", key)


def test_the_same_key_in_different_objects_is_fine(client: Any) -> None:
    response = client.post("/v1/check", json={"documents": [
        {"id": "a", "text": "5 km"}, {"id": "b", "text": "6 km"}]})
    assert response.status_code == 200


# -- OPTIONS -------------------------------------------------------------------------------


def _concrete(rule: str) -> str:
    return (rule.replace("<story>", "s").replace("<doc_id>", "d")
            .replace("<path:filename>", "swagger-ui.css"))


def test_options_is_204_with_allow_on_every_route(app: Flask, client: Any) -> None:
    methods: dict[str, set[str]] = {}  # by path: several rules may share one
    for rule in app.url_map.iter_rules():
        methods.setdefault(rule.rule, set()).update(rule.methods or ())
    assert len(methods) >= 10
    for path, allowed in methods.items():
        response = client.open(_concrete(path), method="OPTIONS")
        assert response.status_code == 204, path
        assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed, path
        assert response.data == b"" and "Content-Type" not in response.headers


def test_options_on_an_unknown_path_is_a_json_404(client: Any, assert_error: Any) -> None:
    assert_error(client.open("/v1/nothing", method="OPTIONS"), 404, "not_found")


def test_options_against_gunicorn(production: Any) -> None:
    response = _raw(production.port, b"OPTIONS /v1/extract HTTP/1.1\r\nHost: x\r\n"
                                     b"Connection: close\r\n\r\n")
    head = response.partition(b"\r\n\r\n")[0]
    assert head.startswith(b"HTTP/1.1 204 ")
    allow = next(line for line in head.split(b"\r\n") if line.lower().startswith(b"allow:"))
    assert {m.strip() for m in allow.split(b":", 1)[1].split(b",")} == {b"POST", b"OPTIONS"}


# -- Content-Encoding ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "GZIP"])
def test_a_compressed_body_is_a_415(client: Any, assert_error: Any, encoding: str) -> None:
    response = client.post("/v1/extract", data=gzip.compress(b'{"text": "17km"}'),
                           content_type="application/json",
                           headers={"Content-Encoding": encoding})
    error = assert_error(response, 415, "unsupported_content_encoding")
    assert "uncompressed" in error["message"]


def test_identity_encoding_is_fine(client: Any) -> None:
    response = client.post("/v1/extract", json={"text": "17km"},
                           headers={"Content-Encoding": "identity"})
    assert response.status_code == 200


def test_a_compressed_body_against_gunicorn(production: Any) -> None:
    body = gzip.compress(b'{"text": "17km"}')
    response = _raw(production.port, b"POST /v1/extract HTTP/1.1\r\nHost: x\r\n"
                    b"Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
                    b"Connection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
    status, head, payload = _split(response)
    assert status == 415 and b"Content-Type: application/json" in head
    assert payload["error"]["code"] == "unsupported_content_encoding"
    assert "uncompressed" in payload["error"]["message"]
