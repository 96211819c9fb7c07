"""Score extraction against a hand-annotated gold file (``gold.json`` beside its documents).

The gold file lists the documents (file, publication date, outlet country), the mentions a
fact-checker checked, surfaces that must not be extracted, and expectations for the checker
(inline restatements, cross-source groups, weekday checks). :func:`load_gold` validates all of
it and raises :class:`~numclaims.errors.InputError` naming the faulty field;
:func:`evaluate_gold` runs :func:`numclaims.extract` on every document and scores it.

Scoring rules (the gold mention list is *not* exhaustive):

- a prediction **matches** a gold mention when its span equals an occurrence of the gold
  surface in the document, its value equals the gold value (relative 1e-6; gold entries with
  only ``low``/``high`` compare those) and its unit agrees (gold dimension ``currency`` is kind
  ``money``, ``time`` is ``duration``; a gold mention without unit needs ``unit=None``);
- **recall** = matched gold mentions / all gold mentions;
- **precision** only counts *judged* predictions: those overlapping an occurrence of a gold
  surface (true positive if they match a gold mention, false positive otherwise) and those
  overlapping a ``must_not_extract`` surface (false positive). All other predictions are
  *unjudged* and only counted;
- every gold mention and every judged prediction is also an
  :class:`~numclaims.evaluation.breakdown.Outcome` with its dimension and error class
  (:meth:`GoldScore.breakdowns`): the mention outcomes add up to recall, the prediction
  outcomes to precision;
- **qualifier agreement** compares the qualifier of the prediction found for each gold
  mention with the one its ``bound``/``approximate`` annotation implies;
- **field accuracy** takes the same prediction (the match, else the same span, else an
  overlapping one) and scores ``value``, ``unit`` and every frame field the annotator stated
  (:func:`frame_field_right`): right / stated, over the gold mentions a prediction was found for.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from numclaims.errors import InputError
from numclaims.evaluation.breakdown import Outcome, SuiteBreakdown, shorten, unique_id
from numclaims.extraction.money import sign_reading
from numclaims.model import KINDS, Mention

ExtractFn = Callable[..., list[Mention]]

#: Gold ``dimension`` names that differ from numclaims kinds.
DIMENSION_TO_KIND: Mapping[str, str] = {"currency": "money", "time": "duration"}
#: Qualifiers that satisfy a gold ``bound``.
BOUND_QUALIFIERS: Mapping[str, frozenset[str]] = {
    "lower": frozenset({"more_than", "at_least"}),
    "upper": frozenset({"less_than", "at_most", "up_to", "nearly"}),
}
#: Qualifiers that satisfy ``approximate: true`` when there is no bound.
APPROX_QUALIFIERS = frozenset({"approx", "nearly", "vague"})
#: Verdicts a gold inline or weekday check may expect.
VERDICTS = ("consistent", "must_flag")
#: Verdicts a gold group may expect: ``must_flag`` is any of the last three, when the annotator
#: wants the group seen without saying how sure the checker should be.
GROUP_VERDICTS = ("consistent", "must_flag", "conflict", "divergent", "updated")
#: Group verdicts that mean the outlets drift: a checker must flag the group.
DRIFT_VERDICTS = frozenset({"must_flag", "conflict", "divergent", "updated"})
ARITHMETIC_KINDS = ("parts", "change", "share", "rate")
#: Frame fields a gold mention may state, with the values each allows (None: any string).
FRAME_FIELDS: Mapping[str, tuple[str, ...] | None] = {
    "per": None, "about": None, "direction": ("up", "down"), "change": ("delta", "level", "start"),
    "when": None,
}
REL_TOL = 1e-6
_COUNTRY = re.compile(r"^[A-Z]{2}$")


# --------------------------------------------------------------------------- the gold data


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One annotated document; ``text`` is the content of ``path``."""

    id: str
    file: str
    path: Path
    published: str
    outlet_country: str
    text: str
    outlet: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class GoldMention:
    """A checked quantity: its surface in the document and what it should extract to."""

    doc: str
    surface: str
    dimension: str
    value: float | None = None
    unit: str | None = None
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    approximate: bool = False
    si_value: float | None = None
    si_unit: str | None = None
    #: the frame fields the annotator stated (``per``, ``direction``, ``change``, ``when`` as
    #: ``(start, end)``, ``about``); a field left out is not scored, a ``None`` must be empty
    frame: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The numclaims kind this gold dimension corresponds to (``currency`` -> ``money``)."""
        return DIMENSION_TO_KIND.get(self.dimension, self.dimension)

    def expected_qualifiers(self) -> frozenset[str]:
        """Qualifiers that agree with the annotation.

        >>> GoldMention("d", "nearly 60 years", "time", 60, "year", bound="upper",
        ...             approximate=True).expected_qualifiers() == BOUND_QUALIFIERS["upper"]
        True
        >>> sorted(GoldMention("d", "17km", "length", 17, "kilometer").expected_qualifiers())
        ['exact']
        """
        if self.bound is not None:
            return BOUND_QUALIFIERS[self.bound]
        if self.approximate:
            return APPROX_QUALIFIERS
        if self.value is None:
            return frozenset({"range"})
        return frozenset({"exact"})


@dataclass(frozen=True, slots=True)
class GoldExclusion:
    """A surface that must not produce a mention (list numbering, digits in a URL...)."""

    doc: str
    surface: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldInlineCheck:
    """A stated amount and its restatement in the same document, with the expected verdict."""

    doc: str
    stated: str
    equivalent: str
    verdict: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldGroup:
    """Claims about one fact across documents, as ``(doc, surface)`` pairs, with a verdict."""

    fact: str
    members: tuple[tuple[str, str], ...]
    verdict: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldSeparateFacts:
    """Figures that look alike but state different facts: a checker must never group them."""

    members: tuple[tuple[str, str], ...]
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldArithmetic:
    """Figures that must follow from each other: parts and their total, a change and its
    levels, a share and its base, a rate and its total."""

    kind: str
    operands: tuple[tuple[str, str], ...]
    result: tuple[str, str]
    verdict: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class GoldWeekdayCheck:
    """A weekday-plus-date surface and whether it must be flagged."""

    doc: str
    surface: str
    verdict: str
    why: str = ""


@dataclass(frozen=True, slots=True)
class Gold:
    """A validated gold file."""

    path: Path
    about: str
    documents: tuple[GoldDocument, ...]
    mentions: tuple[GoldMention, ...]
    must_not_extract: tuple[GoldExclusion, ...]
    inline_checks: tuple[GoldInlineCheck, ...] = ()
    groups: tuple[GoldGroup, ...] = ()
    weekday_checks: tuple[GoldWeekdayCheck, ...] = ()
    must_not_merge: tuple[GoldSeparateFacts, ...] = ()
    arithmetic_checks: tuple[GoldArithmetic, ...] = ()

    def document(self, doc_id: str) -> GoldDocument:
        """The document with this id (``KeyError`` if there is none)."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)


