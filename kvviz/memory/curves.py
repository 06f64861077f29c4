"""Curves for the explorer's plots: cache bytes and concurrent sequences against context, per variant.

The alternatives share the chosen model's depth, query heads and head width and differ in
one thing each (attention kind or cache dtype), so the plot compares like with like.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from kvviz.i18n import translate
from kvviz.memory.arithmetic import cache_bytes
from kvviz.memory.serving import ServingSetup, plan_serving
from kvviz.memory.spec import LayerSet, ModelSpec, SpecError

#: The plot's context axis ends here (decimal: one million tokens).
PLOT_MAX_CONTEXT = 1_000_000
#: The GQA variant looks for a divisor of the head count only this far, so a hostile count is no loop.
_MAX_GROUP_SEARCH = 1024


def context_grid(spec: ModelSpec, max_tokens: int = PLOT_MAX_CONTEXT, per_decade: int = 24) -> list[int]:
    """Contexts from 1 to ``max_tokens``, log-spaced, plus each window so the bend is drawn sharp."""
    decades = math.log10(max_tokens)
    points = {round(10 ** (i / per_decade)) for i in range(int(decades * per_decade) + 1)}
    points |= {w for w in (spec.sliding_window,) if w and w <= max_tokens}
    points.add(max_tokens)
    return sorted(points)


def cache_curve(spec: ModelSpec, dtype: str, batch: int, contexts: Sequence[int]) -> list[int]:
    return [cache_bytes(spec, n, dtype, batch) for n in contexts]


def _gqa_heads(spec: ModelSpec) -> int:
    """KV heads of the GQA variant: the model's own if it is GQA, else 8 or a divisor near heads / 4."""
    if spec.attention_kind == "GQA":
        return spec.n_kv_heads
    if spec.n_heads > 8 and spec.n_heads % 8 == 0:
        return 8
    quarter = max(2, spec.n_heads // 4)
    return max((k for k in range(1, min(quarter, _MAX_GROUP_SEARCH) + 1) if spec.n_heads % k == 0), default=1)


def attention_variants(spec: ModelSpec) -> list[ModelSpec]:
    """The same depth, query heads and head width with each attention variant, named for the legend.

    MHA (a K/V head per query head), GQA, MQA (one K/V head), GQA with a sliding window on
    every layer (the model's own window, else 4,096 as in Mistral 7B) and MLA with
    DeepSeek's latent sizes (512 + 64) unless the model has its own.
    """
    # For an MLA model the comparison uses its per-head width d_h = qk_nope_head_dim, as the DeepSeek-V2 paper does.
    head_dim = spec.qk_nope_head_dim if spec.is_mla else spec.head_dim
    standard = replace(
        spec, kv_lora_rank=None, q_lora_rank=None, sliding_window=None, sliding=LayerSet(), head_dim=head_dim
    )
    h, g = spec.n_heads, _gqa_heads(spec)
    window = spec.sliding_window or 4096
    rank, rope = (spec.kv_lora_rank, spec.qk_rope_head_dim) if spec.is_mla else (512, 64)
    return [
        replace(
            standard, id="mha", name=translate("memory.curves", "MHA ({count} KV heads)").format(count=h), n_kv_heads=h
        ),
        replace(
            standard, id="gqa", name=translate("memory.curves", "GQA ({count} KV heads)").format(count=g), n_kv_heads=g
        ),
        replace(standard, id="mqa", name=translate("memory.curves", "MQA (1 KV head)"), n_kv_heads=1),
        replace(
            standard,
            id="swa",
            name=translate("memory.curves", "GQA-{count} + window {window}").format(count=g, window=f"{window:,}"),
            n_kv_heads=g,
            sliding_window=window,
            sliding=LayerSet("all"),
        ),
        replace(
            standard,
            id="mla",
            name=translate("memory.curves", "MLA ({rank} + {rope} latent)").format(rank=rank, rope=rope),
            kv_lora_rank=rank,
            qk_rope_head_dim=rope,
            qk_nope_head_dim=standard.head_dim,
            v_head_dim=standard.head_dim,
        ),
    ]


def capacity_curve(spec: ModelSpec, setup: ServingSetup, contexts: Sequence[int]) -> list[int] | None:
    """Concurrent sequences of each context under ``setup``; None if the setup cannot run this spec."""
    try:
        plan = plan_serving(spec, replace(setup, shared_prefix=0))
    except SpecError:
        return None
    return [plan.sequences_at(n) for n in contexts]


def capacity_grid(max_tokens: int, per_decade: int = 12) -> list[int]:
    """Contexts from 16 tokens to ``max_tokens`` for the capacity plot, log-spaced."""
    low, high = math.log10(16), math.log10(max(max_tokens, 32))
    steps = max(2, round((high - low) * per_decade))
    return sorted({round(10 ** (low + (high - low) * i / steps)) for i in range(steps + 1)})
