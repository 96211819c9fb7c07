"""Numbers in names and identifiers (numclaims/data/identifiers.tsv, read by textspans.py):
the table's shape, the fast digit-led search against its regex definition, and linear time on
pathological input. The readings themselves are in cases/not_quantities.json."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from numclaims import extract
from numclaims.extraction import scan, textspans

KINDS = {"name", "name_word", "index", "flight", "airline", "street", "after_the", "phone", "variant", "model",
         "not_after"}


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_table_rows() -> None:
    rows = textspans._read_rows("identifiers.tsv")
    assert rows
    for row in rows:
        assert len(row) in (3, 4), row
        surface, kind, case = row[:3]
        assert kind in KINDS, row
        assert case in ("cs", "ci"), row
        assert surface == surface.strip() and surface, row
        if kind == "index":
            assert len(row) == 4 and all(n.isdigit() for n in row[3].split(",")), row
        if kind not in ("not_after", "airline"):
            # a head holds no digit: the digit-led search relies on it
            assert not any(c.isdigit() for c in surface), row
    seen = [(r[0], r[1]) for r in rows]
    assert len(seen) == len(set(seen)), "a surface is listed twice under one kind"


def test_every_row_is_in_the_patterns() -> None:
    """The patterns are built from the table, so a new word is one line of it."""
    import re

    pattern = textspans._PROTECTED_RE.pattern
    for surface, kind, case, *_ in textspans._read_rows("identifiers.tsv"):
        for variant in textspans._variants(surface, case):
            assert re.escape(variant) in pattern, (surface, kind)


PIECES = st.sampled_from([
    "Article 50", "article 5", "Articles 5", "Section 8", "section 8(2)", "Rule 11", "Chapter 11",
    "Interstate 95", "I-95", "Route 66", "State Route 1", "Route", "PO Box 12", "Box 12", "XPO Box 1",
    "12 Harbour Road", "221B Baker Street", "the 400 block", "The 12 block", "the 400 blocks",
    "S&P 500", "S&P500", "FTSE 100", "FTSE 1000", "Nikkei 225", "Dow 30", "Dow 300", "Euro Stoxx 50",
    "Big Four", "Group of Seven", "Group of 20", "Formula One", "Top 10", "Top Ten",
    "flight BA 117", "Flight 9W 123", "flight No. 5", "flights 2", "BA 117", "BA117", "$BA 1",
    "call 020 7946 0123", "dial us on 555-1234", "Call: 555 1234", "phone", "0800 123 456",
    "1-800-555-0199", "555-1234", "300-1500", "seat 14C", "row 12", "level 4", "Category-5",
    "Boeing 787", "Boeing 737-800", "Airbus A320neo", "iPhone 15", "Windows 8.1", "Windows 10,000",
    "12 years", "% ", " per cent", " million", "Pixel", "8", "12", "٣", "\u00a0", " ", "-", ".", ",",
    "x", "A", "\n", "'s", "(", ")", ":",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_fast_search_is_the_alternation(text: str) -> None:
    fast = _spans(scan.first_of(textspans._SEARCHES, text))
    spec = _spans(textspans._PROTECTED_RE.finditer(text))
    assert fast == spec, text


def test_digit_led_search_alone() -> None:
    text = "see PO Box 12, Route 66 and call us on 555-1234; the S&P 500 fell; 12 Harbour Road"
    fast, pos = [], 0
    while (found := textspans._search_identifiers(text, pos)) is not None:
        fast.append(found.group())
        pos = found.end()
    assert fast == ["PO Box 12", "Route 66", "call us on 555-1234", "S&P 500", "12 Harbour Road"]


def _seconds(text: str) -> float:
    start = time.perf_counter()
    extract(text)
    return time.perf_counter() - start


def test_linear_on_pathological_input() -> None:
    for unit in ("Article ", "call us ", "Big ", "1 ", "the 1 ", "12 Harbour ", "flight BA ", "S&P 5", "0800 1"):
        small, large = _seconds(unit * 2_000), _seconds(unit * 8_000)
        assert large < 12 * small + 0.05, (unit, small, large)
