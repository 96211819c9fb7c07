"""``python -m fuzz.request [libFuzzer flags] [CORPUS_DIR... | CRASH_FILE]``: coverage-guided
fuzzing of the service's JSON request parsing and validation, through the Flask test client
(:func:`fuzz.targets.request_target`).

Use ``fuzz/run.py`` for a bounded run with the seed corpus; give a crash file to replay it.
"""

from fuzz.instrument import fuzz

if __name__ == "__main__":
    fuzz("request_target", ("api", "numclaims"))
