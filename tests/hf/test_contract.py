"""The same contract as the tiny model: FLOPs measured = counted, cache bytes = formula, modes agree, same fields."""

from __future__ import annotations

import json

import pytest
import torch

from kvviz import memory
from kvviz.cli import main
from kvviz.core.defaults import default_config
from kvviz.core.record import Mode
from kvviz.core.run import RunSpec, build_run
from kvviz.hf.weights import ModelFolderWeights
from tests.hf.tiny_models import ARCHITECTURES


def kvviz(capsys, *args: str) -> str:
    """The CLI's output, run in this process (a subprocess would pay transformers' import again)."""
    assert main(list(args)) == 0, capsys.readouterr().err
    return capsys.readouterr().out


def records_of(folder, *, dtype=None, batch=1, steps=4, count_flops=True):
    weights = ModelFolderWeights(folder, dtype)
    config = weights.configure(default_config().replace(context_length=48, batch_size=batch))
    run = build_run(RunSpec(config=config, prompt="Keys and values", weights=weights), count_flops=count_flops)
    for _ in range(steps):
        run.step_forward()
    return run


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_flops_measured_equal_flops_counted_in_both_modes(model_folders, arch):
    run = records_of(model_folders[arch])
    for record in run.records:
        for mode in Mode:
            stats = record.mode(mode)
            assert stats.flops_measured == stats.flops.total, (record.step, mode)
    last = run.current
    assert last.uncached.flops.total > last.cached.flops.total


@pytest.mark.parametrize(
    ("arch", "dtype", "batch"), [(a, "float32", 1) for a in ARCHITECTURES] + [("qwen2", "bfloat16", 2)]
)
def test_cache_bytes_are_the_tensors_and_the_memory_explorers_formula(model_folders, arch, dtype, batch):
    run = records_of(model_folders[arch], dtype=dtype, batch=batch, count_flops=False)
    spec = memory.load_config_json(model_folders[arch] / "config.json")
    c = run.config
    tensors = run.engine.cache.tensors()
    assert len(tensors) == 2 * c.n_layers
    assert {t.dtype for t in tensors} == {c.torch_dtype}
    last = run.current
    formula = 2 * batch * last.n_tokens * c.n_layers * c.n_kv_heads * c.dim_head * c.bytes_per_element
    assert last.cache_bytes_used == formula == memory.cache_bytes(spec, last.n_tokens, dtype, batch)
    assert last.cache_bytes_used == sum(t.untyped_storage().nbytes() for t in tensors)
    assert last.cache_bytes_allocated == last.cache_bytes_used  # a DynamicCache grows by exactly one token


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_cached_and_uncached_agree_and_recomputed_rows_equal_stored(model_folders, arch):
    run = records_of(model_folders[arch], count_flops=False)
    for record in run.records[1:]:
        assert record.cached.next_token == record.uncached.next_token
        assert record.max_abs_logit_diff < 1e-4
        assert record.recompute_max_abs_diff < 1e-4
        assert record.first_divergence_step is None


def test_the_folders_dtype_is_kept_unless_another_is_chosen(model_folders, tmp_path):
    from transformers import AutoModelForCausalLM

    half = tmp_path / "bf16"
    AutoModelForCausalLM.from_pretrained(model_folders["llama"], dtype=torch.bfloat16).save_pretrained(half)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (half / name).write_bytes((model_folders["llama"] / name).read_bytes())
    native = records_of(half, steps=1, count_flops=False)
    assert native.config.dtype == "bfloat16"
    assert next(native.engine.model.model.parameters()).dtype == torch.bfloat16
    chosen = records_of(half, dtype="float32", steps=1, count_flops=False)
    assert chosen.config.dtype == "float32"
    assert {t.dtype for t in chosen.engine.cache.tensors()} == {torch.float32}


def test_trace_json_of_a_model_folder_has_the_tiny_models_fields(capsys, model_folders):
    tiny = kvviz(capsys, "trace", "--steps", "2", "--json", "--weights", "random")
    real = kvviz(capsys, "trace", "--steps", "2", "--json", "--weights", str(model_folders["gpt2"]), "--prompt", "Keys")
    tiny_lines = [json.loads(line) for line in tiny.splitlines()]
    real_lines = [json.loads(line) for line in real.splitlines()]
    assert [d.keys() for d in real_lines] == [d.keys() for d in tiny_lines]
    for d in real_lines:
        for mode in ("cached", "uncached"):
            assert d[mode]["flops_measured"] == d[mode]["flops"]["total"]
        assert d["cache_bytes"]["used"] == 2 * d["n_tokens"] * 2 * 4 * 16 * 4  # GPT-2 tiny: 2 layers, 4 heads, 16, fp32
        assert d["max_abs_logit_diff"] < 1e-4


def test_trace_table_of_a_model_folder_shows_its_tokens(capsys, model_folders):
    out = kvviz(capsys, "trace", "--steps", "3", "--weights", str(model_folders["llama"]), "--prompt", "The KV cache")
    assert "GQA: 2 layers, 4 heads, 2 kv-heads" in out
    assert "Recorded for the views: every Q·Kᵀ row, softmax row, key and value, in float32" in out
    assert "generated: '" in out
