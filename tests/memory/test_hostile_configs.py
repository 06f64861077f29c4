"""A user's config.json is data, and hostile data gets a one-line refusal, never a traceback or a hang
(issue 16 item 5); configs of real families read right (item 10: torch_dtype, Falcon, absent fields).

Before the fix: 100,000 nested brackets raised RecursionError, a 5,000-digit integer ValueError,
vocab_size 10^400 OverflowError, and num_hidden_layers 10^12 hung in a per-layer loop.
"""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kvviz import cli, memory
from kvviz.memory import SpecError
from kvviz.memory.hf_config import MAX_FILE_BYTES
from kvviz.memory.presets import PUBLISHED

LLAMA = PUBLISHED["llama-3-8b"].config


def write(tmp_path, text, name="config.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


HOSTILE = {
    "nested": ("[" * 100_000 + "]" * 100_000, "nests brackets too deeply"),
    "digits": (json.dumps(LLAMA)[:-1] + ', "bos_token_id": ' + "9" * 5000 + "}", "5,000-digit integer"),
    "vocab_10^400": (json.dumps(LLAMA).replace("128256", "1" + "0" * 400), "401-digit integer"),
    "vocab_10^20": (json.dumps({**LLAMA, "vocab_size": 10**20}), "vocab_size is a 21-digit number, beyond any model"),
    "text_config_list": (json.dumps({"text_config": [1], "model_type": {"a": 1}}), "lacks num_hidden_layers"),
    "float_layers": (json.dumps({**LLAMA, "num_hidden_layers": 1e400}), "num_hidden_layers must be a positive"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_one_line(tmp_path, name):
    text, words = HOSTILE[name]
    with pytest.raises(SpecError, match=words) as err:
        memory.load_config_json(write(tmp_path, text))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_cli_refuses_hostile_files_with_exit_2(capsys, tmp_path, name):
    code = cli.main(["mem", str(write(tmp_path, HOSTILE[name][0]))])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.startswith("kvviz: error: ") and err.count("\n") == 1


def test_a_large_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "config.json"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk, and never parsed
    with pytest.raises(SpecError, match="larger than 4 MiB"):
        memory.load_config_json(path)


def test_a_trillion_layers_is_arithmetic_not_a_loop(tmp_path):
    spec = memory.load_config_json(write(tmp_path, json.dumps({**LLAMA, "num_hidden_layers": 10**12})))
    report = memory.memory_report(spec, 4096)
    assert report.bytes_per_token == 10**12 * 2 * 8 * 128 * 2
    assert report.gpu("h100-80gb").max_context == 0
    plan = memory.plan_serving(spec, memory.ServingSetup(memory.GPUS[0], pp=1024))
    assert plan.max_concurrent_sequences == 0 and len(plan.stages) == 1024
    assert memory.report_lines(report) and memory.serving_lines(plan)
    assert len(memory.attention_variants(spec)) == 5


def test_sliding_rules_count_layers_in_closed_form():
    gemma = {**PUBLISHED["gemma-2-9b"].config, "num_hidden_layers": 10**12}
    spec = memory.spec_from_hf_config(gemma, id="g", name="g", source="g", note="")
    assert spec.n_sliding_layers == 10**12 // 2
    pattern = {**LLAMA, "sliding_window": 512, "sliding_window_pattern": 6, "num_hidden_layers": 10**12}
    spec = memory.spec_from_hf_config(pattern, id="p", name="p", source="p", note="")
    assert spec.n_sliding_layers == 10**12 - 10**12 // 6  # every sixth layer is global
    assert spec.sliding.count(0, 12) == 10 and spec.sliding.count(5, 6) == 0


_HUGE = st.one_of(st.integers(-(10**30), 10**30), st.sampled_from([2**53, 2**53 + 1, 10**15, 0, -1]))
_FIELDS = (
    "num_hidden_layers",
    "num_attention_heads",
    "num_key_value_heads",
    "hidden_size",
    "head_dim",
    "intermediate_size",
    "vocab_size",
    "sliding_window",
    "max_position_embeddings",
    "num_local_experts",
    "num_experts_per_tok",
    "kv_lora_rank",
    "qk_rope_head_dim",
)


@given(changes=st.dictionaries(st.sampled_from(_FIELDS), _HUGE, max_size=4))
def test_any_huge_count_gives_figures_or_a_refusal(changes):
    data = {**LLAMA, "sliding_window": 4096, "qk_nope_head_dim": 64, "v_head_dim": 64, **changes}
    try:
        spec = memory.spec_from_hf_config(data, id="x", name="x", source="config.json", note="")
        report = memory.memory_report(spec, 100_000, 3)
        plan = memory.plan_serving(spec, memory.ServingSetup(memory.GPUS[0], context=100_000))
    except SpecError as exc:
        assert "\n" not in str(exc)
        return
    assert memory.report_lines(report) and memory.serving_lines(plan)
    json.dumps(report.to_dict()) and json.dumps(plan.to_dict())
    assert len(memory.attention_variants(spec)) == 5


# -- families and fields (issue 16 item 10) ------------------------------------------------------

FALCON_40B = {  # tiiuae/falcon-40b config.json, the fields that matter
    "model_type": "falcon",
    "hidden_size": 8192,
    "num_attention_heads": 128,
    "num_kv_heads": 8,
    "new_decoder_architecture": True,
    "multi_query": True,
    "num_hidden_layers": 60,
    "vocab_size": 65024,
    "parallel_attn": True,
    "bias": False,
    "torch_dtype": "bfloat16",
}
FALCON_7B = {
    "model_type": "falcon",
    "hidden_size": 4544,
    "num_attention_heads": 71,
    "multi_query": True,
    "new_decoder_architecture": False,
    "num_hidden_layers": 32,
    "vocab_size": 65024,
    "parallel_attn": True,
    "bias": False,
    "torch_dtype": "bfloat16",
}


def test_falcon_40b_keeps_8_kv_heads_with_the_new_decoder_architecture(tmp_path):
    # multi_query: true is overridden by new_decoder_architecture (HF FalconAttention): 8 groups of K/V
    spec = memory.load_config_json(write(tmp_path, json.dumps(FALCON_40B)))
    assert memory.bytes_per_token(spec, "bfloat16") == 2 * 60 * 8 * 64 * 2 == 122_880
    assert spec.attention_kind == "GQA"


def test_falcon_7b_is_multi_query(tmp_path):
    spec = memory.load_config_json(write(tmp_path, json.dumps(FALCON_7B)))
    assert memory.bytes_per_token(spec, "bfloat16") == 2 * 32 * 1 * 64 * 2
    assert spec.norms_per_layer == 1 and not spec.gated_mlp and spec.tied_embeddings


def test_fields_the_cache_does_not_need_are_assumed_and_said(tmp_path):
    # Falcon configs have no intermediate_size; this one has no vocab_size either: the cache needs neither
    data = {k: v for k, v in FALCON_40B.items() if k != "vocab_size"}
    spec = memory.load_config_json(write(tmp_path, json.dumps(data)))
    assert spec.d_ff == 4 * 8192 and spec.vocab_size == 65024
    assert any("intermediate_size absent" in a for a in spec.assumed)
    assert any("vocab_size absent" in a for a in spec.assumed)
    assert any("assumed: vocab_size absent" in line for line in memory.report_lines(memory.memory_report(spec, 10)))


def test_torch_dtype_is_the_default_and_is_named(tmp_path, capsys):
    path = write(tmp_path, json.dumps(LLAMA))  # torch_dtype: bfloat16
    report = memory.memory_report(memory.load_config_json(path), 4096)
    assert report.dtype == report.cache_dtype == "bfloat16"
    assert cli.main(["mem", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Weights in bfloat16 (the config's torch_dtype); KV cache in bfloat16" in out
    assert cli.main(["mem", str(path), "--json", "--cache-dtype", "fp8"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert (d["dtype"], d["cache_dtype"], d["config_torch_dtype"]) == ("bfloat16", "fp8", "bfloat16")


def test_a_config_without_torch_dtype_says_float16_is_assumed(capsys):
    assert cli.main(["mem", "gpt2"]) == 0
    assert "Weights in float16 (the config names no torch_dtype: float16 assumed)" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["float64", "int8", ["bfloat16"], {"a": 1}])
def test_an_unknown_torch_dtype_is_refused(tmp_path, value):
    with pytest.raises(SpecError, match="torch_dtype must be one of float32, float16, bfloat16"):
        memory.load_config_json(write(tmp_path, json.dumps({**LLAMA, "torch_dtype": value})))
