"""Service metadata: currencies, health, the OpenAPI document and its interactive docs."""

from __future__ import annotations

import logging
import os
from typing import Any

from flask import Blueprint, Flask, current_app, render_template, send_from_directory

from api.library import check_documents, extract_mentions, supported_currencies
from api.openapi import _package_version, build_spec
from api.runtime import current_store
from api.schemas import endpoint

bp = Blueprint("meta", __name__)
log = logging.getLogger("numclaims.api")


def _swagger_ui_dir() -> str:
    """Swagger UI's files as shipped by the flask-swagger-ui package (served locally)."""
    import flask_swagger_ui

    return os.path.join(os.path.dirname(flask_swagger_ui.__file__), "dist")


@bp.get("/v1/currencies")
@endpoint(
    summary="Currencies money can be converted to and from, with the dates of their rates",
    tags=("meta",),
    responses={200: "Currencies"},
)
def currencies() -> dict[str, Any]:
    table = supported_currencies()
    return {
        "base_currency": current_app.config["BASE_CURRENCY"],
        "currencies": [
            {"code": code, "first_date": first.isoformat(), "last_date": last.isoformat(),
             "source": source}
            for code, (first, last, source) in sorted(table.items())
        ],
    }


@bp.get("/healthz")
@endpoint(summary="Liveness and store health", tags=("meta",), responses={200: "Health"})
def healthz() -> dict[str, Any]:
    store = current_store()
    store.ping()  # a StoreError becomes a JSON 503
    return {"status": "ok", "store": store.kind, "version": _package_version()}


@bp.get("/openapi.json")
@endpoint(summary="This API's OpenAPI 3.1 description", tags=("meta",),
          responses={200: {"application/json": None}})
def openapi() -> dict[str, Any]:
    return build_spec(current_app)


@bp.get("/docs")
@endpoint(summary="Interactive API documentation (Swagger UI)", tags=("meta",),
          responses={200: {"text/html": None}})
def docs() -> str:
    return render_template("docs.html")


@bp.get("/docs/assets/<path:filename>")
def docs_assets(filename: str) -> Any:
    return send_from_directory(_swagger_ui_dir(), filename, max_age=86400)


def warm_up(app: Flask) -> None:
    """Build the extractor's and checker's tables now, so the first request is not slow and
    no lazy initialisation ever runs under a request's time budget."""
    base = app.config["BASE_CURRENCY"]
    text = ("On Thursday, April 25, 2019, officials said exports rose 5% to $1.2 billion "
            "(€1.1 billion), about 300 tonnes, over 2,000 km in three days.")
    try:
        supported_currencies()
        extract_mentions(text, published="2019-04-25", base_currency=base, currency_hint=None)
        check_documents(
            [{"id": "a", "text": text, "published": "2019-04-25"},
             {"id": "b", "text": "Exports rose 6% to $1.3 billion.", "published": "2019-04-26"}],
            base_currency=base,
        )
    except Exception:  # the first request will report the problem as it happens
        log.warning("warm-up failed; continuing", exc_info=True)
