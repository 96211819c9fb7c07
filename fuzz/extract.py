"""``python -m fuzz.extract [libFuzzer flags] [CORPUS_DIR... | CRASH_FILE]``: coverage-guided
fuzzing of ``numclaims.extract`` and its normalisation (:func:`fuzz.targets.extract_target`),
mutating inputs word by word (:mod:`fuzz.mutate`) as well as byte by byte.

Use ``fuzz/run.py`` for a bounded run with the seed corpus; give a crash file to replay it.
"""

from fuzz.instrument import fuzz

if __name__ == "__main__":
    fuzz("extract_target", ("numclaims",), mutate_words=True)
