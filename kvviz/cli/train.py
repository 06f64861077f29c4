"""`kvviz train`: how the shipped weights were made, and how users make their own."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

from kvviz.atomic_file import OutputError, check_writable, write_atomic
from kvviz.cli.common import CliError, check_threads
from kvviz.core.checkpoint import CHECKPOINT_SUFFIX, save_checkpoint
from kvviz.core.config import ConfigError
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.training.corpus import CorpusError, load_corpus
from kvviz.training.model_card import card_path, is_model_card, training_card, write_model_card
from kvviz.training.trainer import Progress, TrainingPlan, check_step_fits, train
from kvviz.units import format_bytes

#: Training-plan fields by the option that sets them, so errors name what the user typed.
PLAN_OPTIONS = {"steps": "--steps", "batch": "--batch", "learning_rate": "--lr", "seed": "--seed"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """`kvviz train`: how the shipped weights were made, and how users make their own."""
    d, plan = default_config(), TrainingPlan()
    cmd = sub.add_parser("train", help="train the tiny decoder on Python's own docs and save a checkpoint")
    cmd.add_argument("--out", required=True, help="checkpoint to write (.pt); its model card goes next to it (.md)")
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
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    out = _check_out(args.out)
    check_threads(args.threads)
    config = default_config().replace(
        n_layers=args.layers,
        n_heads=args.heads,
        n_kv_heads=args.kv_heads,
        d_model=args.d_model,
        context_length=args.context,
        head_dim=None,
    )
    try:
        plan = TrainingPlan(steps=args.steps, batch=args.batch, learning_rate=args.lr, seed=args.seed)
        check_step_fits(config, plan)
    except ConfigError as exc:
        raise _option_error(exc) from None
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
    try:
        write_atomic(out, lambda tmp: save_checkpoint(tmp, result.model, training_card(result, corpus, command)))
        card = write_model_card(out, DEFAULT_PROMPT)
    except OSError as exc:  # a full disk after minutes of training: say so in one line
        raise CliError(f"--out: cannot write {out}: {exc.strerror or exc}") from None
    print(f"saved {out} ({format_bytes(out.stat().st_size)}) and its model card {card}")
    print(
        f"bits per byte: held-out {result.heldout_bits_per_byte:.3f}, training {result.train_bits_per_byte:.3f}, "
        f"unigram baseline {result.unigram_bits_per_byte:.3f}; {_clock(result.wall_time_s)} of training"
    )
    return 0


def _option_error(exc: ConfigError) -> CliError:
    """A training-plan error, naming the option the user typed."""
    return CliError(f"{PLAN_OPTIONS.get(exc.field, exc.field)}: {exc.rule}")


def _check_out(text: str) -> Path:
    """The checkpoint path, refused before minutes of training if it or its card could not be written.

    The card goes beside the checkpoint with the suffix ``.md``, so only a ``.pt`` name keeps
    the two apart; a file already at the card's path that is not a kvviz card is a user's, and
    is kept. Both are written like exports: atomically, replacing a symlink, not its target.
    """
    out = Path(text).expanduser()
    if out.suffix.lower() != CHECKPOINT_SUFFIX:
        raise CliError(
            f"--out: give a checkpoint name ending in .pt (its card is written beside it as .md), not {text!r}"
        )
    card = card_path(out)
    try:
        for path in (out, card):
            check_writable(path)
    except OutputError as exc:
        raise CliError(f"--out: {exc}") from None
    if card.is_file() and not is_model_card(card):
        raise CliError(f"--out: {card} exists and is not a kvviz model card; move it or choose another name")
    return out


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
