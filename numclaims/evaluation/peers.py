"""Run numclaims over other projects' English test data and report pass rates per suite.

The peer data lives outside the package (``/work/shared/peers/``, one folder per project, each
with a README naming source, commit and format). Suites:

``recognizers/<Model>``
    Microsoft Recognizers-Text ``NumberWithUnit`` Currency, Dimension, Temperature and Age
    models and ``Number`` PercentModel. A case passes when every expected result with a value
    is found with that value and unit/currency *and* a span that agrees with the spec's
    (``End`` is inclusive in the spec). A bare ``$``/"dollar" without ``isoCurrency`` accepts
    USD. A case whose results all lack a value is a negative case.
``quantulum3/quantities``, ``quantulum3/errors``
    quantulum3's own test sentences: every expected quantity must be found with its value
    and unit, overlapping its ``surface``; a sentence with no expected quantity passes when
    nothing but years and dates is extracted. ``errors.json`` strings pass when extraction
    does not raise.
``duckling/<Dimension>``
    Duckling's English corpora (one suite per dimension): some mention must carry the
    expected value, interval (``between``) or bound (``under``/``above`` with a matching
    qualifier) in the expected unit or currency; negative corpora pass when nothing of the
    dimension is extracted. Locale corpora (``EN/AU`` ...) run with that country as
    ``currency_hint``.

Everywhere: a *negative* case passes when nothing of the suite's kinds is extracted. Values
are compared at a relative tolerance of 1e-6 after converting the prediction into the
expected unit with numclaims' pint registry, so "0.002 kg" satisfies "2 grams".

Cases out of scope for news-like English are reported apart, with the reason. They are still
run when their expectation could be built, and the report says how many would pass. The
rules are general (no rule names a string of the data); peer-specific ones come first:

- Recognizers: the peer marks the case NotSupported for Python; lower-cased,
  Penn-Treebank-tokenised corpus text (``"$ 75 million , he said ."``); a dimension subtype
  numclaims has no kind for (information, angle); a "percent of N" reading;
- Duckling: the latent corpus (a bare number as an amount is an opt-in reading); a range
  whose bounds are 1000x apart (the scale word applied to one bound only: a peer error);
- quantulum3: an expected surface absent from the (truncated) input; a bare number that is
  part of a name ("Voyager 2"), which numclaims must not extract (quantities a sentence
  expects beyond these are judged; the ones left out are noted);
- all: a unit or currency outside :data:`MONEY_UNITS` / :data:`MEASURE_UNITS` (cups, bits,
  bitcoin, exotic physics units); colloquial money words (:data:`COLLOQUIAL_MONEY`); an
  amount spelt as major plus minor units ("20 dollars 43 cents", "$20 43"); a vague word
  (:data:`VAGUE_WORDS`) that the peer reads as an exact number.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from numclaims.evaluation.breakdown import Outcome, SuiteBreakdown, negative_dimension, shorten
from numclaims.evaluation.gold import default_extract, fmt_number, occurrences
from numclaims.model import KINDS, Mention

ExtractFn = Callable[..., list[Mention]]
REL_TOL = 1e-6

# --------------------------------------------------------------------------- unit tables
# Peer unit names (lower-cased) -> what numclaims should produce. These tables define the
# scope: a peer unit missing here is reported as out of scope, never as a failure.

#: Currency names without an ISO code in the peer data -> (accepted ISO codes, factor).
#: An empty code tuple accepts any currency (a "cent" is a hundredth of whichever one).
MONEY_UNITS: Mapping[str, tuple[tuple[str, ...], float]] = {
    "dollar": (("USD",), 1.0),  # a bare $ / "dollar": the spec leaves it open; USD by default
    "united states dollar": (("USD",), 1.0),
    "cent": ((), 0.01),
    "pound": (("GBP",), 1.0),
    "pound sterling": (("GBP",), 1.0),
    "british pound": (("GBP",), 1.0),
    "pence": (("GBP",), 0.01),
    "penny": (("GBP",), 0.01),
    "euro": (("EUR",), 1.0),
    "rupee": (("INR", "PKR", "LKR", "NPR", "MUR", "SCR"), 1.0),
    "franc": (("CHF", "FRF", "BEF", "LUF", "XOF", "XAF", "XPF"), 1.0),
    "dinar": (("KWD", "BHD", "IQD", "JOD", "LYD", "RSD", "TND", "DZD", "MKD"), 1.0),
    "riyal": (("SAR", "QAR", "OMR", "YER"), 1.0),
    "rial": (("IRR", "OMR", "YER"), 1.0),
    "finnish markka": (("FIM",), 1.0),
    "peseta": (("ESP",), 1.0),
    "netherlands guilder": (("NLG",), 1.0),
}

#: Measure names -> accepted pint units (any one, after conversion). Keys cover the
#: spellings of Recognizers ("Square meter"), Duckling ("Kilometre") and quantulum3
#: ("square kilometre", "pound-mass").
MEASURE_UNITS: Mapping[str, tuple[str, ...]] = {
    # length
    "kilometer": ("kilometer",), "kilometre": ("kilometer",),
    "meter": ("meter",), "metre": ("meter",),
    "m": ("meter", "mile"),  # Duckling's ambiguous "M"
    "centimeter": ("centimeter",), "centimetre": ("centimeter",),
    "millimeter": ("millimeter",), "millimetre": ("millimeter",),
    "nanometre": ("nanometer",),
    "mile": ("mile",), "foot": ("foot",), "inch": ("inch",), "yard": ("yard",),
    # mass
    "kilogram": ("kilogram",), "gram": ("gram",), "milligram": ("milligram",),
    "microgram": ("microgram",),
    "pound": ("pound",), "pound-mass": ("pound",), "ounce": ("ounce",),
    "ton": ("short_ton", "metric_ton", "long_ton"),
    "metric ton": ("metric_ton",), "tonne": ("metric_ton",),
    # area
    "square meter": ("square_meter",), "square kilometer": ("square_kilometer",),
    "square kilometre": ("square_kilometer",), "square mile": ("square_mile",),
    "acre": ("acre",), "hectare": ("hectare",),
    # volume
    "liter": ("liter",), "litre": ("liter",), "milliliter": ("milliliter",),
    "millilitre": ("milliliter",), "centilitre": ("centiliter",),
    "hectolitre": ("hectoliter",), "gallon": ("gallon",), "barrel": ("oil_barrel",),
    "cubic foot": ("cubic_foot",), "cubic kilometre": ("cubic_kilometer",),
    "cubic centimetre": ("cubic_centimeter",),
    # speed
    "mile per hour": ("mile_per_hour",), "kilometer per hour": ("kilometer_per_hour",),
    "kilometre per hour": ("kilometer_per_hour",),
    # energy
    "watt hour": ("watt_hour",), "megawatt hour": ("megawatt_hour",),
    # temperature ("Degree" without a scale accepts either)
    "c": ("degree_Celsius",), "celsius": ("degree_Celsius",),
    "degree celsius": ("degree_Celsius",),
    "f": ("degree_Fahrenheit",), "fahrenheit": ("degree_Fahrenheit",),
    "degree fahrenheit": ("degree_Fahrenheit",),
    "degree": ("degree_Celsius", "degree_Fahrenheit"), "kelvin": ("kelvin",),
    # duration
    "year": ("year",), "month": ("month",), "week": ("week",), "day": ("day",),
    "hour": ("hour",), "minute": ("minute",), "second": ("second",),
    # ratio
    "percent": ("percent",), "percentage": ("percent",),
}

#: Unit names meaning a plain number (a count, a year): the prediction must have no unit.
NUMBER_UNITS = frozenset({"dimensionless"})
#: Colloquial money words: slang, not news register.
COLLOQUIAL_MONEY = ("grand", "nickel", "nickels", "dime", "dimes", "quarter", "quarters",
                    "buck", "bucks")
#: Vague words that some peers read as exact numbers ("a few" = 3).
VAGUE_WORDS = ("few", "couple")
#: Recognizers dimension subtypes numclaims has no kind for.
FOREIGN_SUBTYPES = frozenset({"Information", "Angle"})
#: Number words: edge words containing one of these change the quantity, so they may not be
#: dropped when comparing spans.
_NUMBER_WORDS = frozenset("""zero one two three four five six seven eight nine ten eleven twelve
    thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty
    sixty seventy eighty ninety hundred thousand million billion trillion lakh lakhs crore
    crores half quarter dozen point minus negative""".split())
_COLLOQUIAL = re.compile(r"\b(?:%s)\b" % "|".join(COLLOQUIAL_MONEY), re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:%s)\b" % "|".join(VAGUE_WORDS), re.IGNORECASE)
# Penn-Treebank tokenisation: spaces around punctuation, split clitics, `` '' quotes,
# "- -" dashes, and a space between a currency sign and its number.
_TOKENISED = re.compile(
    r"\s[,.;:?!)%]\s|\s[,.;:?!]$|\s'\s?(?:s|re|ve|ll|d|m)\b|\sn\s?'\s?t\b|` `|''|\s-\s-\s"
    r"|\(\s|\$\s\d"
)
#: Kinds that are not quantities, ignored by quantulum3's negative cases (it has no dates).
_NOT_QUANTITIES = frozenset({"year", "date"})
QUANTITY_KINDS = frozenset(KINDS) - _NOT_QUANTITIES
MEASURE_KINDS = frozenset({"length", "mass", "area", "volume", "speed", "energy", "power"})


# --------------------------------------------------------------------------- cases


@dataclass(frozen=True, slots=True)
class Skip:
    """Why an expectation is out of scope: a fixed ``reason`` and the case's ``detail``."""

    reason: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Expected:
    """One quantity a peer expects.

    ``kind`` is ``"money"`` (``units`` are ISO codes, empty for any), ``"measure"``
    (``units`` are pint names; any one may match after conversion) or ``"number"`` (the
    prediction must have no unit). ``op`` is ``simple`` (``value``), ``between``
    (``low``/``high``), ``under`` or ``above`` (``value`` and a bound qualifier).
    ``start``/``end`` (end exclusive) are set when the peer gives a span; ``text`` is the
    expected surface.
    """

    kind: str
    units: tuple[str, ...] = ()
    op: str = "simple"
    value: float | None = None
    low: float | None = None
    high: float | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def describe(self) -> str:
        """``'$ 75 million' [29:41] money 75000000 USD``-style one-liner."""
        where = f"{self.text!r}" if self.text is not None else ""
        if self.start is not None:
            where += f" [{self.start}:{self.end}]"
        if self.op == "between":
            amount = f"{fmt_number(self.low)}..{fmt_number(self.high)}"
        else:
            amount = {"under": "under ", "above": "above "}.get(self.op, "") + fmt_number(self.value)
        units = "|".join(self.units) or ("any currency" if self.kind == "money" else "no unit")
        return f"{where} {self.kind} {amount} {units}".strip()

    @property
    def dimension(self) -> str:
        """The numclaims kind expected: ``money``, ``count`` for a plain number, a measure's
        kind from its first unit ("kilometer" -> ``length``)."""
        if self.kind == "money":
            return "money"
        if self.kind == "number" or not self.units:
            return "count"
        from numclaims.normalise.units import kind_of

        try:
            return kind_of(self.units[0])
        except (ValueError, AttributeError, LookupError):  # pint errors derive from these
            return "measure"


