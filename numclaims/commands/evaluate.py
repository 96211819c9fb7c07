"""``numclaims evaluate``: score extraction against a gold file, peer test suites and the
development cases, by dimension and error class; compare with an earlier run."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from numclaims.errors import InputError


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="score extraction against a gold file, peer test suites or cases files",
        description=(
            "Score numclaims.extract against GOLD.json (precision, recall, F1 on span + value + unit; "
            "exit status 2 for a malformed gold file), with --peers DIR run other projects' "
            "English test suites (Recognizers-Text, quantulum3, Duckling) and report pass rates, "
            "with --cases run the development cases (tests/extract/cases). Each is also broken "
            "down by dimension and error class (missed, wrong value, wrong unit, span, false "
            "positive) with examples. With --stories DIR cross-check the development stories "
            "(tests/stories) and report grouping precision and recall, verdict accuracy, false "
            "flags, real drifts caught and expectations met, per story and overall."
        ),
    )
    parser.add_argument("gold", nargs="?", metavar="GOLD.json", help="gold file (format of shared/corpus/*/gold.json)")
    parser.add_argument("--peers", metavar="DIR", help="folder of peer suites (shared/peers)")
    parser.add_argument("--cases", metavar="PATH",
                        help="a cases file or a folder of them (tests/extract/cases)")
    parser.add_argument("--stories", metavar="DIR",
                        help="a folder of story folders, or one story folder (tests/stories)")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="json: the whole report as one object")
    parser.add_argument("--failures", type=_count, default=20,
                        help="peer failures to list per suite")
    parser.add_argument("--examples", type=_count, default=3, metavar="N",
                        help="examples per error class and suite (0: none; default 3)")
    parser.add_argument("--compare", metavar="BEFORE.json",
                        help="an earlier --format json report: print what moved since")
    parser.add_argument("--flips", type=_count, default=10, metavar="N",
                        help="with --compare: flipped items listed per suite (default 10)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from numclaims.evaluation.breakdown import format_breakdown
    from numclaims.evaluation.report import build_report, compare, format_compare, load_report

    if not args.gold and not args.peers and not args.cases and not args.stories:
        raise InputError("give a GOLD.json file, --peers DIR, --cases PATH, --stories DIR, "
                         "or several", field="gold")
    before = load_report(args.compare) if args.compare else None  # fail before the long run
    score = peers = None
    cases: tuple[Any, ...] = ()
    text: list[str] = []  # blocks, printed a blank line apart
    if args.gold:
        from numclaims.evaluation.gold import evaluate_gold, format_gold_score

        score = evaluate_gold(Path(args.gold))
        text += [format_gold_score(score),
                 format_breakdown("By dimension and error class: gold mentions (recall) and "
                                  "judged predictions (precision)", score.breakdowns(),
                                  args.examples, total=False)]
    if args.peers:
        from numclaims.evaluation.peers import evaluate_peers, format_peer_report

        root = Path(args.peers)
        if not root.is_dir():
            raise InputError(f"{root}: not a folder", field="peers")
        peers = evaluate_peers(root)
        text += [format_peer_report(peers, failures=args.failures),
                 format_breakdown("By dimension and error class: peer suites (in-scope cases)",
                                  peers.breakdowns(), args.examples)]
    if args.cases:
        from numclaims.evaluation.cases import field_accuracy, format_field_accuracy, score_cases

        cases = score_cases(args.cases)
        accuracy = field_accuracy(args.cases)
        text += [format_breakdown(f"By dimension and error class: development cases "
                                  f"({args.cases})", cases, args.examples),
                 format_field_accuracy(accuracy, args.cases)]
    stories = None
    if args.stories:
        from numclaims.evaluation.stories import evaluate_stories, format_stories

        stories = evaluate_stories(args.stories)
        text.append(format_stories(*stories, failures=args.failures))
    report = build_report(score, peers, cases, examples=args.examples, failures=args.failures)
    if stories is not None:
        report["stories"] = {"overall": stories[1].to_dict(),
                             "stories": [s.to_dict() for s in stories[0]]}
    if args.cases:
        report["fields"] = {name: {"right": right, "stated": total} for name, (right, total) in accuracy.items()}
    if before is not None:
        report["compare"] = {"before": str(args.compare),
                             "suites": compare(before, report, flips=args.flips)}
        text += [format_compare(report["compare"]["suites"], str(args.compare))]
    if args.format == "json":
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(text))
    return 0
