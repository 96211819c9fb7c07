"""Input validation: every bad document raises InputError naming the field."""

from __future__ import annotations

import pytest

from numclaims.checking import check
from numclaims.errors import InputError


@pytest.mark.parametrize("documents, field", [
    ([{"text": "17km"}], "id"),
    ([{"id": "", "text": "17km"}], "id"),
    ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], "id"),
    ([{"id": "a"}], "text"),
    ([{"id": "a", "text": 17}], "text"),
    ([{"id": "a", "text": "x", "published": "25 April 2019"}], "published"),
    ([{"id": "a", "text": "x", "published": "2019-02-30"}], "published"),
    ("not a list", "documents"),
    ([["a", "17km"]], "documents"),
], ids=["no id", "empty id", "duplicate id", "no text", "text not str", "bad date", "no such day",
        "string", "list item"])
def test_bad_input_names_the_field(documents: object, field: str) -> None:
    with pytest.raises(InputError) as caught:
        check(documents)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_bad_tolerance() -> None:
    with pytest.raises(InputError) as caught:
        check([{"id": "a", "text": "x"}], tolerance=-1)
    assert caught.value.field == "tolerance"


def test_empty_input_gives_empty_report() -> None:
    assert check([]).to_dict() == {"inline": [], "groups": [], "dates": []}


def test_dates_and_optional_fields_are_accepted() -> None:
    from datetime import date

    report = check([{"id": 7, "text": "It was 17km long.", "published": date(2019, 4, 24),
                     "source": "SG", "currency_hint": None}])
    assert [i.verdict for i in report.groups] == ["single_source"]
    assert report.groups[0].claims[0].doc == "7"
