"""`kvviz trace`: the headless check of the numbers, run as a user would."""

import json
import subprocess
import sys

import pytest

FLOP_FIELDS = {"qkv_proj", "qk", "av", "out_proj", "mlp", "lm_head", "total"}


def kvviz(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kvviz", *args], capture_output=True, text=True, timeout=120)


def test_trace_json_has_every_field_and_true_numbers():
    shape = ["--layers", "2", "--d-model", "64", "--heads", "4", "--kv-heads", "2", "--dtype", "float32"]
    out = kvviz("trace", "--prompt", "héllo", "--steps", "3", *shape, "--json", "--weights", "random")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [d["step"] for d in lines] == [0, 1, 2, 3]
    assert [d["phase"] for d in lines] == ["prefill", "decode", "decode", "decode"]
    assert [d["n_tokens"] for d in lines] == [6, 7, 8, 9]
    for d in lines:
        assert isinstance(d["token"], str) and d["token"]
        for mode in ("cached", "uncached"):
            assert set(d[mode]["flops"]) == FLOP_FIELDS
            assert d[mode]["flops"]["total"] == sum(v for k, v in d[mode]["flops"].items() if k != "total")
            assert d[mode]["flops_measured"] == d[mode]["flops"]["total"]
            assert d[mode]["time_s"] > 0
        assert d["cache_bytes"]["used"] == 2 * d["n_tokens"] * 2 * 2 * 16 * 4  # 2·tokens·layers·kv·hd·4 B
        assert d["cache_bytes"]["allocated"] >= d["cache_bytes"]["used"]
        assert d["max_abs_logit_diff"] < 1e-4
    assert lines[-1]["uncached"]["flops"]["total"] > lines[-1]["cached"]["flops"]["total"]


def test_trace_table_is_readable():
    out = kvviz("trace", "--steps", "2", "--weights", "random")
    assert out.returncode == 0, out.stderr
    assert "FLOPs uncached" in out.stdout and "prefill" in out.stdout and "decode" in out.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--heads", "3"], "--heads"),
        (["--heads", "4", "--kv-heads", "3"], "--kv-heads"),
        (["--dtype", "float64"], "--dtype"),
        (["--layers", "0"], "--layers"),
        (["--prompt", ""], "--prompt"),
        (["--context", "4"], "--prompt"),
        (["--steps", "-1"], "--steps"),
        (["--bogus"], "unrecognized"),
        (["--policy", "window"], "--window"),
        (["--policy", "window", "--window", "500"], "--window"),
        (["--cache-dtype", "int3"], "--cache-dtype"),
        (["--context", "100000000000"], "--context: too large: a run needs "),
        (["--batch", "1000000000"], "--batch: too large: a run needs "),
        (["--d-model", "10000000", "--heads", "1"], "--d-model: too large: a run needs "),
    ],
)
def test_trace_bad_arguments_exit_nonzero_with_one_line(args, message):
    out = kvviz("trace", "--weights", "random", *args)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kvviz: error:") and message in lines[0]
    assert out.stdout == ""


def test_trace_with_a_sink_policy_and_a_quantized_cache_plateaus():
    shape = ["--layers", "1", "--d-model", "32", "--heads", "2", "--kv-heads", "1", "--context", "16"]
    cache = ["--policy", "sink", "--window", "4", "--sinks", "2", "--cache-dtype", "int8"]
    out = kvviz("trace", "--prompt", "abc", "--steps", "20", *shape, *cache, "--json", "--weights", "random")
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines[-1]["n_tokens"] == 23  # slid past the 16-token context
    per_slot = 2 * 1 * 1 * (16 + 2)  # K and V · layers · kv_heads · (16 int8 values + a float16 scale)
    assert [d["cache_bytes"]["used"] for d in lines[-3:]] == [6 * per_slot] * 3
    assert all(d["cached"]["flops_measured"] == d["cached"]["flops"]["total"] for d in lines)
