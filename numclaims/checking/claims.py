"""Claims as the checker sees them: a mention, its document, its reading and the words around it.

One :class:`Item` per extracted quantity. The words of its sentence (weighted by how close they
are to the number) say which fact it is about; the places and periods of its own clause say what
scope it holds for.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from numclaims.checking.inputs import Document
from numclaims.checking.moments import Moment, attach_moments
from numclaims.checking.readings import Reading, reading
from numclaims.checking.scope import scope_tokens
from numclaims.checking.text import (
    Token, additive_words, clause_bounds, generic_nouns, is_content, priced_words, quoted_averages,
    running_verbs, sentence_bounds, tokens,
)
from numclaims.model import Claim, Mention

# A word next to the number counts fully; one PROXIMITY words away counts half.
PROXIMITY = 4.0
# The extractor's subject noun ("border", "workers") is a clue to the fact, as strong as a word
# next to the figure: weighed more, a wrong subject ("About 2,000 died": "died") outweighs the
# sentence (measured on the development stories: 2.0 grouped worse than 1.0). A generic noun
# ("people") is no clue: as the subject of "At least 16 people" it outweighed "dead" and "died"
# and drew the toll to other counts of people (measured: stories P/R 0.73/0.74 -> 0.75/0.75,
# false flags 7/26 -> 6/24).
SUBJECT_WEIGHT = 1.0
# A word of what the figure is about (Mention.about) that its sentence lacks counts as a word next
# to it: "the Eaton Fire" that "The fire has burned 14,117 acres" stands for. Words the sentence
# holds keep their weight: raised to this, they met 2 more story expectations but drew a segment's
# revenue to the quarter's ("revenue from its gaming chips" beside "... automotive chips").
ABOUT_WEIGHT = 1.0
# Words further than this from a figure are not read for it (at PROXIMITY 4 they would weigh
# under 0.06); no sentence of real news is this long, a wall of numbers is.
WINDOW = 256


@dataclass(slots=True)
class Item:
    """One mention of one document, ready to be compared with others."""

    doc: Document
    index: int
    mention: Mention
    reading: Reading | None
    features: dict[str, float] = field(default_factory=dict)
    scope: frozenset[str] = frozenset()
    scope_words: tuple[Token, ...] = ()  # the scope's words as written, for explanations
    sentence: tuple[int, int] = (0, 0)  # where the sentence holding the figure starts and ends
    total: str | None = None  # the running total it states (running_total)
    further: bool = False  # a further amount beside one its report gives (further_amount)
    moment: Moment | None = None  # when it holds: its day and clock time (numclaims.checking.moments)
    per_year: float = 1.0  # what its reading was multiplied by to read a rate per year (groups.per_year)

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
    return Claim(doc, m.start, m.end, m.text, m.value, m.unit, m.low, m.high, m.normalized,
                 direction=m.direction, change=m.change, per=m.per, when=m.when, about=m.about)


def build_items(doc: Document, mentions: list[Mention]) -> list[Item]:
    """An :class:`Item` for every mention of ``doc``, with its context words and scope.

    The cost is linear in the document: the text is tokenised once, a figure looks at no more
    than ``WINDOW`` words either side of it, and a clause's scope is worked out once for all the
    figures it holds (a sentence of a thousand numbers would otherwise cost a thousand cubed).

    >>> text = "Russia shares a 17km border with North Korea."
    >>> m = Mention(16, 20, "17km", "length", 17.0, "kilometer", precision=0.5, subject="border",
    ...             normalized={"value": 17000.0, "unit": "meter"})
    >>> item = build_items(Document("d", text), [m])[0]
    >>> max(item.features, key=item.features.get), item.reading.low
    ('border', 16500.0)
    """
    text = doc.text
    sentences = sentence_bounds(text)
    sentence_starts = [s for s, _ in sentences]
    words = _uncovered(tokens(text), mentions)
    word_starts = [t.start for t in words]
    clauses: dict[int, tuple[list[tuple[int, int]], list[int]]] = {}
    scopes: dict[tuple[int, int], tuple[Token, ...]] = {}
    items = []
    for index, m in enumerate(mentions):
        s_start, s_end = _enclosing(sentences, sentence_starts, m.start, m.end)
        # the sentence's words, then at most WINDOW of them either side of the figure
        first, last = bisect_left(word_starts, s_start), bisect_left(word_starts, s_end)
        here = bisect_left(word_starts, m.start, first, last)
        before = words[max(first, here - WINDOW):here]
        after = words[here:min(last, here + WINDOW)]
        if s_start not in clauses:
            bounds = clause_bounds(text, s_start, s_end)
            clauses[s_start] = bounds, [b for b, _ in bounds]
        c_start, c_end = _enclosing(*clauses[s_start], m.start, m.end)
        if (c_start, c_end) not in scopes:
            scopes[c_start, c_end] = scope_tokens(
                words[bisect_left(word_starts, c_start, first, last):
                      bisect_left(word_starts, c_end, first, last)])
        quoted = quoted_average(text, m, s_start, s_end)
        items.append(Item(
            doc=doc,
            index=index,
            mention=m if quoted is None else quoted[0],
            reading=_reading(m, mentions) if quoted is None else quoted[1],
            features=_features(before, after, m),
            scope=frozenset(t.lemma for t in scopes[c_start, c_end]),
            scope_words=scopes[c_start, c_end],
            sentence=(s_start, s_end),
            total=running_total(text, m),
            further=further_amount(text, m),
        ))
    attach_moments(items)
    return items


# "has burned", "had now spread across", "have been killed": the perfect of a running total's
# verb, then at most a few words (a preposition, "at least") before the figure
_RUNNING = re.compile(r"\b(?:has|have|had)\s+(?:(?:now|already|so\s+far|since|also|been)\s+)*"
                      r"([a-z]+)\b(?:\s+(?:to|across|at|about|some|over|more|than|least|nearly|almost))*\s*$")
_RUNNING_REACH = 80


def running_total(text: str, m: Mention) -> str | None:
    """The running total ``m`` states, a figure that only grows as reports come out, named by
    the first verb of its line of ``data/check_running_verbs.txt``; or None.

    >>> text = "The fire has now burned 21,317 acres."
    >>> running_total(text, Mention(24, 36, "21,317 acres", "area", 21317.0, "acre"))
    'burned'
    """
    found = _RUNNING.search(text, max(0, m.start - _RUNNING_REACH), m.start)
    return running_verbs().get(found.group(1)) if found is not None else None


# a whole amount written as its numeral and a currency: no scale word ("1.8 trillion yen" is no
# average's level)
_WHOLE_AMOUNT = re.compile(r"(?:about|around|over|more\s+than|nearly|almost|some|\s)*\d[\d,]*(?:\.\d+)?\s*[^\W\d_]+",
                           re.IGNORECASE)


@lru_cache(maxsize=8)
def _capitalised_lemmas(text: str) -> frozenset[str]:
    """The lemmas of a document's capitalised words, read once for all its amounts."""
    return frozenset(t.lemma for t in tokens(text) if t.capitalised)


