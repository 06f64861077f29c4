"""Memory explorer: cache bytes, parameters and limits held to figures published elsewhere."""

import json
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kvviz import memory
from kvviz.memory import SpecError, bytes_per_token, cache_bytes, param_counts, preset

REQUIRED_PRESETS = [
    *("gpt2", "gpt2-medium", "gpt2-large", "gpt2-xl"),
    *("llama-2-7b", "llama-2-13b", "llama-2-70b", "llama-3-8b", "llama-3-70b", "llama-3-405b"),
    *("mistral-7b", "mixtral-8x7b", "qwen2.5-7b", "qwen2.5-72b", "gemma-2-9b", "gemma-2-27b"),
    *("deepseek-v2", "deepseek-v3"),
]


def test_every_required_preset_exists_with_a_source_and_a_note():
    assert set(REQUIRED_PRESETS) <= set(memory.PRESET_IDS)
    for model_id in REQUIRED_PRESETS:
        spec = preset(model_id)
        assert "config.json" in spec.source, model_id
        assert len(spec.note) > 20, model_id


# Cache bytes per token, fp16 — independently known figures:
# Llama-2-7B: 2 · 32 layers · 4096 · 2 B = 0.5 MiB per token (the figure usually quoted for it);
# Llama-3-8B: GQA with 8 KV heads, a quarter of that; GPT-2 small: 2 · 12 · 768 · 2 B.
# DeepSeek-V2: (512 + 64) · 60 layers elements per token (DeepSeek-V2 paper, Table 1, d_c + d_h^R).
@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("llama-2-7b", 524_288),
        ("llama-3-8b", 131_072),
        ("gpt2", 36_864),
        ("llama-2-70b", 2 * 80 * 8 * 128 * 2),
        ("mistral-7b", 131_072),
        ("mixtral-8x7b", 131_072),
        ("qwen2.5-7b", 2 * 28 * 4 * 128 * 2),
        ("gemma-2-9b", 2 * 42 * 8 * 256 * 2),
        ("deepseek-v2", 576 * 60 * 2),
        ("deepseek-v3", 576 * 61 * 2),
    ],
)
def test_fp16_bytes_per_token_match_known_figures(model_id, expected):
    assert bytes_per_token(preset(model_id), "float16") == expected


def test_llama_2_7b_is_half_a_mebibyte_per_token_so_thousands_of_tokens_cost_gigabytes():
    spec = preset("llama-2-7b")
    assert bytes_per_token(spec, "float16") == 2**19
    assert cache_bytes(spec, 4096, "float16") == 2 * 2**30  # 4,096 tokens: 2 GiB


# Parameter totals. Exact figures are what `model.num_parameters()` / the Hugging Face API
# report (safetensors "total"); the Llama-2 checkpoints also store each layer's rotary
# inv_freq buffer (head_dim / 2 values), which is not a parameter.
@pytest.mark.parametrize(
    ("model_id", "published", "buffers"),
    [
        ("gpt2", 124_439_808, 0),  # nanoGPT prints 123.65M = this minus the 1024×768 position table
        ("llama-2-7b", 6_738_415_616, 0),  # HF num_parameters()
        ("llama-2-13b", 13_015_866_880, 40 * 64),  # HF API safetensors total
        ("llama-2-70b", 68_976_653_312, 80 * 64),  # HF API safetensors total
        ("llama-3-8b", 8_030_261_248, 0),  # HF API (Llama-3.1-8B, same shapes)
        ("llama-3-70b", 70_553_706_496, 0),  # HF API (Llama-3.1-70B, same shapes)
        ("llama-3-405b", 405_853_388_800, 0),  # HF API safetensors total
        ("mistral-7b", 7_241_732_096, 0),
        ("mixtral-8x7b", 46_702_792_704, 0),
    ],
)
def test_parameter_totals_match_published_exact_counts(model_id, published, buffers):
    assert param_counts(preset(model_id)).total + buffers == published


