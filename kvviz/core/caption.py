"""A step's story in one line of words with its numbers, for a class and for slides.

The presentation view, exported pictures and animations all say the same sentence, so it is
computed here from the record alone (no Qt): how many rows each mode computed, what that
cost, and how big the cache is now.
"""

from __future__ import annotations

import numpy as np

from kvviz.core.record import CellStatus, Mode, Phase, StepRecord
from kvviz.units import format_bytes, format_flops


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def recomputed_rows(record: StepRecord) -> int:
    """Rows the uncached run computed again this step (counted from its cell status)."""
    status = record.cell_status(Mode.UNCACHED)
    return int(np.any(status == CellStatus.RECOMPUTED, axis=1).sum())


def step_caption(record: StepRecord) -> str:
    """E.g. "step 12 · decode · without a cache 57 rows recomputed (88.9 MFLOP) · with a cache 1 new row
    (1.6 MFLOP) · cache 114 KiB"."""
    parts = [f"step {record.step}", record.phase.value]
    new = _rows(record.new_rows)
    if record.uncached is not None:
        if record.phase is Phase.PREFILL:
            parts.append(f"without a cache {new} computed ({format_flops(record.uncached.flops.total)})")
        else:
            again = _rows(recomputed_rows(record))
            parts.append(
                f"without a cache {again} recomputed + {record.new_rows} new "
                f"({format_flops(record.uncached.flops.total)})"
            )
    if record.phase is Phase.PREFILL:
        done = f"{new} computed, K/V stored"
    else:
        done = f"{record.new_rows} new {'row' if record.new_rows == 1 else 'rows'}"
    parts.append(f"with a cache {done} ({format_flops(record.cached.flops.total)})")
    parts.append(f"cache {format_bytes(record.cache_bytes_used)}")
    return " · ".join(parts)
