"""Text the window shows about a step: the cache-size formula and the status-bar fields.

The formula readout multiplies the very numbers it displays, and says so when the
product and the measured ``record.cache_bytes_used`` disagree, so a wrong formula could
never pass unnoticed; the tests hold the two equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

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
    tokens = (
        QCoreApplication.translate("MemoryFormula", "tokens in cache")
        if record.policy.evicts
        else QCoreApplication.translate("MemoryFormula", "tokens")
    )
    factors: tuple[tuple[str, int], ...] = (
        (QCoreApplication.translate("MemoryFormula", "K and V"), 2),
        (QCoreApplication.translate("MemoryFormula", "batch"), c.batch_size),
        (tokens, resident),
        (QCoreApplication.translate("MemoryFormula", "layers"), c.n_layers),
        ("kv_heads", c.n_kv_heads),
    )
    if record.cache_dtype in QUANT_BYTES:
        num, den = QUANT_BYTES[record.cache_dtype]
        per_element = f"{num}" if den == 1 else f"{num}/{den}"
        per_head = c.dim_head * num // den + SCALE_BYTES
        name = QCoreApplication.translate("MemoryFormula", "{dim}·{per_element} B + {scale} B scale").format(
            dim=c.dim_head, per_element=per_element, scale=SCALE_BYTES
        )
        factors += ((name, per_head),)
    else:
        factors += (
            ("head_dim", c.dim_head),
            (QCoreApplication.translate("MemoryFormula", "bytes"), c.bytes_per_element),
        )
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
    phases = {
        "prefill": QCoreApplication.translate("StatusFields", "prefill"),
        "decode": QCoreApplication.translate("StatusFields", "decode"),
    }
    return StatusFields(
        step=QCoreApplication.translate("Frame", "step {step} / {last}").format(
            step=record.step, last=computed_steps - 1
        ),
        phase=phases.get(record.phase.value, record.phase.value),
        tokens=QCoreApplication.translate("StatusFields", "{n} tokens ({prompt} + {generated})").format(
            n=record.n_tokens, prompt=record.n_prompt, generated=generated
        ),
        cache=QCoreApplication.translate("StatusFields", "cache {used} / {allocated}").format(
            used=format_bytes(record.cache_bytes_used), allocated=format_bytes(record.cache_bytes_allocated)
        ),
        check=agreement_text(record),
    )