@dataclass(frozen=True, slots=True)
class PeerCase:
    """One input text of a peer suite with what it expects.

    An empty ``expected`` makes a negative case: it passes when no mention of a kind in
    ``forbidden_kinds`` is extracted (and, with no forbidden kinds, when nothing raises).
    ``out_of_scope`` holds the reason when the case is not judged against numclaims (it is
    still run, for information, when ``runnable``: its expectation could be built).
    """

    suite: str
    id: str
    input: str
    expected: tuple[Expected, ...] = ()
    forbidden_kinds: frozenset[str] = frozenset()
    out_of_scope: Skip | None = None
    currency_hint: str | None = None
    note: str = ""
    runnable: bool = True

    def describe_expected(self) -> str:
        if self.expected:
            return "; ".join(e.describe() for e in self.expected)
        if self.forbidden_kinds:
            return "nothing of kind " + "/".join(sorted(self.forbidden_kinds))
        return "no exception"

    @property
    def dimension(self) -> str:
        """The first expectation's dimension, or for a negative case the kind it forbids."""
        if self.expected:
            return self.expected[0].dimension
        return negative_dimension(self.forbidden_kinds)


@dataclass(frozen=True, slots=True)
class CaseResult:
    """The outcome of one case: whether it passed, why not, and what was extracted."""

    case: PeerCase
    passed: bool
    reason: str
    got: tuple[str, ...]
    error: str | None = None  # the error class when it failed (numclaims.evaluation.breakdown)

    def outcome(self) -> Outcome:
        spans = [(e.start, e.end) for e in self.case.expected if e.start is not None]
        start, end = spans[0] if spans else (0, None)
        return Outcome(self.case.id, self.case.dimension, self.error,
                       shorten(self.case.input, start, end), self.case.describe_expected(),
                       "; ".join(self.got), self.reason)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.case.id,
            "input": self.case.input,
            "expected": self.case.describe_expected(),
            "passed": self.passed,
            "reason": self.reason,
            "error_class": self.error,
            "got": list(self.got),
            "out_of_scope": self.case.out_of_scope.reason if self.case.out_of_scope else None,
        }


