"""The benchmarks' view of this process's memory: resident bytes now, and a way to tell held
memory from memory the allocator merely keeps for reuse."""

from __future__ import annotations

import ctypes
import ctypes.util
import resource


def rss_bytes() -> int:
    """Current resident set size, from /proc (ru_maxrss would only give the peak)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def trim_heap() -> bool:
    """Give freed heap pages back to the system (glibc's malloc_trim); False where there is no glibc.

    What stays resident afterwards is memory something still holds.
    """
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name) if name else None
    if libc is None or not hasattr(libc, "malloc_trim"):
        return False
    libc.malloc_trim(0)
    return True
