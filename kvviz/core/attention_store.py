"""Append-only store of attention rows, keys and values for batch element 0.

Under a causal mask the row of Q·Kᵀ for query i never changes once computed, so the
matrix at step t is the stack of rows made at steps ≤ t. Rows are packed as a lower
triangle (row i holds keys 0..i), which keeps a whole run at L·H·n²/2 values per array
instead of a matrix copy per step. Records read it through their own token count, so a
record stays valid while the store keeps growing.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import torch


def triangle_size(n: int) -> int:
    """Number of cells in the lower triangle (diagonal included) of an n×n matrix."""
    return n * (n + 1) // 2


@lru_cache(maxsize=8)
def _tril(n: int) -> tuple[np.ndarray, np.ndarray]:
    return np.tril_indices(n)


@lru_cache(maxsize=4)
def tril_flat_index(n_rows: int, n_cols: int, first_row: int) -> torch.Tensor:
    """Flat indices into a (n_rows, n_cols) block of the cells with column ≤ first_row + row."""
    rows, cols = np.nonzero(np.arange(n_cols)[None, :] <= first_row + np.arange(n_rows)[:, None])
    return torch.from_numpy(rows * n_cols + cols)


class AttentionStore:
    """Packed score/weight rows per (layer, head) and K/V columns per layer, growing by doubling."""

    def __init__(self, n_layers: int, n_heads: int, n_kv_heads: int, head_dim: int) -> None:
        self.n_rows = 0
        self._scores = np.empty((n_layers, n_heads, 0), dtype=np.float32)
        self._weights = np.empty((n_layers, n_heads, 0), dtype=np.float32)
        self._keys = np.empty((n_layers, n_kv_heads, 0, head_dim), dtype=np.float32)
        self._values = np.empty((n_layers, n_kv_heads, 0, head_dim), dtype=np.float32)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._scores, self._weights, self._keys, self._values))

    def append(
        self,
        scores: list[torch.Tensor],
        weights: list[torch.Tensor],
        keys: list[torch.Tensor],
        values: list[torch.Tensor],
        key_positions: torch.Tensor | None = None,
    ) -> None:
        """Add rows ``n_rows..n_rows+r`` of batch element 0, from per-layer forward captures.

        ``scores``/``weights``: per layer (B, H, r, n_rows+r); ``keys``/``values``: per layer
        (B, kv_heads, r, head_dim). Copies go straight into the store through numpy views:
        a decode step appends one row per head, and per-op overhead is what it costs.
        ``key_positions`` (Tk,) gives each captured column's absolute position when a
        windowed cache attended to fewer keys than positions; evicted cells store -inf
        scores and zero weights.
        """
        first, r = self.n_rows, scores[0].shape[2]
        begin, end = triangle_size(first), triangle_size(first + r)
        self._scores = _ensure(self._scores, end, axis=2)
        self._weights = _ensure(self._weights, end, axis=2)
        self._keys = _ensure(self._keys, first + r, axis=2)
        self._values = _ensure(self._values, first + r, axis=2)
        index = None if r == 1 else tril_flat_index(r, first + r, first).numpy()
        scatter = None
        if key_positions is not None and key_positions.numel() != first + r:
            scatter = key_positions.numpy()
        for layer in range(len(scores)):
            for store, captured, fill in ((self._scores, scores, -np.inf), (self._weights, weights, 0.0)):
                rows = captured[layer].float().numpy()[0]  # (H, r, Tk)
                if scatter is not None:  # columns by absolute key position
                    full = np.full((*rows.shape[:2], first + r), fill, dtype=np.float32)
                    full[:, :, scatter] = rows
                    rows = full
                store[layer, :, begin:end] = rows[:, 0] if index is None else rows.reshape(rows.shape[0], -1)[:, index]
            self._keys[layer, :, first : first + r] = keys[layer].float().numpy()[0]
            self._values[layer, :, first : first + r] = values[layer].float().numpy()[0]
        self.n_rows = first + r

    def packed_scores(self, n: int) -> torch.Tensor:
        """Rows 0..n as a packed (L, H, n(n+1)/2) tensor view; masked cells are -inf."""
        return torch.from_numpy(self._scores[:, :, : triangle_size(n)])

    def matrix(self, kind: str, layer: int, head: int, n: int) -> np.ndarray:
        """The (n, n) matrix of ``kind`` ("scores" or "weights") made of rows 0..n; NaN above the diagonal."""
        packed = (self._scores if kind == "scores" else self._weights)[layer, head, : triangle_size(n)]
        out = np.full((n, n), np.nan, dtype=np.float32)
        out[_tril(n)] = packed
        out[np.isneginf(out)] = np.nan
        out.flags.writeable = False
        return out

    def kv(self, kind: str, layer: int, n: int) -> np.ndarray:
        """(kv_heads, n, head_dim) keys or values of positions 0..n; a read-only view."""
        view = (self._keys if kind == "keys" else self._values)[layer, :, :n]
        view.flags.writeable = False
        return view


def _ensure(array: np.ndarray, size: int, axis: int) -> np.ndarray:
    """``array`` with at least ``size`` entries along ``axis``, doubling when it must grow."""
    if array.shape[axis] >= size:
        return array
    shape = list(array.shape)
    shape[axis] = max(size, 2 * shape[axis], 16)
    grown = np.empty(shape, dtype=array.dtype)
    index = [slice(None)] * array.ndim
    index[axis] = slice(0, array.shape[axis])
    grown[tuple(index)] = array
    return grown