@dataclass(frozen=True, slots=True)
class SuiteResult:
    """Counts for one suite; ``failures`` lists every in-scope failure in file order.

    ``out_of_scope`` counts the out-of-scope cases per reason and ``out_of_scope_details``
    lists what each reason covered (units, currencies); of the out-of-scope cases,
    ``out_of_scope_run`` could be run and ``out_of_scope_passed`` of those would pass.
    """

    name: str
    source: str
    total: int
    in_scope: int
    passed: int
    out_of_scope: Mapping[str, int]
    out_of_scope_details: Mapping[str, tuple[str, ...]]
    out_of_scope_run: int
    out_of_scope_passed: int
    failures: tuple[CaseResult, ...]
    results: tuple[CaseResult, ...] = ()  # every in-scope case, in file order

    def breakdown(self) -> SuiteBreakdown:
        """The in-scope cases by dimension and error class (they add up to ``passed``)."""
        return SuiteBreakdown(self.name, "peers", "in-scope cases passed",
                              tuple(r.outcome() for r in self.results))

    @property
    def pass_rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 0.0

    def to_dict(self, failures: int | None = None) -> dict[str, Any]:
        shown = self.failures if failures is None else self.failures[:failures]
        return {
            "name": self.name,
            "source": self.source,
            "total": self.total,
            "in_scope": self.in_scope,
            "passed": self.passed,
            "pass_rate": self.pass_rate,
            "out_of_scope": dict(self.out_of_scope),
            "out_of_scope_details": {k: list(v) for k, v in self.out_of_scope_details.items()},
            "out_of_scope_total": self.total - self.in_scope,
            "out_of_scope_run": self.out_of_scope_run,
            "out_of_scope_passed": self.out_of_scope_passed,
            "failures": [f.to_dict() for f in shown],
        }


