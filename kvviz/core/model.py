"""The tiny decoder: pre-LN GPT-style blocks with grouped-query attention and RoPE.

Attention is written out (scores, mask, softmax, weights · V) wherever kvviz shows the scores
and weights it makes. A pass of many rows (the uncached reference, a prefill) takes its
output from PyTorch's fused kernel instead, which under the causal mask skips the keys no
row sees and never holds the T × Tk matrices, and writes out only the rows it must show;
both compute the same masked softmax, so they agree within rounding
(``tests/core/test_fused_reference.py``), and the cached and the uncached prefill, fused
alike, stay bit-equal.

One code path serves MHA, GQA and MQA: query heads are grouped onto their shared K/V head
by a reshape, so K and V are never copied per query head (the fused kernel's ``enable_gqa``
reads them the same way). The same ``forward`` runs the uncached pass (whole sequence, no
cache) and the cached pass (new tokens only, K/V read from the cache).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import torch
import torch.nn.functional as F
from torch import nn

from kvviz.core import tokenizer
from kvviz.core.cache import KVCache
from kvviz.core.config import ModelConfig
from kvviz.core.flops import FlopBreakdown, forward_flops
from kvviz.core.policy import CachePolicy

ROPE_BASE = 10_000.0
FULL = CachePolicy()


@dataclass
class ForwardResult:
    """Logits for the last position and, when asked, each layer's attention."""

    logits: torch.Tensor  # (B, vocab), or (B, T, vocab) with all_logits
    scores: list[torch.Tensor] | None  # per layer (B, H, rows captured, Tk), scaled, masked cells = -inf
    weights: list[torch.Tensor] | None  # per layer (B, H, rows captured, Tk), softmax of scores
    keys: list[torch.Tensor] | None  # per layer (B, kv_heads, T, head_dim): K written this pass
    values: list[torch.Tensor] | None
    key_positions: torch.Tensor  # (Tk,): the absolute position of each key column attended to


