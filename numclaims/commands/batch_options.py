"""Options ``extract`` and ``check`` share for batch input and output."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from numclaims.batch.intake import Intake
from numclaims.batch.parallel import default_jobs
from numclaims.batch.progress import Progress
from numclaims.batch.sources import FORMATS
from numclaims.errors import InputError


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


def add_batch_arguments(parser: Any) -> None:
    parser.add_argument("--input-format", choices=FORMATS, default="auto",
                        help="how to read FILEs: JSON Lines (*.jsonl, *.ndjson, .gz) or text "
                             "(default: by name; '-' by its first byte)")
    parser.add_argument("--output", "-o", help="write here instead of stdout (*.parquet: Parquet)")
    parser.add_argument("--jobs", "-j", type=_jobs, default=None,
                        help=f"worker processes (default: every core, here {default_jobs()})")
    parser.add_argument("--skip-bad", action="store_true",
                        help="skip input lines that are not documents (each is reported) "
                             "instead of stopping at the first")
    parser.add_argument("--rejects", metavar="FILE",
                        help="with --skip-bad, also write skipped lines to FILE as JSON Lines")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress line on a terminal (none is drawn when stderr is not one)")


def output_format(args: argparse.Namespace, default: str) -> str:
    """The output format: as asked, else Parquet for a ``.parquet`` output, else ``default``."""
    if args.format:
        if args.format == "parquet" and not args.output:
            raise InputError("--format parquet needs --output FILE.parquet", field="output")
        return str(args.format)
    if args.output and args.output.lower().endswith(".parquet"):
        return "parquet"
    return default


def make_intake(args: argparse.Namespace, total_bytes: int | None, unit: str = "docs") -> Intake:
    if args.rejects and not args.skip_bad:
        raise InputError("--rejects needs --skip-bad", field="rejects")
    progress = Progress(total_bytes, enabled=False if args.quiet else None, unit=unit)
    return Intake(progress, skip_bad=args.skip_bad, rejects=args.rejects)


def finish(intake: Intake, documents: int) -> None:
    """Close the progress line and say what was skipped: a skipped line is never silent."""
    intake.progress.close()
    intake.close()
    if intake.rejected:
        where = f" (written to {intake.rejects_path})" if intake.rejects_path else ""
        print(f"numclaims: {documents:,} documents done, {intake.rejected:,} input lines "
              f"skipped{where}", file=sys.stderr)
