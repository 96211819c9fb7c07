"""``GET /``: a small page to paste text (or load the sample corpus) and see the report."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template

from api.library import SAMPLE_STORY, sample_documents
from api.schemas import endpoint

bp = Blueprint("page", __name__)


@bp.get("/")
@endpoint(summary="Web page: paste text or load the sample corpus and see the check report",
          tags=("page",), responses={200: {"text/html": None}})
def index() -> str:
    return render_template("page.html", sample_story=SAMPLE_STORY)


@bp.get("/sample")
@endpoint(
    summary="The bundled sample corpus, as a ready-to-send /v1/check request body",
    tags=("page",),
    responses={200: "CheckRequest"},
)
def sample() -> dict[str, Any]:
    return {"documents": sample_documents()}
