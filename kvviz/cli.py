"""The `kvviz` command: the app by default, headless sub-commands for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from kvviz.core import tokenizer
from kvviz.core.config import DTYPES, ConfigError, ModelConfig
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.sampling import Sampling
from kvviz.core.serialize import record_to_dict
from kvviz.units import format_bytes, format_flops, format_seconds

#: Config fields by the option that sets them, so errors name what the user typed.
OPTION_FOR_FIELD = {
    "n_layers": "--layers",
    "n_heads": "--heads",
    "n_kv_heads": "--kv-heads",
    "d_model": "--d-model",
    "head_dim": "--head-dim",
    "dtype": "--dtype",
    "batch_size": "--batch",
    "context_length": "--context",
    "seed": "--seed",
    "prompt": "--prompt",
    "steps": "--steps",
    "temperature": "--temperature",
    "top_k": "--top-k",
}


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports mistakes in one line instead of usage plus message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(message)


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """Options that shape the model and the run; shared by every sub-command that runs it."""
    d = default_config()
    g = parser.add_argument_group("model")
    g.add_argument("--prompt", default=DEFAULT_PROMPT, help="text to prefill (default: %(default)r)")
    g.add_argument("--steps", type=int, default=16, help="decode steps after the prefill (default: %(default)s)")
    g.add_argument("--layers", type=int, default=d.n_layers, help="decoder layers (default: %(default)s)")
    g.add_argument("--heads", type=int, default=d.n_heads, help="query heads (default: %(default)s)")
    g.add_argument("--kv-heads", type=int, default=None, help="K/V heads; = heads is MHA, 1 is MQA (default: heads)")
    g.add_argument("--d-model", type=int, default=d.d_model, help="residual width (default: %(default)s)")
    g.add_argument("--head-dim", type=int, default=None, help="width of one head (default: d_model / heads)")
    g.add_argument("--dtype", choices=list(DTYPES), default=d.dtype, help="element type (default: %(default)s)")
    g.add_argument("--batch", type=int, default=d.batch_size, help="sequences in the batch (default: %(default)s)")
    g.add_argument("--context", type=int, default=d.context_length, help="context length (default: %(default)s)")
    g.add_argument("--seed", type=int, default=d.seed, help="seed for weights and sampling (default: %(default)s)")
    g.add_argument("--temperature", type=float, default=0.0, help="0 is greedy (default: %(default)s)")
    g.add_argument("--top-k", type=int, default=0, help="sample from the k likeliest tokens; 0 = all")


def engine_from_args(args: argparse.Namespace, *, count_flops: bool = False) -> Engine:
    """Build the engine the options describe; a ConfigError names the offending option."""
    config = ModelConfig(
        n_layers=args.layers,
        n_heads=args.heads,
        n_kv_heads=args.kv_heads if args.kv_heads is not None else args.heads,
        d_model=args.d_model,
        head_dim=args.head_dim,
        dtype=args.dtype,
        batch_size=args.batch,
        context_length=args.context,
        seed=args.seed,
    )
    if args.steps < 0:
        raise ConfigError("steps", f"must be non-negative, got {args.steps}")
    sampling = Sampling(temperature=args.temperature, top_k=args.top_k, seed=args.seed)
    return Engine(config, args.prompt, sampling=sampling, count_flops=count_flops)


def run_steps(engine: Engine, steps: int):
    """Yield the prefill record, then up to ``steps`` decode records; stops early at a limit."""
    yield engine.current
    for _ in range(steps):
        try:
            yield engine.step_forward()
        except GenerationStopped as stop:
            print(f"kvviz: stopped after step {engine.current.step}: {stop}", file=sys.stderr)
            return


def _trace(args: argparse.Namespace) -> int:
    engine = engine_from_args(args, count_flops=True)
    if args.json:
        for record in run_steps(engine, args.steps):
            print(json.dumps(record_to_dict(record)), flush=True)
        return 0
    header = (
        f"{'step':>4} {'phase':<7} {'n':>4} {'token':<6} {'FLOPs uncached':>14} {'FLOPs cached':>12} "
        f"{'saved':>6} {'cache used':>10} {'t uncached':>10} {'t cached':>9} {'|Δlogit|':>8}"
    )
    c = engine.config
    print(
        f"{c.attention_kind}: {c.n_layers} layers, {c.n_heads} heads, {c.n_kv_heads} kv-heads, "
        f"head_dim {c.dim_head}, {c.dtype}, batch {c.batch_size}, context {c.context_length}"
    )
    print(header)
    for r in run_steps(engine, args.steps):
        u, k = r.uncached, r.cached
        saved = 1 - k.flops.total / u.flops.total
        token = tokenizer.token_labels([r.next_token])[0]
        print(
            f"{r.step:>4} {r.phase.value:<7} {r.n_tokens:>4} {token:<6} {format_flops(u.flops.total):>14} "
            f"{format_flops(k.flops.total):>12} {saved:>6.0%} {format_bytes(r.cache_bytes_used):>10} "
            f"{format_seconds(u.time_s):>10} {format_seconds(k.time_s):>9} {r.max_abs_logit_diff:>8.1e}"
        )
    last = engine.current
    print(f"generated: {tokenizer.decode((*last.tokens[last.n_prompt :], last.next_token))!r}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kvviz", description="See the KV cache of a transformer decoder work, step by step.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    trace = sub.add_parser("trace", help="run the model headless and print each step's figures")
    add_model_options(trace)
    trace.add_argument("--json", action="store_true", help="one JSON object per line per step")
    trace.set_defaults(func=_trace)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            from kvviz.gui.app import run_app

            return run_app()
        return args.func(args)
    except CliError as exc:
        print(f"kvviz: error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        option = OPTION_FOR_FIELD.get(exc.field, exc.field)
        print(f"kvviz: error: {option}: {exc.rule}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
