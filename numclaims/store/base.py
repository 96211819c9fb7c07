"""The claim store interface: documents grouped into stories, versioned, never silently overwritten.

A *story* is a set of articles about the same event; each *document* in it has an id chosen by
the client. Re-posting a document with the same content is idempotent; posting different content
under the same id appends a new version (the old one stays readable). Every write is one
transaction, and a method that returns has committed it durably.

Implementations: :mod:`numclaims.store.sqlite` (the embedded default) and
:mod:`numclaims.store.postgres` (for several API processes sharing one database).
"""

from __future__ import annotations

import hashlib
import json
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from numclaims.checking.story import Prepared
from numclaims.errors import InputError, NumclaimsError

#: Story and document ids: a letter or digit, then letters, digits, ``.``, ``_`` or ``-``;
#: at most 128 characters and never ``..``. Ids are never used as file names, but keeping them
#: this plain means they are safe in URLs, logs and any future file layout.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$"
_ID_RE = re.compile(ID_PATTERN)


def is_valid_id(value: object) -> bool:
    """True when ``value`` is a valid story or document id.

    >>> is_valid_id("kim-putin-2019"), is_valid_id("../etc/passwd"), is_valid_id("a..b")
    (True, False, False)
    >>> is_valid_id("a\\n"), is_valid_id("/etc/passwd"), is_valid_id("a\\x00b")
    (False, False, False)
    """
    # fullmatch: with match(), "$" also matches before a final newline, so "a\n" would pass
    return isinstance(value, str) and bool(_ID_RE.fullmatch(value)) and ".." not in value


def validate_id(value: object, field: str) -> str:
    """Return ``value`` if it is a valid id, else raise :class:`InputError` naming ``field``.

    >>> validate_id("reuters-1", "id")
    'reuters-1'
    """
    if not is_valid_id(value):
        raise InputError(
            f"{field} must match {ID_PATTERN} (letters, digits, '.', '_', '-'; no '..')",
            field=field,
        )
    return value  # type: ignore[return-value]


class StoryFullError(NumclaimsError, ValueError):
    """A new document would take a story past its document limit (the API answers 409)."""

    def __init__(self, story: str, documents: int, limit: int) -> None:
        super().__init__(f"story {story!r} already has {documents} documents; the limit is {limit}")
        self.story, self.documents, self.limit = story, documents, limit

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.story, self.documents, self.limit))


class StoreError(NumclaimsError, RuntimeError):
    """The store cannot serve the request right now; the API answers 503.

    ``code`` is a short machine-readable reason (``store_unavailable``, ``store_read_only``,
    ``store_full``).
    """

    code = "store_unavailable"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message,))

    def __str__(self) -> str:
        return self.message


class StoreUnavailableError(StoreError):
    """The database cannot be reached, is locked for too long, or its schema is too new."""

    code = "store_unavailable"


class StoreReadOnlyError(StoreError):
    """The database (or its file system) refuses writes."""

    code = "store_read_only"


