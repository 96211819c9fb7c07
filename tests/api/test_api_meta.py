"""Currencies, health, the generated OpenAPI document, /docs, the web page and its assets."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

A = {"id": "reuters", "text": "Exports rose to $1.2 billion in 2018.", "published": "2019-04-25"}

#: Routes that are plumbing, not API operations (static files).
UNDOCUMENTED = {"static", "meta.docs_assets"}


def test_currencies(client: Any) -> None:
    from numclaims.normalise.fx import supported_currencies

    body = client.get("/v1/currencies").get_json()
    assert body["base_currency"] == "USD"
    codes = [c["code"] for c in body["currencies"]]
    assert codes == sorted(supported_currencies()) and {"USD", "EUR", "GBP"} <= set(codes)
    for c in body["currencies"]:
        assert c["first_date"] <= c["last_date"] and c["source"]


def test_healthz(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok" and response.get_json()["store"] == "sqlite"


def test_healthz_503_when_the_store_cannot_open(tmp_path: Any, assert_error: Any) -> None:
    from api.app import create_app

    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    app = create_app({"DATA_DIR": str(blocker / "data"), "ACCESS_LOG": False, "WARM_UP": False},
                     env={})
    client = app.test_client()
    response = client.get("/healthz")
    assert_error(response, 503, "store_unavailable")
    assert response.headers["Retry-After"]
    assert_error(client.post("/v1/stories/s/documents", json=A), 503, "store_unavailable")
    # what needs no store still works
    assert client.post("/v1/extract", json={"text": "5%"}).status_code == 200


def test_store_full_is_503(client: Any, app: Any, assert_error: Any) -> None:
    store = app.extensions["numclaims_store"]
    store.ping()
    # the real SQLite error: cap the file at its current size (this thread's connection)
    conn = store._connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")
    big = {"id": "big", "text": "Exports rose 5%. " + "word " * 8000}
    assert_error(client.post("/v1/stories/s/documents", json=big), 503, "store_full")
    assert store.list_documents("s") == []  # nothing half-written


def test_store_read_only_is_503(tmp_path: Any, assert_error: Any) -> None:
    from api.app import create_app

    data = tmp_path / "data"
    writer = create_app({"DATA_DIR": str(data), "ACCESS_LOG": False, "WARM_UP": False}, env={})
    assert writer.test_client().post("/v1/stories/s/documents", json=A).status_code == 201
    writer.extensions["numclaims_store"].close()
    url = f"sqlite://{data}/numclaims.sqlite3?mode=ro"
    reader = create_app({"DATA_DIR": str(data), "DATABASE_URL": url, "ACCESS_LOG": False,
                         "WARM_UP": False}, env={})
    client = reader.test_client()
    assert client.get("/v1/stories/s/documents/reuters").status_code == 200
    assert_error(client.post("/v1/stories/s/documents", json={**A, "id": "x"}), 503,
                 "store_read_only")
    assert_error(client.delete("/v1/stories/s"), 503, "store_read_only")


@pytest.fixture
def spec(client: Any) -> dict[str, Any]:
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.get_json()  # type: ignore[no-any-return]


def test_openapi_is_valid_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate_openapi(spec)


def test_openapi_covers_every_registered_route(app: Any, spec: dict[str, Any]) -> None:
    """Generated from the routes: every rule and method is there, and nothing else is."""
    expected = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in UNDOCUMENTED:
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            expected.add((path, method.lower()))
    documented = {(p, m) for p, ops in spec["paths"].items() for m in ops}
    assert documented == expected
    assert ("/v1/stories/{story}/documents/{doc_id}", "delete") in documented


def test_a_new_route_appears_in_openapi(app: Any) -> None:
    from api.schemas import endpoint

    @endpoint(summary="Ping", tags=("meta",), responses={200: "Health"})
    def ping() -> dict[str, str]:
        return {"status": "ok", "store": "none"}

    app.add_url_rule("/v1/ping/<thing>", "ping", ping, methods=["GET"])
    spec = app.test_client().get("/openapi.json").get_json()
    op = spec["paths"]["/v1/ping/{thing}"]["get"]
    assert op["summary"] == "Ping" and op["parameters"][0]["name"] == "thing"
    validate_openapi(spec)


def test_openapi_operations_declare_errors(spec: dict[str, Any]) -> None:
    extract = spec["paths"]["/v1/extract"]["post"]
    assert {"400", "413", "415", "422", "500"} <= set(extract["responses"])
    assert extract["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ExtractRequest"}
    check = spec["paths"]["/v1/check"]["post"]["responses"]["200"]["content"]
    assert set(check) == {"application/json", "text/html"}


def _validator(spec: dict[str, Any], name: str) -> Draft202012Validator:
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return Draft202012Validator(schema)


def test_responses_match_their_documented_schemas(client: Any, spec: dict[str, Any]) -> None:
    sample = client.get("/sample").get_json()
    cases = [
        (client.post("/v1/extract", json={"text": "Up 5% to $1.2bn on 25 April 2019."}),
         "ExtractResponse"),
        (client.post("/v1/check", json=sample), "Report"),
        (client.post("/v1/stories/s/documents", json=A), "StoryDocumentResponse"),
        (client.get("/v1/stories/s"), "Story"),
        (client.get("/v1/stories/s/documents/reuters"), "StoredDocument"),
        (client.get("/v1/currencies"), "Currencies"),
        (client.get("/healthz"), "Health"),
        (client.get("/sample"), "CheckRequest"),
        (client.post("/v1/extract", json={}), "Error"),
        (client.get("/nope"), "Error"),
        (client.delete("/v1/stories/s"), "Deleted"),
    ]
    for response, name in cases:
        errors = list(_validator(spec, name).iter_errors(response.get_json()))
        assert not errors, (name, [e.message for e in errors[:3]])


def test_request_schemas_accept_what_the_api_accepts(spec: dict[str, Any], client: Any) -> None:
    sample = client.get("/sample").get_json()
    assert not list(_validator(spec, "CheckRequest").iter_errors(sample))
    assert list(_validator(spec, "ExtractRequest").iter_errors({"text": 5}))


def test_docs_page_uses_local_assets_only(client: Any) -> None:
    html = client.get("/docs").get_data(as_text=True)
    assert "openapi.json" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    for url in urls:
        with client.get(url) as response:
            assert response.status_code == 200, url
            assert len(response.data) > 100
    with client.get("/docs/assets/swagger-ui-bundle.js") as response:
        assert b"SwaggerUIBundle" in response.data


def test_web_page_and_its_assets(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<textarea" in html and 'id="sample"' in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(u.startswith("/") and not u.startswith("//") for u in urls), urls
    for url in urls:
        with client.get(url) as asset:
            assert asset.status_code == 200, url
    with client.get("/static/page.js") as asset:
        js = asset.get_data(as_text=True)
    assert "v1/check" in js and "text/html" in js


def test_sample_endpoint_returns_the_bundled_corpus(client: Any) -> None:
    docs = client.get("/sample").get_json()["documents"]
    assert len(docs) == 5
    for doc in docs:
        assert doc["id"] and doc["text"] and doc["published"] and doc["outlet_country"]


def test_every_request_body_carries_the_sample_as_a_ready_to_send_example(client: Any) -> None:
    """/docs' "Try it out" starts filled in: each documented request body has an example, made
    of the bundled sample corpus, that its own schema accepts and the server answers with 2xx."""
    from numclaims.sample import sample_documents

    spec = client.get("/openapi.json").get_json()
    validate_openapi(spec)
    schemas = spec["components"]["schemas"]
    sent = 0
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            if "requestBody" not in op:
                continue
            body = op["requestBody"]["content"]["application/json"]
            example = body["examples"]["sample"]["value"]
            name = body["schema"]["$ref"].rsplit("/", 1)[1]
            validator = Draft202012Validator({**schemas[name], "components": {"schemas": schemas}})
            assert not list(validator.iter_errors(example)), (path, method)
            url = path.replace("{story}", "kim-putin-2019")
            response = client.open(url, method=method.upper(), json=example)
            assert 200 <= response.status_code < 300, (path, response.get_json())
            sent += 1
    assert sent == 3  # extract, check, and a story's new document
    check = spec["paths"]["/v1/check"]["post"]["requestBody"]["content"]["application/json"]
    assert check["examples"]["sample"]["value"]["documents"] == sample_documents()
