"""`kvviz trace`: run the model headless and print each step's figures, as a table or JSON lines."""

from __future__ import annotations

import argparse
import json

from kvviz.cli.common import add_model_options, cell, machine_readable, run_from_args, run_steps, spec_from_args
from kvviz.core.agreement import agreement_text
from kvviz.core.attention_store import recording_nbytes
from kvviz.core.eviction_probe import probe_eviction, probe_text
from kvviz.core.run import build_run
from kvviz.core.serialize import record_to_dict
from kvviz.i18n import translate
from kvviz.units import format_bytes, format_flops, format_seconds


def add_parser(sub: argparse._SubParsersAction) -> None:
    text = translate("cli.trace", "run the model headless and print each step's figures")
    cmd = sub.add_parser("trace", help=text, description=text)
    add_model_options(cmd)
    cmd.add_argument("--json", action="store_true", help=translate("cli.trace", "one JSON object per line per step"))
    cmd.set_defaults(func=run)


#: The table's columns: title (marked where it is shown) and width in terminal columns.
COLUMNS = (4, 7, 4, 6, 14, 12, 6, 10, 10, 9, 8)


def _header() -> str:
    titles = (
        translate("cli.trace", "step"),
        translate("cli.trace", "phase"),
        "n",
        translate("cli.trace", "token"),
        translate("cli.trace", "FLOPs uncached"),
        translate("cli.trace", "FLOPs cached"),
        translate("cli.trace", "saved"),
        translate("cli.trace", "cache used"),
        translate("cli.trace", "t uncached"),
        translate("cli.trace", "t cached"),
        "|Δlogit|",
    )
    return _row(titles)


def _row(cells: tuple[str, ...]) -> str:
    """One table line; the phase and token columns are left-aligned, the figures right-aligned."""
    return " ".join(
        cell(text, width, left=index in (1, 3)) for index, (text, width) in enumerate(zip(cells, COLUMNS, strict=True))
    )


def _phase(phase: str) -> str:
    return translate("cli.trace", "prefill") if phase == "prefill" else translate("cli.trace", "decode")


def run(args: argparse.Namespace) -> int:
    if args.json:
        spec = spec_from_args(args)  # mistakes and notes in the user's language
        with machine_readable():  # a record keeps some words (why the uncached pass is off): English for scripts
            traced = build_run(spec, count_flops=True)
        for record in run_steps(traced, args.steps):
            with machine_readable():
                line = json.dumps(record_to_dict(record))
            print(line, flush=True)
        return 0
    traced = run_from_args(args, count_flops=True)
    c, spec = traced.config, traced.spec
    print(
        translate(
            "cli.trace",
            "{kind}: {layers} layers, {heads} heads, {kv_heads} kv-heads, head_dim {head_dim}, {dtype}, "
            "batch {batch}, context {context}",
        ).format(
            kind=c.attention_kind,
            layers=c.n_layers,
            heads=c.n_heads,
            kv_heads=c.n_kv_heads,
            head_dim=c.dim_head,
            dtype=c.dtype,
            batch=c.batch_size,
            context=c.context_length,
        )
    )
    limit = spec.policy.describe_limit(c.context_length)
    if spec.cache_dtype != "model":
        limit += translate("cli.trace", " K/V stored as {dtype} with float16 scales.").format(dtype=spec.cache_dtype)
    print(limit)
    store = traced.engine.store
    full = recording_nbytes(c.n_layers, c.n_heads, c.n_kv_heads, c.dim_head, c.context_length, store.dtype.itemsize)
    print(
        translate(
            "cli.trace",
            "Recorded for the views: every Q·Kᵀ row, softmax row, key and value, in {dtype} ({size} at the full "
            "context).",
        ).format(dtype=store.dtype.name, size=format_bytes(full))
    )
    if traced.current.uncached is None:
        message = translate("cli.trace", "Uncached pass not computed ({reason}): its columns read '-'.")
        print(message.format(reason=traced.current.uncached_off))
    print(_header())
    for r in run_steps(traced, args.steps):
        u, k = r.uncached, r.cached
        if u is None:  # not computed: nothing to show, nothing invented
            flops_u, saved, time_u, diff = "-", "-", "-", "-"
        else:
            flops_u, time_u = format_flops(u.flops.total), format_seconds(u.time_s)
            saved, diff = f"{1 - k.flops.total / u.flops.total:.0%}", f"{r.max_abs_logit_diff:.1e}"
        token = r.text.token_labels([r.next_token])[0]
        cells = (str(r.step), _phase(r.phase.value), str(r.n_tokens), token, flops_u, format_flops(k.flops.total))
        used, cached_time = format_bytes(r.cache_bytes_used), format_seconds(k.time_s)
        print(_row((*cells, saved, used, time_u, cached_time, diff)))
    last = traced.current
    generated = repr(last.text.decode((*last.tokens[last.n_prompt :], last.next_token)))
    print(translate("cli.trace", "generated: {text}").format(text=generated))
    print(agreement_text(last))  # the status bar's words, from the same record
    engine = traced.engine
    probe = probe_eviction(engine.model, last) if engine.policy.evicts else None
    if probe is not None:
        print(probe_text(probe))  # what eviction removed, and what it did not
    return 0
