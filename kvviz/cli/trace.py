"""`kvviz trace`: run the model headless and print each step's figures, as a table or JSON lines."""

from __future__ import annotations

import argparse
import json

from kvviz.cli.common import add_model_options, run_from_args, run_steps
from kvviz.core.agreement import agreement_text
from kvviz.core.attention_store import recording_nbytes
from kvviz.core.eviction_probe import probe_eviction, probe_text
from kvviz.core.serialize import record_to_dict
from kvviz.units import format_bytes, format_flops, format_seconds


def add_parser(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("trace", help="run the model headless and print each step's figures")
    add_model_options(cmd)
    cmd.add_argument("--json", action="store_true", help="one JSON object per line per step")
    cmd.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    traced = run_from_args(args, count_flops=True)
    if args.json:
        for record in run_steps(traced, args.steps):
            print(json.dumps(record_to_dict(record)), flush=True)
        return 0
    header = (
        f"{'step':>4} {'phase':<7} {'n':>4} {'token':<6} {'FLOPs uncached':>14} {'FLOPs cached':>12} "
        f"{'saved':>6} {'cache used':>10} {'t uncached':>10} {'t cached':>9} {'|Δlogit|':>8}"
    )
    c, spec = traced.config, traced.spec
    print(
        f"{c.attention_kind}: {c.n_layers} layers, {c.n_heads} heads, {c.n_kv_heads} kv-heads, "
        f"head_dim {c.dim_head}, {c.dtype}, batch {c.batch_size}, context {c.context_length}"
    )
    cache_dtype = "" if spec.cache_dtype == "model" else f" K/V stored as {spec.cache_dtype} with float16 scales."
    print(spec.policy.describe_limit(c.context_length) + cache_dtype)
    store = traced.engine.store
    full = recording_nbytes(c.n_layers, c.n_heads, c.n_kv_heads, c.dim_head, c.context_length, store.dtype.itemsize)
    print(
        f"Recorded for the views: every Q·Kᵀ row, softmax row, key and value, in {store.dtype.name} "
        f"({format_bytes(full)} at the full context)."
    )
    if traced.current.uncached is None:
        print(f"Uncached pass not computed ({traced.current.uncached_off}): its columns read '-'.")
    print(header)
    for r in run_steps(traced, args.steps):
        u, k = r.uncached, r.cached
        if u is None:  # not computed: nothing to show, nothing invented
            flops_u, saved, time_u, diff = "-", "-", "-", "-"
        else:
            flops_u, time_u = format_flops(u.flops.total), format_seconds(u.time_s)
            saved, diff = f"{1 - k.flops.total / u.flops.total:.0%}", f"{r.max_abs_logit_diff:.1e}"
        token = r.text.token_labels([r.next_token])[0]
        print(
            f"{r.step:>4} {r.phase.value:<7} {r.n_tokens:>4} {token:<6} {flops_u:>14} "
            f"{format_flops(k.flops.total):>12} {saved:>6} {format_bytes(r.cache_bytes_used):>10} "
            f"{time_u:>10} {format_seconds(k.time_s):>9} {diff:>8}"
        )
    last = traced.current
    print(f"generated: {last.text.decode((*last.tokens[last.n_prompt :], last.next_token))!r}")
    print(agreement_text(last))  # the status bar's words, from the same record
    engine = traced.engine
    probe = probe_eviction(engine.model, last) if engine.policy.evicts else None
    if probe is not None:
        print(probe_text(probe))  # what eviction removed, and what it did not
    return 0
