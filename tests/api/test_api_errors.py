"""Everything a client can send wrong gets the JSON error shape and the right status."""

from __future__ import annotations

import json
from typing import Any

import pytest

GOOD = {"text": "Exports rose 5% to $1.2 billion."}


def post_raw(client: Any, path: str, data: bytes | str, content_type: str | None = "application/json",
             **kw: Any) -> Any:
    headers = kw.pop("headers", {})
    if content_type is not None:
        headers["Content-Type"] = content_type
    return client.post(path, data=data, headers=headers, **kw)


@pytest.mark.parametrize("path", ["/v1/extract", "/v1/check", "/v1/stories/s1/documents"])
@pytest.mark.parametrize(
    "data,status,code",
    [
        (b"", 400, "empty_body"),
        (b"   \n", 400, "empty_body"),
        (b"{", 400, "malformed_json"),
        (b"{'text': 'single quotes'}", 400, "malformed_json"),
        (b'{"text": "a",}', 400, "malformed_json"),
        (b'{"text": NaN}', 400, "malformed_json"),
        (b'{"text": Infinity}', 400, "malformed_json"),
        (b"[1, 2]", 400, "invalid_type"),
        (b'"just a string"', 400, "invalid_type"),
        (b"null", 400, "invalid_type"),
        (b'{"text": "caf\xe9"}', 400, "invalid_encoding"),  # Latin-1, not UTF-8
        (b"\xff\xfe{\x00}\x00", 400, "invalid_encoding"),  # UTF-16
        (b"[" * 100_000 + b"]" * 100_000, 400, None),  # nested too deeply
        (b'{"x": ' + b"9" * 10_000 + b"}", 400, "malformed_json"),  # 10,000-digit JSON number
    ],
    ids=lambda v: repr(v)[:40] if isinstance(v, bytes) else None,
)
def test_malformed_bodies_are_400(client: Any, assert_error: Any, path: str, data: bytes,
                                  status: int, code: str | None) -> None:
    assert_error(post_raw(client, path, data), status, code)


@pytest.mark.parametrize("path", ["/v1/extract", "/v1/check", "/v1/stories/s1/documents"])
@pytest.mark.parametrize(
    "content_type",
    [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
     "application/xml", "application/json; charset=latin-1", "application/json; charset=utf-16"],
)
def test_wrong_content_type_is_415(client: Any, assert_error: Any, path: str,
                                   content_type: str | None) -> None:
    assert_error(post_raw(client, path, json.dumps(GOOD), content_type), 415,
                 "unsupported_media_type")


def test_json_variants_are_accepted(client: Any) -> None:
    for content_type in ("application/json; charset=UTF-8", "application/problem+json",
                         "APPLICATION/JSON"):
        response = post_raw(client, "/v1/extract", json.dumps(GOOD), content_type)
        assert response.status_code == 200, (content_type, response.data[:300])
    # a UTF-8 byte-order mark is tolerated
    assert post_raw(client, "/v1/extract", b"\xef\xbb\xbf" + json.dumps(GOOD).encode()).status_code == 200


def test_oversized_body_is_413_before_parsing(client: Any, assert_error: Any, app: Any) -> None:
    limit = app.config["MAX_CONTENT_LENGTH"]
    big = b'{"text": "' + b"x" * limit + b'"}'
    assert_error(post_raw(client, "/v1/extract", big), 413, "body_too_large")
    # not even looked at: malformed content over the limit is still a 413
    assert_error(post_raw(client, "/v1/extract", b"\xff" * (limit + 1)), 413, "body_too_large")
    assert_error(post_raw(client, "/v1/check", big, "text/plain"), 413, "body_too_large")


def test_body_limit_is_configurable(tmp_path: Any, assert_error: Any) -> None:
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": False,
                      "MAX_CONTENT_LENGTH": 100}, env={})
    client = app.test_client()
    assert client.post("/v1/extract", json={"text": "5%"}).status_code == 200
    assert_error(client.post("/v1/extract", json={"text": "x" * 200}), 413, "body_too_large")


