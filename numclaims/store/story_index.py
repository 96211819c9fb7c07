"""A story's claim index (:class:`numclaims.checking.story.StoryIndex`) in SQL tables.

One implementation for both stores: the SQL is written once with ``?`` placeholders and the
tables named through a prefix (``numclaims_`` in a shared PostgreSQL database, none in the
embedded SQLite file); only the table definitions differ by dialect. Every method runs inside
the caller's write transaction, which holds the story's lock, so a document and its place in the
index are committed together or not at all.

Tables (all keyed by story first, so a story's rows sit together and delete together):

=================  ==============================================================================
stories            one row a story: documents, the next cluster id, when it last changed
story_documents    one row a document (latest version): its content words, its own findings
terms              how many of the story's documents use each word (the IDF counts)
clusters           a fact several claims state: block, magnitude bucket, word centroid, norm
postings           (block, word) -> clusters: the inverted index that finds candidate clusters
claims             every indexed claim: its cluster, reading (``variant``), payload and vector
cluster_documents  claims per (cluster, document): how many documents state a cluster
variants           documents per (cluster, distinct reading), with one claim's payload
findings           every finding of the story, in report order: clusters' and documents' own
=================  ==============================================================================
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from numclaims.checking.inputs import Document
from numclaims.checking.report import ORDER
from numclaims.checking.story import (
    SECTIONS, Findings, Prepared, StoredClaim, StoredCluster, StoryChecker, StoryIndex, Variant,
    mention_from_dict, prepare,
)
from numclaims.store.base import StoredDocument, StoryFullError, StoryPage, StorySummary

#: Index tables, newest schema; ``{p}`` is the table prefix, ``{id}`` the dialect's row id.
_TABLES = (
    """CREATE TABLE {p}stories (
        story        TEXT    NOT NULL PRIMARY KEY,
        documents    INTEGER NOT NULL DEFAULT 0,
        next_cluster INTEGER NOT NULL DEFAULT 1,
        updated_at   TEXT    NOT NULL
    )""",
    """CREATE TABLE {p}story_documents (
        story    TEXT NOT NULL,
        doc_id   TEXT NOT NULL,
        words    TEXT NOT NULL,
        findings TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (story, doc_id)
    )""",
    """CREATE TABLE {p}terms (
        story TEXT    NOT NULL,
        word  TEXT    NOT NULL,
        df    INTEGER NOT NULL,
        PRIMARY KEY (story, word)
    )""",
    """CREATE TABLE {p}clusters (
        story      TEXT    NOT NULL,
        cluster_id INTEGER NOT NULL,
        section    TEXT    NOT NULL,
        block      TEXT    NOT NULL,
        bucket     INTEGER NOT NULL,
        centroid   TEXT    NOT NULL,
        norm2      DOUBLE PRECISION NOT NULL,
        documents  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (story, cluster_id)
    )""",
    """CREATE TABLE {p}postings (
        story      TEXT    NOT NULL,
        block      TEXT    NOT NULL,
        word       TEXT    NOT NULL,
        cluster_id INTEGER NOT NULL,
        PRIMARY KEY (story, block, word, cluster_id)
    )""",
    """CREATE TABLE {p}claims (
        id         {id},
        story      TEXT    NOT NULL,
        doc_id     TEXT    NOT NULL,
        item       INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL,
        variant    TEXT    NOT NULL,
        payload    TEXT    NOT NULL,
        vector     TEXT    NOT NULL
    )""",
    "CREATE INDEX {p}claims_by_document ON {p}claims (story, doc_id)",
    "CREATE INDEX {p}claims_by_variant ON {p}claims (story, cluster_id, variant, id)",
    """CREATE TABLE {p}cluster_documents (
        story      TEXT    NOT NULL,
        cluster_id INTEGER NOT NULL,
        doc_id     TEXT    NOT NULL,
        claims     INTEGER NOT NULL,
        PRIMARY KEY (story, cluster_id, doc_id)
    )""",
    """CREATE TABLE {p}variants (
        story      TEXT    NOT NULL,
        cluster_id INTEGER NOT NULL,
        variant    TEXT    NOT NULL,
        documents  INTEGER NOT NULL,
        payload    TEXT    NOT NULL,
        PRIMARY KEY (story, cluster_id, variant)
    )""",
    "CREATE INDEX {p}variants_by_documents ON {p}variants (story, cluster_id, documents)",
    """CREATE TABLE {p}findings (
        story   TEXT    NOT NULL,
        key     TEXT    NOT NULL,
        section TEXT    NOT NULL,
        rank    INTEGER NOT NULL,
        doc_id  TEXT    NOT NULL,
        start   INTEGER NOT NULL,
        payload TEXT    NOT NULL,
        PRIMARY KEY (story, key)
    )""",
    "CREATE INDEX {p}findings_in_order ON {p}findings (story, section, rank, doc_id, start, key)",
)

ROW_ID = {"sqlite": "INTEGER PRIMARY KEY", "postgresql": "BIGSERIAL PRIMARY KEY"}

#: The tables of one story, in the order a story's delete clears them.
STORY_TABLES = ("findings", "variants", "cluster_documents", "claims", "postings", "clusters",
                "terms", "story_documents", "stories")


def index_tables(prefix: str, dialect: str) -> tuple[str, ...]:
    """The ``CREATE`` statements of the index tables for ``dialect`` (``sqlite``, ``postgresql``).

    >>> index_tables("numclaims_", "postgresql")[0].split("(")[0].strip()
    'CREATE TABLE numclaims_stories'
    """
    return tuple(sql.format(p=prefix, id=ROW_ID[dialect]) for sql in _TABLES)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


Run = Callable[[str, Sequence[Any]], Any]


def _dialect(sql: str, prefix: str, placeholder: str) -> str:
    """SQL written with ``{p}`` table prefixes and ``?`` placeholders, as the driver wants it."""
    sql = sql.replace("{p}", prefix)
    return sql if placeholder == "?" else sql.replace("?", placeholder)


class SqlStoryIndex(StoryIndex):
    """One story's index over ``run(sql, params)`` (a cursor's ``execute``), in a transaction.

    ``run`` takes SQL with ``?`` placeholders; ``placeholder`` is what the driver wants instead.
    """

    def __init__(self, run: Run, story: str, *, prefix: str = "", placeholder: str = "?") -> None:
        self._run, self.story, self.p, self._mark = run, story, prefix, placeholder
        # (doc, cluster, reading) already counted in this transaction: a document that states
        # one reading twice in a cluster counts once
        self._counted: set[tuple[str, int, str]] = set()

    def _q(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._run(_dialect(sql, self.p, self._mark), tuple(params))

    # -- the story row ---------------------------------------------------------------------

    def ensure_story(self) -> None:
        self._q("INSERT INTO {p}stories (story, documents, next_cluster, updated_at) "
                "VALUES (?, 0, 1, ?) ON CONFLICT (story) DO NOTHING", (self.story, _now()))

    def count_document(self, delta: int) -> None:
        self._q("UPDATE {p}stories SET documents = documents + ?, updated_at = ? WHERE story = ?",
                (delta, _now(), self.story))

    def touch(self) -> None:
        self._q("UPDATE {p}stories SET updated_at = ? WHERE story = ?", (_now(), self.story))

    def document_count(self) -> int:
        row = self._q("SELECT documents FROM {p}stories WHERE story = ?", (self.story,)).fetchone()
        return int(row[0]) if row else 0

    def has_document(self, doc: str) -> bool:
        return self._q("SELECT 1 FROM {p}story_documents WHERE story = ? AND doc_id = ?",
                       (self.story, doc)).fetchone() is not None

    def document_words(self, doc: str) -> list[str] | None:
        row = self._q("SELECT words FROM {p}story_documents WHERE story = ? AND doc_id = ?",
                      (self.story, doc)).fetchone()
        return json.loads(row[0]) if row else None

    def put_document_words(self, doc: str, words: Sequence[str]) -> None:
        self._q("INSERT INTO {p}story_documents (story, doc_id, words) VALUES (?, ?, ?) "
                "ON CONFLICT (story, doc_id) DO UPDATE SET words = excluded.words",
                (self.story, doc, _dumps(list(words))))

    def drop_document(self, doc: str) -> None:
        self._q("DELETE FROM {p}story_documents WHERE story = ? AND doc_id = ?", (self.story, doc))

    def drop_story(self) -> None:
        for table in STORY_TABLES:
            self._q(f"DELETE FROM {{p}}{table} WHERE story = ?", (self.story,))

    # -- StoryIndex ------------------------------------------------------------------------

    def term_counts(self, words: Sequence[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for start in range(0, len(words), 500):  # bounded IN lists
            chunk = list(words[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for word, df in self._q(f"SELECT word, df FROM {{p}}terms WHERE story = ? AND word IN ({marks})",
                                    (self.story, *chunk)).fetchall():
                counts[word] = int(df)
        return counts

    def add_terms(self, words: Sequence[str], delta: int) -> None:
        for word in words:
            self._q("INSERT INTO {p}terms (story, word, df) VALUES (?, ?, ?) "
                    "ON CONFLICT (story, word) DO UPDATE SET df = {p}terms.df + excluded.df",
                    (self.story, word, delta))
        if delta < 0:
            self._q("DELETE FROM {p}terms WHERE story = ? AND df <= 0", (self.story,))

    def postings(self, block: str, word: str, limit: int) -> list[int]:
        rows = self._q("SELECT cluster_id FROM {p}postings WHERE story = ? AND block = ? AND word = ? "
                       "ORDER BY cluster_id DESC LIMIT ?", (self.story, block, word, limit)).fetchall()
        return [int(r[0]) for r in reversed(rows)]

    def add_posting(self, block: str, word: str, cluster: int) -> None:
        self._q("INSERT INTO {p}postings (story, block, word, cluster_id) VALUES (?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING", (self.story, block, word, cluster))

    def load_cluster(self, cluster: int) -> StoredCluster | None:
        row = self._q("SELECT section, block, bucket, centroid, norm2 FROM {p}clusters "
                      "WHERE story = ? AND cluster_id = ?", (self.story, cluster)).fetchone()
        if row is None:
            return None
        section, block, bucket, centroid, norm2 = row
        return StoredCluster(section, block, int(bucket), json.loads(centroid), float(norm2))

    def new_cluster(self, section: str, block: str, bucket: int) -> int:
        row = self._q("SELECT next_cluster FROM {p}stories WHERE story = ?", (self.story,)).fetchone()
        cid = int(row[0])
        self._q("UPDATE {p}stories SET next_cluster = ? WHERE story = ?", (cid + 1, self.story))
        self._q("INSERT INTO {p}clusters (story, cluster_id, section, block, bucket, centroid, norm2) "
                "VALUES (?, ?, ?, ?, ?, '{}', 0)", (self.story, cid, section, block, bucket))
        return cid

    def save_cluster(self, cluster: int, centroid: Mapping[str, float], norm2: float) -> None:
        self._q("UPDATE {p}clusters SET centroid = ?, norm2 = ? WHERE story = ? AND cluster_id = ?",
                (_dumps(dict(centroid)), float(norm2), self.story, cluster))

    def claims_of(self, doc: str) -> list[StoredClaim]:
        rows = self._q("SELECT cluster_id, vector, variant FROM {p}claims WHERE story = ? AND doc_id = ? "
                       "ORDER BY id", (self.story, doc)).fetchall()
        return [StoredClaim(int(c), json.loads(v), variant) for c, v, variant in rows]

    def add_claim(self, doc: str, item: int, cluster: int, variant: str,
                  payload: Mapping[str, Any], vector: Mapping[str, float]) -> None:
        body = _dumps(payload)
        self._q("INSERT INTO {p}claims (story, doc_id, item, cluster_id, variant, payload, vector) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (self.story, doc, item, cluster, variant, body, _dumps(dict(vector))))
        first = self._q("SELECT claims FROM {p}cluster_documents WHERE story = ? AND cluster_id = ? "
                        "AND doc_id = ?", (self.story, cluster, doc)).fetchone() is None
        self._q("INSERT INTO {p}cluster_documents (story, cluster_id, doc_id, claims) VALUES (?, ?, ?, 1) "
                "ON CONFLICT (story, cluster_id, doc_id) DO UPDATE SET claims = {p}cluster_documents.claims + 1",
                (self.story, cluster, doc))
        if first:
            self._q("UPDATE {p}clusters SET documents = documents + 1 WHERE story = ? AND cluster_id = ?",
                    (self.story, cluster))
        if (doc, cluster, variant) in self._counted:
            return
        self._counted.add((doc, cluster, variant))
        self._q("INSERT INTO {p}variants (story, cluster_id, variant, documents, payload) "
                "VALUES (?, ?, ?, 1, ?) ON CONFLICT (story, cluster_id, variant) "
                "DO UPDATE SET documents = {p}variants.documents + 1",
                (self.story, cluster, variant, body))

    def remove_claims(self, doc: str) -> None:
        claims = self.claims_of(doc)
        for cluster, variant in sorted({(c.cluster, c.variant) for c in claims}):
            self._q("UPDATE {p}variants SET documents = documents - 1 WHERE story = ? "
                    "AND cluster_id = ? AND variant = ?", (self.story, cluster, variant))
        for cluster in sorted({c.cluster for c in claims}):
            self._q("UPDATE {p}clusters SET documents = documents - 1 WHERE story = ? AND cluster_id = ?",
                    (self.story, cluster))
            self._q("DELETE FROM {p}cluster_documents WHERE story = ? AND cluster_id = ? AND doc_id = ?",
                    (self.story, cluster, doc))
            self._q("DELETE FROM {p}variants WHERE story = ? AND cluster_id = ? AND documents <= 0",
                    (self.story, cluster))
        self._q("DELETE FROM {p}claims WHERE story = ? AND doc_id = ?", (self.story, doc))
        for cluster in sorted({c.cluster for c in claims}):
            # the payload a reading shows may have been this document's: take a remaining one
            for variant, in self._q("SELECT variant FROM {p}variants WHERE story = ? AND cluster_id = ?",
                                    (self.story, cluster)).fetchall():
                row = self._q("SELECT payload FROM {p}claims WHERE story = ? AND cluster_id = ? "
                              "AND variant = ? ORDER BY id LIMIT 1",
                              (self.story, cluster, variant)).fetchone()
                if row is not None:
                    self._q("UPDATE {p}variants SET payload = ? WHERE story = ? AND cluster_id = ? "
                            "AND variant = ?", (row[0], self.story, cluster, variant))

    def cluster_documents(self, cluster: int) -> int:
        row = self._q("SELECT documents FROM {p}clusters WHERE story = ? AND cluster_id = ?",
                      (self.story, cluster)).fetchone()
        return int(row[0]) if row else 0

    def variants(self, cluster: int, limit: int) -> list[Variant]:
        rows = self._q("SELECT variant, documents, payload FROM {p}variants WHERE story = ? "
                       "AND cluster_id = ? ORDER BY documents DESC, variant LIMIT ?",
                       (self.story, cluster, limit)).fetchall()
        return [Variant(variant, json.loads(payload), int(documents))
                for variant, documents, payload in rows]

    def first_claims(self, cluster: int, limit: int) -> list[tuple[str, dict[str, Any]]]:
        rows = self._q("SELECT variant, payload FROM {p}claims WHERE story = ? AND cluster_id = ? "
                       "ORDER BY id LIMIT ?", (self.story, cluster, limit)).fetchall()
        return [(variant, json.loads(payload)) for variant, payload in rows]

    def put_finding(self, key: str, section: str, rank: int, doc: str, start: int,
                    finding: Mapping[str, Any]) -> None:
        self._q("INSERT INTO {p}findings (story, key, section, rank, doc_id, start, payload) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (story, key) DO UPDATE SET "
                "section = excluded.section, rank = excluded.rank, doc_id = excluded.doc_id, "
                "start = excluded.start, payload = excluded.payload",
                (self.story, key, section, rank, doc, start, _dumps(dict(finding))))

    def remove_findings(self, keys: Sequence[str]) -> None:
        for key in keys:
            self._q("DELETE FROM {p}findings WHERE story = ? AND key = ?", (self.story, key))

    def findings(self, keys: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
        found = []
        for key in keys:
            row = self._q("SELECT section, rank, doc_id, start, payload FROM {p}findings "
                          "WHERE story = ? AND key = ?", (self.story, key)).fetchone()
            if row is not None:
                found.append(row)
        found.sort(key=lambda r: (r[1], r[2], r[3]))
        return [(section, json.loads(payload)) for section, _, _, _, payload in found]

    def document_findings(self, doc: str) -> list[str]:
        row = self._q("SELECT findings FROM {p}story_documents WHERE story = ? AND doc_id = ?",
                      (self.story, doc)).fetchone()
        return json.loads(row[0]) if row else []

    def set_document_findings(self, doc: str, keys: Sequence[str]) -> None:
        self._q("UPDATE {p}story_documents SET findings = ? WHERE story = ? AND doc_id = ?",
                (_dumps(list(keys)), self.story, doc))

    # -- reading a story -------------------------------------------------------------------

    def page_findings(self, section: str, offset: int, limit: int) -> list[dict[str, Any]]:
        rows = self._q("SELECT payload FROM {p}findings WHERE story = ? AND section = ? "
                       "ORDER BY rank, doc_id, start, key LIMIT ? OFFSET ?",
                       (self.story, section, limit, offset)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def verdict_counts(self) -> dict[str, dict[str, int]]:
        """Per section, how many findings have each verdict."""
        names = {rank: verdict for verdict, rank in ORDER.items()}
        counts: dict[str, dict[str, int]] = {"inline": {}, "groups": {}, "dates": {}}
        for section, rank, n in self._q(
                "SELECT section, rank, COUNT(*) FROM {p}findings WHERE story = ? "
                "GROUP BY section, rank ORDER BY section, rank", (self.story,)).fetchall():
            counts.setdefault(section, {})[names.get(int(rank), "other")] = int(n)
        return counts

    def section_totals(self) -> dict[str, int]:
        rows = self._q("SELECT section, COUNT(*) FROM {p}findings WHERE story = ? GROUP BY section",
                       (self.story,)).fetchall()
        totals = {"inline": 0, "groups": 0, "dates": 0}
        totals.update({section: int(n) for section, n in rows})
        return totals


def make_room(index: SqlStoryIndex, max_documents: int | None) -> None:
    """Raise :class:`StoryFullError` when a new document would take the story past its limit
    (inside the write transaction, which holds the story's lock)."""
    if max_documents is not None:
        count = index.document_count()
        if count >= max_documents:
            raise StoryFullError(index.story, count, max_documents)


def record_document(index: SqlStoryIndex, doc_id: str, prepared: Prepared, *,
                    replacing: bool) -> Findings:
    """Put a new document, or a new version of one (``replacing``), into the story's index."""
    checker = StoryChecker(index)
    if replacing and index.has_document(doc_id):
        checker.remove(doc_id, index.document_words(doc_id) or [])
    else:
        index.count_document(1)
    index.put_document_words(doc_id, prepared.words)
    return checker.add(prepared)


def forget_document(index: SqlStoryIndex, doc_id: str) -> None:
    """Take a deleted document out of the story's index (nothing if it was never in it)."""
    words = index.document_words(doc_id)
    if words is None:
        return
    StoryChecker(index).remove(doc_id, words)
    index.drop_document(doc_id)
    index.count_document(-1)


def prepared_from(doc_id: str, text: str, published: str | None, source: str | None,
                  currency_hint: str | None, mentions: Sequence[Mapping[str, Any]]) -> Prepared:
    """A stored document, made ready for the index from the mentions stored with it."""
    day: date | None = None
    if published:
        try:
            day = date.fromisoformat(published[:10])
        except ValueError:
            day = None
    doc = Document(doc_id, text, day, source, currency_hint)
    return prepare(doc, [mention_from_dict(m) for m in mentions if _complete(m)])


def _complete(mention: Mapping[str, Any]) -> bool:
    # the store keeps whatever mentions it is given; only whole ones can be checked
    return isinstance(mention, Mapping) and all(
        isinstance(mention.get(k), int) for k in ("start", "end")) and "kind" in mention


def read_page(index: SqlStoryIndex, documents: Callable[[], list[StoredDocument]], *,
              offset: int, limit: int) -> StoryPage | None:
    """A page of the story: ``documents()`` (the store's page of them) and the findings of each
    section from ``offset``, with the story's totals; ``None`` when the story has no documents."""
    total = index.document_count()
    if not total:
        return None
    return StoryPage(
        story=index.story,
        documents=documents(),
        document_total=total,
        report={s: index.page_findings(s, offset, limit) for s in SECTIONS},
        totals=index.section_totals(),
        verdicts=index.verdict_counts(),
    )


def list_stories(run: Run, *, prefix: str = "", placeholder: str = "?", offset: int,
                 limit: int) -> tuple[list[StorySummary], int]:
    """A page of the stories that hold documents, most recently changed first, and their count."""
    def q(sql: str, params: Sequence[Any] = ()) -> Any:
        return run(_dialect(sql, prefix, placeholder), tuple(params))

    rows = q("SELECT story, documents, updated_at FROM {p}stories WHERE documents > 0 "
             "ORDER BY updated_at DESC, story LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    total = q("SELECT COUNT(*) FROM {p}stories WHERE documents > 0").fetchone()[0]
    return [StorySummary(*r) for r in rows], int(total)
