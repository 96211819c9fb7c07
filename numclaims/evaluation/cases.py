"""Score the development cases (``tests/extract/cases/*.json``) by dimension and error class.

A cases file holds ``match`` cases (``text``, optional ``published``, ``expect``: the mentions
it must yield, each with ``text`` and any :class:`~numclaims.model.Mention` field, or
``normalized_value``), ``match_hinted`` cases (match cases read with their ``currency_hint``)
and ``no_match`` cases (``text``, optional ``kinds``). The pass rule is
the one ``tests/extract/test_cases.py`` applies, so this report and the test run agree:

- a ``match`` case passes when the mentions of the kinds its expectations name (``kind``,
  or the file's own kind for ``money.json``) have exactly the expected texts, in order, and
  every field an expectation lists is equal (numbers to a relative 1e-9);
- a ``no_match`` case passes when no mention of its ``kinds`` (of any kind without) is found.

A failing case is given the class of its first failing expectation (see
:mod:`numclaims.evaluation.breakdown`); when every expectation is found, the failure is what
else was extracted (``false_positive``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from numclaims.errors import InputError
from numclaims.evaluation.breakdown import (
    Outcome,
    SuiteBreakdown,
    negative_dimension,
    shorten,
    unique_id,
)
from numclaims.evaluation.gold import ExtractFn, default_extract, occurrences
from numclaims.evaluation.peers import describe_mention
from numclaims.model import Mention

#: Files whose expectations may leave out ``kind`` (test_cases.py's ``_DEFAULT_KIND``).
DEFAULT_KIND: Mapping[str, str] = {"money": "money"}
_UNIT_FIELDS = frozenset({"kind", "unit"})
_VALUE_FIELDS = frozenset({"value", "low", "high", "normalized_value"})
_MISSING = object()


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, float | int) and isinstance(got, float | int):
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9)
    return bool(got == want)


def _field(m: Mention, key: str) -> Any:
    if key == "normalized_value":
        return (m.normalized or {}).get("value", _MISSING)
    return getattr(m, key, _MISSING)


def wrong_fields(m: Mention, want: Mapping[str, Any], kind: str | None) -> list[str]:
    """The fields of ``want`` (and the expected ``kind``) that ``m`` gets wrong."""
    bad = [k for k, v in want.items() if k != "text" and not _same(_field(m, k), v)]
    if kind is not None and m.kind != kind and "kind" not in bad:
        bad.insert(0, "kind")
    return bad


def field_class(bad: Iterable[str]) -> str | None:
    """The error class of some wrong fields: a unit before a value (a value in another unit
    cannot be compared), a value before any other field."""
    bad = set(bad)
    if not bad:
        return None
    if bad & _UNIT_FIELDS:
        return "wrong_unit"
    return "wrong_value" if bad & _VALUE_FIELDS else "attribute"


def _near_class(text: str, want: Mapping[str, Any], kind: str | None,
                mentions: Sequence[Mention]) -> str:
    """No mention has the expected text: what overlaps it decides the class."""
    spans = occurrences(text, want["text"])
    near = [m for m in mentions if any(m.start < b and a < m.end for a, b in spans)]
    if not near:
        return "missed"
    classes = {field_class(f for f in wrong_fields(m, want, kind)
                           if f in _UNIT_FIELDS | _VALUE_FIELDS) for m in near}
    if None in classes:
        return "span"
    return "wrong_value" if "wrong_value" in classes else "wrong_unit"


def classify_match(text: str, expect: Sequence[Mapping[str, Any]], default_kind: str | None,
                   mentions: Sequence[Mention]) -> tuple[str | None, str]:
    """``(None, "")`` if a match case passes, else its error class and the reason.

    >>> m = Mention(0, 4, "17km", "length", 17.0, "kilometer")
    >>> classify_match("17km", [{"text": "17km", "kind": "length", "value": 17}], None, [m])
    (None, '')
    >>> classify_match("17km", [{"text": "17km", "kind": "length", "unit": "mile"}], None, [m])
    ('wrong_unit', "'17km': wrong unit")
    """
    kinds = {e.get("kind", default_kind) for e in expect}
    got = [m for m in mentions if m.kind in kinds]
    if [m.text for m in got] == [e["text"] for e in expect]:
        for m, want in zip(got, expect):
            bad = wrong_fields(m, want, want.get("kind", default_kind))
            if bad:
                return field_class(bad), f"{want['text']!r}: wrong {', '.join(bad)}"
        return None, ""
    used: set[int] = set()
    for want in expect:
        kind = want.get("kind", default_kind)
        same_text = [m for m in mentions if m.text == want["text"]]
        fits = [m for m in same_text if m.kind in kinds and not wrong_fields(m, want, kind)]
        if fits:
            used.add(id(fits[0]))
            continue
        if same_text:
            bad = min((wrong_fields(m, want, kind) for m in same_text),
                      key=lambda b: ("wrong_unit", "wrong_value", "attribute").index(
                          field_class(b) or "attribute"))
            return field_class(bad), f"{want['text']!r}: wrong {', '.join(bad)}"
        error = _near_class(text, want, kind, mentions)
        return error, f"{want['text']!r}: not extracted with that span"
    extra = [m for m in got if id(m) not in used]
    if extra:
        return "false_positive", "also extracted " + "; ".join(m.text for m in extra)
    return "span", "the expected mentions come in another order"


def classify_no_match(kinds: Sequence[str] | None,
                      mentions: Sequence[Mention]) -> tuple[str | None, str]:
    """``(None, "")`` if nothing of ``kinds`` (anything, for None) was extracted."""
    found = [m for m in mentions if kinds is None or m.kind in kinds]
    if not found:
        return None, ""
    return "false_positive", "unexpected " + "; ".join(m.text for m in found)


def _describe(want: Mapping[str, Any]) -> str:
    fields = " ".join(f"{k}={v}" for k, v in want.items() if k != "text")
    return f"{want['text']!r} {fields}".strip()


def _case_list(data: Mapping[str, Any], section: str, where: str) -> list[Mapping[str, Any]]:
    items = data.get(section, [])
    if not isinstance(items, list):
        raise InputError(f"{where}: {section} must be a list", field=section)
    for i, item in enumerate(items):
        ok = isinstance(item, dict) and isinstance(item.get("text"), str)
        if ok and section != "no_match":
            expect = item.get("expect")
            ok = (isinstance(expect, list) and bool(expect)
                  and all(isinstance(e, dict) and isinstance(e.get("text"), str) for e in expect))
        if not ok:
            raise InputError(f"{where}: {section}[{i}] must be an object with a text"
                             + (" and a non-empty expect list of objects with a text"
                                if section != "no_match" else ""), field=f"{section}[{i}]")
    return items


def _run(extract: ExtractFn, case: Mapping[str, Any]) -> list[Mention] | str:
    try:
        if case.get("currency_hint") is not None:  # a match_hinted case
            return list(extract(case["text"], published=case.get("published"),
                                currency_hint=case["currency_hint"]))
        return list(extract(case["text"], published=case.get("published")))
    except Exception as exc:  # the report counts a crash as an error, it does not stop
        return f"extractor raised {type(exc).__name__}: {exc}"


def score_file(path: Path, extract: ExtractFn | None = None) -> SuiteBreakdown:
    """Every case of one cases file as an :class:`Outcome` (one suite per file)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable cases file: {exc}", field="cases") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: must be a JSON object", field="cases")
    run = extract or default_extract()
    default_kind = DEFAULT_KIND.get(path.stem)
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    for section in ("match", "match_hinted", "no_match"):
        for case in _case_list(data, section, str(path)):
            mentions = _run(run, case)
            text = case["text"]
            if section != "no_match":
                expect = case["expect"]
                dimension = expect[0].get("kind", default_kind) or "any"
                expected = "; ".join(_describe(e) for e in expect)
                spans = occurrences(text, expect[0]["text"]) or [(0, 0)]
            else:
                kinds = case.get("kinds")
                dimension = negative_dimension(kinds or ())
                expected = "nothing" + (f" of kind {'/'.join(kinds)}" if kinds else "")
                spans = [(0, 0)]
            if isinstance(mentions, str):
                error, why, got = "error", mentions, ""
            else:
                error, why = (classify_match(text, case["expect"], default_kind, mentions)
                              if section != "no_match" else
                              classify_no_match(case.get("kinds"), mentions))
                got = "; ".join(describe_mention(m) for m in mentions)
            outcomes.append(Outcome(
                unique_id(f"{path.stem}:{text[:60]}", seen), dimension, error,
                shorten(text, *spans[0]), expected, got, why))
    return SuiteBreakdown(f"cases/{path.stem}", "cases", "cases passed", tuple(outcomes))


