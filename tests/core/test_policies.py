"""Cache policies: eviction is real, bytes plateau, and cached still equals uncached under the same mask."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from kvviz.core import quant
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.paging import OutOfBlocks, PagedKVCache, compare_paging
from kvviz.core.policy import CachePolicy
from kvviz.core.record import CellStatus, KVSource, Mode
from kvviz.core.run import Run

from .strategies import model_configs, prompts

policies = st.one_of(
    st.builds(CachePolicy, st.just("window"), st.integers(1, 10)),
    st.builds(CachePolicy, st.just("sink"), st.integers(1, 8), st.integers(1, 3)),
)


def per_slot_bytes(config: ModelConfig, cache_dtype: str = "model") -> int:
    """2 · B · L · kv_heads · (head_dim · bytes per element + scale bytes) for one token."""
    if cache_dtype == "model":
        per_head = config.dim_head * config.bytes_per_element
    else:
        per_head = config.dim_head * (1 if cache_dtype in ("int8", "fp8") else 0.5) + 2
    return int(2 * config.batch_size * config.n_layers * config.n_kv_heads * per_head)


@settings(max_examples=12)  # each example runs four forwards a step, two under FlopCounterMode
@given(model_configs(), prompts, policies, st.integers(1, 16))
def test_windowed_cached_equals_uncached_and_bytes_plateau(config, prompt, policy, steps):
    if policy.capacity(config.context_length) > config.context_length:
        return
    run = Run(Engine(config, prompt, policy=policy, count_flops=True))
    records = [run.current] + [run.step_forward() for _ in range(steps)]  # may run past the context
    for r in records:
        assert r.cached.next_token == r.uncached.next_token
        assert r.max_abs_logit_diff < 1e-4
        assert r.recompute_max_abs_diff is None or r.recompute_max_abs_diff < 1e-4
        resident = min(r.n_tokens, policy.sinks + policy.window)
        assert r.cache_bytes_used == resident * per_slot_bytes(config)
        assert r.cache_bytes_allocated == (policy.sinks + policy.window) * per_slot_bytes(config)
        for mode in Mode:
            assert r.mode(mode).flops_measured == r.mode(mode).flops.total
    assert list(run.engine.cache.resident_positions()) == list(policy.resident(records[-1].n_tokens))


def test_window_statuses_and_evicted_columns():
    policy = CachePolicy("sink", window=4, sinks=2)
    run = Run(Engine(ModelConfig(context_length=16), "abcdefghij", policy=policy))
    r = run.step_forward()  # 11 tokens, query 10 sees keys 0, 1 (sinks) and 7..10 (window)
    cached, uncached = r.cell_status(Mode.CACHED), r.cell_status(Mode.UNCACHED)
    assert list(np.flatnonzero(cached[10] == CellStatus.COMPUTED)) == [0, 1, 7, 8, 9, 10]
    assert list(np.flatnonzero(cached[10] == CellStatus.OUT_OF_WINDOW)) == [2, 3, 4, 5, 6]
    assert (uncached == CellStatus.OUT_OF_WINDOW).sum() == (cached == CellStatus.OUT_OF_WINDOW).sum()
    source = r.kv_source(Mode.CACHED)
    assert list(np.flatnonzero(source == KVSource.EVICTED)) == [2, 3, 4, 5, 6]
    assert list(np.flatnonzero(source == KVSource.COMPUTED)) == [10]
    weights = r.weights(0, 0)[10]
    assert np.all(weights[2:7] == 0) and abs(np.nansum(weights) - 1) < 1e-5
    assert np.all(np.isnan(r.scores(0, 0)[10, 2:7]))  # evicted keys have no score


def test_full_policy_stops_but_window_slides_past_the_context():
    config = ModelConfig(context_length=8)
    full = Run(Engine(config, "abcdef"))
    assert full.seek(10).n_tokens == 8 and "context length" in full.stop_reason
    window = Run(Engine(config, "abcdef", policy=CachePolicy("window", 4)))
    assert window.seek(10).n_tokens == 16 and window.stop_reason is None and window.engine.final_step is None
    assert window.current.cache_bytes_used == 4 * per_slot_bytes(config)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "ring"}, "policy"),
        ({"kind": "window", "window": 0}, "window"),
        ({"kind": "window", "window": 4, "sinks": 2}, "sinks"),
        ({"kind": "sink", "window": 4}, "sinks"),
        ({"kind": "full", "window": 4}, "window"),
    ],
)
def test_invalid_policies_name_the_field(kwargs, field):
    with pytest.raises(ConfigError) as info:
        CachePolicy(**kwargs)
    assert info.value.field == field


def test_window_must_fit_the_context():
    with pytest.raises(ConfigError, match="must not exceed context_length") as info:
        Run(Engine(ModelConfig(context_length=8), "ab", policy=CachePolicy("window", 9)))
    assert info.value.field == "window"
    with pytest.raises(ConfigError) as info:
        Run(Engine(ModelConfig(), "ab", cache_dtype="int3"))
    assert info.value.field == "cache_dtype"


@given(
    st.sampled_from(["int8", "int4", "fp8"]),
    st.integers(1, 4).map(lambda h: 2 * h),
    st.floats(1e-3, 1e3),
    st.integers(0, 2**16),
)
def test_quantization_error_within_documented_bound(cache_dtype, head_dim, magnitude, seed):
    x = torch.randn(2, 3, 5, head_dim, generator=torch.Generator().manual_seed(seed)) * magnitude
    data, scale = quant.quantize(x, cache_dtype)
    assert data.element_size() == 1 and scale.dtype == torch.float16
    assert data.shape[-1] == (head_dim // 2 if cache_dtype == "int4" else head_dim)
    back = quant.dequantize(data, scale, cache_dtype, torch.float32)
    absmax = x.abs().amax(-1, keepdim=True)
    assert torch.all((back - x).abs() <= quant.error_bound(cache_dtype, absmax, x))


@pytest.mark.parametrize("cache_dtype", ["int8", "int4", "fp8"])
@pytest.mark.parametrize("policy", [CachePolicy(), CachePolicy("window", 6)])
def test_quantized_cache_bytes_include_scales_and_error_is_reported(cache_dtype, policy):
    config = ModelConfig(n_heads=4, n_kv_heads=2, batch_size=2, context_length=32)
    run = Run(Engine(config, "quantize me", policy=policy, cache_dtype=cache_dtype))
    r = run.seek(8)
    resident = min(r.n_tokens, policy.capacity(config.context_length))
    assert r.cache_bytes_used == resident * per_slot_bytes(config, cache_dtype)
    assert r.cache_bytes_used == sum(t[:, :, :resident].numel() * t.element_size() for t in run.engine.cache.tensors())
    assert 0 < r.max_abs_logit_diff < 10  # real rounding error, not zero and not garbage
    diverged = [x.step for x in run.history if x.cached.next_token != x.uncached.next_token]
    assert r.first_divergence_step == (diverged[0] if diverged else None)


def test_paged_cache_reads_back_what_was_written():
    config = ModelConfig(n_layers=2, n_kv_heads=2, head_dim=4, d_model=16, n_heads=2)
    paged = PagedKVCache(config, block_size=4, num_blocks=8)
    written = {s: [torch.randn(2, n, 4) for _ in range(2)] for s, n in [(0, 6), (1, 3)]}
    paged.append(0, written[0], written[0])
    paged.append(1, written[1], written[1])
    extra = [torch.randn(2, 5, 4) for _ in range(2)]
    paged.append(0, extra, extra)
    for layer in range(2):
        keys, values = paged.read(0, layer)
        torch.testing.assert_close(keys, torch.cat([written[0][layer], extra[layer]], dim=1))
        torch.testing.assert_close(values, keys)
        torch.testing.assert_close(paged.read(1, layer)[1], written[1][layer])
    assert [len(u.blocks) for u in paged.usage()] == [3, 1]  # 11 tokens → 3 blocks, 3 tokens → 1
    paged.release(1)
    assert len(paged.free_blocks) == 5
    with pytest.raises(OutOfBlocks):
        paged.append(2, [torch.randn(2, 21, 4)] * 2, [torch.randn(2, 21, 4)] * 2)


@given(st.lists(st.integers(0, 64), min_size=1, max_size=6), st.sampled_from([1, 4, 16]))
def test_paged_reserved_covers_used_with_less_than_a_block_of_waste(lengths, block_size):
    config = ModelConfig(context_length=64, n_layers=2, n_heads=4, n_kv_heads=2)
    comparison = compare_paging(config, lengths, block_size)
    per_token = per_slot_bytes(config.replace(batch_size=1))
    for usage, n in zip(comparison.sequences, lengths, strict=True):
        assert usage.tokens == n and usage.bytes_used == n * per_token
        assert 0 <= usage.bytes_wasted < block_size * per_token
    assert comparison.contiguous_bytes == len(lengths) * 64 * per_token
    assert comparison.bytes_used <= comparison.bytes_reserved <= comparison.contiguous_bytes