@dataclass(frozen=True, slots=True)
class PeerReport:
    """Every suite's result, in a fixed order."""

    root: str
    suites: tuple[SuiteResult, ...]

    @property
    def in_scope(self) -> int:
        return sum(s.in_scope for s in self.suites)

    @property
    def passed(self) -> int:
        return sum(s.passed for s in self.suites)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.in_scope if self.in_scope else 0.0

    def breakdowns(self) -> tuple[SuiteBreakdown, ...]:
        return tuple(s.breakdown() for s in self.suites)

    def suite(self, name: str) -> SuiteResult:
        """The suite with this name (``KeyError`` if there is none)."""
        for s in self.suites:
            if s.name == name:
                return s
        raise KeyError(name)

    def to_dict(self, failures: int | None = None) -> dict[str, Any]:
        """JSON-ready dict; ``failures`` caps the failures listed per suite (None: all)."""
        return {
            "root": self.root,
            "total": sum(s.total for s in self.suites),
            "in_scope": self.in_scope,
            "passed": self.passed,
            "pass_rate": self.pass_rate,
            "suites": [s.to_dict(failures) for s in self.suites],
        }


# --------------------------------------------------------------------------- helpers


def _close(a: Any, b: float | None) -> bool:
    if b is None or isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    return math.isclose(float(a), b, rel_tol=REL_TOL, abs_tol=0.0 if b else 1e-9)


def _parse_value(raw: Any) -> float | None:
    """A Recognizers resolution value ("75000000", "100%", "null") as a float or None."""
    if raw is None:
        return None
    text = str(raw).strip().rstrip("%").replace(",", "")
    try:
        return float(text)
    except ValueError:
        return None


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8-sig"))  # Recognizers files have a BOM


def is_tokenised(text: str) -> bool:
    """Lower-cased, Penn-Treebank-tokenised corpus text.

    >>> is_tokenised("bard / ems had 1988 sales of about $ 14 million , birtcher said .")
    True
    >>> is_tokenised("Sales rose to $14 million, the company said.")
    False
    """
    return text == text.lower() and bool(_TOKENISED.search(text))


def describe_mention(m: Mention) -> str:
    """``'US$500 million' money 500000000 USD more_than``-style one-liner."""
    amount = fmt_number(m.value) if m.value is not None else f"{fmt_number(m.low)}..{fmt_number(m.high)}"
    return f"{m.text!r} {m.kind} {amount} {m.unit or '-'} {m.qualifier}"


# --------------------------------------------------------------------------- matching


def _in_unit(x: float | None, unit: str, target: str) -> float | None:
    """``x`` converted from pint ``unit`` to ``target``, or None if pint cannot."""
    if x is None:
        return None
    if unit == target:
        return x
    import pint

    from numclaims.normalise.units import registry

    try:
        return float(registry().Quantity(x, unit).to(target).magnitude)
    except (pint.errors.PintError, ValueError, AttributeError, TypeError):
        return None


def _readings(m: Mention, e: Expected) -> list[tuple[float | None, float | None, float | None]]:
    """(value, low, high) of ``m`` in each unit ``e`` accepts; empty if the unit is wrong."""
    numeric = m.value if isinstance(m.value, (int, float)) else None
    if e.kind == "money":
        ok = m.kind == "money" and (not e.units or m.unit in e.units)
        return [(numeric, m.low, m.high)] if ok else []
    if e.kind == "number":
        ok = m.unit is None and m.kind not in ("money", "date")
        return [(numeric, m.low, m.high)] if ok else []
    if m.unit is None or m.kind == "money":
        return []
    out = []
    for target in e.units:
        reading = tuple(_in_unit(x, m.unit, target) for x in (numeric, m.low, m.high))
        if any(r is not None for r in reading):
            out.append(reading)
    return out


_UPPER = frozenset({"less_than", "at_most", "up_to", "nearly"})
_LOWER = frozenset({"more_than", "at_least"})


def amount_matches(m: Mention, e: Expected) -> bool:
    """Value, interval or bound of ``m`` agrees with ``e``, in an accepted unit."""
    for value, low, high in _readings(m, e):
        if e.op == "simple" and _close(value, e.value):
            return True
        if (e.op == "between" and value is None and _close(low, e.low)
                and _close(high, e.high)):
            return True
        if e.op == "under" and m.qualifier in _UPPER and (
                _close(value, e.value) or (value is None and _close(high, e.value))):
            return True
        if e.op == "above" and m.qualifier in _LOWER and (
                _close(value, e.value) or (value is None and _close(low, e.value))):
            return True
    return False


def _edge_ok(extra: str) -> bool:
    """Text one span has beyond the other: at most three words, none carrying a number."""
    if any(ch.isdigit() or unicodedata.category(ch) == "Sc" for ch in extra):
        return False
    words = re.findall(r"[^\W\d_]+", extra)
    return len(words) <= 3 and not any(w.lower() in _NUMBER_WORDS for w in words)


def span_agrees(text: str, start: int, end: int, exp_start: int, exp_end: int) -> bool:
    """The prediction's span agrees with the expected one.

    Equal spans agree; so do spans differing by up to three whole words that carry no
    number or currency sign, where the prediction starts earlier (numclaims puts qualifiers
    in spans: "about $ 14 million") or the two end apart ("five years" for Recognizers'
    "five years old"). A prediction may not drop leading words of the expected span, which
    mark the currency ("us $ 150 million", "c $ 16.4 million").

    >>> s = "sales of about $ 14 million ."
    >>> span_agrees(s, 9, 27, 15, 27), span_agrees(s, 17, 27, 15, 27)
    (True, False)
    >>> span_agrees("a us $ 150 million loan", 5, 18, 2, 18)
    False
    """
    if start >= exp_end or exp_start >= end or start > exp_start:
        return False
    left, right = text[start:exp_start], text[min(end, exp_end):max(end, exp_end)]
    cuts = {exp_start, min(end, exp_end)}
    whole_words = all(
        not (0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()) for i in cuts
    )
    return whole_words and _edge_ok(left) and _edge_ok(right)


