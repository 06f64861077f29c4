"""The numbers kvviz shows: FLOPs against FlopCounterMode, bytes against the tensors' storage."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.record import Mode
from kvviz.core.run import Run

from .strategies import model_configs, prompts


@given(model_configs(), prompts, st.integers(0, 4))
def test_analytic_flops_equal_flop_counter_every_step_and_mode(config, prompt, steps):
    run = Run(Engine(config, prompt, count_flops=True))
    room = config.context_length - len(run.engine.prompt_ids)
    records = [run.current] + [run.step_forward() for _ in range(min(steps, room))]
    for r in records:
        for mode in Mode:
            stats = r.mode(mode)
            assert stats.flops_measured == stats.flops.total, (mode, r.step)


def kv_formula(config: ModelConfig, tokens: int) -> int:
    return (
        2
        * config.batch_size
        * tokens
        * config.n_layers
        * config.n_kv_heads
        * config.dim_head
        * config.bytes_per_element
    )


@given(model_configs(dtypes=("float32", "float16", "bfloat16")), prompts, st.integers(0, 5))
def test_cache_bytes_equal_formula_and_storage(config, prompt, steps):
    run = Run(Engine(config, prompt))
    for _ in range(min(steps, config.context_length - len(run.engine.prompt_ids))):
        run.step_forward()
    r = run.current
    assert r.cache_bytes_used == kv_formula(config, r.n_tokens)
    tensors = [*run.engine.cache.keys, *run.engine.cache.values]
    assert r.cache_bytes_used == sum(t[:, :, : r.n_tokens].numel() * t.element_size() for t in tensors)
    assert r.cache_bytes_allocated == sum(t.untyped_storage().nbytes() for t in tensors)
    assert r.cache_bytes_allocated == kv_formula(config, config.context_length)


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_cache_bytes_per_dtype(dtype):
    config = ModelConfig(n_layers=3, n_heads=4, n_kv_heads=2, batch_size=2, dtype=dtype, context_length=32)
    run = Run(Engine(config, "abcd"))
    run.step_forward()
    assert run.current.cache_bytes_used == kv_formula(config, 5)
    assert config.kv_bytes_per_token() * 5 == run.current.cache_bytes_used


def test_cached_decode_costs_one_row_uncached_costs_all():
    config = ModelConfig()
    run = Run(Engine(config, "0123456789"))
    r = run.step_forward()
    assert r.cached.flops.qk == config.n_layers * 2 * config.n_heads * 1 * 11 * config.dim_head
    assert r.uncached.flops.qk == config.n_layers * 2 * config.n_heads * 11 * 11 * config.dim_head
    assert r.cached.flops.lm_head == r.uncached.flops.lm_head
