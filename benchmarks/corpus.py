"""Synthetic news corpora for the benchmarks, built from text already in the repository.

Each document is a random run of real sentences: the bundled sample corpus (five reports of the
2019 Kim-Putin summit) and the texts of the extraction test cases (``tests/extract/cases``), with a
real outlet's date and country. Nothing is downloaded, and a seed makes every corpus reproducible.

    .venv/bin/python -m benchmarks.corpus --docs 10000 --stories 100 -o /tmp/docs.jsonl
    .venv/bin/python -m benchmarks.corpus --size 1G -o /tmp/1g.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from numclaims.checking.text import sentence_bounds
from numclaims.sample import sample_records

CASES = Path(__file__).resolve().parent.parent / "tests" / "extract" / "cases"
SENTENCES_PER_DOC = 12


@cache
def sentence_pool() -> tuple[str, ...]:
    """Every sample sentence longer than 40 characters, then every positive test-case text."""
    pool = [doc["text"][s:e].strip() for doc in sample_records()
            for s, e in sentence_bounds(doc["text"])]
    pool = [s for s in pool if len(s) > 40]
    for path in sorted(CASES.glob("*.json")):
        pool.extend(case["text"] for case in json.loads(path.read_text("utf-8"))["match"])
    return tuple(pool)


def documents(n: int | None = None, *, stories: int = 1, seed: int = 2019,
              sentences: int = SENTENCES_PER_DOC) -> Iterator[dict[str, Any]]:
    """``n`` synthetic document records (endless when ``n`` is None), spread over ``stories``."""
    outlets = sample_records()
    pool = sentence_pool()
    rng = random.Random(seed)
    i = 0
    while n is None or i < n:
        outlet = outlets[rng.randrange(len(outlets))]
        yield {
            "id": f"syn{i:08d}",
            "story": f"story{i % stories:05d}",
            "published": outlet["published"],
            "outlet_country": outlet["outlet_country"],
            "text": " ".join(rng.sample(pool, sentences)),
        }
        i += 1


def write_jsonl(out: TextIO, *, docs: int | None = None, size: int | None = None,
                stories: int = 1, seed: int = 2019) -> tuple[int, int]:
    """Write documents as JSON Lines until ``docs`` documents or ``size`` bytes; returns both."""
    count = written = 0
    for record in documents(docs, stories=stories, seed=seed):
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        count += 1
        written += len(line.encode("utf-8"))
        if size is not None and written >= size:
            break
    return count, written


def _size(text: str) -> int:
    units = {"k": 10**3, "m": 10**6, "g": 10**9}
    text = text.strip().lower()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="number of documents")
    parser.add_argument("--size", type=_size, help="stop after this many bytes (e.g. 100M, 1G)")
    parser.add_argument("--stories", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2019)
    parser.add_argument("-o", "--output", help="file to write (default stdout)")
    args = parser.parse_args(argv)
    if args.docs is None and args.size is None:
        parser.error("give --docs or --size")
    options = {"docs": args.docs, "size": args.size, "stories": args.stories, "seed": args.seed}
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            count, written = write_jsonl(out, **options)
    else:
        count, written = write_jsonl(sys.stdout, **options)
    print(f"{count} documents, {written / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