def _problem(e: Expected, text: str, mentions: Sequence[Mention]) -> tuple[str, str] | None:
    """None if some mention satisfies ``e``, else the error class and what went wrong."""
    found = [m for m in mentions if amount_matches(m, e)]
    near: Sequence[Mention] = mentions  # without a span the whole input is the surface
    if e.start is not None and e.end is not None:
        if any(span_agrees(text, m.start, m.end, e.start, e.end) for m in found):
            return None
        if found:
            return "span", f"{e.describe()}: found with span {found[0].text!r}"
        near = [m for m in mentions if m.start < e.end and e.start < m.end]
    elif e.text is not None:
        spans = occurrences(text, e.text)
        if any(m.start < b and a < m.end for m in found for a, b in spans):
            return None
        if found:
            return ("span", f"{e.describe()}: found only away from the surface, "
                            f"as {found[0].text!r}")
        near = [m for m in mentions if any(m.start < b and a < m.end for a, b in spans)]
    elif found:
        return None
    # _readings is empty exactly when the mention's kind or unit cannot be the expected one
    error = ("wrong_value" if any(_readings(m, e) for m in near)
             else "wrong_unit" if near else "missed")
    return error, f"{e.describe()}: not found"


def judge(case: PeerCase, mentions: Sequence[Mention]) -> tuple[bool, str]:
    """Apply the suite rules to one case's mentions: ``(passed, reason if failed)``.

    >>> m = Mention(9, 27, "about $ 14 million", "money", 14e6, "USD", qualifier="approx")
    >>> e = Expected("money", ("USD",), value=14e6, text="$ 14 million", start=15, end=27)
    >>> case = PeerCase("demo", "1", "sales of about $ 14 million .", (e,))
    >>> judge(case, [m])
    (True, '')
    """
    error, reason = classify(case, mentions)
    return error is None, reason


def classify(case: PeerCase, mentions: Sequence[Mention]) -> tuple[str | None, str]:
    """:func:`judge` with the error class: ``(None, "")`` when the case passes, else the class
    of its first failing expectation (``false_positive`` for a negative case) and the reason."""
    if not case.expected:
        bad = [m for m in mentions if m.kind in case.forbidden_kinds]
        return ("false_positive" if bad else None,
                "; ".join(f"unexpected {describe_mention(m)}" for m in bad))
    problems = [p for e in case.expected if (p := _problem(e, case.input, mentions))]
    return (problems[0][0] if problems else None, "; ".join(p[1] for p in problems))


# --------------------------------------------------------------------------- scope rules

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "lakh",
                          "lakhs", "crore", "crores"})


def numeral_runs(text: str) -> int:
    """How many separate numerals ``text`` holds ("twenty dollars 43 cents" has two).

    Adjacent number words form one numeral, as do words joined by "and" ("one hundred and
    two") and digits followed by a scale word ("3 million").

    >>> numeral_runs("twenty dollars 43 cents"), numeral_runs("one hundred and two")
    (2, 1)
    """
    runs, prev = 0, None  # prev: "digit", "word", "and-after-word" or None
    for token in _TOKEN.findall(text):
        low = token.lower()
        digit = token[0].isdigit()
        word = low in _NUMBER_WORDS and low not in ("point", "minus", "negative")
        if low == "and" and prev == "word":
            prev = "and-after-word"
            continue
        if digit or word:
            joined = (word and prev in ("word", "and-after-word")) or (
                prev == "digit" and low in _SCALE_WORDS)
            runs += not joined
            prev = "digit" if digit else "word"
        else:
            prev = None
    return runs


def _minor_units_split(text: str, expected: Sequence[Expected]) -> bool:
    """A money amount spelt as major plus minor units ("20 dollars 43 cents", "$20 43")."""
    fractional = any(e.kind == "money" and e.value is not None
                     and abs(e.value - round(e.value)) > 1e-9 for e in expected)
    return fractional and not re.search(r"\d[.,]\d", text) and numeral_runs(text) >= 2


def _scope(text: str, expected: Sequence[Expected], skips: Sequence[Skip]) -> Skip | None:
    """The rules every peer shares, applied after the peer-specific ones."""
    if skips:
        return skips[0]
    if any(e.kind == "money" for e in expected):
        if m := _COLLOQUIAL.search(text):
            return Skip("colloquial money word", m.group(0).lower())
        if _minor_units_split(text, expected):
            return Skip("amount split into major and minor units (spoken style)")
    if m := _VAGUE.search(text):
        return Skip("vague word read as an exact number", m.group(0).lower())
    return None


# --------------------------------------------------------------------------- Recognizers

_RECOGNIZERS_SUITES: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("CurrencyModel", "NumberWithUnit/CurrencyModel.json", frozenset({"money"})),
    ("DimensionModel", "NumberWithUnit/DimensionModel.json", MEASURE_KINDS),
    ("TemperatureModel", "NumberWithUnit/TemperatureModel.json", frozenset({"temperature"})),
    ("AgeModel", "NumberWithUnit/AgeModel.json", frozenset({"duration"})),
    ("PercentModel", "Number/PercentModel.json", frozenset({"ratio"})),
)
_UNIT_OUTSIDE = "unit outside numclaims' tables"
_CURRENCY_OUTSIDE = "currency outside numclaims' tables"


