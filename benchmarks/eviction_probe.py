"""What the eviction probe costs: two uncached passes over every token so far, timed at several lengths.

The app runs the probe on demand, on a worker thread (the help page's link); this prints how
long that takes and what it finds for the default model with a sliding window. Run:
python benchmarks/eviction_probe.py [--tokens 256 1024 2048] [--window 16] [--repeats 3]
"""

from __future__ import annotations

import argparse
import time

import torch

from kvviz.core.checkpoint import build_model
from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config
from kvviz.core.engine import Engine
from kvviz.core.eviction_probe import probe_eviction
from kvviz.core.policy import CachePolicy
from kvviz.core.record import Mode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, nargs="+", default=[256, 1024, 2048])
    parser.add_argument("--window", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)  # as in the app
    config = default_config()
    model = build_model(config, DEFAULT_WEIGHTS)
    policy = CachePolicy("window", window=args.window)
    engine = Engine(config, DEFAULT_PROMPT, model=model, policy=policy, modes=[Mode.CACHED], record_attention=False)
    print(f"{config.n_layers} layers, d_model {config.d_model}, window {args.window}, {args.repeats} repeats (best)")
    print(f"{'tokens':>7} {'evicted':>8} {'probe':>9} {'max |Δlogit|':>13}")
    for n in sorted(args.tokens):
        while engine.current.n_tokens < n:
            engine.step_forward()
        record = engine.current
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            probe = probe_eviction(model, record)
            times.append(time.perf_counter() - start)
        best_ms = min(times) * 1e3
        print(f"{record.n_tokens:>7} {probe.n_evicted:>8} {best_ms:>7.0f} ms {probe.max_abs_logit_change:>13.2g}")


if __name__ == "__main__":
    main()
