"""Append-only store of attention rows, keys and values for batch element 0.

Under a causal mask the row of Q·Kᵀ for query i never changes once computed, so the
matrix at step t is the stack of rows made at steps ≤ t. Rows are packed as a lower
triangle (row i holds keys 0..i), which keeps a whole run at L·H·n²/2 values per array
instead of a matrix copy per step. Storage comes in blocks of ``BLOCK_ROWS`` rows that
are allocated once and never copied, so growth costs no reallocation and the slack is at
most one block. Records read the store through their own token count, so a record stays
valid while the store keeps growing.
"""

from __future__ import annotations

import itertools
import threading

import numpy as np
import torch

BLOCK_ROWS = 64
#: A run whose whole recording would exceed this many bytes in float32 records in float16 instead
#: (half the memory, rounding far below what a colour shows): GPT-2-124M at 1,024 tokens needs 679 MB
#: in float32, 340 MB in float16. The tiny model stays in float32.
FLOAT32_BUDGET = 256 << 20
FLOAT32 = np.dtype(np.float32)
SCORES = 0
#: Where each kind sits in its pair's block array.
_KINDS = {"scores": SCORES, "weights": 1, "keys": 0, "values": 1}


def triangle_size(n: int) -> int:
    """Number of cells in the lower triangle (diagonal included) of an n×n matrix."""
    return n * (n + 1) // 2


def causal_rows_mask(first_row: int, end_row: int) -> torch.Tensor:
    """(rows, end_row) mask of the cells rows ``first_row..end_row`` keep under the causal mask.

    Built on each call, not cached: one per block of rows and length would add up to O(n²)
    index memory over a long run, as much as the rows themselves.
    """
    return torch.arange(end_row)[None, :] <= torch.arange(first_row, end_row)[:, None]


def _float32(tensor: torch.Tensor) -> torch.Tensor:
    """``tensor`` in float32; as it is when it already is (``.float()`` costs a decode step ~20 µs a call)."""
    return tensor if tensor.dtype == torch.float32 else tensor.float()


