"""Properties of extract() and normalisation over generated input (hypothesis).

* extract never raises on any string: arbitrary unicode (lone surrogates and control
  characters included), figures far too long for a float, "1e999", deep parentheses, 1 MB of "$";
* every result is well formed (:func:`fuzz.invariants.check_mentions`): ``text ==
  input[start:end]``, sorted, never overlapping (the design has no nesting), finite numbers,
  ``low <= value <= high``;
* normalising then converting back gives the stated figure (units, exchange rates, and every
  mention's ``normalized``);
* unrelated sentences around a text leave its mentions as they were, at shifted offsets.

Every test is derandomized with no example database, so the run is the same each time.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.invariants import REL, check_extract, check_mentions
from numclaims import extract
from numclaims.errors import NotConvertibleError
from numclaims.extraction import rules
from numclaims.extraction.lexicon import lexicon
from numclaims.model import Mention
from numclaims.normalise import fx, units


def bounded(examples: int) -> settings:
    """Deterministic settings: a fixed number of derandomized examples, no database."""
    return settings(
        max_examples=examples, derandomize=True, database=None, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


NEWSY = st.sampled_from([
    "US$500 million", "S$681 million", "more than 56 percent", "about 1.5 per cent", "17km",
    "tens of thousands of workers", "around 10,000", "Thursday (April 25)", "in 2011", "€20m",
    "Rs 500 crore", "100,000 tonnes", "nearly 60 years", "5-10km", "between $5 and $10 million",
    "1e999", "9" * 400, "(((", "$$$", "−5°C", "G7", "Covid-19", "**1.", "https://x.com/2019/04",
    "half a million", "a dozen", "one in five", "0.25 percentage points", "\u00a0", "\u202f",
    "a third of", "two-thirds of the", "more than", "about", "between", "and", "to", "-", "(", ")",
    "April 25, 2019", "25 April", "thousands of", "several million dollars", "6 feet 2 inches",
    "2018-2019", "the 1990s", "up to", "half of", "one", "million", "10:30", "+65 6123 4567",
    "NT$3 billion", "LKR 40bn", "£2.5bn", "¥1,000", "300 sq km", "60 mph", "1,200MW", "98.6F",
    "USD", "EUR", "40", "5 USD", "one in", "-34", ".5",
])
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=20)), max_size=12).map(" ".join)
PUBLISHED = st.sampled_from([None, "2019-04-25", "2003-07-01", "2022-12-30", "1999-01-02"])
#: Every code point, lone surrogates included (a Python str may hold them; JSON may not).
ANY_CHAR = st.characters(exclude_categories=())
CONTROLS = st.sampled_from([chr(c) for c in range(32)] + ["\x7f", "\x85", "\u2028", "\ufeff"])


@bounded(300)
@given(TEXT, PUBLISHED)
def test_newsy_text_gives_well_formed_mentions(text: str, published: str | None) -> None:
    check_extract(text, extract(text, published=published))


@bounded(300)
@given(st.text(ANY_CHAR, max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    check_mentions(text, extract(text))


@bounded(200)
@given(st.lists(st.one_of(CONTROLS, NEWSY), max_size=20).map("".join))
def test_control_characters_never_raise(text: str) -> None:
    check_mentions(text, extract(text))


# -- figures no float can hold -------------------------------------------------------------------

# a leading 9 keeps 310+ significant digits (leading zeros would make a small, finite figure)
DIGITS = st.text("0123456789", min_size=310, max_size=3000).map(lambda s: "9" + s)
AROUND = st.sampled_from([("", ""), ("$", ""), ("US$", " million"), ("", " thousand tonnes"),
                          ("about ", " km"), ("", "%"), ("between 5 and ", " people"),
                          ("€", "bn"), ("", ".5 billion dollars"), ("-", "°C")])


@bounded(100)
@given(DIGITS, AROUND)
def test_figure_too_long_for_a_float_is_left_out(digits: str, around: tuple[str, str]) -> None:
    # 310+ significant digits overflow a float; no mention may carry inf, and none may be a
    # stray piece of the figure (its scale word read alone as "1,000 tonnes")
    before, after = around
    text = f"Officials said {before}{digits}{after} were involved."
    mentions = extract(text)
    check_mentions(text, mentions)
    figure_start = text.index(digits)
    figure_end = figure_start + len(digits) + len(after)
    for m in mentions:
        assert m.end <= figure_start or m.start >= figure_end, m.text


PATHOLOGICAL = {
    "100k-digit number": "9" * 100_000,
    "100k-digit sum of money": "He paid $" + "1" * 100_000 + " million for it.",
    "1e999": "1e999 and -1e999 km and 1E-999 and 1e308 tonnes",
    "10k nested parentheses": "(" * 10_000 + "US$5 million (S$6.8 million)" + ")" * 10_000,
    "2k nested restatements": "US$5 million " + "(S$6.8 million " * 2_000 + ")" * 2_000,
    # (kept to tens of kB: these yield a mention, or a rejected candidate, every few characters)
    "20k list markers": "1." * 20_000,
    "5k grouped thousands": "1 000 " * 5_000,
    "90k signs and dots": "-−." * 30_000 + "5",
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_never_raises(text: str) -> None:
    check_mentions(text, extract(text, published="2019-04-25"))


def test_one_megabyte_of_dollar_signs_has_no_mention() -> None:
    assert extract("$" * 1_000_000, published="2019-04-25") == []


# -- normalising and converting back ---------------------------------------------------------------

UNITS = sorted({entry.unit for entry in (*lexicon().units_cs.values(), *lexicon().units_ci.values())}
               | set(rules.RATIO_UNITS.values()))
MAGNITUDE = st.floats(min_value=1e-100, max_value=1e100, allow_nan=False, allow_infinity=False)
VALUE = st.one_of(st.just(0.0), MAGNITUDE, MAGNITUDE.map(lambda x: -x))


def _zero_point(unit: str, canonical: str) -> float:
    """The canonical zero in ``unit`` (-273.15 for Celsius, 0 for any linear unit): an offset
    scale keeps absolute, not relative, precision near its own zero."""
    return abs(units.convert(0.0, canonical, unit))


@bounded(300)
@given(st.sampled_from(UNITS), VALUE)
def test_unit_to_canonical_and_back(unit: str, value: float) -> None:
    canonical_value, canonical = units.to_canonical(value, unit)
    assert canonical == units.CANONICAL[units.kind_of(unit)]
    back = units.convert(canonical_value, canonical, unit)
    assert math.isclose(back, value, rel_tol=REL, abs_tol=REL * _zero_point(unit, canonical))


PAIRS = [(a, b) for a, b in itertools.permutations(UNITS, 2) if units.kind_of(a) == units.kind_of(b)]


@bounded(300)
@given(st.sampled_from(PAIRS), VALUE)
def test_unit_conversion_there_and_back(pair: tuple[str, str], value: float) -> None:
    a, b = pair
    canonical = units.CANONICAL[units.kind_of(a)]
    back = units.convert(units.convert(value, a, b), b, a)
    tolerance = REL * (_zero_point(a, canonical) + _zero_point(b, canonical))
    assert math.isclose(back, value, rel_tol=REL, abs_tol=tolerance)


CURRENCIES = sorted(fx.supported_currencies())
# from before the data start to a month past their end (both sides not convertible)
LAST_RATE = max(last for _, last, _ in fx.supported_currencies().values())
DAYS = st.dates(min_value=dt.date(1998, 12, 1), max_value=LAST_RATE + dt.timedelta(days=30))


@bounded(300)
@given(st.sampled_from(CURRENCIES), st.sampled_from(CURRENCIES), DAYS, MAGNITUDE)
def test_money_conversion_there_and_back(a: str, b: str, on: dt.date, amount: float) -> None:
    try:
        there, used = fx.convert(amount, a, b, on)
    except NotConvertibleError:
        # no rate is never one-sided: the way back has none either
        with pytest.raises(NotConvertibleError):
            fx.convert(amount, b, a, on)
        return
    back, used_back = fx.convert(there, b, a, on)
    assert used_back.rate_date == used.rate_date
    assert math.isclose(back, amount, rel_tol=REL)


# -- context --------------------------------------------------------------------------------------

UNRELATED = st.sampled_from([
    "Officials met in the capital.", "Talks continue behind closed doors.",
    "The statement gave no further detail.", "Neither side would comment.",
    "Reporters waited outside the hall.", "Le président a parlé.", "«Nous verrons», a-t-il dit.",
])
CORE = st.lists(st.one_of(NEWSY, st.text(max_size=8)), min_size=1, max_size=8).map(
    lambda parts: " ".join(parts).strip() + ".")


def _shifted(mentions: list[Mention], shift: int) -> list[dict[str, Any]]:
    shifted = []
    for m in mentions:
        data = m.to_dict()
        data["start"] -= shift
        data["end"] -= shift
        shifted.append(data)
    return shifted


@bounded(300)
@given(CORE, st.lists(UNRELATED, max_size=3), st.lists(UNRELATED, max_size=3),
       st.sampled_from([" ", "\n", "\n\n"]), PUBLISHED)
def test_unrelated_sentences_only_shift_offsets(
    core: str, before: list[str], after: list[str], sep: str, published: str | None
) -> None:
    # (the core ends a sentence: without the full stop its last figure would take the next
    # sentence's first words as its subject, which is the design, not context leaking)
    prefix = "".join(sentence + sep for sentence in before)
    suffix = "".join(sep + sentence for sentence in after)
    alone = extract(core, published=published)
    framed = extract(prefix + core + suffix, published=published)
    assert _shifted(framed, len(prefix)) == _shifted(alone, 0)
