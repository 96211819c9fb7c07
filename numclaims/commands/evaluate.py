"""``numclaims evaluate``: score extraction against a gold file, or run the peers' test suites."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from numclaims.errors import InputError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="score extraction against a gold file or peer test suites",
        description=(
            "Score numclaims.extract against GOLD.json (precision, recall, F1 on span + value + unit; "
            "exit status 2 for a malformed gold file), or with --peers DIR run other projects' "
            "English test suites (Recognizers-Text, quantulum3, Duckling) and report pass rates."
        ),
    )
    parser.add_argument("gold", nargs="?", metavar="GOLD.json", help="gold file (format of shared/corpus/*/gold.json)")
    parser.add_argument("--peers", metavar="DIR", help="folder of peer suites (shared/peers)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--failures", type=int, default=20, help="peer failures to list per suite")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.gold and not args.peers:
        raise InputError("give a GOLD.json file, --peers DIR, or both", field="gold")
    if args.gold:
        from numclaims.evaluation.gold import evaluate_gold, format_gold_score

        score = evaluate_gold(Path(args.gold))
        print(json.dumps(score.to_dict(), indent=2) if args.format == "json" else format_gold_score(score))
    if args.peers:
        from numclaims.evaluation.peers import evaluate_peers, format_peer_report

        root = Path(args.peers)
        if not root.is_dir():
            raise InputError(f"{root}: not a folder", field="peers")
        report = evaluate_peers(root)
        if args.format == "json":
            print(json.dumps(report.to_dict(failures=args.failures), indent=2))
        else:
            print(format_peer_report(report, failures=args.failures))
    return 0
