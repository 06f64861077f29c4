"""Memory explorer: KV-cache bytes, weight bytes and FLOPs per token of real model configurations.

The tiny model shows the cache working; this module says what the same arithmetic means for
the models people run. Every figure comes from the shapes in a config (a preset from
:mod:`kvviz.core.model_presets`, any Hugging Face ``config.json``, or the tiny model's
:class:`~kvviz.core.config.ModelConfig`), and the tests hold it to published numbers and to
what the engine measures.

Conventions (the CLI and the panel print them too):

* Bytes are exact integers. GPU sizes are decimal: "80 GB" is 80·10⁹ bytes. KiB/MiB/GiB are
  binary (1 GiB = 2³⁰ bytes).
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
* Only weights and KV cache are counted: activations, workspace, fragmentation and the
  runtime's own reserve are not, so real deployments fit somewhat less.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kvviz.core.model_presets import PUBLISHED
from kvviz.units import format_bytes, format_flops

if TYPE_CHECKING:  # no torch import at run time: the GUI can show this panel before torch loads
    from kvviz.core.config import ModelConfig

#: Bits per stored element of the cache (and per parameter of the weights), by dtype name.
DTYPE_BITS: dict[str, int] = {"float32": 32, "float16": 16, "bfloat16": 16, "fp8": 8, "int8": 8, "int4": 4}
DTYPES = tuple(DTYPE_BITS)
#: dtypes whose cache carries a scale per stored vector.
SCALED_DTYPES = ("fp8", "int8", "int4")
SCALE_BYTES = 2  # one float16 scale per K or V vector of one token in one KV head
GB = 10**9
#: The plot's context axis ends here (decimal: one million tokens).
PLOT_MAX_CONTEXT = 1_000_000


class SpecError(ValueError):
    """A model description that cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Gpu:
    """A GPU memory size in decimal bytes, with cards that have it."""

    name: str
    bytes: int
    examples: str


GPUS = (
    Gpu("24 GB", 24 * GB, "RTX 4090, L4"),
    Gpu("48 GB", 48 * GB, "RTX 6000 Ada, L40S"),
    Gpu("80 GB", 80 * GB, "A100 80GB, H100"),
    Gpu("141 GB", 141 * GB, "H200"),
)


