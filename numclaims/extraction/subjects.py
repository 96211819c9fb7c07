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

_STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by from with without into onto over under
    about above below after before during since until than that this these those which who whom
    whose what when where while as is are was were be been being have has had do does did will
    would shall should may might must can could not no its their his her our your my it they
    he she we you i me him them us each per every last next ago earlier later year years a.
    more less most least such own same other another than then there here also just only very
    said says say according""".split()
)
# Plural heads that do not end in "s": a noun phrase ends at its head noun.
_IRREGULAR_PLURALS = frozenset("people children men women police staff personnel cattle troops".split())
_PARENTHETICAL = re.compile(r"\s*\([^()]{1,60}\)")
_OF = re.compile(r"\s+of(?:\s+(?:the|its|their|his|her|our|these|those|all|whom))?(?=\s)")
_WORD = re.compile(r"\s+([A-Za-z][A-Za-z'’\-]*)")


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
            word.lower() in _STOPWORDS
            or word.endswith(("n't", "n’t"))  # "the two leaders don't plan": a verb follows
            or word.endswith(("ing", "ed", "ly")) and words
        ):
            break
        words.append(word)
        pos = match.end()
        lower = word.lower()
        if lower in _IRREGULAR_PLURALS or lower.endswith("s") and not lower.endswith("ss") and word.islower():
            break  # "workers abroad", "leaders met": the phrase ends at its plural head
    return " ".join(words) if words else None
