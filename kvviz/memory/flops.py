"""FLOPs to generate one token of a real model, with and without a KV cache, in closed form.

A product of an (m×k) and a (k×n) matrix costs 2·m·k·n, as in :mod:`kvviz.core.flops`; for
the tiny model these formulas are exactly :func:`kvviz.core.flops.forward_flops` with one
sequence (a test holds them to it and to ``FlopCounterMode``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kvviz.i18n import translate
from kvviz.memory.arithmetic import kept_tokens, param_counts
from kvviz.memory.spec import ModelSpec, SpecError


@dataclass(frozen=True)
class TokenFlops:
    """FLOPs to produce one token, split into matrix-weight products and attention over the context."""

    matmul: int
    attention: int

    @property
    def total(self) -> int:
        return self.matmul + self.attention


@dataclass(frozen=True)
class GenerationFlops:
    context: int
    cached: TokenFlops
    uncached: TokenFlops


FLOPS_FORMULA_LINES = (
    "with cache: 2·W + 2·L·H·(d_qk + d_v)·n;  without: n·2·W_blocks + 2·W_head + 2·L·H·(d_qk + d_v)·n²",
    "W: matrix weights one token uses (active experts only); L layers; H query heads; n: context;",
    "d_qk = d_v = head_dim (MLA decode: latent + RoPE key, latent); a window layer attends to min(n, window) keys",
)
FLOPS_FORMULA = " ".join(FLOPS_FORMULA_LINES)


def flops_formula_lines() -> tuple[str, str, str]:
    """:data:`FLOPS_FORMULA_LINES` in the active language (the JSON keeps the English ``FLOPS_FORMULA``)."""
    return (
        translate(
            "memory.flops",
            "with cache: 2·W + 2·L·H·(d_qk + d_v)·n;  without: n·2·W_blocks + 2·W_head + 2·L·H·(d_qk + d_v)·n²",
        ),
        translate(
            "memory.flops",
            "W: matrix weights one token uses (active experts only); L layers; H query heads; n: context;",
        ),
        translate(
            "memory.flops",
            "d_qk = d_v = head_dim (MLA decode: latent + RoPE key, latent); a window layer attends to min(n, window) "
            "keys",
        ),
    )


def _attention_widths(spec: ModelSpec, cached: bool) -> tuple[int, int]:
    """(query·key width, value width) per head; MLA decodes in the absorbed latent form."""
    if not spec.is_mla:
        return spec.head_dim, spec.head_dim
    if cached:
        return spec.kv_lora_rank + spec.qk_rope_head_dim, spec.kv_lora_rank
    return spec.qk_nope_head_dim + spec.qk_rope_head_dim, spec.v_head_dim


def flops_per_token(spec: ModelSpec, context: int) -> GenerationFlops:
    """FLOPs to generate one token when the sequence, that token included, holds ``context`` tokens.

    A product of an (m×k) and a (k×n) matrix costs 2·m·k·n, as in :mod:`kvviz.core.flops`.

    With a KV cache only the new token runs: every matrix weight W it meets costs 2 FLOPs
    (attention and MLP projections, the experts the router picks, the output head), and
    attention costs 2·H·(d_qk + d_v) per key per layer (Q·Kᵀ and A·V). Standard attention
    has d_qk = d_v = head_dim, so that is 4·L·H·head_dim·n. MLA decodes in the absorbed form:
    queries are mapped into the latent space, so d_qk = kv_lora_rank + qk_rope_head_dim and
    d_v = kv_lora_rank, and the up-projections are applied once per token (still 2·W).

    Without a cache the whole sequence is run again: n·2·W_blocks, the output head for the
    last position only (2·W_head), and attention over the full n × n score rectangle
    (masked cells included, as the tiny model computes them; a causal kernel skips about
    half). MLA then uses the decompressed heads (d_qk = nope + rope, d_v = v_head_dim).
    Element-wise work (norms, softmax, activations) is not counted. For the tiny model these
    formulas are exactly :func:`kvviz.core.flops.forward_flops` with one sequence.
    """
    if context < 1:
        raise SpecError(
            translate("memory.flops", "context must be at least 1 to generate a token, got {value}").format(
                value=context
            )
        )
    counts = param_counts(spec)
    keys = kept_tokens(spec, context)  # summed over layers
    qk, v = _attention_widths(spec, cached=True)
    cached = TokenFlops(2 * counts.matmul_per_token, 2 * spec.n_heads * (qk + v) * keys)
    qk, v = _attention_widths(spec, cached=False)
    uncached = TokenFlops(
        context * 2 * counts.layer_matmul + 2 * counts.head_matmul,
        2 * spec.n_heads * (qk + v) * context * keys,
    )
    return GenerationFlops(context, cached, uncached)