def score_cases(where: str | Path, extract: ExtractFn | None = None) -> tuple[SuiteBreakdown, ...]:
    """The cases of one file, or of every ``*.json`` in a folder (sorted), one suite each."""
    where = Path(where)
    if where.is_dir():
        files = sorted(where.glob("*.json"))
        if not files:
            raise InputError(f"{where}: no *.json cases files", field="cases")
    elif where.is_file():
        files = [where]
    else:
        raise InputError(f"{where}: no such file or folder", field="cases")
    run = extract or default_extract()
    return tuple(score_file(f, run) for f in files)


#: The fields reported one by one: the amount, and what the figure states (the frame fields).
REPORTED_FIELDS = ("value", "low", "high", "unit", "qualifier", "precision", "subject",
                   "direction", "change", "per", "when", "about", "normalized_value")


def field_accuracy(where: str | Path, extract: ExtractFn | None = None) -> dict[str, tuple[int, int]]:
    """Per field of :data:`REPORTED_FIELDS`: (right, stated) over the expectations of the match
    cases that state it and whose mention was found (same text and kind). A field an
    expectation leaves out is not counted; ``null`` counts (the field must be empty).

    Strict xfail cases count too: the figure is what the extractor does today.
    """
    where = Path(where)
    files = sorted(where.glob("*.json")) if where.is_dir() else [where]
    run = extract or default_extract()
    counts = {f: [0, 0] for f in REPORTED_FIELDS}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        default_kind = DEFAULT_KIND.get(path.stem)
        for section in ("match", "match_hinted"):
            for case in _case_list(data, section, str(path)):
                mentions = _run(run, case)
                if isinstance(mentions, str):
                    continue
                for want in case["expect"]:
                    kind = want.get("kind", default_kind)
                    found = next((m for m in mentions if m.text == want["text"]
                                  and (kind is None or m.kind == kind)), None)
                    if found is None:
                        continue
                    for name in REPORTED_FIELDS:
                        if name in want:
                            counts[name][1] += 1
                            counts[name][0] += _same(_field(found, name), want[name])
    return {f: (right, total) for f, (right, total) in counts.items() if total}


def format_field_accuracy(accuracy: Mapping[str, tuple[int, int]], where: str) -> str:
    """The per-field table of :func:`field_accuracy`."""
    lines = [f"Fields of the development cases ({where}): right / stated, on the mentions found",
             f"  {'field':<18}{'right':>7}{'stated':>8}{'rate':>9}"]
    for name, (right, total) in accuracy.items():
        lines.append(f"  {name:<18}{right:>7}{total:>8}{right / total:>9.1%}")
    return "\n".join(lines)


__all__ = ["DEFAULT_KIND", "REPORTED_FIELDS", "classify_match", "classify_no_match", "field_accuracy",
           "field_class", "format_field_accuracy", "score_cases", "score_file", "wrong_fields"]
