"""Colouring of the Q·Kᵀ picture: a cell's status picks the hue, its score the lightness.

Pure numpy, so tests compare the exact pixels a panel shows with what the record says.
Statuses and K/V sources come from the record; this module only maps them to colours.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from kvviz.core.record import CellStatus, KVSource, StepRecord
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


def score_levels(scores: np.ndarray) -> np.ndarray:
    """(n, n) uint8: each score's level 0..LEVELS-1 over the unmasked (finite) cells; masked cells 0.

    Written as a few whole-array passes without boolean compaction: at several thousand
    tokens a matrix has millions of cells, and this runs at every step.
    """
    finite = np.isfinite(scores)
    if not finite.any():
        return np.zeros(scores.shape, dtype=np.uint8)
    lo = scores.min(where=finite, initial=np.inf)
    hi = scores.max(where=finite, initial=-np.inf)
    if hi <= lo:
        return np.where(finite, np.uint8(LEVELS - 1), np.uint8(0))
    scaled = np.subtract(scores, lo, dtype=np.float32)
    scaled *= np.float32((LEVELS - 1) / (hi - lo))
    np.rint(scaled, out=scaled)
    np.copyto(scaled, 0, where=~finite)
    return scaled.astype(np.uint8)


class Grid(NamedTuple):
    """The cells a picture shows: one per pixel, rows × cols (positions, increasing).

    When a span of positions has more cells than pixels, each pixel stands for a bin of
    them and shows one cell: the bin's last row and first column. That choice keeps what
    a reader looks for: the newest row (the last bin ends with it), the first keys (sinks),
    and the mask edge exactly (a pixel is masked only if every cell of its bin is).
    """

    rows: np.ndarray
    cols: np.ndarray
    top: int  # the picture covers rows top..bottom and columns left..right, in cells
    bottom: int
    left: int
    right: int

    @property
    def exact(self) -> bool:
        """Whether every cell of the span has a pixel of its own."""
        return len(self.rows) == self.bottom - self.top and len(self.cols) == self.right - self.left


def bin_edges(start: int, end: int, pixels: int) -> np.ndarray:
    """min(end - start, pixels) + 1 increasing edges of near-equal bins from ``start`` to ``end``."""
    bins = max(1, min(end - start, pixels))
    return start + (np.arange(bins + 1, dtype=np.int64) * (end - start)) // bins


def sample_grid(rows: tuple[int, int], cols: tuple[int, int], pixels: tuple[int, int]) -> Grid:
    """The grid for the span ``rows`` × ``cols`` (start, end) drawn on ``pixels`` (high, wide)."""
    row_edges = bin_edges(*rows, pixels[0])
    col_edges = bin_edges(*cols, pixels[1])
    return Grid(row_edges[1:] - 1, col_edges[:-1], *rows, *cols)


def grid_levels(record: StepRecord, layer: int, head: int, grid: Grid) -> np.ndarray:
    """Score levels of the grid's cells, spread over the scores those cells show."""
    return score_levels(record.store.cells("scores", layer, head, grid.rows, grid.cols))


class SharedScoreLevels:
    """Score levels of the picture both panels show: one computation a step instead of two.

    Keyed by the attention store itself (held, so its identity stays unique), the number of
    tokens, the selection and the grid: rows 0..n of a store never change once recorded.
    """

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._levels = np.zeros((0, 0), dtype=np.uint8)

    def __call__(self, record: StepRecord, layer: int, head: int, grid: Grid) -> np.ndarray:
        key = (record.store, record.n_tokens, layer, head, grid.rows.tobytes(), grid.cols.tobytes())
        if self._key is None or self._key[0] is not key[0] or self._key[1:] != key[1:]:
            self._levels = grid_levels(record, layer, head, grid)
            self._key = key
        return self._levels


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


def status_colours(status: np.ndarray, levels: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """(n, n, 4) uint8 RGBA: each cell's status hue at its score level."""
    index = status.astype(np.uint16)  # status · LEVELS + level fits 16 bits, a quarter of intp's traffic
    index *= LEVELS
    index += levels
    # one 4-byte gather per cell instead of four 1-byte ones
    packed = np.ascontiguousarray(lut).view(np.uint32).reshape(-1)
    return packed.take(index).view(np.uint8).reshape(*status.shape, 4)


def attention_rgba(status: np.ndarray, scores: np.ndarray, lut: np.ndarray) -> np.ndarray:
    """(n, n, 4) uint8 RGBA of Q·Kᵀ cells: status hue at the cell's score level."""
    return status_colours(status, score_levels(scores), lut)


def kv_source_rgba(source: np.ndarray, theme: Theme) -> np.ndarray:
    """(1, n, 4) uint8 RGBA strip: where each key position's K/V came from this step."""
    table = np.zeros((max(KVSource) + 1, 4), dtype=np.uint8)
    for value, name in KV_SOURCE_COLOUR.items():
        table[value, :3] = np.round(rgb(getattr(theme, name)) * 255)
        table[value, 3] = 255
    return table[source][None, :, :]
