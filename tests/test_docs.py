"""The examples in the README and in module docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

from tests.conftest import ROOT

PACKAGES = ("numclaims", "api")


def modules_with_examples() -> list[str]:
    """Every module of the project whose docstrings hold examples: a new module's examples run
    without anyone remembering to list it."""
    finder = doctest.DocTestFinder()
    found = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            module = importlib.import_module(info.name)
            if any(test.examples for test in finder.find(module)):
                found.append(info.name)
    return found


MODULES = modules_with_examples()


def test_readme_examples() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
