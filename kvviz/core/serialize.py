"""Step records as plain data: the one serialisation, read by `kvviz trace`, the CSV and the JSON exporters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kvviz.core.agreement import agreement_text
from kvviz.core.record import ModeStats, StepRecord


def _mode_dict(stats: ModeStats) -> dict[str, Any]:
    return {
        "flops": stats.flops.to_dict(),
        "flops_measured": stats.flops_measured,
        "time_s": stats.time_s,
        "next_token": stats.next_token,
    }


def record_to_dict(record: StepRecord) -> dict[str, Any]:
    """One step as JSON-ready data; ``token`` is the display form of the token generated this step."""
    return {
        "step": record.step,
        "phase": record.phase.value,
        "n_tokens": record.n_tokens,
        "token": record.text.token_labels([record.next_token])[0],
        "token_id": record.next_token,
        "cached": _mode_dict(record.cached),
        "uncached": _mode_dict(record.uncached) if record.uncached is not None else None,
        "cache_bytes": {"used": record.cache_bytes_used, "allocated": record.cache_bytes_allocated},
        "max_abs_logit_diff": record.max_abs_logit_diff,
        "recompute_max_abs_diff": record.recompute_max_abs_diff,
        "recompute_rows_checked": [list(rows) for rows in record.recompute_rows_checked],  # [first, end) ranges
        "first_divergence_step": record.first_divergence_step,
        "uncached_off": record.uncached_off or None,  # why "uncached" and the checks are null: not computed
        "agreement": agreement_text(record),
    }


def config_to_dict(record: StepRecord) -> dict[str, Any]:
    """The model as it ran: a real model's own shape fields (its d_ff, not the tiny decoder's mlp_ratio)
    with the dtype, batch, context and seed of the run; the tiny decoder's ModelConfig otherwise."""
    c = record.config
    if record.own_shape is None:
        return c.to_dict()
    return {**record.own_shape, "dtype": c.dtype, "batch_size": c.batch_size, "context_length": c.context_length}


def run_to_dict(records: Sequence[StepRecord]) -> dict[str, Any]:
    """A run as JSON-ready data: its configuration, policy, cache dtype and prompt, and every step."""
    first = records[0]
    return {
        "config": config_to_dict(first),
        "policy": {"kind": first.policy.kind, "window": first.policy.window, "sinks": first.policy.sinks},
        "cache_dtype": first.cache_dtype,
        "prompt": first.text.decode(first.tokens[: first.n_prompt]),
        "steps": [record_to_dict(r) for r in records],
    }
