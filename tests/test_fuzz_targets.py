"""The fuzz targets (fuzz/targets.py) still run: each accepts its committed seed corpus, the
corpus is what fuzz/seeds.py generates, and seeded word-level mutations of the sample reports
(fuzz/mutate.py) keep every invariant. atheris itself is not needed here."""

from __future__ import annotations

import doctest
import random
from collections.abc import Iterator

import pytest

from fuzz import mutate, seeds, targets
from numclaims.sample import sample_records


@pytest.fixture(scope="module", autouse=True)
def _scratch_service() -> Iterator[None]:
    # request_target keeps one app per process; close it (and its data dir) after this module
    yield
    if targets.service.cache_info().currsize:
        targets.service().close()
        targets.service.cache_clear()


@pytest.mark.parametrize("target", sorted(seeds.SEEDS))
def test_committed_corpus_matches_the_seeds(target: str) -> None:
    folder = seeds.CORPUS / target
    committed = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert committed == seeds.seed_files(target), "run: python -m fuzz.seeds"


@pytest.mark.parametrize("target", sorted(seeds.SEEDS))
def test_target_accepts_every_seed(target: str) -> None:
    run = getattr(targets, f"{target}_target")
    for seed in seeds.SEEDS[target]():
        run(seed)


def test_targets_reject_nothing_for_tiny_inputs() -> None:
    for data in (b"", b"\x00", b"\x00\x00", b"\xff\xff\xff"):
        targets.extract_target(data)
        targets.request_target(data)


# -- seeded word-level mutations of the sample reports (issue 15) -------------------------------
# What the atheris runs do with fuzz/mutate.py, derandomized and small enough for the suite:
# the first crash they found ("on ThurMay 25)", KeyError) came from exactly such an edit.

EXTRACT_MUTATIONS = 5000
CHECK_PAIRS = 500


def _window(text: str, rng: random.Random) -> str:
    """A run of one to six paragraphs: mutations stay dense, every part of a report is used."""
    paragraphs = text.split("\n\n")
    start = rng.randrange(len(paragraphs))
    return "\n\n".join(paragraphs[start:start + rng.randint(1, 6)])


def _replay(target: str, data: bytes) -> None:
    try:
        getattr(targets, f"{target}_target")(data)
    except Exception as error:  # the input that fails, ready to become a regression test
        raise AssertionError(f"{target}_target({data!r}) raised {error!r}") from error


def test_mutator_is_deterministic_and_makes_every_kind_of_edit() -> None:
    text = sample_records()[1]["text"]
    assert mutate.mutate(text, random.Random(3)) == mutate.mutate(text, random.Random(3))
    for edit in mutate.EDITS:
        changed = sum(edit_text(edit, text, seed) != text for seed in range(20))
        assert changed >= 10, edit.__name__
    assert doctest.testmod(mutate).failed == 0


def edit_text(edit: mutate.Edit, text: str, seed: int) -> str:
    tokens = mutate._TOKEN.findall(text)
    edit(tokens, random.Random(seed), mutate.vocabulary())
    return "".join(tokens)


def test_mutated_sample_reports_keep_the_extract_invariants() -> None:
    rng = random.Random(15)
    records, words = sample_records(), mutate.vocabulary()
    for _ in range(EXTRACT_MUTATIONS):
        text = mutate.mutate(_window(rng.choice(records)["text"], rng), rng, vocabulary=words)
        options = bytes([rng.randrange(len(targets.PUBLISHED)), rng.randrange(256)])
        _replay("extract", options + text.encode("utf-8", errors="surrogateescape"))


def test_mutated_pairs_of_sample_reports_check() -> None:
    rng = random.Random(16)
    records, words = sample_records(), mutate.vocabulary()
    for _ in range(CHECK_PAIRS):
        first, second = rng.sample(records, 2)
        texts = [mutate.mutate(_window(r["text"], rng), rng, vocabulary=words) for r in (first, second)]
        options = bytes([rng.randrange(len(targets.PUBLISHED)) | rng.randrange(len(targets.PUBLISHED)) << 4,
                         rng.randrange(256)])
        _replay("check", options + "\x00".join(texts).encode("utf-8", errors="surrogateescape"))


def test_custom_mutator_keeps_the_options_and_the_size_limit() -> None:
    seed = seeds.check_seeds()[0]
    for n in range(50):
        out = mutate.mutate_input(seed, random.Random(n), max_size=4096)
        assert len(out) <= 4096
        assert out.count(b"\x00", 2) <= 1 + seed.count(b"\x00", 2)
    crossed = mutate.custom_crossover(seeds.extract_seeds()[0], seed, 1 << 16, 1)
    assert crossed[:2] == seeds.extract_seeds()[0][:2]
