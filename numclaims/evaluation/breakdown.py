"""Outcomes by dimension and by error class, common to gold files, peer suites and the cases.

Each scorer (:mod:`.gold`, :mod:`.peers`, :mod:`.cases`) keeps its own pass rule and only
names, for every item it judged, the dimension and the class of its error. This module counts
those :class:`Outcome` s, picks examples and renders them, so that the three sources are
read the same way and a breakdown always adds up to the figure its scorer publishes.

Error classes, in the order a failing item is tested for them (the first that applies):

``error``           the extractor raised on the input;
``span``            the right value and unit, on a span that is not the expected one;
``wrong_value``     a prediction overlaps the expected span, in the right kind and unit, with
                    another value (or interval, or bound);
``wrong_unit``      a prediction overlaps the expected span, in another kind or unit;
``missed``          nothing overlaps the expected span;
``false_positive``  a prediction where nothing is to be extracted (a must-not-extract surface,
                    a negative or ``no_match`` case), or beyond what a case expects;
``attribute``       (development cases only) span, value and unit right, another expected
                    field wrong (qualifier, precision, subject, weekday, equivalent_of).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from numclaims.model import KINDS

ERROR_CLASSES = ("missed", "wrong_value", "wrong_unit", "span", "false_positive", "attribute",
                 "error")
PASSED = "passed"
#: Column headings; the last two columns only appear when a table has such errors.
_HEADINGS = {"missed": "missed", "wrong_value": "value", "wrong_unit": "unit", "span": "span",
             "false_positive": "false+", "attribute": "attr", "error": "error"}
_ALWAYS = ERROR_CLASSES[:5]
_MEASURES = frozenset({"length", "mass", "area", "volume", "speed", "energy", "power"})


@dataclass(frozen=True, slots=True)
class Outcome:
    """One judged item: a case, a gold mention or a judged prediction.

    ``error`` is None when it passed, else one of :data:`ERROR_CLASSES`. ``text`` is the
    input shortened around the item; ``expected``, ``got`` and ``why`` (the scorer's reason,
    which names the failing expectation of a case that has several) are one-line texts.
    """

    id: str
    dimension: str
    error: str | None
    text: str = ""
    expected: str = ""
    got: str = ""
    why: str = ""

    @property
    def status(self) -> str:
        return self.error or PASSED

    def example(self) -> dict[str, str]:
        return {"id": self.id, "dimension": self.dimension, "text": self.text,
                "expected": self.expected, "got": self.got, "why": self.why}


@dataclass(frozen=True, slots=True)
class SuiteBreakdown:
    """The outcomes of one suite; ``figure`` says which published figure they add up to."""

    name: str
    source: str
    figure: str
    outcomes: tuple[Outcome, ...]

    def counts(self, dimension: str | None = None) -> dict[str, int]:
        """``cases``, ``passed`` and every error class, for one dimension or all."""
        chosen = [o for o in self.outcomes if dimension is None or o.dimension == dimension]
        return tally(o.status for o in chosen)

    def dimensions(self) -> list[str]:
        return ordered({o.dimension for o in self.outcomes})

    def examples(self, error: str, limit: int) -> list[Outcome]:
        """The first ``limit`` outcomes of one class, in input order (stable between runs)."""
        return [o for o in self.outcomes if o.error == error][:limit]

    def to_dict(self, examples: int = 3) -> dict[str, Any]:
        return {
            "name": self.name,
            "source": self.source,
            "figure": self.figure,
            "counts": self.counts(),
            "dimensions": {d: self.counts(d) for d in self.dimensions()},
            "examples": {c: [o.example() for o in self.examples(c, examples)]
                         for c in ERROR_CLASSES if self.examples(c, 1)},
            # every item's status, so that --compare can list the cases that flipped
            "outcomes": {o.id: o.status for o in self.outcomes},
        }


def unique_id(ident: str, seen: set[str]) -> str:
    """``ident``, or with ``#2``, ``#3``... if taken: outcome ids must be unique to compare runs."""
    candidate, n = ident, 1
    while candidate in seen:
        n += 1
        candidate = f"{ident}#{n}"
    seen.add(candidate)
    return candidate


def ordered(dimensions: Iterable[str]) -> list[str]:
    """Dimensions in the order of :data:`~numclaims.model.KINDS`, others after them."""
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(set(dimensions), key=lambda d: (order.get(d, len(order)), d))


def tally(statuses: Iterable[str]) -> dict[str, int]:
    """``{"cases", "passed", <every error class>}`` counts of some statuses.

    >>> tally(["passed", "missed", "passed"])["cases"], tally([])["span"]
    (3, 0)
    """
    seen = Counter(statuses)
    counts = {"cases": sum(seen.values()), PASSED: seen[PASSED]}
    counts.update({c: seen[c] for c in ERROR_CLASSES})
    return counts


