"""Stories: documents stored as they arrive, each checked against what the story already states.

``POST /v1/stories/{story}/documents`` stores a document (a new version if its content
changed, nothing new if not) and answers with the checks that involve it. The document and its
place in the story's claim index (:mod:`numclaims.checking.story`) are committed together before
the 2xx is sent, and the new document is checked against that index, not by re-checking every
stored document: the cost of a POST does not grow with the story. ``GET`` reads a page of the
stored findings.

The index is kept in the server's ``BASE_CURRENCY``. A ``base_currency`` other than that sets
the currency of the mentions a POST returns; on ``GET`` it re-checks the stored documents in
that currency, for stories of at most ``MAX_DOCUMENTS`` documents.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, request, url_for
from werkzeug.wrappers import Response

from api.body import json_body
from api.check import wants_html
from api.errors import ApiError
from api.library import (
    check_documents, extract_mentions, prepare_story_document, render_html, report_from_findings,
)
from api.runtime import (base_currency, checked_id, checked_text, current_store, positive_int_arg,
                         time_budget)
from api.schemas import CURRENCY_PATTERN, endpoint
from numclaims.extraction.money import sign_reading, validate_hint
from numclaims.store import StoredDocument, StoryFullError

bp = Blueprint("stories", __name__, url_prefix="/v1/stories")

#: Page size of story listings and story pages, unless ``?limit=`` says otherwise.
PAGE = 100
MAX_PAGE = 1000

BASE_CURRENCY_QUERY = {
    "base_currency": {"type": "string", "pattern": CURRENCY_PATTERN,
                      "description": "Currency money is compared in (default: the server's, "
                      "in which the story's index is kept; another currency re-checks the "
                      "stored documents, for stories of at most MAX_DOCUMENTS documents)."},
}
PAGE_QUERY = {
    "offset": {"type": "integer", "minimum": 0,
               "description": "How many documents (and findings of each section) to skip."},
    "limit": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE,
              "description": f"Page size: documents, and findings of each section (default {PAGE})."},
}


def _page_args() -> tuple[int, int]:
    offset = positive_int_arg("offset", minimum=0) or 0
    limit = positive_int_arg("limit", MAX_PAGE) or PAGE
    return offset, limit


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


@bp.get("")
@endpoint(
    summary="The stories in the store, most recently changed first",
    tags=("stories",),
    query=PAGE_QUERY,
    responses={200: "StoryList"},
    errors=(422,),
)
def list_stories() -> Any:
    offset, limit = _page_args()
    stories, total = current_store().list_stories(offset=offset, limit=limit)
    return {"stories": [s.to_dict() for s in stories],
            "page": {"offset": offset, "limit": limit, "total": total}}


@bp.post("/<story>/documents")
@endpoint(
    summary="Add a document to a story and check it against the others",
    description="Stores the document and its extracted claims (durably, before answering) and "
    "returns the checks that involve it: its own inline restatements and how its figures "
    "compare with what the story's other documents state (from the story's claim index, in "
    "the server's base currency). Re-posting the same content is idempotent (200, "
    "`created: false`); different content under the same id is stored as a new version "
    "(201), never overwriting the old one.",
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
    index_base = current_app.config["BASE_CURRENCY"]
    new = {"id": doc_id, "text": text}
    for key in ("published", "source", "currency_hint"):
        if body.get(key) is not None:
            new[key] = body[key]
    if body.get("outlet_country") is not None:
        # read once, on arrival, by the one rule (hint, else wire credit, else the country): the
        # store keeps what reads the document's signs as its currency_hint
        validate_hint(body["outlet_country"], "outlet_country")
        new["currency_hint"] = sign_reading(text, body.get("currency_hint"), body["outlet_country"])
    hint = new.get("currency_hint")
    with time_budget():
        prepared = prepare_story_document(new, base_currency=index_base)
        if base == index_base:
            mentions = [i.mention.to_dict() for i in prepared.items]
        else:
            mentions = extract_mentions(text, published=body.get("published"),
                                        base_currency=base,
                                        currency_hint=hint)
    try:
        result = current_store().put_document(
            story, doc_id, text=text, published=body.get("published"), source=body.get("source"),
            currency_hint=hint, mentions=mentions, prepared=prepared,
            max_documents=int(current_app.config["MAX_STORY_DOCUMENTS"]),
        )
    except StoryFullError as exc:
        raise ApiError(409, "story_full", str(exc), field="story") from None
    payload = {
        "story": story,
        "created": result.created,
        "document": _document_json(result.document),
        "checks": result.checks,
        "base_currency": index_base,
    }
    location = url_for("stories.get_document", story=story, doc_id=doc_id)
    return payload, (201 if result.created else 200), {"Location": location}


@bp.get("/<story>")
@endpoint(
    summary="A page of a story: its documents and its cross-check findings",
    description="Reads the story's stored index: nothing is re-checked. Documents are in id "
    "order, each report section's findings in report order (conflicts first); `offset` and "
    "`limit` page both, and `page` gives the totals. Send `Accept: text/html` for the HTML "
    "rendering of the page.",
    tags=("stories",),
    query={**BASE_CURRENCY_QUERY, **PAGE_QUERY},
    responses={200: {"application/json": "Story", "text/html": None}},
    errors=(422,),
)
def get_story(story: str) -> Any:
    story = checked_id(story, "story")
    base = _query_currency()
    offset, limit = _page_args()
    if base != current_app.config["BASE_CURRENCY"]:
        return _rechecked_story(story, base, offset, limit)
    page = current_store().story_page(story, offset=offset, limit=limit)
    if page is None:
        raise ApiError(404, "not_found", f"no story {story!r}", field="story")
    if wants_html():
        inputs = [d.as_check_input() for d in page.documents]
        return Response(render_html(report_from_findings(page.report), inputs),
                        mimetype="text/html")
    return {
        "story": story,
        "documents": [d.summary() for d in page.documents],
        "report": page.report,
        "verdicts": page.verdicts,
        "base_currency": base,
        "page": {"offset": offset, "limit": limit, "documents": page.document_total,
                 "findings": page.totals},
    }


def _rechecked_story(story: str, base: str, offset: int, limit: int) -> Any:
    """The story re-checked in another currency than its index (small stories only)."""
    store = current_store()
    cap = int(current_app.config["MAX_DOCUMENTS"])
    docs = store.list_documents(story, limit=cap + 1)
    if not docs:
        raise ApiError(404, "not_found", f"no story {story!r}", field="story")
    if len(docs) > cap:
        raise ApiError(422, "story_too_large_to_recheck",
                       f"story {story!r} has more than {cap} documents: its findings are kept "
                       f"in {current_app.config['BASE_CURRENCY']}; ask without base_currency",
                       field="base_currency")
    inputs = [d.as_check_input() for d in docs]
    with time_budget():
        report = check_documents(inputs, base_currency=base)
        if wants_html():
            return Response(render_html(report, inputs), mimetype="text/html")
    full = report.to_dict()
    return {
        "story": story,
        "documents": [d.summary() for d in docs[offset:offset + limit]],
        "report": {section: items[offset:offset + limit] for section, items in full.items()},
        "verdicts": {section: _verdict_counts(items) for section, items in full.items()},
        "base_currency": base,
        "page": {"offset": offset, "limit": limit, "documents": len(docs),
                 "findings": {section: len(items) for section, items in full.items()}},
    }


def _verdict_counts(items: list[dict[str, Any]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in items:
        counts[item["verdict"]] = counts.get(item["verdict"], 0) + 1
    return counts


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
