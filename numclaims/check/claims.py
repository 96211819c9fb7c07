"""Claims as the checker sees them: a mention, its document, its reading and the words around it.

One :class:`Item` per extracted quantity. The words of its sentence (weighted by how close they
are to the number) say which fact it is about; the places and periods of its own clause say what
scope it holds for.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from numclaims.check.inputs import Document
from numclaims.check.readings import Reading, reading
from numclaims.check.scope import scope_terms
from numclaims.check.text import (
    clause_bounds, enclosing, is_content, sentence_bounds, tokens,
)
from numclaims.model import Claim, Mention

# A word next to the number counts fully; one PROXIMITY words away counts half.
PROXIMITY = 4.0
# The extractor's subject noun ("border", "workers") is the best single clue to the fact.
SUBJECT_WEIGHT = 2.0


@dataclass(slots=True)
class Item:
    """One mention of one document, ready to be compared with others."""

    doc: Document
    index: int
    mention: Mention
    reading: Reading | None
    features: dict[str, float] = field(default_factory=dict)
    scope: frozenset[str] = frozenset()

    @property
    def claim(self) -> Claim:
        return to_claim(self.doc.id, self.mention)

    @property
    def label(self) -> str:
        """How explanations name this claim: its text and document, e.g. ``"17km" (doc 000)``."""
        return f'"{self.mention.text}" ({self.doc.id})'


def to_claim(doc: str, m: Mention) -> Claim:
    """The public view of a mention in a report.

    >>> to_claim("a", Mention(3, 7, "17km", "length", 17.0, "kilometer")).text
    '17km'
    """
    return Claim(doc, m.start, m.end, m.text, m.value, m.unit, m.low, m.high, m.normalized)


def build_items(doc: Document, mentions: list[Mention]) -> list[Item]:
    """An :class:`Item` for every mention of ``doc``, with its context words and scope.

    >>> text = "Russia shares a 17km border with North Korea."
    >>> m = Mention(16, 20, "17km", "length", 17.0, "kilometer", precision=0.5, subject="border",
    ...             normalized={"value": 17000.0, "unit": "meter"})
    >>> item = build_items(Document("d", text), [m])[0]
    >>> max(item.features, key=item.features.get), item.reading.low
    ('border', 16500.0)
    """
    text = doc.text
    sentences = sentence_bounds(text)
    spans = sorted((m.start, m.end) for m in mentions)
    starts = [s for s, _ in spans]
    longest = max((e - s for s, e in spans), default=0)
    items = []
    for index, m in enumerate(mentions):
        s_start, s_end = enclosing(sentences, m.start, m.end)
        c_start, c_end = enclosing(clause_bounds(text, s_start, s_end), m.start, m.end)
        # only the quantities of this sentence can hide its words: a dense document (hundreds of
        # figures) would otherwise test every word against every figure of the document
        local = tuple(spans[bisect_left(starts, s_start - longest):bisect_left(starts, s_end)])
        items.append(Item(
            doc=doc,
            index=index,
            mention=m,
            reading=reading(m),
            features=_features(text, s_start, s_end, m, local),
            scope=scope_terms(text, c_start, c_end, skip=local),
        ))
    return items


def _features(text: str, start: int, end: int, m: Mention, spans: tuple[tuple[int, int], ...]) -> dict[str, float]:
    words = [t for t in tokens(text, start, end) if not any(s <= t.start < e for s, e in spans)]
    before = sum(1 for t in words if t.end <= m.start)
    weights: dict[str, float] = {}
    for i, token in enumerate(words):
        if not is_content(token):
            continue
        distance = before - i - 1 if i < before else i - before
        w = 1.0 / (1.0 + distance / PROXIMITY)
        weights[token.lemma] = max(weights.get(token.lemma, 0.0), w)
    for token in tokens(m.subject or ""):
        if is_content(token):
            weights[token.lemma] = weights.get(token.lemma, 0.0) + SUBJECT_WEIGHT
    return weights
