"""`kvviz mem`: KV cache, weights and FLOPs of a published model or any config.json."""

from __future__ import annotations

import argparse
import json

from kvviz.cli.common import CliError
from kvviz.core import memory


def add_parser(sub: argparse._SubParsersAction) -> None:
    mem = sub.add_parser("mem", help="KV cache, weights and FLOPs of a published model or a config.json")
    mem.add_argument("model", metavar="MODEL|PATH", help=f"one of {', '.join(memory.PRESET_IDS)}, or a config.json")
    mem.add_argument("--context", type=int, default=4096, help="tokens per sequence (default: %(default)s)")
    mem.add_argument("--batch", type=int, default=1, help="sequences held at once (default: %(default)s)")
    mem.add_argument("--dtype", choices=memory.DTYPES, default="float16", help="cache and weights (default: float16)")
    mem.add_argument("--json", action="store_true", help="one JSON object with every figure")
    mem.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for option, value in (("--context", args.context), ("--batch", args.batch)):
        if value < 1:
            raise CliError(f"{option}: must be at least 1, got {value}")
    try:
        report = memory.memory_report(memory.resolve_model(args.model), args.context, args.batch, args.dtype)
    except memory.SpecError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print("\n".join(memory.report_lines(report)))
    return 0
