"""Find claims about the same fact across documents, without comparing every pair.

Each claim is a weighted bag of the words around it (IDF-weighted, so words that every report of
the story uses count for little). Claims are clustered in one pass, leader-follower style: a claim
joins the most similar existing cluster if it is similar enough, else it starts one. Blocking keeps
the pass near-linear:

* a claim is only compared with clusters of its own **block** (same kind and canonical unit),
* whose **magnitude bucket** is within one of its own (orders of magnitude for quantities, months
  for dates), so "17km" meets "27km" but never "100,000 tonnes",
* and that share one of its most telling words (an inverted index), at most ``MAX_CANDIDATES``.

The cost per claim is bounded by those constants, not by the number of documents.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from numclaims.check.claims import Item

# How many of a claim's words look up candidate clusters, and how many candidates are scored.
INDEX_WORDS = 8
MAX_CANDIDATES = 30
MAX_POSTINGS = 200
# Cosine similarity (0..1) a claim needs with a cluster's centroid to join it.
THRESHOLD = 0.3


def idf(documents: Iterable[Iterable[str]]) -> dict[str, float]:
    """Inverse document frequency of each word, ``log(1 + N / df)``.

    The smooth form keeps words every report uses ("Russia" in a story about Russia) at a low
    but non-zero weight: with five reports they still help, with thousands they fade.

    >>> weights = idf([{"border", "russia"}, {"russia"}])
    >>> round(weights["border"], 3), round(weights["russia"], 3)
    (1.099, 0.693)
    """
    df: Counter[str] = Counter()
    n = 0
    for words in documents:
        n += 1
        df.update(set(words))
    return {word: math.log(1 + n / count) for word, count in df.items()}


@dataclass(slots=True)
class Cluster:
    """Claims taken to state one fact, with the running sum of their word vectors."""

    key: Hashable
    bucket: int
    members: list[Item] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    by_doc: dict[str, list[Item]] = field(default_factory=dict)
    indexed: set[str] = field(default_factory=set)

    def add(self, item: Item, vector: Mapping[str, float]) -> None:
        dot = sum(self.centroid.get(w, 0.0) * x for w, x in vector.items())
        self.norm2 += 2 * dot + sum(x * x for x in vector.values())
        for w, x in vector.items():
            self.centroid[w] = self.centroid.get(w, 0.0) + x
        self.members.append(item)
        self.by_doc.setdefault(item.doc.id, []).append(item)

    def similarity(self, vector: Mapping[str, float], norm: float) -> float:
        if not self.norm2 or not norm:
            return 0.0
        dot = sum(self.centroid.get(w, 0.0) * x for w, x in vector.items())
        return dot / (math.sqrt(self.norm2) * norm)

    @property
    def documents(self) -> set[str]:
        return set(self.by_doc)


def cluster(
    items: Sequence[Item],
    weights: Mapping[str, float],
    *,
    key: Callable[[Item], Hashable],
    bucket: Callable[[Item], int],
    compatible: Callable[[Item, Item], bool] = lambda a, b: True,
    threshold: float = THRESHOLD,
) -> list[Cluster]:
    """Cluster ``items`` by the similarity of their context words, within blocks.

    ``compatible(a, b)`` is asked of a claim and each member from its own document, so that two
    different numbers in one report are not taken for one fact.

    >>> from numclaims.check.claims import Document, Item
    >>> from numclaims.model import Mention
    >>> def item(doc, words):
    ...     return Item(Document(doc, ""), 0, Mention(0, 1, "1", "count", 1.0), None,
    ...                 features=dict.fromkeys(words, 1.0))
    >>> found = cluster([item("a", ["border", "korea"]), item("b", ["border", "korea"]),
    ...                  item("c", ["flour", "aid"])], {}, key=lambda i: 0, bucket=lambda i: 0)
    >>> [sorted(c.documents) for c in found]
    [['a', 'b'], ['c']]
    """
    clusters: list[Cluster] = []
    postings: dict[tuple[Hashable, str], list[int]] = defaultdict(list)
    for item in items:
        vector = {w: x * weights.get(w, 1.0) for w, x in item.features.items()}
        vector = {w: x for w, x in vector.items() if x > 0}
        norm = math.sqrt(sum(x * x for x in vector.values()))
        block, b = key(item), bucket(item)
        telling = sorted(vector, key=vector.__getitem__, reverse=True)[:INDEX_WORDS]
        shared: Counter[int] = Counter()
        for word in telling:
            # a very common word may index many clusters: its latest ones are enough to look at
            shared.update(postings.get((block, word), ())[-MAX_POSTINGS:])
        best, best_sim = None, threshold
        for cid, _ in shared.most_common(MAX_CANDIDATES):
            candidate = clusters[cid]
            if abs(candidate.bucket - b) > 1:
                continue
            if any(not compatible(m, item) for m in candidate.by_doc.get(item.doc.id, ())):
                continue
            sim = candidate.similarity(vector, norm)
            if sim >= best_sim:
                best, best_sim = cid, sim
        if best is None:
            best = len(clusters)
            clusters.append(Cluster(block, b))
        target = clusters[best]
        target.add(item, vector)
        for word in telling:
            if word not in target.indexed:
                target.indexed.add(word)
                postings[(block, word)].append(best)
    return clusters
