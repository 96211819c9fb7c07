"""Scope of a number: the places and periods its own clause says it holds for.

Two outlets may give different numbers for what looks like one fact because they count different
things: "around 10,000 workers who may have to leave Russia" against "tens of thousands ... to places
like Russia and China". Names after a locative or temporal word ("in", "to", "like", "since") and
period words ("last year", "annual") are what tell those apart; the word lists are data, in
``data/check_scope.txt``.
"""

from __future__ import annotations

import re
from functools import cache

from collections.abc import Sequence

from numclaims.checking.text import Token, data_lines, tokens

_YEAR = re.compile(r"(1[89]|20)\d\d")


@cache
def _lists() -> dict[str, frozenset[str]]:
    rows: dict[str, frozenset[str]] = {}
    for line in data_lines("check_scope.txt"):
        name, _, words = line.partition(":")
        rows[name.strip()] = frozenset(words.split())
    return rows


def scope_terms(text: str, start: int, end: int, skip: tuple[tuple[int, int], ...] = ()) -> frozenset[str]:
    """Places and periods named in ``text[start:end]`` (a clause), outside the ``skip`` spans.

    >>> text = "sent tens of thousands of citizens to places like Russia and China"
    >>> sorted(scope_terms(text, 0, len(text)))
    ['china', 'russia']
    >>> text = "the fate of around 10,000 workers who may have to leave Russia last year"
    >>> sorted(scope_terms(text, 0, len(text)))
    ['last', 'russia', 'year']
    """
    spans = sorted(skip)
    return scope_of([t for t in tokens(text, start, end)
                     if not any(s <= t.start < e for s, e in spans)])


def scope_of(words: Sequence[Token]) -> frozenset[str]:
    """Places and periods named by a clause's ``words`` (the figures' own words left out)."""
    lists = _lists()
    prepositions, periods = lists["prepositions"], lists["periods"]
    passable = lists["joins"] | lists["fillers"]
    terms: set[str] = set()
    after_preposition = False
    for token in words:
        low = token.surface.lower()
        if low in periods or token.lemma in periods:
            terms.add(token.lemma)
        if after_preposition and (token.capitalised or _YEAR.fullmatch(token.surface)):
            terms.add(token.lemma)
            continue
        if after_preposition and low in passable:
            continue
        after_preposition = low in prepositions
    return frozenset(terms)