class Rotary:
    """Rotary position embedding tables, grown on demand so positions are never capped."""

    def __init__(self, head_dim: int) -> None:
        self.inv_freq = 1.0 / ROPE_BASE ** (torch.arange(0, head_dim, 2, dtype=torch.float32) / head_dim)
        self.cos = torch.empty(0)
        self.sin = torch.empty(0)

    def tables(self, start: int, end: int, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
        """cos and signed sin for positions ``start..end``, (T, head_dim) each: the sin of the first half of
        the dimensions is negated, which :meth:`apply` needs (the rotation sends (x1, x2) to (-x2, x1))."""
        if self.cos.shape[0] < end or self.cos.dtype != dtype:
            size = max(end, 2 * self.cos.shape[0], 64)
            angles = torch.outer(torch.arange(size, dtype=torch.float32), self.inv_freq)  # (size, hd/2)
            sin = angles.sin()
            self.cos = torch.cat((angles, angles), dim=-1).cos().to(dtype)  # (size, hd)
            self.sin = torch.cat((-sin, sin), dim=-1).to(dtype)
        return self.cos.narrow(0, start, end - start), self.sin.narrow(0, start, end - start)

    @staticmethod
    def apply(x: torch.Tensor, cos: torch.Tensor, signed_sin: torch.Tensor) -> torch.Tensor:
        """x·cos + (-x2, x1)·sin, as (x2, x1)·signed sin: a roll by half the dimensions is one op where the
        halves swapped and negated took four (a decode step is per-op overhead), and negating a factor is exact."""
        return x * cos + x.roll(x.shape[-1] // 2, -1) * signed_sin


#: Cells of Q·Kᵀ (heads × rows × keys) a pass holds at once: attention runs in blocks of query rows this
#: size, so a block's scores and weights stay in the CPU's cache and a long sequence never allocates its
#: whole (H, T, Tk) matrix. Every row still meets every key, masked or not: the FLOPs are the rectangle's.
ATTENTION_BLOCK_CELLS = 1 << 18


def attention(
    x: torch.Tensor,
    batch: int,
    qkv_t: torch.Tensor,
    proj_t: torch.Tensor,
    shape: tuple[int, int, int],
    rope: tuple[torch.Tensor, torch.Tensor],
    blocked: torch.Tensor | None,
    cache: KVCache | None,
    layer: int,
    start: int,
    keep: bool | torch.Tensor = False,
    fused: dict | None = None,
) -> tuple[torch.Tensor, torch.Tensor | None, torch.Tensor | None, torch.Tensor, torch.Tensor]:
    """Grouped-query attention of ``x`` (B·T, d), ``batch`` sequences of T rows; ``shape`` is (heads, kv_heads,
    head_dim); ``qkv_t`` and ``proj_t`` are the projections' weights transposed (d_in, d_out).

    ``blocked`` (T, Tk) marks the keys a query may not see; None lets every key through (a
    decode row under the causal mask). ``keep`` says which rows of scores and weights to
    return: all (True), none (False) or the query rows in a sorted index tensor. ``fused``
    (the mask in :func:`fused_mask`'s words, None: written out) computes the output with
    PyTorch's fused kernel and writes out only the rows kept. Returns the output (B·T, d),
    scores and weights (B, H, rows kept, Tk), and the K, V of this pass (B, kv_heads, T,
    head_dim). Written with ``narrow`` and functional calls: a decode step is tiny, so
    per-op Python overhead is what it costs.
    """
    B, T = batch, x.shape[0] // batch
    H, K, hd = shape
    qkv = torch.mm(x, qkv_t)  # (B·T, (H+2K)·hd), as (B, H+2K, T, hd) below: one row per sequence needs no transpose
    qkv = qkv.view(B, H + 2 * K, 1, hd) if T == 1 else qkv.view(B, T, H + 2 * K, hd).transpose(1, 2)
    qk, v = qkv.split_with_sizes((H + K, K), 1)  # (B, H+K, T, hd), (B, K, T, hd)
    q, k = Rotary.apply(qk, *rope).split_with_sizes((H, K), 1)  # one rotation for Q and K
    keys, values = (k, v) if cache is None else cache.write(layer, start, k, v)  # (B, K, Tk, hd)
    if fused is None:
        out, scores, weights = _written_out(q, keys, values, blocked, keep, x.dtype)
    else:  # the output from the fused kernel (a causal one skips the keys no row sees); the rows kept, written out
        out = F.scaled_dot_product_attention(q, keys, values, enable_gqa=K < H, **fused)  # (B, H, T, hd)
        scores = weights = None
        if keep is not False:
            rows, rows_blocked = q, blocked
            if keep is not True:
                rows = q.index_select(2, keep)
                rows_blocked = None if blocked is None else blocked.index_select(0, keep)
            _, scores, weights = _written_out(rows, keys, None, rows_blocked, True, x.dtype)
    out = (out if T == 1 else out.transpose(1, 2)).reshape(B * T, H * hd)  # (B·T, H*hd); one row needs no transpose
    return torch.mm(out, proj_t), scores, weights, k, v


def fused_mask(allowed: torch.Tensor | None, n_queries: int) -> dict:
    """``allowed`` (T, Tk) as :func:`torch.nn.functional.scaled_dot_product_attention` takes it.

    The causal flag only where the mask is, cell for cell, the causal triangle (a full cache,
    or a window no shorter than the pass), so the kernel may skip the keys above it; any
    other mask is passed as it is, which the kernel applies exactly as :func:`_attend` does.
    """
    if allowed is None:
        return {}
    if allowed.shape == (n_queries, n_queries) and torch.equal(allowed, torch.ones_like(allowed).tril_()):
        return {"is_causal": True}
    return {"attn_mask": allowed}


def _written_out(
    q: torch.Tensor,
    keys: torch.Tensor,
    values: torch.Tensor | None,
    blocked: torch.Tensor | None,
    keep: bool | torch.Tensor,
    dtype: torch.dtype,
) -> tuple[torch.Tensor | None, torch.Tensor | None, torch.Tensor | None]:
    """Attention of queries ``q`` (B, H, T, hd) over ``keys`` and ``values`` (B, K, Tk, hd) written out (scores,
    mask, softmax, weights · V), in blocks of rows: the output (B, H, T, hd; None without ``values``) and the
    scores and weights of the rows ``keep`` says."""
    B, H, T, hd = q.shape
    _, K, Tk, _ = keys.shape
    G = H // K  # query heads per K/V head
    # Query heads sharing a K/V head are stacked along the row axis (head h uses kv head h // G), and the
    # batch and K/V heads are one axis: the (B·K) batches of bmm, the kernel matmul reaches after its checks.
    q_grouped = q.reshape(B * K, G * T, hd) * hd**-0.5  # (B·K, G·T, hd), scaled here: T·hd < T·Tk
    keys_t = keys.reshape(B * K, Tk, hd).transpose(1, 2)  # (B·K, hd, Tk)
    if values is not None:
        values = values.reshape(B * K, Tk, hd)
    rows = max(1, ATTENTION_BLOCK_CELLS // (H * Tk))
    if rows >= T:  # one block (every decode step): no per-block bookkeeping, which a tiny step would feel
        out, scores, weights = _attend(q_grouped, keys_t, values, blocked, (B, H, T), dtype)
        if keep is not True and keep is not False:
            scores, weights = scores.index_select(2, keep), weights.index_select(2, keep)
    else:
        outs, kept_scores, kept_weights = [], [], []
        for first in range(0, T, rows):
            r = min(rows, T - first)
            q_block = q_grouped.view(B * K, G, T, hd)[:, :, first : first + r].reshape(B * K, G * r, hd)
            block = None if blocked is None else blocked[first : first + r]
            out, scores, weights = _attend(q_block, keys_t, values, block, (B, H, r), dtype)
            outs.append(out)
            if keep is True:
                kept_scores.append(scores)
                kept_weights.append(weights)
            elif keep is not False:
                wanted = keep[(keep >= first) & (keep < first + r)] - first
                kept_scores.append(scores.index_select(2, wanted))
                kept_weights.append(weights.index_select(2, wanted))
        out = None if values is None else torch.cat(outs, dim=2)  # (B, H, T, hd)
        scores = weights = None
        if keep is not False:
            scores, weights = torch.cat(kept_scores, dim=2), torch.cat(kept_weights, dim=2)
    if keep is False:
        scores = weights = None
    return out, scores, weights


def _attend(
    q: torch.Tensor,
    keys_t: torch.Tensor,
    values: torch.Tensor | None,
    blocked: torch.Tensor | None,
    shape: tuple[int, int, int],
    dtype: torch.dtype,
) -> tuple[torch.Tensor | None, torch.Tensor, torch.Tensor]:
    """One block of r query rows, grouped (B·K, G·r, hd), against keys (B·K, hd, Tk) and values (B·K, Tk, hd);
    ``shape`` is (B, H, r): its output (B, H, r, hd; None without values), scores and weights (B, H, r, Tk)."""
    B, H, r = shape
    scores = torch.bmm(q, keys_t)  # (B·K, G·r, Tk), scaled
    shown = (B, H, r, scores.shape[-1])
    if blocked is not None:
        scores.view(shown).masked_fill_(blocked, float("-inf"))  # in place: this block's own tensor
    weights = torch.softmax(scores, dim=-1, dtype=torch.float32)  # in float32 whatever the model's
    if dtype != torch.float32:
        weights = weights.to(dtype)
    out = None if values is None else torch.bmm(weights, values).view(B, H, r, q.shape[-1])
    return out, scores.view(shown), weights.view(shown)


class Attention(nn.Module):
    """Holds the attention weights; the computation is :func:`attention`."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.shape = (config.n_heads, config.n_kv_heads, config.dim_head)
        H, K, hd = self.shape
        self.qkv = nn.Linear(config.d_model, (H + 2 * K) * hd, bias=False)
        self.proj = nn.Linear(H * hd, config.d_model, bias=False)


class MLP(nn.Module):
    """Holds the MLP weights; the computation is :func:`mlp`."""

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.up = nn.Linear(config.d_model, config.d_ff, bias=False)
        self.down = nn.Linear(config.d_ff, config.d_model, bias=False)


def mlp(x: torch.Tensor, up_t: torch.Tensor, down_t: torch.Tensor) -> torch.Tensor:
    """The MLP of rows ``x`` (B·T, d), weights transposed (d_in, d_out); GPT-2's GELU."""
    return torch.mm(F.gelu(torch.mm(x, up_t), approximate="tanh"), down_t)


class Block(nn.Module):
    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.ln1 = nn.LayerNorm(config.d_model)
        self.attn = Attention(config)
        self.ln2 = nn.LayerNorm(config.d_model)
        self.mlp = MLP(config)

    def weights(self) -> LayerWeights:
        a, m = self.attn, self.mlp
        return LayerWeights(
            self.ln1.weight, self.ln1.bias, a.qkv.weight.t(), a.proj.weight.t(), self.ln2.weight, self.ln2.bias,
            m.up.weight.t(), m.down.weight.t(), a.shape, self.ln1.eps,
        )  # fmt: skip


class LayerWeights(NamedTuple):
    """One block's raw tensors, looked up once: nn.Module attribute access costs more than a decode op.

    The projections are the Linear weights transposed (views, (d_in, d_out)), so a pass over rows
    (B·T, d) is one ``mm``: the kernel ``linear`` reaches after folding a (B, T, d) input, without it.
    """

    ln1_w: torch.Tensor
    ln1_b: torch.Tensor
    qkv_t: torch.Tensor
    proj_t: torch.Tensor
    ln2_w: torch.Tensor
    ln2_b: torch.Tensor
    up_t: torch.Tensor
    down_t: torch.Tensor
    shape: tuple[int, int, int]
    eps: float


class Plan(NamedTuple):
    """Every tensor a forward reads, looked up once (see :class:`LayerWeights`)."""

    layers: list[LayerWeights]
    embed: torch.Tensor
    ln_f_w: torch.Tensor
    ln_f_b: torch.Tensor
    ln_f_eps: float


def parameter_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """Name → shape of every tensor in the state_dict of ``TinyDecoder(config)``, without building it.

    Checking a checkpoint needs only this. Building the model on the meta device would give
    the same at no memory, but its initialisers import torch._dynamo there: 1.7 s of a 3 s
    launch. A test holds this table equal to the built model's.
    """
    d, H, K, hd = config.d_model, config.n_heads, config.n_kv_heads, config.dim_head
    shapes: dict[str, tuple[int, ...]] = {"embed.weight": (config.vocab_size, d)}
    for i in range(config.n_layers):
        b = f"blocks.{i}"
        shapes |= {
            f"{b}.ln1.weight": (d,),
            f"{b}.ln1.bias": (d,),
            f"{b}.attn.qkv.weight": ((H + 2 * K) * hd, d),
            f"{b}.attn.proj.weight": (d, H * hd),
            f"{b}.ln2.weight": (d,),
            f"{b}.ln2.bias": (d,),
            f"{b}.mlp.up.weight": (config.d_ff, d),
            f"{b}.mlp.down.weight": (d, config.d_ff),
        }
    return shapes | {"ln_f.weight": (d,), "ln_f.bias": (d,)}


class TinyDecoder(nn.Module):
    """A byte-level decoder small enough to watch, real enough to be honest about."""

    text = tokenizer  # a Decoder's tokenizer: byte tokens
    own_shape = None  # its shape is its ModelConfig

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        self.embed = nn.Embedding(config.vocab_size, config.d_model)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.ln_f = nn.LayerNorm(config.d_model)
        self.rotary = Rotary(config.dim_head)
        self._plan: Plan | None = None
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

    def new_cache(self, policy: CachePolicy, cache_dtype: str) -> KVCache:
        return KVCache(self.config, policy, cache_dtype)

    def flops(self, n_queries: int, n_keys: int) -> FlopBreakdown:
        return forward_flops(self.config, n_queries, n_keys)

    def _apply(self, fn, recurse=True):  # .to(), .float(), ... may replace the tensors
        self._plan = None
        return super()._apply(fn, recurse)

    def load_state_dict(self, *args, **kwargs):
        self._plan = None
        return super().load_state_dict(*args, **kwargs)

    def forward(
        self,
        ids: torch.Tensor,
        start: int = 0,
        cache: KVCache | None = None,
        capture: bool | Sequence[int] = False,
        allowed: torch.Tensor | None = None,
        all_logits: bool = False,
        policy: CachePolicy = FULL,
    ) -> ForwardResult:
        """Run tokens ``ids`` (B, T) placed at positions ``start..start+T``.

        Without ``cache`` the keys are these tokens only, so ``start`` must be 0 and the
        whole sequence is passed. With ``cache`` the new K/V are written to it and the
        queries attend to the positions the cache holds. The attention mask follows the
        cache's policy, or ``policy`` without a cache (so the uncached reference of a
        windowed cache masks the same keys); ``allowed`` (T, Tk) overrides it.
        ``all_logits`` returns (B, T, vocab) logits for every position (training, evaluation)
        instead of the last position's (B, vocab) that generation needs. ``capture`` keeps each
        layer's attention: every row (True), or only the rows of the query positions listed
        (sorted), so a pass that must show a few rows does not hold all T × Tk of them.
        """
        B, T = ids.shape
        d = (self.config.d_model,)
        rope = self.rotary.tables(start, start + T, self.config.torch_dtype)
        if cache is not None:
            policy = cache.policy
        key_pos = cache.key_positions(start, T) if cache is not None else torch.arange(T)
        if allowed is None and (policy.evicts or T > 1):  # a decode row under the causal mask sees every key
            allowed = policy.allowed(torch.arange(start, start + T), key_pos)  # (T, Tk) or None
        blocked = None if allowed is None else ~allowed
        # A pass of many rows (the uncached reference, a prefill) takes its output from the fused kernel:
        # the same masked softmax, without the T × Tk matrices; training keeps the written-out graph.
        fused = fused_mask(allowed, T) if T > 1 and not torch.is_grad_enabled() else None
        if self._plan is None or torch.is_grad_enabled():  # training may swap tensors between calls
            ln_f = self.ln_f
            layers = [block.weights() for block in self.blocks]
            self._plan = Plan(layers, self.embed.weight, ln_f.weight, ln_f.bias, ln_f.eps)
        plan = self._plan
        embed = plan.embed
        x = torch.embedding(embed, ids.reshape(B * T))  # (B·T, d): rows, as the projections take them
        keep = capture if isinstance(capture, bool) else torch.as_tensor(capture, dtype=torch.long) - start
        scores, weights, keys, values = ([] if capture is not False else None for _ in range(4))
        for layer, lw in enumerate(plan.layers):
            h = torch.layer_norm(x, d, lw.ln1_w, lw.ln1_b, lw.eps)
            a, s, w, k, v = attention(
                h, B, lw.qkv_t, lw.proj_t, lw.shape, rope, blocked, cache, layer, start, keep, fused
            )
            x = x + a
            x = x + mlp(torch.layer_norm(x, d, lw.ln2_w, lw.ln2_b, lw.eps), lw.up_t, lw.down_t)
            if capture is not False:
                scores.append(s)
                weights.append(w)
                keys.append(k)
                values.append(v)
        if cache is not None:
            cache.commit(start, T)
        if all_logits or T > 1:  # one row per sequence (a decode step) is already the last position's
            x = x.view(B, T, *d)
            x = x if all_logits else x.select(1, -1)
        hidden = torch.layer_norm(x, d, plan.ln_f_w, plan.ln_f_b, plan.ln_f_eps)
        logits = F.linear(hidden, embed)  # tied embedding
        return ForwardResult(logits, scores, weights, keys, values, key_pos)
