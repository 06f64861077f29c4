"""A long run: 4,000 decode steps at a small configuration, with memory measured as it grows.

Prints, every 500 steps, the process's resident memory, the attention store's bytes and the
bytes a run of that length should hold (rows, keys and values: ``recording_nbytes``), so any
growth beyond the row storage shows up as a widening gap. Run:
python benchmarks/long_run.py [--steps 4000] [--trim]

With ``--trim`` each reading first hands the allocator's freed pages back to the system:
what then remains beyond the store is memory held, not memory the allocator keeps for reuse.
"""

from __future__ import annotations

import argparse
import time

import torch
from process_memory import rss_bytes, trim_heap

from kvviz.core.attention_store import recording_nbytes
from kvviz.core.config import ModelConfig
from kvviz.core.policy import CachePolicy
from kvviz.core.run import RunSpec, build_run
from kvviz.units import format_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=4000)
    parser.add_argument("--window", type=int, default=0, help="use a sliding-window cache of this size")
    parser.add_argument(
        "--trim", action="store_true", help="return freed heap to the system before each reading (malloc_trim)"
    )
    args = parser.parse_args()
    torch.set_num_threads(1)
    config = ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=1, context_length=args.steps + 64)
    policy = CachePolicy("window", args.window) if args.window else CachePolicy()
    run = build_run(RunSpec(config, "A long run.", policy=policy, weights="random"))
    base = rss_bytes()
    print(f"config: {config.n_layers} layer, {config.n_heads} heads, d_model {config.d_model}, policy {policy.kind}")
    print(f"{'step':>5} {'tokens':>6} {'RSS growth':>11} {'store':>10} {'expected':>10} {'other':>10} {'ms/step':>8}")
    t0 = time.perf_counter()
    for step in range(1, args.steps + 1):
        run.step_forward()
        if step % 500 == 0:
            n = run.current.n_tokens
            expected = recording_nbytes(config.n_layers, config.n_heads, config.n_kv_heads, config.dim_head, n)
            if args.trim:
                trim_heap()
            growth = rss_bytes() - base
            elapsed = (time.perf_counter() - t0) / 500 * 1e3
            print(
                f"{step:>5} {n:>6} {format_bytes(growth):>11} {format_bytes(run.engine.store.nbytes):>10} "
                f"{format_bytes(expected):>10} {format_bytes(growth - expected):>10} {elapsed:>8.1f}"
            )
            t0 = time.perf_counter()
    assert run.engine.store.nbytes == expected


if __name__ == "__main__":
    main()
