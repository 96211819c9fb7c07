"""Whole-text scans that find exactly what ``pattern.finditer(text)`` finds, only faster.

Python's ``re`` skips ahead in C only when a pattern starts with a literal, a character class or
an alternation whose branches all start with a literal. A pattern that starts with an optional
group, ``\\b`` or a case-insensitive word is tried at every position of the text, and the five
whole-text scans of :func:`~numclaims.extraction.pipeline.extract` (dates, numbers, protected spans,
vague amounts, fractions) were 70% of its time for that reason.

So each scan is driven by *anchors*: patterns of that fast shape that match wherever a match of
the real pattern can start. An anchor is a necessary condition, never a second definition: the
real pattern still decides, tried only where an anchor matched. An anchor for a case-insensitive
pattern is searched in :func:`fold` of the text (lower case, same offsets), where it can be
written in lower-case literals; :func:`by_first_char` gives it the fast shape.

That shape still tries the anchor at every occurrence of its first characters, and an anchor
whose branches start with common letters (or the article "a") is tried at most letters of the
text. Where every match must contain one of a few rarer words close after its start ("third" in
"two-thirds of", "dollar" in "a dollar"), a :class:`Near` anchor finds those words with
``str.find`` and tries its pattern only just before them.

>>> import re
>>> number = re.compile(r"(?i:\\bseven(?:ty)?)|\\d+")
>>> text = "Seventy, 7 and eleven; 77 seven"
>>> anchors = [(re.compile(r"\\d"), text), (re.compile(by_first_char(["seven"])), fold(text))]
>>> [m.group() for m in finditer(number, text, anchors)]
['Seventy', '7', '77', 'seven']
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

Search = Callable[[str, int], "re.Match[str] | None"]
Anchor = tuple["re.Pattern[str] | Near", str]  # a pattern (or a Near) and the text it is searched in

# IGNORECASE also matches these to ASCII letters; str.lower() leaves them as they are ("İ"
# would even become two characters). Checked over all of Unicode by tests/extract/test_scan.py.
_FOLD_EXTRA = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def fold(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid), with every letter
    that ``re.IGNORECASE`` matches to an ASCII letter turned into that letter.

    >>> fold("Half A Million, ſix")
    'half a million, six'
    """
    if "\u0130" in text:
        text = text.translate(_FOLD_EXTRA)
    folded = text.lower()
    if "\u0131" in folded or "\u017f" in folded:
        folded = folded.translate(_FOLD_EXTRA)
    return folded


