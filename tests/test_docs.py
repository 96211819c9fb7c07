"""The examples in the README and in module docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

from tests.conftest import ROOT

MODULES = [
    "numclaims.extract.numbers", "numclaims.extract.textspans", "numclaims.extract.qualifiers",
    "numclaims.extract.money", "numclaims.extract.dates", "numclaims.extract.subjects",
    "numclaims.extract.rules", "numclaims.extract.pipeline", "numclaims.normalise.units",
    "numclaims.normalise.normalize",
]


def test_readme_examples() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
