"""``numclaims check FILE... [--manifest docs.json]``: cross-check quantities across documents.

A manifest gives each document its id, publication date and outlet country (which settles what a
bare "$" means). It is a JSON list of ``{"id", "file", "published"?, "outlet_country"?,
"currency_hint"?, "source"?}`` objects, or an object whose ``"documents"`` key holds that list (so a
gold file is a manifest); ``file`` is relative to the manifest. Without FILEs every document of the
manifest is checked; with FILEs, those files are, each with its manifest entry if it has one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from numclaims.check.render import format_table, render_html
from numclaims.check.report import check
from numclaims.errors import InputError

SAMPLE = "sample/kim-putin-2019"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="cross-check quantities across documents (JSON, table or HTML report)",
        description="Check restatements, claims across sources and dates in the given documents.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files to check")
    parser.add_argument("--manifest", help="JSON list of documents (id, file, published, outlet_country)")
    parser.add_argument("--sample", action="store_true", help="check the bundled sample corpus")
    parser.add_argument("--format", choices=("json", "table", "html"), default="json")
    parser.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    parser.add_argument("--base-currency", default="USD", help="ISO code money is compared in (default USD)")
    parser.add_argument("--tolerance", type=float, default=0.01,
                        help="relative tolerance for exchange-rate restatements (default 0.01 = 1%%)")
    parser.set_defaults(func=run)


def _entries(data: Any, where: str) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping) and "documents" in data:
        data = data["documents"]
    if not isinstance(data, list) or not all(isinstance(d, Mapping) for d in data):
        raise InputError(f"{where}: a manifest is a JSON list of documents, or an object with "
                         "a 'documents' list", field="manifest")
    return data


def _document(entry: Mapping[str, Any], text: str, default_id: str) -> dict[str, Any]:
    return {
        "id": str(entry.get("id") or default_id),
        "text": text,
        "published": entry.get("published"),
        "source": entry.get("source") or entry.get("outlet_country"),
        # the outlet's country is what settles a bare "$" when nothing else does
        "currency_hint": entry.get("currency_hint") or entry.get("outlet_country"),
    }


def _read(path: Path, label: str) -> str:
    if not path.is_file():
        raise InputError(f"{label}: no such file", field="files")
    return path.read_bytes().decode("utf-8", errors="replace")


def load_manifest(path: Path) -> list[dict[str, Any]]:
    """The documents a manifest lists, with their texts read relative to the manifest."""
    if not path.is_file():
        raise InputError(f"{path}: no such manifest", field="manifest")
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})", field="manifest") from exc
    docs = []
    for n, entry in enumerate(_entries(data, str(path))):
        if not entry.get("file"):
            raise InputError(f"{path}: document {n} has no 'file'", field="manifest")
        file = path.parent / str(entry["file"])
        docs.append({**_document(entry, _read(file, str(file)), file.stem), "file": str(file)})
    return docs


def sample_documents() -> list[dict[str, Any]]:
    """The bundled sample corpus: five reports of the 2019 Kim-Putin summit."""
    root = resources.files("numclaims.data").joinpath(SAMPLE)
    entries = _entries(json.loads(root.joinpath("manifest.json").read_text("utf-8")), "sample")
    return [_document(e, root.joinpath(str(e["file"])).read_text("utf-8"), str(e["file"])) for e in entries]


def documents(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The documents the command line names."""
    if args.sample:
        return sample_documents()
    listed = load_manifest(Path(args.manifest)) if args.manifest else []
    if not args.files:
        if not listed:
            raise InputError("give FILEs, --manifest or --sample", field="files")
        return listed
    by_path = {Path(d["file"]).resolve(): d for d in listed}
    by_name = {Path(d["file"]).name: d for d in listed}
    docs = []
    for name in args.files:
        path = Path(name)
        known = by_path.get(path.resolve()) or by_name.get(path.name)
        if known is not None:
            docs.append({**known, "text": _read(path, name)})
        else:
            docs.append(_document({}, _read(path, name), path.stem))
    ids = [d["id"] for d in docs]
    if len(set(ids)) < len(ids):  # two files with one name in different folders: use the paths
        docs = [{**d, "id": name} for d, name in zip(docs, args.files)]
    return docs


def run(args: argparse.Namespace) -> int:
    docs = documents(args)
    report = check(docs, base_currency=args.base_currency, tolerance=args.tolerance)
    if args.format == "table":
        out = format_table(report) + "\n"
    elif args.format == "html":
        out = render_html(report, docs)
    else:
        out = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0