def finditer(pattern: re.Pattern[str], text: str, anchors: Sequence[Anchor], pos: int = 0) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos)``, trying ``pattern`` only where one of ``anchors`` matches.

    ``pattern`` must never match the empty string (every scan here consumes a character).
    """
    match = pattern.match
    # a Near remembers where its words are, so each finditer gets its own
    anchors = [(_NearCursor(anchor, where) if isinstance(anchor, Near) else anchor, where)
               for anchor, where in anchors]
    # each anchor's next hit at or after ``pos``, kept until passed so nothing is searched twice
    hits = [anchor.search(where, pos) for anchor, where in anchors]
    while True:
        start = min((hit.start() for hit in hits if hit is not None), default=None)
        if start is None:
            return
        found = match(text, start)
        if found is None:
            pos = start + 1
        else:
            yield found
            pos = found.end()
        hits = [anchor.search(where, pos) if hit is not None and hit.start() < pos else hit
                for (anchor, where), hit in zip(anchors, hits)]


class Near:
    """An anchor for a pattern whose every match contains one of ``words`` (in the text the anchor
    is searched in) at most ``reach`` characters, plus any run of whitespace, after its start.

    ``at`` is an anchor of the usual kind (it matches wherever a match can start); a Near tries it
    only from ``reach`` characters and the whitespace before each occurrence of a word up to that
    occurrence, so the text is read by ``str.find`` instead of by ``re`` at every likely first
    letter. Its ``search(where, pos)`` returns the match of ``at`` at the first position at or after
    ``pos`` where a match can start, as an anchor's search must; :func:`finditer` keeps where the
    words are between its searches, and reads the text once per word.

    >>> number = re.compile(r"(?i)\\b(?:(one|two)[\\s-])?(thirds|third|half)(?=\\s+of\\b)")
    >>> anchor = Near(["half", "third", "thirds"], 4, re.compile(r"one[\\s-]|two[\\s-]|half|third"))
    >>> text = "On behalf of two-thirds of them, Half of one third of it"
    >>> [m.group() for m in finditer(number, text, [(anchor, fold(text))])]
    ['two-thirds', 'Half', 'one third']
    >>> anchor.search(fold(text), 0).start(), anchor.search(fold(text), 6).start()
    (5, 13)
    """

    def __init__(self, words: Iterable[str], reach: int, at: re.Pattern[str]) -> None:
        words = list(dict.fromkeys(words))
        if not words or any(not word or word[0].isspace() for word in words):
            raise ValueError("a Near needs words that start with something other than whitespace")
        # a word that begins with another word is found where that one is
        self.words = tuple(w for w in words if not any(v != w and w.startswith(v) for v in words))
        self.reach, self.at = reach, at

    def search(self, where: str, pos: int = 0) -> re.Match[str] | None:
        return _NearCursor(self, where).search(where, pos)


class _NearCursor:
    """A :class:`Near` searching one text at growing positions. It keeps, in a heap, the next
    occurrence of each word at or after the last position asked for, so that each word's
    ``find`` reads the text once and the nearest word costs no pass over all the words."""

    def __init__(self, near: Near, where: str) -> None:
        self.near = near
        self._start(where)

    def _start(self, where: str) -> None:
        self.where, self.pos = where, 0
        self.next = [(at, i) for i, word in enumerate(self.near.words) if (at := where.find(word)) >= 0]
        heapq.heapify(self.next)

    def search(self, where: str, pos: int) -> re.Match[str] | None:
        if where is not self.where or pos < self.pos:
            self._start(where)
        words, upcoming, reach, at = self.near.words, self.next, self.near.reach, self.near.at.search
        while True:
            while upcoming and upcoming[0][0] < pos:  # passed: the word's next occurrence
                _, i = upcoming[0]
                seen = where.find(words[i], pos)
                if seen < 0:
                    heapq.heappop(upcoming)
                else:
                    heapq.heapreplace(upcoming, (seen, i))
            self.pos = pos
            if not upcoming:
                return None
            word = upcoming[0][0]
            # A match that starts at or after pos has its word at the earliest occurrence or later,
            # and then starts no earlier than the whitespace before it less reach (a word does not
            # start with whitespace, so it is no later occurrence's whitespace); \s is str.isspace.
            low = word
            while low > pos and where[low - 1].isspace():
                low -= 1
            # the first start in the window, found by re in C: the leftmost match at or after the
            # window's first position, if it starts by the word
            hit = at(where, max(pos, low - reach))
            if hit is not None and hit.start() <= word:
                return hit
            pos = word + 1  # no match starts at or before this occurrence


def search(pattern: re.Pattern[str], text: str, anchors: Sequence[Anchor], pos: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, pos)``, trying ``pattern`` only where one of ``anchors`` matches."""
    return next(finditer(pattern, text, anchors, pos), None)


def first_of(searches: list[Search], text: str) -> Iterator[re.Match[str]]:
    """``finditer`` of an alternation ``B1|B2|...`` given one search function per branch.

    The alternation matches at the leftmost position where any branch does, with the first
    branch (in order) that matches there; so does this, which lets each branch be searched in
    its own fast way. No branch may match the empty string.
    """
    found: list[re.Match[str] | None] = [s(text, 0) for s in searches]
    while True:
        best = None
        for match in found:
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        if best is None:
            return
        yield best
        pos = best.end()
        for i, match in enumerate(found):
            if match is not None and match.start() < pos:
                found[i] = searches[i](text, pos)


def by_first_char(alternatives: Iterable[str]) -> str:
    """An alternation of patterns that each start with a literal letter, digit or "<", grouped
    by that character so that ``re`` skips in C to the next possible one and tries one group.

    >>> by_first_char(["one", "two", "ten", r"half\\s"])
    'o(?:ne)|t(?:wo|en)|h(?:alf\\\\s)'
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not (alternative[:1].isascii() and (alternative[:1].isalnum() or alternative[:1] == "<")):
            raise ValueError(f"{alternative!r} does not start with a literal character")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(dict.fromkeys(rests))})" for first, rests in groups.items())
