"""One JSON shape for every failure: ``{"error": {"code", "message", "field"?}}``.

The handlers are registered on the app (not a blueprint), so routing failures (404, 405),
oversized bodies (413) and errors raised before any view runs come back as JSON too. Library
errors map to statuses here, in one place: bad input is a 422, an unavailable store a 503.
A catch-all turns a genuine bug into a JSON 500 after logging it with its traceback; the
client never sees a stack trace or an HTML page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask, g, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from numclaims.errors import InputError, NotConvertibleError, UnknownCurrencyError

log = logging.getLogger("numclaims.api")

#: Stable codes for the HTTP errors Werkzeug raises; others fall back to the status phrase.
HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "body_too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    431: "headers_too_large",
}


class ApiError(Exception):
    """An error answered to the client as it is: status, stable code, message, field."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        field: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = dict(headers or {})

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


class TimeBudgetExceeded(Exception):
    """Raised inside a request that ran past ``REQUEST_TIME_BUDGET``."""


def error_response(
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> ResponseReturnValue:
    body: dict[str, Any] = {"code": code, "message": _encodable(message)}
    if field:
        body["field"] = _encodable(field)
    response = jsonify({"error": body})
    response.status_code = status
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _encodable(text: str) -> str:
    """``text`` with lone surrogates written as ``\\udXXX``: a JSON key may hold an escaped one
    ("currenc\\ud800"), which UTF-8 cannot encode, and echoing it in a field path turned the
    400 into a 500 (found by fuzz/request.py)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "error"


def register_error_handlers(app: Flask) -> None:
    """Install the JSON error handlers on ``app``."""

    @app.errorhandler(ApiError)
    def api_error(exc: ApiError) -> ResponseReturnValue:
        return error_response(exc.status, exc.code, exc.message, exc.field, exc.headers)

    @app.errorhandler(UnknownCurrencyError)
    def unknown_currency(exc: UnknownCurrencyError) -> ResponseReturnValue:
        return error_response(422, "unknown_currency", exc.message, exc.field)

    @app.errorhandler(InputError)
    def input_error(exc: InputError) -> ResponseReturnValue:
        code = "invalid_date" if "date" in exc.message.lower() else "invalid_value"
        return error_response(422, code, exc.message, exc.field)

    @app.errorhandler(NotConvertibleError)
    def not_convertible(exc: NotConvertibleError) -> ResponseReturnValue:
        return error_response(422, "not_convertible", str(exc), "base_currency")

    from numclaims.store import StoreError

    @app.errorhandler(StoreError)
    def store_error(exc: StoreError) -> ResponseReturnValue:
        # the cause may name files; it goes to the log, never to the client
        log.error("store error: %s (cause: %r)", exc, exc.__cause__)
        return error_response(503, exc.code, exc.message, headers={"Retry-After": "5"})

    @app.errorhandler(TimeBudgetExceeded)
    def too_slow(exc: TimeBudgetExceeded) -> ResponseReturnValue:
        budget = app.config["REQUEST_TIME_BUDGET"]
        return error_response(
            503, "time_budget_exceeded",
            f"the request needed more than the server's {budget:g} s budget; send less text",
            headers={"Retry-After": "5"},
        )

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        if status < 400:  # redirects (e.g. a missing trailing slash) are not errors
            return exc
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        message = exc.description or exc.name
        if status == 413:
            limit = app.config.get("MAX_CONTENT_LENGTH")
            message = f"the request body is larger than the limit of {limit} bytes"
        elif status == 404 and message.startswith("The requested URL was not found"):
            message = "no such resource"
        elif status == 405:
            message = f"method not allowed; allowed: {headers.get('Allow', '')}"
        return error_response(status, HTTP_CODES.get(status, _slug(exc.name)), message,
                              headers=headers)

    @app.errorhandler(Exception)
    def bug(exc: Exception) -> ResponseReturnValue:
        request_id = getattr(g, "request_id", None)
        log.exception("unhandled error (request %s)", request_id)
        return error_response(
            500, "internal_error",
            f"internal error; the server log has the details (request id {request_id})",
        )
