"""``numclaims`` command line: one subcommand per module in :mod:`numclaims.commands`.

Each command module exposes ``add_parser(subparsers)`` (which sets ``func`` on its parser)
so that adding a command is adding a module, not editing a dispatcher.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
from collections.abc import Sequence

from numclaims.errors import NumclaimsError

COMMANDS = ("extract", "check", "evaluate", "serve")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="numclaims",
        description="Extract, normalise and cross-check numeric claims in English news text.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"numclaims.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"numclaims.commands.{name}":
                raise
            continue  # a command still being built is simply not offered
        module.add_parser(subparsers)
    return parser


INTERRUPTED = 128 + signal.SIGINT  # the shell's status for a run stopped by Ctrl-C


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status (2 for usage and input errors, 130 when
    interrupted: every output file is then left as it was)."""
    try:
        args = build_parser().parse_args(argv)
        try:
            return int(args.func(args) or 0)
        except NumclaimsError as exc:
            print(f"numclaims {args.command}: error: {exc}", file=sys.stderr)
            return 2
        except BrokenPipeError:  # `numclaims extract ... | head` is a normal way to use it
            return 0
    except KeyboardInterrupt:
        print("numclaims: interrupted", file=sys.stderr)
        return INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
