"""A story's claim index in the store (issue 15): documents are checked against it as they
arrive, in one transaction with the document, on SQLite and PostgreSQL alike.

What must hold: the findings equal a one-shot ``check()`` of the same documents for a small story;
new versions and deletes take the old claims out; the document limit is counted inside the write
transaction; and the work a POST does does not grow with the story.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from typing import Any

import pytest

import numclaims
from numclaims.checking.inputs import validate
from numclaims.checking.story import SHOWN_CLAIMS, prepare
from numclaims.extraction.pipeline import extract
from numclaims.sample import sample_documents
from numclaims.store import ClaimStore, StoryFullError
from numclaims.store.sqlite import SqliteStore


def put(store: ClaimStore, story: str, doc: dict[str, Any], **options: Any) -> Any:
    [checked] = validate([doc])
    prepared = prepare(checked, extract(checked.text, published=checked.published,
                                        currency_hint=checked.currency_hint))
    return store.put_document(
        story, doc["id"], text=doc["text"], published=doc.get("published"),
        source=doc.get("source"), currency_hint=doc.get("currency_hint"),
        mentions=[i.mention.to_dict() for i in prepared.items], prepared=prepared, **options)


def signature(findings: list[dict[str, Any]]) -> list[tuple[str, tuple[tuple[str, int, int], ...]]]:
    """What a finding decides: its verdict and which claims it is about."""
    return sorted((f["verdict"], tuple(sorted((c["doc"], c["start"], c["end"]) for c in f["claims"])))
                  for f in findings)


def verdicts(store: ClaimStore, story: str) -> dict[str, list[str]]:
    page = store.story_page(story, limit=1000)
    assert page is not None
    return {s: sorted(f["verdict"] for f in page.report[s]) for s in ("inline", "groups", "dates")}


def test_the_sample_posted_one_by_one_has_the_findings_of_one_check(store: ClaimStore) -> None:
    docs = sample_documents()
    for doc in docs:
        put(store, "summit", doc)
    page = store.story_page("summit", limit=1000)
    assert page is not None and page.document_total == len(docs)
    expected = json.loads(json.dumps(numclaims.check(sorted(docs, key=lambda d: d["id"])).to_dict()))
    for section in ("inline", "groups", "dates"):
        assert signature(page.report[section]) == signature(expected[section]), section
        assert page.totals[section] == len(expected[section])
    # the explanations are the one-shot check's too
    assert sorted(f["explanation"] for f in page.report["groups"]) == sorted(
        f["explanation"] for f in expected["groups"])
    assert sum(page.verdicts["groups"].values()) == len(expected["groups"])


BORDER = "Russia shares a {} border with North Korea, officials said."


def test_a_new_version_and_a_delete_take_the_old_claims_out(store: ClaimStore) -> None:
    put(store, "s", {"id": "a", "text": BORDER.format("17km")})
    result = put(store, "s", {"id": "b", "text": BORDER.format("27km")})
    assert [g["verdict"] for g in result.checks["groups"]] == ["conflict"]
    fixed = put(store, "s", {"id": "b", "text": BORDER.format("17 kilometer")})
    assert fixed.document.version == 2
    assert [g["verdict"] for g in fixed.checks["groups"]] == ["consistent"]
    assert verdicts(store, "s")["groups"] == ["consistent"]
    assert store.delete_document("s", "b") == 2
    assert verdicts(store, "s")["groups"] == ["single_source"]
    page = store.story_page("s")
    assert page is not None and page.document_total == 1
    assert [c["doc"] for c in page.report["groups"][0]["claims"]] == ["a"]


def test_a_repost_answers_the_stored_checks_that_involve_it(store: ClaimStore) -> None:
    put(store, "s", {"id": "a", "text": BORDER.format("17km")})
    first = put(store, "s", {"id": "b", "text": BORDER.format("27km")})
    again = put(store, "s", {"id": "b", "text": BORDER.format("27km")})
    assert not again.created and again.checks == first.checks


def test_deleting_a_story_clears_its_index(store: ClaimStore) -> None:
    for doc in sample_documents():
        put(store, "summit", doc)
    put(store, "other", {"id": "x", "text": BORDER.format("17km")})
    assert store.delete_story("summit") == 5
    assert store.story_page("summit") is None
    stories, total = store.list_stories()
    assert total == 1 and [(s.story, s.documents) for s in stories] == [("other", 1)]


def test_findings_name_the_first_claims_and_count_the_rest(store: ClaimStore) -> None:
    n = SHOWN_CLAIMS + 6
    for i in range(n):
        put(store, "s", {"id": f"d{i:02d}", "text": BORDER.format("17km")})
    page = store.story_page("s")
    assert page is not None
    [group] = page.report["groups"]
    assert group["verdict"] == "consistent"
    # the first documents to state it, and the one that changed the finding last
    named = [f"d{i:02d}" for i in range(SHOWN_CLAIMS)] + [f"d{n - 1:02d}"]
    assert [c["doc"] for c in group["claims"]] == named
    assert f'"17km" ({", ".join(named)} and {n - SHOWN_CLAIMS - 1} more) agree' in group["explanation"]


def test_the_document_limit_is_counted_inside_the_write(store: ClaimStore) -> None:
    """Eight writers race for a story that may hold five documents: exactly five get in."""
    store.put_document("s", "warm", text="Up 5%.")  # open and migrate before the race
    store.delete_document("s", "warm")
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def write(i: int) -> None:
        barrier.wait()
        try:
            put(store, "s", {"id": f"d{i}", "text": BORDER.format(f"{i + 10}km")}, max_documents=5)
            outcomes.append("stored")
        except StoryFullError as exc:
            assert exc.limit == 5
            outcomes.append("full")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == ["full"] * 3 + ["stored"] * 5
    stored = store.list_documents("s")
    assert len(stored) == 5
    page = store.story_page("s")
    assert page is not None and page.document_total == 5
    # a new version of a stored document is not a new document
    result = put(store, "s", {"id": stored[0].id, "text": BORDER.format("99km")}, max_documents=5)
    assert result.document.version == 2


def test_the_work_of_a_post_does_not_grow_with_the_story(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The statements a POST runs are the same for the 10th and the 400th document."""
    store = SqliteStore(str(tmp_path / "claims.sqlite3"))
    text = sample_documents()[0]["text"]
    statements: list[str] = []

    def traced(n: int) -> int:
        store._connection().set_trace_callback(statements.append)  # noqa: SLF001
        statements.clear()
        put(store, "s", {"id": f"d{n:04d}", "text": text, "published": "2019-04-25"})
        store._connection().set_trace_callback(None)  # noqa: SLF001
        return len(statements)

    counts = {}
    for n in range(400):
        if n in (10, 399):
            counts[n] = traced(n)
        else:
            put(store, "s", {"id": f"d{n:04d}", "text": text, "published": "2019-04-25"})
    assert counts[10] == counts[399]
    assert not any("FROM documents" in s and "doc_id=" not in s for s in statements)
    store.close()


