"""What the headless sub-commands share: one-line errors, the model and cache options, the run they describe."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
from kvviz.i18n import SOURCE, language, set_language, translate
from kvviz.units import columns, pad

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


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, with its "usage:" in the active language and lines wrapped by terminal columns.

    argparse wraps at spaces and counts characters; Chinese has no spaces and each character
    takes two columns, so its help would run past the terminal's edge.
    """

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, translate("cli.argparse", "usage: ") if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_columns(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_columns(" ".join(text.split()), width - len(indent)))


def wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns: broken at spaces, or between Chinese characters."""
    pieces = re.findall(
        r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|\s+", text
    )
    lines, line = [], ""
    for piece in pieces:
        if piece.isspace():
            piece = " "
        if line and columns(line + piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    return [*lines, line.rstrip()] if line.strip() else lines or [""]


class Parser(argparse.ArgumentParser):
    """argparse that reports mistakes in one line, and says its own words in the active language.

    argparse's words come from the stdlib's gettext domain, which kvviz does not ship; the few
    a user sees are replaced here instead: the group titles, the help option, the usage prefix
    (:class:`HelpFormatter`) and the parse errors (:func:`argparse_message`).
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", HelpFormatter)
        add_help = kwargs.pop("add_help", True)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = translate("cli.argparse", "positional arguments")
        self._optionals.title = translate("cli.argparse", "options")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=translate("cli.argparse", "show this help message and exit"),
            )

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(argparse_message(message))


def _argparse_patterns() -> list[tuple[str, str]]:
    """argparse's error messages (as Python 3.11 to 3.13 word them) and their translations."""
    return [
        (r"argument (?P<argument>\S+): (?P<message>.*)", translate("cli.argparse", "argument {argument}: {message}")),
        (
            r"the following arguments are required: (?P<arguments>.*)",
            translate("cli.argparse", "the following arguments are required: {arguments}"),
        ),
        (
            r"unrecognized arguments: (?P<arguments>.*)",
            translate("cli.argparse", "unrecognized arguments: {arguments}"),
        ),
        (
            r"invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
            translate("cli.argparse", "invalid choice: {value} (choose from {choices})"),
        ),
        (r"invalid (?P<type>\w+) value: (?P<value>.*)", translate("cli.argparse", "invalid {type} value: {value}")),
        (r"expected one argument", translate("cli.argparse", "expected one argument")),
        (r"expected at most one argument", translate("cli.argparse", "expected at most one argument")),
        (r"expected at least one argument", translate("cli.argparse", "expected at least one argument")),
        (
            r"not allowed with argument (?P<argument>.*)",
            translate("cli.argparse", "not allowed with argument {argument}"),
        ),
        (
            r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
            translate("cli.argparse", "ambiguous option: {option} could match {matches}"),
        ),
        (
            r"one of the arguments (?P<arguments>.*) is required",
            translate("cli.argparse", "one of the arguments {arguments} is required"),
        ),
        (r"ignored explicit argument (?P<value>.*)", translate("cli.argparse", "ignored explicit argument {value}")),
    ]


def argparse_message(message: str) -> str:
    """One of argparse's error messages in the active language (itself when it is not one of them)."""
    for pattern, translated in _argparse_patterns():
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match:
            parts = match.groupdict()
            if "message" in parts:
                parts["message"] = argparse_message(parts["message"])
            return translated.format(**parts)
    return message


def cell(text: str, width: int, left: bool = False) -> str:
    """A table column: ``text`` right-aligned (figures) or left-aligned in ``width`` terminal columns."""
    return pad(text, width, left)


@contextmanager
def machine_readable() -> Iterator[None]:
    """English while a block writes JSON or CSV: scripts read those texts, whatever the user's language."""
    previous = language()
    set_language(SOURCE)
    try:
        yield
    finally:
        set_language(previous)


#: The most CPU threads a command hands torch: more is a typo, not a machine.
MAX_THREADS = 1024


def check_threads(threads: int) -> None:
    """``--threads`` within 1..MAX_THREADS, or a one-line refusal (torch would take any number)."""
    if not 1 <= threads <= MAX_THREADS:
        message = translate("cli", "--threads: must be 1 to {most}, got {value}")
        raise CliError(message.format(most=MAX_THREADS, value=threads))