# Rounded figures from model cards and papers.
@pytest.mark.parametrize(
    ("model_id", "total", "active"),
    [
        ("gpt2-medium", 355e6, None),  # OpenAI / HF model cards: 355M, 774M, 1.5B (HF page: 1.56B)
        ("gpt2-large", 774e6, None),
        ("gpt2-xl", 1.56e9, None),
        ("qwen2.5-7b", 7.61e9, None),  # Qwen2.5 model card: 7.61B
        ("qwen2.5-72b", 72.7e9, None),  # 72.7B
        ("gemma-2-9b", 9.24e9, None),  # HF: 9.24B
        ("gemma-2-27b", 27.2e9, None),  # HF: 27.2B
        ("mixtral-8x7b", 46.7e9, 12.9e9),  # Mixtral paper: 46.7B total, 12.9B active
        ("deepseek-v2", 236e9, 21e9),  # DeepSeek-V2 paper: 236B total, 21B activated
        ("deepseek-v3", 671e9, 37e9),  # DeepSeek-V3 paper: 671B total, 37B activated
    ],
)
def test_parameter_counts_match_published_rounded_figures(model_id, total, active):
    counts = param_counts(preset(model_id))
    assert counts.total == pytest.approx(total, rel=0.01)
    if active is None:
        assert counts.active == counts.total
    else:
        assert counts.active == pytest.approx(active, rel=0.025)


def test_sliding_window_model_stops_growing_at_its_window():
    spec = preset("mistral-7b")
    per_token = bytes_per_token(spec, "float16")
    assert cache_bytes(spec, 4095, "float16") == 4095 * per_token
    assert cache_bytes(spec, 4096, "float16") == 4096 * per_token
    assert cache_bytes(spec, 4097, "float16") == 4096 * per_token
    assert cache_bytes(spec, 1_000_000, "float16") == 4096 * per_token


def test_mixtral_has_no_window_in_its_released_config():
    spec = preset("mixtral-8x7b")
    assert spec.n_sliding_layers == 0
    assert cache_bytes(spec, 100_000, "float16") == 100_000 * bytes_per_token(spec, "float16")


def test_gemma_2_windows_its_even_layers_only():
    spec = preset("gemma-2-9b")
    assert [spec.sliding.count(i, i + 1) for i in range(42)] == [1, 0] * 21  # layers 0, 2, 4, …
    per_layer = 2 * 8 * 256 * 2
    n = 10_000
    assert cache_bytes(spec, n, "float16") == (21 * n + 21 * 4096) * per_layer
    # past the window the cache grows at half the rate: only the 21 global layers take new tokens
    assert cache_bytes(spec, n + 1, "float16") - cache_bytes(spec, n, "float16") == 21 * per_layer


def test_qwen_window_is_off_because_use_sliding_window_is_false():
    assert preset("qwen2.5-7b").n_sliding_layers == 0


def test_mla_cache_is_the_latent_not_per_head_k_and_v():
    spec = preset("deepseek-v3")
    assert memory.cache_elements_per_token_layer(spec) == 512 + 64
    mha = next(v for v in memory.attention_variants(spec) if v.id == "mha")
    # MHA at the paper's d_h = 128 with 128 heads: 2·128·128 = 32,768 elements, 57× the latent
    assert memory.cache_elements_per_token_layer(mha) == 2 * 128 * 128


@pytest.mark.parametrize(
    ("dtype", "per_vector"),
    # one token, one KV head, K or V: head_dim 128 elements (+ one float16 scale when quantized)
    [("float32", 512), ("float16", 256), ("bfloat16", 256), ("fp8", 128 + 2), ("int8", 128 + 2), ("int4", 64 + 2)],
)
def test_cache_dtype_bytes_including_scales(dtype, per_vector):
    spec = preset("llama-3-8b")  # 32 layers × 8 KV heads × (K, V) = 512 vectors of 128
    assert bytes_per_token(spec, dtype) == 32 * 8 * 2 * per_vector


def test_mla_quantized_has_one_scale_for_the_latent_and_one_for_the_rope_key():
    spec = preset("deepseek-v2")
    assert memory.cache_bytes_per_token_layer(spec, "int4") == 576 // 2 + 2 * 2


