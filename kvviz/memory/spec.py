"""The shapes that decide a decoder's KV cache, weights and FLOPs, checked so any later sum is safe.

A :class:`ModelSpec` is built from untrusted input (a user's ``config.json``), so every count
is bounded (:data:`MAX_COUNT`) and every layer pattern is a closed form (:class:`LayerSet`):
a config claiming 10¹² layers is arithmetic, never a loop or a tuple of 10¹² entries.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from kvviz.i18n import translate

#: Bits per stored element of the cache (and per parameter of the weights), by dtype name.
DTYPE_BITS: dict[str, int] = {"float32": 32, "float16": 16, "bfloat16": 16, "fp8": 8, "int8": 8, "int4": 4}
DTYPES = tuple(DTYPE_BITS)
#: Counts above this (2⁵³, about 9·10¹⁵) describe no model; refusing them keeps every figure a finite float.
MAX_COUNT = 2**53


class SpecError(ValueError):
    """A model description or setting that cannot be used; the message is one line for the user."""


def check_dtype(dtype: str) -> int:
    """Bits per element of ``dtype``; a SpecError names the known ones."""
    if dtype not in DTYPE_BITS:
        message = translate("memory.spec", "dtype must be one of {choices}, got {value}")
        raise SpecError(message.format(choices=", ".join(DTYPES), value=repr(dtype)))
    return DTYPE_BITS[dtype]


def describe_number(value: Any) -> str:
    """``value`` for a message, short even when a hostile file gives a 5,000-digit integer."""
    text = repr(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**15:
        return translate("memory.spec", "a {digits}-digit number").format(digits=f"{len(str(abs(value))):,}")
    return text if len(text) <= 40 else text[:37] + "…"


def check_count(where: str, name: str, value: Any, minimum: int = 1) -> int:
    """``value`` if it is an integer in ``minimum``..MAX_COUNT, else a one-line SpecError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        if minimum == 1:
            message = translate("memory.spec", "{where}: {name} must be a positive integer, got {value}")
        else:
            message = translate("memory.spec", "{where}: {name} must be an integer of at least {minimum}, got {value}")
        raise SpecError(message.format(where=where, name=name, minimum=minimum, value=describe_number(value)))
    if value > MAX_COUNT:
        message = translate("memory.spec", "{where}: {name} is {value}, beyond any model (at most 2^53)")
        raise SpecError(message.format(where=where, name=name, value=describe_number(value)))
    return value


@dataclass(frozen=True)
class LayerSet:
    """Which layers use a sliding window, as a rule rather than a list, so counting is closed-form.

    ``kind`` is "none", "all", "from" (layers ``start`` and up), "periodic" (every layer but each
    ``period``-th: layer i slides unless (i + 1) % period == 0; Gemma 2's even layers are period 2)
    or "listed" (the sorted indices in ``listed``, from a config's ``layer_types``).
    """

    kind: str = "none"
    start: int = 0
    period: int = 0
    listed: tuple[int, ...] = ()

    def count(self, low: int, high: int) -> int:
        """How many sliding layers have an index in ``low``..``high - 1``."""
        if high <= low:
            return 0
        if self.kind == "all":
            return high - low
        if self.kind == "from":
            return max(0, high - max(low, self.start))
        if self.kind == "periodic":  # minus the multiples of period among i + 1 for i in low..high-1
            return (high - low) - (high // self.period - low // self.period)
        if self.kind == "listed":
            return bisect.bisect_left(self.listed, high) - bisect.bisect_left(self.listed, low)
        return 0

    def describe(self, n_layers: int) -> str:
        n = self.count(0, n_layers)
        if n == n_layers:
            return translate("memory.spec", "every layer")
        if self.kind == "periodic" and self.period == 2:
            return translate("memory.spec", "the {count} even layers of {layers}").format(
                count=f"{n:,}", layers=f"{n_layers:,}"
            )
        return translate("memory.spec", "{count} of {layers} layers").format(count=f"{n:,}", layers=f"{n_layers:,}")


NO_LAYERS = LayerSet()


@dataclass(frozen=True)
class ModelSpec:
    """The shapes that decide a decoder's KV cache, weights and FLOPs.

    Attention is standard (``n_kv_heads`` K/V heads of width ``head_dim``; MHA, GQA or MQA)
    unless ``kv_lora_rank`` is set, which selects multi-head latent attention (MLA). Layers in
    ``sliding`` attend to, and cache, only the last ``sliding_window`` positions. ``dtype`` is
    the config's ``torch_dtype`` (None when it names none); ``assumed`` lists values the
    config lacked and that were filled in, each in words. The remaining fields describe the
    layout well enough to count parameters.
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
    dtype: str | None = None
    assumed: tuple[str, ...] = ()
    sliding_window: int | None = None
    sliding: LayerSet = NO_LAYERS
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
            check_count(self.id, name, getattr(self, name))
        if self.kv_lora_rank is None and (self.n_kv_heads > self.n_heads or self.n_heads % self.n_kv_heads):
            message = translate("memory.spec", "{model}: n_kv_heads ({kv_heads}) must divide n_heads ({heads})")
            raise SpecError(message.format(model=self.id, kv_heads=f"{self.n_kv_heads:,}", heads=f"{self.n_heads:,}"))
        if self.sliding.kind != "none":
            if self.sliding_window is None or self.sliding_window <= 0:
                message = translate("memory.spec", "{model}: sliding layers need a positive sliding_window")
                raise SpecError(message.format(model=self.id))
            if self.sliding.kind == "listed" and self.sliding.listed and self.sliding.listed[-1] >= self.n_layers:
                message = translate("memory.spec", "{model}: sliding layer index outside 0..{last}")
                raise SpecError(message.format(model=self.id, last=f"{self.n_layers - 1:,}"))
        if self.n_experts and not 0 < self.experts_per_token <= self.n_experts:
            message = translate("memory.spec", "{model}: experts per token must lie in 1..{experts}")
            raise SpecError(message.format(model=self.id, experts=f"{self.n_experts:,}"))
        if self.dtype is not None and self.dtype not in DTYPE_BITS:
            message = translate("memory.spec", "{model}: dtype must be one of {choices}, got {value}")
            raise SpecError(message.format(model=self.id, choices=", ".join(DTYPES), value=repr(self.dtype)))

    @property
    def is_mla(self) -> bool:
        return self.kv_lora_rank is not None

    @property
    def n_sliding_layers(self) -> int:
        return self.sliding.count(0, self.n_layers)

    @property
    def default_dtype(self) -> str:
        """The dtype figures use unless told otherwise: the config's torch_dtype, else float16."""
        return self.dtype or "float16"

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
            text = translate("memory.spec", "MLA, latent {latent} + RoPE key {rope}").format(
                latent=f"{self.kv_lora_rank:,}", rope=f"{self.qk_rope_head_dim:,}"
            )
        else:
            if self.n_kv_heads == 1:
                heads = translate("memory.spec", "1 KV head")
            else:
                heads = translate("memory.spec", "{count} KV heads").format(count=f"{self.n_kv_heads:,}")
            text = translate("memory.spec", "{kind}, {heads} × {head_dim}").format(
                kind=self.attention_kind, heads=heads, head_dim=f"{self.head_dim:,}"
            )
        if self.n_sliding_layers:
            text += translate("memory.spec", ", window {window} on {layers}").format(
                window=f"{self.sliding_window:,}", layers=self.sliding.describe(self.n_layers)
            )
        return text
