"""The fuzz targets: plain functions of one ``bytes`` input, no atheris needed.

:func:`extract_target` feeds ``numclaims.extract`` (and the exchange-rate lookup behind its
normalisation); :func:`check_target` feeds ``numclaims.check`` two documents;
:func:`request_target` feeds the service's JSON request parsing through the
Flask test client. Each raises only when something is wrong: an exception numclaims does not
document, or a result that breaks :mod:`fuzz.invariants` or the OpenAPI contract. The first
bytes of an input pick the options, the rest is the text or body, so every input stands on
its own (``python -m fuzz.extract CRASH_FILE`` replays one).
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
from typing import Any

from flask import Flask
from jsonschema import Draft202012Validator

from fuzz.invariants import check_extract
from numclaims import check, extract
from numclaims.errors import NumclaimsError
from numclaims.normalise import fx

# the sample's own dates and outlets' countries, and the ends of the calendar (issue 15: an
# exchange-rate lookback from 0001-01-05 overflowed)
PUBLISHED = (None, "2019-04-25", "2022-03-01", "1999-01-04", "2024-12-31", "2019-04-27T08:00:00Z",
             "2019-04-24", "0001-01-05", "9999-12-31")
HINTS = (None, "SG", "US", "HK", "AUD", "TW", "in", "MY", "RU")
BASES = ("USD", "EUR", "SGD", "TWD", "JPY")


def _text(data: bytes) -> str:
    # invalid UTF-8 becomes lone surrogates, which a Python caller can pass to extract()
    return data.decode("utf-8", errors="surrogateescape")


def extract_target(data: bytes) -> None:
    """``extract(text, ...)`` with options from the first two bytes; byte 0 bit 7 instead
    sends the text, split in three, as (published, currency hint, base currency), where only
    a :class:`~numclaims.errors.NumclaimsError` may come back."""
    if len(data) < 2:
        return
    head, options, text = data[0], data[1], _text(data[2:])
    if head & 0x80:
        published, hint, base = (text.split("\x00") + ["", ""])[:3]
        try:
            extract("5 km and US$5", published=published or None, currency_hint=hint or None,
                    base_currency=base or "USD")
        except NumclaimsError:
            pass
        try:
            fx.rate(hint, base or "USD")
        except NumclaimsError:
            pass
        return
    mentions = extract(
        text,
        published=PUBLISHED[head % len(PUBLISHED)],
        currency_hint=HINTS[options % len(HINTS)],
        base_currency=BASES[(options >> 4) % len(BASES)],
    )
    check_extract(text, mentions)


# -- the checker -------------------------------------------------------------------------------

VERDICTS = frozenset({"conflict", "divergent", "unchecked", "consistent", "single_source"})


def documents(data: bytes) -> list[dict[str, Any]]:
    """Two documents from one check input: byte 0 picks their publication dates (low and high
    half), byte 1 their currency hints; the rest is the two texts, split at the first NUL."""
    head, options = data[0], data[1]
    first, _, second = _text(data[2:]).partition("\x00")
    return [
        {"id": "a", "text": first, "published": PUBLISHED[(head & 0x0F) % len(PUBLISHED)],
         "currency_hint": HINTS[(options & 0x0F) % len(HINTS)]},
        {"id": "b", "text": second, "published": PUBLISHED[(head >> 4) % len(PUBLISHED)],
         "currency_hint": HINTS[(options >> 4) % len(HINTS)]},
    ]


def check_report(docs: list[dict[str, Any]], report: Any) -> None:
    """What every report must satisfy: each claim is a span of its own document, verdicts are
    known ones, and the report is JSON (NaN aside, which the service writes as null)."""
    texts = {d["id"]: d["text"] for d in docs}
    for section in (report.inline, report.groups, report.dates):
        for item in section:
            assert item.verdict in VERDICTS, item.verdict
            assert item.claims, item
            for claim in item.claims:
                text = texts[claim.doc]
                assert 0 <= claim.start < claim.end <= len(text), (claim.doc, claim.start, claim.end)
                assert text[claim.start : claim.end] == claim.text, (claim.doc, claim.text)
    json.dumps(report.to_dict())


def check_target(data: bytes) -> None:
    """``check()`` of two documents (see :func:`documents`); the report must pass
    :func:`check_report`. Two texts of the bundled story are the seeds."""
    if len(data) < 2:
        return
    docs = documents(data)
    check_report(docs, check(docs, base_currency=BASES[data[1] % len(BASES)]))


# -- the service --------------------------------------------------------------------------------

#: (method, path, OpenAPI path) of the routes whose body is parsed; a story POST is followed by
#: deleting the story, so that no input depends on what earlier inputs stored.
ROUTES = (
    ("POST", "/v1/extract", "/v1/extract"),
    ("POST", "/v1/check", "/v1/check"),
    ("POST", "/v1/stories/fuzz/documents", "/v1/stories/{story}/documents"),
)
CONTENT_TYPES = ("application/json", "application/json; charset=utf-8", "application/merge+json",
                 "application/json; charset=latin-1", "text/plain", None)
ACCEPTS = ("application/json", "text/html", "*/*")


class _Service:
    """One app per process on a scratch SQLite store, and validators for its responses."""

    def __init__(self) -> None:
        from api.app import create_app
        from api.openapi import build_spec

        self.data_dir = tempfile.mkdtemp(prefix="numclaims-fuzz-")
        # REQUEST_TIME_BUDGET off: its watchdog would turn a slow input into a 503, where
        # libFuzzer's own -timeout reports it as what it is
        self.app: Flask = create_app(
            {"DATA_DIR": self.data_dir, "WARM_UP": False, "ACCESS_LOG": False,
             "REQUEST_TIME_BUDGET": 0},
            env={},
        )
        self.client = self.app.test_client()
        with self.app.app_context():
            self.spec = build_spec(self.app)

    def validator(self, path: str, method: str, status: int) -> Draft202012Validator | None:
        responses = self.spec["paths"][path][method.lower()]["responses"]
        entry = responses.get(str(status))
        assert entry is not None, f"{method} {path} answered {status}, which the spec does not list"
        schema = entry.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return None
        root = {"components": self.spec["components"], **schema}
        return Draft202012Validator(root)

    def close(self) -> None:
        self.app.extensions["numclaims_store"].close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


@functools.cache
def service() -> _Service:
    return _Service()


def _check_response(route: tuple[str, str, str], response: Any) -> None:
    method, _, template = route
    status = response.status_code
    assert status < 500, (status, response.get_data()[:500])
    if response.mimetype == "text/html":
        assert status < 400, status  # errors are JSON whatever the Accept header says
        return
    assert response.mimetype == "application/json", response.mimetype
    body = json.loads(response.get_data())  # strict: no NaN/Infinity, valid UTF-8
    validator = service().validator(template, method, status)
    if validator is not None:
        errors = sorted(validator.iter_errors(body), key=str)
        assert not errors, (status, errors[0].message, errors[0].json_path)


def request_target(data: bytes) -> None:
    """One request: byte 0 picks the route (low half) and Accept header (high half), byte 1
    the Content-Type; the rest is the body. Any 5xx, non-JSON error or response outside the
    spec is a failure."""
    if len(data) < 2:
        return
    route = ROUTES[(data[0] & 0x0F) % len(ROUTES)]
    accept = ACCEPTS[(data[0] >> 4) % len(ACCEPTS)]
    content_type = CONTENT_TYPES[data[1] % len(CONTENT_TYPES)]
    headers = {"Accept": accept}
    if content_type is not None:
        headers["Content-Type"] = content_type
    client = service().client
    response = client.open(route[1], method=route[0], data=data[2:], headers=headers)
    _check_response(route, response)
    if route[1].startswith("/v1/stories/"):
        cleanup = client.delete("/v1/stories/fuzz")
        assert cleanup.status_code in (200, 404), cleanup.status_code