def test_weight_bytes_are_parameters_times_element_size():
    spec = preset("llama-2-7b")
    n = param_counts(spec).total
    assert memory.weight_bytes(spec, "float32") == 4 * n
    assert memory.weight_bytes(spec, "bfloat16") == 2 * n
    assert memory.weight_bytes(spec, "int8") == n
    assert memory.weight_bytes(spec, "int4") == n // 2


def test_max_context_is_the_last_context_that_fits():
    spec, dtype, batch = preset("llama-2-7b"), "float16", 3
    budget = 80 * 10**9 - memory.weight_bytes(spec, dtype)
    n = memory.max_context(spec, dtype, batch, budget)
    assert cache_bytes(spec, n, dtype, batch) <= budget < cache_bytes(spec, n + 1, dtype, batch)
    assert n == budget // (batch * 524_288)


def test_max_context_with_a_partial_window_is_exact_too():
    spec, dtype = preset("gemma-2-27b"), "bfloat16"
    budget = 141 * 10**9 - memory.weight_bytes(spec, dtype)
    n = memory.max_context(spec, dtype, 1, budget)
    assert n > 4096
    assert cache_bytes(spec, n, dtype) <= budget < cache_bytes(spec, n + 1, dtype)


def test_max_context_is_unlimited_when_every_layer_stops_at_its_window_unless_a_trained_context_caps_it():
    windowed = memory.memory_report(replace(preset("mistral-7b"), trained_context=None), 4096, 1, "float16")
    assert all(fit.max_context is None for fit in windowed.gpus)
    assert memory.describe_max_context(windowed.gpus[0]) == "unlimited (cache stops at the window)"
    report = memory.memory_report(preset("mistral-7b"), 4096, 1, "float16")
    assert all(fit.max_context == 32_768 and fit.memory_context is None for fit in report.gpus)
    assert memory.describe_max_context(report.gpus[0]) == "32,768 tokens (trained context; memory: unlimited)"


# GPU memory as nvidia-smi reports it, in MiB (issue 16 item 10: "80 GB" was 80·10⁹ B, an A100 80GB shows 81,920 MiB).
NVIDIA_SMI_MIB = {
    "h100-80gb": 81_559,
    "h200-141gb": 143_771,
    "a100-80gb": 81_920,
    "a100-40gb": 40_960,
    "l40s": 46_068,
    "rtx-4090": 24_564,
}


def test_gpu_sizes_are_what_nvidia_smi_reports():
    assert {gpu.name: gpu.bytes for gpu in memory.GPUS} == {k: v * 2**20 for k, v in NVIDIA_SMI_MIB.items()}
    assert memory.gpu_by_name("a100-80gb").bytes == 80 * 2**30  # sold as "80 GB": 85.9·10⁹ B


def test_report_weights_come_first_on_each_gpu():
    report = memory.memory_report(preset("llama-2-70b"), 4096, 1, "float16")
    weights = report.weight_bytes  # 138 GB in fp16: only the H200 holds them
    assert [fit.max_context for fit in report.gpus] == [0, 4096, 0, 0, 0, 0]
    h200 = report.gpu("h200-141gb")
    assert h200.free_after_weights == 143_771 * 2**20 - weights
    assert h200.memory_context == (143_771 * 2**20 - weights) // 327_680
    assert h200.capped  # memory would allow more than the 4,096 positions Llama 2 was trained on
    assert memory.describe_max_context(report.gpu("h100-80gb")) == "weights do not fit"


def test_longest_context_is_capped_at_the_trained_context():
    # GPT-2 has 1,024 learned positions; memory alone would allow 644,290 tokens on a 24 GB card
    fit = memory.memory_report(preset("gpt2"), 1024, 1, "float16").gpu("rtx-4090")
    assert fit.max_context == 1024 and fit.capped
    assert fit.memory_context == (24_564 * 2**20 - memory.weight_bytes(preset("gpt2"), "float16")) // 36_864
    assert memory.describe_max_context(fit) == f"1,024 tokens (trained context; memory: {fit.memory_context:,})"


