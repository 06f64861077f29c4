"""Analytic FLOP counts of one forward pass, by component.

Counts follow the convention of ``torch.utils.flop_counter.FlopCounterMode``: a matrix
product of (m×k)·(k×n) costs 2·m·k·n, and element-wise work (norms, softmax, RoPE, GELU,
residual adds) is not counted. The tests hold these formulas to what the counter measures
on the real forward pass, exactly.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from kvviz.core.config import ModelConfig

COMPONENTS = ("qkv_proj", "qk", "av", "out_proj", "mlp", "lm_head")


@dataclass(frozen=True)
class FlopBreakdown:
    """FLOPs of one forward pass by component (whole batch, all layers)."""

    qkv_proj: int
    qk: int
    av: int
    out_proj: int
    mlp: int
    lm_head: int

    @property
    def total(self) -> int:
        return self.qkv_proj + self.qk + self.av + self.out_proj + self.mlp + self.lm_head

    def to_dict(self) -> dict[str, int]:
        return {**asdict(self), "total": self.total}


def forward_flops(config: ModelConfig, n_queries: int, n_keys: int) -> FlopBreakdown:
    """FLOPs of a forward pass that runs ``n_queries`` new positions against ``n_keys`` keys.

    Without a cache a step runs the whole sequence: ``n_queries == n_keys == n``. With a
    cache a decode step runs one query against every cached key: ``n_queries == 1``.
    The attention matmuls compute the masked cells too (the mask is applied to their
    result), so Q·Kᵀ and A·V cost the full ``n_queries × n_keys`` rectangle. A pass of many
    rows runs the fused kernel instead, which under the causal mask skips blocks of keys no
    row sees; FlopCounterMode counts fused attention by the same rectangle, and so do these
    (the textbook pass's count: the kernel may do fewer multiply-adds than this). Logits
    are computed for the last position only, as a generator needs nothing else.
    """
    b, d, layers = config.batch_size, config.d_model, config.n_layers
    hd, h, kv = config.dim_head, config.n_heads, config.n_kv_heads
    rows = b * n_queries
    per_layer_attention = 2 * b * h * n_queries * n_keys * hd
    return FlopBreakdown(
        qkv_proj=layers * 2 * rows * d * (h + 2 * kv) * hd,
        qk=layers * per_layer_attention,
        av=layers * per_layer_attention,
        out_proj=layers * 2 * rows * h * hd * d,
        mlp=layers * 2 * 2 * rows * d * config.d_ff,
        lm_head=2 * b * d * config.vocab_size,
    )
