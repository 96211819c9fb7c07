"""``numclaims check FILE... [--manifest docs.json]``: cross-check quantities across documents.

FILEs are plain text (one document each) or JSON Lines of documents (``{"id", "text",
"published"?, "story"?, "outlet_country"?, ...}``); documents are checked story by story (one story
when none is named). A manifest gives plain files their id, publication date and outlet country
(which settles what a bare "$" means). It is a JSON list of ``{"id", "file", "published"?,
"outlet_country"?, "currency_hint"?, "source"?}`` objects, or an object whose ``"documents"`` key
holds that list (so a gold file is a manifest); ``file`` is relative to the manifest. Without
FILEs every document of the manifest is checked; with FILEs, those files are, each with its
manifest entry if it has one.

``--published``, ``--currency-hint`` and ``--outlet-country`` stand in for what a document does not
state itself (its manifest entry or JSON Lines field wins).

Output: ``json`` (one story's report), ``jsonl`` (one report per story, streamed), ``table``,
``html`` (one story), ``parquet`` or ``csv`` (one row per finding). The default is ``jsonl`` when
any input is JSON Lines, Parquet or CSV when ``--output`` ends in ``.parquet`` or ``.csv``, else
``json``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from numclaims.batch.checking import CheckOptions, StoryReport, check_stories, spill
from numclaims.batch.extraction import Totals
from numclaims.batch.parallel import default_jobs
from numclaims.batch.records import FINDING_COLUMNS
from numclaims.batch.sinks import LineSink, ParquetSink, RowSink, open_sink
from numclaims.batch.sources import (Record, from_documents, is_jsonl, is_stream, read_records, read_text,
                                     total_size, with_defaults)
from numclaims.batch.stories import StorySpill
from numclaims.checking.render import format_table, render_html, story_heading
from numclaims.commands.batch_options import (add_batch_arguments, add_document_defaults, document_defaults,
                                              document_limit, finish, make_intake, output_format,
                                              refuse_overwrite)
from numclaims.errors import FileError, InputError
from numclaims.sample import SAMPLE_STORY, sample_documents

FORMATS = ("json", "jsonl", "table", "html", "parquet", "csv")
ONE_STORY_FORMATS = ("json", "html")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check", help="cross-check quantities across documents (JSON, JSON Lines, table, HTML, Parquet, "
                      "CSV)",
        description="Check restatements, claims across sources and dates in the given documents, "
                    "story by story.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="text or JSON Lines files to check; '-' for stdin")
    parser.add_argument("--manifest", help="JSON list of documents (id, file, published, outlet_country)")
    parser.add_argument("--sample", action="store_true", help="check the bundled sample corpus")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default: jsonl for JSON Lines input, parquet or csv for "
                             "--output *.parquet or *.csv: one row per finding, else json)")
    parser.add_argument("--base-currency", default="USD", help="ISO code money is compared in (default USD)")
    parser.add_argument("--tolerance", type=float, default=0.01,
                        help="relative tolerance for exchange-rate restatements (default 0.01 = 1%%)")
    add_document_defaults(parser)
    add_batch_arguments(parser)
    parser.set_defaults(func=run)


def _entries(data: Any, where: str) -> list[Mapping[str, Any]]:
    if isinstance(data, Mapping) and "documents" in data:
        data = data["documents"]
    if not isinstance(data, list) or not all(isinstance(d, Mapping) for d in data):
        raise InputError(f"{where}: a manifest is a JSON list of documents, or an object with "
                         "a 'documents' list", field="manifest")
    return data


def _document(entry: Mapping[str, Any], default_id: str) -> dict[str, Any]:
    """A plain file's document fields, all but its text (read when its record is made)."""
    return {
        "id": str(entry.get("id") or default_id),
        "published": entry.get("published"),
        "source": entry.get("source") or entry.get("outlet_country"),
        "currency_hint": entry.get("currency_hint"),
        # what reads a bare "$" when no hint or wire credit does (money.sign_reading)
        "outlet_country": entry.get("outlet_country"),
    }


