"""The token strip scrolls by whole lines, at once, with the newest token in view: on the desktop, on the
presentation page and in every frame of an exported animation (no chip cut in half between two lines).

Checked after only the posted events have run, as an export draws its frames (no timers, no repaint).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from kvviz.core.config import ModelConfig
from kvviz.core.run import RunSpec, build_run
from kvviz.gui.theme import DARK, THEMES
from kvviz.gui.views.presentation import PresentationView
from kvviz.gui.views.token_strip import TokenStrip

#: Steps looked at: the prefill, a wrap onto a new line and several lines further.
STEPS = range(0, 41, 3)


@pytest.fixture(scope="module")
def run():
    config = ModelConfig(n_layers=1, n_heads=2, n_kv_heads=2, d_model=32, context_length=128)
    spec = RunSpec(config=config, weights="random", prompt="The KV cache stores keys and values.", max_new_tokens=48)
    run = build_run(spec)
    for _ in range(max(STEPS)):
        run.step_forward()
    return run


def assert_whole_lines_with_the_newest_in_view(strip: TokenStrip) -> None:
    canvas, offset = strip.canvas, strip.scroll.verticalScrollBar().value()
    pitch, height = canvas.pitch(), strip.scroll.viewport().height()
    assert offset % pitch == 0 and height % pitch == 0, (offset, height, pitch)
    newest = canvas.rects[-1]  # the next token's chip, after the ones processed this step
    assert offset <= newest.top() and newest.bottom() <= offset + height, (offset, height, newest)


@pytest.mark.parametrize("width", [260, 420, 600])
def test_the_desktop_strip_scrolls_by_whole_lines_to_the_newest(qtbot, run, width):
    strip = TokenStrip(DARK)
    qtbot.addWidget(strip)
    strip.resize(width, 200)
    strip.show()
    lines = set()
    for step in STEPS:
        strip.set_record(run.history[step])
        QCoreApplication.sendPostedEvents()
        assert_whole_lines_with_the_newest_in_view(strip)
        lines.add(strip.canvas.line_of(len(strip.canvas.rects) - 1))
    assert len(lines) > 2  # the run wrapped onto several lines, so the strip scrolled
    bar = strip.scroll.verticalScrollBar()
    bar.setValue(bar.maximum() - strip.canvas.pitch() // 3)  # dragged part of the way up
    assert bar.value() % strip.canvas.pitch() == 0


@pytest.mark.parametrize(("theme", "size"), [("dark", (1024, 768)), ("slide", (1920, 1080))])
def test_the_presentation_strip_shows_one_whole_line_with_the_newest(qtbot, run, theme, size):
    page = PresentationView(THEMES[theme])
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    for step in STEPS:
        page.set_record(run.history[step])
        QCoreApplication.sendPostedEvents()
        assert_whole_lines_with_the_newest_in_view(page.tokens)
        assert page.tokens.scroll.viewport().height() == page.tokens.canvas.pitch()  # one line
        assert_the_line_is_full(page.tokens)


def assert_the_line_is_full(strip: TokenStrip) -> None:
    """The line holds the newest chips and as many older ones as fit: the one before the first shown would not."""
    canvas = strip.canvas
    first = canvas.first_in_view()
    shown = canvas.rects[first:]
    assert all(rect.top() == 0 for rect in shown)
    assert shown[-1].right() <= canvas.width()
    if first:
        older = max(canvas._chip_width(canvas.run.texts[first - 1]) + 2 * canvas.PAD, canvas.line_height())
        assert shown[-1].right() + canvas.GAP + older > canvas.width(), (first, shown[-1].right(), canvas.width())


def test_every_frame_of_a_presentation_animation_shows_whole_lines(qtbot, run):
    from kvviz.gui.export.animation import frames
    from kvviz.gui.export.offscreen import export_window, show_panel
    from kvviz.gui.export.picture import PictureSize

    steps = range(0, max(STEPS) + 1)
    with export_window(run.snapshot(), THEMES["slide"], 0, 0, size=(1280, 720)) as window:
        show_panel(window, "presentation")
        page = window.panels["presentation"]
        oldest_shown = set()
        for _ in frames(window, "presentation", steps, PictureSize(fixed=(1280, 720))):
            assert_whole_lines_with_the_newest_in_view(page.tokens)  # as the frame was drawn
            oldest_shown.add(page.tokens.canvas.first_in_view())
    assert len(oldest_shown) > 1  # the line moved on with the run during the animation
