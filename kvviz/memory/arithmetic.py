"""KV-cache bytes, parameters and weight bytes of a :class:`ModelSpec`, each in closed form.

Conventions (the CLI and the panel print them too):

* Bytes are exact integers.
* Cache per token and layer: 2 (K and V) · kv_heads · head_dim elements; with multi-head
  latent attention, kv_lora_rank + qk_rope_head_dim elements. A sliding-window layer keeps
  only its last ``window`` positions.
* Element sizes: float32 4 B, float16/bfloat16 2 B, fp8 (E4M3) and int8 1 B, int4 ½ B. The
  quantized types (fp8, int8, int4) also store one float16 scale per vector: per token, layer
  and KV head, one for K and one for V (symmetric quantization, group size = head_dim; for MLA
  one for the latent and one for the RoPE key). That is the scheme of kvviz's own quantized
  cache (:mod:`kvviz.core.quant`), so predictions and the tiny model's measured bytes agree.
  With head_dim 128 the scales add 2/128 B per element (+1.6 % for int8, +3.1 % for int4).
  Engines differ: vLLM's fp8 cache keeps one scale per tensor, i.e. exactly 1 B per element.
* Weights: parameters × bytes per parameter at the chosen dtype. Quantization scales of the
  weights are not counted (group-wise int4 with 128-element groups and fp16 scales adds ~3 %).

No function here loops over layers: a hostile config's layer count is only a factor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kvviz.i18n import translate
from kvviz.memory.spec import DTYPE_BITS, ModelSpec, SpecError, check_dtype

#: dtypes whose cache carries a scale per stored vector.
SCALED_DTYPES = ("fp8", "int8", "int4")
SCALE_BYTES = 2  # one float16 scale per K or V vector of one token in one KV head


# -- KV cache ---------------------------------------------------------------------------


def cache_elements_per_token_layer(spec: ModelSpec) -> int:
    """Elements one token adds to one layer's cache: 2·kv_heads·head_dim, or latent + RoPE key for MLA."""
    if spec.is_mla:
        return spec.kv_lora_rank + spec.qk_rope_head_dim
    return 2 * spec.n_kv_heads * spec.head_dim


