"""The `kvviz` command: the app by default, headless sub-commands for scripts."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import torch

from kvviz.core import memory, tokenizer
from kvviz.core.checkpoint import (
    CheckpointError,
    build_model,
    check_shape_matches,
    config_for_weights,
    save_checkpoint,
    weights_from_text,
    weights_label,
)
from kvviz.core.config import DTYPES, ConfigError
from kvviz.core.corpus import CorpusError, load_corpus
from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.model_card import training_card, write_model_card
from kvviz.core.policy import POLICY_KINDS, CachePolicy
from kvviz.core.quant import CACHE_DTYPES
from kvviz.core.sampling import Sampling
from kvviz.core.serialize import record_to_dict
from kvviz.core.training import Progress, TrainingPlan, train
from kvviz.export_command import add_export_command
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
    "policy": "--policy",
    "window": "--window",
    "sinks": "--sinks",
    "cache_dtype": "--cache-dtype",
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
    g.add_argument(
        "--weights",
        default=DEFAULT_WEIGHTS,
        metavar="trained|random|PATH",
        help="trained (shipped), random (any shape) or a checkpoint file (default: %(default)s)",
    )
    # Shape options default to the weights' own shape; saved weights refuse a different one.
    g.add_argument("--layers", type=int, help=f"decoder layers (default: the weights'; random: {d.n_layers})")
    g.add_argument("--heads", type=int, help=f"query heads (default: the weights'; random: {d.n_heads})")
    g.add_argument(
        "--kv-heads",
        type=int,
        help=f"K/V heads; = heads is MHA, 1 is MQA (default: the weights'; random: {d.n_kv_heads}, or = --heads)",
    )
    g.add_argument("--d-model", type=int, help=f"residual width (default: the weights'; random: {d.d_model})")
    g.add_argument("--head-dim", type=int, help="width of one head (default: the weights'; random: d_model / heads)")
    g.add_argument("--dtype", choices=list(DTYPES), default=d.dtype, help="element type (default: %(default)s)")
    g.add_argument("--batch", type=int, default=d.batch_size, help="sequences in the batch (default: %(default)s)")
    g.add_argument("--context", type=int, default=d.context_length, help="context length (default: %(default)s)")
    g.add_argument("--seed", type=int, default=d.seed, help="seed: random weights, sampling (default: %(default)s)")
    g.add_argument("--temperature", type=float, default=0.0, help="0 is greedy (default: %(default)s)")
    g.add_argument("--top-k", type=int, default=0, help="sample from the k likeliest tokens; 0 = all")
    c = parser.add_argument_group("cache")
    c.add_argument("--policy", choices=POLICY_KINDS, default="full", help="full, sliding window, or sinks + window")
    c.add_argument("--window", type=int, default=0, help="tokens the window keeps, the query's own included")
    c.add_argument("--sinks", type=int, default=0, help="first tokens the sink policy always keeps")
    c.add_argument(
        "--cache-dtype",
        choices=[d for d in CACHE_DTYPES if d != "model"],
        default=None,
        help="store K/V quantized, with float16 scales per token and head (default: the model's dtype)",
    )


def engine_from_args(args: argparse.Namespace, *, count_flops: bool = False) -> Engine:
    """Build the engine the options describe; a ConfigError names the offending option.

    A bad weights file raises CheckpointError (one line naming the file).
    """
    weights = weights_from_text(args.weights)
    base = config_for_weights(weights, default_config())
    shape = {
        "n_layers": args.layers,
        "n_heads": args.heads,
        "n_kv_heads": args.kv_heads,
        "d_model": args.d_model,
        "head_dim": args.head_dim,
    }
    given = {name: value for name, value in shape.items() if value is not None}
    if weights == "random":
        if "n_heads" in given:
            given.setdefault("n_kv_heads", given["n_heads"])
    else:
        check_shape_matches(given, base, weights_label(weights))
    config = base.replace(**given, dtype=args.dtype, batch_size=args.batch, context_length=args.context, seed=args.seed)
    if args.steps < 0:
        raise ConfigError("steps", f"must be non-negative, got {args.steps}")
    sampling = Sampling(temperature=args.temperature, top_k=args.top_k, seed=args.seed)
    model = build_model(config, weights)
    policy = CachePolicy(args.policy, args.window, args.sinks)
    return Engine(
        config,
        args.prompt,
        model=model,
        sampling=sampling,
        count_flops=count_flops,
        policy=policy,
        cache_dtype=args.cache_dtype or "model",
    )


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
    cache_dtype = "" if engine.cache_dtype == "model" else f" K/V stored as {engine.cache_dtype} with float16 scales."
    print(engine.policy.describe_limit(c.context_length) + cache_dtype)
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


def _mem(args: argparse.Namespace) -> int:
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


def add_train_command(sub: argparse._SubParsersAction) -> None:
    """`kvviz train`: how the shipped weights were made, and how users make their own."""
    d, plan = default_config(), TrainingPlan()
    cmd = sub.add_parser("train", help="train the tiny decoder on Python's own docs and save a checkpoint")
    cmd.add_argument("--out", required=True, help="checkpoint to write; its model card goes next to it (.md)")
    cmd.add_argument("--steps", type=int, default=plan.steps, help="optimizer steps (default: %(default)s)")
    cmd.add_argument("--seed", type=int, default=plan.seed, help="seed for init and batches (default: %(default)s)")
    cmd.add_argument("--batch", type=int, default=plan.batch, help="windows per step (default: %(default)s)")
    cmd.add_argument("--lr", type=float, default=plan.learning_rate, help="peak learning rate (default: %(default)s)")
    cmd.add_argument("--threads", type=int, default=2, help="CPU threads for torch (default: %(default)s)")
    cmd.add_argument("--layers", type=int, default=d.n_layers, help="decoder layers (default: %(default)s)")
    cmd.add_argument("--heads", type=int, default=d.n_heads, help="query heads (default: %(default)s)")
    cmd.add_argument("--kv-heads", type=int, default=d.n_kv_heads, help="K/V heads (default: %(default)s)")
    cmd.add_argument("--d-model", type=int, default=d.d_model, help="residual width (default: %(default)s)")
    cmd.add_argument("--context", type=int, default=d.context_length, help="window length (default: %(default)s)")
    cmd.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.parent.is_dir():
        raise CliError(f"--out: folder {out.parent} does not exist")
    if args.threads < 1:
        raise CliError(f"--threads: must be at least 1, got {args.threads}")
    config = default_config().replace(
        n_layers=args.layers,
        n_heads=args.heads,
        n_kv_heads=args.kv_heads,
        d_model=args.d_model,
        context_length=args.context,
        head_dim=None,
    )
    plan = TrainingPlan(steps=args.steps, batch=args.batch, learning_rate=args.lr, seed=args.seed)
    command = (
        f"kvviz train --out {args.out} --steps {plan.steps} --seed {plan.seed} --batch {plan.batch} "
        f"--lr {plan.learning_rate} --threads {args.threads} --layers {config.n_layers} --heads {config.n_heads} "
        f"--kv-heads {config.n_kv_heads} --d-model {config.d_model} --context {config.context_length}"
    )
    try:
        corpus = load_corpus()
    except CorpusError as exc:
        raise CliError(str(exc)) from None
    torch.set_num_threads(args.threads)
    print(
        f"training {config.attention_kind} {config.n_layers}x{config.d_model} on {corpus.n_bytes:,} bytes of "
        f"Python {corpus.python_version} docs, {plan.steps} steps of {plan.batch}x{config.context_length} bytes",
        file=sys.stderr,
    )
    report_every = max(1, plan.steps // 50)

    def show(p: Progress) -> None:
        if p.step % report_every and p.heldout_bits_per_byte is None:
            return
        heldout = "" if p.heldout_bits_per_byte is None else f"  held-out {p.heldout_bits_per_byte:.3f}"
        print(
            f"step {p.step:>{len(str(p.steps))}}/{p.steps}  loss {p.bits_per_byte:.3f} bits/byte{heldout}  "
            f"{p.tokens_per_s / 1000:.1f}k tok/s  elapsed {_clock(p.elapsed_s)}  eta {_clock(p.eta_s)}",
            file=sys.stderr,
            flush=True,
        )

    try:
        result = train(config, corpus, plan, show)
    except KeyboardInterrupt:
        print("kvviz: training interrupted; nothing saved", file=sys.stderr)
        return 130
    save_checkpoint(out, result.model, training_card(result, corpus, command))
    card = write_model_card(out, DEFAULT_PROMPT)
    print(f"saved {out} ({format_bytes(out.stat().st_size)}) and its model card {card}")
    print(
        f"bits per byte: held-out {result.heldout_bits_per_byte:.3f}, training {result.train_bits_per_byte:.3f}, "
        f"unigram baseline {result.unigram_bits_per_byte:.3f}; {_clock(result.wall_time_s)} of training"
    )
    return 0


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kvviz", description="See the KV cache of a transformer decoder work, step by step.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    trace = sub.add_parser("trace", help="run the model headless and print each step's figures")
    add_model_options(trace)
    trace.add_argument("--json", action="store_true", help="one JSON object per line per step")
    trace.set_defaults(func=_trace)
    mem = sub.add_parser("mem", help="KV cache, weights and FLOPs of a published model or a config.json")
    mem.add_argument("model", metavar="MODEL|PATH", help=f"one of {', '.join(memory.PRESET_IDS)}, or a config.json")
    mem.add_argument("--context", type=int, default=4096, help="tokens per sequence (default: %(default)s)")
    mem.add_argument("--batch", type=int, default=1, help="sequences held at once (default: %(default)s)")
    mem.add_argument("--dtype", choices=memory.DTYPES, default="float16", help="cache and weights (default: float16)")
    mem.add_argument("--json", action="store_true", help="one JSON object with every figure")
    mem.set_defaults(func=_mem)
    add_train_command(sub)
    add_export_command(sub)
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
    except CheckpointError as exc:
        print(f"kvviz: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
