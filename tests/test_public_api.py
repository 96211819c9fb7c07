"""``from numclaims import extract, check``: the functions, whatever else was imported.

The packages used to be ``numclaims.extract`` and ``numclaims.check``, the functions' own names:
importing a submodule rebound the attribute to the package, so the package had to be made
callable and the API looked the function up through a fallback. The packages are now
``numclaims.extraction`` and ``numclaims.checking``, and nothing needs papering over.
"""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
import types

import numclaims


def test_the_functions_stay_functions_after_every_submodule_is_imported() -> None:
    for package in ("numclaims.extraction", "numclaims.checking"):
        for info in pkgutil.iter_modules(importlib.import_module(package).__path__, package + "."):
            importlib.import_module(info.name)
    assert isinstance(numclaims.extract, types.FunctionType)
    assert isinstance(numclaims.check, types.FunctionType)
    assert not callable(importlib.import_module("numclaims.checking"))
    assert [m.text for m in numclaims.extract("a 17km border")] == ["17km"]


def test_a_fresh_interpreter_imports_submodules_first() -> None:
    code = ("import numclaims.checking.render, numclaims.extraction.pipeline\n"
            "from numclaims import check, extract\n"
            "print(type(check).__name__, type(extract).__name__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["function", "function"]
