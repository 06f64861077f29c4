"""Per-step metrics as flat rows (CSV) or nested records (JSON), straight from step records."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kvviz.core import tokenizer
from kvviz.core.flops import COMPONENTS
from kvviz.core.record import Mode, StepRecord
from kvviz.core.serialize import record_to_dict


def metrics_row(record: StepRecord) -> dict[str, Any]:
    """One step as a flat row: FLOPs by component and mode, times, bytes, checks."""
    row: dict[str, Any] = {
        "step": record.step,
        "phase": record.phase.value,
        "n_tokens": record.n_tokens,
        "token": tokenizer.token_labels([record.next_token])[0],
        "token_id": record.next_token,
    }
    for mode in Mode:
        stats = record.mode(mode)
        for name in (*COMPONENTS, "total"):
            row[f"{mode.value}_flops_{name}"] = stats.flops.to_dict()[name] if stats else None
        row[f"{mode.value}_time_s"] = stats.time_s if stats else None
    row["cache_bytes_used"] = record.cache_bytes_used
    row["cache_bytes_allocated"] = record.cache_bytes_allocated
    row["max_abs_logit_diff"] = record.max_abs_logit_diff
    row["recompute_max_abs_diff"] = record.recompute_max_abs_diff
    return row


def write_csv(records: Sequence[StepRecord], path: Path) -> None:
    rows = [metrics_row(r) for r in records]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_json(records: Sequence[StepRecord], path: Path) -> None:
    """A JSON document: the run's configuration and one object per step (the trace format)."""
    first = records[0]
    document = {
        "config": first.config.to_dict(),
        "policy": {"kind": first.policy.kind, "window": first.policy.window, "sinks": first.policy.sinks},
        "cache_dtype": first.cache_dtype,
        "prompt": tokenizer.decode(first.tokens[: first.n_prompt]),
        "steps": [record_to_dict(r) for r in records],
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
