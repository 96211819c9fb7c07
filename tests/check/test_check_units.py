"""The pieces: readings, scope, context words, grouping on small real sentences."""

from __future__ import annotations

import doctest
import importlib

import pytest

from numclaims.checking import check
from numclaims.checking.scope import scope_terms
from numclaims.checking.text import lemma

MODULES = ["text", "scope", "readings", "numbers", "claims", "grouping", "groups", "inline", "dates",
           "inputs", "render", "report"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(f"numclaims.checking.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_synonyms_fold_outlet_wording() -> None:
    assert lemma("labourers") == lemma("workers") == lemma("citizens")
    assert lemma("nations") == lemma("countries")


def test_scope_reads_places_after_prepositions_only() -> None:
    text = "Kim met Russian President Vladimir Putin in Vladivostok last year"
    assert scope_terms(text, 0, len(text)) == frozenset({"vladivostok", "last", "year"})


def _groups(*texts: str) -> list[tuple[str, list[str]]]:
    report = check([{"id": f"d{n}", "text": t, "published": "2019-04-24"} for n, t in enumerate(texts)])
    return [(g.verdict, sorted(c.text for c in g.claims)) for g in report.groups if g.verdict != "single_source"]


def test_different_wording_same_fact_is_grouped() -> None:
    found = _groups("North Korea has sent about 20,000 labourers to Russia for logging work.",
                    "Some 20,000 North Korean workers are employed in Russia, mostly in logging.")
    assert found == [("consistent", ["Some 20,000", "about 20,000"])]


def test_same_number_different_fact_is_not_grouped() -> None:
    assert _groups("Pyongyang asked Moscow to donate 100,000 tonnes of flour.",
                   "The new bridge can carry 100,000 tonnes of freight a year across the river.") == []


def test_scope_difference_makes_a_divergence_not_a_conflict() -> None:
    found = _groups("About 10,000 North Korean workers are employed in Russia.",
                    "About 50,000 North Korean workers are employed in Russia and China.")
    assert [v for v, _ in found] == ["divergent"]


def test_same_scope_different_number_is_a_conflict() -> None:
    found = _groups("About 10,000 North Korean workers are employed in Russia.",
                    "About 50,000 North Korean workers are employed in Russia.")
    assert [v for v, _ in found] == ["conflict"]


def test_dates_without_weekday_and_same_day_agree() -> None:
    report = check([
        {"id": "a", "text": "Kim and Putin will hold their first summit on April 25 in Vladivostok.",
         "published": "2019-04-20"},
        {"id": "b", "text": "The first summit of Kim and Putin takes place on April 25 in Vladivostok.",
         "published": "2019-04-22"},
    ])
    assert [i.verdict for i in report.dates] == ["consistent"]
