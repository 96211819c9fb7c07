"""Stories: documents stored as they arrive, each checked against the others about the story.

``POST /v1/stories/{story}/documents`` stores a document (a new version if its content
changed, nothing new if not) and answers with the checks that involve it. The document is
committed before the 2xx is sent.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request, url_for
from werkzeug.wrappers import Response

from api.body import json_body
from api.check import wants_html
from api.errors import ApiError
from api.library import check_documents, extract_mentions, render_html
from api.runtime import (base_currency, checked_id, checked_text, current_store, positive_int_arg,
                         time_budget)
from api.schemas import CURRENCY_PATTERN, endpoint
from numclaims.store import StoredDocument

bp = Blueprint("stories", __name__, url_prefix="/v1/stories")

BASE_CURRENCY_QUERY = {
    "base_currency": {"type": "string", "pattern": CURRENCY_PATTERN,
                      "description": "Currency money is compared in (default: the server's)."},
}


def _involving(report: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """The report's items with at least one claim from ``doc_id``."""
    return {
        section: [item for item in items
                  if any(claim.get("doc") == doc_id for claim in item.get("claims", ()))]
        for section, items in report.items()
    }


def _document_json(doc: StoredDocument) -> dict[str, Any]:
    data = doc.to_dict()
    data["versions"] = current_store().list_versions(doc.story, doc.id)
    return data


def _query_currency() -> str:
    requested = request.args.get("base_currency")
    if requested is not None and (len(requested) != 3 or not requested.isupper()
                                  or not requested.isalpha()):
        raise ApiError(422, "invalid_value", f"{requested[:20]!r} is not an ISO 4217 code",
                       field="base_currency")
    return base_currency(requested)


@bp.post("/<story>/documents")
@endpoint(
    summary="Add a document to a story and check it against the others",
    description="Stores the document and its extracted claims (durably, before answering) and "
    "returns the checks that involve it: its own inline restatements and how its figures "
    "compare with every other document already in the story. Re-posting the same content is "
    "idempotent (200, `created: false`); different content under the same id is stored as a "
    "new version (201), never overwriting the old one.",
    tags=("stories",),
    request="StoryDocumentRequest",
    responses={200: "StoryDocumentResponse", 201: "StoryDocumentResponse"},
    errors=(400, 409, 413, 415, 422),
)
def post_document(story: str) -> Any:
    story = checked_id(story, "story")
    body = json_body("StoryDocumentRequest")
    doc_id = body["id"]
    text = checked_text(body["text"], "text")
    base = base_currency(body.get("base_currency"))
    store = current_store()
    others = [d for d in store.list_documents(story) if d.id != doc_id]
    limit = int(current_app.config["MAX_STORY_DOCUMENTS"])
    if len(others) >= limit:
        raise ApiError(409, "story_full", f"story {story!r} already has {len(others)} documents; "
                       f"the limit is {limit}", field="story")
    new = {"id": doc_id, "text": text}
    for key in ("published", "source", "currency_hint"):
        if body.get(key) is not None:
            new[key] = body[key]
    with time_budget():
        mentions = extract_mentions(
            text, published=body.get("published"), base_currency=base,
            currency_hint=body.get("currency_hint"),
        )
        report = check_documents([d.as_check_input() for d in others] + [new], base_currency=base)
    result = store.put_document(
        story, doc_id, text=text, published=body.get("published"), source=body.get("source"),
        currency_hint=body.get("currency_hint"), mentions=mentions,
    )
    payload = {
        "story": story,
        "created": result.created,
        "document": _document_json(result.document),
        "checks": _involving(report.to_dict(), doc_id),
    }
    location = url_for("stories.get_document", story=story, doc_id=doc_id)
    return payload, (201 if result.created else 200), {"Location": location}


@bp.get("/<story>")
@endpoint(
    summary="A story's documents and its current cross-check report",
    description="Send `Accept: text/html` for the HTML rendering.",
    tags=("stories",),
    query=BASE_CURRENCY_QUERY,
    responses={200: {"application/json": "Story", "text/html": None}},
    errors=(422,),
)
def get_story(story: str) -> Any:
    story = checked_id(story, "story")
    base = _query_currency()
    docs = current_store().list_documents(story)
    if not docs:
        raise ApiError(404, "not_found", f"no story {story!r}", field="story")
    inputs = [d.as_check_input() for d in docs]
    with time_budget():
        report = check_documents(inputs, base_currency=base)
        if wants_html():
            return Response(render_html(report, inputs), mimetype="text/html")
    return {"story": story, "documents": [d.summary() for d in docs], "report": report.to_dict()}


@bp.delete("/<story>")
@endpoint(
    summary="Delete a story and all its documents",
    tags=("stories",),
    responses={200: "Deleted"},
    errors=(422,),
)
def delete_story(story: str) -> Any:
    story = checked_id(story, "story")
    deleted = current_store().delete_story(story)
    if not deleted:
        raise ApiError(404, "not_found", f"no story {story!r}", field="story")
    return {"deleted": deleted}


@bp.get("/<story>/documents/<doc_id>")
@endpoint(
    summary="One stored document (latest version, or ?version=N) with its extracted claims",
    tags=("stories",),
    query={"version": {"type": "integer", "minimum": 1, "description": "A stored version."}},
    responses={200: "StoredDocument"},
    errors=(422,),
)
def get_document(story: str, doc_id: str) -> Any:
    story = checked_id(story, "story")
    doc_id = checked_id(doc_id, "doc_id")
    version = positive_int_arg("version")
    doc = current_store().get_document(story, doc_id, version)
    if doc is None:
        what = f"version {version} of " if version else ""
        raise ApiError(404, "not_found", f"no {what}document {doc_id!r} in story {story!r}",
                       field="doc_id")
    return _document_json(doc)


@bp.delete("/<story>/documents/<doc_id>")
@endpoint(
    summary="Delete a document (every version) from a story",
    tags=("stories",),
    responses={200: "Deleted"},
    errors=(422,),
)
def delete_document(story: str, doc_id: str) -> Any:
    story = checked_id(story, "story")
    doc_id = checked_id(doc_id, "doc_id")
    deleted = current_store().delete_document(story, doc_id)
    if not deleted:
        raise ApiError(404, "not_found", f"no document {doc_id!r} in story {story!r}",
                       field="doc_id")
    return {"deleted": deleted}
