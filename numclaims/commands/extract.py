"""``numclaims extract FILE... | -``: every quantity of every document, as JSON Lines, a table,
Parquet or CSV.

FILEs are plain text (one document each) or JSON Lines of documents (``{"id", "text",
"published"?, "story"?, "outlet_country"?, ...}``). Output streams in input order while worker
processes (``--jobs``) extract, so memory stays flat whatever the input size.
"""

from __future__ import annotations

import argparse
from typing import Any

from numclaims.batch.extraction import Options, run_extraction
from numclaims.batch.parallel import default_jobs
from numclaims.batch.sources import from_documents, read_records, total_size, with_defaults
from numclaims.commands.batch_options import (add_batch_arguments, add_document_defaults, document_defaults,
                                              document_limit, finish, make_intake, output_format,
                                              refuse_overwrite)
from numclaims.errors import InputError
from numclaims.extraction.pipeline import extract
from numclaims.sample import sample_records

FORMATS = ("jsonl", "table", "parquet", "csv")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "extract", help="extract quantities from documents (JSON Lines, a table, Parquet or CSV)",
        description="Print every quantity found in each document of each FILE ('-' reads "
                    "standard input): one JSON object per mention.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="text or JSON Lines files to read; '-' for stdin")
    parser.add_argument("--sample", action="store_true", help="run on the bundled sample corpus (with its dates)")
    parser.add_argument("--format", choices=FORMATS, default=None,
                        help="output format (default jsonl; parquet or csv when --output ends in "
                             ".parquet or .csv: one row per mention)")
    parser.add_argument("--base-currency", default="USD", help="ISO code money is converted to (default USD)")
    add_document_defaults(parser)
    add_batch_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.sample and not args.files:
        raise InputError("give at least one FILE, '-' for standard input, or --sample", field="files")
    options = Options(output=output_format(args, "jsonl"), base_currency=args.base_currency)
    defaults = document_defaults(args)
    # a bad option would otherwise fail every document in turn: refuse it once, up front
    extract("1", base_currency=options.base_currency)
    refuse_overwrite(args, args.files)
    if args.sample:
        records, size = from_documents(sample_records()), None
    else:
        records = read_records(args.files, args.input_format, document_limit(args))
        size = total_size(args.files)
    with make_intake(args, size) as intake:
        totals = run_extraction(with_defaults(records, defaults), intake, options,
                                jobs=args.jobs or default_jobs(), output_path=args.output)
    finish(intake, totals, "pass --published, or a \"published\" field in JSON Lines")
    return 0
