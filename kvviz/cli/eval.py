"""`kvviz eval`: held-out bits per byte of every shipped model and cache setting, beside the cache's bytes per token."""

from __future__ import annotations

import argparse
import json
import sys
import time

import torch

from kvviz.cli.common import CliError, cell, check_threads
from kvviz.core.config import DTYPES, ConfigError
from kvviz.core.evaluation import (
    EVAL_CONTEXT,
    EVAL_SINKS,
    EVAL_WINDOW,
    EvalRow,
    cache_label,
    cache_settings,
    check_context,
    evaluate_family,
)
from kvviz.i18n import translate
from kvviz.training.corpus import CorpusError, load_corpus
from kvviz.units import format_bytes

#: Evaluation fields by the option that sets them, so errors name what the user typed.
OPTIONS = {"context": "--context", "window": "--window", "sinks": "--sinks", "sample": "--sample", "seed": "--seed"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser(
        "eval",
        help=translate(
            "cli.eval", "held-out bits per byte of each shipped model and cache setting, beside cache bytes per token"
        ),
        description=translate(
            "cli.eval",
            "Scores every shipped tiny model with a full cache, and the default model with each cache setting (int8, "
            "int4, fp8, a sliding window of W, S sinks + a window of W - S), on the held-out text of the training "
            "data. Each byte is predicted as a decode step predicts it: attending to K and V as the cache returns "
            "them. Bytes per token are the cache's bytes at the context length ÷ the context.",
        ),
    )
    cmd.add_argument(
        "--context",
        type=int,
        default=EVAL_CONTEXT,
        help=translate("cli.eval", "window of text per prediction (default: %(default)s)"),
    )
    cmd.add_argument(
        "--window",
        type=int,
        default=EVAL_WINDOW,
        help=translate("cli.eval", "W of the eviction rows (default: %(default)s)"),
    )
    cmd.add_argument(
        "--sinks",
        type=int,
        default=EVAL_SINKS,
        help=translate("cli.eval", "S of the sinks row, out of W (default: %(default)s)"),
    )
    cmd.add_argument(
        "--dtype", choices=list(DTYPES), default="float32", help=translate("cli.eval", "dtype the models run in")
    )
    cmd.add_argument(
        "--sample",
        type=int,
        default=0,
        help=translate("cli.eval", "score this many windows picked with --seed (0: all text)"),
    )
    cmd.add_argument(
        "--seed", type=int, default=0, help=translate("cli.eval", "which windows --sample picks (default: %(default)s)")
    )
    cmd.add_argument(
        "--threads",
        type=int,
        default=1,
        help=translate("cli.eval", "CPU threads for torch (default: %(default)s: a tiny model runs faster on one)"),
    )
    cmd.add_argument("--json", action="store_true", help=translate("cli.eval", "one JSON object per row"))
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_threads(args.threads)
    if args.sample < 0 or args.seed < 0:
        message = translate("cli.eval", "--sample and --seed: must not be negative, got {sample} and {seed}")
        raise CliError(message.format(sample=args.sample, seed=args.seed))
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
        print(_header())
    n_rows = 0
    for row in evaluate_family(text, args.context, settings, args.sample, args.seed, args.dtype):
        print(json.dumps(row.to_dict()) if args.json else _line(row), flush=True)
        n_rows += 1
    elapsed = time.perf_counter() - started
    if args.threads == 1:
        summary = translate("cli.eval", "{rows} rows in {seconds} s on {threads} thread")
    else:
        summary = translate("cli.eval", "{rows} rows in {seconds} s on {threads} threads")
    summary = summary.format(rows=n_rows, seconds=f"{elapsed:.1f}", threads=args.threads)
    if args.json:
        print(f"kvviz eval: {summary}", file=sys.stderr)  # stdout stays JSON lines
    else:
        print(summary)
    return 0


def _header() -> str:
    titles = (
        (translate("cli.eval", "model"), 12),
        (translate("cli.eval", "layers"), 6),
        (translate("cli.eval", "heads"), 5),
        ("kv", 3),
        (translate("cli.eval", "cache"), 20),
        (translate("cli.eval", "context"), 7),
        (translate("cli.eval", "bytes/token"), 11),
        (translate("cli.eval", "cache"), 10),
        ("bits/byte", 9),
    )
    return " ".join(cell(text, width, left=index in (0, 4)) for index, (text, width) in enumerate(titles))


def _intro(args: argparse.Namespace, n_bytes: int) -> str:
    if args.sample:
        scored = translate("cli.eval", "{windows} windows picked with seed {seed}").format(
            windows=args.sample, seed=args.seed
        )
    else:
        scored = translate("cli.eval", "all {bytes} bytes").format(bytes=f"{n_bytes:,}")
    return translate(
        "cli.eval",
        "Held-out text of the training data ({scored}), {context} bytes of context per window, models in {dtype}. "
        "Bytes/token: one sequence's cache at {context} tokens ÷ {context}. Lower bits/byte is better.",
    ).format(scored=scored, context=args.context, dtype=args.dtype)


def _line(row: EvalRow) -> str:
    """One row under :func:`_header`; the cache setting in the user's language, padded by terminal columns."""
    cache = cell(cache_label(row.cache), 20, left=True)
    return (
        f"{row.model:<12} {row.n_layers:>6} {row.n_heads:>5} {row.n_kv_heads:>3} {cache} {row.context:>7} "
        f"{row.bytes_per_token:>11,.0f} {format_bytes(row.cache_bytes):>10} {row.bits_per_byte:>9.3f}"
    )