def _recognizers_expected(result: Mapping[str, Any], money: bool) -> Expected | Skip | None:
    """The expectation of one Recognizers result, a :class:`Skip`, or None if the result
    has no value (a bare unit word such as "fahrenheit" in "convert to fahrenheit")."""
    res = result.get("Resolution") or {}
    value = _parse_value(res.get("value"))
    if value is None:
        return None
    unit = str(res.get("unit") or "percent")
    span: dict[str, Any] = {"text": result.get("Text")}
    if isinstance(result.get("Start"), int) and isinstance(result.get("End"), int):
        span.update(start=result["Start"], end=result["End"] + 1)  # the spec's End is inclusive
    if money:
        iso = res.get("isoCurrency")
        codes, factor = ((iso,), 1.0) if iso else MONEY_UNITS.get(unit.lower(), ((), 0.0))
        if not factor:
            return Skip(_CURRENCY_OUTSIDE, unit)
        return Expected("money", codes, value=value * factor, **span)
    if res.get("subtype") in FOREIGN_SUBTYPES:
        return Skip("dimension outside numclaims' kinds", str(res["subtype"]))
    units = MEASURE_UNITS.get(unit.lower())
    if units is None:
        return Skip(_UNIT_OUTSIDE, unit)
    if span["text"] and re.match(r"per\s?cents?\b", span["text"], re.IGNORECASE):
        return Skip("reads 'percent of N' as N% (unit word before its number)")
    return Expected("measure", units, value=value, **span)


def _recognizers_case(suite: str, case_id: str, item: Mapping[str, Any], money: bool,
                      kinds: frozenset[str]) -> PeerCase:
    built = [_recognizers_expected(r, money) for r in item.get("Results", [])]
    expected = tuple(b for b in built if isinstance(b, Expected))
    skips = [b for b in built if isinstance(b, Skip)]
    not_supported = f"{item.get('NotSupported', '')},{item.get('NotSupportedByDesign', '')}"
    scope: Skip | None
    if "python" in not_supported.lower():
        scope = Skip("marked NotSupported for python by the peer")
    elif is_tokenised(item["Input"]):
        scope = Skip("lower-cased, tokenised corpus text")
    else:
        scope = _scope(item["Input"], expected, skips)
    return PeerCase(suite, case_id, item["Input"], expected, forbidden_kinds=kinds,
                    out_of_scope=scope, runnable=not (skips and not expected))


def load_recognizers(folder: Path) -> list[tuple[str, str, list[PeerCase]]]:
    """Recognizers-Text suites as ``(name, source, cases)``."""
    suites = []
    for name, rel, kinds in _RECOGNIZERS_SUITES:
        path = folder / rel
        money = kinds == frozenset({"money"})
        cases = [_recognizers_case(f"recognizers/{name}", f"{rel}#{i}", item, money, kinds)
                 for i, item in enumerate(_read_json(path))]
        suites.append((f"recognizers/{name}", str(path), cases))
    return suites


# --------------------------------------------------------------------------- quantulum3


def _part_of_name(text: str, start: int) -> bool:
    """The digits at ``start`` follow a capitalised word that does not open a sentence
    ("Voyager 2", "English 101", "South 32 Ltd").

    >>> _part_of_name("the passage of Voyager 2", 23), _part_of_name("Is 3 odd?", 3)
    (True, False)
    """
    before = re.search(r"([^\W\d_]\w*)[ \-]$", text[:start])
    if not (text[start:start + 1].isdigit() and before and before.group(1)[0].isupper()):
        return False
    opening = text[:before.start()].rstrip(" \"'“‘(")
    return bool(opening) and opening[-1] not in ".!?"


def _quantulum_expected(req: str, item: Mapping[str, Any]) -> Expected | Skip:
    """One expected quantulum3 quantity, or why it is out of scope."""
    surface, unit = item.get("surface") or "", str(item.get("unit", ""))
    spans = occurrences(req, surface)
    if not spans:
        return Skip("expected surface is not in the (truncated) input", surface)
    value = float(item["value"])
    if unit in NUMBER_UNITS:
        if _part_of_name(req, spans[0][0]):
            return Skip("number is part of a name (numclaims must not extract it)", surface)
        kind, units = "number", ()
    elif unit.lower() in MONEY_UNITS:
        codes, factor = MONEY_UNITS[unit.lower()]
        kind, units, value = "money", codes, value * factor
    elif unit.lower() in MEASURE_UNITS:
        kind, units = "measure", MEASURE_UNITS[unit.lower()]
    else:
        return Skip(_UNIT_OUTSIDE, unit)
    spread = item.get("uncertainty")
    if spread:  # quantulum3 states a range as its midpoint and half-width
        return Expected(kind, units, "between", low=value - spread, high=value + spread,
                        text=surface)
    return Expected(kind, units, value=value, text=surface)


