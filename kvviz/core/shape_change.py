"""What a change of shape, dtype or cache setting does to the KV cache's size, factor by factor.

The cache holds ``2 · batch · tokens · layers · kv_heads · bytes per K/V vector`` bytes, where a
vector is ``head_dim · bytes per element`` (plus a float16 scale when quantized). Comparing two
settings at the same number of tokens, the ratio of the sizes is the product of the ratios of
the factors that changed: doubling the layers while halving the K/V heads and the dtype nets
× 0.5, and that is what a lecturer wants on the slide. The ratios are exact fractions, so the
factors shown multiply to the ratio shown.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

import torch

from kvviz.core.config import ModelConfig
from kvviz.core.policy import CachePolicy
from kvviz.core.quant import SCALE_DTYPE, storage_shape
from kvviz.i18n import translate


@dataclass(frozen=True)
class CacheSetting:
    """What of a run decides the size of its cache: the model's shape and dtype, the cache's storage and policy."""

    config: ModelConfig
    cache_dtype: str = "model"
    policy: CachePolicy = field(default_factory=CachePolicy)

    def factors(self, n_tokens: int) -> CacheFactors:
        """The factors of this setting's cache after ``n_tokens`` tokens (only resident tokens count)."""
        c = self.config
        tokens = len(self.policy.resident(n_tokens))
        if self.cache_dtype == "model":
            element, scale = Fraction(c.bytes_per_element), 0
        else:  # read off the storage the cache allocates, so the arithmetic follows the cache
            shape, dtype = storage_shape((c.dim_head,), self.cache_dtype)
            element = Fraction(shape[-1] * _element_size(dtype), c.dim_head)
            scale = _element_size(SCALE_DTYPE)
        return CacheFactors(c.batch_size, tokens, c.n_layers, c.n_kv_heads, c.dim_head, element, scale)

    def label(self, other: CacheSetting | None = None) -> str:
        """ "4 layers · 2 K/V heads · float32", plus what else sets it apart from ``other`` or from the defaults."""
        c = self.config
        layers = translate("shape_change", "{n} layer") if c.n_layers == 1 else translate("shape_change", "{n} layers")
        kv_heads = (
            translate("shape_change", "{n} K/V head")
            if c.n_kv_heads == 1
            else translate("shape_change", "{n} K/V heads")
        )
        parts = [layers.format(n=c.n_layers), kv_heads.format(n=c.n_kv_heads), c.dtype]
        if other is not None and other.config.n_heads != c.n_heads:
            heads = translate("shape_change", "{n} head") if c.n_heads == 1 else translate("shape_change", "{n} heads")
            parts.insert(1, heads.format(n=c.n_heads))
        if other is not None and other.config.dim_head != c.dim_head:
            parts.append(f"head_dim {c.dim_head}")
        if c.batch_size != 1 or (other is not None and other.config.batch_size != 1):
            parts.append(translate("shape_change", "batch {n}").format(n=c.batch_size))
        if self.cache_dtype != "model":
            parts.append(translate("shape_change", "{dtype} cache").format(dtype=self.cache_dtype))
        p = self.policy
        if p.kind == "window":
            parts.append(translate("shape_change", "window {window}").format(window=p.window))
        elif p.kind == "sink":
            parts.append(
                translate("shape_change", "{sinks} sinks + window {window}").format(sinks=p.sinks, window=p.window)
            )
        return " · ".join(parts)


@dataclass(frozen=True)
class CacheFactors:
    """One setting's cache-size factors at a token count; ``total`` is their product in bytes."""

    batch: int
    tokens: int  # resident in the cache
    layers: int
    kv_heads: int
    head_dim: int
    element_bytes: Fraction  # per element: 1/2 for int4
    scale_bytes: int  # per token and K/V head: 0 unless quantized

    @property
    def vector_bytes(self) -> Fraction:
        """Bytes of one token's key (or value) for one K/V head."""
        return self.head_dim * self.element_bytes + self.scale_bytes

    @property
    def total(self) -> int:
        product = 2 * self.batch * self.tokens * self.layers * self.kv_heads * self.vector_bytes
        assert product.denominator == 1, "a cache holds whole bytes"
        return int(product)


