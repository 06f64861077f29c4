"""The explorer's formulas applied to the tiny model equal what the engine measures.

Cache bytes are read off the engine's tensors, FLOPs are counted by FlopCounterMode and
parameters by the model itself: the same functions that describe Llama or DeepSeek must
reproduce them exactly.
"""

import pytest

from kvviz import memory
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.flops import forward_flops
from kvviz.core.policy import CachePolicy
from kvviz.core.record import Phase
from kvviz.core.run import Run

CONFIGS = [
    ModelConfig(n_layers=2, d_model=64, n_heads=4, n_kv_heads=4, context_length=48),  # MHA, float32
    ModelConfig(n_layers=3, d_model=64, n_heads=4, n_kv_heads=2, dtype="bfloat16", context_length=48),  # GQA
    ModelConfig(n_layers=1, d_model=48, n_heads=6, n_kv_heads=1, dtype="float16", batch_size=2, context_length=48),
    ModelConfig(n_layers=2, d_model=32, n_heads=2, n_kv_heads=2, head_dim=24, batch_size=3, context_length=48),
]


def _ids(config):
    return [f"{c.n_layers}L-{c.n_heads}h-{c.n_kv_heads}kv-{c.dtype}-b{c.batch_size}" for c in config]


@pytest.mark.parametrize("config", CONFIGS, ids=_ids(CONFIGS))
def test_predicted_cache_bytes_equal_the_engines_measured_bytes(config):
    run = Run(Engine(config, "cache me", record_attention=False))
    spec = memory.spec_from_model_config(config)
    for record in [run.current, *(run.step_forward() for _ in range(5))]:
        predicted = memory.cache_bytes(spec, record.n_tokens, config.dtype, config.batch_size)
        assert predicted == record.cache_bytes_used
    assert memory.bytes_per_token(spec, config.dtype) * config.batch_size == config.kv_bytes_per_token()


@pytest.mark.parametrize("config", CONFIGS, ids=_ids(CONFIGS))
def test_predicted_parameters_and_weight_bytes_equal_the_models(config):
    run = Run(Engine(config, "x", record_attention=False))
    params = list(run.engine.model.parameters())
    spec = memory.spec_from_model_config(config)
    assert memory.param_counts(spec).total == sum(p.numel() for p in params)
    assert memory.weight_bytes(spec, config.dtype) == sum(p.numel() * p.element_size() for p in params)


@pytest.mark.parametrize("config", CONFIGS[:3], ids=_ids(CONFIGS[:3]))
def test_predicted_flops_per_token_equal_forward_flops_and_the_counter(config):
    run = Run(Engine(config, "count", record_attention=False, count_flops=True))
    spec = memory.spec_from_model_config(config)
    for _ in range(3):
        record = run.step_forward()
        assert record.phase is Phase.DECODE
        n, b = record.n_tokens, config.batch_size
        predicted = memory.flops_per_token(spec, n)
        assert b * predicted.cached.total == forward_flops(config, 1, n).total == record.cached.flops_measured
        assert b * predicted.uncached.total == forward_flops(config, n, n).total == record.uncached.flops_measured


@pytest.mark.parametrize(
    ("policy", "kept"),
    [(CachePolicy("window", window=6), 6), (CachePolicy("sink", window=5, sinks=2), 7)],
    ids=["window", "sink"],
)
def test_an_evicting_cache_plateaus_where_the_prediction_does(policy, kept):
    config = ModelConfig(n_layers=2, d_model=64, n_heads=4, n_kv_heads=2, context_length=32)
    run = Run(Engine(config, "ab", record_attention=False, policy=policy))
    spec = memory.spec_from_model_config(config, kept_positions=kept)
    sizes = []
    for record in [run.current, *(run.step_forward() for _ in range(10))]:
        assert memory.cache_bytes(spec, record.n_tokens, config.dtype) == record.cache_bytes_used
        sizes.append(record.cache_bytes_used)
    assert sizes[-1] == sizes[-2] == kept * memory.bytes_per_token(spec, config.dtype)


@pytest.mark.parametrize("cache_dtype", ["int8", "int4", "fp8"])
def test_quantized_cache_bytes_with_scales_equal_the_engines(cache_dtype):
    config = ModelConfig(n_layers=2, d_model=64, n_heads=4, n_kv_heads=2, context_length=32)
    run = Run(Engine(config, "quantize", record_attention=False, cache_dtype=cache_dtype))
    spec = memory.spec_from_model_config(config)
    for record in [run.current, *(run.step_forward() for _ in range(3))]:
        assert memory.cache_bytes(spec, record.n_tokens, cache_dtype) == record.cache_bytes_used
