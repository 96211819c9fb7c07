"""``create_app(config)``: the numclaims REST service as a Flask app.

>>> import tempfile
>>> app = create_app({"DATA_DIR": tempfile.mkdtemp(), "WARM_UP": False, "ACCESS_LOG": False})
>>> app.test_client().get("/healthz").get_json()["status"]
'ok'
"""

from __future__ import annotations

import math
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

from flask import Flask, g, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.wrappers import Response

from api.config import load_config

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _finite(value: Any) -> Any:
    """Replace NaN and infinities (not JSON) by ``None``, recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON, but never ``NaN``/``Infinity`` (invalid JSON) and in insertion order."""

    sort_keys = False
    ensure_ascii = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("allow_nan", False)
        try:  # nearly every response has no NaN: walk it only when the encoder refuses one
            return super().dumps(obj, **kwargs)
        except ValueError:
            return super().dumps(_finite(obj), **kwargs)


class NumclaimsFlask(Flask):
    """Flask, answering ``OPTIONS`` on every route with 204 and ``Allow`` (Flask's own answer
    is an empty 200 ``text/html``)."""

    def make_default_options_response(self) -> Response:
        response = super().make_default_options_response()
        response.status_code = 204
        del response.headers["Content-Type"]  # no body, so no media type
        return response


def create_app(config: Mapping[str, Any] | None = None, *, env: Mapping[str, str] | None = None) -> Flask:
    """Build the app. Settings: :data:`api.config.DEFAULTS` < ``NUMCLAIMS_*`` in ``env``
    (default ``os.environ``) < ``config``."""
    from api import access_log, check, extract, headers, meta, page, stories
    from api.errors import error_response, register_error_handlers
    from api.runtime import STORE_KEY
    from numclaims.store import open_store

    settings = load_config(config, env)
    app = NumclaimsFlask(__name__, static_folder="static", template_folder="templates")
    app.config.from_mapping(settings)
    app.json = StrictJSONProvider(app)

    access_log.install(bool(app.config["ACCESS_LOG"]))
    register_error_handlers(app)
    headers.install(app)
    app.extensions[STORE_KEY] = open_store(
        app.config["DATABASE_URL"] or None, data_dir=app.config["DATA_DIR"]
    )

    @app.before_request
    def start() -> Any:
        g.started = time.monotonic()
        incoming = request.headers.get("X-Request-ID", "")
        g.request_id = incoming if _REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        limit = app.config.get("MAX_CONTENT_LENGTH")
        # refuse an oversized body from its declared length, before reading any of it
        if limit is not None and (request.content_length or 0) > limit:
            # the unread body must not be taken for the next request on this connection
            return error_response(
                413, "body_too_large", f"the request body is larger than the limit of {limit} bytes",
                headers={"Connection": "close"},
            )
        return None

    @app.after_request
    def finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        started = g.get("started")
        access_log.ACCESS.info(
            "%s %s %s", request.method, request.path, response.status_code,
            extra={"fields": {
                "method": request.method,
                "path": request.path,
                "query": request.query_string.decode("latin-1") or None,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 2) if started else None,
                "bytes_in": request.content_length,
                "bytes_out": response.calculate_content_length(),
                "remote": request.remote_addr,
                "request_id": g.get("request_id"),
                "user_agent": request.user_agent.string or None,
            }},
        )
        return response

    for module in (extract, check, stories, meta, page):
        app.register_blueprint(module.bp)

    if app.config["WARM_UP"]:
        meta.warm_up(app)
    return app
