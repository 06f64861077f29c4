"""Configurations pinned for comparison in the memory explorer, and their caches at one context.

Log–log axes make a 4× saving look like a small offset; bars on a linear axis at one context
show it as a quarter. A pin is a model's shape, a cache dtype and a batch; its bar is the
same :func:`~kvviz.memory.arithmetic.cache_bytes` every other figure uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kvviz.i18n import translate
from kvviz.memory.arithmetic import cache_bytes
from kvviz.memory.curves import attention_variants
from kvviz.memory.spec import ModelSpec

#: The most bars the comparison keeps: more would not fit as readable bars.
MAX_PINS = 12
#: Cache dtypes pinned by "pin the cache dtypes": the usual 16-bit cache and the two integer ones.
COMPARED_DTYPES = ("float16", "int8", "int4")
#: Attention variants pinned by "pin the attention variants" (ids of :func:`attention_variants`).
COMPARED_VARIANTS = ("mha", "gqa", "mqa", "mla")


@dataclass(frozen=True)
class Pin:
    """A model shape with a cache dtype and a batch, named for its bar."""

    spec: ModelSpec
    cache_dtype: str
    batch: int = 1
    name: str = ""  # for the bar; the spec's name by default

    @property
    def label(self) -> str:
        batch = "" if self.batch == 1 else translate("memory.pins", " · batch {batch}").format(batch=f"{self.batch:,}")
        return f"{self.name or self.spec.name} · {self.cache_dtype}{batch}"


@dataclass(frozen=True)
class Bar:
    """One pin's cache at the compared context, and its size relative to the first pin's."""

    label: str
    bytes: int
    ratio: float  # bytes over the first bar's bytes


def bars(pins: Sequence[Pin], context: int) -> list[Bar]:
    """Each pin's cache bytes for ``context`` tokens per sequence, in pin order."""
    sizes = [cache_bytes(p.spec, context, p.cache_dtype, p.batch) for p in pins]
    first = sizes[0] if sizes else 0
    return [Bar(p.label, size, size / first if first else float("nan")) for p, size in zip(pins, sizes, strict=True)]


def variant_pins(spec: ModelSpec, cache_dtype: str, batch: int = 1) -> list[Pin]:
    """MHA, GQA, MQA and MLA at ``spec``'s depth, heads and head width."""
    variants = {v.id: v for v in attention_variants(spec)}
    return [Pin(variants[key], cache_dtype, batch, f"{spec.name}: {variants[key].name}") for key in COMPARED_VARIANTS]


def dtype_pins(spec: ModelSpec, batch: int = 1) -> list[Pin]:
    """``spec`` with a float16, an int8 and an int4 cache."""
    return [Pin(spec, dtype, batch) for dtype in COMPARED_DTYPES]


def add_pins(pinned: Sequence[Pin], new: Sequence[Pin]) -> list[Pin]:
    """``pinned`` followed by those of ``new`` not pinned yet, up to :data:`MAX_PINS` (the oldest go)."""
    kept = list(pinned)
    for pin in new:
        if pin not in kept:
            kept.append(pin)
    return kept[-MAX_PINS:]
