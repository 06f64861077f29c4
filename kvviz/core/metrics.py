"""Per-step metrics as files: flat rows (CSV) or the nested records (JSON) of :mod:`kvviz.core.serialize`."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kvviz.core.flops import COMPONENTS
from kvviz.core.record import Mode, StepRecord
from kvviz.core.serialize import record_to_dict, run_to_dict


def metrics_row(record: StepRecord) -> dict[str, Any]:
    """One step as a flat row: the fields of :func:`record_to_dict`, FLOPs by component and mode, times."""
    data = record_to_dict(record)
    row: dict[str, Any] = {name: data[name] for name in ("step", "phase", "n_tokens", "token", "token_id")}
    for mode in Mode:
        stats = data[mode.value]
        for name in (*COMPONENTS, "total"):
            row[f"{mode.value}_flops_{name}"] = stats["flops"][name] if stats else None
        row[f"{mode.value}_time_s"] = stats["time_s"] if stats else None
    row["cache_bytes_used"] = data["cache_bytes"]["used"]
    row["cache_bytes_allocated"] = data["cache_bytes"]["allocated"]
    row["max_abs_logit_diff"] = data["max_abs_logit_diff"]
    row["recompute_max_abs_diff"] = data["recompute_max_abs_diff"]
    row["uncached_off"] = data["uncached_off"]
    row["agreement"] = data["agreement"]
    return row


def write_csv(records: Sequence[StepRecord], path: Path) -> None:
    rows = [metrics_row(r) for r in records]
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def write_json(records: Sequence[StepRecord], path: Path) -> None:
    """A JSON document: the run's configuration and one object per step (the trace format)."""
    path.write_text(json.dumps(run_to_dict(records), indent=1), encoding="utf-8")
