"""The step engine: prefill, then one token per step, uncached and cached side by side.

Every step runs the model twice on the same tokens: once over the whole sequence with no
cache (what a model without a KV cache must do) and once over the new token with the cache.
It measures both, checks that they agree (the logits, and a bounded set of recomputed rows
that covers every row over a run: :mod:`kvviz.core.recompute_check`), and returns an
immutable :class:`StepRecord`.

The engine only generates: it keeps the newest record and the state that the next step
needs (cache, attention store, sampler). Which step a user looks at is a
:class:`~kvviz.core.history.History`'s business, so an app may run :meth:`Engine.decode`
on a worker thread while the GUI thread moves through the records already made: the
store only grows, so those records stay valid.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import torch
from torch.utils.flop_counter import FlopCounterMode, sdpa_flop_count

from kvviz.core.attention_store import AttentionStore, recording_dtype
from kvviz.core.config import ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.decoder import Decoder
from kvviz.core.model import TinyDecoder
from kvviz.core.policy import CachePolicy
from kvviz.core.recompute_check import RotatingCheck, RowRanges, max_abs_diff, row_positions
from kvviz.core.record import Mode, ModeStats, Phase, StepRecord
from kvviz.core.sampling import Sampler, Sampling
from kvviz.i18n import translate

BOTH_MODES = (Mode.UNCACHED, Mode.CACHED)


def _fused_attention_flops(query_shape, key_shape, value_shape, *_args, out_shape=None, **_kwargs) -> int:
    """FlopCounterMode counts PyTorch's fused attention on the GPU (two products over the whole rows × keys
    rectangle, masked cells included, as :mod:`kvviz.core.flops` does) but not its CPU kernel, which a pass of
    many rows runs (:mod:`kvviz.core.model`): the counter's own formula, applied to that kernel too."""
    return sdpa_flop_count(query_shape, key_shape, value_shape)


FUSED_ATTENTION_FLOPS = {torch.ops.aten._scaled_dot_product_flash_attention_for_cpu: _fused_attention_flops}


