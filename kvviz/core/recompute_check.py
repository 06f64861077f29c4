"""The live proof that a row of Q·Kᵀ, recomputed without a cache, equals the row stored when it was made.

Comparing every earlier row at every step costs n² cells a step, more than the model's own
work, and it would make a run of n steps O(n³). Each step compares a bounded set instead:

- the rows the previous step made, at their first recomputation, so every row of a run is
  compared once, the step after it was made (the prompt's rows at the first decode step);
- a block of :data:`CHECK_ROWS` older rows that rotates through them, so a stored row that
  changed afterwards is found again within ⌈n / CHECK_ROWS⌉ steps.

A step's record lists the rows it compared (``recompute_rows_checked``) and the readout names
them, so nothing on screen claims more than was compared.
"""

from __future__ import annotations

from collections.abc import Sequence

import torch

from kvviz.core.attention_store import BLOCK_ROWS, AttentionStore, causal_rows_mask

#: Older rows re-compared per step, besides the previous step's own: the size of one store block.
CHECK_ROWS = BLOCK_ROWS

RowRanges = tuple[tuple[int, int], ...]  # half-open ranges [first, end) of query rows, ascending


class RotatingCheck:
    """Chooses each step's rows: the previous step's, and the next block of the older ones."""

    def __init__(self) -> None:
        self._next = 0  # first row of the next rotating block

    def rows(self, fresh_first: int, earlier: int) -> RowRanges:
        """Rows to compare at a step that recomputed rows 0..``earlier``, of which
        ``fresh_first..earlier`` were made by the previous step."""
        first = self._next if self._next < fresh_first else 0
        end = min(first + CHECK_ROWS, fresh_first)
        self._next = end if end < fresh_first else 0
        return merged(((first, end), (fresh_first, earlier)))


def merged(ranges: Sequence[tuple[int, int]]) -> RowRanges:
    """Ascending, non-empty ranges with touching or overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for first, end in sorted(r for r in ranges if r[1] > r[0]):
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((first, end))
    return tuple(out)


def row_positions(ranges: RowRanges) -> tuple[int, ...]:
    """Every row of ``ranges``, in order: what the uncached pass is asked to capture."""
    return tuple(i for first, end in ranges for i in range(first, end))


def describe(ranges: RowRanges) -> str:
    """``ranges`` in words for a readout: "0–63, 510"."""
    return ", ".join(f"{first}" if end == first + 1 else f"{first}–{end - 1}" for first, end in ranges)


def max_abs_diff(store: AttentionStore, scores: Sequence[torch.Tensor], ranges: RowRanges) -> float:
    """Largest |Δ| between the recomputed rows ``ranges`` and those ``store`` holds, over every layer and head.

    ``scores`` holds each layer's captured rows (B, H, rows, Tk): exactly the rows of ``ranges``
    in order, or every row of the pass (a decoder that always captures all). Compared in the
    store's precision, one store block at a time; cells masked in both are -inf, whose
    difference (nan) counts as equal, while a cell masked in only one counts as inf.
    """
    largest = 0.0
    total = sum(end - first for first, end in ranges)
    offset = 0  # where the current range starts among the captured rows
    for first, end in ranges:
        for sub_first in range(first, end, BLOCK_ROWS):
            sub_end = min((sub_first // BLOCK_ROWS + 1) * BLOCK_ROWS, end)  # within one store block
            mask = causal_rows_mask(sub_first, sub_end)
            for layer, captured in enumerate(scores):
                at = offset + sub_first - first if captured.shape[2] == total else sub_first
                rows = captured[0, :, at : at + sub_end - sub_first, :sub_end].float()  # (H, r, sub_end)
                again = rows.masked_select(mask).view(rows.shape[0], -1)  # (H, packed cells)
                stored = store.packed_scores(layer, sub_first, sub_end)
                again = again.to(stored.dtype).float()  # rounded as the store rounds: only a real change shows
                diff = again.sub_(stored).abs_().nan_to_num_(nan=0.0)
                largest = max(largest, float(diff.max()))
        offset += end - first
    return largest
