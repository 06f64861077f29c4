"""Exports of a real model's run describe that model (its own shape fields) and what was not computed."""

from __future__ import annotations

import json

from kvviz.cli import main
from kvviz.core.defaults import default_config
from kvviz.core.run import RunSpec, build_run
from kvviz.core.serialize import run_to_dict
from kvviz.hf.weights import ModelFolderWeights


def test_the_json_config_of_a_real_model_is_its_own_shape_not_the_tiny_models_fields(model_folders):
    weights = ModelFolderWeights(model_folders["gemma"])
    config = weights.configure(default_config().replace(context_length=32))
    run = build_run(RunSpec(config=config, prompt="Keys", weights=weights))
    exported = run_to_dict(run.records)["config"]
    assert "mlp_ratio" not in exported and "seed" not in exported
    assert exported == {
        "model_type": "gemma",
        "d_model": 64,
        "n_layers": 2,
        "n_heads": 4,
        "n_kv_heads": 1,
        "head_dim": 32,
        "d_ff": 96,  # intermediate_size; the tiny decoder's 4 × d_model would say 256
        "vocab_size": 400,
        "max_positions": 256,
        "dtype": "float32",
        "batch_size": 1,
        "context_length": 32,
    }


def test_trace_json_of_a_real_model_without_the_uncached_pass_says_not_computed(model_folders, capsys):
    argv = ["trace", "--weights", str(model_folders["qwen2"]), "--steps", "2", "--uncached", "off", "--json"]
    assert main(argv) == 0
    steps = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(steps) == 3
    for step in steps:
        assert step["uncached"] is None and step["max_abs_logit_diff"] is None
        assert step["uncached_off"] == "switched off by the user"
        assert step["agreement"].startswith("uncached pass not computed")
