"""Normalised figures convert back to the stated ones (regressions from issue 6)."""

from __future__ import annotations

import pytest

from fuzz.invariants import check_round_trip
from numclaims import extract
from numclaims.normalise import units


def test_fraction_is_a_unit() -> None:
    # Found by tests/extract/test_properties.py::test_unit_to_canonical_and_back: a ratio's
    # normalized unit, "fraction", was not a pint unit, so it could not be converted back.
    assert units.kind_of("fraction") == "ratio"
    assert units.convert(0.015, "fraction", "percent") == pytest.approx(1.5)
    assert units.convert(1.5, "percent", "fraction") == pytest.approx(0.015)
    assert units.to_canonical(0.2, "fraction") == (0.2, "fraction")


@pytest.mark.parametrize("text", [
    "unemployment rose to 5.6 per cent", "up 25 basis points", "a 0.25 percentage point cut",
    "between 5% and 10%", "-18°C to -34°C", "It was 98.6°F", "US$500 million (S$681 million)",
    "NT$3 billion", "6 feet 2 inches", "more than 17km",
])
def test_normalized_converts_back(text: str) -> None:
    mentions = extract(text, published="2019-04-25")
    assert mentions and all(m.normalized and m.unit for m in mentions)
    for mention in mentions:
        check_round_trip(mention)
