"""The fast whole-text scans (numclaims/extraction/scan.py) find exactly what ``finditer`` of the
patterns they stand for finds: on the sample corpus, on every case text, and on generated text
built from the pieces each pattern cares about (hypothesis)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numclaims import extract
from numclaims.extraction import dates, numbers, scan, textspans
from numclaims.extraction.dimensions import ratio
from numclaims.extraction.lexicon import lexicon

CASES = Path(__file__).parent / "cases"
SAMPLE = Path(__file__).resolve().parents[2] / "numclaims" / "data" / "sample" / "kim-putin-2019"


def _spans(matches: object) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _fast_and_spec() -> dict[str, tuple[Callable[[str], object], Callable[[str], object]]]:
    lex = lexicon()
    return {
        "numbers": (lambda t: numbers.find_numbers(t), numbers.NUMBER_RE.finditer),
        "dates": (
            lambda t: scan.finditer(dates._DATE_RE, t, [(dates._NAME_ANCHOR, t), (dates._DAY_ANCHOR, t)]),
            dates._DATE_RE.finditer,
        ),
        "protected": (lambda t: scan.first_of(textspans._SEARCHES, t), textspans._PROTECTED_RE.finditer),
        "vague": (lambda t: scan.finditer(lex.vague_re, t, [(lex.vague_anchor, scan.fold(t))]), lex.vague_re.finditer),
        "fractions": (
            lambda t: scan.finditer(ratio.FRACTION_RE, t, [(ratio.FRACTION_ANCHOR, scan.fold(t))]),
            ratio.FRACTION_RE.finditer,
        ),
    }


SCANS = _fast_and_spec()


def _texts() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(SAMPLE.glob("*.txt"))]
    for path in sorted(CASES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        texts += [case["text"] for section in ("match", "no_match", "span") for case in data.get(section, [])
                  if isinstance(case, dict) and "text" in case]
    return texts


@pytest.mark.parametrize("name", SCANS)
def test_same_matches_on_corpus_and_cases(name: str) -> None:
    fast, spec = SCANS[name]
    for text in _texts():
        assert _spans(fast(text)) == _spans(spec(text)), text


PIECES = st.sampled_from([
    # protected stretches and near misses
    "https://scmp.com/news/3007410/x", "<https://www.x.com/2019/04/24/a-b>", "www.x.org", "ftp://a.b/c",
    "[text](#)", "](", "scmp.com/article/1", "a.b.c/d", "km/h", "24/7", "x-y.co/z", "-a.bc/",
    "kim@x.org", "a.b+c@d-e.f.gh", "@", "@x", "\n1. ", "\n## **2. Title", "\n> 3) ", "**1.",
    "[1]", "[^2]", "+65 6123 4567", "(02) 1234 5678", "555-123-4567", "10:30", "10:30:15 p.m.",
    "9pm", "9.30 a.m.", "12 am", "7 apples", "(7", "+7",
    # dates
    "Thursday (April 25)", "Thursday, April 25, 2019", "Apr. 25", "25 April 2019", "Thu 25 Apr",
    "125 April", "2019-04-25", "12019-04-25", "April 2019", "Sept 3", "May", "Mon", "3rd March",
    # numbers and words
    "1,000", "1 000", "10\u00a0000", "−5", "-3", ".5", "24.78", "Two hundred and fifty", "seventy-five",
    "half a million", "A Dozen", "an hundred", "someone", "often", "ten-fold", "tender", "ſix", "SEVEN",
    # vague amounts and fractions
    "tens of thousands", "Hundreds of Millions", "thousands of", "dozens", "several million",
    "a few billion", "a couple of thousand", "two-thirds of", "a third of", "half of", "Quarters of",
    "one-fifth of", "tenths of", "an eighth of",
    # case-folding corners: dotted and dotless i, long s, Kelvin sign
    "\u0130", "\u0131", "\u017f", "\u212a", "N\u0130NE", "n\u0131ne", "thous\u0131nds",
    " ", "  ", "\n", ",", ".", "-", "(", ")", "a", "x", "0", "9",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=16).map("".join)


@settings(max_examples=400, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_same_matches_on_generated_text(text: str) -> None:
    for name, (fast, spec) in SCANS.items():
        assert _spans(fast(text)) == _spans(spec(text)), name


def test_fold_keeps_offsets_and_covers_ignorecase() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    folded = scan.fold(every)
    assert len(folded) == len(every)
    # whatever IGNORECASE matches to an ASCII letter folds to that letter ...
    letter = re.compile("(?i)[a-z]")
    for char, low in zip(every, folded):
        if letter.match(char):
            assert low == char.lower() if char.isascii() else low.isascii() and re.match("(?i)" + low, char), char
    # ... and folding never turns a word character or a space into something else
    word, space = re.compile(r"\w"), re.compile(r"\s")
    changed = [(c, f) for c, f in zip(every, folded) if c != f]
    assert all(bool(word.match(c)) == bool(word.match(f)) and bool(space.match(c)) == bool(space.match(f))
               for c, f in changed)


def test_by_first_char_needs_a_literal_start() -> None:
    with pytest.raises(ValueError):
        scan.by_first_char([r"\d+"])
    assert re.compile(scan.by_first_char(["one", "two", "ten"])).findall("ten two one") == ["ten", "two", "one"]


@pytest.mark.parametrize("text, expected", [
    ("nıne thousand workers", 9000.0),  # dotless i: matched by the case-insensitive scan ...
    ("\u017fix million people", 6e6),  # ... and the long s; both once raised KeyError
    ("N\u0130NE workers", 9.0),
    ("nine tenths of the people", 90.0),  # "tenths" was missing from number_words.tsv
])
def test_what_the_scans_find_is_read(text: str, expected: float) -> None:
    assert [m.value for m in extract(text)] == [expected]
