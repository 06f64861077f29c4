"""Colouring of the Q·Kᵀ picture: a cell's status picks the hue, its score the lightness.

Pure numpy, so tests compare the exact pixels a panel shows with what the record says.
Statuses and K/V sources come from the record; this module only maps them to colours.
"""

from __future__ import annotations

import numpy as np

from kvviz.core.record import CellStatus, KVSource
from kvviz.gui.theme import Theme, rgb
from kvviz.gui.theme import ramp as colour_ramp

#: Levels of score intensity in the lookup table.
LEVELS = 256

#: Theme colour of each cell status that has a score, drawn along its light–dark ramp.
STATUS_COLOUR = {
    CellStatus.COMPUTED: "computed",
    CellStatus.RECOMPUTED: "recomputed",
    CellStatus.SKIPPED: "skipped",
}

#: Theme colour of each status without a score (no query sees the key), drawn flat.
FLAT_STATUS_COLOUR = {
    CellStatus.MASKED: "masked",
    CellStatus.OUT_OF_WINDOW: "out_of_window",
}

#: Theme colour of each K/V source along the key axis.
KV_SOURCE_COLOUR = {
    KVSource.COMPUTED: "kv_computed",
    KVSource.FROM_CACHE: "kv_from_cache",
    KVSource.EVICTED: "kv_evicted",
}


def score_intensity(scores: np.ndarray) -> np.ndarray:
    """Scores rescaled to 0..1 over the unmasked (finite) cells; masked cells get 0."""
    finite = np.isfinite(scores)
    if not finite.any():
        return np.zeros(scores.shape, dtype=np.float32)
    values = scores[finite]
    lo, hi = float(values.min()), float(values.max())
    span = hi - lo
    out = np.zeros(scores.shape, dtype=np.float32)
    out[finite] = (values - lo) / span if span > 0 else 1.0
    return out


def status_lut(theme: Theme) -> np.ndarray:
    """(statuses, LEVELS, 4) uint8 RGBA: row ``s`` is status ``s`` from lowest to highest score."""
    n_status = max(CellStatus) + 1
    lut = np.empty((n_status, LEVELS, 4), dtype=np.uint8)
    levels = np.linspace(0.0, 1.0, LEVELS, dtype=np.float32)
    for status in range(n_status):
        status = CellStatus(status)
        if status in STATUS_COLOUR:
            colours = colour_ramp(theme, getattr(theme, STATUS_COLOUR[status]), levels)
        else:
            colours = np.broadcast_to(rgb(getattr(theme, FLAT_STATUS_COLOUR[status])), (LEVELS, 3))
        lut[status, :, :3] = np.round(colours * 255)
        lut[status, :, 3] = 255
    return lut


def attention_rgba(status: np.ndarray, scores: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """(n, n, 4) uint8 RGBA of Q·Kᵀ cells: status hue at the cell's score intensity."""
    index = status.astype(np.intp) * LEVELS
    index += np.round(score_intensity(scores) * (LEVELS - 1)).astype(np.intp)
    # one 4-byte gather per cell instead of four 1-byte ones
    packed = np.ascontiguousarray(lut).view(np.uint32).reshape(-1)
    return packed.take(index).view(np.uint8).reshape(*status.shape, 4)


def kv_source_rgba(source: np.ndarray, theme: Theme) -> np.ndarray:
    """(1, n, 4) uint8 RGBA strip: where each key position's K/V came from this step."""
    table = np.zeros((max(KVSource) + 1, 4), dtype=np.uint8)
    for value, name in KV_SOURCE_COLOUR.items():
        table[value, :3] = np.round(rgb(getattr(theme, name)) * 255)
        table[value, 3] = 255
    return table[source][None, :, :]
