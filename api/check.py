"""``POST /v1/check``: cross-check the numbers in a set of documents (nothing is stored)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request
from werkzeug.wrappers import Response

from api.body import json_body
from api.errors import ApiError
from api.library import check_documents, render_html
from api.runtime import base_currency, checked_text, time_budget
from api.schemas import endpoint

bp = Blueprint("check", __name__, url_prefix="/v1")


def check_inputs(documents: list[dict[str, Any]], field: str = "documents") -> list[dict[str, Any]]:
    """Enforce the per-request limits and distinct ids on already-validated documents."""
    limit = int(current_app.config["MAX_DOCUMENTS"])
    if len(documents) > limit:
        raise ApiError(413, "too_many_documents",
                       f"{len(documents)} documents; the limit is {limit}", field=field)
    seen: set[str] = set()
    for i, doc in enumerate(documents):
        checked_text(doc["text"], f"{field}[{i}].text")
        if doc["id"] in seen:
            raise ApiError(422, "duplicate_id", f"document id {doc['id']!r} appears twice",
                           field=f"{field}[{i}].id")
        seen.add(doc["id"])
    return documents


def wants_html() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return best == "text/html"


@bp.post("/check")
@endpoint(
    summary="Cross-check the numbers in several documents",
    description="Finds restatements inside each document that do not match (inline), figures "
    "about the same thing that agree or disagree across documents (groups), and dates whose "
    "weekday or year is wrong (dates). Send `Accept: text/html` for the HTML rendering that "
    "`numclaims check --format html` prints.",
    tags=("check",),
    request="CheckRequest",
    responses={200: {"application/json": "Report", "text/html": None}},
    errors=(400, 413, 415, 422),
)
def check() -> Any:
    body = json_body("CheckRequest")
    documents = check_inputs(body["documents"])
    base = base_currency(body.get("base_currency"))
    with time_budget():
        report = check_documents(documents, base_currency=base, tolerance=body.get("tolerance"))
        if wants_html():
            return Response(render_html(report, documents), mimetype="text/html")
    return report.to_dict()
