"""Freed heap goes back to the system now and then (issue 18 item 3); the effect is measured by
``benchmarks/process_memory.py`` (590 → 312 MiB at 4,096 tokens), here the schedule."""

from __future__ import annotations

import platform

import pytest

from kvviz.core import heap


def test_trim_heap_works_where_glibc_is():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    assert heap.trim_heap()


def test_the_trimmer_trims_once_per_interval(monkeypatch):
    calls = []
    monkeypatch.setattr(heap, "trim_heap", lambda: calls.append(1) or True)
    clock = iter([0.0, 0.5, 1.2, 1.3, 2.4])
    monkeypatch.setattr(heap.time, "monotonic", lambda: next(clock))
    trimmer = heap.HeapTrimmer(interval_s=1.0)  # made at 0.0
    assert [trimmer.maybe_trim() for _ in range(4)] == [False, True, False, True]
    assert len(calls) == 2