def _quantulum_case(case_id: str, entry: Mapping[str, Any]) -> PeerCase:
    req = entry["req"]
    built = [_quantulum_expected(req, item) for item in entry.get("res", [])]
    expected = tuple(b for b in built if isinstance(b, Expected))
    skips = [b for b in built if isinstance(b, Skip)]
    note = ""
    if expected and skips:  # judge what is in scope; say what was left out
        note = "not judged: " + "; ".join(f"{s.reason} ({s.detail})" for s in skips)
        skips = []
    return PeerCase("quantulum3/quantities", case_id, req, expected,
                    forbidden_kinds=QUANTITY_KINDS, out_of_scope=_scope(req, expected, skips),
                    note=note, runnable=not (skips and not expected))


def load_quantulum3(folder: Path) -> list[tuple[str, str, list[PeerCase]]]:
    """quantulum3's ``quantities.json`` and ``errors.json`` as suites."""
    path = folder / "quantities.json"
    cases = [_quantulum_case(f"quantities.json#{i}", entry)
             for i, entry in enumerate(_read_json(path))]
    errors_path = folder / "errors.json"
    crash = [PeerCase("quantulum3/errors", f"errors.json#{i}", text)
             for i, text in enumerate(_read_json(errors_path))]
    return [("quantulum3/quantities", str(path), cases),
            ("quantulum3/errors", str(errors_path), crash)]


# --------------------------------------------------------------------------- Duckling

_DUCKLING_KINDS: Mapping[str, frozenset[str]] = {
    "AmountOfMoney": frozenset({"money"}),
    "Distance": frozenset({"length"}),
    "Quantity": frozenset({"mass", "volume"}),
    "Volume": frozenset({"volume"}),
    "Temperature": frozenset({"temperature"}),
    "Numeral": frozenset({"count"}),
}
_NEGATIVE_SECTIONS = frozenset({"negativeCorpus", "negativeExamples"})


def _duckling_location(file: str) -> tuple[str, str | None]:
    """("AmountOfMoney", "AU") from ``Duckling/AmountOfMoney/EN/AU/Corpus.hs``."""
    parts = file.split("/")
    dimension = parts[parts.index("Duckling") + 1] if "Duckling" in parts else parts[0]
    locale = parts[-2] if (len(parts) >= 3 and re.fullmatch(r"[A-Z]{2}", parts[-2])
                           and parts[-3] == "EN") else None
    return dimension, locale


def _duckling_expected(exp: Mapping[str, Any], dimension: str) -> Expected | Skip:
    op, unit = exp["op"], str(exp.get("unit") or "")
    values = [float(v) for v in exp["values"]]
    if op == "numeral":
        kind, units, factor = "number", (), 1.0
    elif dimension == "AmountOfMoney":
        if re.fullmatch(r"[A-Z]{3}", unit):
            kind, units, factor = "money", (unit,), 1.0
        elif unit.lower() in MONEY_UNITS:
            kind, (units, factor) = "money", MONEY_UNITS[unit.lower()]
        else:
            return Skip(_CURRENCY_OUTSIDE, unit)
    elif unit.lower() in MEASURE_UNITS:
        kind, units, factor = "measure", MEASURE_UNITS[unit.lower()], 1.0
    else:
        return Skip(_UNIT_OUTSIDE, unit)
    values = [v * factor for v in values]
    if op == "between":
        low, high = values
        if low and high / low >= 1000:
            return Skip("expectation looks wrong: range bounds 1000x apart "
                        "(a scale word applied to one bound only)", exp.get("raw", ""))
        return Expected(kind, units, "between", low=low, high=high)
    return Expected(kind, units, "simple" if op == "numeral" else op, value=values[0])


def _duckling_cases(g: int, group: Mapping[str, Any]) -> Iterator[PeerCase]:
    dimension, locale = _duckling_location(group["file"])
    section = group["section"]
    built = None if section in _NEGATIVE_SECTIONS else _duckling_expected(group["expected"],
                                                                         dimension)
    expected = (built,) if isinstance(built, Expected) else ()
    for i, text in enumerate(group["inputs"]):
        if section == "latentCorpus":
            scope: Skip | None = Skip("latent reading (a bare number as an amount) "
                                      "is a Duckling option")
        else:
            scope = _scope(text, expected, [built] if isinstance(built, Skip) else [])
        yield PeerCase(
            suite=f"duckling/{dimension}", id=f"{group['file']}:{section}#{g}.{i}",
            input=text, expected=expected,
            forbidden_kinds=_DUCKLING_KINDS.get(dimension, QUANTITY_KINDS),
            out_of_scope=scope, currency_hint=locale, runnable=not isinstance(built, Skip),
        )


def load_duckling(folder: Path) -> list[tuple[str, str, list[PeerCase]]]:
    """Duckling's extracted corpora, one suite per dimension (in order of appearance)."""
    path = folder / "extracted-examples.json"
    by_dim: dict[str, list[PeerCase]] = {}
    for g, group in enumerate(_read_json(path)):
        for case in _duckling_cases(g, group):
            by_dim.setdefault(case.suite, []).append(case)
    return [(name, str(path), cases) for name, cases in by_dim.items()]


# --------------------------------------------------------------------------- running

LOADERS: Mapping[str, Callable[[Path], list[tuple[str, str, list[PeerCase]]]]] = {
    "recognizers-text": load_recognizers,
    "quantulum3": load_quantulum3,
    "duckling": load_duckling,
}


