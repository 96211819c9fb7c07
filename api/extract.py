"""``POST /v1/extract``: the quantities in one text, normalised."""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from api.body import json_body
from api.library import extract_mentions
from api.runtime import base_currency, checked_text, time_budget
from api.schemas import endpoint

bp = Blueprint("extract", __name__, url_prefix="/v1")


@bp.post("/extract")
@endpoint(
    summary="Extract the quantities in a text",
    description="Every money amount, measure, ratio, count and date in `text`, with its span, "
    "qualifier, precision and normalised value (money in `base_currency` at the rate of the "
    "publication date).",
    tags=("extract",),
    request="ExtractRequest",
    responses={200: "ExtractResponse"},
    errors=(400, 413, 415, 422),
)
def extract() -> dict[str, Any]:
    body = json_body("ExtractRequest")
    text = checked_text(body["text"], "text")
    base = base_currency(body.get("base_currency"))
    with time_budget():
        mentions = extract_mentions(
            text, published=body.get("published"), base_currency=base,
            currency_hint=body.get("currency_hint"), outlet_country=body.get("outlet_country"),
        )
    return {"mentions": mentions}
