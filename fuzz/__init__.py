"""Coverage-guided fuzzing (atheris) and long API contract runs for numclaims.

Not part of the test run: see fuzz/README.md for the commands. The fuzz targets and the
invariants they assert are plain Python (no atheris import), so ``tests/`` can run them on
the seed corpus and keep them from rotting.
"""