def _read_only(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


class GenerationStopped(RuntimeError):
    """No further step can be made; the message says why (context full, token budget spent)."""


def context_full(record: StepRecord) -> bool:
    """Whether a cache that keeps every key has no room left after ``record``."""
    return not record.policy.evicts and record.n_tokens >= record.config.context_length


class Engine:
    """Owns the model, the cache and the sampler of one generation run, and makes its records.

    ``record_attention`` keeps every attention row for the views (off for pure speed runs);
    ``count_flops`` also runs each pass under ``FlopCounterMode`` to measure its FLOPs;
    ``modes`` may drop the uncached mode (too costly for a big model, or a benchmark of the
    cached path alone); ``uncached_off`` is then the reason each record gives.
    ``policy`` (window, sinks) and ``cache_dtype`` (int8, int4, fp8) shape the cache; the
    uncached reference always runs in the model's dtype under the same attention mask, so
    any difference between the modes is the quantization error.
    """

    def __init__(
        self,
        config: ModelConfig,
        prompt: str | Sequence[int],
        *,
        model: Decoder | None = None,
        sampling: Sampling | None = None,
        max_new_tokens: int | None = None,
        record_attention: bool = True,
        count_flops: bool = False,
        modes: Sequence[Mode] = BOTH_MODES,
        policy: CachePolicy | None = None,
        cache_dtype: str = "model",
        uncached_off: str = "",
    ) -> None:
        self.model = model if model is not None else TinyDecoder(config)
        self.prompt_ids = self.model.text.encode(prompt) if isinstance(prompt, str) else list(prompt)
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
        self.config = config
        self.cache_dtype = cache_dtype  # the cache checks it, in prefill
        self.sampling = sampling or Sampling()
        self.max_new_tokens = max_new_tokens
        self.record_attention = record_attention
        self.count_flops = count_flops
        self.modes = tuple(modes)
        self.uncached_off = "" if Mode.UNCACHED in modes else uncached_off or "switched off for this run"
        self.newest = self.prefill()

    @property
    def final_step(self) -> int | None:
        """The last step this run can reach, or None when a sliding cache lets it run on."""
        limits = []
        if self.max_new_tokens is not None:
            limits.append(self.max_new_tokens - 1)
        if not self.policy.evicts:
            limits.append(self.config.context_length - len(self.prompt_ids))
        return min(limits) if limits else None

    def stop_reason(self, record: StepRecord) -> str | None:
        """Why no step can follow ``record`` of this run, or None if one can.

        The one wording of a run's end: the CLI prints it, the app's status bar shows it.
        """
        if self.max_new_tokens is not None and record.step + 1 >= self.max_new_tokens:
            return translate("engine", "max new tokens reached ({n} generated)").format(n=self.max_new_tokens)
        if context_full(record):
            return translate(
                "engine",
                "context length reached: all {n} positions hold tokens and the full cache has no room for the next one",
            ).format(n=record.config.context_length)
        return None

    def prefill(self) -> StepRecord:
        """Start the run again: an empty cache, and the prompt processed (same seed, so the same run)."""
        B = self.config.batch_size
        self.cache = self.model.new_cache(self.policy, self.cache_dtype)
        self.first_divergence: int | None = None
        self.row_check = RotatingCheck()
        self.sampler = Sampler(self.sampling)
        c = self.config
        shape = (c.n_layers, c.n_heads, c.n_kv_heads, c.dim_head)
        dtype = recording_dtype(*shape, c.context_length)
        self.store = AttentionStore(*shape, dtype) if self.record_attention else None
        self.sequence = torch.zeros(B, self.config.context_length, dtype=torch.long)
        self.sequence[:, : len(self.prompt_ids)] = torch.tensor(self.prompt_ids)
        self._tokens = self.sequence[0].numpy()  # shares memory: records slice it, positions never change
        with torch.inference_mode():  # untimed warm-up: a process's first forward pays one-off library set-up
            self.model(self.sequence[:, :1])
        self.newest = self._run(Phase.PREFILL, step=0, start=0, n=len(self.prompt_ids))
        return self.newest

    def decode(self) -> StepRecord:
        """Generate the token after the newest record and return its step; GenerationStopped at a limit."""
        last = self.newest
        reason = self.stop_reason(last)
        if reason is not None:
            raise GenerationStopped(reason)
        n = last.n_tokens + 1
        if n > self.sequence.shape[1]:  # a sliding cache generates past the context length
            grown = torch.zeros(self.sequence.shape[0], 2 * self.sequence.shape[1], dtype=torch.long)
            grown[:, : n - 1] = self.sequence[:, : n - 1]
            self.sequence = grown
            self._tokens = grown[0].numpy()
        self.sequence.select(1, n - 1).copy_(self._next_tokens)
        self.newest = self._run(Phase.DECODE, step=last.step + 1, start=n - 1, n=n)
        return self.newest

    # -- computing a step ----------------------------------------------------------------

    @torch.inference_mode()
    def _run(self, phase: Phase, step: int, start: int, n: int) -> StepRecord:
        """Process positions ``start..n`` (uncached: positions 0..n) and record the step."""
        new_ids = self.sequence.narrow(1, start, n - start)
        want_rows = self.store is not None
        checked: RowRanges = ()
        if want_rows and Mode.UNCACHED in self.modes and start > 0:
            checked = self.row_check.rows(self.newest.n_tokens - self.newest.new_rows, start)

        uncached: ModeStats | None = None
        if Mode.UNCACHED in self.modes:
            full_ids = self.sequence[:, :n]
            t0 = time.perf_counter()  # the uncached step's cost: it keeps only the few rows it is checked on
            res_u = self.model(full_ids, 0, None, capture=row_positions(checked) or False, policy=self.policy)
            time_u = time.perf_counter() - t0
            measured_u = (
                self._measure(lambda: self.model(full_ids, 0, None, policy=self.policy)) if self.count_flops else None
            )

        t0 = time.perf_counter()
        res_c = self.model(new_ids, start, self.cache, capture=want_rows)
        time_c = time.perf_counter() - t0
        measured_c = self._measure(lambda: self.model(new_ids, start, self.cache)) if self.count_flops else None

        if Mode.UNCACHED in self.modes:  # both modes draw with the same random state
            sampler_state = None if self.sampling.greedy else self.sampler.state()
            token_u = int(self.sampler(res_u.logits)[0])
            if sampler_state is not None:
                self.sampler.restore(sampler_state)
        key_positions = res_c.key_positions
        next_tokens = self.sampler(res_c.logits)
        self._next_tokens = next_tokens
        next_token = int(next_tokens[0])

        logit_diff = recompute_diff = None
        logit_scale = float(res_c.logits.float().abs().max())
        if Mode.UNCACHED in self.modes:
            logit_scale = max(logit_scale, float(res_u.logits.float().abs().max()))
            uncached = ModeStats(self.model.flops(n, n), measured_u, time_u, token_u)
            if token_u != next_token and self.first_divergence is None:
                self.first_divergence = step
            logit_diff = float((res_c.logits.float() - res_u.logits.float()).abs().max())
            if checked:
                recompute_diff = max_abs_diff(self.store, res_u.scores, checked)
        if self.store is not None:
            self.store.append(res_c.scores, res_c.weights, res_c.keys, res_c.values, key_positions)

        return StepRecord(
            step=step,
            phase=phase,
            config=self.config,
            tokens=_read_only(self._tokens[:n]),
            n_prompt=len(self.prompt_ids),
            new_rows=n - start,
            next_token=next_token,
            cached=ModeStats(self.model.flops(n - start, key_positions.numel()), measured_c, time_c, next_token),
            uncached=uncached,
            cache_bytes_used=self.cache.bytes_used(),
            cache_bytes_allocated=self.cache.bytes_allocated(),
            max_abs_logit_diff=logit_diff,
            recompute_max_abs_diff=recompute_diff,
            recompute_rows_checked=checked,
            first_divergence_step=self.first_divergence,
            policy=self.policy,
            cache_dtype=self.cache_dtype,
            store=self.store,
            text=self.model.text,
            uncached_off=self.uncached_off,
            logit_scale=logit_scale,
            own_shape=self.model.own_shape,
        )

    @staticmethod
    def _measure(forward) -> int:
        with FlopCounterMode(display=False, custom_mapping=FUSED_ATTENTION_FLOPS) as counter:
            forward()
        return counter.get_total_flops()
