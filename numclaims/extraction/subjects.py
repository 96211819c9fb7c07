"""The noun a quantity measures or counts, when the text states it right after the figure.

"100,000 tonnes of flour" -> "flour"; "10,000 North Korean workers who..." -> "North Korean
workers"; "a 17km border with..." -> "border". No parser: a short run of words after the
figure (or after "of"), cut at the first function word.

>>> subject_after("10,000 North Korean workers who may leave", 6)
'North Korean workers'
>>> subject_after("tens of thousands of its citizens for years", 17)
'citizens'
"""

from __future__ import annotations

import re

from numclaims.extraction.lexicon import alternation, subject_words

_WORDS = subject_words()  # function words, plural heads without "s", determiners after "of"
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
_OF = re.compile(rf"\s+of(?:\s+(?:{alternation(list(_WORDS.determiners))}))?(?=\s)")
# a word after white space that holds no blank line: a headline's figure counts nothing of the
# paragraph below it ("death toll reaches at least 41\n\nTurkish President ...")
_WORD = re.compile(r"(?=\s)[^\S\n]*(?:\n[^\S\n]*)?([A-Za-z][A-Za-z'’\-]*)")


def subject_after(text: str, end: int, *, allow_of: bool = True) -> str | None:
    """The noun phrase right after ``end`` (skipping a parenthetical restatement), or None."""
    pos = end
    paren = _PARENTHETICAL.match(text, pos)
    if paren:
        pos = paren.end()
    if allow_of:
        of = _OF.match(text, pos)
        if of:
            pos = of.end()
    words: list[str] = []
    while len(words) < 4:
        match = _WORD.match(text, pos)
        if match is None:
            break
        word = match.group(1)
        if (
            word.lower() in _WORDS.stop
            or word.endswith(("n't", "n’t"))  # "the two leaders don't plan": a verb follows
            or word.endswith(("ing", "ed", "ly")) and words
        ):
            break
        words.append(word)
        pos = match.end()
        lower = word.lower()
        if lower in _WORDS.plurals or lower.endswith("s") and not lower.endswith("ss") and word.islower():
            break  # "workers abroad", "leaders met": the phrase ends at its plural head
    return " ".join(words) if words else None
