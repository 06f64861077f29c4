"""Cached and uncached generation must agree: the cache is an optimisation, never a change."""

import torch
from hypothesis import given
from hypothesis import strategies as st

from kvviz.core.engine import Engine
from kvviz.core.model import TinyDecoder
from kvviz.core.run import Run

from .strategies import model_configs, prompts

TOLERANCE = {"float32": 1e-4, "float16": 5e-2, "bfloat16": 2.5e-1}


def reference_greedy(model: TinyDecoder, prompt_ids: list[int], n_new: int, batch: int) -> list[int]:
    """Greedy generation the textbook way: rerun the whole sequence for every token, no cache."""
    ids = torch.tensor([prompt_ids] * batch)
    out = []
    with torch.inference_mode():
        for _ in range(n_new):
            token = model(ids).logits.float().argmax(-1)
            out.append(int(token[0]))
            ids = torch.cat([ids, token[:, None]], dim=1)
    return out


def run_steps(config, prompt, steps):
    run = Run(Engine(config, prompt))
    records = [run.current]
    while len(records) <= steps and run.can_step_forward():
        records.append(run.step_forward())
    return run, records


@given(model_configs(), prompts, st.integers(1, 8))
def test_cached_equals_uncached_float32(config, prompt, steps):
    run, records = run_steps(config, prompt, steps)
    for r in records:
        assert r.cached.next_token == r.uncached.next_token
        assert r.max_abs_logit_diff <= TOLERANCE["float32"]
    generated = [r.next_token for r in records]
    assert generated == reference_greedy(run.engine.model, run.engine.prompt_ids, len(records), config.batch_size)


@given(model_configs(dtypes=("float16", "bfloat16")), prompts, st.integers(1, 6))
def test_cached_close_to_uncached_half_precision(config, prompt, steps):
    _, records = run_steps(config, prompt, steps)
    for r in records:
        assert r.max_abs_logit_diff <= TOLERANCE[config.dtype], (config, r.step)