def test_report_json_carries_the_required_fields():
    d = memory.memory_report(preset("llama-3-8b"), 8192, 4, "int8").to_dict()
    json.dumps(d)  # plain JSON
    assert d["bytes_per_token"] == 32 * 8 * 2 * 130
    assert d["cache_bytes"] == 4 * 8192 * d["bytes_per_token"]
    assert d["weight_bytes"] == 8_030_261_248
    assert set(d["max_context"]) == set(NVIDIA_SMI_MIB)
    assert d["flops_per_token"]["cached"]["total"] < d["flops_per_token"]["uncached"]["total"]
    assert "nvidia-smi" in d["units"]


def test_report_rejects_impossible_inputs():
    spec = preset("gpt2")
    for context, batch, dtype in ((0, 1, "float16"), (-5, 1, "float16"), (10, 0, "float16"), (10, 1, "fp4")):
        with pytest.raises(SpecError):
            memory.memory_report(spec, context, batch, dtype)


def test_flops_with_a_cache_are_two_per_weight_plus_attention_over_the_context():
    spec, n = preset("llama-2-7b"), 4096
    f = memory.flops_per_token(spec, n)
    w = param_counts(spec)
    assert f.cached.matmul == 2 * (w.total - 32000 * 4096 - 65 * 4096)  # all but the embedding table and norms
    assert f.cached.attention == 4 * 32 * 32 * 128 * n
    assert f.uncached.matmul == n * 2 * w.layer_matmul + 2 * 32000 * 4096
    assert f.uncached.attention == 4 * 32 * 32 * 128 * n * n


def test_moe_flops_count_only_the_experts_a_token_uses():
    spec = preset("mixtral-8x7b")
    per_token = memory.flops_per_token(spec, 1).cached.matmul
    expert = 3 * 4096 * 14336
    assert per_token == 2 * (param_counts(spec).active - 32000 * 4096 - 65 * 4096)
    assert param_counts(spec).total - param_counts(spec).active == 32 * 6 * expert


def test_window_layers_attend_to_the_window_only():
    spec = preset("mistral-7b")
    a = memory.flops_per_token(spec, 100_000).cached.attention
    assert a == 4 * 32 * 32 * 128 * 4096


def test_attention_variants_keep_depth_and_width():
    spec = preset("llama-3-8b")
    variants = {v.id: v for v in memory.attention_variants(spec)}
    assert set(variants) == {"mha", "gqa", "mqa", "swa", "mla"}
    assert {v.n_layers for v in variants.values()} == {32}
    assert (variants["mha"].n_kv_heads, variants["gqa"].n_kv_heads, variants["mqa"].n_kv_heads) == (32, 8, 1)
    assert cache_bytes(variants["swa"], 10**6, "float16") == cache_bytes(variants["gqa"], 4096, "float16")
    fp16 = [bytes_per_token(variants[k], "float16") for k in ("mha", "gqa", "mqa")]
    assert fp16 == [524_288, 131_072, 16_384]


def test_context_grid_spans_one_to_a_million_and_hits_the_window():
    grid = memory.context_grid(preset("mistral-7b"))
    assert grid[0] == 1 and grid[-1] == memory.PLOT_MAX_CONTEXT == 1_000_000
    assert 4096 in grid and grid == sorted(set(grid))


# -- config.json -----------------------------------------------------------------------


