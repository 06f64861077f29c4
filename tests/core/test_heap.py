"""Freed heap goes back to the system when a step waits for a person (issue 18 item 3); the effect is
measured by ``benchmarks/process_memory.py`` (593 → 312 MiB at 4,096 tokens), here when it happens."""

from __future__ import annotations

import platform

import pytest

from kvviz.core import heap


def test_trim_heap_works_where_glibc_is():
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    assert heap.trim_heap()
