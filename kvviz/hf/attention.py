"""The attention function kvviz registers with transformers, so a real model's own rows can be shown.

transformers lets a model call any function registered in its ``AttentionInterface``; the
model's classes still do everything else (projections, positions, norms, MLP, cache update).
This function is the model's attention itself, written out like transformers' eager path
(scaled Q·Kᵀ, mask, float32 softmax, weights · V): the rows it hands to kvviz are the rows
that made the model's output, not a second computation beside it. Query heads sharing a K/V
head are grouped by a reshape, so K and V are never repeated per query head.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch
from torch import nn
from transformers import AttentionInterface
from transformers.masking_utils import AttentionMaskInterface, eager_mask

#: The name the function is registered under (``attn_implementation=ATTENTION``).
ATTENTION = "kvviz"


@dataclass
class Capture:
    """Each layer's attention of one forward pass, collected while ``active``."""

    active: bool = False
    scores: list[torch.Tensor] = field(default_factory=list)  # per layer (B, H, T, Tk), scaled, masked = -inf
    weights: list[torch.Tensor] = field(default_factory=list)  # per layer (B, H, T, Tk)
    keys: list[torch.Tensor] = field(default_factory=list)  # per layer (B, kv_heads, T, head_dim): this pass's K
    values: list[torch.Tensor] = field(default_factory=list)

    def start(self, active: bool) -> None:
        self.active = active
        self.scores, self.weights, self.keys, self.values = [], [], [], []


def kvviz_attention(
    module: nn.Module,
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    attention_mask: torch.Tensor | None,
    scaling: float,
    dropout: float = 0.0,
    **kwargs,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Attention of ``query`` (B, H, T, hd) over ``key``/``value`` (B, K, Tk, hd): output (B, T, H, hd), weights.

    The queries are the last T of the Tk positions. ``attention_mask`` is transformers' additive
    eager mask (B, 1, T, Tk), negative where a key is hidden, or None when every key is visible.
    """
    B, H, T, hd = query.shape
    K, Tk = key.shape[1], key.shape[2]
    rows = (H // K) * T
    scores = (query.reshape(B, K, rows, hd) @ key.transpose(-2, -1)).view(B, H, T, Tk) * scaling  # (B, H, T, Tk)
    if attention_mask is not None:
        blocked = ~attention_mask if attention_mask.dtype == torch.bool else attention_mask < 0
        scores = scores.masked_fill(blocked, float("-inf"))
    elif T > 1:  # no mask given for several queries: the causal one
        scores = scores.masked_fill(torch.ones(T, Tk, dtype=torch.bool).triu(Tk - T + 1), float("-inf"))
    weights = torch.softmax(scores, dim=-1, dtype=torch.float32).to(query.dtype)  # (B, H, T, Tk)
    out = (weights.view(B, K, rows, Tk) @ value).view(B, H, T, hd)  # (B, H, T, hd)
    capture: Capture | None = getattr(module, "kvviz_capture", None)
    if capture is not None and capture.active:
        capture.scores.append(scores)
        capture.weights.append(weights)
        capture.keys.append(key[:, :, Tk - T :])
        capture.values.append(value[:, :, Tk - T :])
    return out.transpose(1, 2).contiguous(), weights


def register() -> None:
    """Make :data:`ATTENTION` an attention implementation transformers accepts (idempotent)."""
    AttentionInterface.register(ATTENTION, kvviz_attention)
    AttentionMaskInterface.register(ATTENTION, eager_mask)
