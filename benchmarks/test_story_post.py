"""``POST /v1/stories/<story>/documents`` latency as the story grows: 10, 1,000, 10,000 documents.

Before the story index, a POST re-extracted and re-checked every stored document (683 ms at 200
documents, 3.4 ms more per document). Now it extracts the new document and checks it against the
story's index, so its latency must stay flat whatever the story's size. The story is filled
through the store (the same ``put_document`` the API calls, with the same preparation), then
each size times ``ROUNDS`` POSTs of new documents through the app (Flask's test client: the
view, JSON, extraction, the index and the SQLite commit with ``synchronous=FULL``; no HTTP).
GET of the story's first page (100 documents and 100 findings of each section) is timed beside
it, median of five.

Run: ``.venv/bin/python -m pytest benchmarks/test_story_post.py --benchmark-only -s`` (filling
10,000 documents takes a few minutes; ``NUMCLAIMS_BENCH_STORY_SIZES=10,100`` for a quick run).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from typing import Any

import pytest

from api.app import create_app
from api.library import prepare_story_document
from benchmarks.corpus import documents

SIZES = [int(n) for n in os.environ.get("NUMCLAIMS_BENCH_STORY_SIZES", "10,1000,10000").split(",")]
ROUNDS = 40
STORY = "bench"


@pytest.fixture(scope="module")
def story_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data = tmp_path_factory.mktemp("story-post")
    # room for the largest story and the POSTs timed at each size
    app = create_app({"DATA_DIR": str(data), "ACCESS_LOG": False, "REQUEST_TIME_BUDGET": 0,
                      "MAX_STORY_DOCUMENTS": 2 * max(SIZES)}, env={})
    app.filled = 0  # type: ignore[attr-defined]
    app.pool = [_request(d) for d in  # type: ignore[attr-defined]
                documents(max(SIZES) + len(SIZES) * ROUNDS)]
    yield app
    app.extensions["numclaims_store"].close()


def _request(record: dict[str, Any]) -> dict[str, Any]:
    """A corpus record as a story POST's body (the outlet's country is its currency hint)."""
    return {"id": record["id"], "text": record["text"], "published": record["published"],
            "currency_hint": record["outlet_country"]}


def _fill(app: Any, size: int) -> None:
    store = app.extensions["numclaims_store"]
    while app.filled < size:
        doc = dict(app.pool[app.filled])
        doc["id"] = f"fill{app.filled:05d}"
        prepared = prepare_story_document(doc, base_currency="USD")
        store.put_document(STORY, doc["id"], text=doc["text"], published=doc.get("published"),
                           currency_hint=doc.get("currency_hint"),
                           mentions=[i.mention.to_dict() for i in prepared.items],
                           prepared=prepared)
        app.filled += 1


@pytest.mark.parametrize("size", SIZES)
def test_post_latency_is_flat(benchmark: Any, story_app: Any, size: int) -> None:
    _fill(story_app, size)
    client = story_app.test_client()
    fresh = iter(story_app.pool[max(SIZES) + SIZES.index(size) * ROUNDS:])
    latencies: list[float] = []

    def post() -> None:
        doc = dict(next(fresh))
        doc["id"] = f"new-{size}-{len(latencies):03d}"
        started = time.perf_counter()
        response = client.post(f"/v1/stories/{STORY}/documents", json=doc)
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 201, response.get_data(as_text=True)[:300]

    benchmark.pedantic(post, rounds=ROUNDS, iterations=1)
    gets = []
    for _ in range(5):
        started = time.perf_counter()
        page = client.get(f"/v1/stories/{STORY}?limit=100")
        gets.append(time.perf_counter() - started)
        assert page.status_code == 200
    get_ms = statistics.median(gets) * 1e3
    median = statistics.median(latencies) * 1e3
    p90 = statistics.quantiles(latencies, n=10)[-1] * 1e3
    benchmark.extra_info.update(documents=size, post_median_ms=median, post_p90_ms=p90,
                                get_page_ms=get_ms)
    print(f"\nstory of {size:,} documents: POST median {median:.1f} ms, p90 {p90:.1f} ms; "
          f"GET first page {get_ms:.1f} ms")
