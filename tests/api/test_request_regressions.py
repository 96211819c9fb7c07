"""Requests the fuzzer (fuzz/request.py) found mishandled, kept as plain examples (issue 6)."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient


@pytest.mark.parametrize(("path", "body", "field"), [
    # the crash as found: an escaped lone surrogate in a document's key. The unknown-field
    # error echoed the key, UTF-8 could not encode it, and the 400 became a 500.
    ("/v1/check", (b'{"documents": [{"id": "a-1", "text": "Exports rose 5% to $1.2 billion.", '
                   b'"currenc\\ud800": "SG"}]}'), "documents[0].currenc\\ud800"),
    ("/v1/extract", b'{"text": "17km", "\\udfff": 1}', "\\udfff"),
    ("/v1/stories/s/documents", b'{"id": "a", "text": "5%", "\\ud83d": null}', "\\ud83d"),
], ids=["check document key", "extract key", "story document key"])
def test_lone_surrogate_in_a_key_is_a_400_naming_it(
    client: FlaskClient, assert_error: Any, path: str, body: bytes, field: str
) -> None:
    response = client.post(path, data=body, content_type="application/json")
    assert_error(response, 400, "unknown_field", field)
    response.get_data().decode("utf-8")  # strict UTF-8: the surrogate is written out, escaped


def test_lone_surrogate_in_a_value_is_a_422(client: FlaskClient, assert_error: Any) -> None:
    response = client.post("/v1/extract", data=b'{"text": "5 km \\ud800"}',
                           content_type="application/json")
    assert_error(response, 422, "invalid_value", "text")
