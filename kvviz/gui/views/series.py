"""Per-step series for the plots, read from the records (cumulative totals are running sums of them)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kvviz.core.record import StepRecord


@dataclass(frozen=True)
class StepSeries:
    """One value per computed step; ``nan`` where a mode did not run."""

    steps: np.ndarray
    flops_uncached: np.ndarray
    flops_cached: np.ndarray
    cache_used: np.ndarray
    cache_allocated: np.ndarray
    time_uncached: np.ndarray
    time_cached: np.ndarray

    @property
    def cumulative_uncached(self) -> np.ndarray:
        return np.cumsum(self.flops_uncached)

    @property
    def cumulative_cached(self) -> np.ndarray:
        return np.cumsum(self.flops_cached)


def step_series(history: Sequence[StepRecord]) -> StepSeries:
    def column(values) -> np.ndarray:
        return np.array(list(values), dtype=np.float64)

    nan = float("nan")
    return StepSeries(
        steps=column(r.step for r in history),
        flops_uncached=column(r.uncached.flops.total if r.uncached else nan for r in history),
        flops_cached=column(r.cached.flops.total for r in history),
        cache_used=column(r.cache_bytes_used for r in history),
        cache_allocated=column(r.cache_bytes_allocated for r in history),
        time_uncached=column(r.uncached.time_s if r.uncached else nan for r in history),
        time_cached=column(r.cached.time_s for r in history),
    )
