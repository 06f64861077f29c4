"""A Q·Kᵀ picture with more cells than pixels shows one cell per pixel, chosen to keep what matters.

The reference here is built from the whole matrices a record gives (``scores``,
``cell_status``), bin by bin with plain loops, and compared with the pixels a panel shows.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.policy import CachePolicy
from kvviz.core.record import Mode
from kvviz.gui.theme import DARK
from kvviz.gui.views import attention_panel
from kvviz.gui.views.attention_image import sample_grid, score_levels, status_colours, status_lut
from kvviz.gui.views.attention_panel import AttentionPanel

N = 600  # tokens: far above a 64-pixel picture, equal to a 600-pixel one, below a 1,000-pixel one


@pytest.fixture(scope="module", params=[CachePolicy(), CachePolicy(kind="sink", window=96, sinks=4)], ids=str)
def record(request):
    config = ModelConfig(d_model=16, n_layers=1, n_heads=2, n_kv_heads=1, context_length=N + 8)
    engine = Engine(config, "KV " * ((N - 1) // 3) + "x" * ((N - 1) % 3), policy=request.param)
    engine.decode()  # a decode step: the newest row is the only one computed
    assert engine.newest.n_tokens == N
    return engine.newest


def reference_bins(n: int, pixels: int) -> list[tuple[int, int]]:
    """(first, end) of each pixel's bin: near-equal spans covering 0..n, one cell each when n ≤ pixels."""
    count = min(n, pixels)
    return [(k * n // count, (k + 1) * n // count) for k in range(count)]


@pytest.mark.parametrize("pixels", [64, N, 1000])
def test_grid_keeps_the_newest_row_the_first_keys_and_the_mask_edge(pixels):
    grid = sample_grid((0, N), (0, N), (pixels, pixels))
    bins = reference_bins(N, pixels)
    assert len(grid.rows) == len(grid.cols) == min(N, pixels)
    assert grid.exact == (pixels >= N)
    assert grid.rows[-1] == N - 1 and grid.cols[0] == 0
    for i, (r0, r1) in enumerate(bins):
        assert r0 <= grid.rows[i] < r1
        for j, (c0, c1) in enumerate(bins[:: max(1, len(bins) // 16)]):
            col = grid.cols[j * max(1, len(bins) // 16)]
            assert c0 <= col < c1
            every_cell_masked = all(c > r for r in range(r0, r1) for c in range(c0, c1))
            assert (col > grid.rows[i]) == every_cell_masked


def expected_pixels(record, mode: Mode, pixels: int) -> np.ndarray:
    """The picture from whole matrices: each bin's bottom-left cell, its status hue at its score level."""
    bins = reference_bins(record.n_tokens, pixels)
    rows = [end - 1 for _, end in bins]
    cols = [first for first, _ in bins]
    scores = record.scores(0, 1)[np.ix_(rows, cols)]
    status = record.cell_status(mode)[np.ix_(rows, cols)]
    return status_colours(status, score_levels(scores), status_lut(DARK))


@pytest.mark.parametrize("mode", list(Mode))
@pytest.mark.parametrize("pixels", [64, N, 1000])
def test_panel_pixels_equal_a_reference_from_the_record(qtbot, monkeypatch, record, mode, pixels):
    monkeypatch.setattr(attention_panel, "UNMEASURED_PX", pixels)  # a panel not on screen assumes this many
    panel = AttentionPanel(mode, DARK)
    qtbot.addWidget(panel)
    panel.set_selection(0, 1)
    panel.set_record(record)
    expected = expected_pixels(record, mode, pixels)
    np.testing.assert_array_equal(panel.image_rgba, expected)
    np.testing.assert_array_equal(panel.image.image, expected)
    assert panel.image.mapRectToParent(panel.image.boundingRect()) == QRectF(0, 0, N, N)
    assert panel.grid.rows[-1] == N - 1 and panel.grid.cols[0] == 0  # the newest row, the first keys (sinks)


def test_zooming_in_draws_the_region_in_view_cell_for_cell(qtbot, record):
    panel = AttentionPanel(Mode.CACHED, DARK)
    qtbot.addWidget(panel)
    panel.resize(400, 400)
    with qtbot.waitExposed(panel):
        panel.show()
    panel.set_record(record)
    qtbot.waitUntil(lambda: panel.view.viewRange()[1][1] >= N)
    qtbot.waitUntil(lambda: not panel.grid.exact, timeout=3000)  # 600 cells on fewer pixels, once laid out
    panel.view.setRange(xRange=(500, 540), yRange=(560, 600), padding=0)  # the user zooms onto the newest rows
    qtbot.waitUntil(lambda: panel.grid.exact and panel.grid.bottom == N, timeout=3000)
    rows, cols = np.arange(panel.grid.top, N), np.arange(panel.grid.left, panel.grid.right)
    expected = status_colours(
        record.cell_status(Mode.CACHED)[np.ix_(rows, cols)],
        score_levels(record.scores(0, 0)[np.ix_(rows, cols)]),
        status_lut(DARK),
    )
    np.testing.assert_array_equal(panel.image_rgba, expected)
    assert panel.grid.left <= 500 and panel.grid.right >= 540 and panel.grid.top <= 560
