"""The tiny decoder: pre-LN GPT-style blocks with grouped-query attention and RoPE.

Attention is written out (scores, mask, softmax, weights · V) instead of using a fused
kernel, because kvviz must show the scores and weights. One code path serves MHA, GQA and
MQA: query heads are grouped onto their shared K/V head by a reshape, so K and V are never
copied per query head. The same ``forward`` runs the uncached pass (whole sequence, no
cache) and the cached pass (new tokens only, K/V read from the cache).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

from kvviz.core.cache import KVCache
from kvviz.core.config import ModelConfig

ROPE_BASE = 10_000.0


@dataclass
class ForwardResult:
    """Logits for the last position and, when asked, each layer's attention."""

    logits: torch.Tensor  # (B, vocab), or (B, T, vocab) with all_logits
    scores: list[torch.Tensor] | None  # per layer (B, H, T, Tk), scaled, masked cells = -inf
    weights: list[torch.Tensor] | None  # per layer (B, H, T, Tk), softmax of scores
    keys: list[torch.Tensor] | None  # per layer (B, kv_heads, T, head_dim): K written this pass
    values: list[torch.Tensor] | None


class Rotary:
    """Rotary position embedding tables, grown on demand so positions are never capped."""

    def __init__(self, head_dim: int) -> None:
        self.inv_freq = 1.0 / ROPE_BASE ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim)
        self.cos = torch.empty(0)
        self.sin = torch.empty(0)

    def tables(self, positions: torch.Tensor, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        end = int(positions[-1]) + 1
        if self.cos.shape[0] < end or self.cos.dtype != dtype:
            size = max(end, 2 * self.cos.shape[0], 64)
            angles = torch.outer(torch.arange(size, dtype=torch.float32), self.inv_freq)  # (size, hd/2)
            angles = torch.cat((angles, angles), dim=-1)  # (size, hd)
            self.cos, self.sin = angles.cos().to(dtype), angles.sin().to(dtype)
        return self.cos[positions], self.sin[positions]  # (T, hd) each

    @staticmethod
    def apply(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        half = x.shape[-1] // 2
        rotated = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
        return x * cos + rotated * sin


class Attention(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.n_heads, self.n_kv_heads, self.head_dim = config.n_heads, config.n_kv_heads, config.dim_head
        self.qkv = nn.Linear(config.d_model, (self.n_heads + 2 * self.n_kv_heads) * self.head_dim, bias=False)
        self.proj = nn.Linear(self.n_heads * self.head_dim, config.d_model, bias=False)
        self.scale = 1.0 / math.sqrt(self.head_dim)

    def forward(
        self,
        x: torch.Tensor,
        rope: tuple[torch.Tensor, torch.Tensor],
        allowed: torch.Tensor,
        cache: KVCache | None,
        layer: int,
        start: int,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        B, T, _ = x.shape
        H, K, hd = self.n_heads, self.n_kv_heads, self.head_dim
        q, k, v = self.qkv(x).split((H * hd, K * hd, K * hd), dim=-1)
        q = Rotary.apply(q.view(B, T, H, hd).transpose(1, 2), *rope)  # (B, H, T, hd)
        k = Rotary.apply(k.view(B, T, K, hd).transpose(1, 2), *rope)  # (B, K, T, hd)
        v = v.view(B, T, K, hd).transpose(1, 2)  # (B, K, T, hd)
        keys, values = (k, v) if cache is None else cache.write(layer, start, k, v)  # (B, K, Tk, hd)
        Tk = keys.shape[2]
        # Query heads sharing a K/V head are stacked along the row axis: head h uses kv head h // group.
        q_grouped = q.reshape(B, K, (H // K) * T, hd)  # (B, K, group*T, hd)
        scores = (q_grouped @ keys.transpose(-2, -1)).view(B, H, T, Tk) * self.scale  # (B, H, T, Tk)
        scores = scores.masked_fill(~allowed, float("-inf"))
        weights = torch.softmax(scores.float(), dim=-1).to(x.dtype)  # (B, H, T, Tk)
        out = (weights.view(B, K, (H // K) * T, Tk) @ values).view(B, H, T, hd)  # (B, H, T, hd)
        out = out.transpose(1, 2).reshape(B, T, H * hd)  # (B, T, H*hd)
        return self.proj(out), scores, weights, k, v


class MLP(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.up = nn.Linear(config.d_model, config.d_ff, bias=False)
        self.down = nn.Linear(config.d_ff, config.d_model, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.gelu(self.up(x)))


class Block(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(config.d_model)
        self.attn = Attention(config)
        self.ln2 = nn.LayerNorm(config.d_model)
        self.mlp = MLP(config)


class TinyDecoder(nn.Module):
    """A byte-level decoder small enough to watch, real enough to be honest about."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.d_model)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.ln_f = nn.LayerNorm(config.d_model)
        self.rotary = Rotary(config.dim_head)
        self._init_weights(config.seed)
        self.to(config.torch_dtype)
        self.eval()

    def _init_weights(self, seed: int) -> None:
        """Deterministic from ``seed``; scaled so random attention already shows structure."""
        gen = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in self.named_parameters():
                if name.endswith(("ln1.weight", "ln2.weight", "ln_f.weight")):
                    p.fill_(1.0)
                elif name.endswith("bias"):
                    p.zero_()
                elif name == "embed.weight":
                    p.normal_(0.0, 1.0, generator=gen)
                else:
                    p.normal_(0.0, 1.0 / math.sqrt(p.shape[1]), generator=gen)

    def forward(
        self,
        ids: torch.Tensor,
        start: int = 0,
        cache: KVCache | None = None,
        capture: bool = False,
        allowed: torch.Tensor | None = None,
        all_logits: bool = False,
    ) -> ForwardResult:
        """Run tokens ``ids`` (B, T) placed at positions ``start..start+T``.

        Without ``cache`` the keys are these tokens only, so ``start`` must be 0 and the
        whole sequence is passed. With ``cache`` the new K/V are written to it and the
        queries attend to every cached position up to their own. ``allowed`` (T, Tk)
        overrides the causal mask (a cache policy's window); default is causal.
        ``all_logits`` returns (B, T, vocab) logits for every position (training, evaluation)
        instead of the last position's (B, vocab) that generation needs.
        """
        T = ids.shape[1]
        positions = torch.arange(start, start + T)
        rope = self.rotary.tables(positions, self.config.torch_dtype)
        if allowed is None:
            allowed = torch.ones(T, start + T, dtype=torch.bool).tril(diagonal=start)  # (T, Tk)
        x = self.embed(ids)  # (B, T, d)
        scores, weights, keys, values = ([] if capture else None for _ in range(4))
        for layer, block in enumerate(self.blocks):
            a, s, w, k, v = block.attn(block.ln1(x), rope, allowed, cache, layer, start)
            x = x + a
            x = x + block.mlp(block.ln2(x))
            if capture:
                scores.append(s)
                weights.append(w)
                keys.append(k)
                values.append(v)
        if cache is not None:
            cache.commit(start + T)
        hidden = self.ln_f(x if all_logits else x[:, -1, :])  # (B, T, d) or (B, d)
        logits = F.linear(hidden, self.embed.weight)  # tied embedding
        return ForwardResult(logits, scores, weights, keys, values)
