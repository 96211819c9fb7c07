"""The pure functions every engine runs: a document record to mention rows, a story to a report.

A *document record* is a mapping ``{"id", "text", "published"?, "story"?, "currency_hint"?,
"outlet_country"?, "source"?}``; extra keys are ignored. A *mention row* is a flat dict whose
columns and types are :data:`MENTION_COLUMNS`, the schema of the Parquet output, the Dask
DataFrame and the Spark DataFrame alike. A *finding row* (:data:`FINDING_COLUMNS`) is one verdict
of a story's cross-check report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from numclaims.checking.inputs import validate
from numclaims.checking.report import check
from numclaims.errors import InputError
from numclaims.extraction import money
from numclaims.extraction.pipeline import extract
from numclaims.model import Mention, Report

# (name, type) with types spelt once, in Arrow's vocabulary; the engines map them to their own.
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document", "string"),
    ("story", "string"),
    ("index", "int32"),
    ("start", "int64"),
    ("end", "int64"),
    ("text", "string"),
    ("kind", "string"),
    ("value", "float64"),        # the number as stated, scale words applied; null for dates
    ("date", "string"),          # ISO date for kind="date"
    ("unit", "string"),
    ("low", "float64"),
    ("high", "float64"),
    ("qualifier", "string"),
    ("precision", "float64"),
    ("subject", "string"),
    ("weekday", "string"),
    ("direction", "string"),     # up | down for a stated change
    ("change", "string"),        # delta | level | start: the figure's role in the change
    ("per", "string"),           # a rate's denominator ("barrel")
    ("when_start", "string"),    # the period the figure holds for (ISO dates) and its words
    ("when_end", "string"),
    ("when_text", "string"),
    ("about", "string"),         # what the figure is stated of ("WTI crude")
    ("equivalent_of", "int32"),
    ("ambiguities", "list<string>"),
    ("normalized_value", "float64"),
    ("normalized_unit", "string"),
    ("normalized_low", "float64"),
    ("normalized_high", "float64"),
    ("normalized_precision", "float64"),
    ("rate", "float64"),
    ("rate_date", "string"),
    ("rate_source", "string"),
    ("normalized_error", "string"),
)

FINDING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("story", "string"),
    ("section", "string"),       # inline | groups | dates
    ("verdict", "string"),
    ("explanation", "string"),
    ("documents", "list<string>"),
    ("claims", "string"),        # the claims as a JSON array: nested, and read by people
    ("details", "string"),       # the verdict's extra numbers as a JSON object
)

DEFAULT_STORY = "default"


def document_fields(record: Mapping[str, Any]) -> dict[str, Any]:
    """The keys of a document record that extraction and checking read, with the outlet's
    country standing in for ``source`` when that is absent (and reading bare currency signs
    when no ``currency_hint`` or wire credit does: :func:`numclaims.extraction.money.sign_reading`).

    >>> document_fields({"id": 7, "text": "17km", "outlet_country": "SG"})["source"]
    'SG'
    """
    if not isinstance(record, Mapping):
        raise InputError(f"a document is a JSON object, got {type(record).__name__}", field="documents")
    story = record.get("story")
    if isinstance(story, bool) or not isinstance(story, (str, int, type(None))):
        raise InputError(f"story must be a string, got {type(story).__name__}", field="story")
    return {
        "id": record.get("id"),
        "text": record.get("text"),
        "published": record.get("published"),
        "source": record.get("source") or record.get("outlet_country"),
        "currency_hint": record.get("currency_hint"),
        "outlet_country": record.get("outlet_country"),
        "story": None if story is None or story == "" else str(story),
    }


def record_problem(record: Any) -> InputError | None:
    """Why ``record`` cannot be extracted, or None when it can (no extraction is run).

    >>> record_problem({"id": "a", "published": "25/04/2019", "text": "17km"}).field
    'published'
    >>> record_problem({"id": "a", "text": "17km"}) is None
    True
    """
    try:
        fields = document_fields(record)
        validate([fields])
        money.validate_hint(fields["currency_hint"])
        money.validate_hint(fields["outlet_country"], "outlet_country")
    except InputError as exc:
        return exc
    return None


def story_of(record: Mapping[str, Any]) -> str:
    """The story a document record belongs to (:data:`DEFAULT_STORY` when it names none)."""
    story = record.get("story")
    return DEFAULT_STORY if story is None or story == "" else str(story)


def _float(x: Any) -> float | None:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else None


def mention_row(document: str, story: str | None, index: int, m: Mention) -> dict[str, Any]:
    """One mention as a flat row of :data:`MENTION_COLUMNS`."""
    norm = m.normalized or {}
    return {
        "document": document,
        "story": story,
        "index": index,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "kind": m.kind,
        "value": _float(m.value),
        "date": m.value if isinstance(m.value, str) else None,
        "unit": m.unit,
        "low": m.low,
        "high": m.high,
        "qualifier": m.qualifier,
        "precision": m.precision,
        "subject": m.subject,
        "weekday": m.weekday,
        "direction": m.direction,
        "change": m.change,
        "per": m.per,
        "when_start": (m.when or {}).get("start"),
        "when_end": (m.when or {}).get("end"),
        "when_text": (m.when or {}).get("text"),
        "about": m.about,
        "equivalent_of": m.equivalent_of,
        "ambiguities": list(m.ambiguities),
        "normalized_value": _float(norm.get("value")),
        "normalized_unit": norm.get("unit"),
        "normalized_low": _float(norm.get("low")),
        "normalized_high": _float(norm.get("high")),
        "normalized_precision": _float(norm.get("precision")),
        "rate": _float(norm.get("rate")),
        "rate_date": norm.get("rate_date"),
        "rate_source": norm.get("rate_source"),
        "normalized_error": norm.get("error"),
    }


def extract_document(record: Mapping[str, Any], *, base_currency: str = "USD") -> tuple[str, str | None, list[Mention]]:
    """Validate one document record and extract it: ``(id, story, mentions)``.

    Raises :class:`~numclaims.errors.InputError` for a record that is not a document.
    """
    fields = document_fields(record)
    (doc,) = validate([fields])
    mentions = extract(doc.text, published=doc.published, base_currency=base_currency,
                       currency_hint=doc.currency_hint, outlet_country=doc.outlet_country)
    return doc.id, fields["story"], mentions


def mention_rows(record: Mapping[str, Any], *, base_currency: str = "USD") -> list[dict[str, Any]]:
    """Every quantity of one document record as rows of :data:`MENTION_COLUMNS`.

    >>> rows = mention_rows({"id": "a", "story": "s", "text": "a 17km border"})
    >>> [(r["document"], r["story"], r["text"], r["normalized_value"], r["normalized_unit"]) for r in rows]
    [('a', 's', '17km', 17000.0, 'meter')]
    """
    ident, story, mentions = extract_document(record, base_currency=base_currency)
    return [mention_row(ident, story, n, m) for n, m in enumerate(mentions)]


def mention_lines(ident: str, story: str | None, mentions: list[Mention]) -> list[str]:
    """One document's mentions as the CLI's JSON Lines: the full mention, ``normalized`` nested."""
    head: dict[str, Any] = {"document": ident}
    if story is not None:
        head["story"] = story
    return [json.dumps({**head, "index": n, **m.to_dict()}, ensure_ascii=False)
            for n, m in enumerate(mentions)]


def warm_up() -> None:
    """Build the expensive shared state (lexicons, compiled patterns, the pint registry, FX
    tables) now, once per process, rather than inside the first document's timing."""
    extract("US$500 million (S$681 million), 17km, 1.5 per cent, Thursday (April 25)",
            published="2019-04-25")