def quoted_average(text: str, m: Mention, start: int, end: int) -> tuple[Mention, Reading | None] | None:
    """A money amount that is the level or the move of a stock average quoted in its currency
    (``data/check_quoted_averages.tsv``), as the mention and reading of the figure other reports
    give of it, or None.

    A report that names the Nikkei and writes "The closing price was 30,908 yen, up 836 yen from
    the previous day" gives the average's close and its move, which the extractor reads in index points
    ("closed at 39,098.68", "gained 836.52 points"). Not an amount with a
    denominator or a scale word, a restatement, nor one whose sentence names another thing with
    a price (``data/check_priced_words.txt``: "Toyota shares rose 100 yen"). A whole figure so
    quoted drops the average's decimals ("3万8915円87銭" is "38,915 yen"): it reads from itself
    to the next whole unit.

    >>> text = "Tokyo's Nikkei closed at 30,908 yen, up 836 yen."
    >>> m = Mention(25, 35, "30,908 yen", "money", 30908.0, "JPY", precision=0.5, change="level")
    >>> q, r = quoted_average(text, m, 0, len(text))
    >>> q.kind, q.unit, (r.low, r.high)
    ('points', 'index_point', (30908.0, 30909.0))
    """
    if m.kind != "money" or m.per or m.equivalent_of is not None or m.qualifier in ("range", "vague"):
        return None
    if not isinstance(m.value, (int, float)) or isinstance(m.value, bool) or not math.isfinite(m.value):
        return None
    named = _capitalised_lemmas(text)
    if not any(quoted_averages().get(word) == m.unit for word in named) or not _WHOLE_AMOUNT.fullmatch(m.text):
        return None
    if any(t.lemma in priced_words() and not t.capitalised for t in tokens(text, start, end)):
        return None
    value = float(m.value)
    # a move and a level alike are in index points, as the extractor reads an index's bare level
    quoted = replace(m, kind="points", unit="index_point",
                     normalized={"value": value, "unit": "score_point", "low": value, "high": value})
    if m.qualifier == "exact" and value.is_integer():
        return quoted, Reading(value, value + 1, value, value + 1, "score_point")
    return quoted, reading(quoted)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")


