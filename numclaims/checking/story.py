"""A story checked one document at a time, against an index of what it already states.

:func:`numclaims.check` compares documents it is given all at once. A story in the claim store
grows by one document per request, and re-checking every stored document on each request costs
more as the story grows, until every request runs out of time. This module keeps the result of
the cross-check as an *index* instead: the clusters of claims (each a fact several documents
state), their word centroids, the inverted index that finds candidate clusters, how often each
word occurs in the story's documents, and every cluster's current finding. A new document is
clustered against that index, and only the findings of the clusters it joins are worked out
again, so the cost of adding a document does not grow with the story.

The decisions are those of the one-shot check (:class:`~numclaims.checking.grouping.Clustering`,
:func:`~numclaims.checking.groups.verdict`, the date checks); two things differ, both documented
in the README:

* word weights (IDF) are those of the story when a claim joins it, not recomputed as the story
  grows, so a large story can group a little differently from one ``check()`` of all of it;
* a cluster's verdict is given over its first ``SHOWN_CLAIMS`` claims, each other reading once
  (in the first document that states it; the others are counted) and the new document's own
  claims: the same verdict as over every member, at a bounded cost. Its ``MAX_VARIANTS`` most
  stated readings count, and its centroid keeps its ``CENTROID_WORDS`` heaviest words.

The index itself lives behind :class:`StoryIndex`; :mod:`numclaims.store.story_index` keeps it
in SQLite or PostgreSQL inside the transaction that stores the document.
"""

from __future__ import annotations

import hashlib
import json
import math
from abc import ABC, abstractmethod
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from numclaims.checking.arithmetic import check_arithmetic
from numclaims.checking.claims import Item, build_items
from numclaims.checking.dates import check_weekdays, date_bucket, group_verdict
from numclaims.checking.grouping import (
    FRAME_MARK, MAX_POSTINGS, VALUE_MARK, Cluster, Clustering, weighted,
)
from numclaims.checking.groups import block, groupable, magnitude, per_year, typical, verdict
from numclaims.checking.inline import DEFAULT_TOLERANCE, check_inline
from numclaims.checking.inputs import Document
from numclaims.checking.moments import Moment
from numclaims.checking.readings import Reading
from numclaims.checking.report import ORDER
from numclaims.checking.text import Token, is_content, tokens
from numclaims.model import CLAIM_FIELDS, CheckItem, Claim, Mention

#: How many distinct readings of one cluster a verdict considers, most stated first: a fact
#: that outlets state in more ways than this is divergent or in conflict whatever the rest say.
MAX_VARIANTS = 20
#: A finding names the claims of its first documents, up to this many claims; beyond them each
#: reading is named once, in its first document, and the other documents are counted.
SHOWN_CLAIMS = 12
#: Words kept in a stored centroid: the heaviest, enough to score any candidate claim.
CENTROID_WORDS = 96

SECTIONS = ("inline", "groups", "dates")


@dataclass(frozen=True, slots=True)
class StoredCluster:
    """A cluster as the index keeps it: enough to score a claim against it, no members."""

    section: str
    block: str
    bucket: int
    centroid: dict[str, float]
    norm2: float


@dataclass(frozen=True, slots=True)
class Variant:
    """One distinct reading of a cluster: a stored claim, and which documents state it."""

    key: str
    payload: dict[str, Any]  # the claim of the first document that states it
    documents: int


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """One claim of one document in the index: its cluster and the vector it added there."""

    cluster: int
    vector: dict[str, float]
    variant: str


