"""Shared start-up of the atheris entry points: instrument numclaims (and api) for coverage,
then hand one target to libFuzzer with the command-line flags."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Callable

import atheris


def _import_all(package: str) -> None:
    """Import every module of ``package`` now, so each one is instrumented (modules imported
    later, e.g. inside create_app(), would otherwise run without coverage feedback)."""
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if info.name.split(".")[-1] in ("dask", "spark") or ".batch" in info.name:
            continue  # optional cluster back ends, never on the request or extract path
        importlib.import_module(info.name)


def fuzz(target_name: str, packages: tuple[str, ...], *, mutate_words: bool = False) -> None:
    """Instrument ``packages``, then run ``fuzz.targets.<target_name>`` under libFuzzer;
    ``mutate_words`` adds the word-level mutator and crossover of :mod:`fuzz.mutate` (text
    targets: random bytes rarely get past the first rule, edited news copy reaches them all)."""
    # lets libFuzzer learn the literals of str.startswith/endswith. (Its "RegEx" hook is left
    # off: atheris 3.0 raises TypeError on bytes patterns with "." while compiling them.)
    atheris.enabled_hooks.add("str")
    with atheris.instrument_imports(include=[*packages, "fuzz.targets", "fuzz.invariants"]):
        for package in packages:
            _import_all(package)
        targets = importlib.import_module("fuzz.targets")
    target: Callable[[bytes], None] = getattr(targets, target_name)
    hooks = {}
    if mutate_words:
        from fuzz.mutate import custom_crossover, custom_mutator, vocabulary

        vocabulary()  # built once here, not inside the first mutation
        hooks = {"custom_mutator": custom_mutator, "custom_crossover": custom_crossover}
    atheris.Setup(sys.argv, target, **hooks)
    atheris.Fuzz()
