"""Every impossible configuration names its field and the rule it broke."""

import json

import pytest

from kvviz.core.config import ConfigError, ModelConfig, check_prompt_fits


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
