"""The attention panel shows exactly the record's scores, statuses and K/V sources."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QFontMetricsF

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.record import KVSource, Mode
from kvviz.core.run import Run
from kvviz.core.tokenizer import token_labels
from kvviz.gui.theme import DARK, ramp, rgb
from kvviz.gui.views import attention_image
from kvviz.gui.views.attention_image import SharedScoreLevels, attention_rgba, kv_source_rgba, score_levels, status_lut
from kvviz.gui.views.attention_panel import AttentionPanel, frame_size, mask_path
from kvviz.gui.widgets.axes import label_stride


@pytest.fixture(scope="module")
def engine():
    e = Run(Engine(ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=64), "Hello KV"))
    for _ in range(3):
        e.step_forward()
    return e


def _wait_fitted(qtbot, panel, n):
    """Wait until the panel's view has auto-ranged onto the n×n matrix."""
    qtbot.waitUntil(lambda: panel.view.viewRange()[1][1] >= n and panel.view.viewRange()[0][1] >= n)


def _shown_panel(qtbot, mode: Mode, record) -> AttentionPanel:
    """A 500×500 panel on screen showing ``record``, fitted to its whole matrix."""
    panel = AttentionPanel(mode, DARK)
    qtbot.addWidget(panel)
    panel.resize(500, 500)
    with qtbot.waitExposed(panel):
        panel.show()
    panel.set_record(record)
    _wait_fitted(qtbot, panel, record.n_tokens)
    return panel


def _colour(name: str, intensity: float) -> np.ndarray:
    return np.round(ramp(DARK, getattr(DARK, name), np.array([intensity], dtype=np.float32))[0] * 255)


def test_score_levels_span_the_unmasked_scores():
    scores = np.array([[1.0, np.nan, -np.inf], [3.0, 2.0, np.nan], [1.5, 2.5, 2.999]], dtype=np.float32)
    levels = score_levels(scores)
    assert levels.dtype == np.uint8
    np.testing.assert_array_equal(levels, [[0, 0, 0], [255, 128, 0], [64, 191, 255]])  # round(255·share)
    np.testing.assert_array_equal(score_levels(np.array([[5.0, np.nan]], dtype=np.float32)), [[255, 0]])
    np.testing.assert_array_equal(score_levels(np.full((2, 2), np.nan, dtype=np.float32)), np.zeros((2, 2)))


def test_score_levels_follow_the_scores_in_order():
    rng = np.random.default_rng(3)
    scores = rng.normal(size=(60, 60)).astype(np.float32)
    scores[np.triu_indices(60, 1)] = np.nan
    levels = score_levels(scores)
    finite = np.isfinite(scores)
    order = np.argsort(scores[finite])
    assert (np.diff(levels[finite][order].astype(int)) >= 0).all()
    lo, hi = np.nanmin(scores), np.nanmax(scores)
    np.testing.assert_allclose(levels[finite], (scores[finite] - lo) / (hi - lo) * 255, atol=0.5 + 1e-3)


def test_both_panels_share_one_computation_of_the_levels_and_never_a_stale_one(qtbot, engine, monkeypatch):
    shared = SharedScoreLevels()
    panels = [AttentionPanel(mode, DARK, levels=shared) for mode in Mode]
    calls: list[int] = []
    original = attention_image.score_levels
    monkeypatch.setattr(attention_image, "score_levels", lambda s: calls.append(1) or original(s))
    for panel in panels:
        qtbot.addWidget(panel)
        panel.set_record(engine.current)
    assert len(calls) == 1
    other = Run(Engine(engine.config, "Other words", model=engine.engine.model))  # another store at the same length
    while other.current.n_tokens < engine.current.n_tokens:
        other.step_forward()

    def assert_shown(record, layer, head):
        for panel in panels:
            expected = attention_rgba(record.cell_status(panel.mode), record.scores(layer, head), status_lut(DARK))
            np.testing.assert_array_equal(panel.image_rgba, expected)

    for panel in panels:  # the same store and length, another selection
        panel.set_selection(1, 2)
    assert_shown(engine.current, 1, 2)
    for panel in panels:  # the same store and selection, fewer tokens
        panel.set_record(engine.history[-2])
    assert_shown(engine.history[-2], 1, 2)
    for panel in panels:  # another store at the same length and selection
        panel.set_record(other.current)
    assert_shown(other.current, 1, 2)