def recording_nbytes(
    n_layers: int, n_heads: int, n_kv_heads: int, head_dim: int, n_tokens: int, itemsize: int = 4
) -> int:
    """Bytes an :class:`AttentionStore` holds after ``n_tokens`` rows (what a UI can check before a run)."""
    rows = -(-n_tokens // BLOCK_ROWS) * BLOCK_ROWS
    return itemsize * (2 * n_layers * n_heads * triangle_size(rows) + 2 * n_layers * n_kv_heads * rows * head_dim)


def recording_dtype(n_layers: int, n_heads: int, n_kv_heads: int, head_dim: int, n_tokens: int) -> np.dtype:
    """float32, or float16 when a recording of ``n_tokens`` rows would pass :data:`FLOAT32_BUDGET` in float32."""
    big = recording_nbytes(n_layers, n_heads, n_kv_heads, head_dim, n_tokens) > FLOAT32_BUDGET
    return np.dtype(np.float16 if big else np.float32)


class AttentionStore:
    """Packed score/weight rows per (layer, head) and K/V per position and layer, in fixed blocks.

    Values are kept in ``dtype`` (float32, or float16 for big models) and read back as float32.
    """

    def __init__(self, n_layers: int, n_heads: int, n_kv_heads: int, head_dim: int, dtype: np.dtype = FLOAT32) -> None:
        self.n_rows = 0
        # Largest finite |score| of rows 0..i, for the rows scanned so far (see score_scale).
        self._scale_upto: list[float] = []
        self._scale_lock = threading.Lock()
        self.dtype = np.dtype(dtype)
        self._lh = (n_layers, n_heads)
        self._kv_shape = (n_layers, n_kv_heads)
        self._head_dim = head_dim
        # Block b holds rows b·R .. (b+1)·R: packed rows of scores and weights (2, L, H, cells), and
        # keys and values by position (2, L, kv_heads, R, head_dim). A pair shares one array, so a row
        # is written in one copy for both.
        self._rows: list[np.ndarray] = []
        self._kv: list[np.ndarray] = []

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for blocks in (self._rows, self._kv) for a in blocks)

    def _add_block(self) -> None:
        b = len(self._rows)
        cells = triangle_size((b + 1) * BLOCK_ROWS) - triangle_size(b * BLOCK_ROWS)
        self._rows.append(np.empty((2, *self._lh, cells), dtype=self.dtype))
        self._kv.append(np.empty((2, *self._kv_shape, BLOCK_ROWS, self._head_dim), dtype=self.dtype))

    def append(
        self,
        scores: list[torch.Tensor],
        weights: list[torch.Tensor],
        keys: list[torch.Tensor],
        values: list[torch.Tensor],
        key_positions: torch.Tensor | None = None,
    ) -> None:
        """Add rows ``n_rows..n_rows+r`` of batch element 0, from per-layer forward captures.

        ``scores``/``weights``: per layer (B, H, r, Tk); ``keys``/``values``: per layer
        (B, kv_heads, r, head_dim). ``key_positions`` (Tk,) gives each captured column's
        absolute position when a windowed cache attended to fewer keys than positions;
        evicted cells store -inf scores and zero weights. Layers and the two arrays of a pair
        are stacked first, so a decode step's row costs two copies whatever the depth.
        """
        first, r, L = self.n_rows, scores[0].shape[2], len(scores)
        sw = _float32(torch.stack((*scores, *weights))).numpy()[:, 0].reshape(2, L, *scores[0].shape[1:])
        kv = _float32(torch.stack((*keys, *values))).numpy()[:, 0].reshape(2, L, *keys[0].shape[1:])
        if key_positions is not None and key_positions.numel() != first + r:  # columns by absolute key position
            full = np.empty((*sw.shape[:-1], first + r), dtype=np.float32)
            full[0], full[1] = -np.inf, 0.0
            full[..., key_positions.numpy()] = sw
            sw = full
        for i in range(first, first + r):
            b, offset = divmod(i, BLOCK_ROWS)
            if b == len(self._rows):
                self._add_block()
            begin = triangle_size(i) - triangle_size(b * BLOCK_ROWS)
            self._rows[b][..., begin : begin + i + 1] = sw[..., i - first, : i + 1]
            self._kv[b][..., offset, :] = kv[..., i - first, :]
        self.n_rows = first + r

    def score_scale(self, n: int) -> float:
        """Largest finite |score| of rows 0..n over every layer and head (0 for none): what a rounding bound
        scales with. Scanned when first asked, every new row at once, so a step nobody checks pays nothing;
        masked and evicted cells (-inf) are not scores. Safe while another thread appends rows after n."""
        with self._scale_lock:
            done = len(self._scale_upto)
            if n > done:
                peaks = np.concatenate([self._row_peaks(first, end) for first, end in _block_spans(done, n)])
                running = np.maximum.accumulate(peaks)
                if done:
                    np.maximum(running, self._scale_upto[-1], out=running)
                self._scale_upto.extend(running.tolist())  # grows by the new rows only, not a copy of all
            return self._scale_upto[n - 1] if n else 0.0

    def _row_peaks(self, first: int, end: int) -> np.ndarray:
        """Largest finite |score| of each row ``first..end`` (one block), over every layer and head."""
        base = triangle_size(first // BLOCK_ROWS * BLOCK_ROWS)
        cells = self._rows[first // BLOCK_ROWS][SCORES, :, :, triangle_size(first) - base : triangle_size(end) - base]
        peaks = np.abs(cells, dtype=np.float64).max(axis=(0, 1))  # per packed cell
        peaks[~np.isfinite(peaks)] = 0.0
        starts = triangle_size(np.arange(first, end)) - triangle_size(first)
        return np.maximum.reduceat(peaks, starts)

    def _packed(self, n: int, *index: int) -> np.ndarray:
        """Rows 0..n packed, from the blocks that hold them (one copy); ``index`` picks (kind, layer, head)."""
        used = self._rows[: -(-n // BLOCK_ROWS)]
        return np.concatenate([b[index] for b in used], axis=-1)[..., : triangle_size(n)]

    def packed_scores(self, layer: int, first_row: int, end_row: int) -> torch.Tensor:
        """Scores of rows ``first_row..end_row`` (within one block) of ``layer``, packed (H, cells), a view in
        the store's dtype; masked cells are -inf."""
        block = first_row // BLOCK_ROWS
        begin = triangle_size(block * BLOCK_ROWS)
        cells = slice(triangle_size(first_row) - begin, triangle_size(end_row) - begin)
        return torch.from_numpy(self._rows[block][SCORES, layer, :, cells])

    def matrix(self, kind: str, layer: int, head: int, n: int) -> np.ndarray:
        """The (n, n) matrix of ``kind`` ("scores" or "weights") made of rows 0..n; NaN where masked."""
        out = np.full((n, n), np.nan, dtype=np.float32)
        out[np.tri(n, dtype=bool)] = self._packed(n, _KINDS[kind], layer, head)
        out[np.isneginf(out)] = np.nan
        out.flags.writeable = False
        return out

    def cells(self, kind: str, layer: int, head: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """(len(rows), len(cols)) values of ``kind`` at recorded ``rows`` × ``cols``; NaN where masked.

        Reads only the cells asked for, so a view of a long run costs its pixels, not n².
        """
        rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
        if _whole_square(rows, cols):  # every cell of rows 0..n (a view with a pixel per cell): 4× faster at 500
            return self.matrix(kind, layer, head, len(rows))
        which = _KINDS[kind]
        block_of_row = rows // BLOCK_ROWS
        offsets = triangle_size(rows) - triangle_size(block_of_row * BLOCK_ROWS)  # row starts within their block
        visible = cols[None, :] <= rows[:, None]
        out = np.full(visible.shape, np.nan, dtype=np.float32)
        for block in np.unique(block_of_row):
            these = block_of_row == block
            # a masked cell reads its row's diagonal, then becomes NaN
            index = offsets[these, None] + np.minimum(cols[None, :], rows[these, None])
            out[these] = np.where(visible[these], self._rows[block][which, layer, head].take(index), np.float32(np.nan))
        out[np.isneginf(out)] = np.nan
        out.flags.writeable = False
        return out

    def kv_at(self, kind: str, layer: int, positions: np.ndarray) -> np.ndarray:
        """(kv_heads, len(positions), head_dim) float32 keys or values at recorded ``positions``.

        Reads only the positions asked for, so a view of a long run costs its pixels, not n.
        """
        positions = np.asarray(positions, dtype=np.int64)
        if len(positions) and np.array_equal(positions, np.arange(len(positions))):  # 0..n: one copy per block
            return self.kv(kind, layer, len(positions))
        which = _KINDS[kind]
        order = np.argsort(positions, kind="stable")  # runs of one block each, one slice per block
        ordered = positions[order]
        block_of_position = ordered // BLOCK_ROWS
        starts = np.flatnonzero(np.diff(block_of_position, prepend=-1))
        out = np.empty((self._kv_shape[1], len(positions), self._head_dim), dtype=np.float32)
        for first, end in zip(starts.tolist(), [*starts[1:].tolist(), len(ordered)], strict=True):
            block = int(block_of_position[first])
            out[:, order[first:end]] = self._kv[block][which, layer][:, ordered[first:end] - block * BLOCK_ROWS]
        out.flags.writeable = False
        return out

    def kv(self, kind: str, layer: int, n: int) -> np.ndarray:
        """(kv_heads, n, head_dim) keys or values of positions 0..n."""
        blocks = self._kv[: -(-n // BLOCK_ROWS)]
        out = np.concatenate([b[_KINDS[kind], layer] for b in blocks], axis=1)[:, :n].astype(np.float32, copy=False)
        out.flags.writeable = False
        return out


def _block_spans(first: int, end: int) -> list[tuple[int, int]]:
    """Rows ``first..end`` cut where blocks begin."""
    cuts = [first, *range((first // BLOCK_ROWS + 1) * BLOCK_ROWS, end, BLOCK_ROWS), end]
    return list(itertools.pairwise(cuts))


def _whole_square(rows: np.ndarray, cols: np.ndarray) -> bool:
    """Whether ``rows`` and ``cols`` are both 0, 1, …, n - 1."""
    n = len(rows)
    return n > 0 and len(cols) == n and np.array_equal(rows, cols) and np.array_equal(rows, np.arange(n))
