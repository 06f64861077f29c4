"""The one data contract: an immutable record per step, read by the GUI, CLI, exporters and tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any

import numpy as np

from kvviz.core import tokenizer
from kvviz.core.attention_store import AttentionStore
from kvviz.core.config import ModelConfig
from kvviz.core.decoder import TokenText
from kvviz.core.flops import FlopBreakdown
from kvviz.core.policy import CachePolicy


class Phase(StrEnum):
    PREFILL = "prefill"
    DECODE = "decode"


class Mode(StrEnum):
    """The two ways a step can run: the whole sequence again, or the new token with a cache."""

    UNCACHED = "uncached"
    CACHED = "cached"


class CellStatus(IntEnum):
    """What happened to one cell of Q·Kᵀ during one step, in one mode."""

    MASKED = 0  # key after the query: never computed into the output (causal mask)
    COMPUTED = 1  # a new row, computed this step
    RECOMPUTED = 2  # an earlier row computed again: redundant work of the uncached mode
    SKIPPED = 3  # an earlier row the cached mode did not need to compute again
    OUT_OF_WINDOW = 4  # key before the query but outside the policy's window: evicted (cached) / masked (uncached)


class KVSource(IntEnum):
    """Where the K/V of one key position came from during one step, in one mode."""

    COMPUTED = 0  # projected from its token this step
    FROM_CACHE = 1  # read from the KV cache
    EVICTED = 2  # no longer in the cache: the policy evicted it, no query can see it again


@dataclass(frozen=True)
class ModeStats:
    """What one mode did in one step."""

    flops: FlopBreakdown  # analytic
    flops_measured: int | None  # FlopCounterMode on the pass, when the engine counts
    time_s: float  # wall time of the forward pass
    next_token: int  # token this mode's logits chose (batch element 0)


@dataclass(frozen=True)
class StepRecord:
    """Everything one step produced. Arrays handed out are read-only; the record never changes.

    ``tokens`` are the tokens processed so far (batch element 0; a read-only int64 view shared
    with later records, so a run stores its tokens once), so the attention matrix
    of this step is ``n_tokens × n_tokens``; ``next_token`` is the token this step generated,
    which the next step will process.
    """

    step: int
    phase: Phase
    config: ModelConfig
    tokens: np.ndarray
    n_prompt: int
    new_rows: int
    next_token: int
    cached: ModeStats
    uncached: ModeStats | None
    cache_bytes_used: int
    cache_bytes_allocated: int
    max_abs_logit_diff: float | None  # cached vs uncached logits of the new token
    recompute_max_abs_diff: float | None  # uncached recomputed rows vs rows stored earlier
    first_divergence_step: int | None  # first step ≤ this one whose modes chose different tokens
    policy: CachePolicy
    cache_dtype: str  # "model" or a quantized storage type (int8, int4, fp8)
    store: AttentionStore | None  # None when the engine does not record attention
    text: TokenText = tokenizer  # the model's tokenizer: labels and decodes ``tokens`` (byte tokens by default)
    uncached_off: str = ""  # why the uncached pass did not run ("" when it ran); ``uncached`` is then None
    logit_scale: float | None = None  # largest |logit| of the new token in either mode: what rounding scales with
    own_shape: Mapping[str, Any] | None = None  # a real model's shape as its config gives it; None: the tiny decoder
    #: The earlier rows whose recomputation ``recompute_max_abs_diff`` compared, as half-open ranges
    #: [first, end): a step checks a bounded set (see :mod:`kvviz.core.recompute_check`), never claims all.
    recompute_rows_checked: tuple[tuple[int, int], ...] = ()

    @property
    def n_tokens(self) -> int:
        return len(self.tokens)

    @property
    def row_scale(self) -> float | None:
        """Largest finite |score| of every row stored so far (None without a store): what the bound on a
        recomputed row's difference scales with. Read from the store when asked, not on every step."""
        return None if self.store is None else self.store.score_scale(self.n_tokens)

    def mode(self, mode: Mode) -> ModeStats | None:
        return self.cached if mode is Mode.CACHED else self.uncached

    def _require_store(self) -> AttentionStore:
        if self.store is None:
            raise ValueError("this run did not record attention (record_attention=False)")
        return self.store

    def scores(self, layer: int, head: int) -> np.ndarray:
        """Scaled Q·Kᵀ, (n_tokens, n_tokens); NaN where masked."""
        return self._require_store().matrix("scores", layer, head, self.n_tokens)

    def weights(self, layer: int, head: int) -> np.ndarray:
        """Softmax weights, (n_tokens, n_tokens); NaN where masked."""
        return self._require_store().matrix("weights", layer, head, self.n_tokens)

    def keys(self, layer: int) -> np.ndarray:
        """Cached keys (after RoPE) of batch element 0: (kv_heads, n_tokens, head_dim)."""
        return self._require_store().kv("keys", layer, self.n_tokens)

    def values(self, layer: int) -> np.ndarray:
        """Cached values of batch element 0: (kv_heads, n_tokens, head_dim)."""
        return self._require_store().kv("values", layer, self.n_tokens)

    def cell_status(self, mode: Mode, rows: np.ndarray | None = None, cols: np.ndarray | None = None) -> np.ndarray:
        """(rows, cols) uint8 of :class:`CellStatus` for this step in ``mode``; all n_tokens² by default.

        ``rows`` and ``cols`` (positions) give only those cells: a view drawn at screen
        resolution asks for its pixels' cells, not n².
        """
        n, first_new = self.n_tokens, self.n_tokens - self.new_rows
        rows = (np.arange(n) if rows is None else np.asarray(rows))[:, None]
        cols = (np.arange(n) if cols is None else np.asarray(cols))[None, :]
        earlier = CellStatus.RECOMPUTED if mode is Mode.UNCACHED else CellStatus.SKIPPED
        status = np.where(rows >= first_new, CellStatus.COMPUTED, earlier).astype(np.uint8)
        status = np.broadcast_to(status, (rows.shape[0], cols.shape[1])).copy()
        status[cols > rows] = CellStatus.MASKED
        if self.policy.evicts:
            kept = (rows - cols < self.policy.window) | (cols < self.policy.sinks)
            status[(cols <= rows) & ~kept] = CellStatus.OUT_OF_WINDOW
        status.flags.writeable = False
        return status

    def kv_source(self, mode: Mode) -> np.ndarray:
        """(n_tokens,) uint8 of :class:`KVSource` for each key position in ``mode``, after the step."""
        source = np.full(self.n_tokens, KVSource.COMPUTED, dtype=np.uint8)
        if mode is Mode.CACHED:
            source[: self.n_tokens - self.new_rows] = KVSource.FROM_CACHE
            gone = np.ones(self.n_tokens, dtype=bool)
            gone[self.policy.resident(self.n_tokens)] = False
            source[gone] = KVSource.EVICTED
        source.flags.writeable = False
        return source
