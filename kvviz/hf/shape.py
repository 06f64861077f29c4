"""What kvviz reads off a real model's config: its shape, as a ModelConfig, and the FLOPs of a pass.

FLOPs follow ``torch.utils.flop_counter.FlopCounterMode`` (a (m×k)·(k×n) product costs
2·m·k·n; element-wise work is free), which the tests hold these formulas to on the real
forward pass. Per architecture that means: biases (GPT-2's Conv1D, Qwen2's Q/K/V) are added
by ``addmm`` at no counted cost; learned positions (GPT-2) and Gemma's embedding scale are
element-wise; a gated MLP (Llama, Mistral, Qwen2, Gemma: gate, up, down) has three products
where GPT-2's has two; rotary tables are made by an outer product the counter does not count.
"""

from __future__ import annotations

from dataclasses import dataclass

from transformers import PretrainedConfig

from kvviz.core.config import ModelConfig
from kvviz.core.flops import FlopBreakdown

#: Architectures whose MLP is gated (act(gate(x)) · up(x), then down): three matrix products.
GATED_MLP = frozenset({"llama", "mistral", "qwen2", "gemma"})


@dataclass(frozen=True)
class ArchShape:
    """The numbers of a real model that the cache and the FLOPs depend on."""

    model_type: str
    d_model: int
    n_layers: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    d_ff: int
    vocab_size: int
    max_positions: int

    @classmethod
    def of(cls, config: PretrainedConfig) -> ArchShape:
        d, heads = config.hidden_size, config.num_attention_heads
        d_ff = getattr(config, "n_inner", None) if config.model_type == "gpt2" else config.intermediate_size
        return cls(
            model_type=config.model_type,
            d_model=d,
            n_layers=config.num_hidden_layers,
            n_heads=heads,
            n_kv_heads=getattr(config, "num_key_value_heads", None) or heads,
            head_dim=getattr(config, "head_dim", None) or d // heads,
            d_ff=d_ff or 4 * d,
            vocab_size=config.vocab_size,
            max_positions=config.max_position_embeddings,
        )

    @property
    def mlp_products(self) -> int:
        return 3 if self.model_type in GATED_MLP else 2

    @property
    def matrix_parameters(self) -> int:
        """Values in the model's weight matrices (embedding once; norms, biases and an untied head not counted):
        a lower bound on what its weights must hold."""
        d, hd, h, kv = self.d_model, self.head_dim, self.n_heads, self.n_kv_heads
        per_layer = d * (h + 2 * kv) * hd + h * hd * d + self.mlp_products * d * self.d_ff
        return self.n_layers * per_layer + self.vocab_size * d

    def fix(self, config: ModelConfig) -> ModelConfig:
        """``config`` with this shape (dtype, batch, context and seed stay as given)."""
        return config.replace(
            vocab_size=self.vocab_size,
            d_model=self.d_model,
            n_layers=self.n_layers,
            n_heads=self.n_heads,
            n_kv_heads=self.n_kv_heads,
            head_dim=self.head_dim,
        )

    def flops(self, batch: int, n_queries: int, n_keys: int) -> FlopBreakdown:
        """FLOPs of a pass running ``n_queries`` positions against ``n_keys`` keys; logits for the last position."""
        layers, d, hd, h, kv = self.n_layers, self.d_model, self.head_dim, self.n_heads, self.n_kv_heads
        rows = batch * n_queries
        attention = 2 * batch * h * n_queries * n_keys * hd
        return FlopBreakdown(
            qkv_proj=layers * 2 * rows * d * (h + 2 * kv) * hd,
            qk=layers * attention,
            av=layers * attention,
            out_proj=layers * 2 * rows * h * hd * d,
            mlp=layers * self.mlp_products * 2 * rows * d * self.d_ff,
            lm_head=2 * batch * d * self.vocab_size,
        )
