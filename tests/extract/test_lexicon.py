"""The data files are well formed: every unit is one pint knows and of the kind the row says,
every currency code is ISO 4217, and no surface is listed twice."""

from __future__ import annotations

from collections import Counter

import pytest

from numclaims.extract.lexicon import lexicon, read_rows
from numclaims.normalise.units import kind_of

UNIT_ROWS = read_rows("units.tsv")


@pytest.mark.parametrize("row", UNIT_ROWS, ids=lambda r: r[0])
def test_unit_row(row: list[str]) -> None:
    assert len(row) == 4, row
    surface, unit, kind, case = row
    assert case in ("cs", "ci")
    assert kind_of(unit) == kind


def test_no_duplicate_surfaces() -> None:
    for name, key in (("units.tsv", lambda r: (r[0] if r[3] == "cs" else r[0].lower())),
                      ("currencies.tsv", lambda r: (r[0], r[2]))):
        counts = Counter(key(r) for r in read_rows(name))
        assert [k for k, n in counts.items() if n > 1] == [], name


def test_currency_codes_are_iso() -> None:
    lex = lexicon()
    for row in read_rows("currencies.tsv"):
        assert len(row) == 4, row
        assert row[1] in lex.iso_codes or row[1] in lex.currency_groups, row
    for group, (default, members) in lex.currency_groups.items():
        assert default in members and set(members) <= lex.iso_codes, group