# --------------------------------------------------------------------------- validation


def _fail(message: str, where: str) -> InputError:
    return InputError(f"gold file: {where}: {message}", field=where)


def _require(obj: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in obj:
        raise _fail("missing required key", f"{where}.{key}" if where else key)
    return obj[key]


def _opt_str(obj: Mapping[str, Any], key: str, where: str) -> str | None:
    """An optional string field (absent or null gives None)."""
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        raise _fail(f"must be a string, got {type(value).__name__}", f"{where}.{key}")
    return value


def _str(obj: Mapping[str, Any], key: str, where: str) -> str:
    """A required, non-empty string field."""
    value = _opt_str(obj, key, where)
    if value is None:
        raise _fail("missing required key", f"{where}.{key}")
    if not value:
        raise _fail("must not be empty", f"{where}.{key}")
    return value


def _number(obj: Mapping[str, Any], key: str, where: str) -> float | None:
    if key not in obj or obj[key] is None:
        return None
    value = obj[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(f"must be a number, got {type(value).__name__}", f"{where}.{key}")
    if not math.isfinite(value):
        raise _fail("must be a finite number", f"{where}.{key}")
    return float(value)


def _records(data: Mapping[str, Any], key: str, *, required: bool) -> list[Mapping[str, Any]]:
    if key not in data:
        if required:
            raise _fail("missing required key", key)
        return []
    items = data[key]
    if not isinstance(items, list):
        raise _fail(f"must be a list, got {type(items).__name__}", key)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise _fail(f"must be an object, got {type(item).__name__}", f"{key}[{i}]")
    return items


def _verdict(obj: Mapping[str, Any], where: str,
             allowed: tuple[str, ...] = VERDICTS) -> str:
    verdict = _str(obj, "verdict", where)
    if verdict not in allowed:
        raise _fail(f"must be one of {', '.join(allowed)}, got {verdict!r}", f"{where}.verdict")
    return verdict


def _iso(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _fail(f"must be an ISO date (YYYY-MM-DD), got {value!r}", where)
    try:
        date.fromisoformat(value)
    except ValueError:
        raise _fail(f"must be an ISO date (YYYY-MM-DD), got {value!r}", where) from None
    return value


def _frame(obj: Mapping[str, Any], where: str) -> dict[str, Any]:
    frame: dict[str, Any] = {}
    for name, allowed in FRAME_FIELDS.items():
        if name not in obj:
            continue
        value = obj[name]
        at = f"{where}.{name}"
        if value is None:
            frame[name] = None
        elif name == "when":
            if not isinstance(value, dict):
                raise _fail("must be null or {\"start\": ISO date, \"end\": ISO date}", at)
            frame[name] = (_iso(value.get("start"), f"{at}.start"),
                           _iso(value.get("end"), f"{at}.end"))
        elif not isinstance(value, str) or not value:
            raise _fail(f"must be null or a non-empty string, got {value!r}", at)
        elif allowed is not None and value not in allowed:
            raise _fail(f"must be null or one of {', '.join(allowed)}, got {value!r}", at)
        else:
            frame[name] = value
    return frame


def _document(obj: Mapping[str, Any], where: str, folder: Path) -> GoldDocument:
    doc_id = _str(obj, "id", where)
    file = _str(obj, "file", where)
    published = _iso(_str(obj, "published", where), f"{where}.published")
    country = _str(obj, "outlet_country", where)
    if not _COUNTRY.match(country):
        raise _fail(f"must be an ISO 3166 alpha-2 code, got {country!r}",
                    f"{where}.outlet_country")
    path = folder / file
    if not path.is_file():
        raise _fail(f"document file {str(path)!r} does not exist", f"{where}.file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(f"document file {str(path)!r} is not UTF-8 text: {exc}",
                    f"{where}.file") from None
    return GoldDocument(doc_id, file, path, published, country, text,
                        outlet=_opt_str(obj, "outlet", where) or "",
                        source=_opt_str(obj, "source", where) or "")


def _check_surface(surface: str, doc_id: str, texts: Mapping[str, str], where: str,
                   key: str) -> None:
    if doc_id not in texts:
        raise _fail(f"unknown document id {doc_id!r}", f"{where}.doc")
    if surface not in texts[doc_id]:
        raise _fail(f"surface {surface!r} not found in document {doc_id}", f"{where}.{key}")


def _mention(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldMention:
    doc = _str(obj, "doc", where)
    surface = _str(obj, "surface", where)
    dimension = _str(obj, "dimension", where)
    if DIMENSION_TO_KIND.get(dimension, dimension) not in KINDS:
        raise _fail(f"unknown dimension {dimension!r} (a numclaims kind, 'currency' or "
                    "'time')", f"{where}.dimension")
    _check_surface(surface, doc, texts, where, "surface")
    value, low, high = (_number(obj, k, where) for k in ("value", "low", "high"))
    if value is None and (low is None or high is None):
        raise _fail("needs 'value', or both 'low' and 'high'", f"{where}.value")
    bound = _opt_str(obj, "bound", where)
    if bound is not None and bound not in BOUND_QUALIFIERS:
        raise _fail(f"must be 'lower' or 'upper', got {bound!r}", f"{where}.bound")
    approximate = obj.get("approximate", False)
    if not isinstance(approximate, bool):
        raise _fail(f"must be true or false, got {approximate!r}", f"{where}.approximate")
    return GoldMention(
        doc=doc, surface=surface, dimension=dimension, value=value,
        unit=_opt_str(obj, "unit", where), low=low, high=high, bound=bound,
        approximate=approximate, si_value=_number(obj, "si_value", where),
        si_unit=_opt_str(obj, "si_unit", where), frame=_frame(obj, where),
    )


def _exclusion(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldExclusion:
    doc, surface = _str(obj, "doc", where), _str(obj, "surface", where)
    _check_surface(surface, doc, texts, where, "surface")
    return GoldExclusion(doc, surface, _opt_str(obj, "why", where) or "")


def _inline(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldInlineCheck:
    doc = _str(obj, "doc", where)
    stated, equivalent = _str(obj, "stated", where), _str(obj, "equivalent", where)
    _check_surface(stated, doc, texts, where, "stated")
    _check_surface(equivalent, doc, texts, where, "equivalent")
    return GoldInlineCheck(doc, stated, equivalent, _verdict(obj, where),
                           _opt_str(obj, "why", where) or "")


def _member(pair: Any, name: str, texts: Mapping[str, str]) -> tuple[str, str]:
    if (not isinstance(pair, list) or len(pair) != 2
            or not all(isinstance(p, str) and p for p in pair)):
        raise _fail("must be a [doc, surface] pair of strings", name)
    if pair[0] not in texts:
        raise _fail(f"unknown document id {pair[0]!r}", name)
    if pair[1] not in texts[pair[0]]:
        raise _fail(f"surface {pair[1]!r} not found in document {pair[0]}", name)
    return pair[0], pair[1]


def _members(obj: Mapping[str, Any], where: str, texts: Mapping[str, str], key: str = "members",
             least: int = 1) -> tuple[tuple[str, str], ...]:
    raw = _require(obj, key, where)
    if not isinstance(raw, list) or len(raw) < least:
        raise _fail(f"must be a list of at least {least} [doc, surface] pairs", f"{where}.{key}")
    return tuple(_member(pair, f"{where}.{key}[{i}]", texts) for i, pair in enumerate(raw))


def _group(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldGroup:
    fact = _str(obj, "fact", where)
    return GoldGroup(fact, _members(obj, where, texts), _verdict(obj, where, GROUP_VERDICTS),
                     _opt_str(obj, "why", where) or "")


def _separate(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldSeparateFacts:
    return GoldSeparateFacts(_members(obj, where, texts, least=2),
                             _opt_str(obj, "why", where) or "")


def _arithmetic(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldArithmetic:
    kind = _str(obj, "kind", where)
    if kind not in ARITHMETIC_KINDS:
        raise _fail(f"must be one of {', '.join(ARITHMETIC_KINDS)}, got {kind!r}", f"{where}.kind")
    return GoldArithmetic(kind, _members(obj, where, texts, "operands"),
                          _member(_require(obj, "result", where), f"{where}.result", texts),
                          _verdict(obj, where), _opt_str(obj, "why", where) or "")


def _weekday(obj: Mapping[str, Any], where: str, texts: Mapping[str, str]) -> GoldWeekdayCheck:
    doc, surface = _str(obj, "doc", where), _str(obj, "surface", where)
    _check_surface(surface, doc, texts, where, "surface")
    return GoldWeekdayCheck(doc, surface, _verdict(obj, where),
                            _opt_str(obj, "why", where) or "")


def load_gold(path: str | Path) -> Gold:
    """Read and validate a gold file; document texts are read from the files beside it.

    Raises :class:`InputError` whose ``field`` names the bad entry, e.g.
    ``mentions[3].surface`` for a surface that does not occur in its document.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("It cost $5 on Monday.")
    >>> _ = (folder / "gold.json").write_text(json.dumps({"documents": [{"id": "a",
    ...     "file": "a.txt", "published": "2019-04-25", "outlet_country": "US"}],
    ...     "mentions": [{"doc": "a", "surface": "$5", "dimension": "currency",
    ...     "value": 5, "unit": "USD"}], "must_not_extract": []}))
    >>> load_gold(folder / "gold.json").mentions[0].kind
    'money'
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"gold file {str(path)!r} does not exist", field="path") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"gold file {str(path)!r} is not valid JSON: {exc}",
                         field="path") from None
    if not isinstance(data, dict):
        raise _fail(f"must be a JSON object, got {type(data).__name__}", "(top level)")
    about = data.get("about", "")
    if not isinstance(about, str):
        raise _fail(f"must be a string, got {type(about).__name__}", "about")
    documents = tuple(_document(obj, f"documents[{i}]", path.parent)
                      for i, obj in enumerate(_records(data, "documents", required=True)))
    texts: dict[str, str] = {}
    for i, doc in enumerate(documents):
        if doc.id in texts:
            raise _fail(f"duplicate document id {doc.id!r}", f"documents[{i}].id")
        texts[doc.id] = doc.text

    def build(key: str, make: Callable[..., Any], required: bool = False) -> tuple[Any, ...]:
        return tuple(make(obj, f"{key}[{i}]", texts)
                     for i, obj in enumerate(_records(data, key, required=required)))

    return Gold(
        path=path, about=about, documents=documents,
        mentions=build("mentions", _mention, required=True),
        must_not_extract=build("must_not_extract", _exclusion, required=True),
        inline_checks=build("inline_checks", _inline),
        groups=build("groups", _group),
        weekday_checks=build("weekday_checks", _weekday),
        must_not_merge=build("must_not_merge", _separate),
        arithmetic_checks=build("arithmetic_checks", _arithmetic),
    )


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Predicted:
    """A compact view of one prediction, for reports."""

    text: str
    start: int
    end: int
    kind: str
    value: float | str | None
    unit: str | None
    low: float | None
    high: float | None
    qualifier: str

    @classmethod
    def of(cls, m: Mention) -> Predicted:
        return cls(m.text, m.start, m.end, m.kind, m.value, m.unit, m.low, m.high, m.qualifier)

    def describe(self) -> str:
        """``'US$500 million' money 500000000 USD exact``-style one-liner."""
        amount = (fmt_number(self.value) if self.value is not None
                  else f"{fmt_number(self.low)}..{fmt_number(self.high)}")
        return f"{self.text!r} {self.kind} {amount} {self.unit or '-'} {self.qualifier}"


@dataclass(frozen=True, slots=True)
class ExtractionMiss:
    """A gold mention no prediction matched, with the predictions overlapping it."""

    doc: str
    surface: str
    expected: str
    predicted: tuple[Predicted, ...]
    error_class: str = "missed"
    kind: str = ""


@dataclass(frozen=True, slots=True)
class FalsePositive:
    """A judged prediction that is wrong, and why it was judged."""

    doc: str
    predicted: Predicted
    reason: str
    error_class: str = "false_positive"


@dataclass(frozen=True, slots=True)
class QualifierMiss:
    """A gold mention whose prediction carries a disagreeing (or no) qualifier."""

    doc: str
    surface: str
    expected: tuple[str, ...]
    predicted: Predicted | None


@dataclass(frozen=True, slots=True)
class GoldScore:
    """Extraction scores on a gold file; see the module docstring for the rules."""

    path: str
    documents: int
    gold: int
    predicted: int
    judged: int
    unjudged: int
    true_positives: int
    false_positives: int
    matched_gold: int
    qualifier_checked: int
    qualifier_agreed: int
    misses: tuple[ExtractionMiss, ...] = ()
    false_positive_list: tuple[FalsePositive, ...] = ()
    qualifier_misses: tuple[QualifierMiss, ...] = ()
    errors: tuple[tuple[str, str], ...] = field(default=())
    mention_outcomes: tuple[Outcome, ...] = ()
    prediction_outcomes: tuple[Outcome, ...] = ()
    #: per field (value, unit, then the frame fields gold states): (right, stated)
    field_accuracy: tuple[tuple[str, int, int], ...] = ()

    def breakdowns(self) -> tuple[SuiteBreakdown, SuiteBreakdown]:
        """Gold mentions by dimension (they add up to recall) and judged predictions by their
        kind (they add up to precision)."""
        name = f"gold/{Path(self.path).parent.name}"
        return (SuiteBreakdown(f"{name} mentions", "gold", "recall: passed / gold mentions",
                               self.mention_outcomes),
                SuiteBreakdown(f"{name} predictions", "gold",
                               "precision: passed / judged predictions", self.prediction_outcomes))

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.judged)

    @property
    def recall(self) -> float:
        return _ratio(self.matched_gold, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def qualifier_agreement(self) -> float:
        return _ratio(self.qualifier_agreed, self.qualifier_checked)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict: counts, the four rates and every miss."""
        return {
            "path": self.path,
            "documents": self.documents,
            "gold_mentions": self.gold,
            "predicted": self.predicted,
            "judged": self.judged,
            "unjudged": self.unjudged,
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "matched_gold": self.matched_gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "qualifier": {
                "checked": self.qualifier_checked,
                "agreed": self.qualifier_agreed,
                "agreement": self.qualifier_agreement,
                "misses": [asdict(m) for m in self.qualifier_misses],
            },
            "fields": {name: {"right": right, "stated": stated,
                              "accuracy": _ratio(right, stated)}
                       for name, right, stated in self.field_accuracy},
            "misses": [asdict(m) for m in self.misses],
            "false_positive_list": [asdict(f) for f in self.false_positive_list],
            "errors": [{"doc": d, "error": e} for d, e in self.errors],
        }


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def fmt_number(value: Any) -> str:
    """A value for reports: whole floats without ".0" (``5e8`` -> ``"500000000"``)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return f"{value:.0f}"
    return str(value)


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` at which ``surface`` occurs in ``text`` (overlaps included), as a
    whole: "3%" is not found inside "13%" (unless it occurs nowhere else).

    >>> occurrences("ab ab", "ab"), occurrences("from 13% to 3%", "3%"), occurrences("x13", "13")
    ([(0, 2), (3, 5)], [(12, 14)], [(1, 3)])
    """
    spans, start = [], text.find(surface)
    while start != -1:
        spans.append((start, start + len(surface)))
        start = text.find(surface, start + 1)

    def whole(span: tuple[int, int]) -> bool:
        a, b = span
        cut_before = surface[:1].isdigit() and a > 0 and text[a - 1].isdigit()
        cut_after = surface[-1:].isdigit() and b < len(text) and text[b].isdigit()
        return not (cut_before or cut_after)
    return [span for span in spans if whole(span)] or spans


def _overlaps(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(m.start < end and start < m.end for start, end in spans)


def _close(a: Any, b: float | None) -> bool:
    if b is None or isinstance(a, bool) or not isinstance(a, (int, float)):
        return False
    return math.isclose(float(a), b, rel_tol=REL_TOL, abs_tol=0.0 if b else 1e-12)


def value_matches(m: Mention, gold: GoldMention) -> bool:
    """Same value (relative 1e-6), or same low/high for gold entries without a value."""
    if gold.value is not None:
        return _close(m.value, gold.value)
    return _close(m.low, gold.low) and _close(m.high, gold.high)


def unit_matches(m: Mention, gold: GoldMention,
                 same_unit: Callable[[str, str], bool] | None = None) -> bool:
    """Kind agrees with the gold dimension and the unit with the gold unit.

    ``same_unit`` may accept two spellings of one pint unit ("tonne", "metric_ton"); by
    default only identical names agree.
    """
    if m.kind != gold.kind:
        return False
    if gold.unit is None or m.unit is None:
        return gold.unit is None and m.unit is None
    return m.unit == gold.unit or (same_unit is not None and same_unit(m.unit, gold.unit))


def same_unit(a: str, b: str) -> bool:
    """Two pint unit names for one unit: equal, or aliases pint converts at a factor of 1.

    >>> same_unit("tonne", "metric_ton"), same_unit("mile", "kilometer")
    (True, False)
    """
    if a == b:
        return True
    import pint

    from numclaims.normalise.units import registry

    try:
        factor = registry().Quantity(1.0, a).to(b).magnitude
    except (pint.errors.PintError, ValueError, AttributeError):
        return False
    return math.isclose(float(factor), 1.0, rel_tol=1e-9)


def matches(m: Mention, gold: GoldMention, text: str) -> bool:
    """The prediction's span is an occurrence of the surface, with the right value and unit."""
    return ((m.start, m.end) in occurrences(text, gold.surface) and value_matches(m, gold)
            and unit_matches(m, gold, same_unit))


def _expected_text(g: GoldMention) -> str:
    amount = fmt_number(g.value) if g.value is not None else f"{fmt_number(g.low)}..{fmt_number(g.high)}"
    return f"{g.kind} {amount} {g.unit or '-'}"


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her"})


def _words(phrase: str) -> tuple[str, ...]:
    words = re.findall(r"[\w$%€£¥.&-]+", phrase.lower().replace("\u2019", "'").replace("'s", ""))
    return tuple(w for w in words if w not in _DETERMINERS)


def _per_word(per: str) -> str:
    word = per.lower().removeprefix("oil_").replace("_", " ").strip()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def frame_field_right(name: str, got: Any, want: Any) -> bool:
    """Whether a predicted frame field agrees with the gold one.

    ``when`` compares the resolved start and end dates; ``per`` the denominator's word
    ("barrels" = "barrel" = "oil_barrel"); ``about`` the words of the phrase, without
    determiners and possessives, either containing the other ("WTI" for "WTI crude", "jobless
    rate" for "the jobless rate"); ``direction`` and ``change`` must be equal. A gold ``None``
    needs an empty field.

    >>> frame_field_right("about", "WTI", "WTI crude"), frame_field_right("about", "Brent", "WTI")
    (True, False)
    >>> frame_field_right("when", {"start": "2024-01-01", "end": "2024-12-31", "text": "in 2024"},
    ...                   ("2024-01-01", "2024-12-31"))
    True
    """
    if want is None or got is None:
        return want is None and got is None
    if name == "when":
        return (got.get("start"), got.get("end")) == tuple(want)
    if name == "per":
        return _per_word(got) == _per_word(want)
    if name == "about":
        a, b = _words(got), _words(want)
        if not a or not b:
            return a == b
        short, long = sorted((a, b), key=len)
        return any(long[i:i + len(short)] == short for i in range(len(long) - len(short) + 1))
    return bool(got == want)


def _candidate(gold: GoldMention, text: str, preds: Sequence[Mention]) -> Mention | None:
    """The prediction to compare qualifiers with: the match, else same span, else overlap."""
    spans = occurrences(text, gold.surface)
    for test in (lambda m: matches(m, gold, text), lambda m: (m.start, m.end) in spans,
                 lambda m: _overlaps(m, spans)):
        found = [m for m in preds if test(m)]
        if found:
            return max(found, key=lambda m: m.end - m.start)
    return None


@dataclass(slots=True)
class _Tally:
    """Mutable counters local to one :func:`score_gold` call."""

    predicted: int = 0
    judged: int = 0
    tp: int = 0
    matched: int = 0
    q_checked: int = 0
    q_agreed: int = 0
    misses: list[ExtractionMiss] = field(default_factory=list)
    fps: list[FalsePositive] = field(default_factory=list)
    q_misses: list[QualifierMiss] = field(default_factory=list)
    mention_outcomes: list[Outcome] = field(default_factory=list)
    prediction_outcomes: list[Outcome] = field(default_factory=list)
    fields: dict[str, list[int]] = field(default_factory=dict)

    def count_field(self, name: str, right: bool) -> None:
        counts = self.fields.setdefault(name, [0, 0])
        counts[0] += right
        counts[1] += 1


def error_class(pairs: Iterable[tuple[Mention, GoldMention]]) -> str:
    """The error class of a miss, from the (prediction, gold mention) pairs that overlap.

    Value and unit right means only the span is wrong; a right unit, the value; else the
    kind or unit (see :mod:`numclaims.evaluation.breakdown`).
    """
    pairs = list(pairs)
    if not pairs:
        return "missed"
    if any(value_matches(m, g) and unit_matches(m, g, same_unit) for m, g in pairs):
        return "span"
    if any(unit_matches(m, g, same_unit) for m, g in pairs):
        return "wrong_value"
    return "wrong_unit"


def _score_document(doc: GoldDocument, golds: Sequence[GoldMention],
                    exclusions: Sequence[GoldExclusion], preds: Sequence[Mention],
                    tally: _Tally) -> None:
    text = doc.text
    gold_spans = [s for g in golds for s in occurrences(text, g.surface)]
    excl = {e.surface: occurrences(text, e.surface) for e in exclusions}
    why = {e.surface: e.why for e in exclusions}
    seen: set[str] = set()
    tally.predicted += len(preds)
    for m in preds:
        hit_excl = [s for s, spans in excl.items() if _overlaps(m, spans)]
        if not hit_excl and not _overlaps(m, gold_spans):
            continue
        tally.judged += 1
        near_gold = [g for g in golds if _overlaps(m, occurrences(text, g.surface))]
        fields = dict(
            id=unique_id(f"{doc.id}:{m.start}-{m.end} {m.text!r}", seen), dimension=m.kind,
            text=shorten(text, m.start, m.end), got=Predicted.of(m).describe(),
            expected="; ".join(_expected_text(g) for g in near_gold))
        if not hit_excl and any(matches(m, g, text) for g in golds):
            tally.tp += 1
            tally.prediction_outcomes.append(Outcome(error=None, **fields))
            continue
        if hit_excl:
            reason, cls = f"overlaps must_not_extract {hit_excl[0]!r}", "false_positive"
            because = f": {why[hit_excl[0]]}" if why[hit_excl[0]] else ""
            fields["expected"] = f"nothing (must not extract {hit_excl[0]!r}{because})"
        else:
            reason = "overlaps a gold mention but does not match it (span, value or unit)"
            cls = error_class((m, g) for g in near_gold)
        tally.fps.append(FalsePositive(doc.id, Predicted.of(m), reason, cls))
        tally.prediction_outcomes.append(Outcome(error=cls, **fields))
    for g in golds:
        spans = occurrences(text, g.surface)
        near_preds = [m for m in preds if _overlaps(m, spans)]
        error: str | None = None
        if any(matches(m, g, text) for m in preds):
            tally.matched += 1
        else:
            error = error_class((m, g) for m in near_preds)
            tally.misses.append(ExtractionMiss(doc.id, g.surface, _expected_text(g),
                                               tuple(Predicted.of(m) for m in near_preds),
                                               error, g.kind))
        tally.mention_outcomes.append(Outcome(
            unique_id(f"{doc.id}:{g.surface}", seen), g.kind, error,
            shorten(text, *spans[0]), _expected_text(g),
            "; ".join(Predicted.of(m).describe() for m in near_preds)))
        cand = _candidate(g, text, preds)
        expected = g.expected_qualifiers()
        if cand is not None:
            tally.count_field("value", value_matches(cand, g))
            tally.count_field("unit", unit_matches(cand, g, same_unit))
            for name, want in g.frame.items():
                got = getattr(cand, name)
                if name == "when":  # null means the publication day (the field's docs), so both score alike
                    got = got if got is not None or not doc.published else {"start": doc.published, "end": doc.published}
                    want = want if want is not None or not doc.published else (doc.published, doc.published)
                tally.count_field(name, frame_field_right(name, got, want))
            tally.q_checked += 1
            if cand.qualifier in expected:
                tally.q_agreed += 1
                continue
        tally.q_misses.append(QualifierMiss(doc.id, g.surface, tuple(sorted(expected)),
                                            Predicted.of(cand) if cand else None))


def score_gold(gold: Gold, predictions: Mapping[str, Sequence[Mention]],
               errors: Sequence[tuple[str, str]] = ()) -> GoldScore:
    """Score predictions (document id -> mentions) against a loaded gold file."""
    tally = _Tally()
    for doc in gold.documents:
        _score_document(
            doc, [g for g in gold.mentions if g.doc == doc.id],
            [e for e in gold.must_not_extract if e.doc == doc.id],
            predictions.get(doc.id, ()), tally,
        )
    return GoldScore(
        path=str(gold.path), documents=len(gold.documents), gold=len(gold.mentions),
        predicted=tally.predicted, judged=tally.judged, unjudged=tally.predicted - tally.judged,
        true_positives=tally.tp, false_positives=tally.judged - tally.tp,
        matched_gold=tally.matched, qualifier_checked=tally.q_checked,
        qualifier_agreed=tally.q_agreed, misses=tuple(tally.misses),
        false_positive_list=tuple(tally.fps), qualifier_misses=tuple(tally.q_misses),
        errors=tuple(errors), mention_outcomes=tuple(tally.mention_outcomes),
        prediction_outcomes=tuple(tally.prediction_outcomes),
        field_accuracy=tuple((name, right, stated)
                             for name, (right, stated) in tally.fields.items()),
    )


def default_extract() -> ExtractFn:
    """:func:`numclaims.extract` (imported when first needed: the evaluation loads without it)."""
    from numclaims.extraction.pipeline import extract

    return extract


def evaluate_gold(path: str | Path, *, extract: ExtractFn | None = None) -> GoldScore:
    """Run the extractor on every gold document and score it (see the module docstring).

    Each document is extracted with its ``published`` date, its bare currency signs read as its
    ``outlet_country`` or its dateline's wire credit says (:func:`~numclaims.extraction.money.sign_reading`). An extractor crash on a document is recorded in ``errors`` and the
    document scored with no predictions. ``extract`` defaults to :func:`numclaims.extract`.
    """
    gold = load_gold(path)
    run = extract or default_extract()
    predictions: dict[str, list[Mention]] = {}
    errors: list[tuple[str, str]] = []
    for doc in gold.documents:
        try:
            predictions[doc.id] = list(run(doc.text, published=doc.published,
                                           currency_hint=sign_reading(doc.text, None, doc.outlet_country)))
        except Exception as exc:  # an evaluation reports crashes instead of stopping
            errors.append((doc.id, f"{type(exc).__name__}: {exc}"))
            predictions[doc.id] = []
    return score_gold(gold, predictions, errors)


# --------------------------------------------------------------------------- report


def _percent(x: float) -> str:
    return f"{100 * x:5.1f}%"


def format_gold_score(score: GoldScore) -> str:
    """A human-readable table of the scores, then every miss, false positive and error."""
    lines = [
        f"Gold evaluation: {score.path}",
        f"  documents {score.documents}, gold mentions {score.gold}, predictions "
        f"{score.predicted} ({score.judged} judged, {score.unjudged} unjudged)",
        "",
        f"  {'metric':<22}{'value':>8}   counts",
        f"  {'precision':<22}{_percent(score.precision):>8}   "
        f"{score.true_positives} TP / {score.judged} judged",
        f"  {'recall':<22}{_percent(score.recall):>8}   "
        f"{score.matched_gold} matched / {score.gold} gold",
        f"  {'F1':<22}{_percent(score.f1):>8}",
        f"  {'qualifier agreement':<22}{_percent(score.qualifier_agreement):>8}   "
        f"{score.qualifier_agreed} / {score.qualifier_checked} with a prediction",
    ]
    if score.field_accuracy:
        lines += ["", "  field accuracy on the gold mentions a prediction was found for"]
        lines += [f"  {name:<22}{_percent(right / stated):>8}   {right} / {stated} stated"
                  for name, right, stated in score.field_accuracy]
    if score.misses:
        lines += ["", f"Missed gold mentions ({len(score.misses)}):"]
        for miss in score.misses:
            got = "; ".join(p.describe() for p in miss.predicted) or "nothing overlapping"
            lines.append(f"  [{miss.doc}] {miss.surface!r}: expected {miss.expected}; got {got}")
    if score.false_positive_list:
        lines += ["", f"False positives ({len(score.false_positive_list)}):"]
        lines += [f"  [{fp.doc}] {fp.predicted.describe()}: {fp.reason}"
                  for fp in score.false_positive_list]
    if score.qualifier_misses:
        lines += ["", f"Qualifier disagreements ({len(score.qualifier_misses)}):"]
        for q in score.qualifier_misses:
            got = q.predicted.describe() if q.predicted else "not extracted"
            lines.append(f"  [{q.doc}] {q.surface!r}: expected {'/'.join(q.expected)}; got {got}")
    if score.errors:
        lines += ["", f"Extractor errors ({len(score.errors)}):"]
        lines += [f"  [{doc}] {err}" for doc, err in score.errors]
    return "\n".join(lines)


__all__ = [
    "ExtractionMiss", "FalsePositive", "Gold", "GoldArithmetic", "GoldDocument", "GoldExclusion",
    "GoldGroup", "GoldInlineCheck", "GoldMention", "GoldScore", "GoldSeparateFacts",
    "GoldWeekdayCheck", "Predicted", "QualifierMiss", "default_extract", "evaluate_gold",
    "fmt_number", "format_gold_score", "frame_field_right", "load_gold", "occurrences",
    "same_unit", "score_gold",
]
