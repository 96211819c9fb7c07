"""A share and its base: "1.5 per cent of its economy" of an amount against an economy the
story states, and "63 per cent of the seats" against a count of seats and the whole of them
(see :mod:`numclaims.checking.arithmetic`)."""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from numclaims.checking.arithmetic.common import (
    _amount, _bounds, _closed, _index, _native, _per, _percent, _q, _sentence_words, _sentences,
    _shown, _shown_native, _size_of, _stem,
)
from numclaims.checking.arithmetic.intervals import _div, _overlap, _size, Interval
from numclaims.checking.arithmetic.words import _words
from numclaims.checking.claims import Item
from numclaims.model import CheckItem

#: An implied base this far from a stated one (relative) is another figure's base, not another
#: year's: "1.5 per cent of its economy" for US$500 million is no economy of US$330 billion.
SHARE_DRIFT = 0.25


@dataclass
class _Share:
    """An amount stated as a share of the economy: "US$500 million ... about 1.5 per cent of its
    economy" implies an economy of about US$33 billion."""

    amount: Item
    share: Item
    base: Interval  # the base it implies, in the amount's currency


def _shares(sentences: Sequence[Sequence[Item]]) -> list[_Share]:
    found = []
    words = _words()
    for sentence in sentences:
        amount: Item | None = None  # the amount before, with no percentage since
        for item in sentence:
            m = item.mention
            if _percent(item) and m.unit == "percent":
                of = words.share_of.match(item.doc.text[m.end:m.end + 60])
                subject = (m.subject or "").lower()
                if amount is not None and (of or subject in words.base_words or (
                        subject and all(w in words.base_words for w in subject.split()))):
                    low, high = _size_of(item)
                    if low > 0:
                        found.append(_Share(amount, item, _div(_closed(amount), (low, high))))
                amount = None
            elif item.mention.kind == "money" and _share_amount(item):
                amount = item
    return found


def _share_amount(item: Item) -> bool:
    """An amount a share can be of the economy: a sum, or one a year ("more than US$500 million a
    year ... about 1.5 per cent of its economy"), perhaps bounded on one side only."""
    m = item.mention
    return (item.reading is not None and m.kind == "money" and m.qualifier not in ("range", "vague")
            and _per(item) in (None, "year") and _native(item)[0] > 0)


def _is_base(item: Item) -> bool:
    """An amount that is the economy's: "GDP of £2.8 trillion", "an economy of about US$33bn"."""
    m = item.mention
    if not _amount(item) or m.kind != "money":
        return False
    words = _words()
    if words.base_before.search(item.doc.text, max(0, m.start - 40), m.start):
        return True
    return any(w in words.base_words for w in (m.subject or "").lower().split())


def _shares_against_bases(per_doc: Sequence[Sequence[Item]], across: bool) -> list[CheckItem]:
    """A share's implied base against a base the story states, of its currency and size: in one
    report (``across`` False) or against the other reports. Consistent when they meet; when the
    implied base is more than ``SHARE_DRIFT`` off and the two sentences share a word, `divergent`
    (across reports) or `conflict` (one report); nothing in between (GDP of another year, another
    measure of output)."""
    bases: dict[tuple[str, int], list[Item]] = {}
    for items in per_doc:
        for sentence in _sentences(items):
            for item in sentence:
                if _is_base(item):
                    bases.setdefault(_index(item), []).append(item)
    found = []
    for items in per_doc:
        for share in _shares(_sentences(items)):
            if not math.isfinite(share.base[0]) or share.base[0] <= 0:
                continue
            key, size = _index(share.amount)[0], _size(share.base[0])
            seen: set[str] = set()
            for base in (b for n in (size - 1, size, size + 1) for b in bases.get((key, n), ())):
                doc = base.doc.id
                if (doc == share.amount.doc.id) == across or doc in seen or base is share.amount:
                    continue
                stated = _native(base)
                center, implied = sum(stated) / 2, sum(share.base) / 2
                fits = _overlap(share.base, stated)
                # an implied base open on one side ("more than US$500 million") is never far
                far = (center > 0 and math.isfinite(implied)
                       and abs(implied - center) > SHARE_DRIFT * center)
                if not fits and not (far and _sentence_words(share.share) & _sentence_words(base)):
                    continue
                seen.add(doc)
                shown = [share.amount, base]
                verdict = "consistent" if fits else ("divergent" if across else "conflict")
                where = (f"{share.amount.doc.id} gives the share, {doc} the base" if across
                         else f"in {doc}")
                explanation = (f"{where}: {_q(share.amount)} at {_q(share.share)} implies a base of "
                               f"{_shown_native(share.base, shown)}; {_q(base)} reads "
                               f"{_shown_native(stated, shown)}" + (
                                   ": the share fits the base" if fits else
                                   ": the share and the base do not fit"))
                found.append(CheckItem(tuple(c.claim for c in (share.amount, share.share, base)),
                                       verdict, explanation,
                                       {"check": "arithmetic", "relation": "share",
                                        "kind": share.amount.mention.kind}))
    return found


# a count written as a compound before its noun is the size of a whole: "the 650-seat House"
_COMPOUND = re.compile(r"^[\d,.]+-([^\W\d_]+)$")


def _noun(words: str | None) -> str | None:
    """The head noun of a subject, stemmed: "seats" and "Commons seats" are "seat"."""
    last = (words or "").split()[-1:]
    return _stem(last[0].lower()) if last and last[0].isalpha() else None


