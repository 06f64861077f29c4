"""Human-readable units for FLOPs, bytes and seconds, shared by the CLI and the GUI."""

from __future__ import annotations

import unicodedata


def _scaled(value: float, base: float, units: tuple[str, ...]) -> str:
    magnitude = 0
    while abs(value) >= base and magnitude < len(units) - 1:
        value /= base
        magnitude += 1
    if magnitude == 0:
        return f"{value:.0f} {units[0]}"
    return f"{value:.3g} {units[magnitude]}"


def format_flops(flops: float) -> str:
    """FLOPs in decimal units: 1 MFLOP = 10⁶ FLOP."""
    return _scaled(flops, 1000.0, ("FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP"))


def format_bytes(n: float) -> str:
    """Bytes in binary units: 1 KiB = 1024 B."""
    return _scaled(n, 1024.0, ("B", "KiB", "MiB", "GiB", "TiB", "PiB"))


def format_seconds(s: float) -> str:
    if s < 1e-3:
        return f"{s * 1e6:.0f} µs"
    if s < 1:
        return f"{s * 1e3:.2f} ms"
    return f"{s:.2f} s"


def columns(text: str) -> int:
    """Terminal columns ``text`` takes: a Chinese character (or full-width punctuation) takes two."""
    return len(text) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def pad(text: str, width: int, left: bool = True) -> str:
    """``text`` padded to ``width`` terminal columns, for aligned text tables."""
    extra = columns(text) - len(text)
    return text.ljust(width - extra) if left else text.rjust(width - extra)
