"""Request and response schemas as data, the validator that enforces them, and route metadata.

The JSON Schemas here (OpenAPI 3.1 uses JSON Schema 2020-12) are the single source for two
things: validating request bodies (:func:`validate`), and ``/openapi.json``, which
:mod:`api.openapi` builds by walking the app's registered routes and reading the metadata
that :func:`endpoint` attaches to each view.

Structural faults (wrong type, missing or unknown field) are 400s; a value of the right type
that is not acceptable (bad pattern, out of range, not a date) is a 422.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from api.errors import ApiError
from api.library import parse_published
from numclaims.errors import InputError
from numclaims.model import Claim, Mention
from numclaims.store import ID_PATTERN

F = TypeVar("F", bound=Callable[..., Any])

CURRENCY_PATTERN = r"^[A-Z]{3}$"
HINT_PATTERN = r"^[A-Za-z]{2,3}$"


def _dataclass_schema(cls: type, description: str) -> dict[str, Any]:
    """JSON Schema of a result dataclass, read from its field annotations."""
    hints = typing.get_type_hints(cls)

    def schema_of(tp: Any) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [schema_of(a) for a in typing.get_args(tp)]
            kinds: list[str] = []
            for o in options:
                kinds.extend(o["type"] if isinstance(o.get("type"), list) else [o.get("type")])
            if all(set(o) <= {"type"} for o in options):
                return {"type": kinds}
            return {"anyOf": options}
        if tp is type(None):
            return {"type": "null"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if origin in (tuple, list):
            args = [a for a in typing.get_args(tp) if a is not Ellipsis]
            return {"type": "array", "items": schema_of(args[0]) if args else {}}
        if origin is dict or tp is dict:
            return {"type": "object"}
        return {}

    props = {f.name: schema_of(hints[f.name]) for f in dataclasses.fields(cls)}
    required = [
        f.name for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    return {"type": "object", "description": description, "properties": props,
            "required": required}


#: Dates follow numclaims.extract's rule (:func:`api.library.parse_published`): an ISO 8601
#: date in any of its forms, or a timestamp, which counts as the date it starts with.
DATE = {"type": "string", "format": "date",
        "description": "ISO 8601 date: 2019-04-25, 20190425 or the week date 2019-W17-4; a "
        "timestamp such as 2019-04-25T08:00:00Z counts as the date it starts with."}
ID = {"type": "string", "pattern": ID_PATTERN, "maxLength": 128,
      "description": "Letters, digits, '.', '_' and '-', starting with a letter or digit; no '..'."}

SCHEMAS: dict[str, dict[str, Any]] = {
    "ExtractRequest": {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "description": "English news text (at most MAX_TEXT_CHARS)."},
            "published": {**DATE, "description": "Publication date: places dates without a year "
                          "and picks the exchange rate. " + DATE["description"]},
            "base_currency": {"type": "string", "pattern": CURRENCY_PATTERN,
                              "description": "ISO 4217 code money is converted to "
                              "(default: the server's BASE_CURRENCY); see /v1/currencies."},
            "currency_hint": {"type": "string", "pattern": HINT_PATTERN,
                              "description": "ISO 3166 country or ISO 4217 code that settles an "
                              "ambiguous sign such as '$'."},
            "outlet_country": {"type": "string", "pattern": HINT_PATTERN,
                               "description": "ISO 3166 country of the outlet: reads an ambiguous "
                               "sign when no currency_hint does and no wire credit in the dateline "
                               "('SEATTLE (AP) -') does."},
        },
    },
    "Mention": _dataclass_schema(Mention, "One quantity found in the text, with its span."),
    "ExtractResponse": {
        "type": "object",
        "required": ["mentions"],
        "properties": {"mentions": {"type": "array", "items": {"$ref": "#/components/schemas/Mention"}}},
    },
    "CheckDocument": {
        "type": "object",
        "required": ["id", "text"],
        "additionalProperties": False,
        "properties": {
            "id": ID,
            "text": {"type": "string"},
            "published": DATE,
            "source": {"type": "string", "maxLength": 200},
            "currency_hint": {"type": "string", "pattern": HINT_PATTERN},
            "outlet_country": {"type": "string", "pattern": HINT_PATTERN},
        },
    },
    "CheckRequest": {
        "type": "object",
        "required": ["documents"],
        "additionalProperties": False,
        "properties": {
            "documents": {"type": "array", "minItems": 1,
                          "items": {"$ref": "#/components/schemas/CheckDocument"},
                          "description": "At most MAX_DOCUMENTS documents with distinct ids."},
            "base_currency": {"type": "string", "pattern": CURRENCY_PATTERN},
            "tolerance": {"type": "number", "minimum": 0, "maximum": 1,
                          "description": "Relative difference still counted as agreement "
                          "(default 0.01)."},
        },
    },
    "Claim": _dataclass_schema(Claim, "A mention as seen by the checker, with its document and its "
                               "frame (direction, change, per, when, about: as in Mention; null when unset)."),
    "CheckItem": {
        "type": "object",
        "required": ["claims", "verdict", "explanation"],
        "description": "One verdict; check-specific details are added as further properties.",
        "properties": {
            "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
            "verdict": {"type": "string"},
            "explanation": {"type": "string"},
        },
    },
    "Report": {
        "type": "object",
        "required": ["inline", "groups", "dates"],
        "properties": {
            key: {"type": "array", "items": {"$ref": "#/components/schemas/CheckItem"}}
            for key in ("inline", "groups", "dates")
        },
    },
    "StoryDocumentRequest": {
        "type": "object",
        "required": ["id", "text"],
        "additionalProperties": False,
        "properties": {
            "id": ID,
            "text": {"type": "string"},
            "published": DATE,
            "source": {"type": "string", "maxLength": 200},
            "currency_hint": {"type": "string", "pattern": HINT_PATTERN},
            "outlet_country": {"type": "string", "pattern": HINT_PATTERN,
                               "description": "ISO 3166 country of the outlet; stored as the "
                               "document's currency_hint unless a currency_hint or a dateline's "
                               "wire credit reads its signs."},
            "base_currency": {"type": "string", "pattern": CURRENCY_PATTERN},
        },
    },
    "DocumentSummary": {
        "type": "object",
        "required": ["id", "version", "sha256", "created_at"],
        "properties": {
            "id": ID,
            "version": {"type": "integer", "minimum": 1},
            "sha256": {"type": "string"},
            "created_at": {"type": "string", "format": "date-time"},
            "published": {"type": ["string", "null"]},
            "source": {"type": ["string", "null"]},
            "currency_hint": {"type": ["string", "null"]},
        },
    },
    "StoredDocument": {
        "allOf": [{"$ref": "#/components/schemas/DocumentSummary"}],
        "type": "object",
        "required": ["story", "text", "mentions", "versions"],
        "properties": {
            "story": ID,
            "text": {"type": "string"},
            "mentions": {"type": "array", "items": {"$ref": "#/components/schemas/Mention"}},
            "versions": {"type": "array", "items": {"type": "integer"}},
        },
    },
    "StoryDocumentResponse": {
        "type": "object",
        "required": ["story", "document", "created", "checks"],
        "properties": {
            "story": ID,
            "created": {"type": "boolean",
                        "description": "false when the same content was already stored."},
            "document": {"$ref": "#/components/schemas/StoredDocument"},
            "checks": {"$ref": "#/components/schemas/Report",
                       "description": "The checks that involve this document: its own inline "
                       "restatements and its agreements/disagreements with the other documents."},
            "base_currency": {"type": "string",
                              "description": "The currency the checks compare money in."},
        },
    },
    "Story": {
        "type": "object",
        "required": ["story", "documents", "report", "page"],
        "properties": {
            "story": ID,
            "documents": {"type": "array", "description": "This page's documents, by id.",
                          "items": {"$ref": "#/components/schemas/DocumentSummary"}},
            "report": {"$ref": "#/components/schemas/Report",
                       "description": "This page's findings of each section, conflicts first."},
            "verdicts": {"type": "object", "description": "For the whole story: per section, "
                         "how many findings have each verdict.",
                         "additionalProperties": {"type": "object",
                                                  "additionalProperties": {"type": "integer"}}},
            "base_currency": {"type": "string"},
            "page": {"$ref": "#/components/schemas/StoryPage"},
        },
    },
    "StoryPage": {
        "type": "object",
        "required": ["offset", "limit", "documents", "findings"],
        "properties": {
            "offset": {"type": "integer", "minimum": 0},
            "limit": {"type": "integer", "minimum": 1},
            "documents": {"type": "integer", "description": "Documents in the story."},
            "findings": {"type": "object", "description": "Findings in each section.",
                         "additionalProperties": {"type": "integer"}},
        },
    },
    "StoryList": {
        "type": "object",
        "required": ["stories", "page"],
        "properties": {
            "stories": {"type": "array", "items": {
                "type": "object",
                "required": ["story", "documents", "updated_at"],
                "properties": {"story": ID, "documents": {"type": "integer"},
                               "updated_at": {"type": "string", "format": "date-time"}},
            }},
            "page": {"type": "object", "required": ["offset", "limit", "total"],
                     "properties": {"offset": {"type": "integer"}, "limit": {"type": "integer"},
                                    "total": {"type": "integer"}}},
        },
    },
    "Deleted": {
        "type": "object",
        "required": ["deleted"],
        "properties": {"deleted": {"type": "integer",
                                   "description": "Documents (or versions) removed."}},
    },
    "Currencies": {
        "type": "object",
        "required": ["base_currency", "currencies"],
        "properties": {
            "base_currency": {"type": "string"},
            "currencies": {"type": "array", "items": {
                "type": "object",
                "required": ["code", "first_date", "last_date", "source"],
                "properties": {"code": {"type": "string"}, "first_date": DATE, "last_date": DATE,
                               "source": {"type": "string"}},
            }},
        },
    },
    "Health": {
        "type": "object",
        "required": ["status", "store"],
        "properties": {"status": {"type": "string", "enum": ["ok"]},
                       "store": {"type": "string"}, "version": {"type": "string"}},
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "description": "Stable machine-readable reason."},
                "message": {"type": "string"},
                "field": {"type": "string",
                          "description": "The JSON field or path parameter at fault, e.g. "
                          "'documents[1].published'."},
            },
        }},
    },
}

#: Path parameters, by the name used in the route.
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "story": {**ID, "description": "Story id."},
    "doc_id": {**ID, "description": "Document id, unique within the story."},
}

# -- route metadata --------------------------------------------------------------------------


def endpoint(
    *,
    summary: str,
    tags: tuple[str, ...],
    responses: Mapping[int, str | Mapping[str, Any] | None],
    request: str | None = None,
    errors: tuple[int, ...] = (),
    query: Mapping[str, Mapping[str, Any]] | None = None,
    description: str | None = None,
    hidden: bool = False,
) -> Callable[[F], F]:
    """Attach OpenAPI metadata to a view; :mod:`api.openapi` reads it when walking the routes.

    ``responses`` maps a status to a schema name (JSON), to ``{media type: schema name or
    None}``, or to ``None`` (no body). ``errors`` lists the error statuses the view can return
    besides the ones every route can (404/405/500/503).
    """

    def decorate(view: F) -> F:
        view.__openapi__ = {  # type: ignore[attr-defined]
            "summary": summary, "tags": tags, "responses": dict(responses), "request": request,
            "errors": errors, "query": dict(query or {}), "description": description,
            "hidden": hidden,
        }
        return view

    return decorate


# -- validation ------------------------------------------------------------------------------

_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _resolve(schema: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if ref:
        return SCHEMAS[ref.rsplit("/", 1)[1]]
    return schema


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _matches(pattern: str, value: str) -> bool:
    """JSON Schema's (ECMA-262) reading of ``pattern``: a final ``$`` is the end of the
    string. Python's ``$`` also matches before a final newline, which let "USD\\n" or an id
    "a\\n" through.

    >>> _matches("^[A-Z]{3}$", "USD"), _matches("^[A-Z]{3}$", "USD\\n")
    (True, False)
    """
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.search(pattern, value) is not None


def _check_string(value: str, schema: Mapping[str, Any], path: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(422, "invalid_value", "contains an unpaired surrogate (not valid Unicode)",
                       field=path) from None
    if "\x00" in value:
        raise ApiError(422, "invalid_value", "contains a NUL character", field=path)
    if len(value) < schema.get("minLength", 0):
        raise ApiError(422, "invalid_value", f"must have at least {schema['minLength']} "
                       "characters", field=path)
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise ApiError(422, "invalid_value", f"must have at most {schema['maxLength']} "
                       "characters", field=path)
    if "pattern" in schema and not _matches(schema["pattern"], value):
        raise ApiError(422, "invalid_value", f"{value[:40]!r} does not match "
                       f"{schema['pattern']}", field=path)
    if path.endswith(("id", "story")) and ".." in value and schema.get("pattern") == ID_PATTERN:
        raise ApiError(422, "invalid_value", "must not contain '..'", field=path)
    if schema.get("format") == "date":
        try:
            parse_published(value)  # the library's rule, so the API takes what extract() takes
        except InputError:
            raise ApiError(422, "invalid_date", f"{value[:40]!r} is not an ISO 8601 date "
                           "(2019-04-25, 20190425, 2019-W17-4)", field=path) from None


def validate(value: Any, schema: Mapping[str, Any], path: str = "") -> None:
    """Raise :class:`ApiError` (400 or 422, naming the field) unless ``value`` fits ``schema``.

    >>> validate({"text": "Up 5%."}, SCHEMAS["ExtractRequest"])
    >>> validate({"text": 5}, SCHEMAS["ExtractRequest"])
    Traceback (most recent call last):
    ...
    api.errors.ApiError: text: must be a string
    """
    schema = _resolve(schema)
    for sub in schema.get("allOf", ()):
        validate(value, sub, path)
    expected = schema.get("type")
    if expected is not None:
        kinds = expected if isinstance(expected, list) else [expected]
        if not any(_TYPES[k](value) for k in kinds):
            article = "an" if kinds[0][0] in "aeiou" else "a"
            raise ApiError(400, "invalid_type", f"must be {article} {' or '.join(kinds)}",
                           field=path or None)
    if "enum" in schema and value not in schema["enum"]:
        raise ApiError(422, "invalid_value", f"must be one of {schema['enum']}", field=path or None)
    if isinstance(value, str):
        _check_string(value, schema, path)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise ApiError(422, "invalid_value", "must be a finite number", field=path or None)
        if "minimum" in schema and value < schema["minimum"]:
            raise ApiError(422, "invalid_value", f"must be at least {schema['minimum']}",
                           field=path or None)
        if "maximum" in schema and value > schema["maximum"]:
            raise ApiError(422, "invalid_value", f"must be at most {schema['maximum']}",
                           field=path or None)
    elif isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                raise ApiError(400, "missing_field", "is required", field=_join(path, name))
        props = schema.get("properties", {})
        if schema.get("additionalProperties") is False:
            for name in value:
                if name not in props:
                    raise ApiError(400, "unknown_field", "is not a known field",
                                   field=_join(path, name))
        for name, sub in props.items():
            if name in value:
                validate(value[name], sub, _join(path, name))
    elif isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            raise ApiError(422, "invalid_value", f"needs at least {schema['minItems']} item(s)",
                           field=path or None)
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise ApiError(422, "invalid_value", f"takes at most {schema['maxItems']} items",
                           field=path or None)
        if "items" in schema:
            for i, item in enumerate(value):
                validate(item, schema["items"], _join(path, i))


def validate_named(value: Any, name: str) -> None:
    """Validate ``value`` against ``SCHEMAS[name]``."""
    validate(value, SCHEMAS[name])
