"""What a distributed worker does around the pure functions of :mod:`numclaims.batch.records`.

Three jobs the Dask and Spark engines share: build the process-wide caches before the first
document arrives (:func:`warm_caches`), turn a row of a data frame into a plain document record
(:func:`plain_record`), and report what is wrong with a record without extracting it
(:func:`~numclaims.batch.records.record_problem`, re-exported here). Nothing here imports an
engine, so both extras can use it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from numclaims.batch.records import record_problem, story_report, warm_up  # noqa: F401
from numclaims.errors import InputError
from numclaims.extraction.lexicon import lexicon
from numclaims.normalise import fx, units

# Columns of a bad-record report: which record, and why it cannot be processed.
PROBLEM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document", "string"),
    ("story", "string"),
    ("field", "string"),
    ("message", "string"),
)

# A story of one short document: the cross-check's word lists are the caches warm_up leaves cold.
_WARM_STORY = ({"id": "warm-up", "published": "2019-04-25", "outlet_country": "SG",
                "text": "Trade reached US$500 million (S$681 million) over a 17km border."},)


def warm_caches() -> dict[str, Any]:
    """Build every process-wide cache numclaims uses, once; a second call costs next to nothing.

    Run by a Dask worker plugin when a worker starts and at the head of each Spark task (whose
    Python workers are reused), so no document pays for the ~0.6 s of start-up.

    >>> warm_caches()["lexicon_builds"]
    1
    """
    warm_up()  # the lexicon and its patterns, the pint registry, the FX tables
    story_report("warm-up", _WARM_STORY)
    return cache_state()


def cache_state() -> dict[str, Any]:
    """How often this process has built its expensive state, and which FX tables it holds.

    ``*_builds`` are the misses of the ``functools.cache`` loaders (1 once built, never more);
    ``fx_tables`` is the identity of the loaded rate tables (``None`` before the first lookup),
    so an unchanged value across calls shows the tables were not reloaded.
    """
    tables = fx._tables  # fx keeps one lock-guarded module global rather than a functools.cache
    return {
        "lexicon_builds": lexicon.cache_info().misses,
        "registry_builds": units.registry.cache_info().misses,
        "fx_tables": None if tables is None else id(tables),
    }


def _missing(value: Any) -> bool:
    # NaN, NaT and pd.NA are what a data frame holds where a JSON record has no key
    if isinstance(value, float):  # numpy.float64 included
        return math.isnan(value)
    return value is None or type(value).__name__ in ("NAType", "NaTType")


def plain_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A data-frame row as the document record a JSON line would give: missing values dropped,
    NumPy scalars as Python ones.

    >>> plain_record({"id": "a", "text": "17km", "story": float("nan")})
    {'id': 'a', 'text': '17km'}
    """
    record = {}
    for key, value in row.items():
        if _missing(value):
            continue
        item = getattr(value, "item", None)  # numpy.int64 -> int, numpy.str_ -> str
        if callable(item) and type(value).__module__ == "numpy":
            value = item()
        record[str(key)] = value
    return record


def problem_row(record: Any, problem: InputError, where: str = "") -> dict[str, Any]:
    """A bad record as a row of :data:`PROBLEM_COLUMNS`; ``where`` locates it in the input."""
    ident = story = None
    if isinstance(record, Mapping):
        ident = None if record.get("id") is None else str(record.get("id"))
        story = None if record.get("story") is None else str(record.get("story"))
    return {"document": ident, "story": story, "field": problem.field,
            "message": f"{where}: {problem}" if where else str(problem)}


def located(problem: InputError, record: Any, where: str = "") -> InputError:
    """``problem`` again, its message prefixed with where the record is and its id, so that a
    failure surfacing from a worker names the record to fix.

    >>> str(located(InputError("currency_hint 'ZZ' is unknown"), {"id": "a"}, "partition 2, record 7"))
    "partition 2, record 7, id 'a': currency_hint 'ZZ' is unknown"
    """
    ident = record.get("id") if isinstance(record, Mapping) else None
    label = ", ".join(([where] if where else []) + ([f"id {ident!r}"] if ident is not None else []))
    return type(problem)(f"{label}: {problem}" if label else str(problem), field=problem.field)
