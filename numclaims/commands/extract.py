"""``numclaims extract FILE... | -``: one JSON object per mention (JSON Lines), or a table."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from numclaims.errors import InputError
from numclaims.extract.pipeline import extract
from numclaims.model import Mention


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract quantities from text files (JSON Lines or a table)",
        description="Print every quantity found in each FILE ('-' reads standard input).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files to read; '-' for stdin")
    parser.add_argument("--sample", action="store_true", help="run on the bundled sample corpus (with its dates)")
    parser.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    parser.add_argument("--published", help="publication date (YYYY-MM-DD) for FX rates and dates without a year")
    parser.add_argument("--base-currency", default="USD", help="ISO code money is converted to (default USD)")
    parser.add_argument("--currency-hint", help="ISO code or country (e.g. SG) that a bare '$' means")
    parser.set_defaults(func=run)


def sample_documents() -> list[dict[str, Any]]:
    """The bundled sample corpus: five reports of one event, with ids, dates and outlet countries."""
    root = resources.files("numclaims.data").joinpath("sample/kim-putin-2019")
    manifest = json.loads(root.joinpath("manifest.json").read_text("utf-8"))
    return [{**doc, "text": root.joinpath(doc["file"]).read_text("utf-8")} for doc in manifest]


def _inputs(args: argparse.Namespace) -> list[dict[str, Any]]:
    if args.sample:
        return sample_documents()
    if not args.files:
        raise InputError("give at least one FILE, '-' for standard input, or --sample", field="files")
    docs = []
    for name in args.files:
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            path = Path(name)
            if not path.is_file():
                raise InputError(f"{name}: no such file", field="files")
            data = path.read_bytes()
        docs.append({"id": name, "text": data.decode("utf-8", errors="replace")})
    return docs


def run(args: argparse.Namespace) -> int:
    for doc in _inputs(args):
        mentions = extract(
            doc["text"],
            published=args.published or doc.get("published"),
            base_currency=args.base_currency,
            currency_hint=args.currency_hint or doc.get("outlet_country"),
        )
        if args.format == "table":
            print(format_table(doc["id"], mentions))
        else:
            for index, mention in enumerate(mentions):
                print(json.dumps({"document": doc["id"], "index": index, **mention.to_dict()}, ensure_ascii=False))
    return 0


def _number(x: float | str | None) -> str:
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:.4g}"


def format_table(name: str, mentions: list[Mention]) -> str:
    """A readable table of one document's mentions."""
    rows = [("text", "kind", "value", "unit", "interval", "normalized")]
    for m in mentions:
        norm = m.normalized or {}
        normalized = norm.get("error") or f"{_number(norm.get('value'))} {norm.get('unit') or ''}".strip()
        interval = f"[{_number(m.low)}, {_number(m.high)}]" if m.qualifier != "exact" else ""
        rows.append((m.text, m.kind, _number(m.value), m.unit or "", interval, normalized))
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = [f"== {name}: {len(mentions)} mentions"]
    for row in rows:
        lines.append("  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths)).rstrip())
    return "\n".join(lines)
