"""A step's story in one line of words with its numbers, for a class and for slides.

The presentation view, exported pictures and animations all say the same sentence, so it is
computed here from the record alone (no Qt): how many rows each mode computed, what that
cost, and how big the cache is now. It is worded in the active language each time it is asked
for, so a view that asks again after a language switch shows the new language.

A slide has room for one line (two on a 4:3 projector), which the whole sentence overruns at
the type a class reads: :func:`step_captions` also words it shorter, twice, with every number
kept, and the page shows the longest that fits.
"""

from __future__ import annotations

import numpy as np

from kvviz.core.record import CellStatus, Mode, Phase, StepRecord
from kvviz.i18n import translate
from kvviz.units import format_bytes, format_flops


def _rows(n: int) -> str:
    if n == 1:
        return translate("caption", "{n} row").format(n=n)
    return translate("caption", "{n} rows").format(n=n)


def phase_name(phase: Phase) -> str:
    """The phase as the caption says it."""
    if phase is Phase.PREFILL:
        return translate("caption", "prefill")
    return translate("caption", "decode")


def recomputed_rows(record: StepRecord) -> int:
    """Rows the uncached run computed again this step (counted from its cell status)."""
    status = record.cell_status(Mode.UNCACHED)
    return int(np.any(status == CellStatus.RECOMPUTED, axis=1).sum())


def step_caption(record: StepRecord) -> str:
    """E.g. "step 12 · decode · without a cache 57 rows recomputed + 1 new (88.9 MFLOP) · with a cache
    1 new row (1.6 MFLOP) · cache 114 KiB"."""
    parts = [translate("caption", "step {step}").format(step=record.step), phase_name(record.phase)]
    new = _rows(record.new_rows)
    if record.uncached is not None:
        flops = format_flops(record.uncached.flops.total)
        if record.phase is Phase.PREFILL:
            parts.append(
                translate("caption", "without a cache {rows} computed ({flops})").format(rows=new, flops=flops)
            )
        else:
            parts.append(
                translate("caption", "without a cache {rows} recomputed + {new} new ({flops})").format(
                    rows=_rows(recomputed_rows(record)), new=record.new_rows, flops=flops
                )
            )
    flops = format_flops(record.cached.flops.total)
    if record.phase is Phase.PREFILL:
        parts.append(
            translate("caption", "with a cache {rows} computed, K/V stored ({flops})").format(rows=new, flops=flops)
        )
    else:
        if record.new_rows == 1:
            done = translate("caption", "with a cache {n} new row ({flops})")
        else:
            done = translate("caption", "with a cache {n} new rows ({flops})")
        parts.append(done.format(n=record.new_rows, flops=flops))
    parts.append(translate("caption", "cache {bytes}").format(bytes=format_bytes(record.cache_bytes_used)))
    return " · ".join(parts)


def _short_parts(record: StepRecord) -> tuple[str | None, str]:
    """What each mode did, in numbers with few words: (without a cache or None, with a cache)."""
    uncached = None
    if record.uncached is not None:
        if record.phase is Phase.PREFILL:
            rows = _rows(record.new_rows)
        else:
            rows = translate("caption", "{recomputed}+{new} rows").format(
                recomputed=recomputed_rows(record), new=record.new_rows
            )
        uncached = translate("caption", "{rows}, {flops}").format(
            rows=rows, flops=format_flops(record.uncached.flops.total)
        )
    cached = translate("caption", "{rows}, {flops}").format(
        rows=_rows(record.new_rows), flops=format_flops(record.cached.flops.total)
    )
    return uncached, cached


def short_step_caption(record: StepRecord) -> str:
    """E.g. "step 12 · decode · no cache: 57+1 rows, 88.9 MFLOP · cache: 1 row, 1.6 MFLOP, 114 KiB"."""
    uncached, cached = _short_parts(record)
    parts = [translate("caption", "step {step}").format(step=record.step), phase_name(record.phase)]
    if uncached is not None:
        parts.append(translate("caption", "no cache: {what}").format(what=uncached))
    cache_bytes = format_bytes(record.cache_bytes_used)
    parts.append(translate("caption", "cache: {what}, {bytes}").format(what=cached, bytes=cache_bytes))
    return " · ".join(parts)


def terse_step_caption(record: StepRecord) -> str:
    """E.g. "step 12 · decode · 57+1 rows, 88.9 MFLOP vs 1 row, 1.6 MFLOP · cache 114 KiB": the two modes
    in the order of the matrices above it (without a cache on the left)."""
    uncached, cached = _short_parts(record)
    parts = [translate("caption", "step {step}").format(step=record.step), phase_name(record.phase)]
    if uncached is None:
        parts.append(cached)
    else:
        parts.append(translate("caption", "{uncached} vs {cached}").format(uncached=uncached, cached=cached))
    parts.append(translate("caption", "cache {bytes}").format(bytes=format_bytes(record.cache_bytes_used)))
    return " · ".join(parts)


def step_captions(record: StepRecord) -> tuple[str, str, str]:
    """The caption, longest first: the whole sentence, then two shorter forms with the same numbers."""
    return step_caption(record), short_step_caption(record), terse_step_caption(record)
