"""The service keeps its own contract: schemathesis requests generated from ``/openapi.json``.

For every documented operation, valid and invalid requests (derandomized, a bounded number
each) must get no 5xx, a documented status and content type, and a body matching the
documented schema. The same machinery runs long with ``python -m fuzz.contract``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from schemathesis import GenerationMode

from api.app import create_app
from api.openapi import build_spec
from fuzz.contract import MODES, Tally, exercise, load_schema, operations, seeded_cases, service

EXAMPLES = 25
SEEDED_EXAMPLES = 10


def _documented() -> list[tuple[str, str, GenerationMode]]:
    """(METHOD, path, mode) for every operation in a fresh app's spec (read at collection)."""
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"DATA_DIR": data_dir, "WARM_UP": False, "ACCESS_LOG": False}, env={})
        try:
            spec = build_spec(app)
        finally:
            app.extensions["numclaims_store"].close()
    return [(method, path, mode) for method, path, has_inputs in operations(spec)
            for mode in (MODES if has_inputs else MODES[:1])]


@pytest.fixture(scope="module")
def schema() -> Iterator[Any]:
    with service() as app:
        yield load_schema(app)


@pytest.mark.parametrize(("method", "path", "mode"), _documented(),
                         ids=lambda v: v.value if isinstance(v, GenerationMode) else str(v))
def test_operation_keeps_its_contract(schema: Any, method: str, path: str,
                                      mode: GenerationMode) -> None:
    tally = Tally()
    exercise(schema, method, path, mode, EXAMPLES, tally)
    assert sum(tally.requests.values()) >= 1


def test_seeded_story_keeps_its_contract(schema: Any) -> None:
    # one test, in order: reads, HTML renderings and additions before the deletions
    tally = Tally()
    for method, path, fixed in seeded_cases():
        exercise(schema, method, path, GenerationMode.POSITIVE, SEEDED_EXAMPLES, tally, **fixed)
    assert len(tally.requests) == len(seeded_cases())
