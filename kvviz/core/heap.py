"""Giving freed memory back to the system, so that what the app holds is what it looks like it holds.

A long run's uncached pass allocates score matrices of n × n per head and frees them at the end
of the step. glibc keeps such freed pages for reuse (its threshold for returning them rises with
each large free), and more so in the worker thread's own arena: at 4,096 tokens the process
looked 590 MiB larger than it started while it held 280 MiB (``benchmarks/process_memory.py``).
``malloc_trim`` returns the free pages; it costs a few milliseconds on a large heap, so the worker
calls it off the GUI thread and at most every :data:`TRIM_INTERVAL_S`.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import time

#: Seconds between two trims while a computation runs on.
TRIM_INTERVAL_S = 1.0


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def trim_heap() -> bool:
    """Return the heap's free pages to the system (glibc's ``malloc_trim``); False where there is no glibc."""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


class HeapTrimmer:
    """Trims now and then: :meth:`maybe_trim` after each step trims when :data:`TRIM_INTERVAL_S` has passed."""

    def __init__(self, interval_s: float = TRIM_INTERVAL_S) -> None:
        self.interval_s = interval_s
        self._last = time.monotonic()

    def maybe_trim(self) -> bool:
        """Trim if the interval has passed since the last trim; whether it trimmed."""
        now = time.monotonic()
        if now - self._last < self.interval_s:
            return False
        self._last = now
        return trim_heap()
