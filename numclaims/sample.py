"""The bundled sample corpus: five real reports of the 2019 Kim-Putin summit.

It ships in the package (``numclaims/data/sample/kim-putin-2019``) so that ``--sample`` and the
service's demo page work on a fresh install with no other files.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SAMPLE_STORY = "kim-putin-2019"


def sample_records() -> list[dict[str, Any]]:
    """The sample as document records: its manifest entries (id, file, published,
    outlet_country) with their ``text``.

    >>> [(r["id"][:3], r["published"], r["outlet_country"]) for r in sample_records()][:2]
    [('000', '2019-04-25', 'MY'), ('001', '2019-04-25', 'SG')]
    """
    root = resources.files("numclaims.data").joinpath(f"sample/{SAMPLE_STORY}")
    manifest = json.loads(root.joinpath("manifest.json").read_text("utf-8"))
    entries = manifest.get("documents", manifest) if isinstance(manifest, dict) else manifest
    return [{**entry, "text": root.joinpath(entry["file"]).read_text("utf-8")}
            for entry in entries]


def sample_documents() -> list[dict[str, Any]]:
    """The sample as :func:`numclaims.check` input: id, text, published, source, currency_hint
    and outlet_country (the outlet's country reads a bare "$" unless a wire credit does)."""
    docs = [{"id": str(r["id"]), "text": r["text"], "published": r.get("published"),
             "source": r.get("source") or r.get("outlet_country"),
             "currency_hint": r.get("currency_hint"), "outlet_country": r.get("outlet_country")}
            for r in sample_records()]
    return [{key: value for key, value in doc.items() if value is not None} for doc in docs]
