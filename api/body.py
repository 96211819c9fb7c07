"""Reading a JSON request body strictly: content coding and type, size, encoding, syntax (no
repeated keys), then schema."""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import current_app, request

from api.errors import ApiError
from api.schemas import SCHEMAS, validate


def _reject_constant(name: str) -> NoReturn:
    # json.loads accepts NaN/Infinity by default; they are not JSON
    raise ValueError(f"{name} is not valid JSON")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object's members as a dict, refusing a key that appears twice: json.loads would keep
    the last value silently, and which one a client meant is anyone's guess."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ApiError(400, "duplicate_key",
                               f"the key {key!r} appears more than once in one object", field=key)
            seen.add(key)
    return obj


def _read_body() -> bytes:
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if request.content_length is not None or limit is None:
        return request.get_data(cache=True)  # a declared length was checked up front
    if "wsgi.input_terminated" not in request.environ:
        return b""  # no length and a server that does not de-chunk: nothing safe to read
    # A chunked body: read one byte past the limit to tell "too large" from "exactly the
    # limit" (Werkzeug's limited stream silently stops at the limit).
    try:
        raw = request.environ["wsgi.input"].read(limit + 1)
    except OSError as exc:  # the development server's de-chunking (gunicorn's: see
        # api.gunicorn_worker.ClientBodyReader)
        raise ApiError(400, "malformed_body", f"the chunked request body is malformed: {exc}",
                       headers={"Connection": "close"}) from None
    if len(raw) > limit:
        raise ApiError(413, "body_too_large",
                       f"the request body is larger than the limit of {limit} bytes",
                       headers={"Connection": "close"})
    return raw


def json_body(schema_name: str) -> dict[str, Any]:
    """The request's JSON object, validated against ``SCHEMAS[schema_name]``.

    Raises :class:`ApiError`: 415 unless the body is ``application/json`` (or ``+json``) in
    UTF-8 and uncompressed; 400 for an empty body, bad UTF-8, bad JSON, a key twice in one
    object or a wrong/missing field; 422 for
    unacceptable values. The body size limit (413) is enforced before this runs.
    """
    encoding = request.headers.get("Content-Encoding", "").strip().lower()
    if encoding not in ("", "identity"):
        raise ApiError(415, "unsupported_content_encoding",
                       f"request bodies must be sent uncompressed (got Content-Encoding "
                       f"{encoding[:40]!r})")
    mimetype = request.mimetype
    if mimetype != "application/json" and not (
        mimetype.startswith("application/") and mimetype.endswith("+json")
    ):
        shown = request.content_type or "none"
        raise ApiError(415, "unsupported_media_type",
                       f"send the body as application/json (got {shown})")
    charset = request.mimetype_params.get("charset", "utf-8").lower().replace("_", "-")
    if charset not in ("utf-8", "utf8"):
        raise ApiError(415, "unsupported_media_type", f"send UTF-8, not {charset}")
    raw = _read_body()
    if not raw.strip():
        raise ApiError(400, "empty_body", "the request body is empty; send a JSON object")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, "invalid_encoding",
                       f"the body is not valid UTF-8 (byte {exc.start})") from None
    text = text.removeprefix("\ufeff")
    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ApiError(400, "malformed_json", "the JSON is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, or an integer too long to convert
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ApiError(400, "invalid_type", "the body must be a JSON object")
    validate(data, SCHEMAS[schema_name])
    return data
