"""Stories against the real production server (issue 15): concurrent writers, the document limit
counted inside the write, pages of a large story, and the list of stories."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest

from numclaims.sample import sample_documents


def call(base: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def run_writers(n: int, target: Any) -> None:
    threads = [threading.Thread(target=target, args=(t,)) for t in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not any(t.is_alive() for t in threads)


def texts() -> list[str]:
    sentences = [s.strip() + "." for doc in sample_documents() for s in doc["text"].split(". ")
                 if any(ch.isdigit() for ch in s)]
    return sentences


def test_eight_writers_post_400_new_documents_to_one_story(live_server, tmp_path) -> None:
    pool = texts()
    statuses: list[int] = []
    lock = threading.Lock()

    def writer(t: int) -> None:
        for i in range(50):
            n = t * 50 + i
            doc = {"id": f"w{t}-{i:02d}", "published": "2019-04-25",
                   "text": " ".join(pool[(n + k) % len(pool)] for k in range(3))}
            status, _ = call(server.base, "POST", "/v1/stories/big/documents", doc)
            with lock:
                statuses.append(status)

    with live_server(["--production", "--workers", "2"], str(tmp_path / "data")) as server:
        run_writers(8, writer)
        assert sorted(set(statuses)) == [201] and len(statuses) == 400
        status, story = call(server.base, "GET", "/v1/stories/big?limit=50")
        assert status == 200
        assert story["page"]["documents"] == 400 and len(story["documents"]) == 50
        assert len(story["report"]["groups"]) == 50
        assert story["page"]["findings"]["groups"] >= 50
        status, second = call(server.base, "GET", "/v1/stories/big?limit=50&offset=50")
        assert status == 200
        assert [d["id"] for d in second["documents"]] == sorted(
            f"w{t}-{i:02d}" for t in range(8) for i in range(50))[50:100]
        status, listing = call(server.base, "GET", "/v1/stories")
        assert status == 200
        assert listing["stories"] == [{"story": "big", "documents": 400,
                                       "updated_at": listing["stories"][0]["updated_at"]}]


def test_the_story_limit_holds_against_concurrent_new_documents(live_server, tmp_path) -> None:
    statuses: list[int] = []
    barrier = threading.Barrier(8)

    def writer(t: int) -> None:
        barrier.wait()
        status, body = call(server.base, "POST", "/v1/stories/capped/documents",
                            {"id": f"d{t}", "text": f"Exports rose {t + 1}% in 2018."})
        statuses.append(status)
        if status == 409:
            assert body["error"]["code"] == "story_full"

    with live_server(["--production", "--workers", "2"], str(tmp_path / "data"),
                     env={"NUMCLAIMS_MAX_STORY_DOCUMENTS": "5"}) as server:
        run_writers(8, writer)
        assert sorted(statuses) == [201] * 5 + [409] * 3
        assert call(server.base, "GET", "/v1/stories/capped")[1]["page"]["documents"] == 5


@pytest.mark.parametrize("query", ["offset=-1", "limit=0", "limit=1001", "limit=%EF%BC%91",
                                   "offset=%C2%B2"])
def test_bad_page_arguments_are_422(client: Any, assert_error: Any, query: str) -> None:
    client.post("/v1/stories/s/documents", json={"id": "a", "text": "Up 5%."})
    field = query.split("=")[0]
    assert_error(client.get(f"/v1/stories/s?{query}"), 422, "invalid_value", field)
    assert_error(client.get(f"/v1/stories?{query}"), 422, "invalid_value", field)


def test_the_story_list_pages_most_recent_first(client: Any) -> None:
    for story in ("first", "second", "third"):
        client.post(f"/v1/stories/{story}/documents", json={"id": "a", "text": "Up 5%."})
    body = client.get("/v1/stories?limit=2").get_json()
    assert [s["story"] for s in body["stories"]] == ["third", "second"]
    assert body["page"] == {"offset": 0, "limit": 2, "total": 3}
    client.delete("/v1/stories/third")
    assert [s["story"] for s in client.get("/v1/stories").get_json()["stories"]] == [
        "second", "first"]
