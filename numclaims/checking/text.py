"""Plain-text helpers for the checker: sentences, clauses, word tokens and their lemmas.

The checker compares the words around numbers, not the numbers' own text, so all it needs is a
light tokeniser and a lemma that folds the ways outlets word the same thing ("labourers",
"workers", "citizens") onto one concept, read from ``data/check_synonyms.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from numclaims.extraction.lexicon import read_rows

# Letters (of any script: "Über", "São Paulo") and digits, with inner apostrophes and dots kept so
# that "U.S." and "country's" stay one word; hyphens split ("Kim-Putin" -> "Kim", "Putin") so
# compounds still share words.
_WORD = re.compile(r"[^\W_](?:(?:[^\W_]|['’.])*[^\W_])?")
# A sentence ends at . ! ? (then optional closing quotes/brackets) and whitespace, or at a line
# break: headlines, captions and list items in news copy often have no full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+|\n+")
# Abbreviations whose full stop does not end a sentence ("Mr. Kim", "the U.S. said").
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "no", "vs"})
# A figure written with a decimal point ("39,098.68", "59.8%", "$1.5bn"): its dot is no abbreviation's.
_FIGURE = re.compile(r"[^\d]{0,3}\d[\d,]*\.\d+[^\s]{0,4}")
# Clause breaks inside a sentence: ", " and friends, and spaced or unspaced dashes. A comma
# between digits ("10,000") is not followed by a space, so numbers are not split.
_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|\s[-–—]+\s|[–—]")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text: its span, its surface, and its lemma after synonyms."""

    start: int
    end: int
    surface: str
    lemma: str

    @property
    def capitalised(self) -> bool:
        return self.surface[:1].isupper()


