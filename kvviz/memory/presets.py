"""Published model configurations: the config.json fields that decide KV-cache size and weights.

Each entry keeps the field names and values of the model's released Hugging Face
``config.json`` (only the fields :mod:`kvviz.memory.hf_config` reads, ``torch_dtype``
included), so presets go through the same loader as a user's own file. ``source`` cites where the figures come from
(repository and paper: names, never translated); ``note`` says what matters for the cache, in sentences marked for
translation (a table built at import: :func:`kvviz.memory.sources.preset` says them in the active language).
Parameter counts are not stored: the loader derives them from the shapes, and the tests hold them to the published
totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kvviz.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class PublishedConfig:
    """``note``: English sentences, each a catalogue entry of context "memory.presets"."""

    name: str
    source: str
    note: tuple[str, ...]
    config: dict[str, Any]


def _gpt2(n_layer: int, n_head: int, n_embd: int) -> dict[str, Any]:
    return {
        "model_type": "gpt2",
        "n_layer": n_layer,
        "n_head": n_head,
        "n_embd": n_embd,
        "n_inner": None,
        "n_positions": 1024,
        "vocab_size": 50257,
        # no torch_dtype: the checkpoint is float32; kvviz then assumes float16, as it says
    }


def _llama(layers: int, hidden: int, heads: int, kv_heads: int, ffn: int, vocab: int, context: int) -> dict[str, Any]:
    return {
        "model_type": "llama",
        "num_hidden_layers": layers,
        "hidden_size": hidden,
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "intermediate_size": ffn,
        "vocab_size": vocab,
        "max_position_embeddings": context,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",  # Llama 3; the Llama 2 entries say float16
    }


def _qwen25(layers: int, hidden: int, heads: int, kv_heads: int, ffn: int) -> dict[str, Any]:
    return {
        "model_type": "qwen2",
        "num_hidden_layers": layers,
        "hidden_size": hidden,
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "intermediate_size": ffn,
        "vocab_size": 152064,
        "max_position_embeddings": 131072,
        "sliding_window": 131072,
        "use_sliding_window": False,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    }


def _gemma2(layers: int, hidden: int, heads: int, kv_heads: int, head_dim: int, ffn: int) -> dict[str, Any]:
    return {
        "model_type": "gemma2",
        "num_hidden_layers": layers,
        "hidden_size": hidden,
        "num_attention_heads": heads,
        "num_key_value_heads": kv_heads,
        "head_dim": head_dim,
        "intermediate_size": ffn,
        "vocab_size": 256000,
        "max_position_embeddings": 8192,
        "sliding_window": 4096,
        "torch_dtype": "float32",
    }


_GPT2_NOTE = (
    QT_TRANSLATE_NOOP(
        "memory.presets",
        "MHA with learned position embeddings (1,024-token context), LayerNorm and biases, tied output head "
        "(Radford et al. 2019).",
    ),
)
_GEMMA2_NOTE = QT_TRANSLATE_NOOP(
    "memory.presets",
    "Layers alternate: even layers (0, 2, 4, …) attend to a 4,096-token sliding window and keep only that many "
    "positions in the cache, odd layers attend globally (HF Gemma2DecoderLayer.is_sliding = not layer_idx % 2; "
    "Gemma Team 2024). Four RMSNorms per layer, tied output head.",
)
_MLA_NOTE = QT_TRANSLATE_NOOP(
    "memory.presets",
    "Multi-head latent attention: the cache holds, per token and layer, the compressed latent c_KV "
    "(kv_lora_rank = 512) plus the decoupled RoPE key (qk_rope_head_dim = 64) = 576 elements shared by all 128 heads, "
    "not 2 · heads · head_dim (DeepSeek-V2 paper, §2.1 and Table 1). Inference engines (vLLM, SGLang) cache that "
    "latent; Hugging Face's reference modelling code caches the decompressed per-head K and V instead, which is far "
    "larger. Decode attention is counted in the absorbed form (queries mapped into the latent space).",
)

PUBLISHED: dict[str, PublishedConfig] = {
    "gpt2": PublishedConfig("GPT-2 small (124M)", "openai-community/gpt2 config.json", _GPT2_NOTE, _gpt2(12, 12, 768)),
    "gpt2-medium": PublishedConfig(
        "GPT-2 medium (355M)", "openai-community/gpt2-medium config.json", _GPT2_NOTE, _gpt2(24, 16, 1024)
    ),
    "gpt2-large": PublishedConfig(
        "GPT-2 large (774M)", "openai-community/gpt2-large config.json", _GPT2_NOTE, _gpt2(36, 20, 1280)
    ),
    "gpt2-xl": PublishedConfig(
        "GPT-2 XL (1.5B)", "openai-community/gpt2-xl config.json", _GPT2_NOTE, _gpt2(48, 25, 1600)
    ),
    "llama-2-7b": PublishedConfig(
        "Llama 2 7B",
        "meta-llama/Llama-2-7b-hf config.json; Touvron et al. 2023",
        (QT_TRANSLATE_NOOP("memory.presets", "MHA: 32 KV heads, every head keeps its own K and V."),),
        {**_llama(32, 4096, 32, 32, 11008, 32000, 4096), "torch_dtype": "float16"},
    ),
    "llama-2-13b": PublishedConfig(
        "Llama 2 13B",
        "meta-llama/Llama-2-13b-hf config.json; Touvron et al. 2023",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "MHA: 40 KV heads, every head keeps its own K and V (the 34B and 70B Llama 2 models use GQA).",
            ),
        ),
        {**_llama(40, 5120, 40, 40, 13824, 32000, 4096), "torch_dtype": "float16"},
    ),
    "llama-2-70b": PublishedConfig(
        "Llama 2 70B",
        "meta-llama/Llama-2-70b-hf config.json; Touvron et al. 2023",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "GQA: 64 query heads share 8 KV heads, so the cache is 8× smaller than MHA at this size.",
            ),
        ),
        {**_llama(80, 8192, 64, 8, 28672, 32000, 4096), "torch_dtype": "float16"},
    ),
    "llama-3-8b": PublishedConfig(
        "Llama 3 8B",
        "meta-llama/Meta-Llama-3-8B config.json",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets", "GQA: 32 query heads share 8 KV heads, a quarter of Llama 2 7B's cache per token."
            ),
        ),
        _llama(32, 4096, 32, 8, 14336, 128256, 8192),
    ),
    "llama-3-70b": PublishedConfig(
        "Llama 3 70B",
        "meta-llama/Meta-Llama-3-70B config.json",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets", "GQA: 64 query heads share 8 KV heads, the same cache per token as Llama 2 70B."
            ),
        ),
        _llama(80, 8192, 64, 8, 28672, 128256, 8192),
    ),
    "llama-3-405b": PublishedConfig(
        "Llama 3.1 405B",
        "meta-llama/Llama-3.1-405B config.json; Llama Team 2024",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "GQA: 128 query heads share 8 KV heads; 126 layers. The 405B model was released only as Llama 3.1.",
            ),
        ),
        _llama(126, 16384, 128, 8, 53248, 128256, 131072),
    ),
    "mistral-7b": PublishedConfig(
        "Mistral 7B v0.1",
        "mistralai/Mistral-7B-v0.1 config.json; Jiang et al. 2023",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "GQA (8 KV heads) with a 4,096-token sliding window on every layer: the rolling-buffer cache of the "
                "reference implementation keeps 4,096 positions per layer, so the cache stops growing there (later "
                "Mistral releases dropped the window).",
            ),
        ),
        {
            **_llama(32, 4096, 32, 8, 14336, 32000, 32768),
            "model_type": "mistral",
            "sliding_window": 4096,
        },
    ),
    "mixtral-8x7b": PublishedConfig(
        "Mixtral 8x7B v0.1",
        "mistralai/Mixtral-8x7B-v0.1 config.json; Jiang et al. 2024",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "Mixture of experts: 8 expert MLPs per layer, 2 used per token, so the weights are those of a 47B "
                "model (46.7B parameters) and the per-token compute that of a 13B one (12.9B active). Attention (and "
                "so the cache) is Mistral 7B's GQA with 8 KV heads; the released config has no sliding window "
                "(sliding_window: null).",
            ),
        ),
        {
            **_llama(32, 4096, 32, 8, 14336, 32000, 32768),
            "model_type": "mixtral",
            "sliding_window": None,
            "num_local_experts": 8,
            "num_experts_per_tok": 2,
        },
    ),
    "qwen2.5-7b": PublishedConfig(
        "Qwen2.5 7B",
        "Qwen/Qwen2.5-7B config.json; Qwen Team 2024",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "GQA: 28 query heads share 4 KV heads. The config names a sliding window but sets "
                "use_sliding_window: false, so every layer attends (and caches) globally. Q/K/V projections carry "
                "biases.",
            ),
        ),
        _qwen25(28, 3584, 28, 4, 18944),
    ),
    "qwen2.5-72b": PublishedConfig(
        "Qwen2.5 72B",
        "Qwen/Qwen2.5-72B config.json; Qwen Team 2024",
        (
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "GQA: 64 query heads share 8 KV heads; use_sliding_window: false, so no layer uses a window.",
            ),
        ),
        _qwen25(80, 8192, 64, 8, 29568),
    ),
    "gemma-2-9b": PublishedConfig(
        "Gemma 2 9B",
        "google/gemma-2-9b config.json; Gemma Team 2024",
        (QT_TRANSLATE_NOOP("memory.presets", "GQA: 16 query heads share 8 KV heads of width 256."), _GEMMA2_NOTE),
        _gemma2(42, 3584, 16, 8, 256, 14336),
    ),
    "gemma-2-27b": PublishedConfig(
        "Gemma 2 27B",
        "google/gemma-2-27b config.json; Gemma Team 2024",
        (QT_TRANSLATE_NOOP("memory.presets", "GQA: 32 query heads share 16 KV heads of width 128."), _GEMMA2_NOTE),
        _gemma2(46, 4608, 32, 16, 128, 36864),
    ),
    "deepseek-v2": PublishedConfig(
        "DeepSeek-V2 (236B)",
        "deepseek-ai/DeepSeek-V2 config.json; DeepSeek-AI 2024, arXiv:2405.04434",
        (
            _MLA_NOTE,
            QT_TRANSLATE_NOOP("memory.presets", "MoE: 160 routed experts (6 per token) + 2 shared; layer 0 is dense."),
        ),
        {
            "model_type": "deepseek_v2",
            "num_hidden_layers": 60,
            "hidden_size": 5120,
            "num_attention_heads": 128,
            "num_key_value_heads": 128,
            "intermediate_size": 12288,
            "moe_intermediate_size": 1536,
            "vocab_size": 102400,
            "max_position_embeddings": 163840,
            "kv_lora_rank": 512,
            "q_lora_rank": 1536,
            "qk_nope_head_dim": 128,
            "qk_rope_head_dim": 64,
            "v_head_dim": 128,
            "n_routed_experts": 160,
            "n_shared_experts": 2,
            "num_experts_per_tok": 6,
            "first_k_dense_replace": 1,
            "topk_method": "group_limited_greedy",
            "tie_word_embeddings": False,
            "torch_dtype": "bfloat16",
        },
    ),
    "deepseek-v3": PublishedConfig(
        "DeepSeek-V3 (671B)",
        "deepseek-ai/DeepSeek-V3 config.json; DeepSeek-AI 2024, arXiv:2412.19437",
        (
            _MLA_NOTE,
            QT_TRANSLATE_NOOP(
                "memory.presets",
                "MoE: 256 routed experts (8 per token) + 1 shared; layers 0–2 are dense. The 14B multi-token-"
                "prediction module (num_nextn_predict_layers: 1) is not counted: it is optional at inference.",
            ),
        ),
        {
            "model_type": "deepseek_v3",
            "num_hidden_layers": 61,
            "hidden_size": 7168,
            "num_attention_heads": 128,
            "num_key_value_heads": 128,
            "intermediate_size": 18432,
            "moe_intermediate_size": 2048,
            "vocab_size": 129280,
            "max_position_embeddings": 163840,
            "kv_lora_rank": 512,
            "q_lora_rank": 1536,
            "qk_nope_head_dim": 128,
            "qk_rope_head_dim": 64,
            "v_head_dim": 128,
            "n_routed_experts": 256,
            "n_shared_experts": 1,
            "num_experts_per_tok": 8,
            "first_k_dense_replace": 3,
            "topk_method": "noaux_tc",
            "num_nextn_predict_layers": 1,
            "tie_word_embeddings": False,
            "torch_dtype": "bfloat16",
        },
    ),
}
