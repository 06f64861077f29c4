"""Giving freed memory back to the system, so that what the app holds is what it looks like it holds.

A long run's uncached pass allocates score matrices of n × n per head and frees them at the end
of the step. glibc keeps such freed pages for reuse (its threshold for returning them rises with
each large free), and more so in the worker thread's own arena: at 4,096 tokens the process
looked 590 MiB larger than it started while it held 280 MiB (``benchmarks/process_memory.py``).
``malloc_trim`` returns the free pages; it costs a few milliseconds on a large heap (11 ms at 4,096
tokens), so it runs when a step waits for a person: when playing stops, and once a step has been
shown for a while without another move (``kvviz.gui.idle_trim``). Never while steps
follow each other: the next steps reuse the pages, and taking them back costs page faults (a run to
the end took ~1.5 s longer with a trim every second; a trim after each single step made the next
one 2-4 ms slower to show at 512 tokens).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


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
