"""The batch CLI as a pipeline runs it: ``numclaims extract`` over JSON Lines, whole process.

- ``test_extract_jobs``: 10,000 documents with ``--jobs 1`` and ``--jobs 2`` (scaling over cores).
- ``test_extract_memory``: peak memory (the process and its workers together) for JSON Lines
  inputs of growing size, up to 1 GB: it must stay flat. Set ``NUMCLAIMS_BENCH_SIZES`` (e.g.
  ``10M,100M``) for a quicker run; the 1 GB input takes ~10 minutes on 2 cores.

Inputs come from ``benchmarks/corpus.py`` (the sample corpus and the test cases, recombined) and
are cached in ``$NUMCLAIMS_BENCH_DIR`` (default: the system temporary directory).

    .venv/bin/python -m pytest benchmarks/test_batch_scaling.py --benchmark-only -s
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import psutil
import pytest

from benchmarks.corpus import _size, write_jsonl

NUMCLAIMS = [sys.executable, "-m", "numclaims.cli"]
DOCS = 10_000
CACHE = Path(os.environ.get("NUMCLAIMS_BENCH_DIR", tempfile.gettempdir()))
SIZES = os.environ.get("NUMCLAIMS_BENCH_SIZES", "10M,100M,1G").split(",")


def corpus(name: str, **options: Any) -> Path:
    path = CACHE / f"numclaims-bench-{name}.jsonl"
    if not path.exists():
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as out:
            write_jsonl(out, **options)
        partial.rename(path)
    return path


def run_watched(args: list[str]) -> int:
    """Run a command to completion; returns the peak resident memory (bytes) of it and its
    workers together, sampled every 50 ms."""
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.wait(0.05):
            try:
                procs = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs))
            except psutil.Error:
                pass

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    done.set()
    watcher.join()
    assert proc.returncode == 0, err.decode()
    return peak


@pytest.mark.parametrize("jobs", [1, 2])
def test_extract_jobs(benchmark: Any, jobs: int) -> None:
    source = corpus(f"{DOCS}-docs", docs=DOCS, stories=100)
    size = source.stat().st_size
    args = [*NUMCLAIMS, "extract", str(source), "--jobs", str(jobs), "-o", os.devnull]
    benchmark.pedantic(run_watched, args=(args,), rounds=1, iterations=1)
    seconds = benchmark.stats.stats.mean
    benchmark.extra_info.update(documents=DOCS, megabytes=round(size / 1e6, 1), jobs=jobs,
                                docs_per_s=round(DOCS / seconds), kb_per_s=round(size / 1e3 / seconds))
    print(f"\nextract --jobs {jobs}: {DOCS} docs, {size / 1e6:.1f} MB in {seconds:.1f} s = "
          f"{DOCS / seconds:,.0f} docs/s, {size / 1e3 / seconds:,.0f} kB/s")


@pytest.mark.parametrize("size", SIZES)
def test_extract_memory(benchmark: Any, size: str) -> None:
    source = corpus(f"size-{size}", size=_size(size), stories=1000)
    args = [*NUMCLAIMS, "extract", str(source), "-o", os.devnull]
    peak = benchmark.pedantic(run_watched, args=(args,), rounds=1, iterations=1)
    seconds = benchmark.stats.stats.mean
    megabytes = source.stat().st_size / 1e6
    benchmark.extra_info.update(input_mb=round(megabytes), peak_rss_mb=round(peak / 1e6),
                                kb_per_s=round(megabytes * 1e3 / seconds))
    print(f"\nextract {megabytes:,.0f} MB of JSON Lines: peak memory {peak / 1e6:,.0f} MB "
          f"(process and workers), {megabytes * 1e3 / seconds:,.0f} kB/s")
