"""The ClaimStore contract, run against every backend (SQLite always, PostgreSQL where it runs)."""

from __future__ import annotations

import threading

import pytest

from numclaims.errors import InputError
from numclaims.store import ClaimStore, content_hash, is_valid_id, validate_id

MENTIONS = [{"start": 0, "end": 3, "text": "$5m", "kind": "money", "value": 5000000.0}]


def test_put_then_get_round_trips_every_field(store: ClaimStore) -> None:
    result = store.put_document(
        "kim-putin-2019", "reuters", text="Up 5%.", published="2019-04-25", source="Reuters",
        currency_hint="US", mentions=MENTIONS,
    )
    assert result.created
    doc = store.get_document("kim-putin-2019", "reuters")
    assert doc is not None
    assert (doc.story, doc.id, doc.version, doc.text) == ("kim-putin-2019", "reuters", 1, "Up 5%.")
    assert (doc.published, doc.source, doc.currency_hint) == ("2019-04-25", "Reuters", "US")
    assert doc.mentions == MENTIONS
    assert doc.sha256 == content_hash("Up 5%.", "2019-04-25", "Reuters", "US")
    assert doc.created_at.endswith("+00:00")
    assert result.document == doc


def test_reposting_same_content_is_idempotent(store: ClaimStore) -> None:
    first = store.put_document("s", "a", text="Up 5%.", published="2019-04-25")
    again = store.put_document("s", "a", text="Up 5%.", published="2019-04-25")
    assert first.created and not again.created
    assert again.document == first.document
    assert store.list_versions("s", "a") == [1]


def test_different_text_is_a_new_version_not_an_overwrite(store: ClaimStore) -> None:
    store.put_document("s", "a", text="Up 5%.")
    second = store.put_document("s", "a", text="Up 6%.")
    assert second.created and second.document.version == 2
    assert store.get_document("s", "a").text == "Up 6%."  # type: ignore[union-attr]
    assert store.get_document("s", "a", version=1).text == "Up 5%."  # type: ignore[union-attr]
    assert store.list_versions("s", "a") == [1, 2]
    # going back to the first text is a third version, not a silent revert
    third = store.put_document("s", "a", text="Up 5%.")
    assert third.created and third.document.version == 3


def test_changed_metadata_is_a_new_version(store: ClaimStore) -> None:
    store.put_document("s", "a", text="Up 5%.", published="2019-04-25")
    assert store.put_document("s", "a", text="Up 5%.", published="2019-04-26").document.version == 2


def test_list_documents_gives_latest_versions_of_one_story(store: ClaimStore) -> None:
    store.put_document("s", "b", text="B1")
    store.put_document("s", "a", text="A1")
    store.put_document("s", "b", text="B2")
    store.put_document("other", "a", text="X")
    docs = store.list_documents("s")
    assert [(d.id, d.version, d.text) for d in docs] == [("a", 1, "A1"), ("b", 2, "B2")]
    assert store.list_documents("empty") == []


def test_missing_documents_are_none(store: ClaimStore) -> None:
    assert store.get_document("s", "nope") is None
    store.put_document("s", "a", text="A")
    assert store.get_document("s", "a", version=7) is None
    assert store.list_versions("s", "nope") == []


def test_delete_document_removes_every_version(store: ClaimStore) -> None:
    store.put_document("s", "a", text="A1")
    store.put_document("s", "a", text="A2")
    store.put_document("s", "b", text="B")
    assert store.delete_document("s", "a") == 2
    assert store.get_document("s", "a") is None
    assert [d.id for d in store.list_documents("s")] == ["b"]
    assert store.delete_document("s", "a") == 0


def test_delete_story_counts_documents_and_leaves_other_stories(store: ClaimStore) -> None:
    store.put_document("s", "a", text="A1")
    store.put_document("s", "a", text="A2")
    store.put_document("s", "b", text="B")
    store.put_document("t", "a", text="T")
    assert store.delete_story("s") == 2
    assert store.list_documents("s") == []
    assert len(store.list_documents("t")) == 1
    assert store.delete_story("s") == 0


def test_unicode_text_survives(store: ClaimStore) -> None:
    text = "Kim Jong Un (김정은) spent ₩1.2 trillion — about €900 million."
    store.put_document("s", "ko", text=text, mentions=[{"text": "₩1.2 trillion"}])
    doc = store.get_document("s", "ko")
    assert doc is not None and doc.text == text and doc.mentions == [{"text": "₩1.2 trillion"}]


def test_concurrent_reposts_make_one_version(store: ClaimStore) -> None:
    """Eight threads post the same and then different content: no lost or duplicate versions."""
    errors: list[BaseException] = []

    def post(text: str) -> None:
        try:
            store.put_document("s", "race", text=text)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=post, args=("same",)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.list_versions("s", "race") == [1]
    threads = [threading.Thread(target=post, args=(f"text {i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.list_versions("s", "race") == list(range(1, 10))


def test_ping(store: ClaimStore) -> None:
    store.ping()


@pytest.mark.parametrize(
    "value,ok",
    [
        ("kim-putin-2019", True), ("A.b_c-1", True), ("x" * 128, True), ("x" * 129, False),
        ("", False), ("-leading-dash", False), (".hidden", False), ("a..b", False),
        ("../etc/passwd", False), ("a/b", False), ("a b", False), ("a%2Fb", False),
        ("caf\u00e9", False), ("a\x00b", False), (5, False), (None, False),
        ("a\n", False), ("a\r\n", False), ("\na", False), ("/etc/passwd", False),
        ("\uff0e\uff0e", False), ("\u0430dmin", False),  # fullwidth dots, Cyrillic a
    ],
    ids=repr,
)
def test_id_pattern(value: object, ok: bool) -> None:
    assert is_valid_id(value) is ok
    if not ok:
        with pytest.raises(InputError) as info:
            validate_id(value, "story")
        assert info.value.field == "story"