@dataclass(frozen=True)
class FactorChange:
    """One factor that differs between two settings: its name and both values."""

    name: str
    before: Fraction
    after: Fraction

    @property
    def ratio(self) -> Fraction:
        return self.after / self.before

    @property
    def text(self) -> str:
        """ "layers × 2", "kv-heads ÷ 2"."""
        return f"{factor_name(self.name)} {format_ratio(self.ratio)}"


@dataclass(frozen=True)
class ShapeChange:
    """Two settings' caches after the same ``n_tokens`` tokens; ``factors`` are those that changed."""

    n_tokens: int
    before: CacheFactors
    after: CacheFactors
    factors: tuple[FactorChange, ...]

    @property
    def ratio(self) -> Fraction:
        """New bytes over old, exactly."""
        return Fraction(self.after.total, self.before.total)

    @property
    def text(self) -> str:
        """ "× 0.5 = layers × 2 · kv-heads ÷ 2 · bytes ÷ 2"; "× 1 (no factor changed)" when none did."""
        if not self.factors:
            return translate("shape_change", "× 1 (no factor changed)")
        return f"{format_ratio(self.ratio, decimal=True)} = {' · '.join(f.text for f in self.factors)}"


def compare(before: CacheSetting, after: CacheSetting, n_tokens: int) -> ShapeChange:
    """The two caches after ``n_tokens`` tokens, and the factors that take one to the other.

    Head width and element size are two factors when neither cache is quantized; a
    quantized cache adds a scale to every vector, so then the bytes per vector are one factor.
    """
    old, new = before.factors(n_tokens), after.factors(n_tokens)
    names = [("batch", "batch"), ("tokens in cache", "tokens"), ("layers", "layers"), ("kv-heads", "kv_heads")]
    if old.scale_bytes == new.scale_bytes == 0:
        names += [("head_dim", "head_dim"), ("bytes", "element_bytes")]
    else:
        names += [("bytes per vector", "vector_bytes")]
    changes = []
    for name, attribute in names:
        a, b = Fraction(getattr(old, attribute)), Fraction(getattr(new, attribute))
        if a != b and a and b:
            changes.append(FactorChange(name, a, b))
    change = ShapeChange(n_tokens, old, new, tuple(changes))
    if old.total and new.total:
        assert math.prod(f.ratio for f in changes) == change.ratio, "the factors shown multiply to the ratio shown"
    return change


def format_ratio(ratio: Fraction, *, decimal: bool = False) -> str:
    """ "× 2", "÷ 2", "× 1.5", "÷ 3.56"; with ``decimal`` always a "×" and a number ("× 0.5"), as for a total."""
    if decimal:
        value = float(ratio)
        return f"× {value:,.0f}" if ratio.denominator == 1 else f"× {value:.3g}" if value >= 1e-3 else f"× {ratio}"
    if ratio >= 1:
        return f"× {ratio.numerator:,}" if ratio.denominator == 1 else f"× {float(ratio):.3g}"
    inverse = 1 / ratio
    return f"÷ {inverse.numerator:,}" if inverse.denominator == 1 else f"÷ {float(inverse):.3g}"


def _element_size(dtype: torch.dtype) -> int:
    return torch.empty((), dtype=dtype).element_size()


def factor_name(name: str) -> str:
    """A factor's name as shown, in the active language (``name`` stays the key tests and code use)."""
    return {
        "batch": translate("shape_change", "batch"),
        "tokens in cache": translate("shape_change", "tokens in cache"),
        "layers": translate("shape_change", "layers"),
        "kv-heads": translate("shape_change", "kv-heads"),
        "head_dim": "head_dim",
        "bytes": translate("shape_change", "bytes"),
        "bytes per vector": translate("shape_change", "bytes per vector"),
    }[name]
