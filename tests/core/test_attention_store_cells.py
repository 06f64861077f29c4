"""The store's cells for a view's grid are the matrix's cells, whichever way they are read: the whole
square (a pixel per cell) and sampled rows and columns across blocks alike."""

from __future__ import annotations

import numpy as np
import pytest

from kvviz.core.attention_store import BLOCK_ROWS
from kvviz.core.config import ModelConfig
from kvviz.core.run import RunSpec, build_run


@pytest.fixture(scope="module")
def record():
    n = BLOCK_ROWS + 40  # rows in two blocks
    config = ModelConfig(n_layers=2, n_heads=2, n_kv_heads=1, d_model=32, context_length=n + 8)
    run = build_run(RunSpec(config=config, weights="random", prompt="k" * (n - 4), max_new_tokens=8))
    for _ in range(4):
        run.step_forward()
    return run.current


@pytest.mark.parametrize("kind", ["scores", "weights"])
@pytest.mark.parametrize(
    "grid",
    [
        lambda n: (np.arange(n), np.arange(n)),  # the whole square
        lambda n: (np.arange(n - 1), np.arange(n - 1)),  # a square of the first rows
        lambda n: (np.arange(3, n, 7), np.arange(0, n, 5)),  # sampled, across both blocks
        lambda n: (np.arange(n), np.arange(0, n, 2)),  # every row, every other column
    ],
    ids=["whole", "first-rows", "sampled", "half-columns"],
)
def test_cells_are_the_matrix_cells(record, kind, grid):
    n = record.n_tokens
    rows, cols = grid(n)
    full = record.store.matrix(kind, 1, 1, n)
    got = record.store.cells(kind, 1, 1, rows, cols)
    assert got.shape == (len(rows), len(cols)) and not got.flags.writeable
    np.testing.assert_array_equal(got, full[np.ix_(rows, cols)])  # NaN where masked, in the same cells


@pytest.mark.parametrize("kind", ["keys", "values"])
@pytest.mark.parametrize(
    "positions",
    [
        lambda n: np.arange(n),
        lambda n: np.arange(n - 3),
        lambda n: np.arange(1, n, 3),
        lambda n: np.array([n - 1, 0, 70]),
    ],
    ids=["all", "first", "sampled", "unordered"],
)
def test_kv_at_reads_the_positions_asked_for(record, kind, positions):
    n = record.n_tokens
    wanted = positions(n)
    whole = record.store.kv(kind, 1, n)
    got = record.store.kv_at(kind, 1, wanted)
    assert got.dtype == np.float32 and not got.flags.writeable
    np.testing.assert_array_equal(got, whole[:, wanted])
