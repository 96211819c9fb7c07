"""Run the atheris fuzzers for a bounded time: ``.venv/bin/python fuzz/run.py --seconds 60``.

Each target runs in its own libFuzzer process (``python -m fuzz.<target>``) over a working
corpus that starts from the committed seeds (``fuzz/corpus/<target>``) and keeps what it finds
between runs (``fuzz/.work/<target>/corpus``, not committed). A crash, a timeout or an
out-of-memory input is saved under ``fuzz/.work/<target>/artifacts/``; replay one with
``python -m fuzz.<target> FILE``. Exit status 1 if any target failed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "fuzz"
TARGETS = ("extract", "check", "request")
#: Longest input per target: long enough for a news article (two for check) or a request body.
MAX_LEN = {"extract": 16384, "check": 24576, "request": 8192}
_FINAL = re.compile(r"stat::(\w+):\s*(\d+)")


@dataclass
class Outcome:
    target: str
    returncode: int
    seconds: float
    stats: dict[str, int]
    artifacts: list[Path]
    log: Path


def _escape(token: str) -> str:
    """A libFuzzer dictionary entry: printable ASCII as is, every other byte as \\xNN."""
    out = []
    for byte in token.encode("utf-8"):
        char = chr(byte)
        out.append(char if 32 <= byte < 127 and char not in '"\\' else f"\\x{byte:02x}")
    return '"' + "".join(out) + '"'


def extract_dictionary() -> list[str]:
    """The words extract() reacts to, from its own lexicon: units, currency signs, scales,
    qualifiers, vague amounts, number words, months."""
    sys.path.insert(0, str(ROOT))
    from numclaims.extraction.lexicon import lexicon
    from numclaims.extraction.rules import RATIO_UNITS

    lex = lexicon()
    tokens: set[str] = set()
    for table in (lex.units_cs, lex.units_ci, lex.currency_prefix, lex.currency_suffix_cs,
                  lex.currency_suffix_ci, lex.scales_cs, lex.scales_ci, lex.qualifiers_before,
                  lex.qualifiers_after, lex.vague, lex.number_words, RATIO_UNITS):
        tokens.update(table)
    tokens.update(["January", "April", "Sept", "Thursday", "(", ")", " to ", " and ", "between ",
                   "-", "\u2013", ",000", ".5", "\u00a0", "\u2212", " of ", "'s", "1999", "2019"])
    return sorted(t for t in tokens if t)


def request_dictionary() -> list[str]:
    return ['"text"', '"documents"', '"id"', '"published"', '"base_currency"', '"currency_hint"',
            '"source"', '"tolerance"', '"2019-04-25"', '"USD"', '"SG"', "{", "}", "[", "]", ":",
            ",", "null", "true", "1e999", "NaN", "\\u0000", "\\ud800", "\ufeff"]


def run_target(target: str, seconds: int, workdir: Path, timeout: int) -> Outcome:
    base = workdir / target
    corpus, artifacts = base / "corpus", base / "artifacts"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    words = request_dictionary() if target == "request" else extract_dictionary()
    dictionary = base / "fuzz.dict"
    dictionary.write_text("".join(_escape(w) + "\n" for w in words), encoding="ascii")
    before = set(artifacts.iterdir())
    log = base / "last-run.log"
    command = [
        sys.executable, "-m", f"fuzz.{target}",
        f"-max_total_time={seconds}", f"-timeout={timeout}", f"-max_len={MAX_LEN[target]}",
        f"-dict={dictionary}", f"-artifact_prefix={artifacts}/", "-print_final_stats=1",
        "-rss_limit_mb=3072", str(corpus), str(FUZZ / "corpus" / target),
    ]
    started = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with log.open("wb") as out:
        # not check=True: libFuzzer exits non-zero on a finding, which is reported below
        result = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
                                check=False)
    text = log.read_text("utf-8", errors="replace")
    return Outcome(
        target=target, returncode=result.returncode, seconds=time.monotonic() - started,
        stats={k: int(v) for k, v in _FINAL.findall(text)},
        artifacts=sorted(set(artifacts.iterdir()) - before), log=log,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="time per target (default 60)")
    parser.add_argument("--targets", nargs="+", choices=TARGETS, default=list(TARGETS))
    parser.add_argument("--workdir", type=Path, default=FUZZ / ".work")
    parser.add_argument("--timeout", type=int, default=10,
                        help="seconds one input may take before it counts as a hang")
    args = parser.parse_args(argv)
    failed = False
    for target in args.targets:
        outcome = run_target(target, args.seconds, args.workdir, args.timeout)
        runs = outcome.stats.get("number_of_executed_units", 0)
        status = "ok" if outcome.returncode == 0 and not outcome.artifacts else "FAILED"
        failed |= status != "ok"
        print(f"{target}: {status}, {runs} inputs in {outcome.seconds:.0f} s "
              f"({outcome.stats.get('average_exec_per_sec', 0)}/s), "
              f"corpus {len(list((args.workdir / target / 'corpus').iterdir()))} files, "
              f"log {outcome.log}")
        for artifact in outcome.artifacts:
            print(f"  {artifact.name}: replay with python -m fuzz.{target} {artifact}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
