"""The KV cache view of a long run draws one column per pixel, chosen to keep what matters visible.

The reference here is built from the record's whole K/V buffers (``keys``, ``values``) and its
per-position K/V sources, bin by bin with plain loops, and compared with what the view draws.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.policy import CachePolicy
from kvviz.core.record import KVSource, Mode
from kvviz.gui.theme import DARK
from kvviz.gui.views import cache_view
from kvviz.gui.views.cache_view import KVCacheView, band_layout

N = 600  # positions: far above a 64-column picture, equal to a 600-column one, below a 1,000-column one


@pytest.fixture(scope="module", params=[CachePolicy(), CachePolicy(kind="sink", window=96, sinks=4)], ids=str)
def record(request):
    # 2 K/V heads × 24 dims = 48 rows a band: every other dimension is shown
    config = ModelConfig(d_model=48, n_layers=2, n_heads=2, n_kv_heads=2, context_length=N + 8)
    engine = Engine(config, "KV " * ((N - 1) // 3) + "x" * ((N - 1) % 3), policy=request.param)
    engine.decode()
    assert engine.newest.n_tokens == N
    return engine.newest


def reference(record, pixels: int) -> tuple[np.ndarray, list[bool], list[tuple[int, int]]]:
    """The picture's values, whether each column is drawn evicted, and each column's bin."""
    n = record.n_tokens
    band = band_layout(record)
    evicted = record.kv_source(Mode.CACHED) == KVSource.EVICTED
    count = min(n, pixels)
    bins = [(k * n // count, (k + 1) * n // count) for k in range(count)]
    shown, gone = [], []
    for first, end in bins:
        resident = [p for p in range(first, end) if not evicted[p]]
        shown.append(resident[-1] if resident else end - 1)  # the newest resident position, else the newest
        gone.append(not resident)
    values = np.full((band.total_rows, count), np.nan, dtype=np.float32)
    for layer in range(record.config.n_layers):
        for which, kv in enumerate((record.keys(layer), record.values(layer))):
            top = band.band_top(layer, which)
            for column, position in enumerate(shown):
                dims = [kv[h, position, d] for h in range(kv.shape[0]) for d in range(kv.shape[2])]
                rows = dims[:: band.dim_stride]
                values[top : top + len(rows), column] = rows
    return values, gone, bins


@pytest.mark.parametrize("pixels", [64, N, 1000])
def test_cache_view_columns_equal_a_reference_from_the_record(qtbot, monkeypatch, record, pixels):
    monkeypatch.setattr(cache_view, "UNMEASURED_COLUMNS", pixels)  # a view not on screen assumes this many
    view = KVCacheView(DARK)
    qtbot.addWidget(view)
    view.set_record(record)
    values, gone, bins = reference(record, pixels)
    np.testing.assert_array_equal(view.values, values)
    np.testing.assert_array_equal(view.image.image, values)
    assert view.image.mapRectToParent(view.image.boundingRect()) == QRectF(0, 0, N, band_layout(record).total_rows)
    assert view.columns.exact == (pixels >= N)
    assert view.columns.positions[-1] == N - 1  # the entry appended this step is shown
    finite = values[np.isfinite(values)]
    assert view.image.levels.tolist() == [-np.abs(finite).max(), np.abs(finite).max()]
    # the evicted colour covers exactly the columns whose whole bin was evicted, in every band
    band = band_layout(record)
    path = view.evicted.path()
    for top in (band.band_top(layer, which) for layer in range(record.config.n_layers) for which in (0, 1)):
        drawn = [path.contains(QPointF((first + end) / 2, top + band.band_rows / 2)) for first, end in bins]
        assert drawn == gone
    if record.policy.evicts:
        assert any(gone) and not gone[0]  # the sinks stay visible beside the evicted span


def test_zooming_in_draws_the_positions_in_view_one_by_one(qtbot, record):
    view = KVCacheView(DARK)
    qtbot.addWidget(view)
    view.resize(300, 300)
    with qtbot.waitExposed(view):
        view.show()
    view.set_record(record)
    qtbot.waitUntil(lambda: not view.columns.exact, timeout=3000)  # 608 positions framed on fewer pixels
    view.plot.setXRange(560, 600, padding=0)  # the user zooms onto the newest positions
    qtbot.waitUntil(lambda: view.columns.exact and view.columns.edges[-1] == N, timeout=3000)
    positions = view.columns.positions
    assert positions[0] <= 560 and list(positions) == list(range(positions[0], N))
    values, _, _ = reference(record, N)
    np.testing.assert_array_equal(view.values, values[:, positions[0] :])