@dataclass(frozen=True)
class ModelSpec:
    """The shapes that decide a decoder's KV cache, weights and FLOPs.

    Attention is standard (``n_kv_heads`` K/V heads of width ``head_dim``; MHA, GQA or MQA)
    unless ``kv_lora_rank`` is set, which selects multi-head latent attention (MLA). Layers
    listed in ``sliding_layers`` attend to, and cache, only the last ``sliding_window``
    positions. The remaining fields describe the layout well enough to count parameters:
    MLP kind and width, mixture-of-experts routing, norms, biases, embeddings.
    """

    id: str
    name: str
    source: str
    note: str
    n_layers: int
    d_model: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    vocab_size: int
    d_ff: int
    trained_context: int | None = None
    sliding_window: int | None = None
    sliding_layers: tuple[int, ...] = ()
    # multi-head latent attention
    kv_lora_rank: int | None = None
    q_lora_rank: int | None = None
    qk_rope_head_dim: int = 0
    qk_nope_head_dim: int = 0
    v_head_dim: int = 0
    # mixture of experts (n_experts == 0: every layer is dense)
    n_experts: int = 0
    experts_per_token: int = 0
    n_shared_experts: int = 0
    moe_d_ff: int = 0
    first_dense_layers: int = 0
    router_bias: bool = False
    # layout
    gated_mlp: bool = True
    norm_bias: bool = False
    norms_per_layer: int = 2
    qkv_bias: bool = False
    out_bias: bool = False
    mlp_bias: bool = False
    tied_embeddings: bool = False
    learned_positions: int = 0

    def __post_init__(self) -> None:
        for name in ("n_layers", "d_model", "n_heads", "n_kv_heads", "head_dim", "vocab_size", "d_ff"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise SpecError(f"{self.id}: {name} must be a positive integer, got {value!r}")
        if self.kv_lora_rank is None and (self.n_kv_heads > self.n_heads or self.n_heads % self.n_kv_heads):
            raise SpecError(f"{self.id}: n_kv_heads ({self.n_kv_heads}) must divide n_heads ({self.n_heads})")
        if self.sliding_layers:
            if self.sliding_window is None or self.sliding_window <= 0:
                raise SpecError(f"{self.id}: sliding layers need a positive sliding_window")
            if not all(0 <= i < self.n_layers for i in self.sliding_layers):
                raise SpecError(f"{self.id}: sliding layer index outside 0..{self.n_layers - 1}")
        if self.n_experts and not 0 < self.experts_per_token <= self.n_experts:
            raise SpecError(f"{self.id}: experts per token must lie in 1..{self.n_experts}")

    @property
    def is_mla(self) -> bool:
        return self.kv_lora_rank is not None

    @property
    def attention_kind(self) -> str:
        if self.is_mla:
            return "MLA"
        if self.n_kv_heads == self.n_heads:
            return "MHA"
        return "MQA" if self.n_kv_heads == 1 else "GQA"

    @property
    def attention_label(self) -> str:
        """E.g. "GQA, 8 KV heads × 128, window 4,096 on 21 of 42 layers"."""
        if self.is_mla:
            text = f"MLA, latent {self.kv_lora_rank} + RoPE key {self.qk_rope_head_dim}"
        else:
            heads = "1 KV head" if self.n_kv_heads == 1 else f"{self.n_kv_heads} KV heads"
            text = f"{self.attention_kind}, {heads} × {self.head_dim}"
        if self.sliding_layers:
            n = len(self.sliding_layers)
            where = "every layer" if n == self.n_layers else f"{n} of {self.n_layers} layers"
            text += f", window {self.sliding_window:,} on {where}"
        return text

    def kept_tokens(self, context: int) -> int:
        """Token positions held across all layers at ``context``: a window layer keeps at most its window."""
        windowed = len(self.sliding_layers)
        kept = (self.n_layers - windowed) * context
        return kept + windowed * min(context, self.sliding_window) if windowed else kept


# -- KV cache ---------------------------------------------------------------------------


def _check_dtype(dtype: str) -> int:
    if dtype not in DTYPE_BITS:
        raise SpecError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    return DTYPE_BITS[dtype]


def _cache_vectors(spec: ModelSpec) -> tuple[int, ...]:
    """Widths of the vectors one token stores per layer (each quantized with its own scale)."""
    if spec.is_mla:
        return (spec.kv_lora_rank, spec.qk_rope_head_dim) if spec.qk_rope_head_dim else (spec.kv_lora_rank,)
    return (spec.head_dim,) * (2 * spec.n_kv_heads)  # one K and one V vector per KV head


def cache_elements_per_token_layer(spec: ModelSpec) -> int:
    """Elements one token adds to one layer's cache: 2·kv_heads·head_dim, or latent + RoPE key for MLA."""
    return sum(_cache_vectors(spec))


def cache_bytes_per_token_layer(spec: ModelSpec, dtype: str) -> int:
    """Bytes one token adds to one layer's cache, quantization scales included."""
    bits = _check_dtype(dtype)
    vectors = _cache_vectors(spec)
    data = sum(math.ceil(width * bits / 8) for width in vectors)  # int4 packs two values per byte
    return data + len(vectors) * SCALE_BYTES if dtype in SCALED_DTYPES else data


def bytes_per_token(spec: ModelSpec, dtype: str) -> int:
    """Cache bytes one token of one sequence costs across all layers (before any window is full)."""
    return spec.n_layers * cache_bytes_per_token_layer(spec, dtype)


def cache_bytes(spec: ModelSpec, context: int, dtype: str, batch: int = 1) -> int:
    """Cache bytes of ``batch`` sequences of ``context`` tokens; sliding-window layers stop at their window."""
    if context < 0 or batch < 0:
        raise SpecError(f"context and batch must be non-negative, got {context} and {batch}")
    return batch * spec.kept_tokens(context) * cache_bytes_per_token_layer(spec, dtype)


def max_context(spec: ModelSpec, dtype: str, batch: int, budget: int) -> int | None:
    """Longest context whose cache for ``batch`` sequences fits ``budget`` bytes.

    0 if not even one token fits; None if the cache stops growing (every layer has a
    window) below the budget, so memory never limits the context.
    """
    if budget < cache_bytes(spec, 1, dtype, batch):
        return 0
    if len(spec.sliding_layers) == spec.n_layers and cache_bytes(spec, spec.sliding_window, dtype, batch) <= budget:
        return None
    low, high = 1, 2
    while cache_bytes(spec, high, dtype, batch) <= budget:
        low, high = high, high * 2
    while high - low > 1:  # cache_bytes(low) fits, cache_bytes(high) does not
        mid = (low + high) // 2
        if cache_bytes(spec, mid, dtype, batch) <= budget:
            low = mid
        else:
            high = mid
    return low


def cache_scheme(dtype: str) -> str:
    """One line saying how an element of this dtype is stored."""
    bits = _check_dtype(dtype)
    size = f"{bits / 8:g} B per element"
    name = "fp8 (E4M3)" if dtype == "fp8" else dtype
    if dtype in SCALED_DTYPES:
        return f"{name}: {size} + one float16 scale per token, layer and KV head for K and for V (symmetric)"
    return f"{name}: {size}"


def cache_formula(spec: ModelSpec, dtype: str) -> str:
    """How :func:`bytes_per_token` is made, written out with this model's numbers."""
    size = f"{DTYPE_BITS[dtype] / 8:g} B"
    if spec.is_mla:
        text = f"{spec.n_layers} layers × ({spec.kv_lora_rank} latent + {spec.qk_rope_head_dim} RoPE key) × {size}"
    else:
        text = f"2 (K, V) × {spec.n_layers} layers × {spec.n_kv_heads} KV heads × {spec.head_dim} × {size}"
    if dtype in SCALED_DTYPES:
        vectors = "2 vectors" if spec.is_mla else f"2 × {spec.n_kv_heads} vectors"
        text += f" + {spec.n_layers} layers × {vectors} × {SCALE_BYTES} B of scales"
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


def _attention_params(spec: ModelSpec) -> tuple[int, int]:
    """(matrix weights, vectors: biases and norms) of one layer's attention."""
    d, h = spec.d_model, spec.n_heads
    if spec.is_mla:
        qk = spec.qk_nope_head_dim + spec.qk_rope_head_dim
        r = spec.kv_lora_rank
        if spec.q_lora_rank:
            q_matrices, q_vectors = d * spec.q_lora_rank + spec.q_lora_rank * h * qk, spec.q_lora_rank
        else:
            q_matrices, q_vectors = d * h * qk, 0
        matrices = (
            q_matrices
            + d * (r + spec.qk_rope_head_dim)  # kv_a: latent and RoPE key
            + r * h * (spec.qk_nope_head_dim + spec.v_head_dim)  # kv_b: latent to per-head K (no-RoPE part) and V
            + h * spec.v_head_dim * d  # output
        )
        return matrices, q_vectors + r  # q_a and kv_a norms
    hd, kv = spec.head_dim, spec.n_kv_heads
    matrices = d * (h + 2 * kv) * hd + h * hd * d
    vectors = (h + 2 * kv) * hd * spec.qkv_bias + d * spec.out_bias
    return matrices, vectors


def _mlp_matrices(spec: ModelSpec, width: int) -> int:
    return (3 if spec.gated_mlp else 2) * spec.d_model * width


def _is_moe_layer(spec: ModelSpec, layer: int) -> bool:
    return spec.n_experts > 0 and layer >= spec.first_dense_layers


@cache
def param_counts(spec: ModelSpec) -> ParamCounts:
    """Count parameters from the shapes: exact for the layouts modelled here."""
    d = spec.d_model
    norm = d * (2 if spec.norm_bias else 1)
    attn_matrices, attn_vectors = _attention_params(spec)
    total = active = layer_matmul = 0
    for layer in range(spec.n_layers):
        layer_total = attn_matrices + attn_vectors + spec.norms_per_layer * norm
        layer_matmul += attn_matrices
        if _is_moe_layer(spec, layer):
            expert = _mlp_matrices(spec, spec.moe_d_ff)
            router = spec.n_experts * d
            moe_total = (spec.n_experts + spec.n_shared_experts) * expert + router + spec.n_experts * spec.router_bias
            skipped = (spec.n_experts - spec.experts_per_token) * expert
            total += layer_total + moe_total
            active += layer_total + moe_total - skipped
            layer_matmul += (spec.experts_per_token + spec.n_shared_experts) * expert + router
        else:
            mlp = _mlp_matrices(spec, spec.d_ff)
            bias = ((2 if spec.gated_mlp else 1) * spec.d_ff + d) * spec.mlp_bias
            total += layer_total + mlp + bias
            active += layer_total + mlp + bias
            layer_matmul += mlp
    embeddings = spec.vocab_size * d + spec.learned_positions * d + norm  # + final norm
    head = 0 if spec.tied_embeddings else spec.vocab_size * d
    return ParamCounts(
        total=total + embeddings + head,
        active=active + embeddings + head,
        layer_matmul=layer_matmul,
        head_matmul=spec.vocab_size * d,
    )


def weight_bytes(spec: ModelSpec, dtype: str) -> int:
    """Bytes of all parameters stored at ``dtype`` (quantization scales not counted)."""
    return math.ceil(param_counts(spec).total * _check_dtype(dtype) / 8)


# -- FLOPs -------------------------------------------------------------------------------


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
        raise SpecError(f"context must be at least 1 to generate a token, got {context}")
    counts = param_counts(spec)
    keys = spec.kept_tokens(context)  # summed over layers
    qk, v = _attention_widths(spec, cached=True)
    cached = TokenFlops(2 * counts.matmul_per_token, 2 * spec.n_heads * (qk + v) * keys)
    qk, v = _attention_widths(spec, cached=False)
    uncached = TokenFlops(
        context * 2 * counts.layer_matmul + 2 * counts.head_matmul,
        2 * spec.n_heads * (qk + v) * context * keys,
    )
    return GenerationFlops(context, cached, uncached)


# -- the report the CLI and the panel show --------------------------------------------------


@dataclass(frozen=True)
class GpuFit:
    """How the model fits one GPU: weights first, then the cache in what is left."""

    gpu: Gpu
    free_after_weights: int  # negative when the weights alone do not fit
    fits: bool  # weights + cache at the chosen context and batch
    max_context: int | None  # longest context for the batch; None: the cache stops growing first

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.gpu.name,
            "bytes": self.gpu.bytes,
            "examples": self.gpu.examples,
            "free_after_weights": self.free_after_weights,
            "fits": self.fits,
            "max_context": self.max_context,
        }


