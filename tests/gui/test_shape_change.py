"""Before and after a change of shape, and GQA's head sharing, as the window shows them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt

from kvviz.core.head_sharing import head_groups
from kvviz.gui.views.head_sharing import GROUP_COLOURS
from kvviz.gui.views.plots import plot_series
from kvviz.gui.views.series import step_series
from tests.gui.colour_vision import delta_e
from tests.gui.helpers import assert_views_show, press_step


def apply_config(window, **changes) -> None:
    session = window.session
    assert session.apply(replace(session.spec, config=session.spec.config.replace(**changes)))


def test_the_run_before_a_change_stays_as_a_faded_reference(qtbot, window):
    for _ in range(3):
        press_step(qtbot, window)
    before = window.controller.history
    apply_config(window, n_layers=4, n_kv_heads=1, dtype="float16")  # doubles layers, halves kv-heads and bytes
    plots, cache = window.panels["plots"], window.panels["kv_cache"]
    expected = plot_series(before, step_series(before))
    for name, curves in expected.items():
        for key, (x, y) in curves.items():
            shown_x, shown_y = plots.plots[name].reference[key].getData()
            np.testing.assert_array_equal(shown_x, x)
            np.testing.assert_array_equal(shown_y, y)
    assert "before: 2 layers · 2 K/V heads · float32" in plots.key.text()
    for _ in range(2):
        press_step(qtbot, window)
    now = window.controller.current
    then = next(r for r in before if r.n_tokens == now.n_tokens)  # the same prompt: the same count at each step
    lines = cache.change.text().splitlines()
    assert f"{then.cache_bytes_used:,} B" in lines[0] and f"now {now.cache_bytes_used:,} B" in lines[0]
    assert then.cache_bytes_used == 2 * now.cache_bytes_used
    assert lines[1] == "× 0.5 = layers × 2 · kv-heads ÷ 2 · bytes ÷ 2"
    assert_views_show(window)

    qtbot.mouseClick(cache.change.clear, Qt.MouseButton.LeftButton)
    assert cache.change.text() == "" and cache.change.isHidden()
    for plot in plots.plots.values():
        assert all(curve.getData()[0] is None or len(curve.getData()[0]) == 0 for curve in plot.reference.values())
    assert "before:" not in plots.key.text() and plots.clear_reference.isHidden()


def test_a_new_prompt_keeps_the_reference_and_takes_none(qtbot, window):
    session = window.session
    assert session.apply(replace(session.spec, prompt="another prompt"))
    assert session.reference is None and window.panels["kv_cache"].change.isHidden()
    apply_config(window, n_kv_heads=4)
    assert session.apply(replace(session.spec, prompt="a third prompt"))
    assert "× 2 = kv-heads × 2" in window.panels["kv_cache"].change.text()


@pytest.mark.parametrize(("n_kv_heads", "kind"), [(4, "MHA"), (2, "GQA"), (1, "MQA")])
def test_the_head_sharing_diagram_groups_the_heads_by_the_kv_head_they_read(qtbot, window, n_kv_heads, kind):
    apply_config(window, n_kv_heads=n_kv_heads)
    group = 4 // n_kv_heads
    diagram = window.panels["kv_cache"].heads
    assert diagram.groups == tuple(tuple(range(k * group, (k + 1) * group)) for k in range(n_kv_heads))
    assert diagram.groups == head_groups(4, n_kv_heads)
    assert diagram.caption().startswith(kind)
    labels = [window.head_box.itemText(i) for i in range(window.head_box.count())]
    assert labels == [f"head {h} · K/V {h // group}" for h in range(4)]

    window.layer_box.setCurrentIndex(1)
    qtbot.mouseClick(diagram, Qt.MouseButton.LeftButton, pos=diagram.head_rect(3).center().toPoint())
    assert (window.selection.layer, window.selection.head) == (1, 3)
    assert window.head_box.currentIndex() == 3 and diagram.selected == 3
    assert "head 3 reads K/V" in diagram.caption()

    cache, record = window.panels["kv_cache"], window.controller.current
    kv = 3 // group
    (k_top, k_bottom), (v_top, v_bottom) = cache.kv_highlight.rows
    head_dim = record.config.dim_head
    assert cache.layout_info.dim_stride == 1 and k_bottom - k_top == head_dim
    np.testing.assert_array_equal(cache.values[int(k_top) : int(k_bottom)], record.keys(1)[kv].T)
    np.testing.assert_array_equal(cache.values[int(v_top) : int(v_bottom)], record.values(1)[kv].T)
    assert_views_show(window)


def test_neighbouring_groups_differ_in_colour_for_common_colour_vision_deficiencies():
    def rgb(colour: str) -> np.ndarray:
        return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])

    neighbours = list(zip(GROUP_COLOURS, GROUP_COLOURS[1:] + GROUP_COLOURS[:1], strict=True))  # cycling past 7
    for vision in ("normal", "deuteranopia", "protanopia"):
        assert min(delta_e(rgb(a), rgb(b), vision) for a, b in neighbours) > 40, vision
