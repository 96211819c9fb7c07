"""Extraction throughput: numclaims.extract against quantulum3.parser.parse on the same news
text, in the same run (pytest-benchmark). Not part of the test suite; run with

    .venv/bin/python -m pytest benchmarks/test_extract_speed.py --benchmark-only

and read the ratio printed at the end (also saved in the benchmark's extra_info).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from numclaims import extract

SAMPLE = Path(__file__).resolve().parents[1] / "numclaims" / "data" / "sample" / "kim-putin-2019"
TEXT = "\n\n".join(p.read_text("utf-8") for p in sorted(SAMPLE.glob("*.txt")))
_RESULTS: dict[str, float] = {}


def test_numclaims_extract(benchmark) -> None:
    extract(TEXT, published="2019-04-25")  # build the lexicon, pint registry and FX table once
    mentions = benchmark(extract, TEXT, published="2019-04-25")
    assert mentions
    _RESULTS["numclaims"] = benchmark.stats.stats.median
    _RESULTS["numclaims_best"] = benchmark.stats.stats.min
    benchmark.extra_info["kB_per_s"] = len(TEXT) / 1e3 / benchmark.stats.stats.median
    # the best round too: on a shared machine the median also measures the neighbours
    benchmark.extra_info["kB_per_s_best"] = len(TEXT) / 1e3 / benchmark.stats.stats.min


def test_quantulum3_parse(benchmark) -> None:
    quantulum_parser = pytest.importorskip("quantulum3.parser")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantulum_parser.parse(TEXT)
        benchmark.pedantic(quantulum_parser.parse, args=(TEXT,), rounds=3, iterations=1)
    _RESULTS["quantulum3"] = benchmark.stats.stats.median
    benchmark.extra_info["kB_per_s"] = len(TEXT) / 1e3 / benchmark.stats.stats.median
    if "numclaims" in _RESULTS:
        ratio = _RESULTS["quantulum3"] / _RESULTS["numclaims"]
        benchmark.extra_info["numclaims_speedup"] = ratio
        print(f"\n{len(TEXT)/1e3:.1f} kB of news text: numclaims {len(TEXT)/1e3/_RESULTS['numclaims']:.0f} kB/s "
              f"(best round {len(TEXT)/1e3/_RESULTS['numclaims_best']:.0f} kB/s), "
              f"quantulum3 {len(TEXT)/1e3/_RESULTS['quantulum3']:.1f} kB/s: numclaims is {ratio:.0f}x faster")
