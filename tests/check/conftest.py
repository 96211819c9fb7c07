"""Fixtures for the checker: the development corpus as check() input, and its report."""

from __future__ import annotations

import pytest

from numclaims.checking import check
from numclaims.model import CheckItem, Report


def as_input(corpus: dict[str, dict], changes: dict[str, tuple[str, str]] | None = None) -> list[dict]:
    """The corpus as ``check`` input; ``changes`` maps a doc id to one (old, new) replacement."""
    docs = []
    for ident, doc in corpus.items():
        text = doc["text"]
        if changes and ident in changes:
            old, new = changes[ident]
            assert old in text, f"{old!r} is not in {ident}"
            text = text.replace(old, new, 1)
        docs.append({"id": ident, "text": text, "published": doc["published"],
                     "currency_hint": doc["outlet_country"]})
    return docs


@pytest.fixture(scope="session")
def documents(corpus: dict[str, dict]) -> list[dict]:
    return as_input(corpus)


@pytest.fixture(scope="session")
def report(documents: list[dict]) -> Report:
    return check(documents)


def plain(text: str) -> str:
    """A surface as a reader sees it: Markdown escapes ("\\$500") dropped."""
    return text.replace("\\", "")


def find(items: tuple[CheckItem, ...], *members: tuple[str, str]) -> CheckItem:
    """The item whose claims include every (doc, surface) member (surface within claim text)."""
    for item in items:
        if all(any(c.doc == doc and plain(surface) in plain(c.text) for c in item.claims)
               for doc, surface in members):
            return item
    raise AssertionError(f"no item holds {members}: {[[(c.doc, c.text) for c in i.claims] for i in items]}")