@pytest.mark.parametrize("mode", list(Mode))
def test_panel_image_is_the_record_coloured(qtbot, engine, mode):
    record = engine.current
    panel = AttentionPanel(mode, DARK)
    qtbot.addWidget(panel)
    panel.set_selection(1, 3)
    panel.set_record(record)
    n = record.n_tokens
    expected = attention_rgba(record.cell_status(mode), record.scores(1, 3), status_lut(DARK))
    np.testing.assert_array_equal(panel.image_rgba, expected)
    np.testing.assert_array_equal(panel.image.image, expected)
    np.testing.assert_array_equal(panel.kv_rgba, kv_source_rgba(record.kv_source(mode), DARK))
    assert panel.query_axis.labels == token_labels(record.tokens)
    assert panel.key_axis.labels == token_labels(record.tokens)
    assert "layer 1 · head 3 · K/V head 1" in panel.title.text

    # spot checks: the hue a decode step's statuses must have, at the cell's share of the score range
    scores = record.scores(1, 3)
    lo, hi = np.nanmin(scores), np.nanmax(scores)
    earlier = "recomputed" if mode is Mode.UNCACHED else "skipped"
    for row, col, name in ((n - 1, 0, "computed"), (n - 1, n - 1, "computed"), (0, 0, earlier), (n - 2, 1, earlier)):
        expected_colour = _colour(name, (scores[row, col] - lo) / (hi - lo))
        np.testing.assert_allclose(panel.image_rgba[row, col, :3], expected_colour, atol=1)
    np.testing.assert_array_equal(panel.image_rgba[0, 1, :3], np.round(rgb(DARK.masked) * 255))
    strip = panel.kv_rgba[0, :, :3]
    if mode is Mode.CACHED:
        assert (strip[:-1] == np.round(rgb(DARK.kv_from_cache) * 255)).all()
        assert record.kv_source(mode)[-1] == KVSource.COMPUTED
    assert (strip[-1] == np.round(rgb(DARK.kv_computed) * 255)).all()


def test_mask_path_covers_exactly_the_cells_after_the_query():
    n = 7
    path = mask_path(n)
    for row in range(n):
        for col in range(n):
            assert path.contains(QPointF(col + 0.5, row + 0.5)) == (col > row)


def test_label_stride_keeps_labels_apart():
    assert label_stride(20, 14) == 1
    assert label_stride(5, 14) == 5
    assert label_stride(1, 14) == 20
    assert label_stride(0.1, 30) == 500


def test_axis_thins_labels_when_cells_are_small(qtbot):
    e = Run(Engine(ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=400), "x" * 300))
    panel = _shown_panel(qtbot, Mode.CACHED, e.current)
    axis = panel.query_axis
    (lo, hi) = panel.view.viewRange()[1]
    levels = axis.tickValues(lo, hi, axis.geometry().height())
    assert axis.stride > 1
    major = levels[0][1]
    pixels_apart = axis.geometry().height() / (hi - lo) * axis.stride
    assert pixels_apart >= QFontMetricsF(axis.style["tickFont"]).height()
    assert all(s.startswith(f"{int(v)} ") for v, s in zip(major, axis.tickStrings(major, 1, axis.stride), strict=True))


def test_hovering_a_cell_reports_it(qtbot, engine):
    record = engine.current
    panel = _shown_panel(qtbot, Mode.UNCACHED, record)
    row, col = record.n_tokens - 1, 2
    scene = panel.view.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    with qtbot.waitSignal(panel.cell_hovered) as blocker:
        qtbot.mouseMove(panel.graphics.viewport(), panel.graphics.mapFromScene(scene))
    assert blocker.args == [row, col]


def test_zooming_in_brings_back_every_label_and_fit_shows_all(qtbot):
    e = Run(Engine(ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=400), "y" * 300))
    panel = _shown_panel(qtbot, Mode.UNCACHED, e.current)
    axis = panel.query_axis

    def stride_now() -> int:
        lo, hi = panel.view.viewRange()[1]
        axis.tickValues(lo, hi, axis.geometry().height())
        return axis.stride

    assert stride_now() > 1
    panel.view.setRange(xRange=(100, 110), yRange=(100, 110), padding=0)  # what the wheel does
    qtbot.waitUntil(lambda: panel.view.viewRange()[1][1] - panel.view.viewRange()[1][0] < 20)
    assert stride_now() == 1
    panel.fit()
    _wait_fitted(qtbot, panel, 300)
    (x0, x1), (y0, y1) = panel.view.viewRange()
    assert x0 <= 0 and x1 >= 300 and y0 <= 0 and y1 >= 300


