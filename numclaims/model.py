"""The result types every layer passes along: plain frozen dataclasses with ``to_dict()``.

Data flows one way: text -> :class:`Mention` (extract) -> ``normalized`` (normalise) ->
claims and :class:`CheckItem` (check) -> :class:`Report` (API/CLI).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

KINDS = (
    "money", "length", "mass", "area", "volume", "speed", "energy", "power",
    "temperature", "duration", "storage", "frequency", "pressure", "torque", "angle",
    "loudness", "charge", "magnitude", "fuel_economy", "points", "age", "ratio", "count", "year", "date", "other",
)
QUALIFIERS = (
    "exact", "approx", "more_than", "at_least", "less_than", "at_most", "up_to",
    "nearly", "range", "vague",
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One quantity found in a text, with its exact span.

    ``value`` is the number as stated with scale words applied (``None`` for ranges and
    vague amounts, which only have ``low``/``high``; an ISO date string for ``kind="date"``).
    ``precision`` is the half-width of the rounding the stated figure implies, in ``unit``.
    ``normalized`` is ``{"value", "unit", ...}`` in canonical units (or the base currency,
    with ``rate``, ``rate_date`` and ``rate_source``), or ``None`` when there is nothing to
    normalise; a money amount that cannot be converted carries ``"error"`` instead of a value.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float | str | None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"
    precision: float | None = None
    subject: str | None = None
    normalized: dict[str, Any] | None = None
    equivalent_of: int | None = None
    ambiguities: tuple[str, ...] = ()
    weekday: str | None = None  # for dates stated with a weekday: "Thursday"
    direction: str | None = None  # "up" / "down" for a stated change ("rose 5%", "a 9% drop")
    change: str | None = None  # the figure's role in a change: "delta", "level" or "start"
    per: str | None = None  # the denominator of a rate ("$71.20 a barrel": "barrel")
    when: dict[str, str] | None = None  # the period it holds for: {"start", "end", "text"}
    about: str | None = None  # what the figure is stated of ("WTI crude", "the jobless rate")

    def to_dict(self) -> dict[str, Any]:
        # by hand, not dataclasses.asdict: its recursive deep copy cost as much as extraction
        data = {name: getattr(self, name) for name in MENTION_FIELDS}
        data["ambiguities"] = list(self.ambiguities)
        if self.normalized is not None:  # flat: values are numbers and strings
            data["normalized"] = dict(self.normalized)
        if self.when is not None:
            data["when"] = dict(self.when)
        return data


MENTION_FIELDS = tuple(f.name for f in fields(Mention))


@dataclass(frozen=True, slots=True)
class Claim:
    """A mention as seen by the checker: which document it came from, and its interval.

    The frame fields are the mention's (:class:`Mention` explains them), carried so that a report
    can say what each claim states besides its number; they default to unset, so a stored finding
    from before they were carried still reads.
    """

    doc: str
    start: int
    end: int
    text: str
    value: float | str | None
    unit: str | None
    low: float | None
    high: float | None
    normalized: dict[str, Any] | None
    direction: str | None = None
    change: str | None = None
    per: str | None = None
    when: dict[str, str] | None = None
    about: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in CLAIM_FIELDS}
        if self.normalized is not None:
            data["normalized"] = dict(self.normalized)
        if self.when is not None:
            data["when"] = dict(self.when)
        return data


CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One verdict with the claims it is about and a one-line explanation with the numbers."""

    claims: tuple[Claim, ...]
    verdict: str
    explanation: str
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "claims": [c.to_dict() for c in self.claims],
            "verdict": self.verdict,
            "explanation": self.explanation,
        }
        data.update(self.details)
        return data


@dataclass(frozen=True, slots=True)
class Report:
    """What :func:`numclaims.check` returns: inline restatements, cross-source groups, dates."""

    inline: tuple[CheckItem, ...] = ()
    groups: tuple[CheckItem, ...] = ()
    dates: tuple[CheckItem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "inline": [i.to_dict() for i in self.inline],
            "groups": [i.to_dict() for i in self.groups],
            "dates": [i.to_dict() for i in self.dates],
        }
