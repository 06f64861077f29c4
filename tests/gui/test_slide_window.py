"""The window in the slide theme on a 1280×720 projector, as `kvviz export --panel window --theme slide
--size 1280x720` draws it after 20 steps of the shipped model: both matrices at one scale, titles whole."""

from __future__ import annotations

import pytest

from kvviz.core.run import RunSpec, build_run
from kvviz.gui.export.offscreen import export_window
from kvviz.gui.theme import DARK, SLIDE, apply_to_application


@pytest.fixture
def slide_window(qapp):
    run = build_run(RunSpec())
    for _ in range(20):
        run.step_forward()
    apply_to_application(qapp, SLIDE)
    try:
        with export_window(run, SLIDE, 0, 0, size=(1280, 720)) as window:
            yield window
    finally:
        apply_to_application(qapp, DARK)


def cell_pixels(panel) -> tuple[float, float]:
    (x0, x1), (y0, y1) = panel.view.viewRange()
    return panel.view.width() / (x1 - x0), panel.view.height() / (y1 - y0)


def test_both_matrices_share_one_scale_and_whole_titles(slide_window):
    uncached, cached = slide_window.panels["attention_uncached"], slide_window.panels["attention_cached"]
    n = slide_window.controller.current.n_tokens
    (ux, uy), (cx, cy) = cell_pixels(uncached), cell_pixels(cached)
    assert abs(ux - cx) * n <= 1 and abs(uy - cy) * n <= 1, (ux, cx)  # the matrices' sides within a pixel
    assert uncached.query_axis.stride == cached.query_axis.stride  # hence ticked alike
    for panel in (uncached, cached):
        assert 0 < panel.title.item.boundingRect().width() <= panel.title_room(), panel.title.text
        assert panel.graphics.ci.width() <= panel.graphics.width()  # nothing drawn past the panel's edge


def test_a_narrower_panel_keeps_the_scale(qtbot, slide_window):
    """Dragging the splitter between the panels changes what the narrower one shows, not its cell size."""
    pair = slide_window.panels["attention_pair"]
    pair.setSizes([3 * pair.width() // 5, 2 * pair.width() // 5])
    qtbot.wait(50)
    uncached, cached = slide_window.panels["attention_uncached"], slide_window.panels["attention_cached"]
    assert uncached.width() - cached.width() > 100
    n = slide_window.controller.current.n_tokens
    (ux, uy), (cx, cy) = cell_pixels(uncached), cell_pixels(cached)
    assert abs(ux - cx) * n <= 1 and abs(uy - cy) * n <= 1, (ux, cx)
