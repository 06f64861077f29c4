"""Bad model folders: one line naming the problem, exit status 2, nothing built from them."""

from __future__ import annotations

import json
import shutil
import time

import pytest
import torch
from safetensors.torch import load_file, save_file

from kvviz.cli import main


def kvviz_error(capsys, *args: str) -> str:
    """Run the CLI in this process; it must fail with status 2 and one line."""
    started = time.perf_counter()
    assert main(["trace", "--steps", "1", *args]) == 2
    assert time.perf_counter() - started < 30  # no hang (a generous bound, not a speed test)
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@pytest.fixture
def folder(model_folders, tmp_path):
    """A copy of the tiny Llama folder to damage."""
    return shutil.copytree(model_folders["llama"], tmp_path / "model")


def edit_config(folder, **changes):
    path = folder / "config.json"
    config = json.loads(path.read_text())
    config.update(changes)
    path.write_text(json.dumps(config))


def test_a_folder_without_config(capsys, folder):
    (folder / "config.json").unlink()
    assert "has no config.json" in kvviz_error(capsys, "--weights", str(folder))


def test_a_folder_without_weights(capsys, folder):
    (folder / "model.safetensors").unlink()
    assert "has no weights (*.safetensors)" in kvviz_error(capsys, "--weights", str(folder))


def test_pickled_weights_are_refused_never_loaded(capsys, folder):
    (folder / "model.safetensors").unlink()
    torch.save({"embed": torch.zeros(2)}, folder / "pytorch_model.bin")
    assert "pickle" in kvviz_error(capsys, "--weights", str(folder))


@pytest.mark.parametrize("model_type", ["bert", "t5", None])
def test_an_unsupported_architecture(capsys, folder, model_type):
    edit_config(folder, model_type=model_type)
    err = kvviz_error(capsys, "--weights", str(folder))
    assert "which kvviz does not run (it runs gpt2, llama, mistral, qwen2, gemma)" in err


def test_a_missing_tokenizer(capsys, folder):
    (folder / "tokenizer.json").unlink()
    assert "has no tokenizer.json" in kvviz_error(capsys, "--weights", str(folder))


def test_a_damaged_tokenizer(capsys, folder):
    (folder / "tokenizer.json").write_text('{"model": {"type": "nonsense"}}')
    assert "tokenizer.json cannot be read as a tokenizer" in kvviz_error(capsys, "--weights", str(folder))


def test_a_missing_shard(capsys, model_folders, tmp_path):
    folder = shutil.copytree(model_folders["sharded"], tmp_path / "model")
    (folder / "model-00003-of-00005.safetensors").unlink()
    assert "lacks shard model-00003-of-00005.safetensors" in kvviz_error(capsys, "--weights", str(folder))


def test_a_tensor_missing_from_the_weights(capsys, folder):
    tensors = load_file(folder / "model.safetensors")
    del tensors["model.layers.1.mlp.up_proj.weight"]
    save_file(tensors, folder / "model.safetensors", metadata={"format": "pt"})
    assert "lacks tensor 'model.layers.1.mlp.up_proj.weight'" in kvviz_error(capsys, "--weights", str(folder))


def test_weights_of_another_shape_than_the_config(capsys, folder):
    edit_config(folder, intermediate_size=80)
    err = kvviz_error(capsys, "--weights", str(folder))
    assert "mlp" in err and "shape" in err


def test_damaged_weights(capsys, folder):
    data = (folder / "model.safetensors").read_bytes()
    (folder / "model.safetensors").write_bytes(data[: len(data) // 2])
    assert "model.safetensors is not a readable safetensors file" in kvviz_error(capsys, "--weights", str(folder))


@pytest.mark.parametrize(
    "changes",
    [{"num_hidden_layers": 10**12}, {"hidden_size": -4}, {"num_attention_heads": "4"}, {"vocab_size": 1.5}],
)
def test_hostile_numbers_are_refused_before_anything_is_built(capsys, folder, changes):
    edit_config(folder, **changes)
    name = next(iter(changes))
    assert f"config.json: {name} must be an integer in 1.." in kvviz_error(capsys, "--weights", str(folder))


def test_a_config_claiming_a_bigger_model_than_its_weights(capsys, folder):
    held = sum(t.numel() for t in load_file(folder / "model.safetensors").values())
    # ~5.7 GB of float32 weights: within the machine's memory, so the weights check is what refuses it
    edit_config(folder, num_hidden_layers=100, hidden_size=1024, intermediate_size=4096, head_dim=128)
    err = kvviz_error(capsys, "--weights", str(folder))
    needs = 100 * (1024 * (4 + 2 * 2) * 128 + 4 * 128 * 1024 + 3 * 1024 * 4096) + 400 * 1024  # matrices only
    assert f"its weights hold {held:,} values, but its config needs at least {needs:,}" in err


def test_a_config_nested_too_deeply(capsys, folder):
    (folder / "config.json").write_text("[" * 100_000 + "]" * 100_000)
    assert "config.json" in kvviz_error(capsys, "--weights", str(folder))


def test_a_context_beyond_the_models_positions(capsys, model_folders):
    err = kvviz_error(capsys, "--weights", str(model_folders["gpt2"]), "--context", "129")
    assert "--context: must not exceed the 128 positions gpt2 was made for" in err


def test_shape_options_cannot_reshape_a_model_folder(capsys, model_folders):
    err = kvviz_error(capsys, "--weights", str(model_folders["llama"]), "--kv-heads", "4")
    assert "--kv-heads: is fixed at 2 by the llama weights" in err


def test_cache_policies_the_model_cannot_keep(capsys, model_folders):
    err = kvviz_error(capsys, "--weights", str(model_folders["gpt2"]), "--policy", "window", "--window", "8")
    assert "--policy: a Hugging Face model runs with the full cache only" in err
    sinks = ("--policy", "sink", "--sinks", "2", "--window", "8")
    err = kvviz_error(capsys, "--weights", str(model_folders["llama"]), *sinks)
    assert "--policy: a Hugging Face model runs with the full cache only" in err
    err = kvviz_error(capsys, "--weights", str(model_folders["qwen2"]), "--cache-dtype", "int8")
    assert "--cache-dtype: a Hugging Face model stores its cache in the model's dtype only" in err


def test_download_applies_to_model_names_only(capsys):
    assert "--download: applies to --weights hf:NAME only" in kvviz_error(capsys, "--download")