def further_amount(text: str, m: Mention) -> bool:
    """Is ``m`` a further amount beside one its report gives ("another 84,800 people";
    ``data/check_additive_words.txt``)?"""
    before = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
    return before is not None and before.group(1).lower() in additive_words()


def _reading(m: Mention, mentions: Sequence[Mention]) -> Reading | None:
    """A claim's reading; a restatement of a bounded figure reads as its original, which says
    what both say: "up to 2,500 degrees Fahrenheit (1,371 degrees Celsius)" is up to 1,371
    degrees, not exactly (the extractor keeps the restatement's own wording, "1,371")."""
    j = m.equivalent_of
    if j is not None and 0 <= j < len(mentions) and m.qualifier == "exact" \
            and mentions[j].qualifier in _BOUNDED and mentions[j].kind == m.kind:
        return reading(mentions[j])
    return reading(m)


_BOUNDED = frozenset({"more_than", "at_least", "less_than", "at_most", "up_to", "approx", "nearly"})


def _uncovered(words: list[Token], mentions: Sequence[Mention]) -> list[Token]:
    """The words outside every mention's span: a figure's own words never describe it."""
    spans = sorted((m.start, m.end) for m in mentions)
    kept: list[Token] = []
    n, reach = 0, -1  # reach: the furthest end of the spans that start at or before a word
    for token in words:
        while n < len(spans) and spans[n][0] <= token.start:
            reach = max(reach, spans[n][1])
            n += 1
        if token.start >= reach:
            kept.append(token)
    return kept


def _enclosing(bounds: list[tuple[int, int]], starts: list[int], start: int, end: int) -> tuple[int, int]:
    """:func:`~numclaims.checking.text.enclosing` by bisection, for sorted bounds that cover every
    mention (sentences, and clauses, whose gaps are punctuation)."""
    i = max(0, bisect_right(starts, start) - 1)
    j = max(i, bisect_left(starts, end) - 1)
    if not bounds:
        return start, end
    return bounds[i][0], max(bounds[i][1], bounds[min(j, len(bounds) - 1)][1])


def _features(before: Sequence[Token], after: Sequence[Token], m: Mention) -> dict[str, float]:
    weights: dict[str, float] = {}
    for i, token in enumerate(before):  # in text order: ties in weight keep the text's order
        _weigh(weights, token, len(before) - 1 - i)
    for distance, token in enumerate(after):
        _weigh(weights, token, distance)
    for token in tokens(m.subject or ""):
        if is_content(token) and token.lemma not in generic_nouns():
            weights[token.lemma] = weights.get(token.lemma, 0.0) + SUBJECT_WEIGHT
    for token in tokens(m.about or ""):
        if is_content(token) and token.lemma not in generic_nouns() and token.lemma not in weights:
            weights[token.lemma] = ABOUT_WEIGHT
    return weights


def _weigh(weights: dict[str, float], token: Token, distance: int) -> None:
    if is_content(token):
        w = 1.0 / (1.0 + distance / PROXIMITY)
        weights[token.lemma] = max(weights.get(token.lemma, 0.0), w)