class StoreFullError(StoreError):
    """The disk or the database is full."""

    code = "store_full"


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One version of one document, as stored."""

    story: str
    id: str
    version: int
    text: str
    sha256: str
    created_at: str
    published: str | None = None
    source: str | None = None
    currency_hint: str | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def as_check_input(self) -> dict[str, Any]:
        """The document in the shape :func:`numclaims.check` takes."""
        doc: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("published", "source", "currency_hint"):
            value = getattr(self, key)
            if value is not None:
                doc[key] = value
        return doc

    def summary(self) -> dict[str, Any]:
        """Metadata without the text and mentions (for story listings)."""
        return {
            "id": self.id,
            "version": self.version,
            "sha256": self.sha256,
            "created_at": self.created_at,
            "published": self.published,
            "source": self.source,
            "currency_hint": self.currency_hint,
        }

    def to_dict(self) -> dict[str, Any]:
        data = self.summary()
        data["story"] = self.story
        data["text"] = self.text
        data["mentions"] = self.mentions
        return data


@dataclass(frozen=True, slots=True)
class PutResult:
    """What :meth:`ClaimStore.put_document` did: ``created`` is False for an idempotent re-post;
    ``checks`` are the story's findings that involve the document, by report section."""

    document: StoredDocument
    created: bool
    checks: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"inline": [], "groups": [], "dates": []})


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as listings show it."""

    story: str
    documents: int
    updated_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"story": self.story, "documents": self.documents, "updated_at": self.updated_at}


@dataclass(frozen=True, slots=True)
class StoryPage:
    """One page of a story: some of its documents and of each report section's findings.

    Findings are in report order (conflicts first); ``totals`` counts each section's findings
    and ``verdicts`` each section's findings by verdict, for the whole story.
    """

    story: str
    documents: list[StoredDocument]
    document_total: int
    report: dict[str, list[dict[str, Any]]]
    totals: dict[str, int]
    verdicts: dict[str, dict[str, int]]


def content_hash(
    text: str,
    published: str | None = None,
    source: str | None = None,
    currency_hint: str | None = None,
) -> str:
    """SHA-256 of everything that changes a document's claims: text and the metadata.

    A re-post with the same text but another publication date is a new version, because the
    date changes which exchange rate applies and which weekday checks hold.

    >>> content_hash("a") == content_hash("a"), content_hash("a") == content_hash("a", "2019-04-25")
    (True, False)
    """
    payload = json.dumps(
        [text, published, source, currency_hint], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ClaimStore(ABC):
    """Where the API keeps stories, documents and their extracted claims."""

    #: Short name reported by ``/healthz`` (``"sqlite"``, ``"postgresql"``).
    kind: str = "abstract"

    @abstractmethod
    def put_document(
        self,
        story: str,
        doc_id: str,
        *,
        text: str,
        published: str | None = None,
        source: str | None = None,
        currency_hint: str | None = None,
        mentions: list[dict[str, Any]] | None = None,
        prepared: Prepared | None = None,
        max_documents: int | None = None,
    ) -> PutResult:
        """Store a document; idempotent for the same content, a new version for new content.

        In the same transaction the document joins its story's claim index (see
        :mod:`numclaims.checking.story`), from ``prepared`` (made outside the transaction, under
        the caller's time budget) or else from ``mentions``. A new document id in a story that
        already holds ``max_documents`` raises :class:`StoryFullError`, counted inside the
        transaction so that concurrent writers cannot overshoot.
        """

    @abstractmethod
    def get_document(
        self, story: str, doc_id: str, version: int | None = None
    ) -> StoredDocument | None:
        """The latest (or the given) version of a document, or ``None``."""

    @abstractmethod
    def list_versions(self, story: str, doc_id: str) -> list[int]:
        """The stored version numbers of a document, oldest first (empty if none)."""

    @abstractmethod
    def list_documents(self, story: str, *, offset: int = 0,
                       limit: int | None = None) -> list[StoredDocument]:
        """The latest version of the documents in a story, ordered by id (a page of them)."""

    @abstractmethod
    def story_page(self, story: str, *, offset: int = 0, limit: int = 100) -> StoryPage | None:
        """A page of a story: ``limit`` documents and ``limit`` findings of each section from
        ``offset``, from the stored index (nothing is re-checked); ``None`` for no story."""

    @abstractmethod
    def list_stories(self, *, offset: int = 0, limit: int = 100) -> tuple[list[StorySummary], int]:
        """A page of the stories, most recently changed first, and how many there are."""

    @abstractmethod
    def delete_document(self, story: str, doc_id: str) -> int:
        """Delete every version of a document; returns how many versions were removed."""

    @abstractmethod
    def delete_story(self, story: str) -> int:
        """Delete every document of a story; returns how many documents were removed."""

    @abstractmethod
    def ping(self) -> None:
        """Raise :class:`StoreError` unless the store answers a trivial query."""

    def close(self) -> None:
        """Release connections held by this process (safe to call more than once)."""
