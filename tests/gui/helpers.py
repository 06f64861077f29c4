"""Helpers for driving windows in tests, and the shared check that every view shows the records."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt

from kvviz.core.agreement import agreement_text
from kvviz.core.record import KVSource, Mode
from kvviz.gui.views.attention_image import attention_rgba, kv_source_rgba, status_lut
from kvviz.gui.views.readouts import memory_formula, status_fields
from kvviz.gui.views.series import step_series
from kvviz.gui.views.token_strip import ChipKind
from kvviz.units import format_bytes

if TYPE_CHECKING:
    from kvviz.gui.main_window import MainWindow


def shown(qtbot, window):
    """Show ``window`` as the active window, so its keyboard shortcuts work."""
    qtbot.addWidget(window)
    window.resize(1280, 800)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def press_step(qtbot, window, key=Qt.Key.Key_Space) -> None:
    """Press a Step key as a user does, then wait for the step to show (it may wait for the worker)."""
    qtbot.keyClick(window, key)
    qtbot.waitUntil(lambda: not window.controller.step_waiting, timeout=10_000)


def assert_views_show(window: MainWindow) -> None:
    """Every view displays the record at the controller's cursor."""
    c = window.controller
    record = c.current
    layer, head = window.layer_box.currentIndex(), window.head_box.currentIndex()
    theme = window.theme
    lut = status_lut(theme)
    for mode in Mode:
        panel = window.panels[f"attention_{mode.value}"]
        np.testing.assert_array_equal(
            panel.image.image, attention_rgba(record.cell_status(mode), record.scores(layer, head), lut)
        )
        np.testing.assert_array_equal(panel.kv_image.image, kv_source_rgba(record.kv_source(mode), theme))
        assert panel.query_axis.labels == record.text.token_labels(record.tokens)

    chips = window.panels["tokens"].chips
    assert [chip.token for chip in chips] == [*map(int, record.tokens), record.next_token]
    assert [chip.kind for chip in chips[: record.n_prompt]] == [ChipKind.PROMPT] * record.n_prompt
    assert all(chip.kind is ChipKind.GENERATED for chip in chips[record.n_prompt : -1])
    assert chips[-1].kind is ChipKind.NEXT
    assert [chip.position for chip in chips if chip.this_step] == list(
        range(record.n_tokens - record.new_rows, record.n_tokens)
    )

    fields = status_fields(record, len(c.history))
    for name, label in window.status_labels.items():
        assert label.text() == getattr(fields, name)
    assert window.status_labels["check"].text() == agreement_text(record)  # worded in core from the record

    legend = window.panels["legend"]
    assert ("outside the window" in legend.visible_entries()) == record.policy.evicts
    assert ("evicted from cache" in legend.visible_entries()) == record.policy.evicts

    cache = window.panels["kv_cache"]
    assert f"{record.cache_bytes_used:,} B" in cache.formula.text()
    assert memory_formula(record).product == record.cache_bytes_used
    evicted = record.kv_source(Mode.CACHED) == KVSource.EVICTED
    assert [p for a, b in cache.evicted_runs for p in range(a, b)] == list(np.flatnonzero(evicted))
    resident = record.policy.resident(record.n_tokens)
    assert [p for a, b in cache.resident_runs for p in range(a, b)] == list(resident)
    assert format_bytes(record.cache_bytes_used) in cache.header.text()
    assert format_bytes(record.cache_bytes_allocated) in cache.header.text()
    if record.policy.evicts:
        assert f"{len(resident)} positions resident, {int(evicted.sum())} evicted" in cache.header.text()

    series = step_series(c.history)
    flops = window.panels["plot_flops"]
    x, y = flops.curves["uncached"].getOriginalDataset()
    np.testing.assert_array_equal(x, series.steps)
    np.testing.assert_array_equal(y, [r.uncached.flops.total for r in c.history])
    _, y = flops.curves["cached"].getOriginalDataset()
    np.testing.assert_array_equal(y, [r.cached.flops.total for r in c.history])
    _, y = window.panels["plot_cumulative_flops"].curves["uncached"].getOriginalDataset()
    np.testing.assert_array_equal(y, np.cumsum([r.uncached.flops.total for r in c.history]))
    _, y = window.panels["plot_cache_bytes"].curves["used"].getOriginalDataset()
    np.testing.assert_array_equal(y, [r.cache_bytes_used for r in c.history])
    _, y = window.panels["plot_time"].curves["cached"].getOriginalDataset()
    np.testing.assert_array_equal(y, [r.cached.time_s for r in c.history])
    for name in ("plot_flops", "plot_cumulative_flops", "plot_cache_bytes", "plot_time"):
        assert window.panels[name].cursor.value() == record.step

    assert window.step_slider.value() == record.step
    assert window.step_slider.maximum() == len(c.history) - 1