def test_stories_stored_before_the_index_are_indexed_on_upgrade(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "claims.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version VALUES (1);
        CREATE TABLE documents (story TEXT NOT NULL, doc_id TEXT NOT NULL, version INTEGER NOT NULL,
            text TEXT NOT NULL, published TEXT, source TEXT, currency_hint TEXT,
            sha256 TEXT NOT NULL, mentions TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (story, doc_id, version));
    """)
    for doc_id, km in (("a", "17km"), ("b", "27km")):
        text = BORDER.format(km)
        mentions = json.dumps([m.to_dict() for m in extract(text)])
        conn.execute("INSERT INTO documents VALUES ('s', ?, 1, ?, NULL, NULL, NULL, ?, ?, "
                     "'2019-04-25T00:00:00+00:00')", (doc_id, text, doc_id * 64, mentions))
    conn.commit()
    conn.close()
    store = SqliteStore(str(path))
    assert verdicts(store, "s")["groups"] == ["conflict"]
    assert store.schema_version(store._connection()) == 2  # noqa: SLF001
    store.close()


def test_the_data_dir_and_database_are_private(tmp_path) -> None:  # type: ignore[no-untyped-def]
    old = os.umask(0o022)
    try:
        store = SqliteStore(str(tmp_path / "data" / "claims.sqlite3"))
        store.put_document("s", "a", text="Up 5%.")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700
    for name in ("claims.sqlite3", "claims.sqlite3-wal", "claims.sqlite3-shm"):
        assert stat.S_IMODE(os.stat(tmp_path / "data" / name).st_mode) == 0o600, name
    store.close()


@pytest.mark.parametrize("offset, limit", [(0, 2), (2, 2), (4, 10)])
def test_a_story_reads_in_pages(store: ClaimStore, offset: int, limit: int) -> None:
    docs = sample_documents()
    for doc in docs:
        put(store, "summit", doc)
    whole = store.story_page("summit", limit=1000)
    page = store.story_page("summit", offset=offset, limit=limit)
    assert whole is not None and page is not None
    ids = sorted(d["id"] for d in docs)
    assert [d.id for d in page.documents] == ids[offset:offset + limit]
    for section in ("inline", "groups", "dates"):
        assert page.report[section] == whole.report[section][offset:offset + limit]
    assert page.totals == whole.totals and page.document_total == len(docs)
