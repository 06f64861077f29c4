"""`kvviz mem`: the explorer's figures on the command line, and its errors."""

import json
import subprocess
import sys

import pytest

from kvviz import cli, memory


def run(capsys, *args):
    code = cli.main(["mem", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_carries_the_figures_core_computes(capsys):
    code, out, err = run(capsys, "llama-2-7b", "--context", "4096", "--batch", "2", "--dtype", "float16", "--json")
    assert code == 0, err
    d = json.loads(out)
    report = memory.memory_report(memory.preset("llama-2-7b"), 4096, 2, "float16")
    assert {k: d[k] for k in report.to_dict()} == json.loads(json.dumps(report.to_dict()))
    assert d["bytes_per_token"] == 524_288
    assert d["cache_bytes"] == 2 * 4096 * 524_288
    assert d["weight_bytes"] == 2 * 6_738_415_616
    assert d["gpus"][2]["max_context_by_memory"] == (81_920 * 2**20 - d["weight_bytes"]) // (2 * 524_288)


def test_text_states_units_formulas_and_every_gpu(capsys):
    code, out, _ = run(capsys, "mistral-7b", "--context", "100000")
    assert code == 0
    assert "131,072 B" in out and "2 (K, V) × 32 layers × 8 KV heads × 128 × 2 B" in out
    assert "1 GB = 10^9 B" in out and "1 GiB = 2^30 B" in out and "nvidia-smi" in out
    for gpu in memory.GPUS:
        assert f"{gpu.name} " in out and f"{gpu.bytes // 2**20:,} MiB" in out
    assert "32,768 tokens (trained context; memory: unlimited)" in out
    assert "beyond the model's trained context (32,768)" in out
    assert "with KV cache" in out and "without cache" in out and "2·W + 2·L·H·(d_qk + d_v)·n" in out


def test_a_config_json_path_works(capsys, tmp_path):
    from kvviz.memory.presets import PUBLISHED

    path = tmp_path / "config.json"
    path.write_text(json.dumps(PUBLISHED["qwen2.5-7b"].config), encoding="utf-8")
    code, out, err = run(capsys, str(path), "--dtype", "int4", "--json")
    assert code == 0, err
    assert json.loads(out)["bytes_per_token"] == 28 * 4 * 2 * (64 + 2)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["llama-9"], "known: gpt2, gpt2-medium, gpt2-large, gpt2-xl, llama-2-7b"),
        (["/nonexistent/config.json"], "no such file"),
        (["gpt2", "--context", "-5"], "--context: must be at least 1, got -5"),
        (["gpt2", "--batch", "0"], "--batch: must be at least 1, got 0"),
        (["gpt2", "--dtype", "fp4"], "invalid choice"),
    ],
)
def test_mistakes_exit_2_with_one_line(capsys, args, words):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("kvviz: error: ") and err.count("\n") == 1
    assert words in err


def test_a_config_without_layers_is_an_error_naming_the_field(capsys, tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"hidden_size": 64, "num_attention_heads": 4, "vocab_size": 300}), encoding="utf-8")
    code, _, err = run(capsys, str(path))
    assert code == 2 and "num_hidden_layers" in err and err.count("\n") == 1


def test_runs_as_a_command():
    out = subprocess.run(
        [sys.executable, "-m", "kvviz", "mem", "llama-3-8b", "--json"], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["bytes_per_token"] == 131_072
