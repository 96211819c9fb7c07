"""The data files are well formed: every unit is one pint knows and of the kind the row says,
every currency code is ISO 4217, and no surface is listed twice."""

from __future__ import annotations

from collections import Counter

import pytest

from numclaims.checking.dates import WEEKDAYS
from numclaims.extraction.lexicon import calendar_names, lexicon, read_rows
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


def test_calendar_names() -> None:
    rows = read_rows("calendar.tsv")
    assert all(len(row) in (3, 4) for row in rows), rows
    months = [r for r in rows if r[1] == "month"]
    weekdays = [r for r in rows if r[1] == "weekday"]
    assert len(months) + len(weekdays) == len(rows)
    assert [int(r[2]) for r in months] == list(range(1, 13))
    assert [int(r[2]) for r in weekdays] == list(range(7))
    names = calendar_names()
    # the weekday names the checker compares against (its own copy, locale-free)
    assert names.weekday_names == WEEKDAYS
    spellings = [s for r in rows for s in [r[0], *filter(None, (r[3] if len(r) > 3 else "").split(","))]]
    assert len(spellings) == len(set(spellings)) == len(names.months) + len(names.weekdays)
    # every spelling is a prefix of its full name, so none can be taken for another day
    for row in rows:
        for abbreviation in filter(None, (row[3] if len(row) > 3 else "").split(",")):
            assert row[0].startswith(abbreviation), (row[0], abbreviation)


def test_unit_senses_and_units_before() -> None:
    """Every other reading of a unit word is a pint unit of the kind its row says, for a surface
    units.tsv lists; every unit written before its number likewise."""
    unit_surfaces = {r[0].lower() for r in UNIT_ROWS}
    for row in read_rows("unit_senses.tsv"):
        assert len(row) == 5, row
        surfaces, unit, kind, where, words = row
        assert where in ("next", "previous") and words == words.lower(), row
        assert kind_of(unit) == kind, row
        assert set(surfaces.split(",")) <= unit_surfaces, row
    for row in read_rows("units_before.tsv"):
        assert len(row) == 4 and row[3] in ("cs", "ci") and kind_of(row[1]) == row[2], row


def test_currency_subunits_and_context_signs() -> None:
    lex = lexicon()
    rows = read_rows("currency_subunits.tsv")
    for row in rows:
        assert len(row) in (3, 4) and row[2] in ("cs", "ci"), row
        assert row[1] in lex.iso_codes or row[1] in lex.currency_groups, row
    counts = Counter(r[0] if r[2] == "cs" else r[0].lower() for r in rows)
    assert [k for k, n in counts.items() if n > 1] == []
    for sign, code, where, phrases in read_rows("currency_context.tsv"):
        assert code in lex.iso_codes and where in ("after", "near") and phrases, sign
        assert sign not in lex.currency_prefix  # else it would be money without any context
    for surface, multiplier in read_rows("currency_code_scales.tsv"):
        assert lex.scales_cs.get(surface, (None,))[0] == float(multiplier), surface
