"""Serving capacity held to hand-computed cases (issue 21): tensor parallelism with K/V-head replication,
MLA's latent under TP, pipeline stages, sliding windows, an fp8 cache, prefix sharing, refusals.

Every expected figure is worked out here from the published shapes, not from kvviz's functions.
"""

import json
from dataclasses import replace

import pytest

from kvviz import cli, memory
from kvviz.memory import ServingSetup, plan_serving, preset

MiB, GiB = 2**20, 2**30
H100 = memory.gpu_by_name("h100-80gb")
# vLLM's budget: 0.9 × the 81,559 MiB nvidia-smi reports, floored to whole bytes: 76,968,728,985
USABLE = 81_559 * MiB * 9 // 10


def llama_3_70b_weights_per_gpu(tp: int) -> int:
    """bf16 bytes one tensor-parallel GPU holds: heads, MLP and vocabulary split tp ways, K/V heads max(1, 8/tp)."""
    d, hd, layers = 8192, 128, 80
    q_heads, kv_heads = 64 // tp, max(1, 8 // tp)
    attention = d * q_heads * hd + 2 * d * kv_heads * hd + q_heads * hd * d
    mlp = 3 * d * (28672 // tp)
    norms = 2 * d
    vocab = (128256 // tp) * d  # embedding; the untied output head is the same size
    return 2 * (layers * (attention + mlp + norms) + 2 * vocab + d)


def test_llama_3_70b_at_tp_8_holds_one_kv_head_per_gpu():
    plan = plan_serving(preset("llama-3-70b"), ServingSetup(H100, context=8192, tp=8))
    assert plan.kv_heads_per_gpu == 1 and plan.kv_replication == 1
    per_token = 2 * 80 * 1 * 128 * 2  # K and V, 80 layers, one head of 128, bf16
    assert plan.fullest.kv_bytes_per_token == per_token == 40_960
    weights = llama_3_70b_weights_per_gpu(8)
    assert plan.fullest.weight_bytes == weights == 17_640_734_720
    budget = USABLE - weights - 2 * GiB
    assert plan.fullest.cache_budget == budget
    blocks = budget // (16 * per_token)
    assert plan.fullest.blocks == blocks == 87_250
    assert plan.tokens_per_gpu == 16 * blocks
    assert plan.max_concurrent_sequences == blocks // (8192 // 16) == 170


def test_llama_3_70b_at_tp_16_replicates_kv_heads_instead_of_halving_the_cache():
    plan = plan_serving(preset("llama-3-70b"), ServingSetup(H100, context=8192, tp=16))
    # 16 GPUs, 8 K/V heads: each GPU still holds a whole head (each head on 2 GPUs), so per-GPU cache
    # per token stays 40,960 B; a calculator dividing by tp would say 20,480.
    assert plan.kv_heads_per_gpu == 1 and plan.kv_replication == 2
    assert plan.fullest.kv_bytes_per_token == 40_960
    assert plan.fullest.weight_bytes == llama_3_70b_weights_per_gpu(16) == 8_989_458_432
    blocks = (USABLE - 8_989_458_432 - 2 * GiB) // (16 * 40_960)
    assert plan.max_concurrent_sequences == blocks // 512
    assert "replicated on 2 GPUs" in plan.heads_text() and "not 1/16" in plan.heads_text()


def test_deepseek_v3_mla_latent_is_whole_on_every_tensor_parallel_gpu():
    # MLA caches one latent (512) + RoPE key (64) per token and layer, shared by all 128 heads: there are no
    # heads to split, so vLLM keeps all of it on every TP rank. Per GPU: 61 layers × 576 × 2 B at any tp.
    spec = preset("deepseek-v3")
    for tp in (1, 8, 16):
        plan = plan_serving(spec, ServingSetup(memory.gpu_by_name("h200-141gb"), context=4096, tp=tp))
        assert plan.fullest.kv_bytes_per_token == 61 * 576 * 2 == 70_272
        assert plan.kv_heads_per_gpu == 1 and plan.kv_replication == tp
    assert "not divided by tp" in plan.heads_text()


def test_a_sliding_window_layer_holds_at_most_its_window_in_blocks():
    # Mistral 7B: window 4,096 on all 32 layers; a window straddles blocks, so ceil(4,095 / 16) + 1 = 257 blocks.
    plan = plan_serving(preset("mistral-7b"), ServingSetup(H100, context=32_768))
    per_layer_block = 16 * 2 * 8 * 128 * 2  # 16 tokens × K,V × 8 heads × 128 × 2 B
    assert plan.fullest.sequence_bytes == 32 * 257 * per_layer_block == 538_968_064
    # Gemma 2 9B: 21 even layers windowed at 4,096, 21 global ones hold all 2,048 blocks of 32,768 tokens
    gemma = plan_serving(preset("gemma-2-9b"), ServingSetup(H100, context=32_768, weight_dtype="bfloat16"))
    per_layer_block = 16 * 2 * 8 * 256 * 2
    assert gemma.fullest.sequence_bytes == (21 * 2048 + 21 * 257) * per_layer_block


def test_an_fp8_cache_roughly_doubles_the_sequences():
    spec, weights = preset("llama-3-8b"), 8_030_261_248 * 2
    budget = USABLE - weights - 2 * GiB
    counts = {}
    for dtype, per_token in (("bfloat16", 32 * 2 * 8 * 128 * 2), ("fp8", 32 * 2 * 8 * (128 + 2))):
        plan = plan_serving(spec, ServingSetup(H100, context=8192, cache_dtype=dtype))
        assert plan.fullest.kv_bytes_per_token == per_token  # fp8: 1 B per element + a float16 scale per vector
        assert plan.max_concurrent_sequences == (budget // (16 * per_token)) // 512
        counts[dtype] = plan.max_concurrent_sequences
    assert counts == {"bfloat16": 54, "fp8": 107}


def test_pipeline_stages_split_layers_as_vllm_and_the_embedding_stage_is_fullest():
    plan = plan_serving(preset("llama-3-70b"), ServingSetup(H100, context=4096, pp=3))
    # 80 = 3 × 26 + 2: the two extra layers go to the stages before the last (vLLM's get_pp_indices)
    assert [(s.first_layer, s.n_layers) for s in plan.stages] == [(0, 27), (27, 27), (54, 26)]
    assert plan.fullest.index == 0  # 27 layers plus the embedding table
    assert plan.fullest.kv_bytes_per_token == 27 * 2 * 8 * 128 * 2
    assert "fullest is stage 0 (layers 0–26)" in plan.layers_text()
    # 126 = 4 × 31 + 2: not the first stages but the two before the last take the extra layers
    deep = plan_serving(preset("llama-3-405b"), ServingSetup(memory.gpu_by_name("h200-141gb"), pp=4, tp=8))
    assert [s.n_layers for s in deep.stages] == [31, 32, 32, 31]


def test_a_shared_prefix_is_held_once():
    spec = preset("llama-3-8b")
    plan = plan_serving(spec, ServingSetup(H100, context=4096, shared_prefix=1000))
    block = 16 * 131_072  # one block of 16 tokens over all 32 layers, bf16
    budget = USABLE - 8_030_261_248 * 2 - 2 * GiB
    shared = (1000 // 16) * block  # 62 full blocks; the partly filled 63rd is not shared
    assert plan.max_concurrent_sequences == budget // (256 * block) == 109
    assert plan.max_concurrent_shared == (budget - shared) // ((256 - 62) * block) == 144
    assert plan.prefix_saving_bytes == 143 * shared


def test_a_prefix_outside_the_window_saves_nothing_in_window_layers():
    # Mistral 7B windows every layer at 4,096: at 32,768 tokens the shared prefix has left every window
    plan = plan_serving(preset("mistral-7b"), ServingSetup(H100, context=32_768, shared_prefix=8192))
    assert plan.fullest.shared_bytes == 0 and plan.max_concurrent_shared == plan.max_concurrent_sequences
    short = plan_serving(preset("mistral-7b"), ServingSetup(H100, context=4000, shared_prefix=2000))
    assert short.fullest.shared_bytes == 32 * (2000 // 16) * 16 * 4096  # the window still covers it all


@pytest.mark.parametrize("model_id", ["llama-3-70b", "gemma-2-9b", "mistral-7b", "deepseek-v2"])
def test_a_capacity_curve_is_a_plan_at_each_context(model_id):
    setup = ServingSetup(memory.gpu_by_name("h200-141gb"), tp=2, pp=3, weight_dtype="int4", cache_dtype="fp8")
    contexts = memory.capacity_grid(memory.PLOT_MAX_CONTEXT)
    curve = memory.capacity_curve(preset(model_id), setup, contexts)
    plans = [plan_serving(preset(model_id), replace(setup, context=n)) for n in contexts]
    assert curve == [plan.max_concurrent_sequences for plan in plans]
    assert curve[0] > curve[-1]


@pytest.mark.parametrize("model_id", memory.PRESET_IDS)
def test_one_gpu_holds_exactly_the_models_weights(model_id):
    spec = preset(model_id)
    plan = plan_serving(spec, ServingSetup(H100, weight_dtype="bfloat16"))
    assert plan.fullest.weight_bytes == memory.weight_bytes(spec, "bfloat16")
    assert plan.fullest.kv_bytes_per_token == memory.bytes_per_token(spec, "bfloat16")


@pytest.mark.parametrize(
    ("model_id", "changes", "words"),
    [
        ("llama-3-70b", {"tp": 3}, "tensor parallelism 3 does not divide the 64 attention heads"),
        ("qwen2.5-7b", {"tp": 7}, "tensor parallelism 7 and 4 K/V heads: neither divides the other"),
        ("llama-3-70b", {"pp": 81}, "pipeline parallelism 81 exceeds the 80 layers"),
        ("llama-3-8b", {"shared_prefix": 4096}, "must be shorter than --context"),
        ("llama-3-8b", {"gpu_util": 1.5}, "--gpu-util must be above 0 and at most 1"),
        ("llama-3-8b", {"block_size": 0}, "--block-size must be an integer in 1..4,096"),
    ],
)
def test_what_an_engine_refuses_is_refused_in_one_line(model_id, changes, words):
    setup = ServingSetup(H100, context=4096, **changes)
    with pytest.raises(memory.SpecError, match=words):
        plan_serving(preset(model_id), setup)


def test_gpu_memory_sizes_parse_binary_and_decimal():
    assert memory.parse_memory_size("80GiB") == 80 * GiB
    assert memory.parse_memory_size("81559 MiB") == 81_559 * MiB
    assert memory.parse_memory_size("85.5GB") == 85_500_000_000
    for text in ("80", "eighty GB", "1" * 20 + "GB", "0GiB", "2048TiB"):
        with pytest.raises(memory.SpecError):
            memory.parse_memory_size(text)


def test_cli_json_has_the_serving_figures(capsys):
    args = ["mem", "llama-3-70b", "--tp", "16", "--gpu", "h100-80gb", "--gpu-util", "0.9", "--block-size", "16"]
    code = cli.main([*args, "--context", "8192", "--shared-prefix", "1000", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    d = json.loads(out)
    plan = plan_serving(preset("llama-3-70b"), ServingSetup(H100, context=8192, tp=16, shared_prefix=1000))
    assert d["kv_heads_per_gpu"] == 1 and d["kv_bytes_per_token_per_gpu"] == 40_960
    assert d["max_concurrent_sequences"] == plan.max_concurrent_sequences
    assert d["serving"] == json.loads(json.dumps(plan.to_dict()))


def test_cli_text_and_a_custom_gpu_size(capsys):
    args = ["--tp", "8", "--gpu-memory", "141GiB", "--cache-dtype", "fp8", "--overhead", "0B"]
    code = cli.main(["mem", "deepseek-v3", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "141 GiB" in out and "cannot be split by heads" in out and "Concurrent sequences of 4,096 tokens" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["llama-3-70b", "--tp", "3"], "does not divide the 64 attention heads"),
        (["gpt2", "--gpu-memory", "lots"], "memory size must look like 80GiB"),
        (["gpt2", "--gpu", "h900"], "invalid choice"),
        (["gpt2", "--gpu-util", "nan"], "--gpu-util must be above 0"),
        (["gpt2", "--context", "10000000000000"], "--context: must be at most 1,099,511,627,776"),
        (["gpt2", "--overhead=-1GiB"], "memory size must look like 80GiB"),
    ],
)
def test_cli_serving_mistakes_exit_2_with_one_line(capsys, args, words):
    code = cli.main(["mem", *args])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err