def data_lines(name: str) -> list[str]:
    """The non-blank, non-comment lines of a file in ``numclaims/data``."""
    text = resources.files("numclaims.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def synonyms() -> dict[str, str]:
    """Word -> concept, from ``data/check_synonyms.txt``.

    >>> synonyms()["labourer"]
    'worker'
    """
    table: dict[str, str] = {}
    for line in data_lines("check_synonyms.txt"):
        concept, _, words = line.partition(":")
        for word in words.split():
            table[word] = concept.strip()
    return table


@cache
def stopwords() -> frozenset[str]:
    """Function words and news fillers that never identify a fact (``data/check_stopwords.txt``).

    >>> "according" in stopwords()
    True
    """
    words = {word for line in data_lines("check_stopwords.txt") for word in line.split()}
    # the change words ("rose", "fell", "slumped", "drop") say which way a figure moved: that is
    # its frame (Mention.direction), compared as such, and outlets word it differently; they
    # never say what the figure is about
    words |= {row[0] for row in read_rows("change_words.tsv") if row[2] in ("before", "after") and " " not in row[0]}
    return frozenset(words)


@cache
def generic_nouns() -> frozenset[str]:
    """The lemmas of nouns that a count names without saying which fact it counts ("At least 16
    people died", "30,000 people were told to leave"): as a claim's subject they weigh as a word
    of its sentence, no more (``data/check_generic_nouns.txt``).

    >>> "people" in generic_nouns()
    True
    """
    return frozenset(lemma(word) for line in data_lines("check_generic_nouns.txt")
                     for word in line.split())


def event_heads() -> frozenset[str]:
    """The common nouns that head the name of one event ("fire" of "the Eaton Fire"):
    ``data/check_event_heads.txt``.

    >>> "hurricane" in event_heads()
    True
    """
    return _word_set("check_event_heads.txt")


def partitive_words() -> frozenset[str]:
    """The words after "of" that make a figure part of the one before it ("721 of them"):
    ``data/check_partitive_words.txt``.

    >>> "whom" in partitive_words()
    True
    """
    return _word_set("check_partitive_words.txt")


def additive_words() -> frozenset[str]:
    """The words right before a figure that make it a further amount ("another 84,800 people"):
    ``data/check_additive_words.txt``.

    >>> "another" in additive_words()
    True
    """
    return _word_set("check_additive_words.txt")


@cache
def quoted_averages() -> dict[str, str]:
    """Word naming a stock average -> the currency its level is quoted in:
    ``data/check_quoted_averages.tsv``.

    >>> quoted_averages()["nikkei"]
    'JPY'
    """
    return {word.lower(): currency for word, currency in
            (line.split("\t") for line in data_lines("check_quoted_averages.tsv"))}


def priced_words() -> frozenset[str]:
    """The lemmas of words that make an amount the price of another thing than a stock average
    ("Toyota shares rose 100 yen"): ``data/check_priced_words.txt``.

    >>> "share" in priced_words()
    True
    """
    return frozenset(lemma(word) for word in _word_set("check_priced_words.txt"))


@cache
def running_verbs() -> dict[str, str]:
    """Participle -> the running total it states after "has" or "had" ("scorched" -> "burned"):
    ``data/check_running_verbs.txt``.

    >>> running_verbs()["spread"]
    'burned'
    """
    return {word: line.split()[0] for line in data_lines("check_running_verbs.txt")
            for word in line.split()}


@cache
def _word_set(name: str) -> frozenset[str]:
    """The whitespace-separated words of a data file's lines."""
    return frozenset(word for line in data_lines(name) for word in line.split())


# a story's words repeat: each is folded once (grouping reads the words of every figure's sentence)
@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """Fold a word onto the form that groups compare: lower case, no possessive or plural, synonyms.

    >>> [lemma(w) for w in ("Labourers", "citizens", "country's", "Nations", "U.S.")]
    ['worker', 'worker', 'country', 'country', 'us']
    """
    w = word.lower().replace("’", "'").rstrip(".")
    if w.endswith("'s"):
        w = w[:-2]
    table = synonyms()
    if w in table:
        return table[w]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return table.get(w, w)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with absolute offsets.

    >>> [t.lemma for t in tokens("North Korean labourers in Russia")]
    ['north', 'korea', 'worker', 'in', 'russia']
    >>> [t.surface for t in tokens("Über drivers in São Paulo")]
    ['Über', 'drivers', 'in', 'São', 'Paulo']
    """
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), lemma(m.group()))
        for m in _WORD.finditer(text, start, end)
    ]


def is_content(token: Token) -> bool:
    """Whether a token can say which fact a number is about (not a stopword, not a number).

    >>> [is_content(t) for t in tokens("the 17km border")]
    [False, False, True]
    """
    return token.surface[:1].isalpha() and token.lemma not in stopwords() and len(token.lemma) > 1


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, in order, covering the text.

    >>> text = "Mr. Kim met Putin. They shook hands.\\nA caption"
    >>> [text[s:e] for s, e in sentence_bounds(text)]
    ['Mr. Kim met Putin. ', 'They shook hands.\\n', 'A caption']
    >>> text = "It closed at 39,098.68. Since 1989 the U.S. fell."
    >>> [text[s:e] for s, e in sentence_bounds(text)]
    ['It closed at 39,098.68. ', 'Since 1989 the U.S. fell.']
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if "\n" not in match.group():
            # a full stop then a space: not an end after "Mr." or "U.S." or before a lower-case word
            before = text[start:match.start()].rsplit(None, 1)[-1:] or [""]
            word = before[0].rstrip(".").lower()
            following = text[match.end():match.end() + 1]
            # "U.S." is an abbreviation; "39,098.68." and "59.8%." end their sentence
            dotted = "." in word and not _FIGURE.fullmatch(word)
            if word in _ABBREVIATIONS or dotted or following.islower():
                continue
        if match.end() > start:
            bounds.append((start, match.end()))
            start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the clauses of the sentence ``text[start:end]``.

    >>> text = "Russia, which shares a 17km border, wants it upgraded"
    >>> [text[s:e].strip(", ") for s, e in clause_bounds(text, 0, len(text))]
    ['Russia', 'which shares a 17km border', 'wants it upgraded']
    """
    bounds: list[tuple[int, int]] = []
    pos = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, end))
    return bounds


def enclosing(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The bound that contains ``start`` (spans crossing a bound are widened to cover ``end``).

    >>> enclosing([(0, 5), (5, 9), (9, 20)], 6, 12)
    (5, 20)
    """
    first = next((b for b in bounds if b[0] <= start < b[1]), (start, end))
    last = next((b for b in bounds if b[0] < end <= b[1]), first)
    return first[0], max(first[1], last[1])
