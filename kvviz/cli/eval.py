"""`kvviz eval`: held-out bits per byte of every shipped model and cache setting, beside the cache's bytes per token."""

from __future__ import annotations

import argparse
import json
import sys
import time

import torch

from kvviz.cli.common import CliError, check_threads
from kvviz.core.config import DTYPES, ConfigError
from kvviz.core.evaluation import (
    EVAL_CONTEXT,
    EVAL_SINKS,
    EVAL_WINDOW,
    EvalRow,
    cache_settings,
    check_context,
    evaluate_family,
)
from kvviz.training.corpus import CorpusError, load_corpus
from kvviz.units import format_bytes

#: Evaluation fields by the option that sets them, so errors name what the user typed.
OPTIONS = {"context": "--context", "window": "--window", "sinks": "--sinks", "sample": "--sample", "seed": "--seed"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "eval",
        help="held-out bits per byte of each shipped model and cache setting, beside cache bytes per token",
        description="Scores every shipped tiny model with a full cache, and the default model with each cache "
        "setting (int8, int4, fp8, a sliding window of W, S sinks + a window of W - S), on the held-out text "
        "of the training data. Each byte is predicted as a decode step predicts it: attending to K and V as "
        "the cache returns them. Bytes per token are the cache's bytes at the context length ÷ the context.",
    )
    cmd.add_argument(
        "--context", type=int, default=EVAL_CONTEXT, help="window of text per prediction (default: %(default)s)"
    )
    cmd.add_argument("--window", type=int, default=EVAL_WINDOW, help="W of the eviction rows (default: %(default)s)")
    cmd.add_argument(
        "--sinks", type=int, default=EVAL_SINKS, help="S of the sinks row, out of W (default: %(default)s)"
    )
    cmd.add_argument("--dtype", choices=list(DTYPES), default="float32", help="dtype the models run in")
    cmd.add_argument("--sample", type=int, default=0, help="score this many windows picked with --seed (0: all text)")
    cmd.add_argument("--seed", type=int, default=0, help="which windows --sample picks (default: %(default)s)")
    cmd.add_argument(
        "--threads",
        type=int,
        default=1,
        help="CPU threads for torch (default: %(default)s: a tiny model runs faster on one)",
    )
    cmd.add_argument("--json", action="store_true", help="one JSON object per row")
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_threads(args.threads)
    if args.sample < 0 or args.seed < 0:
        raise CliError(f"--sample and --seed: must not be negative, got {args.sample} and {args.seed}")
    try:
        text = load_corpus().heldout
    except CorpusError as exc:
        raise CliError(str(exc)) from None
    try:
        check_context(args.context, text)
        settings = cache_settings(args.window, args.sinks)
        for setting in settings:
            setting.policy.check_fits(args.context)
    except ConfigError as exc:
        raise CliError(f"{OPTIONS.get(exc.field, exc.field)}: {exc.rule}") from None
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    if not args.json:
        print(_intro(args, len(text)))
        print(HEADER)
    n_rows = 0
    for row in evaluate_family(text, args.context, settings, args.sample, args.seed, args.dtype):
        print(json.dumps(row.to_dict()) if args.json else _line(row), flush=True)
        n_rows += 1
    elapsed = time.perf_counter() - started
    summary = f"{n_rows} rows in {elapsed:.1f} s on {args.threads} thread{'s' if args.threads != 1 else ''}"
    if args.json:
        print(f"kvviz eval: {summary}", file=sys.stderr)  # stdout stays JSON lines
    else:
        print(summary)
    return 0


HEADER = (
    f"{'model':<12} {'layers':>6} {'heads':>5} {'kv':>3} {'cache':<20} {'context':>7} "
    f"{'bytes/token':>11} {'cache':>10} {'bits/byte':>9}"
)


def _intro(args: argparse.Namespace, n_bytes: int) -> str:
    scored = f"{args.sample} windows picked with seed {args.seed}" if args.sample else f"all {n_bytes:,} bytes"
    return (
        f"Held-out text of the training data ({scored}), {args.context} bytes of context per window, models in "
        f"{args.dtype}. Bytes/token: one sequence's cache at {args.context} tokens ÷ {args.context}. "
        "Lower bits/byte is better."
    )


def _line(row: EvalRow) -> str:
    return (
        f"{row.model:<12} {row.n_layers:>6} {row.n_heads:>5} {row.n_kv_heads:>3} {row.cache:<20} {row.context:>7} "
        f"{row.bytes_per_token:>11,.0f} {format_bytes(row.cache_bytes):>10} {row.bits_per_byte:>9.3f}"
    )
