"""API contract runs: schemathesis requests generated from the service's own ``/openapi.json``.

Every response must be no 5xx, a status the operation documents, a documented content type,
and a body that matches the documented schema. ``tests/api/test_contract.py`` runs this with a
few derandomized examples per operation; ``python -m fuzz.contract --examples 2000`` runs it
long, in process (Flask's WSGI interface, a scratch SQLite store), and reports every failure
instead of stopping at the first.

Besides requests to random stories (almost all 404s), a seeded story with the bundled sample
reports is read, extended and finally deleted, so that the 200 responses of the story routes,
JSON and HTML, are checked too.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
SEEDED_STORY = "kim-putin-2019"
SEEDED_PREFIX = "seeded-"
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
#: Most requests per seeded-story case in a long run.
SEEDED_LIMIT = 300


@contextmanager
def service() -> Iterator[Flask]:
    """The app on a scratch data dir, with the sample reports stored as one story."""
    from api.app import create_app
    from numclaims.sample import sample_documents

    with tempfile.TemporaryDirectory(prefix="numclaims-contract-") as data_dir:
        # REQUEST_TIME_BUDGET stays on (the default): its 503 is part of the contract too
        app = create_app({"DATA_DIR": data_dir, "WARM_UP": False, "ACCESS_LOG": False}, env={})
        client = app.test_client()
        for doc in sample_documents():
            # renamed: GET /sample shows the original ids, and schemathesis reuses values it
            # has seen, so random DELETEs would otherwise empty the story before it is read
            doc = {**doc, "id": f"{SEEDED_PREFIX}{doc['id']}"}
            response = client.post(f"/v1/stories/{SEEDED_STORY}/documents", json=doc)
            assert response.status_code == 201, response.get_json()
        try:
            yield app
        finally:
            app.extensions["numclaims_store"].close()


def load_schema(app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/openapi.json", app)


def operations(spec: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(METHOD, path, has inputs) for every documented operation; one without parameters or
    a body has nothing to get wrong, so it is only tested with valid requests."""
    found = []
    for path, methods in sorted(spec["paths"].items()):
        for method, op in sorted(methods.items()):
            found.append((method.upper(), path, bool(op.get("parameters") or op.get("requestBody"))))
    return found


def seeded_cases() -> list[tuple[str, str, dict[str, Any]]]:
    """(METHOD, path, fixed request parts) that reach the seeded story; the deletions last."""
    story = {"story": SEEDED_STORY}
    doc = {"story": SEEDED_STORY, "doc_id": f"{SEEDED_PREFIX}000_09679fa63576d960"}
    return [
        ("GET", "/v1/stories/{story}", {"path_parameters": story}),
        ("GET", "/v1/stories/{story}", {"path_parameters": story, "headers": {"Accept": "text/html"}}),
        ("GET", "/v1/stories/{story}/documents/{doc_id}", {"path_parameters": doc}),
        ("POST", "/v1/stories/{story}/documents", {"path_parameters": story}),
        ("POST", "/v1/check", {"headers": {"Accept": "text/html"}}),
        ("DELETE", "/v1/stories/{story}/documents/{doc_id}", {"path_parameters": doc}),
        ("DELETE", "/v1/stories/{story}", {"path_parameters": story}),
    ]


@dataclass
class Tally:
    """Requests made and failures seen, per operation."""

    requests: Counter[str] = field(default_factory=Counter)
    statuses: dict[str, Counter[int]] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)


def exercise(schema: Any, method: str, path: str, mode: GenerationMode, examples: int,
             tally: Tally, *, keep_going: bool = False, **fixed: Any) -> None:
    """Send ``examples`` generated requests to one operation and validate each response.

    Derandomized with no example database: the same requests every run. With ``keep_going``
    failures are recorded in ``tally`` instead of raised.
    """
    operation = schema[path][method]
    label = f"{method} {path} ({mode.value}{', ' + ', '.join(sorted(fixed)) if fixed else ''})"

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck), report_multiple_bugs=False)
    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    def run(case: Any) -> None:
        tally.requests[label] += 1
        try:
            response = case.call_and_validate(checks=CHECKS)
            tally.statuses.setdefault(label, Counter())[response.status_code] += 1
        except Exception as exc:
            if not keep_going:
                raise
            tally.failures.setdefault(label, []).append(str(exc)[:2000])

    run()


def run_all(examples: int, report: Callable[[str], None] = print) -> Tally:
    tally = Tally()
    with service() as app:
        schema = load_schema(app)
        spec = app.test_client().get("/openapi.json").get_json()
        for method, path, has_inputs in operations(spec):
            for mode in MODES if has_inputs else MODES[:1]:
                started = time.monotonic()
                exercise(schema, method, path, mode, examples, tally, keep_going=True)
                report(f"{method} {path} {mode.value}: {time.monotonic() - started:.0f} s")
        # capped: every POST to the seeded story is checked against all its documents, so
        # past MAX_STORY_DOCUMENTS (then a 409) more examples only cost time
        seeded_examples = min(examples, SEEDED_LIMIT)
        for method, path, fixed in seeded_cases():
            exercise(schema, method, path, GenerationMode.POSITIVE, seeded_examples, tally,
                     keep_going=True, **fixed)
            report(f"{method} {path} seeded {sorted(fixed)}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000,
                        help="generated requests per operation and mode (default 2000)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = run_all(args.examples, report=lambda line: print(line, file=sys.stderr, flush=True))
    total = sum(tally.requests.values())
    print(f"{total} requests in {time.monotonic() - started:.0f} s; "
          f"{len(tally.failures)} operation(s) with failures")
    for label, count in sorted(tally.requests.items()):
        failures = tally.failures.get(label, [])
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.get(label, {}).items()))
        print(f"  {count:6d}  {label}  [{statuses}]"
              + (f"  -- {len(failures)} FAILED" if failures else ""))
    for label, failures in sorted(tally.failures.items()):
        print(f"\n== {label}: {len(failures)} failure(s); the first:\n{failures[0]}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