class StoryIndex(ABC):
    """Where one story's index is kept; every method runs inside the caller's transaction."""

    @abstractmethod
    def document_count(self) -> int:
        """Documents in the story (the one being added already counted)."""

    @abstractmethod
    def term_counts(self, words: Sequence[str]) -> dict[str, int]:
        """How many of the story's documents use each of ``words``."""

    @abstractmethod
    def add_terms(self, words: Sequence[str], delta: int) -> None:
        """Count a document's words in (``delta=1``) or out (``-1``)."""

    @abstractmethod
    def postings(self, block: str, word: str, limit: int) -> list[int]:
        """The latest ``limit`` clusters of ``block`` that ``word`` indexes, oldest first."""

    @abstractmethod
    def add_posting(self, block: str, word: str, cluster: int) -> None: ...

    @abstractmethod
    def load_cluster(self, cluster: int) -> StoredCluster | None: ...

    @abstractmethod
    def new_cluster(self, section: str, block: str, bucket: int) -> int:
        """A new, empty cluster's id."""

    @abstractmethod
    def save_cluster(self, cluster: int, centroid: Mapping[str, float], norm2: float) -> None: ...

    @abstractmethod
    def claims_of(self, doc: str) -> list[StoredClaim]:
        """The claims a document put in the index."""

    @abstractmethod
    def add_claim(self, doc: str, item: int, cluster: int, variant: str,
                  payload: Mapping[str, Any], vector: Mapping[str, float]) -> None:
        """Record a claim in its cluster (and count its document and reading there)."""

    @abstractmethod
    def remove_claims(self, doc: str) -> None:
        """Take every claim of ``doc`` out of its cluster (and out of the counts)."""

    @abstractmethod
    def cluster_documents(self, cluster: int) -> int:
        """How many documents state something in ``cluster``."""

    @abstractmethod
    def variants(self, cluster: int, limit: int) -> list[Variant]:
        """The cluster's ``limit`` most stated readings, most stated first."""

    @abstractmethod
    def first_claims(self, cluster: int, limit: int) -> list[tuple[str, dict[str, Any]]]:
        """The cluster's first ``limit`` claims, oldest first, as (reading, payload)."""

    @abstractmethod
    def put_finding(self, key: str, section: str, rank: int, doc: str, start: int,
                    finding: Mapping[str, Any]) -> None: ...

    @abstractmethod
    def remove_findings(self, keys: Sequence[str]) -> None: ...

    @abstractmethod
    def findings(self, keys: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
        """(section, finding) for the given keys, in report order."""

    @abstractmethod
    def document_findings(self, doc: str) -> list[str]:
        """The keys of the findings a document's own checks made (inline, weekdays)."""

    @abstractmethod
    def set_document_findings(self, doc: str, keys: Sequence[str]) -> None: ...


@dataclass(slots=True)
class Prepared:
    """A document made ready for the index outside the store's transaction: its claims, its
    own checks (restatements, weekdays) and its content words."""

    doc: Document
    items: list[Item]
    own: list[tuple[str, CheckItem]]
    words: list[str]


def prepare(doc: Document, mentions: Sequence[Mention], *,
            tolerance: float = DEFAULT_TOLERANCE) -> Prepared:
    """Everything about one document that does not depend on the rest of the story.

    >>> doc = Document("a", "Russia shares a 17km border with North Korea.")
    >>> from numclaims.extraction.pipeline import extract
    >>> p = prepare(doc, extract(doc.text))
    >>> [i.mention.text for i in p.items], "border" in p.words
    (['17km'], True)
    """
    items = build_items(doc, list(mentions))
    own = [("inline", found) for found in check_inline(items, tolerance=tolerance)]
    own += [("dates", found) for found in check_weekdays(items)]
    # the arithmetic inside the document; parts against other reports' totals are check()'s only
    own += [("groups", found) for found in check_arithmetic(items)]
    words = sorted({t.lemma for t in tokens(doc.text) if is_content(t)})
    return Prepared(doc, items, own, words)


def mention_from_dict(data: Mapping[str, Any]) -> Mention:
    """The :class:`Mention` that ``Mention.to_dict()`` gave (as stored with a document).

    >>> m = Mention(0, 4, "17km", "length", 17.0, "kilometer", ambiguities=("m",))
    >>> mention_from_dict(m.to_dict()) == m
    True
    """
    known = {k: v for k, v in data.items() if k in Mention.__dataclass_fields__}
    known["ambiguities"] = tuple(known.get("ambiguities") or ())
    return Mention(**known)


def _block(item: Item) -> tuple[str, str, int]:
    """(section, block, bucket): dates cluster by month, quantities by kind, unit, magnitude."""
    assert item.reading is not None
    if item.mention.kind == "date":
        return "dates", "date", date_bucket(item)
    return "groups", "|".join(block(item)), magnitude(item)


def _indexed(item: Item) -> bool:
    return item.reading is not None and (item.mention.kind == "date" or groupable(item))


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def _payload(item: Item) -> dict[str, Any]:
    """What a verdict needs of a claim, as JSON: the mention, its reading, scope and date."""
    r = item.reading
    assert r is not None
    return {
        "doc": item.doc.id,
        "index": item.index,
        "published": item.doc.published.isoformat() if item.doc.published else None,
        "mention": item.mention.to_dict(),
        "reading": [_finite(r.low), _finite(r.high), _finite(r.typical_low),
                    _finite(r.typical_high), r.unit],
        "scope": sorted(item.scope),
        "scope_words": [[t.start, t.end, t.surface, t.lemma] for t in item.scope_words],
        "total": item.total,
        "further": item.further,
        "moment": item.moment.to_dict() if item.moment is not None else None,
    }


def _variant(payload: Mapping[str, Any]) -> str:
    """Claims with the same text, unit, reading and scope read alike for every verdict."""
    m = payload["mention"]
    key = json.dumps([m["text"], m["kind"], m["unit"], payload["reading"], payload["scope"]],
                     ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _item(payload: Mapping[str, Any]) -> Item:
    low, high, t_low, t_high, unit = payload["reading"]
    reading = Reading(-math.inf if low is None else low, math.inf if high is None else high,
                      -math.inf if t_low is None else t_low, math.inf if t_high is None else t_high,
                      unit)
    published = date.fromisoformat(payload["published"]) if payload.get("published") else None
    return Item(Document(payload["doc"], "", published), payload["index"],
                mention_from_dict(payload["mention"]), reading,
                scope=frozenset(payload["scope"]),
                scope_words=tuple(Token(*w) for w in payload.get("scope_words") or ()),
                total=payload.get("total"), further=bool(payload.get("further")),
                moment=Moment.from_dict(payload.get("moment")))


def _finding_key(section: str, ident: str) -> str:
    return f"{section}:{ident}"


class _StoredClustering(Clustering):
    """:class:`Clustering` over a story's index: clusters are loaded when a claim meets them."""

    def __init__(self, index: StoryIndex, section: str) -> None:
        super().__init__(key=lambda i: _block(i)[1], bucket=lambda i: _block(i)[2],
                         interval=typical)
        self.index, self.section = index, section
        self.loaded: dict[int, Cluster] = {}
        self.changed: set[int] = set()

    def postings(self, block: Hashable, word: str) -> Sequence[int]:
        return self.index.postings(str(block), word, MAX_POSTINGS)

    def cluster(self, cid: int) -> Cluster:
        found = self.loaded.get(cid)
        if found is None:
            stored = self.index.load_cluster(cid)
            assert stored is not None, f"cluster {cid} is indexed but missing"
            found = Cluster(stored.block, stored.bucket, centroid=dict(stored.centroid),
                            norm2=stored.norm2)
            self.loaded[cid] = found
        return found

    def new_cluster(self, block: Hashable, bucket: int) -> int:
        cid = self.index.new_cluster(self.section, str(block), bucket)
        self.loaded[cid] = Cluster(block, bucket)
        return cid

    def add_posting(self, block: Hashable, word: str, cid: int) -> None:
        self.index.add_posting(str(block), word, cid)

    def place(self, item: Item, vector: Mapping[str, float], cid: int | None) -> int:
        cid = super().place(item, vector, cid)
        self.changed.add(cid)
        return cid


def _pruned(centroid: Mapping[str, float]) -> dict[str, float]:
    kept = [(w, x) for w, x in centroid.items() if x > 1e-12]
    if len(kept) > CENTROID_WORDS:
        # the value and frame marks are light but decide which claims may join: always kept
        marks = [(w, x) for w, x in kept if w.startswith((VALUE_MARK, FRAME_MARK))]
        words = [(w, x) for w, x in kept if not w.startswith((VALUE_MARK, FRAME_MARK))]
        kept = sorted(words, key=lambda wx: wx[1], reverse=True)[:CENTROID_WORDS] + marks
    return dict(kept)


@dataclass(slots=True)
class Findings:
    """The checks that involve one document, by report section."""

    inline: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        return {"inline": self.inline, "groups": self.groups, "dates": self.dates}


class StoryChecker:
    """Adds, replaces and removes documents of one story in its index, and says what changed."""

    def __init__(self, index: StoryIndex, *, tolerance: float = DEFAULT_TOLERANCE) -> None:
        self.index, self.tolerance = index, tolerance

    def remove(self, doc: str, words: Sequence[str]) -> None:
        """Take a document (whose content words were ``words``) out of the index."""
        claims = self.index.claims_of(doc)
        self.index.remove_claims(doc)
        self.index.add_terms(words, -1)
        self.index.remove_findings(self.index.document_findings(doc))
        self.index.set_document_findings(doc, [])
        touched: dict[int, list[dict[str, float]]] = {}
        for claim in claims:
            touched.setdefault(claim.cluster, []).append(claim.vector)
        for cid, vectors in touched.items():
            stored = self.index.load_cluster(cid)
            if stored is None:
                continue
            centroid = dict(stored.centroid)
            for vector in vectors:
                for w, x in vector.items():
                    if w in centroid:
                        centroid[w] -= x
            centroid = _pruned(centroid)
            # the running norm cannot be taken back past pruned words: start it again from
            # what the centroid keeps
            self.index.save_cluster(cid, centroid, sum(x * x for x in centroid.values()))
            self._refresh(cid, stored.section, centroid)

    def add(self, prepared: Prepared) -> Findings:
        """Index a new document (not in the index yet) and return the checks that involve it."""
        doc = prepared.doc
        self.index.add_terms(prepared.words, 1)
        n = self.index.document_count()
        df = self.index.term_counts(sorted({w for i in prepared.items for w in i.features}))
        weights = {w: math.log(1 + n / count) for w, count in df.items() if count > 0}
        clusterings = {s: _StoredClustering(self.index, s) for s in ("groups", "dates")}
        placed: dict[int, list[Item]] = {}
        by_section: dict[str, list[tuple[Item, dict[str, float]]]] = {s: [] for s in clusterings}
        for item in prepared.items:
            if _indexed(item):
                item = per_year(item)  # a money rate per week is compared per year, as check() does
                by_section[_block(item)[0]].append((item, weighted(item, weights)))
        for section, claims in by_section.items():
            # the document's claims are placed together, as check() places them
            for (item, vector), cid in zip(claims, clusterings[section].assign_document(claims)):
                payload = _payload(item)
                self.index.add_claim(doc.id, item.index, cid, _variant(payload), payload, vector)
                placed.setdefault(cid, []).append(item)
        found = Findings()
        for section, clustering in clusterings.items():
            for cid in sorted(clustering.changed):
                c = clustering.cluster(cid)
                centroid = _pruned(c.centroid)
                self.index.save_cluster(cid, centroid, c.norm2)
                finding = self._refresh(cid, section, centroid, own=placed.get(cid, ()))
                if finding is not None:
                    getattr(found, section).append(finding)
        keys = []
        for n_own, (section, check_item) in enumerate(prepared.own):
            key = _finding_key(section, f"{doc.id}#{n_own}")
            first = check_item.claims[0]
            self.index.put_finding(key, section, ORDER.get(check_item.verdict, 5), first.doc,
                                   first.start, check_item.to_dict())
            getattr(found, section).append(check_item.to_dict())
            keys.append(key)
        self.index.set_document_findings(doc.id, keys)
        for section in SECTIONS:
            getattr(found, section).sort(key=lambda f: ORDER.get(f["verdict"], 5))
        return found

    def involving(self, doc: str) -> Findings:
        """The stored checks that involve ``doc`` (for a re-post of the same content)."""
        keys = list(self.index.document_findings(doc))
        keys += sorted({_finding_key("cluster", str(c.cluster)) for c in self.index.claims_of(doc)})
        found = Findings()
        for section, finding in self.index.findings(keys):
            getattr(found, section).append(finding)
        return found

    def _refresh(self, cid: int, section: str, centroid: Mapping[str, float],
                 own: Sequence[Item] = ()) -> dict[str, Any] | None:
        """Work out a cluster's finding again and store it; ``None`` if it has no claims left."""
        key = _finding_key("cluster", str(cid))
        variants = self.index.variants(cid, MAX_VARIANTS)
        if not variants:
            self.index.remove_findings([key])
            return None
        cluster = Cluster(section, 0, centroid=dict(centroid),
                          document_count=self.index.cluster_documents(cid))
        own_docs = {item.doc.id for item in own}
        members = list(own)
        named: dict[str, set[str]] = {}  # reading -> the documents the members name
        for item in own:
            named.setdefault(_variant(_payload(item)), set()).add(item.doc.id)
        first = [(v, c) for v, c in self.index.first_claims(cid, SHOWN_CLAIMS)
                 if c["doc"] not in own_docs]
        shown = {k for k, _ in first}
        first += [(v.key, v.payload) for v in variants
                  if v.key not in shown and v.payload["doc"] not in own_docs]
        for key_, claim in first:
            members.append(_item(claim))
            named.setdefault(key_, set()).add(claim["doc"])
        for variant in variants:
            hidden = variant.documents - len(named.get(variant.key, ()))
            if hidden > 0:
                text = variant.payload["mention"]["text"]
                cluster.more[text] = cluster.more.get(text, 0) + hidden
        # members in the order a one-shot check meets them: by document, then by position
        for member in sorted(members, key=lambda m: (m.doc.id, m.index)):
            cluster.add(member, {})
        if section == "dates":
            check_item = group_verdict(cluster)
        else:
            check_item = verdict(cluster, tolerance=self.tolerance)
        first = check_item.claims[0]
        finding = check_item.to_dict()
        self.index.put_finding(key, section, ORDER.get(check_item.verdict, 5), first.doc,
                               first.start, finding)
        return finding


def check_item_from_dict(data: Mapping[str, Any]) -> CheckItem:
    """The :class:`CheckItem` that ``CheckItem.to_dict()`` gave (a stored finding).

    >>> item = CheckItem((Claim("a", 0, 4, "17km", 17.0, "kilometer", 16.5, 17.5, None),),
    ...                  "single_source", "only a", {"kind": "length"})
    >>> check_item_from_dict(item.to_dict()) == item
    True
    """
    details = {k: v for k, v in data.items() if k not in ("claims", "verdict", "explanation")}
    claims = tuple(Claim(**{k: c.get(k) for k in CLAIM_FIELDS}) for c in data["claims"])
    return CheckItem(claims, data["verdict"], data["explanation"], details)
