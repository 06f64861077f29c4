"""Text the window shows about a step: the cache-size formula and the status-bar fields.

The formula readout multiplies the very numbers it displays, and says so when the
product and the measured ``record.cache_bytes_used`` disagree, so a wrong formula could
never pass unnoticed; the tests hold the two equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kvviz.core.agreement import agreement_text
from kvviz.core.record import StepRecord
from kvviz.units import format_bytes


@dataclass(frozen=True)
class MemoryFormula:
    """2 × batch × tokens × layers × kv_heads × head_dim × bytes, with this step's numbers."""

    factors: tuple[tuple[str, int], ...]
    product: int
    measured: int

    @property
    def agrees(self) -> bool:
        return self.product == self.measured


#: Bytes per element of each quantized cache type, as a fraction (int4 packs two values in a byte).
QUANT_BYTES = {"int8": (1, 1), "fp8": (1, 1), "int4": (1, 2)}
#: Bytes of the float16 scale stored per token and K/V head in a quantized cache.
SCALE_BYTES = 2


def memory_formula(record: StepRecord) -> MemoryFormula:
    """The cache-size product for ``record``: only resident tokens count, and quantized caches add scales."""
    c = record.config
    resident = len(record.policy.resident(record.n_tokens))
    factors: tuple[tuple[str, int], ...] = (
        ("K and V", 2),
        ("batch", c.batch_size),
        ("tokens in cache" if record.policy.evicts else "tokens", resident),
        ("layers", c.n_layers),
        ("kv_heads", c.n_kv_heads),
    )
    if record.cache_dtype in QUANT_BYTES:
        num, den = QUANT_BYTES[record.cache_dtype]
        per_element = f"{num}" if den == 1 else f"{num}/{den}"
        per_head = c.dim_head * num // den + SCALE_BYTES
        factors += ((f"{c.dim_head}·{per_element} B + {SCALE_BYTES} B scale", per_head),)
    else:
        factors += (("head_dim", c.dim_head), ("bytes", c.bytes_per_element))
    return MemoryFormula(factors, math.prod(v for _, v in factors), record.cache_bytes_used)


@dataclass(frozen=True)
class StatusFields:
    """What the status bar says about the step at the cursor."""

    step: str
    phase: str
    tokens: str
    cache: str
    check: str


def status_fields(record: StepRecord, computed_steps: int) -> StatusFields:
    generated = record.n_tokens - record.n_prompt
    return StatusFields(
        step=f"step {record.step} / {computed_steps - 1}",
        phase=record.phase.value,
        tokens=f"{record.n_tokens} tokens ({record.n_prompt} + {generated})",
        cache=f"cache {format_bytes(record.cache_bytes_used)} / {format_bytes(record.cache_bytes_allocated)}",
        check=agreement_text(record),
    )
