"""Properties of extract() over generated text (hypothesis): it never raises, spans are valid
and ordered, intervals contain the stated value, and context does not change what is found."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numclaims import extract

NEWSY = st.sampled_from([
    "US$500 million", "S$681 million", "more than 56 percent", "about 1.5 per cent", "17km",
    "tens of thousands of workers", "around 10,000", "Thursday (April 25)", "in 2011", "€20m",
    "Rs 500 crore", "100,000 tonnes", "nearly 60 years", "5-10km", "between $5 and $10 million",
    "1e999", "9" * 400, "(((", "$$$", "−5°C", "G7", "Covid-19", "**1.", "https://x.com/2019/04",
    "half a million", "a dozen", "one in five", "0.25 percentage points", "\u00a0", "\u202f",
])
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=20)), max_size=12).map(" ".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_never_raises_and_spans_are_valid(text: str) -> None:
    mentions = extract(text)
    previous_start = -1
    for index, mention in enumerate(mentions):
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_start
        previous_start = mention.start
        if isinstance(mention.value, float):
            assert math.isfinite(mention.value)
            if mention.low is not None:
                assert mention.low <= mention.value + 1e-9 * abs(mention.value)
            if mention.high is not None:
                assert mention.value <= mention.high + 1e-9 * abs(mention.value)
        if mention.equivalent_of is not None:
            assert 0 <= mention.equivalent_of < index


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    for mention in extract(text):
        assert text[mention.start : mention.end] == mention.text


@SETTINGS
@given(st.lists(NEWSY.filter(lambda s: s != "**1."), min_size=1, max_size=5).map(" and ".join))
def test_unrelated_context_shifts_offsets_only(core: str) -> None:
    # (list numbering such as "**1." is a number only at the start of a line, so it is left out)
    prefix, suffix = "Officials met in the capital. ", ". Talks continue."
    alone = extract(core)
    framed = extract(prefix + core + suffix)
    shifted = [(m.start - len(prefix), m.end - len(prefix), m.kind, m.value, m.unit) for m in framed]
    assert shifted == [(m.start, m.end, m.kind, m.value, m.unit) for m in alone]
