"""Stories: POST/GET/DELETE documents, versioning through the API, durability of a 2xx."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

A = {"id": "reuters", "text": "Exports rose to $1.2 billion in 2018.", "published": "2019-04-25",
     "source": "Reuters", "currency_hint": "US"}
B = {"id": "ap", "text": "Exports rose to $1.9 billion in 2018.", "published": "2019-04-25"}


def post(client: Any, story: str, doc: dict[str, Any]) -> Any:
    return client.post(f"/v1/stories/{story}/documents", json=doc)


def test_first_document_is_created(client: Any) -> None:
    response = post(client, "exports", A)
    assert response.status_code == 201
    assert response.headers["Location"].endswith("/v1/stories/exports/documents/reuters")
    body = response.get_json()
    assert body["created"] is True and body["story"] == "exports"
    doc = body["document"]
    assert (doc["id"], doc["version"], doc["versions"], doc["text"]) == ("reuters", 1, [1], A["text"])
    assert (doc["published"], doc["source"], doc["currency_hint"]) == ("2019-04-25", "Reuters", "US")
    assert any(m["text"] == "$1.2 billion" for m in doc["mentions"])
    assert set(body["checks"]) == {"inline", "groups", "dates"}


def test_second_document_is_checked_against_the_first(client: Any) -> None:
    post(client, "exports", A)
    body = post(client, "exports", B).get_json()
    groups = body["checks"]["groups"]
    assert groups, body["checks"]
    for item in groups:  # only checks that involve the new document
        assert "ap" in {c["doc"] for c in item["claims"]}
    assert any({c["doc"] for c in item["claims"]} == {"ap", "reuters"} for item in groups)


def test_repost_same_content_is_idempotent(client: Any) -> None:
    first = post(client, "exports", A).get_json()
    again = post(client, "exports", A)
    assert again.status_code == 200
    body = again.get_json()
    assert body["created"] is False
    assert body["document"] == first["document"]


def test_repost_different_text_is_a_new_version(client: Any) -> None:
    post(client, "exports", A)
    changed = {**A, "text": "Exports rose to $1.3 billion in 2018."}
    response = post(client, "exports", changed)
    assert response.status_code == 201
    assert response.get_json()["document"]["version"] == 2
    latest = client.get("/v1/stories/exports/documents/reuters").get_json()
    assert latest["text"] == changed["text"] and latest["versions"] == [1, 2]
    old = client.get("/v1/stories/exports/documents/reuters?version=1").get_json()
    assert old["text"] == A["text"] and old["version"] == 1


def test_get_story_lists_documents_and_report(client: Any) -> None:
    post(client, "exports", A)
    post(client, "exports", B)
    body = client.get("/v1/stories/exports").get_json()
    assert body["story"] == "exports"
    assert [d["id"] for d in body["documents"]] == ["ap", "reuters"]
    assert "text" not in body["documents"][0]
    assert set(body["report"]) == {"inline", "groups", "dates"} and body["report"]["groups"]
    html = client.get("/v1/stories/exports", headers={"Accept": "text/html"})
    assert html.mimetype == "text/html" and "<html" in html.get_data(as_text=True).lower()
    eur = client.get("/v1/stories/exports?base_currency=EUR")
    assert eur.status_code == 200


def test_story_report_equals_checking_the_stored_documents(client: Any) -> None:
    import json

    import numclaims

    post(client, "exports", A)
    post(client, "exports", B)
    docs = [{k: v for k, v in d.items()} for d in (B, A)]  # stored order: by id
    expected = json.loads(json.dumps(numclaims.check(docs).to_dict()))
    assert client.get("/v1/stories/exports").get_json()["report"] == expected


def test_delete_document_and_story(client: Any, assert_error: Any) -> None:
    post(client, "exports", A)
    post(client, "exports", {**A, "text": "Exports were $1.3 billion."})
    post(client, "exports", B)
    assert client.delete("/v1/stories/exports/documents/reuters").get_json() == {"deleted": 2}
    assert_error(client.get("/v1/stories/exports/documents/reuters"), 404, "not_found", "doc_id")
    assert_error(client.delete("/v1/stories/exports/documents/reuters"), 404, "not_found")
    assert [d["id"] for d in client.get("/v1/stories/exports").get_json()["documents"]] == ["ap"]
    assert client.delete("/v1/stories/exports").get_json() == {"deleted": 1}
    assert_error(client.get("/v1/stories/exports"), 404, "not_found", "story")
    assert_error(client.delete("/v1/stories/exports"), 404, "not_found", "story")


def test_stories_are_separate(client: Any) -> None:
    post(client, "one", A)
    post(client, "two", B)
    assert [d["id"] for d in client.get("/v1/stories/one").get_json()["documents"]] == ["reuters"]
    body = post(client, "one", {**B, "id": "solo"}).get_json()
    assert all("ap" not in {c["doc"] for c in i["claims"]} for i in body["checks"]["groups"])


def test_missing_things_are_404(client: Any, assert_error: Any) -> None:
    assert_error(client.get("/v1/stories/nothing"), 404, "not_found", "story")
    assert_error(client.get("/v1/stories/nothing/documents/x"), 404, "not_found", "doc_id")
    post(client, "exports", A)
    assert_error(client.get("/v1/stories/exports/documents/reuters?version=9"), 404, "not_found")


@pytest.mark.parametrize(
    "path",
    [
        "/v1/stories/..%2F..%2Fetc/documents",
        "/v1/stories/a..b/documents",
        "/v1/stories/%2E%2E/documents",
        "/v1/stories/-x/documents",
        "/v1/stories/caf%C3%A9/documents",
        "/v1/stories/" + "x" * 129 + "/documents",
        "/v1/stories/a%00b/documents",
        "/v1/stories/a%20b/documents",
    ],
)
def test_bad_story_ids(client: Any, assert_error: Any, path: str) -> None:
    response = client.post(path, json=A)
    assert response.status_code in (404, 422)
    assert_error(response, response.status_code)
    if response.status_code == 422:
        assert response.get_json()["error"]["field"] == "story"


@pytest.mark.parametrize("method", ["GET", "DELETE"])
@pytest.mark.parametrize("story,doc", [("a..b", "x"), ("ok", "..x"), ("ok", "x%20y"), (".", "x")])
def test_bad_ids_in_get_and_delete(client: Any, assert_error: Any, method: str, story: str,
                                   doc: str) -> None:
    response = client.open(f"/v1/stories/{story}/documents/{doc}", method=method)
    assert_error(response, 422, "invalid_id")


@pytest.mark.parametrize(
    "body,status,code,field",
    [
        ({"text": "x"}, 400, "missing_field", "id"),
        ({"id": "a"}, 400, "missing_field", "text"),
        ({"id": "../a", "text": "x"}, 422, "invalid_value", "id"),
        ({"id": "a", "text": "x", "published": "2019-13-01"}, 422, "invalid_date", "published"),
        ({"id": "a", "text": "x", "base_currency": "ABC"}, 422, "unknown_currency", "base_currency"),
        ({"id": "a", "text": "x", "source": 5}, 400, "invalid_type", "source"),
        ({"id": "a", "text": "x", "version": 2}, 400, "unknown_field", "version"),
    ],
)
def test_bad_document_bodies(client: Any, assert_error: Any, body: dict[str, Any], status: int,
                             code: str, field: str) -> None:
    assert_error(post(client, "s", body), status, code, field)
    assert_error(client.get("/v1/stories/s"), 404)  # nothing was stored


@pytest.mark.parametrize("version", ["0", "-1", "x", "1.5", "99999999999"])
def test_bad_version_query(client: Any, assert_error: Any, version: str) -> None:
    post(client, "s", A)
    assert_error(client.get(f"/v1/stories/s/documents/reuters?version={version}"), 422,
                 "invalid_value", "version")


def test_bad_base_currency_query(client: Any, assert_error: Any) -> None:
    post(client, "s", A)
    assert_error(client.get("/v1/stories/s?base_currency=usd"), 422, "invalid_value")
    assert_error(client.get("/v1/stories/s?base_currency=QQQ"), 422, "unknown_currency")


def test_story_document_limit_is_409(tmp_path: Any, assert_error: Any) -> None:
    from api.app import create_app

    app = create_app({"DATA_DIR": str(tmp_path), "ACCESS_LOG": False, "WARM_UP": False,
                      "MAX_STORY_DOCUMENTS": 2}, env={})
    client = app.test_client()
    post(client, "s", {"id": "a", "text": "1"})
    post(client, "s", {"id": "b", "text": "2"})
    assert post(client, "s", {"id": "b", "text": "3"}).status_code == 201  # new version is fine
    assert_error(post(client, "s", {"id": "c", "text": "4"}), 409, "story_full")


def test_a_2xx_means_committed_to_the_file(client: Any, app: Any) -> None:
    """Another connection (as another process would) sees the document once the 201 is out."""
    assert post(client, "s", A).status_code == 201
    path = app.extensions["numclaims_store"].path
    with sqlite3.connect(path) as other:
        rows = other.execute("SELECT story, doc_id, version FROM documents").fetchall()
        mode = other.execute("PRAGMA journal_mode").fetchone()[0]
    assert rows == [("s", "reuters", 1)]
    assert mode == "wal"


def test_data_survives_a_new_app_on_the_same_dir(app_config: dict[str, Any]) -> None:
    from api.app import create_app

    first = create_app(app_config, env={})
    post(first.test_client(), "s", A)
    first.extensions["numclaims_store"].close()
    second = create_app(app_config, env={})
    assert second.test_client().get("/v1/stories/s/documents/reuters").get_json()["text"] == A["text"]


def test_failed_validation_or_extraction_stores_nothing(client: Any, app: Any) -> None:
    post(client, "s", {**A, "base_currency": "QQQ"})
    post(client, "s", {**A, "currency_hint": "ZZ"})
    store = app.extensions["numclaims_store"]
    assert store.list_documents("s") == []