def add_counts(counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The sum of several :func:`tally` results."""
    total = tally([])
    for c in counts:
        for key in total:
            total[key] += c.get(key, 0)
    return total


def by_dimension(suites: Iterable[SuiteBreakdown]) -> dict[str, dict[str, int]]:
    """The counts of several suites summed per dimension, in :func:`ordered` order."""
    dims: dict[str, list[dict[str, int]]] = {}
    for s in suites:
        for d in s.dimensions():
            dims.setdefault(d, []).append(s.counts(d))
    return {d: add_counts(dims[d]) for d in ordered(dims)}


def negative_dimension(kinds: Iterable[str]) -> str:
    """The dimension of a case that must extract nothing of ``kinds``: that kind if there is
    one, ``measure`` for measures only, else ``any``.

    >>> [negative_dimension(k) for k in ({"money"}, {"length", "mass"}, ())]
    ['money', 'measure', 'any']
    """
    kinds = frozenset(kinds)
    if len(kinds) == 1:
        return next(iter(kinds))
    return "measure" if kinds and kinds <= _MEASURES else "any"


def shorten(text: str, start: int = 0, end: int | None = None, width: int = 100) -> str:
    """``text`` on one line, cut to about ``width`` characters around ``start:end``.

    >>> shorten("a " * 30 + "$5 here" + " b" * 30, 60, 62, width=20)
    '…a a a a $5 here b b…'
    >>> shorten("the words " * 10 + "cost $5", 100, 102, width=16)
    '…words cost $5'
    """
    end = start if end is None else end
    flat = " ".join(text.split()) if len(text) <= width else None
    if flat is not None:
        return flat
    margin = max(0, (width - (end - start)) // 2)
    lo, hi = max(0, start - margin), min(len(text), end + margin)
    while 0 < lo < start and not text[lo - 1].isspace():  # no half words at the cuts
        lo += 1
    while end < hi < len(text) and not text[hi].isspace():
        hi -= 1
    piece = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + piece + ("…" if hi < len(text) else "")


# --------------------------------------------------------------------------- text


def _columns(rows: Sequence[tuple[str, Mapping[str, int]]]) -> list[str]:
    extra = [c for c in ERROR_CLASSES[5:] if any(r[1][c] for r in rows)]
    return list(_ALWAYS) + extra


def format_table(rows: Sequence[tuple[str, Mapping[str, int]]], label: str = "dimension",
                 width: int = 30) -> list[str]:
    """Rows of counts under one heading line: cases, passed and the error classes."""
    columns = _columns(rows)
    head = f"  {label:<{width}}{'cases':>6}{'passed':>8}" + "".join(
        f"{_HEADINGS[c]:>8}" for c in columns)
    lines = [head]
    for name, counts in rows:
        lines.append(f"  {name:<{width}}{counts['cases']:>6}{counts[PASSED]:>8}"
                     + "".join(f"{counts[c]:>8}" for c in columns))
    return lines


def suite_rows(suite: SuiteBreakdown, indent: str = "  ") -> list[tuple[str, dict[str, int]]]:
    """One row per dimension of the suite."""
    return [(indent + d, suite.counts(d)) for d in suite.dimensions()]


def format_examples(suite: SuiteBreakdown, limit: int) -> list[str]:
    """Up to ``limit`` examples per error class of one suite."""
    if limit <= 0:
        return []
    lines: list[str] = []
    for error in ERROR_CLASSES:
        chosen = suite.examples(error, limit)
        if not chosen:
            continue
        total = suite.counts()[error]
        lines.append(f"  {error} ({len(chosen)} of {total}):")
        for o in chosen:
            lines.append(f"    - [{o.dimension}] {o.id}")
            if o.text:
                lines.append(f"        text:     {o.text}")
            lines.append(f"        expected: {o.expected}")
            lines.append(f"        got:      {o.got or 'nothing'}")
            if o.why and o.why != f"{o.expected}: not found":  # else it says nothing new
                lines.append(f"        why:      {o.why}")
    return lines


LEGEND = ("value: wrong value; unit: wrong kind or unit; span: right value and unit on "
          "another span;\n   false+: a prediction where none is expected; attr: another "
          "expected field wrong; error: the extractor raised;\n   a negative case is under the "
          "kind it forbids (measure: every measure kind; any: every kind)")


def format_breakdown(title: str, suites: Sequence[SuiteBreakdown], examples: int = 3,
                     total: bool = True) -> str:
    """One table of every suite by dimension (a subtotal per suite when there are several,
    and with ``total`` the sum over the suites by dimension), then each suite's examples."""
    rows: list[tuple[str, dict[str, int]]] = []
    for s in suites:
        if len(suites) > 1:
            rows.append((s.name, s.counts()))
            rows += suite_rows(s)
        else:
            rows += suite_rows(s, indent="")
            rows.append(("all", s.counts()))
    if len(suites) > 1 and total:
        rows.append(("all suites", add_counts(s.counts() for s in suites)))
        rows += [("  " + d, c) for d, c in by_dimension(suites).items()]
    lines = [title, *format_table(rows, label="suite / dimension" if len(suites) > 1
                                  else "dimension"), f"  ({LEGEND})"]
    for s in suites:
        shown = format_examples(s, examples)
        if shown:
            lines += ["", f"{s.name}: examples", *shown]
    return "\n".join(lines)


__all__ = [
    "ERROR_CLASSES", "LEGEND", "Outcome", "PASSED", "SuiteBreakdown", "add_counts", "by_dimension",
    "format_breakdown", "format_examples", "format_table", "negative_dimension", "ordered",
    "shorten", "tally", "unique_id",
]
