"""The documents :func:`numclaims.check` accepts, validated once at the door.

Each document is a mapping ``{"id", "text", "published"?, "source"?, "currency_hint"?,
"outlet_country"?}``; a problem raises :class:`~numclaims.errors.InputError` whose ``field``
names the key at fault. A bare "$" (or "¥", "Rs"...) is read by ``currency_hint``, else by the
wire agency a dateline credits, else by ``outlet_country``, as extraction, the command line and
batch records read it (:func:`numclaims.extraction.money.sign_reading`); a bare "$" restating
another currency is US dollars under any of them (see :mod:`numclaims.checking.inline`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from numclaims.errors import InputError
from numclaims.extraction.pipeline import parse_published


@dataclass(frozen=True, slots=True)
class Document:
    """A validated input document."""

    id: str
    text: str
    published: date | None = None
    source: str | None = None
    currency_hint: str | None = None
    outlet_country: str | None = None


def _published(value: Any, where: str) -> date | None:
    # the one date rule of extract(), check() and the API: numclaims.extraction.pipeline's
    if value is None or value == "":
        return None
    try:
        return parse_published(value)
    except InputError as exc:
        raise InputError(f"{where}: {exc.message}", field="published") from None


def _optional_str(value: Any, name: str, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"{where}: {name} must be a string, got {type(value).__name__}", field=name)


def validate(documents: Iterable[Mapping[str, Any]]) -> list[Document]:
    """Check and convert the input documents.

    >>> validate([{"id": "a", "text": "17km", "published": "2019-04-24"}])[0].published
    datetime.date(2019, 4, 24)
    >>> validate([{"id": "a"}])
    Traceback (most recent call last):
    ...
    numclaims.errors.InputError: document 0 (a): text is missing
    """
    if isinstance(documents, (str, bytes, Mapping)) or not isinstance(documents, Iterable):
        raise InputError("documents must be a list of {id, text, ...} objects", field="documents")
    found: list[Document] = []
    seen: set[str] = set()
    for n, doc in enumerate(documents):
        if not isinstance(doc, Mapping):
            raise InputError(f"document {n} must be an object, got {type(doc).__name__}",
                             field="documents")
        ident = doc.get("id")
        if isinstance(ident, int) and not isinstance(ident, bool):
            ident = str(ident)
        if not isinstance(ident, str) or not ident.strip():
            raise InputError(f"document {n}: id is missing or not a non-empty string", field="id")
        where = f"document {n} ({ident})"
        if ident in seen:
            raise InputError(f"{where}: id is not unique", field="id")
        seen.add(ident)
        text = doc.get("text")
        if text is None:
            raise InputError(f"{where}: text is missing", field="text")
        if not isinstance(text, str):
            raise InputError(f"{where}: text must be a string, got {type(text).__name__}",
                             field="text")
        found.append(Document(
            id=ident,
            text=text,
            published=_published(doc.get("published"), where),
            source=_optional_str(doc.get("source"), "source", where),
            currency_hint=_optional_str(doc.get("currency_hint"), "currency_hint", where),
            outlet_country=_optional_str(doc.get("outlet_country"), "outlet_country", where),
        ))
    return found