def load_suites(root: str | Path) -> list[tuple[str, str, list[PeerCase]]]:
    """Every suite under ``root`` (the peers folder) as ``(name, source, cases)``.

    A peer folder that is absent is skipped; a present folder that cannot be read raises.
    """
    root = Path(root)
    suites = []
    for folder, loader in LOADERS.items():
        if (root / folder).is_dir():
            suites.extend(loader(root / folder))
    return suites


def run_case(case: PeerCase, extract: ExtractFn) -> CaseResult:
    """Extract from the case's input and judge it; an exception fails the case."""
    try:
        mentions = list(extract(case.input, currency_hint=case.currency_hint))
    except Exception as exc:  # a peer input crashing the extractor is a failure to report
        return CaseResult(case, False, f"extractor raised {type(exc).__name__}: {exc}", (),
                          "error")
    error, reason = classify(case, mentions)
    return CaseResult(case, error is None, reason, tuple(describe_mention(m) for m in mentions),
                      error)


def _details(cases: Iterable[PeerCase]) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for c in cases:
        if c.out_of_scope is not None and c.out_of_scope.detail:
            found.setdefault(c.out_of_scope.reason, set()).add(c.out_of_scope.detail)
    return {reason: tuple(sorted(d)) for reason, d in found.items()}


def run_suite(name: str, source: str, cases: Sequence[PeerCase],
              extract: ExtractFn) -> SuiteResult:
    """Run the in-scope cases and the runnable out-of-scope ones, and tally the suite."""
    judged = [run_case(c, extract) for c in cases if c.out_of_scope is None]
    other = [c for c in cases if c.out_of_scope is not None]
    informative = [run_case(c, extract) for c in other if c.runnable]
    reasons = Counter(c.out_of_scope.reason for c in other if c.out_of_scope)
    return SuiteResult(
        name=name, source=source, total=len(cases), in_scope=len(judged),
        passed=sum(r.passed for r in judged),
        out_of_scope=dict(reasons.most_common()), out_of_scope_details=_details(other),
        out_of_scope_run=len(informative), out_of_scope_passed=sum(r.passed for r in informative),
        failures=tuple(r for r in judged if not r.passed), results=tuple(judged),
    )


def evaluate_peers(root: str | Path, *, extract: ExtractFn | None = None) -> PeerReport:
    """Run numclaims over every peer suite under ``root`` and tally the results.

    ``extract`` defaults to :func:`numclaims.extract`; tests pass a stub.

    >>> def nothing(text, **options): return []
    >>> report = evaluate_peers("/nonexistent", extract=nothing)
    >>> report.suites, report.pass_rate
    ((), 0.0)
    """
    run = extract or default_extract()
    suites = tuple(run_suite(name, source, cases, run)
                   for name, source, cases in load_suites(root))
    return PeerReport(str(root), suites)


def _failure_lines(suite: SuiteResult, limit: int) -> Iterator[str]:
    for r in suite.failures[:limit]:
        yield f"  - {r.case.id}"
        yield f"      input:    {r.case.input!r}"
        yield f"      expected: {r.case.describe_expected()}"
        yield f"      got:      {'; '.join(r.got) or 'nothing'}"
        if r.reason:
            yield f"      why:      {r.reason}"
        if r.case.note:
            yield f"      note:     {r.case.note}"
    if len(suite.failures) > limit:
        yield f"  ... and {len(suite.failures) - limit} more failures"


def format_peer_report(report: PeerReport, failures: int = 20) -> str:
    """A table of pass rates per suite, the out-of-scope reasons, then the first failures."""
    header = (f"{'suite':<28}{'total':>6}{'scope':>7}{'pass':>6}{'rate':>8}{'out':>6}"
              f"{'out ok':>9}")
    lines = [f"Peer suites under {report.root}", header, "-" * len(header)]
    for s in report.suites:
        lines.append(f"{s.name:<28}{s.total:>6}{s.in_scope:>7}{s.passed:>6}"
                     f"{100 * s.pass_rate:>7.1f}%{s.total - s.in_scope:>6}"
                     f"{f'{s.out_of_scope_passed}/{s.out_of_scope_run}':>9}")
    lines.append("-" * len(header))
    lines.append(f"{'all':<28}{sum(s.total for s in report.suites):>6}{report.in_scope:>7}"
                 f"{report.passed:>6}{100 * report.pass_rate:>7.1f}%")
    lines.append("scope: cases judged; out: out of scope (not judged); out ok: out-of-scope "
                 "cases that would pass / that could be run")
    for s in report.suites:
        lines += ["", f"{s.name}  ({s.source})"]
        for reason, n in s.out_of_scope.items():
            detail = s.out_of_scope_details.get(reason, ())
            lines.append(f"  out of scope x{n}: {reason}"
                         + (f" [{', '.join(detail)}]" if detail else ""))
        if s.failures and failures > 0:
            lines.append(f"  failures ({len(s.failures)}):")
            lines.extend(_failure_lines(s, failures))
    return "\n".join(lines)


__all__ = [
    "CaseResult", "Expected", "PeerCase", "PeerReport", "Skip", "SuiteResult",
    "amount_matches", "classify", "evaluate_peers", "format_peer_report", "is_tokenised", "judge",
    "load_suites", "numeral_runs", "span_agrees",
]
