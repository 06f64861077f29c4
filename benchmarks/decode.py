"""Decode speed: per-token time with and without the KV cache, and against Hugging Face GPT-2.

Prints, for several generated lengths, the per-token forward time of both modes measured side
by side in one run, and the per-token time of the whole cached engine step with attention
recording on and off. When `transformers` is installed, it also times its GPT-2 with the same
tiny shape (random initialisation, nothing downloaded) decoding with its own KV cache.
The last line is ``ratio_vs_transformers=<kvviz cached per-token / transformers cached per-token>``.

Run: python benchmarks/decode.py [--lengths 64 128 256 512] [--repeats 3]
"""

from __future__ import annotations

import argparse
import functools
import statistics
import time
import warnings
from collections.abc import Callable

import torch

from kvviz.core.config import ModelConfig
from kvviz.core.record import Mode
from kvviz.core.run import RunSpec, build_run

PROMPT = "The KV cache stores keys and values."


def bench_config(max_len: int) -> ModelConfig:
    """The tiny shape both libraries run: 2 layers, 4 heads, d_model 64, byte vocabulary."""
    return ModelConfig(d_model=64, n_layers=2, n_heads=4, n_kv_heads=4, context_length=max_len + 64)


def side_by_side(config: ModelConfig, steps: int) -> tuple[float, float]:
    """Per-token forward time (uncached, cached) from one run that does both every step."""
    run = build_run(RunSpec(config, PROMPT, weights="random"))
    records = [run.step_forward() for _ in range(steps)]
    return (
        statistics.fmean(r.uncached.time_s for r in records),
        statistics.fmean(r.cached.time_s for r in records),
    )


def engine_cached(config: ModelConfig, steps: int, record: bool) -> float:
    """Per-token wall time of whole cached engine steps (forward, sampling, recording, record)."""
    run = build_run(RunSpec(config, PROMPT, weights="random"), modes=(Mode.CACHED,), record_attention=record)
    t0 = time.perf_counter()
    for _ in range(steps):
        run.step_forward()
    return (time.perf_counter() - t0) / steps


def transformers_cached(config: ModelConfig, steps: int) -> float | None:
    """Per-token wall time of HF GPT-2 (same tiny shape) decoding greedily with its KV cache."""
    try:
        from transformers import GPT2Config, GPT2LMHeadModel
        from transformers.utils import logging
    except ImportError:
        return None
    logging.set_verbosity_error()
    hf_config = GPT2Config(
        vocab_size=config.vocab_size,
        n_positions=config.context_length,
        n_embd=config.d_model,
        n_layer=config.n_layers,
        n_head=config.n_heads,
        attn_implementation="eager",
    )
    torch.manual_seed(0)
    model = GPT2LMHeadModel(hf_config).eval()
    ids = torch.tensor([list(PROMPT.encode())])
    with torch.inference_mode():
        out = model(input_ids=ids, use_cache=True)
        past, token = out.past_key_values, out.logits[:, -1].argmax(-1, keepdim=True)
        t0 = time.perf_counter()
        for _ in range(steps):
            out = model(input_ids=token, past_key_values=past, use_cache=True)
            past, token = out.past_key_values, out.logits[:, -1].argmax(-1, keepdim=True)
        return (time.perf_counter() - t0) / steps


def transformers_or_nan(config: ModelConfig, steps: int) -> float:
    timed = transformers_cached(config, steps)
    return float("nan") if timed is None else timed


def interleaved_best(repeats: int, *timers: Callable[[], float]) -> list[float]:
    """The fastest of ``repeats`` runs of each timer, run in turn (one of each, then again), so a burst of
    other work on the machine disturbs every figure alike instead of the one that happened to run then."""
    runs = [[timer() for timer in timers] for _ in range(repeats)]
    return [min(times) for times in zip(*runs, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", type=int, nargs="+", default=[64, 128, 256, 512])
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure; the fastest is kept")
    args = parser.parse_args()
    torch.set_num_threads(1)  # per-token decode is latency-bound; threads only add noise on 2 cores
    warnings.filterwarnings("ignore", category=FutureWarning)  # transformers' notices about its cache API

    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, batch 1, float32, CPU")
    print(
        f"{'tokens':>6} {'uncached/tok':>13} {'cached/tok':>11} {'speed-up':>8} "
        f"{'engine rec on':>13} {'rec off':>9} {'rec cost':>8} {'HF GPT-2':>9}"
    )
    ratio = None
    for steps in args.lengths:
        config = bench_config(steps)
        uncached, cached = side_by_side(config, steps)
        rec_on, rec_off, hf = interleaved_best(
            args.repeats,
            functools.partial(engine_cached, config, steps, True),
            functools.partial(engine_cached, config, steps, False),
            functools.partial(transformers_or_nan, config, steps),
        )
        print(
            f"{steps:>6} {uncached * 1e3:>10.3f} ms {cached * 1e3:>8.3f} ms {uncached / cached:>7.1f}× "
            f"{rec_on * 1e3:>10.3f} ms {rec_off * 1e3:>6.3f} ms {rec_on / rec_off - 1:>7.0%} "
            f"{hf * 1e3:>6.3f} ms"
        )
        ratio = rec_on / hf
    if ratio is None or ratio != ratio:
        print("ratio_vs_transformers=unavailable (transformers is not installed)")
    else:
        print(f"ratio_vs_transformers={ratio:.3f}")


if __name__ == "__main__":
    main()
