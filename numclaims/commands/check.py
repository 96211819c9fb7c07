"""``numclaims check FILE... [--manifest docs.json]``: cross-check quantities across documents.

FILEs are plain text (one document each) or JSON Lines of documents (``{"id", "text",
"published"?, "story"?, "outlet_country"?, ...}``); documents are checked story by story (one story
when none is named). A manifest gives plain files their id, publication date and outlet country
(which settles what a bare "$" means). It is a JSON list of ``{"id", "file", "published"?,
"outlet_country"?, "currency_hint"?, "source"?}`` objects, or an object whose ``"documents"`` key
holds that list (so a gold file is a manifest); ``file`` is relative to the manifest. Without
FILEs every document of the manifest is checked; with FILEs, those files are, each with its
manifest entry if it has one.

Output: ``json`` (one story's report), ``jsonl`` (one report per story, streamed), ``table``,
``html`` (one story) or ``parquet`` (one row per finding). The default is ``jsonl`` when any input
is JSON Lines, Parquet when ``--output`` ends in ``.parquet``, else ``json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from numclaims.batch.checking import CheckOptions, check_stories, spill
from numclaims.batch.intake import Intake
from numclaims.batch.parallel import default_jobs
from numclaims.batch.records import FINDING_COLUMNS
from numclaims.batch.sinks import LineSink, ParquetSink
from numclaims.batch.sources import Record, from_documents, is_jsonl, read_records, total_size
from numclaims.batch.stories import StorySpill
from numclaims.check.render import format_table, render_html
from numclaims.commands.batch_options import add_batch_arguments, finish, make_intake, output_format
from numclaims.errors import InputError
from numclaims.sample import SAMPLE_STORY, sample_documents

ONE_STORY_FORMATS = ("json", "html")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="cross-check quantities across documents (JSON, JSON Lines, table, HTML, Parquet)",
        description="Check restatements, claims across sources and dates in the given documents, "
                    "story by story.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="text or JSON Lines files to check; '-' for stdin")
    parser.add_argument("--manifest", help="JSON list of documents (id, file, published, outlet_country)")
    parser.add_argument("--sample", action="store_true", help="check the bundled sample corpus")
    parser.add_argument("--format", choices=("json", "jsonl", "table", "html", "parquet"), default=None,
                        help="output format (default: jsonl for JSON Lines input, parquet for "
                             "--output *.parquet, else json)")
    parser.add_argument("--base-currency", default="USD", help="ISO code money is compared in (default USD)")
    parser.add_argument("--tolerance", type=float, default=0.01,
                        help="relative tolerance for exchange-rate restatements (default 0.01 = 1%%)")
    add_batch_arguments(parser)
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


def _text_documents(args: argparse.Namespace, files: list[str]) -> list[dict[str, Any]]:
    """Plain-text FILEs, each with its manifest entry when the manifest lists it."""
    listed = load_manifest(Path(args.manifest)) if args.manifest else []
    if not files:
        return listed
    by_path = {Path(d["file"]).resolve(): d for d in listed}
    by_name = {Path(d["file"]).name: d for d in listed}
    docs = []
    for name in files:
        path = Path(name)
        known = by_path.get(path.resolve()) or by_name.get(path.name)
        docs.append({**known, "text": _read(path, name)} if known is not None
                    else _document({}, _read(path, name), path.stem))
    ids = [d["id"] for d in docs]
    if len(set(ids)) < len(ids):  # two files with one name in different folders: use the paths
        docs = [{**d, "id": name} for d, name in zip(docs, files)]
    return docs


def _records(args: argparse.Namespace) -> tuple[Iterator[Record], bool]:
    """The input records, and whether any of them came from JSON Lines."""
    if args.sample:
        return from_documents({**d, "story": SAMPLE_STORY} for d in sample_documents()), False
    if not args.files and not args.manifest:
        raise InputError("give FILEs, --manifest or --sample", field="files")
    streamed = [f for f in args.files if f == "-" or is_jsonl(f, args.input_format)]
    texts = [f for f in args.files if f not in streamed]
    records = from_documents(_text_documents(args, texts)) if texts or args.manifest else iter(())

    def chained() -> Iterator[Record]:
        yield from records
        if streamed:
            yield from read_records(streamed, args.input_format)
    return chained(), bool(streamed)


def _write(args: argparse.Namespace, fmt: str, store: StorySpill, intake: Intake,
           options: CheckOptions) -> int:
    reports = check_stories(store, intake, options, jobs=args.jobs or default_jobs())
    if fmt == "parquet":
        sink: ParquetSink | LineSink = ParquetSink(args.output, FINDING_COLUMNS)
    else:
        sink = LineSink(args.output)
    done = 0
    try:
        for story in reports:
            done += len(story.documents)
            if isinstance(sink, ParquetSink):
                sink.write_rows(story.finding_rows())
            elif fmt == "jsonl":
                sink.write_lines([json.dumps(story.to_dict(), ensure_ascii=False)])
            elif fmt == "json":
                sink.write_lines([json.dumps(story.to_dict(), indent=2, ensure_ascii=False)])
            elif fmt == "html":
                assert story.report is not None
                sink.stream.write(render_html(story.report, story.documents))
            else:
                assert story.report is not None
                sink.write_lines([f"== story {story.story}: {len(story.documents)} documents",
                                  format_table(story.report), ""])
    finally:
        sink.close()
    return done


def run(args: argparse.Namespace) -> int:
    # refused here, once: inside a worker it would fail every story in turn
    if not 0 <= args.tolerance < 1:
        raise InputError(f"--tolerance must be from 0 to 1, got {args.tolerance}", field="tolerance")
    records, streamed = _records(args)
    fmt = output_format(args, "jsonl" if streamed else "json")
    options = CheckOptions(base_currency=args.base_currency, tolerance=args.tolerance)
    intake = make_intake(args, total_size(args.files) if args.files else None)
    with StorySpill() as store:
        spill(records, intake, store)
        stories = store.story_count()
        if fmt in ONE_STORY_FORMATS and stories > 1:
            raise InputError(f"the input holds {stories} stories and --format {fmt} shows one: use "
                             "--format jsonl (one report per story), table or parquet", field="format")
        if stories == 0:
            print("numclaims check: no documents to check", file=sys.stderr)
        done = _write(args, fmt, store, intake, options)
    finish(intake, done)
    return 0
