"""The fuzz targets (fuzz/targets.py) still run: each accepts its committed seed corpus, and
the corpus is what fuzz/seeds.py generates. atheris itself is not needed here."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fuzz import seeds, targets


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
