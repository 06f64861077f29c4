"""Every impossible configuration names its field and the rule it broke."""

import json
import math

import pytest

from kvviz.core import config as config_module
from kvviz.core.config import ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.engine import Engine
from kvviz.core.model import TinyDecoder, parameter_shapes
from kvviz.units import format_bytes


@pytest.mark.parametrize(
    ("changes", "field", "rule_part"),
    [
        ({"n_heads": 3}, "n_heads", "divide d_model"),
        ({"n_heads": 4, "n_kv_heads": 3}, "n_kv_heads", "divide n_heads"),
        ({"n_heads": 4, "n_kv_heads": 8}, "n_kv_heads", "divide n_heads"),
        ({"n_layers": 0}, "n_layers", "positive"),
        ({"d_model": -8}, "d_model", "positive"),
        ({"batch_size": 0}, "batch_size", "positive"),
        ({"context_length": 0}, "context_length", "positive"),
        ({"head_dim": 0}, "head_dim", "positive"),
        ({"head_dim": 7}, "head_dim", "even"),
        ({"dtype": "float64"}, "dtype", "one of"),
        ({"dtype": "int8"}, "dtype", "one of"),
        ({"vocab_size": 100}, "vocab_size", "at least 256"),
        ({"n_layers": 2.5}, "n_layers", "integer"),
        ({"n_layers": True}, "n_layers", "integer"),
        ({"seed": -1}, "seed", "non-negative"),
        ({"seed": 2**64}, "seed", "must be below 2**64 (torch's seeds are 64-bit), got a 65-bit number"),
        (
            {"context_length": 10**400},
            "context_length",
            "must be below 2**63 (torch's sizes are 64-bit), got a 1329-bit",
        ),
        ({"d_model": 2**63}, "d_model", "must be below 2**63"),
    ],
)
def test_invalid_config_names_field_and_rule(changes, field, rule_part):
    with pytest.raises(ConfigError) as info:
        ModelConfig(**changes)
    assert info.value.field == field
    assert rule_part in info.value.rule
    assert str(info.value).startswith(f"{field}: ")


def test_prompt_must_fit_the_context():
    config = ModelConfig(context_length=8)
    check_prompt_fits(config, 8)
    with pytest.raises(ConfigError, match="longer than context_length") as info:
        check_prompt_fits(config, 9)
    assert info.value.field == "prompt"
    with pytest.raises(ConfigError, match="at least one token"):
        check_prompt_fits(config, 0)


def test_explicit_head_dim_decouples_from_d_model():
    config = ModelConfig(d_model=48, n_heads=5, n_kv_heads=1, head_dim=16)
    assert config.dim_head == 16
    assert config.attention_kind == "MQA"


@pytest.mark.parametrize(("kv", "kind"), [(8, "MHA"), (2, "GQA"), (1, "MQA")])
def test_attention_kind(kv, kind):
    assert ModelConfig(n_heads=8, n_kv_heads=kv).attention_kind == kind


def test_json_round_trip_and_unknown_keys(tmp_path):
    config = ModelConfig(n_layers=3, dtype="bfloat16")
    path = tmp_path / "c.json"
    path.write_text(json.dumps(config.to_dict()))
    assert ModelConfig.from_json(path) == config
    path.write_text(json.dumps({"n_layer": 3}))
    with pytest.raises(ConfigError, match="not a model setting"):
        ModelConfig.from_json(path)
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read"):
        ModelConfig.from_json(path)


SIZED = [
    ModelConfig(),
    ModelConfig(d_model=48, n_layers=3, n_heads=6, n_kv_heads=2, head_dim=12, batch_size=3, context_length=40),
    ModelConfig(d_model=32, n_layers=1, n_heads=4, n_kv_heads=1, mlp_ratio=2, dtype="bfloat16", vocab_size=300),
]


@pytest.mark.parametrize("config", SIZED, ids=["mha", "gqa", "mqa"])
def test_up_front_bytes_are_what_a_run_allocates(config):
    """The figures the size check (and its message) uses, held to the tensors a run really holds."""
    engine = Engine(config, "ab", model=TinyDecoder(config))
    weights = sum(p.untyped_storage().nbytes() for p in engine.model.parameters())
    assert config.n_parameters() == sum(p.numel() for p in engine.model.parameters())
    assert config.n_parameters() == sum(math.prod(shape) for shape in parameter_shapes(config).values())
    assert config.weight_bytes() == weights
    per_context = [*engine.cache.tensors(), engine.cache.slot_positions, engine.sequence]
    positions = sum(t.untyped_storage().nbytes() for t in per_context)
    assert config.bytes_per_position() * config.context_length == positions


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"context_length": 100_000_000_000}, "context_length"),
        ({"batch_size": 10**7}, "batch_size"),
        ({"d_model": 10**6}, "d_model"),
        ({"n_layers": 10**18}, "n_layers"),
        ({"n_heads": 4, "head_dim": 2 * 10**8}, "head_dim"),
    ],
)
def test_a_model_beyond_the_machines_memory_names_its_largest_setting(changes, field):
    with pytest.raises(ConfigError) as caught:
        ModelConfig(**changes)
    assert caught.value.field == field
    assert "too large: a run needs " in caught.value.rule and "of memory" in caught.value.rule
    assert "\n" not in str(caught.value)


def test_the_size_limit_is_the_machines_memory_to_the_byte(monkeypatch):
    config = SIZED[1]
    needed = config.weight_bytes() + config.bytes_per_position() * config.context_length
    monkeypatch.setattr(config_module, "memory_bytes", lambda: needed)
    assert config.replace(seed=1).seed == 1  # exactly fits
    monkeypatch.setattr(config_module, "memory_bytes", lambda: needed - 1)
    with pytest.raises(ConfigError) as caught:
        config.replace(seed=1)
    assert caught.value.rule.startswith(f"too large: a run needs {format_bytes(needed)} up front")
    assert caught.value.field == "batch_size"  # 3 against a default of 1: the furthest above its default


def test_the_largest_sizes_allowed_still_give_a_one_line_refusal():
    huge = dict.fromkeys(("d_model", "n_layers", "mlp_ratio", "vocab_size", "context_length", "batch_size"), 2**62)
    with pytest.raises(ConfigError, match=r"too large: a run needs [\d.e+]+ PiB up front"):
        ModelConfig(**huge, n_heads=1, n_kv_heads=1)
    assert ModelConfig(seed=2**64 - 1).seed == 2**64 - 1


def test_memory_is_read_from_the_system():
    assert 2**26 < config_module.memory_bytes() < 2**50
