"""Options ``extract`` and ``check`` share for batch input and output."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Iterable
from typing import Any

from numclaims.batch.extraction import Totals
from numclaims.batch.intake import Intake
from numclaims.batch.parallel import default_jobs
from numclaims.batch.progress import Progress
from numclaims.batch.sources import DEFAULT_MAX_DOCUMENT_BYTES, FORMATS, Defaults
from numclaims.errors import InputError
from numclaims.extraction.money import validate_hint
from numclaims.extraction.pipeline import parse_published
from numclaims.figures import plural

LIMIT_ENV = "NUMCLAIMS_MAX_DOCUMENT_BYTES"


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return jobs


def _bytes(text: str) -> int:
    try:
        size = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of bytes: {text!r}") from None
    if size < 1:
        raise argparse.ArgumentTypeError("must be at least 1 byte")
    return size


def add_batch_arguments(parser: Any) -> None:
    parser.add_argument("--input-format", choices=FORMATS, default="auto",
                        help="how to read FILEs: JSON Lines (*.jsonl, *.ndjson, .gz) or text "
                             "(default: by name; '-' by its first byte)")
    parser.add_argument("--output", "-o",
                        help="write here instead of stdout (*.parquet: Parquet, *.csv: CSV)")
    parser.add_argument("--jobs", "-j", type=_jobs, default=None,
                        help=f"worker processes (default: every core, here {default_jobs()})")
    parser.add_argument("--skip-bad", action="store_true",
                        help="skip input lines that are not documents (each is reported) "
                             "instead of stopping at the first")
    parser.add_argument("--rejects", metavar="FILE",
                        help="with --skip-bad, also write skipped lines to FILE as JSON Lines")
    parser.add_argument("--max-document-bytes", type=_bytes, metavar="BYTES", default=None,
                        help="longest JSON Lines line and largest text document read; a longer "
                             "one is a bad line, never read whole (default "
                             f"{DEFAULT_MAX_DOCUMENT_BYTES:,} = 10 MB; env {LIMIT_ENV})")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress line on a terminal (none is drawn when stderr is not one)")


def add_document_defaults(parser: Any) -> None:
    """The options that stand in for fields a document does not state."""
    own = "for documents that do not state their own (a JSON Lines field or manifest entry wins)"
    parser.add_argument("--published", metavar="DATE",
                        help="publication date (YYYY-MM-DD) for FX rates and dates without a year, "
                             f"{own}; without one, money converts at the latest rate")
    parser.add_argument("--currency-hint", metavar="CODE",
                        help=f"ISO code or country (e.g. SG) that a bare '$' means, {own}")
    parser.add_argument("--outlet-country", metavar="COUNTRY",
                        help="the outlet's country (e.g. SG): the source, and what a bare '$' means "
                             f"when there is no currency hint, {own}")


def document_defaults(args: argparse.Namespace) -> Defaults:
    """The document defaults asked for; a bad one is refused here, once, rather than failing
    every document in turn."""
    try:
        parse_published(args.published)
    except InputError as exc:
        raise InputError(f"--published: {exc}", field="published") from None
    for flag, value in (("--currency-hint", args.currency_hint), ("--outlet-country", args.outlet_country)):
        try:
            validate_hint(value)
        except InputError as exc:
            raise InputError(f"{flag}: {exc}", field=flag.lstrip("-").replace("-", "_")) from None
    return Defaults(args.published, args.currency_hint, args.outlet_country)


OUTPUT_SUFFIXES = {".parquet": "parquet", ".csv": "csv"}


def output_format(args: argparse.Namespace, default: str) -> str:
    """The output format: as asked, else by the output's suffix (``.parquet``, ``.csv``), else
    ``default``."""
    if args.format:
        if args.format == "parquet" and not args.output:
            raise InputError("--format parquet needs --output FILE.parquet", field="output")
        return str(args.format)
    suffix = os.path.splitext(args.output or "")[1].lower()
    return OUTPUT_SUFFIXES.get(suffix, default)


def document_limit(args: argparse.Namespace) -> int:
    """The bound on one line or document: the flag, else the environment, else 10 MB."""
    if args.max_document_bytes is not None:
        return int(args.max_document_bytes)
    raw = os.environ.get(LIMIT_ENV)
    if not raw:
        return DEFAULT_MAX_DOCUMENT_BYTES
    try:
        return _bytes(raw)
    except argparse.ArgumentTypeError as exc:
        raise InputError(f"{LIMIT_ENV}: {exc}", field="max_document_bytes") from None


def _identity(info: os.stat_result) -> tuple[int, int] | None:
    # only a regular file can be clobbered; a device or pipe (/dev/null) is no one's data
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def _file(path: str) -> tuple[int, int] | None:
    try:
        return _identity(os.stat(path))
    except OSError:  # not there (yet): nothing to clobber, and reading it will say why
        return None


def _stdout() -> tuple[int, int] | None:
    try:
        return _identity(os.fstat(sys.stdout.fileno()))
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return None


def refuse_overwrite(args: argparse.Namespace, inputs: Iterable[str]) -> None:
    """Refuse, before anything is opened, an output that is one of the inputs (the same path, a
    symlink or a hard link to it: the same device and inode), or the same file as the other
    output; writing it would destroy the input being read."""
    sources = {ident: name for name in inputs if name != "-" and (ident := _file(name))}
    outputs = [(flag, path) for flag, path in (("--output", args.output), ("--rejects", args.rejects))
               if path]
    for flag, path in outputs:
        ident = _file(path)
        if ident in sources:
            raise InputError(f"{flag} {path} is the input file {sources[ident]}: refusing to "
                             "overwrite it", field=flag.lstrip("-"))
    if len(outputs) == 2:
        linked = _file(args.output)
        if (os.path.realpath(args.output) == os.path.realpath(args.rejects)
                or (linked is not None and linked == _file(args.rejects))):
            raise InputError(f"--output and --rejects are the same file {args.output}",
                             field="rejects")
    if not args.output and (ident := _stdout()) in sources:
        raise InputError(f"standard output is the input file {sources[ident]}: refusing to "
                         "write to it", field="output")


def make_intake(args: argparse.Namespace, total_bytes: int | None, unit: str = "doc") -> Intake:
    if args.rejects and not args.skip_bad:
        raise InputError("--rejects needs --skip-bad", field="rejects")
    progress = Progress(total_bytes, enabled=False if args.quiet else None, unit=unit)
    return Intake(progress, skip_bad=args.skip_bad, rejects=args.rejects)


def finish(intake: Intake, totals: Totals, remedy: str = "pass --published") -> None:
    """Say what was skipped, and how many documents had their money converted at the latest rate
    for want of a date (after the intake closed): neither is ever silent. ``remedy`` says how to
    give them one."""
    if intake.rejected:
        where = f" (written to {intake.rejects_path})" if intake.rejects_path else ""
        print(f"numclaims: {plural(totals.documents, 'document')} done, "
              f"{plural(intake.rejected, 'input line')} skipped{where}", file=sys.stderr)
    if totals.undated:
        has, them = ("has", "it") if totals.undated == 1 else ("have", "them")
        print(f"numclaims: {plural(totals.undated, 'document')} {has} no publication date; money "
              f"in {them} is converted at the latest rate ({remedy})", file=sys.stderr)