def test_the_frame_fits_small_matrices_exactly_and_grows_in_rare_steps():
    for n in range(1, 4097):
        frame = frame_size(n)
        assert n <= frame <= n + n // 16
        if n <= 32:
            assert frame == n
    changes = sum(frame_size(n) != frame_size(n - 1) for n in range(513, 1025))
    assert changes <= 512 // 32


def test_the_view_range_moves_only_when_the_frame_grows(qtbot):
    e = Run(Engine(ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=400), "z" * 90))
    panel = _shown_panel(qtbot, Mode.CACHED, e.current)
    ranges = {}
    for _ in range(60):
        record = e.step_forward()
        panel.set_record(record)
        n = record.n_tokens
        qtbot.waitUntil(lambda n=n: panel.view.viewRange()[1][1] >= frame_size(n))
        ranges.setdefault(frame_size(n), set()).add(tuple(map(tuple, panel.view.viewRange())))
    assert len(ranges) >= 3  # the frame grew while the run went on …
    assert all(len(seen) == 1 for seen in ranges.values())  # … and the range stood still in between


def test_token_axis_keeps_its_picture_only_while_the_ticks_it_draws_stay_the_same(qtbot):
    e = Run(Engine(ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=400), "w" * 250))
    panel = _shown_panel(qtbot, Mode.CACHED, e.current)
    axis = panel.query_axis
    (lo, hi) = panel.view.viewRange()[1]
    size = axis.geometry().height()

    def drawn() -> list[tuple[float, str]]:
        pairs = []
        for spacing, values in axis.tickValues(lo, hi, size):
            pairs += zip(values, axis.tickStrings(values, 1, spacing), strict=True)
        return pairs

    labels = token_labels(e.current.tokens)
    grown = [[*labels, *"abcdefghijklmnopqrstuvwxyz0123456789"[:k]] for k in range(37)]
    # steps forward append a label each, steps back take it off again
    for order in (grown, grown[::-1]):
        axis.set_labels(order[0])
        kept = redrawn = 0
        for labels in order[1:]:
            axis.picture = "drawn"  # what pyqtgraph caches once it has drawn the axis
            before = drawn()
            axis.set_labels(labels)
            if axis.picture == "drawn":
                kept += 1
                assert drawn() == before
            else:
                redrawn += 1
        axis.picture = None
        assert axis.stride > 1 and kept > 0 and redrawn > 0


def test_a_wide_pair_puts_layer_and_head_beside_the_mode_on_one_line_together(qtbot, engine):
    """The title names the layer and head on the mode's line when the panel is wide (the matrix gets that
    line's height), and the two panels of a pair take one line or two together, never one each."""
    record = engine.current
    panels = {mode: _shown_panel(qtbot, mode, record) for mode in Mode}

    def one_line_width(mode: Mode) -> float:
        """The fullest title's width, read off the panel showing it in a wide window."""
        panel = panels[mode]
        panel.resize(1400, 500)
        qtbot.waitUntil(lambda: "<br>" not in panel.title.text)
        return panel.title.item.boundingRect().width()

    wide = {mode: one_line_width(mode) for mode in Mode}
    assert wide[Mode.UNCACHED] > wide[Mode.CACHED] + 10  # "Without KV cache" is the longer name
    left, _, right, _ = panels[Mode.CACHED].graphics.ci.layout.getContentsMargins()
    # wide enough for the cached panel's one line, not for the uncached one's
    between = int(wide[Mode.CACHED] + left + right + 4)
    for panel in panels.values():
        panel.resize(between, 500)
    qtbot.waitUntil(lambda: all(panel.width() == between for panel in panels.values()))
    for mode, panel in panels.items():
        assert "<br>" in panel.title.text, mode  # both on two lines: the matrices keep one size
        assert panel.title.item.boundingRect().width() <= panel.title_room()