def test_text_over_max_text_chars_is_413(tmp_path: Any, assert_error: Any) -> None:
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": False,
                      "MAX_TEXT_CHARS": 50}, env={})
    client = app.test_client()
    assert_error(client.post("/v1/extract", json={"text": "y" * 51}), 413, "text_too_long", "text")
    assert_error(client.post("/v1/check", json={"documents": [{"id": "a", "text": "y" * 51}]}),
                 413, "text_too_long", "documents[0].text")


@pytest.mark.parametrize(
    "body,status,code,field",
    [
        ({}, 400, "missing_field", "text"),
        ({"text": 5}, 400, "invalid_type", "text"),
        ({"text": None}, 400, "invalid_type", "text"),
        ({"text": ["a"]}, 400, "invalid_type", "text"),
        ({"text": 1e999}, 400, "invalid_type", "text"),
        ({"text": "a", "publised": "2019-04-25"}, 400, "unknown_field", "publised"),
        ({"text": "a", "published": 20190425}, 400, "invalid_type", "published"),
        ({"text": "a", "published": "25/04/2019"}, 422, "invalid_date", "published"),
        ({"text": "a", "published": "2019-02-30"}, 422, "invalid_date", "published"),
        ({"text": "a", "published": "2019-04-31"}, 422, "invalid_date", "published"),
        ({"text": "a", "published": ""}, 422, "invalid_date", "published"),
        ({"text": "a", "base_currency": "XYZ"}, 422, "unknown_currency", "base_currency"),
        ({"text": "a", "base_currency": "usd"}, 422, "invalid_value", "base_currency"),
        ({"text": "a", "base_currency": "DOLLARS"}, 422, "invalid_value", "base_currency"),
        ({"text": "a", "currency_hint": "ZZ"}, 422, "unknown_currency", "currency_hint"),
        ({"text": "a", "currency_hint": "12"}, 422, "invalid_value", "currency_hint"),
        ({"text": "a\x00b"}, 422, "invalid_value", "text"),
        ({"text": "\ud800 lone surrogate"}, 422, "invalid_value", "text"),
    ],
    ids=lambda v: json.dumps(v)[:50] if isinstance(v, dict) else None,
)
def test_extract_invalid_fields(client: Any, assert_error: Any, body: dict[str, Any], status: int,
                                code: str, field: str) -> None:
    data = json.dumps(body)  # json.dumps writes 1e999 as Infinity; send it as a number
    data = data.replace("Infinity", "1e999")
    assert_error(post_raw(client, "/v1/extract", data), status, code, field)


@pytest.mark.parametrize(
    "body,status,code,field",
    [
        ({}, 400, "missing_field", "documents"),
        ({"documents": {}}, 400, "invalid_type", "documents"),
        ({"documents": []}, 422, "invalid_value", "documents"),
        ({"documents": [{"text": "a"}]}, 400, "missing_field", "documents[0].id"),
        ({"documents": [{"id": "a"}]}, 400, "missing_field", "documents[0].text"),
        ({"documents": ["a"]}, 400, "invalid_type", "documents[0]"),
        ({"documents": [{"id": "a", "text": "x"}, {"id": "../b", "text": "y"}]}, 422,
         "invalid_value", "documents[1].id"),
        ({"documents": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}, 422,
         "duplicate_id", "documents[1].id"),
        ({"documents": [{"id": "a", "text": "x", "published": "yesterday"}]}, 422,
         "invalid_date", "documents[0].published"),
        ({"documents": [{"id": "a", "text": "x", "extra": 1}]}, 400, "unknown_field",
         "documents[0].extra"),
        ({"documents": [{"id": "a", "text": "x"}], "base_currency": "QQQ"}, 422,
         "unknown_currency", "base_currency"),
        ({"documents": [{"id": "a", "text": "x"}], "tolerance": -0.1}, 422, "invalid_value",
         "tolerance"),
        ({"documents": [{"id": "a", "text": "x"}], "tolerance": "1%"}, 400, "invalid_type",
         "tolerance"),
        ({"documents": [{"id": "a", "text": "x"}], "tolerance": 1e999}, 422, "invalid_value",
         "tolerance"),
        ({"documents": [{"id": "a", "text": "x"}], "tolerance": True}, 400, "invalid_type",
         "tolerance"),
    ],
    ids=lambda v: json.dumps(v)[:60] if isinstance(v, dict) else None,
)
def test_check_invalid_fields(client: Any, assert_error: Any, body: dict[str, Any], status: int,
                              code: str, field: str) -> None:
    data = json.dumps(body).replace("Infinity", "1e999")
    assert_error(post_raw(client, "/v1/check", data), status, code, field)