def load_manifest(path: Path) -> list[dict[str, Any]]:
    """The documents a manifest lists, each with the ``file`` that holds its text, relative to
    the manifest."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc})", field="manifest") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError.from_os(str(path), exc, "read the manifest", field="manifest") from None
    docs = []
    for n, entry in enumerate(_entries(data, str(path))):
        if not entry.get("file"):
            raise InputError(f"{path}: document {n} has no 'file'", field="manifest")
        file = path.parent / str(entry["file"])
        docs.append({**_document(entry, file.stem), "file": str(file)})
    return docs


def _text_documents(args: argparse.Namespace, files: list[str]) -> list[dict[str, Any]]:
    """Plain-text FILEs (or the manifest's), each with its manifest entry when it has one."""
    listed = load_manifest(Path(args.manifest)) if args.manifest else []
    if not files:
        return listed
    by_path = {Path(d["file"]).resolve(): d for d in listed}
    by_name = {Path(d["file"]).name: d for d in listed}
    docs = []
    for name in files:
        path = Path(name)
        known = by_path.get(path.resolve()) or by_name.get(path.name)
        docs.append({**known, "file": name} if known is not None
                    else {**_document({}, path.stem), "file": name})
    ids = [d["id"] for d in docs]
    if len(set(ids)) < len(ids):  # two files with one name in different folders: use the paths
        docs = [{**d, "id": d["file"]} for d in docs]
    return docs


def _text_records(docs: list[dict[str, Any]], limit: int) -> Iterator[Record]:
    """Each document with its file's text, read in bounded pieces (a file over ``limit`` is a
    bad input, like an over-long line)."""
    for doc in docs:
        fields = {key: value for key, value in doc.items() if key != "file"}
        read = read_text(doc["file"], limit)
        if read.document is None:
            yield read
        else:
            yield from from_documents([{**fields, "text": read.document["text"]}])


def _streamed(args: argparse.Namespace) -> list[str]:
    """The FILEs read as streams of JSON Lines (or stdin, a FIFO, a device: by the first byte)."""
    return [f for f in args.files if is_jsonl(f, args.input_format) or is_stream(f)]


def _records(args: argparse.Namespace, limit: int) -> Iterator[Record]:
    """The input records: plain files (with the manifest's) first, then the streams."""
    if args.sample:
        return from_documents({**d, "story": SAMPLE_STORY} for d in sample_documents())
    if not args.files and not args.manifest:
        raise InputError("give FILEs, --manifest or --sample", field="files")
    streamed = _streamed(args)
    texts = [f for f in args.files if f not in streamed]

    def chained() -> Iterator[Record]:
        if texts or args.manifest:
            yield from _text_records(_text_documents(args, texts), limit)
        if streamed:
            yield from read_records(streamed, args.input_format, limit)
    return chained()


def _write(sink: LineSink | ParquetSink, fmt: str, reports: Iterable[StoryReport]) -> Totals:
    totals = Totals()
    for story in reports:
        totals.documents += len(story.documents)
        totals.undated += story.undated
        if isinstance(sink, RowSink):
            sink.write_rows(story.finding_rows())
        elif fmt == "jsonl":
            sink.write_lines([json.dumps(story.to_dict(), ensure_ascii=False)])
        elif fmt == "json":
            sink.write_lines([json.dumps(story.to_dict(), indent=2, ensure_ascii=False)])
        elif fmt == "html":
            assert story.report is not None
            sink.write(render_html(story.report, story.documents))
        else:
            assert story.report is not None
            sink.write_lines([story_heading(story.story, len(story.documents)),
                              format_table(story.report), ""])
    return totals


def run(args: argparse.Namespace) -> int:
    # refused here, once: inside a worker it would fail every story in turn
    if not 0 <= args.tolerance < 1:
        raise InputError(f"--tolerance must be from 0 to 1, got {args.tolerance}", field="tolerance")
    refuse_overwrite(args, [*args.files, *([args.manifest] if args.manifest else [])])
    limit = document_limit(args)
    records = with_defaults(_records(args, limit), document_defaults(args))
    fmt = output_format(args, "jsonl" if not args.sample and _streamed(args) else "json")
    options = CheckOptions(base_currency=args.base_currency, tolerance=args.tolerance)
    # the output is opened before any input is read: a bad --output fails at once
    with make_intake(args, total_size(args.files) if args.files else None) as intake, \
            open_sink(args.output, fmt, FINDING_COLUMNS, progress=intake.progress) as sink, \
            StorySpill() as store:
        spill(records, intake, store)
        stories = store.story_count()
        if fmt in ONE_STORY_FORMATS and stories > 1:
            raise InputError(f"the input holds {stories} stories and --format {fmt} shows one: use "
                             "--format jsonl (one report per story), table or parquet", field="format")
        if stories == 0:
            intake.progress.message("numclaims check: no documents to check")
        totals = _write(sink, fmt, check_stories(store, intake, options, jobs=args.jobs or default_jobs()))
    finish(intake, totals, "pass --published or a manifest")
    return 0
