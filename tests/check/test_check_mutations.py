"""Changing one number in a copy of a report turns the matching verdict into a conflict."""

from __future__ import annotations

import pytest

from numclaims.checking import check
from tests.check.conftest import as_input, find

MUTATIONS = [
    # (doc, old, new, section, members that must now be in conflict)
    ("000_09679fa63576d960", "17km", "27km", "groups",
     [("000_09679fa63576d960", "27km"), ("003_77de3b7adf66fc0b", "17 kilometer")]),
    ("001_722aa2a5679254b3", "S$681 million", "S$881 million", "inline",
     [("001_722aa2a5679254b3", "S$881 million")]),
    ("001_722aa2a5679254b3", "1.5 per cent", "4.5 per cent", "groups",
     [("001_722aa2a5679254b3", "4.5 per cent"), ("003_77de3b7adf66fc0b", "1.5 percent")]),
    ("003_77de3b7adf66fc0b", "11 mile", "15 mile", "inline",
     [("003_77de3b7adf66fc0b", "15 mile")]),
    ("000_09679fa63576d960", "RM24.78 trillion", "RM29.78 trillion", "inline",
     [("000_09679fa63576d960", "RM29.78 trillion")]),
    ("003_77de3b7adf66fc0b", r"\$6 trillion", r"\$9 trillion", "groups",
     [("000_09679fa63576d960", "US$6 trillion"), ("003_77de3b7adf66fc0b", "$9 trillion")]),
    ("001_722aa2a5679254b3", "(April 25)", "(April 26)", "dates",
     [("001_722aa2a5679254b3", "Thursday (April 26)")]),
]


@pytest.mark.parametrize("doc, old, new, section, members", MUTATIONS,
                         ids=[f"{m[1]}->{m[2]}" for m in MUTATIONS])
def test_mutation_becomes_conflict(corpus: dict, doc: str, old: str, new: str, section: str,
                                   members: list[tuple[str, str]]) -> None:
    report = check(as_input(corpus, {doc: (old, new)}))
    item = find(getattr(report, section), *members)
    assert item.verdict == "conflict", item.explanation


def test_tolerance_is_configurable(corpus: dict) -> None:
    # 681/500 = 1.362 is 0.2% off the closest ECB fix: a 0.1% tolerance makes it a conflict
    report = check(as_input(corpus), tolerance=0.001)
    item = find(report.inline, ("001_722aa2a5679254b3", "S$681 million"))
    assert item.verdict == "conflict"
    assert "more than the 0.1% tolerance" in item.explanation
