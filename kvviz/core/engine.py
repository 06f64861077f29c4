"""The step engine: prefill, then one token per step, uncached and cached side by side.

Every step runs the model twice on the same tokens: once over the whole sequence with no
cache (what a model without a KV cache must do) and once over the new token with the cache.
It measures both, checks that they agree, and returns an immutable :class:`StepRecord`.
Records are kept as history, so stepping back and forth never recomputes anything.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import torch
from torch.utils.flop_counter import FlopCounterMode

from kvviz.core import tokenizer
from kvviz.core.attention_store import BLOCK_ROWS, AttentionStore, causal_rows_mask
from kvviz.core.cache import KVCache
from kvviz.core.config import ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.flops import forward_flops
from kvviz.core.model import ForwardResult, TinyDecoder
from kvviz.core.policy import CachePolicy
from kvviz.core.quant import CACHE_DTYPES
from kvviz.core.record import Mode, ModeStats, Phase, StepRecord
from kvviz.core.sampling import Sampler, Sampling

BOTH_MODES = (Mode.UNCACHED, Mode.CACHED)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


class GenerationStopped(RuntimeError):
    """No further step can be made; the message says why (context full, token budget spent)."""


class Engine:
    """Owns the model, the cache and the history of one generation run.

    ``record_attention`` keeps every attention row for the views (off for pure speed runs);
    ``count_flops`` also runs each pass under ``FlopCounterMode`` to measure its FLOPs;
    ``modes`` may drop the uncached mode for benchmarks of the cached path alone.
    ``policy`` (window, sinks) and ``cache_dtype`` (int8, int4, fp8) shape the cache; the
    uncached reference always runs in the model's dtype under the same attention mask, so
    any difference between the modes is the quantization error.
    """

    def __init__(
        self,
        config: ModelConfig,
        prompt: str | Sequence[int],
        *,
        model: TinyDecoder | None = None,
        sampling: Sampling | None = None,
        max_new_tokens: int | None = None,
        record_attention: bool = True,
        count_flops: bool = False,
        modes: Sequence[Mode] = BOTH_MODES,
        policy: CachePolicy | None = None,
        cache_dtype: str = "model",
    ) -> None:
        self.prompt_ids = tokenizer.encode(prompt) if isinstance(prompt, str) else list(prompt)
        check_prompt_fits(config, len(self.prompt_ids))
        if any(not 0 <= t < config.vocab_size for t in self.prompt_ids):
            raise ConfigError("prompt", f"token ids must lie in 0..{config.vocab_size - 1}")
        if max_new_tokens is not None and max_new_tokens < 1:
            raise ConfigError("max_new_tokens", f"must be at least 1, got {max_new_tokens}")
        if model is not None and model.config != config:
            raise ConfigError("model", "was built for a different configuration")
        if Mode.CACHED not in modes:
            raise ConfigError("modes", "must include the cached mode, which drives generation")
        self.policy = policy or CachePolicy()
        self.policy.check_fits(config.context_length)
        if cache_dtype not in CACHE_DTYPES:
            raise ConfigError("cache_dtype", f"must be one of {', '.join(CACHE_DTYPES)}, got {cache_dtype!r}")
        self.cache_dtype = cache_dtype
        self.config = config
        self.model = model if model is not None else TinyDecoder(config)
        self.sampling = sampling or Sampling()
        self.max_new_tokens = max_new_tokens
        self.record_attention = record_attention
        self.count_flops = count_flops
        self.modes = tuple(modes)
        self.history: list[StepRecord] = []
        self.cursor = -1
        self._prepared: StepRecord | None = None
        self.reset()

    # -- navigation -------------------------------------------------------------------

    @property
    def current(self) -> StepRecord:
        return self.history[self.cursor]

    @property
    def frontier(self) -> StepRecord:
        """The newest record computed; the cache is in its state."""
        return self.history[-1]

    @property
    def stop_reason(self) -> str | None:
        """Why no step can follow the frontier, or None if one can."""
        last = self.frontier
        generated = last.step + 1
        if self.max_new_tokens is not None and generated >= self.max_new_tokens:
            return f"max new tokens reached ({self.max_new_tokens} generated)"
        if not self.policy.evicts and last.n_tokens >= self.config.context_length:
            return (
                f"context length reached: all {self.config.context_length} positions hold tokens and the "
                "full cache has no room for the next one"
            )
        return None

    @property
    def final_step(self) -> int | None:
        """The last step this run can reach, or None when a sliding cache lets it run on."""
        limits = []
        if self.max_new_tokens is not None:
            limits.append(self.max_new_tokens - 1)
        if not self.policy.evicts:
            limits.append(self.config.context_length - len(self.prompt_ids))
        return min(limits) if limits else None

    def can_step_forward(self) -> bool:
        return self.cursor < len(self.history) - 1 or self.stop_reason is None

    def step_forward(self) -> StepRecord:
        """Show the next step: from history if it exists, else computed now."""
        if self.cursor < len(self.history) - 1:
            self.cursor += 1
            return self.current
        reason = self.stop_reason
        if reason is not None:
            raise GenerationStopped(reason)
        record, self._prepared = self._prepared or self._decode(), None
        self.history.append(record)
        self.cursor += 1
        return self.current

    def prepare_next(self) -> bool:
        """Compute the step after the frontier now, to be shown by a later :meth:`step_forward`.

        An app calls this from a worker thread while the user looks at the current step, so
        that stepping on only has to show a record. Until then the record is in no history,
        and records already made stay valid (the store only grows). Meanwhile the caller must
        not call anything else that computes (step_forward at the frontier, seek past it,
        reset); moving the cursor through the history is safe. False if no step can follow.
        """
        if self._prepared is not None:
            return True
        if self.stop_reason is not None:
            return False
        self._prepared = self._decode()
        return True

    def step_back(self) -> StepRecord:
        if self.cursor > 0:
            self.cursor -= 1
        return self.current

    def seek(self, step: int) -> StepRecord:
        """Go to ``step``, computing forward as needed; stops early (no error) at the limit."""
        if step < 0:
            raise ValueError(f"step must be non-negative, got {step}")
        while self.cursor < step and self.can_step_forward():
            self.step_forward()
        self.cursor = min(step, self.cursor)
        return self.current

    def reset(self) -> StepRecord:
        """Discard the run and prefill the prompt again (same seed, so the same run)."""
        B = self.config.batch_size
        self._prepared = None
        self.cache = KVCache(self.config, self.policy, self.cache_dtype)
        self.first_divergence: int | None = None
        self.sampler = Sampler(self.sampling)
        self.store = (
            AttentionStore(self.config.n_layers, self.config.n_heads, self.config.n_kv_heads, self.config.dim_head)
            if self.record_attention
            else None
        )
        self.sequence = torch.zeros(B, self.config.context_length, dtype=torch.long)
        self.sequence[:, : len(self.prompt_ids)] = torch.tensor(self.prompt_ids)
        self._tokens = self.sequence[0].numpy()  # shares memory: records slice it, positions never change
        with torch.inference_mode():  # untimed warm-up: a process's first forward pays one-off library set-up
            self.model(self.sequence[:, :1])
        self.history = [self._run(Phase.PREFILL, step=0, start=0, n=len(self.prompt_ids))]
        self.cursor = 0
        return self.current

    # -- computing a step ----------------------------------------------------------------

    def _decode(self) -> StepRecord:
        last = self.frontier
        n = last.n_tokens + 1
        if n > self.sequence.shape[1]:  # a sliding cache generates past the context length
            grown = torch.zeros(self.sequence.shape[0], 2 * self.sequence.shape[1], dtype=torch.long)
            grown[:, : n - 1] = self.sequence[:, : n - 1]
            self.sequence = grown
            self._tokens = grown[0].numpy()
        self.sequence[:, n - 1] = self._next_tokens
        return self._run(Phase.DECODE, step=last.step + 1, start=n - 1, n=n)

    @torch.inference_mode()
    def _run(self, phase: Phase, step: int, start: int, n: int) -> StepRecord:
        """Process positions ``start..n`` (uncached: positions 0..n) and record the step."""
        new_ids = self.sequence[:, start:n]
        want_rows = self.store is not None
        compare_rows = want_rows and Mode.UNCACHED in self.modes and start > 0

        uncached: ModeStats | None = None
        if Mode.UNCACHED in self.modes:
            full_ids = self.sequence[:, :n]
            t0 = time.perf_counter()
            res_u = self.model(full_ids, 0, None, capture=compare_rows, policy=self.policy)
            time_u = time.perf_counter() - t0
            measured_u = (
                self._measure(lambda: self.model(full_ids, 0, None, policy=self.policy)) if self.count_flops else None
            )

        key_positions = self.cache.key_positions(start, n - start)
        t0 = time.perf_counter()
        res_c = self.model(new_ids, start, self.cache, capture=want_rows)
        time_c = time.perf_counter() - t0
        measured_c = self._measure(lambda: self.model(new_ids, start, self.cache)) if self.count_flops else None

        if Mode.UNCACHED in self.modes:  # both modes draw with the same random state
            sampler_state = None if self.sampling.greedy else self.sampler.state()
            token_u = int(self.sampler(res_u.logits)[0])
            if sampler_state is not None:
                self.sampler.restore(sampler_state)
        next_tokens = self.sampler(res_c.logits)
        self._next_tokens = next_tokens

        logit_diff = recompute_diff = None
        if Mode.UNCACHED in self.modes:
            uncached = ModeStats(forward_flops(self.config, n, n), measured_u, time_u, token_u)
            if token_u != int(next_tokens[0]) and self.first_divergence is None:
                self.first_divergence = step
            logit_diff = float((res_c.logits.float() - res_u.logits.float()).abs().max())
            if compare_rows:
                recompute_diff = self._recompute_diff(res_u, n)
        if self.store is not None:
            self.store.append(res_c.scores, res_c.weights, res_c.keys, res_c.values, key_positions)

        return StepRecord(
            step=step,
            phase=phase,
            config=self.config,
            tokens=_read_only(self._tokens[:n]),
            n_prompt=len(self.prompt_ids),
            new_rows=n - start,
            next_token=int(next_tokens[0]),
            cached=ModeStats(
                forward_flops(self.config, n - start, key_positions.numel()), measured_c, time_c, int(next_tokens[0])
            ),
            uncached=uncached,
            cache_bytes_used=self.cache.bytes_used(),
            cache_bytes_allocated=self.cache.bytes_allocated(),
            max_abs_logit_diff=logit_diff,
            recompute_max_abs_diff=recompute_diff,
            first_divergence_step=self.first_divergence,
            policy=self.policy,
            cache_dtype=self.cache_dtype,
            store=self.store,
        )

    def _recompute_diff(self, res_u: ForwardResult, n: int) -> float:
        """Largest |Δ| between the rows the uncached pass recomputed and those stored at earlier steps.

        Compared layer by layer and in the store's blocks of rows, so the extra memory stays
        at one block however long the run; cells masked in both are -inf, whose difference
        (nan) counts as equal, while a cell masked in only one would count as inf.
        """
        m = n - 1
        largest = 0.0
        for layer, scores in enumerate(res_u.scores):
            heads = scores.shape[1]
            for block, first in enumerate(range(0, m, BLOCK_ROWS)):
                end = min(first + BLOCK_ROWS, m)
                rows = scores[0, :, first:end, :end].float()  # (H, R, end)
                again = rows.masked_select(causal_rows_mask(first, end)).view(heads, -1)  # (H, packed cells)
                stored = self.store.packed_block_scores(layer, block, end)
                diff = again.sub_(stored).abs_().nan_to_num_(nan=0.0)
                largest = max(largest, float(diff.max()))
        return largest

    @staticmethod
    def _measure(forward) -> int:
        with FlopCounterMode(display=False) as counter:
            forward()
        return counter.get_total_flops()
