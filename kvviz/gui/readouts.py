"""Text the window shows about a step: the cache-size formula and the status-bar fields.

The formula readout multiplies the very numbers it displays, and says so when the
product and the measured ``record.cache_bytes_used`` disagree, so a wrong formula could
never pass unnoticed; the tests hold the two equal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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


def memory_formula(record: StepRecord) -> MemoryFormula:
    c = record.config
    factors = (
        ("K and V", 2),
        ("batch", c.batch_size),
        ("tokens", record.n_tokens),
        ("layers", c.n_layers),
        ("kv_heads", c.n_kv_heads),
        ("head_dim", c.dim_head),
        ("bytes", c.bytes_per_element),
    )
    return MemoryFormula(factors, math.prod(v for _, v in factors), record.cache_bytes_used)


def memory_formula_html(formula: MemoryFormula, *, text: str, muted: str, warn: str) -> str:
    """The formula as a two-row table: factor names over today's values."""
    names, values = [], []
    for i, (name, value) in enumerate(formula.factors):
        if i:
            names.append("<td></td>")
            values.append("<td>&nbsp;×&nbsp;</td>")
        names.append(f"<td align='center' style='color:{muted}'>{name}</td>")
        values.append(f"<td align='center'><b>{value:,}</b></td>")
    names.append("<td></td><td></td>")
    result = f"<b>{formula.product:,} B</b> = {format_bytes(formula.product)}"
    if not formula.agrees:
        result += f" <span style='color:{warn}'>≠ measured {formula.measured:,} B</span>"
    values.append(f"<td>&nbsp;=&nbsp;</td><td style='color:{text}'>{result}</td>")
    return f"<table cellspacing='0' cellpadding='0'><tr>{''.join(names)}</tr><tr>{''.join(values)}</tr></table>"


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
    if record.max_abs_logit_diff is None:
        check = "cached = uncached: not checked (uncached mode not run)"
    else:
        check = f"cached = uncached: max |Δlogit| = {record.max_abs_logit_diff:.2g}"
        if record.recompute_max_abs_diff is not None:
            check += f" · recomputed rows max |Δ| = {record.recompute_max_abs_diff:.2g}"
    return StatusFields(
        step=f"step {record.step} / {computed_steps - 1}",
        phase=record.phase.value,
        tokens=f"{record.n_tokens} tokens ({record.n_prompt} + {generated})",
        cache=f"cache {format_bytes(record.cache_bytes_used)} / {format_bytes(record.cache_bytes_allocated)}",
        check=check,
    )
