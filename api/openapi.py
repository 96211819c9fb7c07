"""Build the OpenAPI 3.1 document by walking the app's routes.

Nothing here lists endpoints: every rule in ``app.url_map`` whose view carries
:func:`api.schemas.endpoint` metadata becomes an operation, with its path parameters from the
rule, its request and response bodies from :data:`api.schemas.SCHEMAS`, and its error
responses from the statuses the metadata declares. A route added without metadata is left
out, and ``tests/api`` fails on it.
"""

from __future__ import annotations

import functools
import re
from http import HTTPStatus
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Flask

from api.library import SAMPLE_STORY, sample_documents
from api.schemas import PATH_PARAMETERS, SCHEMAS

#: What each error status means in this API.
ERROR_DESCRIPTIONS = {
    400: "Malformed JSON (a key twice in one object included), bad UTF-8, an empty or malformed "
         "chunked body, or a field missing, unknown or of the wrong type.",
    404: "No such story, document or route.",
    409: "The story already holds MAX_STORY_DOCUMENTS documents.",
    413: "Body over MAX_CONTENT_LENGTH, a text over MAX_TEXT_CHARS, or too many documents.",
    415: "The body is not application/json in UTF-8, or is compressed (Content-Encoding).",
    422: "A value is not acceptable: bad id, date or currency, or a number out of range.",
    500: "A bug in numclaims; logged with the request id (X-Request-ID).",
    503: "The store is unavailable, read-only or full, or the request ran past "
         "REQUEST_TIME_BUDGET. Retry later.",
}
ALWAYS = (500, 503)

_ARG = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _package_version() -> str:
    try:
        return version("numclaims")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "0+unknown"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _content(spec: Any) -> dict[str, Any] | None:
    if spec is None:
        return None
    if isinstance(spec, str):
        return {"application/json": {"schema": _ref(spec)}}
    content: dict[str, Any] = {}
    for media, schema in spec.items():
        if schema is None:
            content[media] = {"schema": {"type": "string"}} if media.startswith("text/") else {}
        else:
            content[media] = {"schema": _ref(schema)}
    return content


# Fields of a sample document each single-document request schema takes.
_DOCUMENT_FIELDS = {
    "ExtractRequest": ("text", "published", "currency_hint", "outlet_country"),
    "StoryDocumentRequest": ("id", "text", "published", "source", "currency_hint", "outlet_country"),
}


@functools.cache
def request_examples() -> dict[str, dict[str, Any]]:
    """A ready-to-send body for each request schema, made of the bundled sample corpus, so that
    "Try it out" in /docs starts filled in: the five reports for /v1/check, the first of them
    for the single-document requests.

    >>> sorted(request_examples()), len(request_examples()["CheckRequest"]["value"]["documents"])
    (['CheckRequest', 'ExtractRequest', 'StoryDocumentRequest'], 5)
    """
    documents = sample_documents()
    first = documents[0]
    examples = {name: {"summary": f"The first report of the sample corpus ({SAMPLE_STORY})",
                       "value": {key: first[key] for key in fields if first.get(key) is not None}}
                for name, fields in _DOCUMENT_FIELDS.items()}
    examples["CheckRequest"] = {"summary": f"The sample corpus: {len(documents)} reports of one "
                                f"story ({SAMPLE_STORY})", "value": {"documents": documents}}
    return examples


def _request_body(spec: Any) -> dict[str, Any]:
    content = _content(spec) or {}
    if isinstance(spec, str) and spec in request_examples():
        content["application/json"]["examples"] = {"sample": request_examples()[spec]}
    return {"required": True, "content": content}


def _operation(endpoint: str, rule_args: list[str], meta: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": endpoint.replace(".", "_"),
        "summary": meta["summary"],
        "tags": list(meta["tags"]),
    }
    if meta.get("description"):
        op["description"] = meta["description"]
    params = [
        {"name": arg, "in": "path", "required": True,
         "schema": {k: v for k, v in PATH_PARAMETERS.get(arg, {"type": "string"}).items()
                    if k != "description"},
         **({"description": PATH_PARAMETERS[arg]["description"]} if arg in PATH_PARAMETERS else {})}
        for arg in rule_args
    ]
    for name, schema in meta["query"].items():
        params.append({
            "name": name, "in": "query", "required": False,
            "schema": {k: v for k, v in schema.items() if k != "description"},
            **({"description": schema["description"]} if "description" in schema else {}),
        })
    if params:
        op["parameters"] = params
    if meta["request"]:
        op["requestBody"] = _request_body(meta["request"])
    responses: dict[str, Any] = {}
    for status, spec in sorted(meta["responses"].items()):
        entry: dict[str, Any] = {"description": HTTPStatus(status).phrase}
        content = _content(spec)
        if content:
            entry["content"] = content
        responses[str(status)] = entry
    errors = set(meta["errors"]) | set(ALWAYS)
    if rule_args:
        errors.add(404)
    for status in sorted(errors):
        responses[str(status)] = {
            "description": ERROR_DESCRIPTIONS.get(status, HTTPStatus(status).phrase),
            "content": {"application/json": {"schema": _ref("Error")}},
        }
    op["responses"] = responses
    return op


def build_spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI 3.1 document for ``app``'s routes."""
    paths: dict[str, dict[str, Any]] = {}
    tags: list[str] = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        meta = getattr(view, "__openapi__", None)
        if meta is None or meta["hidden"]:
            continue
        path = _ARG.sub(r"{\1}", rule.rule)
        args = _ARG.findall(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule.endpoint, args, meta)
        tags.extend(t for t in meta["tags"] if t not in tags)
    limits = {k: app.config.get(k) for k in
              ("MAX_CONTENT_LENGTH", "MAX_TEXT_CHARS", "MAX_DOCUMENTS", "MAX_STORY_DOCUMENTS",
               "REQUEST_TIME_BUDGET", "BASE_CURRENCY")}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "numclaims",
            "version": _package_version(),
            "summary": "Extract numeric claims from English news text and cross-check them "
                       "across sources.",
            "description": "Every error is JSON: `{\"error\": {\"code\", \"message\", "
                           "\"field\"?}}`. This server's limits: "
                           + ", ".join(f"{k}={v}" for k, v in limits.items()) + ".",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": "/"}],
        "tags": [{"name": t} for t in tags],
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
