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

>>> import re
>>> number = re.compile(r"(?i:\\bseven(?:ty)?)|\\d+")
>>> text = "Seventy, 7 and eleven; 77 seven"
>>> anchors = [(re.compile(r"\\d"), text), (re.compile(by_first_char(["seven"])), fold(text))]
>>> [m.group() for m in finditer(number, text, anchors)]
['Seventy', '7', '77', 'seven']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

Search = Callable[[str, int], "re.Match[str] | None"]
Anchor = tuple["re.Pattern[str]", str]  # a pattern and the text it is searched in

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
