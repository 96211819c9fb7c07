"""Shared fixtures: the development corpus beside the checkout (``../shared``) and the
bundled sample copy of it inside the package."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "numclaims" / "data" / "sample" / "kim-putin-2019"
GOLD = SHARED / "corpus" / "kim-putin-2019" / "gold.json"


@pytest.fixture(scope="session")
def gold() -> dict:
    if not GOLD.is_file():
        pytest.skip("../shared/corpus is not beside this checkout")
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="session")
def corpus(gold: dict) -> dict[str, dict]:
    """Documents by id: the gold manifest entry plus its text."""
    return {
        doc["id"]: {**doc, "text": (GOLD.parent / doc["file"]).read_text("utf-8")}
        for doc in gold["documents"]
    }
