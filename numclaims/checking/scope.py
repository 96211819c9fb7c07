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
    return frozenset(t.lemma for t in scope_tokens(words))


def scope_tokens(words: Sequence[Token]) -> tuple[Token, ...]:
    """The words of :func:`scope_of` as the text writes them, first of each lemma, in text order:
    explanations quote these, never the lemmas that are compared."""
    found: dict[str, Token] = {}
    for token in _scope_words(words):
        found.setdefault(token.lemma, token)
    return tuple(found.values())


def _scope_words(words: Sequence[Token]) -> list[Token]:
    lists = _lists()
    prepositions, periods = lists["prepositions"], lists["periods"]
    passable = lists["joins"] | lists["fillers"]
    terms: list[Token] = []
    after_preposition = False
    for token in words:
        low = token.surface.lower()
        if low in periods or token.lemma in periods:
            terms.append(token)
        if after_preposition and (token.capitalised or _YEAR.fullmatch(token.surface)):
            terms.append(token)
            continue
        if after_preposition and low in passable:
            continue
        after_preposition = low in prepositions
    return terms


def quote_scope(written: Sequence[Sequence[Token]], terms: frozenset[str]) -> str:
    """``terms`` as the texts write them (``written``: each claim's scope words, the first claim
    that writes a term quoted for it): words next to each other in one text stay one quote.

    >>> from numclaims.checking.text import tokens
    >>> text = "workers sent to North Korea and China last year"
    >>> quote_scope([scope_tokens(tokens(text))], frozenset({"north", "korea", "china"}))
    '"North Korea", "China"'
    """
    chosen: dict[str, tuple[int, Token]] = {}
    for n, words in enumerate(written):
        for token in words:
            if token.lemma in terms:
                chosen.setdefault(token.lemma, (n, token))
    parts: list[str] = []
    previous: tuple[int, Token] | None = None
    for n, token in sorted(chosen.values(), key=lambda nt: (nt[0], nt[1].start)):
        if previous is not None and previous[0] == n and 0 <= token.start - previous[1].end <= 1:
            parts[-1] += " " + token.surface
        else:
            parts.append(token.surface)
        previous = n, token
    shown = set(chosen)
    parts += sorted(terms - shown)  # a stored claim may keep only its lemmas
    return ", ".join(f'"{part}"' for part in parts)

