"""What every export shares without Qt: its error type and the per-step data files.

``kvviz export --out x.csv`` needs no window at all, so the data path lives here and the
GUI's exporters import the error from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kvviz.atomic_file import write_atomic
from kvviz.core.metrics import write_csv, write_json
from kvviz.core.record import StepRecord

PICTURE_SUFFIXES = (".png", ".svg")
ANIMATION_SUFFIXES = (".gif", ".mp4")
DATA_SUFFIXES = (".csv", ".json")


class ExportError(ValueError):
    """A request that cannot be met (unknown panel, bad size, step range); the message is one line."""


def suffix_of(path: str | Path) -> str:
    return Path(path).suffix.lower()


def wrong_suffix(kind: str, allowed: Sequence[str], path: str | Path) -> ExportError:
    suffix = suffix_of(path)
    shown = repr(suffix) if suffix else "a file without a suffix"
    return ExportError(f"{kind} are saved as {' or '.join(allowed)}, not {shown}")


def export_data(records: Sequence[StepRecord], path: str | Path) -> Path:
    """Per-step metrics of ``records`` (tokens, FLOPs by component and mode, bytes, times) as CSV or JSON."""
    suffix = suffix_of(path)
    if suffix not in DATA_SUFFIXES:
        raise wrong_suffix("data files", DATA_SUFFIXES, path)
    if not records:
        raise ExportError("no steps to save")
    write = write_csv if suffix == ".csv" else write_json
    return write_atomic(path, lambda tmp: write(records, tmp))