def add_model_options(parser: argparse.ArgumentParser) -> None:
    """Options that shape the model and the run; shared by every sub-command that runs it."""
    d = default_config()
    own = translate("cli", " (default: a file's own; else {value})")
    g = parser.add_argument_group(translate("cli", "model"))
    g.add_argument("--prompt", default=DEFAULT_PROMPT, help=translate("cli", "text to prefill (default: %(default)r)"))
    g.add_argument(
        "--steps", type=int, default=16, help=translate("cli", "decode steps after the prefill (default: %(default)s)")
    )
    g.add_argument(
        "--weights",
        default=DEFAULT_WEIGHTS,
        metavar="trained|random|PATH|DIR|hf:NAME",
        help=translate(
            "cli",
            "trained (the shipped model of the chosen shape, if there is one: {shapes}; else random weights, "
            "with a note), random (any shape), a checkpoint file, a Hugging Face model folder, or a model in the "
            "local Hugging Face cache (default: %(default)s)",
        ).format(shapes=trained_shapes_text()),
    )
    g.add_argument(
        "--download", action="store_true", help=translate("cli", "let --weights hf:NAME fetch a model not cached yet")
    )
    # Shape options pick the trained variant of that shape; a checkpoint file refuses another shape.
    g.add_argument("--layers", type=int, help=translate("cli", "decoder layers") + own.format(value=d.n_layers))
    g.add_argument("--heads", type=int, help=translate("cli", "query heads") + own.format(value=d.n_heads))
    g.add_argument(
        "--kv-heads",
        type=int,
        help=translate(
            "cli", "K/V heads; = heads is MHA, 1 is MQA (default: a file's own; else {value}, or = --heads)"
        ).format(value=d.n_kv_heads),
    )
    g.add_argument("--d-model", type=int, help=translate("cli", "residual width") + own.format(value=d.d_model))
    g.add_argument(
        "--head-dim",
        type=int,
        help=translate("cli", "width of one head (default: the weights'; random: d_model / heads)"),
    )
    g.add_argument(
        "--dtype",
        choices=list(DTYPES),
        help=translate("cli", "element type (default: a model folder's own; else {value})").format(value=d.dtype),
    )
    g.add_argument(
        "--batch",
        type=int,
        default=d.batch_size,
        help=translate("cli", "sequences in the batch (default: %(default)s)"),
    )
    g.add_argument(
        "--context",
        type=int,
        help=translate("cli", "context length (default: {value}, or a model folder's positions if fewer)").format(
            value=d.context_length
        ),
    )
    g.add_argument(
        "--seed",
        type=int,
        default=d.seed,
        help=translate("cli", "seed: random weights, sampling (default: %(default)s)"),
    )
    g.add_argument(
        "--temperature", type=float, default=0.0, help=translate("cli", "0 is greedy (default: %(default)s)")
    )
    g.add_argument("--top-k", type=int, default=0, help=translate("cli", "sample from the k likeliest tokens; 0 = all"))
    c = parser.add_argument_group(translate("cli", "cache"))
    c.add_argument(
        "--policy",
        choices=POLICY_KINDS,
        default="full",
        help=translate("cli", "full, sliding window, or sinks + window"),
    )
    c.add_argument(
        "--window",
        type=int,
        default=0,
        help=translate("cli", "tokens the window keeps, the query's own included"),
    )
    c.add_argument("--sinks", type=int, default=0, help=translate("cli", "first tokens the sink policy always keeps"))
    c.add_argument(
        "--cache-dtype",
        choices=[d for d in CACHE_DTYPES if d != "model"],
        default=None,
        help=translate(
            "cli", "store K/V quantized, with float16 scales per token and head (default: the model's dtype)"
        ),
    )
    c.add_argument(
        "--uncached",
        choices=UNCACHED_CHOICES,
        default="auto",
        help=translate(
            "cli",
            "also run each step without the cache, the reference it is checked against; auto: unless one pass "
            "over the context costs more than 50 GFLOP (default: %(default)s)",
        ),
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
        raise ConfigError("steps", translate("cli", "must be non-negative, got {value}").format(value=args.steps))
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
            raise CliError(translate("cli", "--download: applies to --weights hf:NAME only"))
        return weights_from_text(text)
    try:
        from kvviz.hf.weights import model_folder_weights
    except ImportError as exc:
        message = translate(
            "cli", "--weights: a model folder needs the optional extra: pip install 'kvviz[hf]' ({reason})"
        )
        raise CliError(message.format(reason=exc)) from exc
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
            message = translate("cli", "kvviz: stopped after step {step}: {reason}")
            print(message.format(step=run.current.step, reason=stop), file=sys.stderr)
            return