def story_report(story: str, records: Iterable[Mapping[str, Any]], *, base_currency: str = "USD",
                 tolerance: float = 0.01) -> dict[str, Any]:
    """Cross-check one story's documents: ``{"story", "documents", "inline", "groups", "dates"}``.

    >>> report = story_report("border", [
    ...     {"id": "a", "text": "Russia shares a 17km border with North Korea."},
    ...     {"id": "b", "text": "Russia shares a 27km border with North Korea."}])
    >>> report["documents"], [g["verdict"] for g in report["groups"]]
    (['a', 'b'], ['conflict'])
    """
    docs = [document_fields(r) for r in records]
    return report_record(story, docs, check(docs, base_currency=base_currency, tolerance=tolerance))


def report_record(story: str, documents: Iterable[Mapping[str, Any]], report: Report) -> dict[str, Any]:
    """A story's :class:`~numclaims.model.Report` as the one-line record every engine writes."""
    return {"story": story, "documents": [str(d["id"]) for d in documents], **report.to_dict()}


def finding_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A story report (from :func:`story_report`) as rows of :data:`FINDING_COLUMNS`."""
    rows = []
    for section in ("inline", "groups", "dates"):
        for item in report.get(section, ()):
            claims = item["claims"]
            details = {k: v for k, v in item.items() if k not in ("claims", "verdict", "explanation")}
            rows.append({
                "story": report.get("story"),
                "section": section,
                "verdict": item["verdict"],
                "explanation": item["explanation"],
                "documents": sorted({str(c["doc"]) for c in claims}),
                "claims": json.dumps(claims, ensure_ascii=False, sort_keys=True),
                "details": json.dumps(details, ensure_ascii=False, sort_keys=True),
            })
    return rows