@dataclass(frozen=True)
class MemoryReport:
    """Everything the memory explorer shows for one model, context, batch and dtype."""

    spec: ModelSpec
    context: int
    batch: int
    dtype: str
    bytes_per_token: int
    cache_bytes: int
    weight_bytes: int
    params: ParamCounts
    gpus: tuple[GpuFit, ...]
    flops: GenerationFlops
    _gpu_index: dict[str, GpuFit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_gpu_index", {fit.gpu.name: fit for fit in self.gpus})

    @property
    def total_bytes(self) -> int:
        return self.weight_bytes + self.cache_bytes

    def gpu(self, name: str) -> GpuFit:
        return self._gpu_index[name]

    @property
    def beyond_trained_context(self) -> bool:
        return self.spec.trained_context is not None and self.context > self.spec.trained_context

    def to_dict(self) -> dict[str, Any]:
        s = self.spec
        return {
            "model": s.id,
            "name": s.name,
            "source": s.source,
            "note": s.note,
            "attention": s.attention_kind,
            "attention_detail": s.attention_label,
            "layers": s.n_layers,
            "heads": s.n_heads,
            "kv_heads": None if s.is_mla else s.n_kv_heads,
            "head_dim": s.head_dim,
            "parameters": self.params.total,
            "active_parameters": self.params.active,
            "model_max_context": s.trained_context,
            "context": self.context,
            "batch": self.batch,
            "dtype": self.dtype,
            "cache_scheme": cache_scheme(self.dtype),
            "bytes_per_token": self.bytes_per_token,
            "bytes_per_token_formula": cache_formula(s, self.dtype),
            "cache_bytes": self.cache_bytes,
            "weight_bytes": self.weight_bytes,
            "total_bytes": self.total_bytes,
            "gpus": [fit.to_dict() for fit in self.gpus],
            "max_context": {fit.gpu.name: fit.max_context for fit in self.gpus},
            "flops_per_token": {
                "context": self.flops.context,
                "cached": _flops_dict(self.flops.cached),
                "uncached": _flops_dict(self.flops.uncached),
                "formula": FLOPS_FORMULA,
            },
            "units": (
                "bytes; GPU sizes are decimal (1 GB = 10^9 bytes); bytes_per_token is per sequence; "
                "max_context null means the cache stops growing (sliding window) before memory runs out"
            ),
            "not_counted": "activations, workspace, fragmentation, runtime reserve, quantization scales of weights",
        }


def _flops_dict(flops: TokenFlops) -> dict[str, int]:
    return {"matmul": flops.matmul, "attention": flops.attention, "total": flops.total}


def memory_report(
    spec: ModelSpec, context: int, batch: int = 1, dtype: str = "float16", gpus: Sequence[Gpu] = GPUS
) -> MemoryReport:
    """The explorer's figures for ``batch`` sequences of ``context`` tokens with cache and weights at ``dtype``."""
    _check_dtype(dtype)
    for name, value in (("context", context), ("batch", batch)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SpecError(f"{name} must be a positive integer, got {value!r}")
    weights = weight_bytes(spec, dtype)
    cache_total = cache_bytes(spec, context, dtype, batch)
    fits = []
    for gpu in gpus:
        free = gpu.bytes - weights
        longest = max_context(spec, dtype, batch, free) if free > 0 else 0
        fits.append(GpuFit(gpu, free, cache_total <= free, longest))
    return MemoryReport(
        spec=spec,
        context=context,
        batch=batch,
        dtype=dtype,
        bytes_per_token=bytes_per_token(spec, dtype),
        cache_bytes=cache_total,
        weight_bytes=weights,
        params=param_counts(spec),
        gpus=tuple(fits),
        flops=flops_per_token(spec, context),
    )


# -- curves for the plot ------------------------------------------------------------------


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
    return max((k for k in range(1, quarter + 1) if spec.n_heads % k == 0), default=1)


def attention_variants(spec: ModelSpec) -> list[ModelSpec]:
    """The same depth, query heads and head width with each attention variant, named for the legend.

    MHA (a K/V head per query head), GQA, MQA (one K/V head), GQA with a sliding window on
    every layer (the model's own window, else 4,096 as in Mistral 7B) and MLA with
    DeepSeek's latent sizes (512 + 64) unless the model has its own.
    """
    # For an MLA model the comparison uses its per-head width d_h = qk_nope_head_dim, as the DeepSeek-V2 paper does.
    head_dim = spec.qk_nope_head_dim if spec.is_mla else spec.head_dim
    standard = replace(
        spec, kv_lora_rank=None, q_lora_rank=None, sliding_window=None, sliding_layers=(), head_dim=head_dim
    )
    h, g = spec.n_heads, _gqa_heads(spec)
    window = spec.sliding_window or 4096
    rank, rope = (spec.kv_lora_rank, spec.qk_rope_head_dim) if spec.is_mla else (512, 64)
    return [
        replace(standard, id="mha", name=f"MHA ({h} KV heads)", n_kv_heads=h),
        replace(standard, id="gqa", name=f"GQA ({g} KV heads)", n_kv_heads=g),
        replace(standard, id="mqa", name="MQA (1 KV head)", n_kv_heads=1),
        replace(
            standard,
            id="swa",
            name=f"GQA-{g} + window {window:,}",
            n_kv_heads=g,
            sliding_window=window,
            sliding_layers=tuple(range(spec.n_layers)),
        ),
        replace(
            standard,
            id="mla",
            name=f"MLA ({rank} + {rope} latent)",
            kv_lora_rank=rank,
            qk_rope_head_dim=rope,
            qk_nope_head_dim=standard.head_dim,
            v_head_dim=standard.head_dim,
        ),
    ]


# -- where specs come from ------------------------------------------------------------------

_FIELD_NAMES = {
    "layers": ("num_hidden_layers", "n_layer", "num_layers"),
    "heads": ("num_attention_heads", "n_head"),
    "hidden": ("hidden_size", "n_embd", "d_model"),
    "vocab": ("vocab_size",),
}


def _field(data: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        if data.get(name) is not None:
            return data[name]
    return None


def _int(where: str, name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SpecError(f"{where}: {name} must be a positive integer, got {value!r}")
    return value


def _optional_int(where: str, name: str, value: Any, minimum: int = 0) -> int | None:
    """An optional count: None stays None, anything else must be an integer ≥ ``minimum``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SpecError(f"{where}: {name} must be an integer of at least {minimum}, got {value!r}")
    return value


def _sliding_layers(data: Mapping[str, Any], model_type: str, n_layers: int) -> tuple[int, ...]:
    """Which layers use the sliding window, by the rules of the Hugging Face implementations."""
    types = data.get("layer_types")
    if isinstance(types, list):
        return tuple(i for i, kind in enumerate(types) if kind == "sliding_attention")
    if data.get("sliding_window") is None or data.get("use_sliding_window") is False:
        return ()
    if model_type == "gemma2":
        return tuple(range(0, n_layers, 2))
    pattern = data.get("sliding_window_pattern")
    if isinstance(pattern, int) and pattern > 0:
        return tuple(i for i in range(n_layers) if (i + 1) % pattern)
    if model_type.startswith("qwen2"):
        first = data.get("max_window_layers", 0)
        return tuple(range(first, n_layers)) if isinstance(first, int) else ()
    return tuple(range(n_layers))


def spec_from_hf_config(data: Mapping[str, Any], *, id: str, name: str, source: str, note: str) -> ModelSpec:
    """Read the cache-deciding fields of a Hugging Face ``config.json`` (already parsed, plain JSON).

    Multimodal wrappers that nest the decoder under ``text_config`` are unwrapped. Raises
    :class:`SpecError` naming every missing field.
    """
    if _field(data, _FIELD_NAMES["layers"]) is None and isinstance(data.get("text_config"), dict):
        data = data["text_config"]
    model_type = str(data.get("model_type") or "")
    gpt2 = model_type == "gpt2"
    missing = [names[0] for names in _FIELD_NAMES.values() if _field(data, names) is None]
    d_ff_raw = data.get("n_inner") if gpt2 else _field(data, ("intermediate_size", "ffn_dim"))
    if d_ff_raw is None and not gpt2:
        missing.append("intermediate_size")
    if missing:
        raise SpecError(
            f"{source}: lacks {', '.join(missing)} (a decoder config.json needs num_hidden_layers, "
            "num_attention_heads, hidden_size, vocab_size and intermediate_size)"
        )
    layers = _int(source, "num_hidden_layers", _field(data, _FIELD_NAMES["layers"]))
    heads = _int(source, "num_attention_heads", _field(data, _FIELD_NAMES["heads"]))
    hidden = _int(source, "hidden_size", _field(data, _FIELD_NAMES["hidden"]))
    vocab = _int(source, "vocab_size", data["vocab_size"])
    d_ff = _int(source, "intermediate_size", d_ff_raw if d_ff_raw is not None else 4 * hidden)
    kv_heads = data.get("num_key_value_heads")
    if kv_heads is None:
        kv_heads = 1 if data.get("multi_query") else heads
    kv_heads = _int(source, "num_key_value_heads", kv_heads)
    head_dim = data.get("head_dim")
    if head_dim is None:
        if hidden % heads:
            raise SpecError(f"{source}: hidden_size ({hidden}) is not a multiple of num_attention_heads ({heads})")
        head_dim = hidden // heads
    head_dim = _int(source, "head_dim", head_dim)

    mla: dict[str, Any] = {}
    if data.get("kv_lora_rank") is not None:
        absent = [k for k in ("qk_rope_head_dim", "qk_nope_head_dim", "v_head_dim") if data.get(k) is None]
        if absent:
            raise SpecError(f"{source}: has kv_lora_rank (latent attention) but lacks {', '.join(absent)}")
        mla = {
            "kv_lora_rank": _int(source, "kv_lora_rank", data["kv_lora_rank"]),
            "q_lora_rank": _optional_int(source, "q_lora_rank", data.get("q_lora_rank")) or None,
            "qk_rope_head_dim": _int(source, "qk_rope_head_dim", data["qk_rope_head_dim"]),
            "qk_nope_head_dim": _int(source, "qk_nope_head_dim", data["qk_nope_head_dim"]),
            "v_head_dim": _int(source, "v_head_dim", data["v_head_dim"]),
        }
        head_dim = mla["qk_nope_head_dim"] + mla["qk_rope_head_dim"]
        kv_heads = heads

    experts = _field(data, ("n_routed_experts", "num_local_experts", "num_experts")) or 0
    moe: dict[str, Any] = {}
    if experts:
        moe = {
            "n_experts": _int(source, "num_experts", experts),
            "experts_per_token": _int(source, "num_experts_per_tok", data.get("num_experts_per_tok")),
            "n_shared_experts": _optional_int(source, "n_shared_experts", data.get("n_shared_experts")) or 0,
            "moe_d_ff": _int(source, "moe_intermediate_size", data.get("moe_intermediate_size") or d_ff),
            "first_dense_layers": _optional_int(source, "first_k_dense_replace", data.get("first_k_dense_replace"))
            or 0,
            "router_bias": data.get("topk_method") == "noaux_tc",
        }

    sliding = _sliding_layers(data, model_type, layers)
    window = _optional_int(source, "sliding_window", data.get("sliding_window"), 1) if sliding else None
    if sliding and window is None:
        raise SpecError(f"{source}: has sliding-window layers but no sliding_window")
    positions = _optional_int(source, "n_positions", data.get("n_positions"), 1) if gpt2 else None
    attention_bias = bool(data.get("attention_bias", False))
    return ModelSpec(
        id=id,
        name=name,
        source=source,
        note=note,
        n_layers=layers,
        d_model=hidden,
        n_heads=heads,
        n_kv_heads=kv_heads,
        head_dim=head_dim,
        vocab_size=vocab,
        d_ff=d_ff,
        trained_context=_optional_int(
            source, "max_position_embeddings", _field(data, ("max_position_embeddings", "n_positions")), 1
        ),
        sliding_window=window,
        sliding_layers=sliding,
        **mla,
        **moe,
        gated_mlp=not gpt2,
        norm_bias=gpt2,
        norms_per_layer=4 if model_type == "gemma2" else 2,
        qkv_bias=gpt2 or model_type.startswith("qwen2") or attention_bias,
        out_bias=gpt2 or attention_bias,
        mlp_bias=gpt2 or bool(data.get("mlp_bias", False)),
        tied_embeddings=bool(data.get("tie_word_embeddings", gpt2 or model_type.startswith("gemma"))),
        learned_positions=positions or 0,
    )


PRESET_IDS = tuple(PUBLISHED)


@cache
def preset(model_id: str) -> ModelSpec:
    """The published configuration ``model_id`` (one of :data:`PRESET_IDS`)."""
    if model_id not in PUBLISHED:
        raise SpecError(f"unknown model {model_id!r} (known: {', '.join(PRESET_IDS)}; or give a path to a config.json)")
    p = PUBLISHED[model_id]
    return spec_from_hf_config(p.config, id=model_id, name=p.name, source=p.source, note=p.note)


def load_config_json(path: str | Path) -> ModelSpec:
    """Read a Hugging Face ``config.json`` (or a folder holding one) as plain JSON, never code."""
    path = Path(path)
    if path.is_dir():
        path = path / "config.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{path} must hold a JSON object")
    model_type = data.get("model_type") or (data.get("text_config") or {}).get("model_type") or "unknown"
    name = data.get("_name_or_path") or path.parent.name or path.name
    note = (
        f"Loaded from {path}. Parameters are counted for the standard {model_type} layout "
        "(Llama-style when the type is unknown); fields this explorer does not model are ignored."
    )
    return spec_from_hf_config(data, id=str(path), name=str(name), source=str(path), note=note)


def resolve_model(text: str) -> ModelSpec:
    """A preset id, or a path to a config.json or to a folder holding one."""
    if text in PUBLISHED:
        return preset(text)
    path = Path(text)
    if path.exists() or "/" in text or "\\" in text or text.endswith(".json"):
        return load_config_json(path)
    return preset(text)  # raises, listing the known ids


def spec_from_model_config(config: ModelConfig, kept_positions: int | None = None) -> ModelSpec:
    """The app's tiny decoder as a spec: pre-LN blocks with LayerNorm, a GELU MLP, RoPE, tied head.

    ``kept_positions`` is how many positions an evicting cache policy keeps in every layer
    (window plus sinks); None keeps them all.
    """
    window = {} if kept_positions is None else {"sliding_window": kept_positions}
    return ModelSpec(
        id="tiny",
        name="kvviz tiny model",
        source="kvviz.core.model.TinyDecoder",
        note="The model this app runs; its cache bytes are measured from the tensors in the engine.",
        n_layers=config.n_layers,
        d_model=config.d_model,
        n_heads=config.n_heads,
        n_kv_heads=config.n_kv_heads,
        head_dim=config.dim_head,
        vocab_size=config.vocab_size,
        d_ff=config.d_ff,
        trained_context=config.context_length,
        **window,
        sliding_layers=() if kept_positions is None else tuple(range(config.n_layers)),
        gated_mlp=False,
        norm_bias=True,
        tied_embeddings=True,
    )


# -- display ------------------------------------------------------------------------------


def format_decimal_bytes(n: float) -> str:
    """Bytes in decimal units (1 GB = 10⁹ B), the units GPU sizes are sold in."""
    for unit, scale in (("TB", 10**12), ("GB", GB), ("MB", 10**6), ("kB", 10**3)):
        if abs(n) >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n:.0f} B"


def describe_max_context(fit: GpuFit) -> str:
    """The longest context on one GPU, in words for the cases that are not a number."""
    if fit.free_after_weights <= 0:
        return "weights do not fit"
    if fit.max_context is None:
        return "unlimited (cache stops at the window)"
    if fit.max_context == 0:
        return "not one token"
    return f"{fit.max_context:,} tokens"


def _count(n: int) -> str:
    return f"{n / 1e9:.3g} billion" if n >= 10**9 else f"{n / 1e6:.3g} million"


def _sizes(n: int) -> str:
    return f"{n:,} B  ({format_bytes(n)}, {format_decimal_bytes(n)})"


def report_lines(report: MemoryReport) -> list[str]:
    """The report as text lines, as `kvviz mem` prints it."""
    s, p, f = report.spec, report.params, report.flops
    params = f"{_count(p.total)} parameters"
    if p.active != p.total:
        params += f" ({_count(p.active)} active per token)"
    trained = f"; trained context {s.trained_context:,} tokens" if s.trained_context else ""
    sequences = "1 sequence" if report.batch == 1 else f"{report.batch} sequences"
    lines = [
        f"{s.name} — {s.source}",
        f"  {s.attention_label}; {s.n_layers} layers, {s.n_heads} query heads; {params}{trained}",
        f"  {s.note}",
        "",
        f"Cache and weights in {cache_scheme(report.dtype)}",
        f"  KV cache per token   {report.bytes_per_token:,} B  ({format_bytes(report.bytes_per_token)})"
        f"  = {cache_formula(s, report.dtype)}",
        f"  KV cache             {_sizes(report.cache_bytes)}  for {report.context:,} tokens × {sequences}",
        f"  Weights              {_sizes(report.weight_bytes)}  = {p.total:,} parameters × "
        f"{DTYPE_BITS[report.dtype] / 8:g} B",
        f"  Weights + cache      {_sizes(report.total_bytes)}",
    ]
    if report.beyond_trained_context:
        lines.append(f"  note: {report.context:,} tokens is beyond the model's trained context ({s.trained_context:,})")
    lines += ["", f"  {'GPU':<8} {'free after weights':>18}  {'weights + cache fit':<20} longest context ({sequences})"]
    for fit in report.gpus:
        free = format_decimal_bytes(fit.free_after_weights) if fit.free_after_weights > 0 else "none"
        fits = "yes" if fit.fits else "no"
        lines.append(f"  {fit.gpu.name:<8} {free:>18}  {fits:<20} {describe_max_context(fit)}")
    speedup = f.uncached.total / f.cached.total
    lines += [
        "",
        f"FLOPs per generated token at context {f.context:,}",
        f"  with KV cache      {format_flops(f.cached.total):>12}  (weights {format_flops(f.cached.matmul)}"
        f" + attention {format_flops(f.cached.attention)})",
        f"  without cache      {format_flops(f.uncached.total):>12}  (weights {format_flops(f.uncached.matmul)}"
        f" + attention {format_flops(f.uncached.attention)}), {speedup:,.0f}× the cached cost",
        *(f"  {line}" for line in FLOPS_FORMULA_LINES),
        "",
        "Units: exact bytes; KiB/MiB/GiB are binary (1 GiB = 2^30 B); GPU sizes are decimal (1 GB = 10^9 B).",
        "Counted: weights and KV cache only, not activations, workspace, fragmentation or the runtime's reserve.",
    ]
    return lines