def write(tmp_path, data, name="config.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def test_a_config_json_reads_like_the_matching_preset(tmp_path):
    from kvviz.memory.presets import PUBLISHED

    for model_id in ("llama-3-8b", "gemma-2-27b", "deepseek-v3", "gpt2-xl"):
        path = write(tmp_path, PUBLISHED[model_id].config, f"{model_id}.json")
        loaded, known = memory.load_config_json(path), preset(model_id)
        assert bytes_per_token(loaded, "bfloat16") == bytes_per_token(known, "bfloat16")
        assert param_counts(loaded) == param_counts(known)
        assert loaded.sliding == known.sliding and loaded.dtype == known.dtype


def test_a_folder_holding_config_json_loads(tmp_path):
    write(tmp_path, {"model_type": "llama", **_minimal()})
    assert memory.resolve_model(str(tmp_path)).n_layers == 4


def _minimal():
    return {
        "num_hidden_layers": 4,
        "num_attention_heads": 8,
        "num_key_value_heads": 2,
        "hidden_size": 512,
        "intermediate_size": 1024,
        "vocab_size": 1000,
    }


def test_layer_types_and_nested_text_config_are_read(tmp_path):
    data = {**_minimal(), "sliding_window": 128, "layer_types": ["sliding_attention", "full_attention"] * 2}
    spec = memory.load_config_json(write(tmp_path, {"model_type": "wrapper", "text_config": data}))
    assert spec.sliding.listed == (0, 2) and spec.sliding_window == 128
    per_layer = 2 * 2 * 64 * 2
    assert cache_bytes(spec, 1000, "float16") == (2 * 1000 + 2 * 128) * per_layer


def test_missing_cache_fields_are_all_named_in_one_line(tmp_path):
    data = _minimal()
    del data["num_hidden_layers"], data["num_attention_heads"]
    with pytest.raises(SpecError) as err:
        memory.load_config_json(write(tmp_path, data))
    message = str(err.value)
    assert "num_hidden_layers" in message and "num_attention_heads" in message and "\n" not in message


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        (json.dumps({**_minimal(), "num_hidden_layers": "32"}), "positive integer"),
        (json.dumps({**_minimal(), "num_key_value_heads": 3}), "must divide"),
        (json.dumps({**_minimal(), "kv_lora_rank": 512}), "qk_rope_head_dim"),
        (json.dumps({**_minimal(), "sliding_window": "4k"}), "sliding_window must be a positive integer"),
        (json.dumps({**_minimal(), "max_position_embeddings": 8192.5}), "max_position_embeddings"),
        (json.dumps({**_minimal(), "num_local_experts": 8, "num_experts_per_tok": 9}), "experts per token"),
        (json.dumps({**_minimal(), "n_routed_experts": 8, "num_experts_per_tok": 2, "n_shared_experts": -1}), "shared"),
    ],
)
def test_bad_config_files_give_a_clear_error(tmp_path, content, words):
    with pytest.raises(SpecError, match=words):
        memory.load_config_json(write(tmp_path, content))


def test_unknown_ids_list_the_known_ones_and_bad_paths_say_so(tmp_path):
    with pytest.raises(SpecError, match="known: gpt2, gpt2-medium"):
        memory.resolve_model("llama-9")
    with pytest.raises(SpecError, match="no such file"):
        memory.resolve_model(str(tmp_path / "missing.json"))


_ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 300), st.floats(allow_nan=False), st.text(max_size=3), st.just([])
)
_FIELDS = (
    *_minimal(),
    "head_dim",
    "sliding_window",
    "use_sliding_window",
    "max_window_layers",
    "max_position_embeddings",
    "kv_lora_rank",
    "q_lora_rank",
    "qk_rope_head_dim",
    "qk_nope_head_dim",
    "v_head_dim",
    "num_local_experts",
    "num_experts_per_tok",
    "n_shared_experts",
    "moe_intermediate_size",
    "first_k_dense_replace",
    "tie_word_embeddings",
)


@given(
    model_type=st.sampled_from(["llama", "gpt2", "gemma2", "qwen2", "mistral", "deepseek_v3", "unknown"]),
    changes=st.dictionaries(st.sampled_from(_FIELDS), _ODD_VALUES, max_size=4),
)
def test_any_config_gives_a_report_or_a_spec_error(model_type, changes):
    data = {"model_type": model_type, **_minimal(), "n_layer": 2, "n_head": 4, "n_embd": 64, **changes}
    try:
        spec = memory.spec_from_hf_config(data, id="x", name="x", source="config.json", note="")
    except SpecError as exc:
        assert "\n" not in str(exc)
        return
    report = memory.memory_report(spec, 1000, 2, "int4")
    assert report.cache_bytes >= 0 and report.weight_bytes > 0 and report.flops.cached.total > 0
    assert memory.report_lines(report)
