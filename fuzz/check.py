"""``python -m fuzz.check [libFuzzer flags] [CORPUS_DIR... | CRASH_FILE]``: coverage-guided
fuzzing of ``numclaims.check`` on two documents (:func:`fuzz.targets.check_target`), seeded
with pairs of the bundled sample reports and mutated word by word (:mod:`fuzz.mutate`).

Use ``fuzz/run.py`` for a bounded run with the seed corpus; give a crash file to replay it.
"""

from fuzz.instrument import fuzz

if __name__ == "__main__":
    fuzz("check_target", ("numclaims",), mutate_words=True)
