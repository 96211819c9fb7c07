"""What the distributed engines run around the pure functions: data-frame rows back to document
records, bad records described without extracting, caches warmed once."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

from numclaims.batch import workers
from numclaims.batch.records import mention_rows
from numclaims.batch.workers import plain_record, record_problem, warm_caches


def test_module_doctests() -> None:
    result = doctest.testmod(workers, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_a_frame_row_becomes_the_record_its_json_line_was() -> None:
    lines = [
        {"id": 7, "text": "US$500 million (S$681 million)", "published": "2019-04-25",
         "outlet_country": "SG", "story": "summit"},
        {"id": 8, "text": "a 17km border"},
    ]
    frame = pd.DataFrame(lines).astype({"id": "Int64", "story": "string"})
    frame["published"] = pd.to_datetime(frame["published"])  # NaT in the second row
    rows = [plain_record(row) for row in frame.to_dict("records")]
    assert rows[1] == {"id": 8, "text": "a 17km border"}
    assert type(rows[0]["id"]) is int
    assert [mention_rows(r) for r in rows] == [mention_rows(r) for r in lines]


@pytest.mark.parametrize(("record", "field"), [
    ({"id": "a"}, "text"),
    ({"text": "17km"}, "id"),
    ({"id": "a", "text": 17}, "text"),
    ({"id": "a", "text": "17km", "published": "April 25"}, "published"),
    ({"id": "a", "text": "$5", "outlet_country": "XX"}, "outlet_country"),
    ({"id": "a", "text": "17km", "story": ["s"]}, "story"),
    ("17km", "documents"),
], ids=repr)
def test_record_problem_names_the_field_at_fault(record: object, field: str) -> None:
    problem = record_problem(record)
    assert problem is not None and problem.field == field
    with pytest.raises(type(problem)):
        mention_rows(record)  # type: ignore[arg-type]


def test_warming_twice_builds_nothing_new() -> None:
    # (in this process other tests may have built and cleared caches before: compare, don't count)
    first = warm_caches()
    assert first["fx_tables"] is not None
    assert warm_caches() == first