def cache_bytes_per_token_layer(spec: ModelSpec, dtype: str, kv_heads: int | None = None) -> int:
    """Bytes one token adds to one layer's cache, quantization scales included.

    ``kv_heads`` counts only that many K/V heads (what one tensor-parallel GPU holds); MLA's
    latent has no heads to split and is counted whole.
    """
    bits = check_dtype(dtype)
    scaled = dtype in SCALED_DTYPES
    if spec.is_mla:
        widths = (spec.kv_lora_rank, spec.qk_rope_head_dim) if spec.qk_rope_head_dim else (spec.kv_lora_rank,)
        data = sum((width * bits + 7) // 8 for width in widths)
        return data + len(widths) * SCALE_BYTES * scaled
    vectors = 2 * (spec.n_kv_heads if kv_heads is None else kv_heads)  # one K and one V per head
    return vectors * ((spec.head_dim * bits + 7) // 8 + SCALE_BYTES * scaled)  # int4 packs two values per byte


def bytes_per_token(spec: ModelSpec, dtype: str) -> int:
    """Cache bytes one token of one sequence costs across all layers (before any window is full)."""
    return spec.n_layers * cache_bytes_per_token_layer(spec, dtype)


def kept_tokens(spec: ModelSpec, context: int) -> int:
    """Token positions held across all layers at ``context``: a window layer keeps at most its window."""
    windowed = spec.n_sliding_layers
    if not windowed:
        return spec.n_layers * context
    return (spec.n_layers - windowed) * context + windowed * min(context, spec.sliding_window)


def cache_bytes(spec: ModelSpec, context: int, dtype: str, batch: int = 1) -> int:
    """Cache bytes of ``batch`` sequences of ``context`` tokens; sliding-window layers stop at their window."""
    if context < 0 or batch < 0:
        message = translate("memory.arithmetic", "context and batch must be non-negative, got {context} and {batch}")
        raise SpecError(message.format(context=context, batch=batch))
    return batch * kept_tokens(spec, context) * cache_bytes_per_token_layer(spec, dtype)


def max_context(spec: ModelSpec, dtype: str, batch: int, budget: int) -> int | None:
    """Longest context whose cache for ``batch`` sequences fits ``budget`` bytes, solved in closed form.

    0 if not even one token fits; None if the cache stops growing (every layer has a
    window) below the budget, so memory never limits the context.
    """
    per = batch * cache_bytes_per_token_layer(spec, dtype)
    units = max(budget, 0) // per  # token-layer positions the budget holds
    n, windowed, window = spec.n_layers, spec.n_sliding_layers, spec.sliding_window
    if units < n:
        return 0
    if not windowed or units < n * window:  # below the window every layer takes each new token
        return units // n
    if windowed == n:
        return None
    return window + (units - n * window) // (n - windowed)  # past it only the global layers grow


def cache_scheme(dtype: str) -> str:
    """One line saying how an element of this dtype is stored."""
    bits = check_dtype(dtype)
    size = translate("memory.arithmetic", "{size} B per element").format(size=f"{bits / 8:g}")
    name = "fp8 (E4M3)" if dtype == "fp8" else dtype
    if dtype in SCALED_DTYPES:
        text = translate(
            "memory.arithmetic",
            "{name}: {size} + one float16 scale per token, layer and KV head for K and for V (symmetric)",
        )
        return text.format(name=name, size=size)
    return translate("memory.arithmetic", "{name}: {size}").format(name=name, size=size)


def cache_formula(spec: ModelSpec, dtype: str) -> str:
    """How :func:`bytes_per_token` is made, written out with this model's numbers."""
    size = f"{DTYPE_BITS[dtype] / 8:g} B"
    if spec.is_mla:
        text = translate("memory.arithmetic", "{layers} layers × ({latent} latent + {rope} RoPE key) × {size}").format(
            layers=f"{spec.n_layers:,}", latent=f"{spec.kv_lora_rank:,}", rope=f"{spec.qk_rope_head_dim:,}", size=size
        )
    else:
        text = translate("memory.arithmetic", "2 (K, V) × {layers} layers × {kv_heads} KV heads × {head_dim} × {size}")
        text = text.format(
            layers=f"{spec.n_layers:,}", kv_heads=f"{spec.n_kv_heads:,}", head_dim=f"{spec.head_dim:,}", size=size
        )
    if dtype in SCALED_DTYPES:
        if spec.is_mla:
            vectors = translate("memory.arithmetic", "2 vectors")
        else:
            vectors = translate("memory.arithmetic", "2 × {kv_heads} vectors").format(kv_heads=f"{spec.n_kv_heads:,}")
        scales = translate("memory.arithmetic", " + {layers} layers × {vectors} × {size} B of scales")
        text += scales.format(layers=f"{spec.n_layers:,}", vectors=vectors, size=SCALE_BYTES)
    return text


# -- parameters and weights --------------------------------------------------------------


@dataclass(frozen=True)
class ParamCounts:
    """Parameters of a model, and the matrix weights one token is multiplied with."""

    total: int
    active: int  # used by one token: all but the experts the router skips
    layer_matmul: int  # matrix weights of all blocks one token passes through (active experts only)
    head_matmul: int  # the output projection to the vocabulary (shared with the embedding when tied)

    @property
    def matmul_per_token(self) -> int:
        return self.layer_matmul + self.head_matmul


@dataclass(frozen=True)
class LayerParams:
    """One layer's parameters by part; ``split`` is how many ways tensor parallelism divides the heads.

    With ``split`` > 1 the figures are one GPU's share: query and output projections and the
    MLP are divided, K/V projections hold max(1, kv_heads / split) heads, norms and MLA's
    down-projections are replicated (as vLLM lays them out).
    """

    attention_matrices: int
    attention_vectors: int  # biases and the attention's own norms (MLA)
    norms: int
    dense_mlp: int  # matrices + biases of a dense layer's MLP
    moe_total: int  # all experts, shared experts and the router of an MoE layer
    moe_skipped: int  # the routed experts one token does not use
    moe_matmul: int  # the expert and router matrices one token is multiplied with


def kv_heads_held(spec: ModelSpec, split: int) -> int:
    """K/V heads one of ``split`` tensor-parallel GPUs holds: max(1, kv_heads / split), replicated below 1."""
    return max(1, spec.n_kv_heads // split)


def layer_params(spec: ModelSpec, split: int = 1) -> LayerParams:
    d, h = spec.d_model, spec.n_heads // split
    if spec.is_mla:
        qk = spec.qk_nope_head_dim + spec.qk_rope_head_dim
        r = spec.kv_lora_rank
        if spec.q_lora_rank:
            q_matrices, q_norm = d * spec.q_lora_rank + spec.q_lora_rank * h * qk, spec.q_lora_rank
        else:
            q_matrices, q_norm = d * h * qk, 0
        matrices = (
            q_matrices
            + d * (r + spec.qk_rope_head_dim)  # kv_a: latent and RoPE key (replicated under TP)
            + r * h * (spec.qk_nope_head_dim + spec.v_head_dim)  # kv_b: latent to per-head K (no-RoPE part) and V
            + h * spec.v_head_dim * d  # output
        )
        attention_vectors = q_norm + r  # q_a and kv_a norms
    else:
        hd, kv = spec.head_dim, kv_heads_held(spec, split) if split > 1 else spec.n_kv_heads
        matrices = d * (h + 2 * kv) * hd + h * hd * d
        attention_vectors = (h + 2 * kv) * hd * spec.qkv_bias + d * spec.out_bias
    norm = d * (2 if spec.norm_bias else 1)
    dense_mlp = (
        _mlp_matrices(spec, spec.d_ff, split)
        + ((2 if spec.gated_mlp else 1) * -(-spec.d_ff // split) + d) * spec.mlp_bias
    )
    moe_total = moe_skipped = moe_matmul = 0
    if spec.n_experts:
        expert = _mlp_matrices(spec, spec.moe_d_ff, split)
        router = spec.n_experts * d  # replicated: every GPU routes its tokens
        moe_total = (spec.n_experts + spec.n_shared_experts) * expert + router + spec.n_experts * spec.router_bias
        moe_skipped = (spec.n_experts - spec.experts_per_token) * expert
        moe_matmul = (spec.experts_per_token + spec.n_shared_experts) * expert + router
    return LayerParams(
        matrices, attention_vectors, spec.norms_per_layer * norm, dense_mlp, moe_total, moe_skipped, moe_matmul
    )


def _mlp_matrices(spec: ModelSpec, width: int, split: int = 1) -> int:
    return (3 if spec.gated_mlp else 2) * spec.d_model * -(-width // split)


def moe_layer_count(spec: ModelSpec, low: int, high: int) -> int:
    """MoE layers with an index in ``low``..``high - 1`` (the first ``first_dense_layers`` are dense)."""
    if not spec.n_experts:
        return 0
    return max(0, high - max(low, spec.first_dense_layers))


@cache
def param_counts(spec: ModelSpec) -> ParamCounts:
    """Count parameters from the shapes: exact for the layouts modelled here."""
    d, n = spec.d_model, spec.n_layers
    p = layer_params(spec)
    moe = moe_layer_count(spec, 0, n)
    dense = n - moe
    shared = p.attention_matrices + p.attention_vectors + p.norms
    total = n * shared + dense * p.dense_mlp + moe * p.moe_total
    active = total - moe * p.moe_skipped
    layer_mlp_matmul = _mlp_matrices(spec, spec.d_ff)
    layer_matmul = n * p.attention_matrices + dense * layer_mlp_matmul + moe * p.moe_matmul
    final_norm = d * (2 if spec.norm_bias else 1)
    embeddings = spec.vocab_size * d + spec.learned_positions * d + final_norm
    head = 0 if spec.tied_embeddings else spec.vocab_size * d
    return ParamCounts(
        total=total + embeddings + head,
        active=active + embeddings + head,
        layer_matmul=layer_matmul,
        head_matmul=spec.vocab_size * d,
    )


def weight_bytes(spec: ModelSpec, dtype: str) -> int:
    """Bytes of all parameters stored at ``dtype`` (quantization scales not counted)."""
    return (param_counts(spec).total * check_dtype(dtype) + 7) // 8
