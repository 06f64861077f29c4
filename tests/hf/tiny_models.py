"""Tiny random Hugging Face model folders, built at test time: nothing is downloaded.

Each folder is what ``save_pretrained`` writes (config.json, safetensors weights) plus a
byte-level BPE tokenizer trained here with ``tokenizers`` on a few sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import (
    AutoModelForCausalLM,
    GemmaConfig,
    GPT2Config,
    LlamaConfig,
    MistralConfig,
    Qwen2Config,
)

CORPUS = [
    "The KV cache stores keys and values, not attention scores.",
    "Each decode step appends one key and one value per layer and head.",
    "Grouped-query attention shares key/value heads between query heads.",
    "Café, naïve, déjà vu: bytes that span several UTF-8 code units.",
    "def step(cache):\n    return cache.append(key, value)\n",
] * 4
VOCAB = 400
BOS, EOS = "<s>", "</s>"

SHAPE = {"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 4, "intermediate_size": 96}

#: A config per supported architecture: MHA (GPT-2), GQA (Llama, Mistral), MQA (Qwen2, Gemma).
CONFIGS = {
    "gpt2": lambda **ids: GPT2Config(
        vocab_size=VOCAB, n_positions=128, n_embd=64, n_layer=2, n_head=4, n_inner=96, **ids
    ),
    "llama": lambda **ids: LlamaConfig(
        vocab_size=VOCAB, max_position_embeddings=256, num_key_value_heads=2, **SHAPE, **ids
    ),
    "mistral": lambda **ids: MistralConfig(
        vocab_size=VOCAB, max_position_embeddings=256, num_key_value_heads=2, sliding_window=None, **SHAPE, **ids
    ),
    "qwen2": lambda **ids: Qwen2Config(
        vocab_size=VOCAB, max_position_embeddings=256, num_key_value_heads=1, **SHAPE, **ids
    ),
    "gemma": lambda **ids: GemmaConfig(
        vocab_size=VOCAB, max_position_embeddings=256, num_key_value_heads=1, head_dim=32, **SHAPE, **ids
    ),
}
ARCHITECTURES = tuple(CONFIGS)


def train_tokenizer(add_bos: bool) -> Tokenizer:
    """A byte-level BPE like GPT-2's; ``add_bos`` prepends a special BOS token as Llama's does."""
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=VOCAB - 2,
        special_tokens=[BOS, EOS],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(CORPUS, trainer)
    if add_bos:
        bos = tok.token_to_id(BOS)
        tok.post_processor = processors.TemplateProcessing(single=f"{BOS} $A", special_tokens=[(BOS, bos)])
    return tok


def make_model_folder(folder: Path, arch: str, *, seed: int = 0, shard_size: str | None = None) -> Path:
    """Write a random ``arch`` model and its tokenizer into ``folder``; weights drawn wide so tokens differ."""
    torch.manual_seed(seed)
    tok = train_tokenizer(add_bos=arch != "gpt2")
    config = CONFIGS[arch](bos_token_id=tok.token_to_id(BOS), eos_token_id=tok.token_to_id(EOS))
    config.initializer_range = 0.3  # logits far from ties, so a greedy token is not a coin toss
    model = AutoModelForCausalLM.from_config(config)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder, max_shard_size=shard_size or "1GB")
    tok.save(str(folder / "tokenizer.json"))
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "PreTrainedTokenizerFast", "bos_token": BOS, "eos_token": EOS}),
        encoding="utf-8",
    )
    return folder
