"""What the headless sub-commands share: one-line errors, the model and cache options, the run they describe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kvviz.core.checkpoint import (
    Weights,
    check_shape_matches,
    config_for_weights,
    weights_from_text,
    weights_label,
)
from kvviz.core.config import DTYPES, ConfigError
from kvviz.core.decoder import ModelSource
from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config
from kvviz.core.engine import GenerationStopped
from kvviz.core.policy import POLICY_KINDS, CachePolicy
from kvviz.core.quant import CACHE_DTYPES
from kvviz.core.reference import UNCACHED_CHOICES
from kvviz.core.run import Run, RunSpec, build_run
from kvviz.core.sampling import Sampling
from kvviz.core.variants import resolve_trained, trained_shapes_text

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
    "uncached": "--uncached",
}


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes in one line instead of usage plus message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(message)


#: The most CPU threads a command hands torch: more is a typo, not a machine.
MAX_THREADS = 1024


def check_threads(threads: int) -> None:
    """``--threads`` within 1..MAX_THREADS, or a one-line refusal (torch would take any number)."""
    if not 1 <= threads <= MAX_THREADS:
        raise CliError(f"--threads: must be 1 to {MAX_THREADS}, got {threads}")


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """Options that shape the model and the run; shared by every sub-command that runs it."""
    d = default_config()
    g = parser.add_argument_group("model")
    g.add_argument("--prompt", default=DEFAULT_PROMPT, help="text to prefill (default: %(default)r)")
    g.add_argument("--steps", type=int, default=16, help="decode steps after the prefill (default: %(default)s)")
    g.add_argument(
        "--weights",
        default=DEFAULT_WEIGHTS,
        metavar="trained|random|PATH|DIR|hf:NAME",
        help="trained (the shipped model of the chosen shape, if there is one: "
        + trained_shapes_text()
        + "; else random weights, with a note), random (any shape), a checkpoint file, a Hugging Face model "
        "folder, or a model in the local Hugging Face cache (default: %(default)s)",
    )
    g.add_argument("--download", action="store_true", help="let --weights hf:NAME fetch a model not cached yet")
    # Shape options pick the trained variant of that shape; a checkpoint file refuses another shape.
    g.add_argument("--layers", type=int, help=f"decoder layers (default: a file's own; else {d.n_layers})")
    g.add_argument("--heads", type=int, help=f"query heads (default: a file's own; else {d.n_heads})")
    g.add_argument(
        "--kv-heads",
        type=int,
        help=f"K/V heads; = heads is MHA, 1 is MQA (default: a file's own; else {d.n_kv_heads}, or = --heads)",
    )
    g.add_argument("--d-model", type=int, help=f"residual width (default: a file's own; else {d.d_model})")
    g.add_argument("--head-dim", type=int, help="width of one head (default: the weights'; random: d_model / heads)")
    g.add_argument(
        "--dtype", choices=list(DTYPES), help=f"element type (default: a model folder's own; else {d.dtype})"
    )
    g.add_argument("--batch", type=int, default=d.batch_size, help="sequences in the batch (default: %(default)s)")
    g.add_argument(
        "--context",
        type=int,
        help=f"context length (default: {d.context_length}, or a model folder's positions if fewer)",
    )
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
    c.add_argument(
        "--uncached",
        choices=UNCACHED_CHOICES,
        default="auto",
        help="also run each step without the cache, the reference it is checked against; auto: unless one pass "
        "over the context costs more than 50 GFLOP (default: %(default)s)",
    )


def spec_from_args(args: argparse.Namespace) -> RunSpec:
    """The run the options describe; a ConfigError names the offending option.

    Trained weights follow the shape options to the shipped variant of that shape; a shape
    without one runs random weights, with a one-line note on stderr. A bad weights file
    raises CheckpointError (one line naming the file).
    """
    weights = weights_from_args(args)
    d = default_config()
    run = {"batch_size": args.batch, "seed": args.seed}
    if isinstance(weights, ModelSource):
        context = args.context if args.context is not None else min(d.context_length, weights.max_positions)
        base = weights.configure(d.replace(context_length=context, **run))
    else:
        context = args.context if args.context is not None else d.context_length
        base = config_for_weights(weights, d).replace(dtype=args.dtype or d.dtype, context_length=context, **run)
    shape = {
        "n_layers": args.layers,
        "n_heads": args.heads,
        "n_kv_heads": args.kv_heads,
        "d_model": args.d_model,
        "head_dim": args.head_dim,
    }
    given = {name: value for name, value in shape.items() if value is not None}
    if weights in ("trained", "random"):
        if "n_heads" in given:
            given.setdefault("n_kv_heads", given["n_heads"])
    else:
        check_shape_matches(given, base, weights_label(weights))
    config = base.replace(**given)
    weights, note = resolve_trained(config, weights)
    if note:
        print(f"kvviz: note: {note}", file=sys.stderr)
    if args.steps < 0:
        raise ConfigError("steps", f"must be non-negative, got {args.steps}")
    return RunSpec(
        config=config,
        prompt=args.prompt,
        policy=CachePolicy(args.policy, args.window, args.sinks),
        cache_dtype=args.cache_dtype or "model",
        weights=weights,
        sampling=Sampling(temperature=args.temperature, top_k=args.top_k, seed=args.seed),
        uncached=args.uncached,
    )


def weights_from_args(args: argparse.Namespace) -> Weights | ModelSource:
    """The weights ``--weights`` names: a model folder or ``hf:NAME`` becomes a model source."""
    text = args.weights
    if not (text.startswith("hf:") or Path(text).is_dir()):
        if args.download:
            raise CliError("--download: applies to --weights hf:NAME only")
        return weights_from_text(text)
    try:
        from kvviz.hf.weights import model_folder_weights
    except ImportError as exc:
        raise CliError(f"--weights: a model folder needs the optional extra: pip install 'kvviz[hf]' ({exc})") from exc
    return model_folder_weights(text, dtype=args.dtype, download=args.download)


def run_from_args(args: argparse.Namespace, *, count_flops: bool = False) -> Run:
    """Build the run the options describe (see :func:`spec_from_args` for the errors)."""
    return build_run(spec_from_args(args), count_flops=count_flops)


def run_steps(run: Run, steps: int):
    """Yield the prefill record, then up to ``steps`` decode records; stops early at a limit."""
    yield run.current
    for _ in range(steps):
        try:
            yield run.step_forward()
        except GenerationStopped as stop:
            print(f"kvviz: stopped after step {run.current.step}: {stop}", file=sys.stderr)
            return