def _count_shares(per_doc: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """A share of a count ("Keir Starmer has taken 63 per cent of the seats") against a count of
    its noun ("taking 412 seats") and the size of a whole of it ("the 650-seat House"), in any
    report of the story: 412 / 650 is 63.4%, which "63 per cent" covers. The counts are stated to
    their last digit; of the pairs that fit, the one nearest the share is taken, of the share's
    own report first. Only an agreement is reported: the story's counts of a noun may be of other
    parties, other years or other places. Counts are filed by noun and value, so a share costs a
    look-up per size of a whole the story states."""
    shares: list[tuple[Item, str]] = []
    parts: dict[str, dict[float, list[Item]]] = {}
    wholes: dict[str, dict[float, list[Item]]] = {}
    of = _words().share_of_any
    for items in per_doc:
        for item in (i for sentence in _sentences(items) for i in sentence):
            m = item.mention
            if _percent(item) and m.unit == "percent":
                noun = _noun(m.subject) if of.match(item.doc.text[m.end:m.end + 40]) else None
                if noun is not None:
                    shares.append((item, noun))
            elif m.kind == "count" and m.qualifier == "exact" and isinstance(m.value, (int, float)) and m.value > 0:
                compound = _COMPOUND.match(m.text)
                if compound is not None:  # whatever role the words after it seem to give it
                    wholes.setdefault(_stem(compound.group(1).lower()), {}).setdefault(
                        float(m.value), []).append(item)
                elif m.change is None and m.direction is None and (noun := _noun(m.subject)) is not None:
                    parts.setdefault(noun, {}).setdefault(float(m.value), []).append(item)
    values = {noun: sorted(by_value) for noun, by_value in parts.items()}
    found = []
    for share, noun in shares:
        low, high = _bounds(share)
        center = (low + high) / 2
        fits = []
        for whole_value, whole_items in wholes.get(noun, {}).items():
            counts = values.get(noun, [])
            # the counts that make the share of this whole: low x whole to high x whole
            for part_value in counts[bisect_left(counts, low * whole_value):
                                     bisect_right(counts, high * whole_value)]:
                if part_value < whole_value:
                    fits.append((abs(part_value / whole_value - center), part_value, whole_value))
        if not fits:
            continue
        _, part_value, whole_value = min(fits)
        own = share.doc.id
        # the count of the share's report, else of a report that gives the whole too
        whole_docs = {i.doc.id for i in wholes[noun][whole_value]}
        part = min(parts[noun][part_value], key=lambda i: (i.doc.id != own, i.doc.id not in whole_docs,
                                                            i.doc.id, i.mention.start))
        whole = min(wholes[noun][whole_value],
                    key=lambda i: (i.doc.id not in (own, part.doc.id), i.doc.id, i.mention.start))
        ratio = part_value / whole_value
        counts_in = (f"{part.doc.id} the count and the whole" if part.doc.id == whole.doc.id
                     else f"{part.doc.id} the count and {whole.doc.id} the whole")
        docs = {share.doc.id, part.doc.id, whole.doc.id}
        where = f"in {share.doc.id}" if len(docs) == 1 else f"{share.doc.id} gives the share, {counts_in}"
        explanation = (f"{where}: {_q(part)} of \"{whole.mention.text}\" is "
                       f"{_shown((ratio, ratio), [share])}; {_q(share)} reads "
                       f"{_shown((low, high), [share])}: the share fits the counts")
        found.append(CheckItem(tuple(c.claim for c in (share, part, whole)), "consistent",
                               explanation, {"check": "arithmetic", "relation": "share",
                                             "kind": "count", "across": len(docs) > 1}))
    return found


# after a percentage: "of that fixed fee", "of the sum": a share of the amount said just before
_OF_THAT = re.compile(r"^\s*of\s+(?:that|this|the)\s+(?:[^\W\d_]+\s+){0,2}?(?:fee|sum|amount|figure|price)\b",
                      re.IGNORECASE)


def _further_shares(sentences: Sequence[Sequence[Item]]) -> list[CheckItem]:
    """An amount, "a further" percentage "of that fee", and the next amount of its currency in
    the same or the next sentence: the amount plus its share is that amount ("103m euros ... a
    further amount of around 30 per cent of that fixed fee ... the deal could reach 133.9m
    euros": 103 x 1.3 = 133.9). Agreement only: the later amount may be another sum."""
    found = []
    words = _words()
    flat = [(n, item) for n, sentence in enumerate(sentences) for item in sentence]
    for k, (n, share) in enumerate(flat):
        m = share.mention
        text = share.doc.text
        if m.unit != "percent" or not _OF_THAT.match(text[m.end:m.end + 60]):
            continue
        if not words.additive.search(text, max(0, m.start - 40), m.start):
            continue
        base = next((i for s, i in reversed(flat[:k]) if s == n and i.mention.kind == "money"
                     and _amount(i)), None)
        if base is None:
            continue
        total = next((i for s, i in flat[k + 1:] if s in (n, n + 1) and i.mention.kind == "money"
                      and i.mention.unit == base.mention.unit and _amount(i)), None)
        low, high = _size_of(share)
        if total is None or low <= 0:
            continue
        b_low, b_high = _native(base)
        implied = (b_low * (1 + low), b_high * (1 + high))
        if not _overlap(implied, _native(total)):
            continue
        shown = [base, total]
        found.append(CheckItem(
            tuple(c.claim for c in (base, share, total)), "consistent",
            f"in {base.doc.id}: {_q(base)} and a further {_q(share)} of it is "
            f"{_shown_native(implied, shown)}; {_q(total)} reads {_shown_native(_native(total), shown)}: "
            f"the amount and its share add up to it",
            {"check": "arithmetic", "relation": "share", "kind": "money"}))
    return found
