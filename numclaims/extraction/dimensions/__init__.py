"""Extraction as dimension rules, in the manner of Duckling's one folder per dimension.

Each module here is one dimension (money, ratio, measure, year, count, date) and exports
``rules``: small named :class:`Rule` s, each deciding whether a figure already read (a
:class:`~numclaims.extraction.dimensions.figure.Reading`) is of its dimension; and, where a
dimension has phrases that are not built on a figure ("a third of", "tens of thousands",
"April 25"), ``scans``: named :class:`Scan` s over the whole text. Rules are made from the data
tables through :func:`~numclaims.extraction.lexicon.lexicon`; :mod:`..pipeline` only runs them,
resolves overlaps and merges.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Union

if TYPE_CHECKING:
    from numclaims.extraction.dimensions.figure import Reading
    from numclaims.extraction.textspans import SpanSet


@dataclass
class Draft:
    """A mention being built: mutable until it becomes a frozen :class:`Mention`."""

    start: int
    end: int
    kind: str
    value: float | str | None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    precision: float | None = None
    subject: str | None = None
    ambiguities: list[str] = field(default_factory=list)
    weekday: str | None = None
    equivalent_of: int | None = None
    guessed_group: str | None = None  # a minor unit's currency group, when its currency was a guess
    direction: str | None = None
    change: str | None = None
    per: str | None = None
    when: dict[str, str] | None = None
    about: str | None = None


@dataclass(frozen=True)
class Context:
    text: str
    published: dt.date | None
    currency_hint: str | None  # what reads a bare currency sign (money.sign_reading)
    folded: str  # scan.fold(text): where the anchors of case-insensitive scans are searched
    # what reads a unit by country ("degrees" in the US): the caller's hint, else the outlet's
    # country; a wire credit says how an agency writes money, not which scale its degrees are
    unit_country: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """A rule's verdict on a figure: its kind and unit (the rule moves ``Reading.pos`` past
    whatever it read)."""

    kind: str
    unit: str | None


class _Reject:
    """The figure is not a quantity at all ("one of them", "4G"): no other rule is tried."""

    def __repr__(self) -> str:
        return "REJECT"


REJECT: Final = _Reject()
#: What a rule returns: None (not mine, try the next rule), a Decision, a finished Draft (a
#: year, which needs no qualifier or subject), or REJECT.
Verdict = Union[Decision, Draft, _Reject, None]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named rule: ``rank`` orders rules across dimensions (lower first: a currency sign is
    tried before a ratio word, a unit before the bare-count fallback); ``apply`` decides."""

    name: str
    rank: int
    apply: Callable[[Context, Reading], Verdict]


@dataclass(frozen=True, slots=True)
class Scan:
    """A named whole-text finder for phrases not built on a figure ("a third of")."""

    name: str
    find: Callable[[Context, SpanSet], list[Draft]]
