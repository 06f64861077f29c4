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
from kvviz.i18n import translate
from kvviz.training.corpus import CorpusError, load_corpus
from kvviz.training.model_card import card_path, is_model_card, training_card, write_model_card
from kvviz.training.trainer import Progress, TrainingPlan, check_step_fits, train
from kvviz.units import format_bytes

#: Training-plan fields by the option that sets them, so errors name what the user typed.
PLAN_OPTIONS = {"steps": "--steps", "batch": "--batch", "learning_rate": "--lr", "seed": "--seed"}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """`kvviz train`: how the shipped weights were made, and how users make their own."""
    d, plan = default_config(), TrainingPlan()
    text = translate("cli.train", "train the tiny decoder on Python's own docs and save a checkpoint")
    cmd = sub.add_parser("train", help=text, description=text)
    cmd.add_argument(
        "--out",
        required=True,
        help=translate("cli.train", "checkpoint to write (.pt); its model card goes next to it (.md)"),
    )
    default = translate("cli.train", " (default: %(default)s)")
    cmd.add_argument("--steps", type=int, default=plan.steps, help=translate("cli.train", "optimizer steps") + default)
    cmd.add_argument(
        "--seed", type=int, default=plan.seed, help=translate("cli.train", "seed for init and batches") + default
    )
    cmd.add_argument("--batch", type=int, default=plan.batch, help=translate("cli.train", "windows per step") + default)
    cmd.add_argument(
        "--lr", type=float, default=plan.learning_rate, help=translate("cli.train", "peak learning rate") + default
    )
    cmd.add_argument("--threads", type=int, default=2, help=translate("cli.train", "CPU threads for torch") + default)
    cmd.add_argument("--layers", type=int, default=d.n_layers, help=translate("cli.train", "decoder layers") + default)
    cmd.add_argument("--heads", type=int, default=d.n_heads, help=translate("cli.train", "query heads") + default)
    cmd.add_argument("--kv-heads", type=int, default=d.n_kv_heads, help=translate("cli.train", "K/V heads") + default)
    cmd.add_argument("--d-model", type=int, default=d.d_model, help=translate("cli.train", "residual width") + default)
    cmd.add_argument(
        "--context", type=int, default=d.context_length, help=translate("cli.train", "window length") + default
    )
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
    message = translate(
        "cli.train",
        "training {kind} {layers}x{width} on {bytes} bytes of Python {version} docs, {steps} steps of "
        "{batch}x{context} bytes",
    )
    shape = {"kind": config.attention_kind, "layers": config.n_layers, "width": config.d_model}
    sizes = {"batch": plan.batch, "context": config.context_length, "bytes": f"{corpus.n_bytes:,}"}
    print(message.format(**shape, **sizes, version=corpus.python_version, steps=plan.steps), file=sys.stderr)
    report_every = max(1, plan.steps // 50)

    def show(p: Progress) -> None:
        if p.step % report_every and p.heldout_bits_per_byte is None:
            return
        heldout = ""
        if p.heldout_bits_per_byte is not None:
            heldout = "  " + translate("cli.train", "held-out {bits}").format(bits=f"{p.heldout_bits_per_byte:.3f}")
        line = translate(
            "cli.train",
            "step {step}/{steps}  loss {loss} bits/byte{heldout}  {speed}k tok/s  elapsed {elapsed}  eta {eta}",
        ).format(
            step=f"{p.step:>{len(str(p.steps))}}",
            steps=p.steps,
            loss=f"{p.bits_per_byte:.3f}",
            heldout=heldout,
            speed=f"{p.tokens_per_s / 1000:.1f}",
            elapsed=_clock(p.elapsed_s),
            eta=_clock(p.eta_s),
        )
        print(line, file=sys.stderr, flush=True)

    try:
        result = train(config, corpus, plan, show)
    except KeyboardInterrupt:
        print(translate("cli.train", "kvviz: training interrupted; nothing saved"), file=sys.stderr)
        return 130
    try:
        write_atomic(out, lambda tmp: save_checkpoint(tmp, result.model, training_card(result, corpus, command)))
        card = write_model_card(out, DEFAULT_PROMPT)
    except OSError as exc:  # a full disk after minutes of training: say so in one line
        message = translate("cli.train", "--out: cannot write {path}: {reason}")
        raise CliError(message.format(path=out, reason=exc.strerror or exc)) from None
    saved = translate("cli.train", "saved {path} ({size}) and its model card {card}")
    print(saved.format(path=out, size=format_bytes(out.stat().st_size), card=card))
    summary = translate(
        "cli.train",
        "bits per byte: held-out {heldout}, training {training}, unigram baseline {unigram}; {time} of training",
    )
    print(
        summary.format(
            heldout=f"{result.heldout_bits_per_byte:.3f}",
            training=f"{result.train_bits_per_byte:.3f}",
            unigram=f"{result.unigram_bits_per_byte:.3f}",
            time=_clock(result.wall_time_s),
        )
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
        message = translate(
            "cli.train",
            "--out: give a checkpoint name ending in .pt (its card is written beside it as .md), not {name}",
        )
        raise CliError(message.format(name=repr(text)))
    card = card_path(out)
    try:
        for path in (out, card):
            check_writable(path)
    except OutputError as exc:
        raise CliError(f"--out: {exc}") from None
    if card.is_file() and not is_model_card(card):
        message = translate(
            "cli.train", "--out: {card} exists and is not a kvviz model card; move it or choose another name"
        )
        raise CliError(message.format(card=card))
    return out


def _clock(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"