def test_too_many_documents_is_413(client: Any, assert_error: Any, app: Any) -> None:
    n = app.config["MAX_DOCUMENTS"] + 1
    body = {"documents": [{"id": f"d{i}", "text": "x"} for i in range(n)]}
    assert_error(client.post("/v1/check", json=body), 413, "too_many_documents", "documents")


@pytest.mark.parametrize(
    "text",
    [
        "The deficit was 1e999 dollars.",
        "The debt reached $1e999 trillion.",
        "It weighs " + "9" * 10_000 + " kg.",
        "A " + "1" * 10_000 + "% rise and $" + "5" * 5_000 + " billion.",
        "Pi is 3." + "1" * 10_000 + " exactly.",
        "," * 5_000 + "1" + ",000" * 3_000,
        "1" + ".5" * 5_000,
        "10^999 people, 1e-999 percent, 0x1F tonnes, -0 km, NaN dollars and inf% growth.",
    ],
    ids=lambda t: t[:30],
)
def test_absurd_numbers_never_500(client: Any, text: str) -> None:
    for path, body in (
        ("/v1/extract", {"text": text}),
        ("/v1/check", {"documents": [{"id": "a", "text": text}, {"id": "b", "text": text}]}),
    ):
        response = client.post(path, json=body)
        assert response.status_code in (200, 422), response.data[:300]
        assert response.mimetype == "application/json"
        # the body is strict JSON: no NaN or Infinity
        json.loads(response.data, parse_constant=lambda c: pytest.fail(f"{c} in response"))


@pytest.mark.parametrize(
    "method,path,status,code",
    [
        ("GET", "/nope", 404, "not_found"),
        ("GET", "/v1", 404, "not_found"),
        ("GET", "/v1/extract/extra", 404, "not_found"),
        ("GET", "/static/nope.js", 404, "not_found"),
        ("GET", "/docs/assets/nope.js", 404, "not_found"),
        ("GET", "/docs/assets/../../../etc/passwd", 404, "not_found"),
        ("GET", "/v1/extract", 405, "method_not_allowed"),
        ("PUT", "/v1/check", 405, "method_not_allowed"),
        ("DELETE", "/v1/currencies", 405, "method_not_allowed"),
        ("POST", "/healthz", 405, "method_not_allowed"),
        ("PATCH", "/v1/stories/s1", 405, "method_not_allowed"),
        ("PUT", "/v1/stories/s1/documents/d1", 405, "method_not_allowed"),
        ("GET", "/v1/stories/s1/documents", 405, "method_not_allowed"),
    ],
)
def test_unknown_routes_and_methods(client: Any, assert_error: Any, method: str, path: str,
                                    status: int, code: str) -> None:
    response = client.open(path, method=method)
    assert_error(response, status, code)
    if status == 405:
        assert response.headers["Allow"]


def test_errors_are_json_even_when_html_is_preferred(client: Any, assert_error: Any) -> None:
    headers = {"Accept": "text/html,application/xhtml+xml"}
    assert_error(client.get("/nope", headers=headers), 404, "not_found")
    assert_error(client.post("/v1/check", data="{", content_type="application/json",
                             headers=headers), 400, "malformed_json")


def test_a_bug_is_a_json_500_without_a_traceback(app: Any, assert_error: Any, caplog: Any) -> None:
    def broken() -> None:
        raise RuntimeError("secret internals")

    app.add_url_rule("/boom", "boom", broken)
    response = app.test_client().get("/boom", headers={"X-Request-ID": "req-42"})
    error = assert_error(response, 500, "internal_error")
    assert "secret internals" not in response.get_data(as_text=True)
    assert "req-42" in error["message"]
    assert any("req-42" in r.getMessage() and r.exc_info for r in caplog.records)
