"""A theme switch restyles the window in place: the same window, layout, run and choices, in the new colours.

The oracle for "in the new colours" is a window built in that theme from the start: after
a switch each panel must hold none of the old theme's own colours beyond what such a
window holds, and most panels draw pixel for pixel what it draws.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMainWindow

from kvviz.core.record import CellStatus, KVSource, Mode
from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import DARK, SLIDE, THEMES, Theme, apply_to_application, rgb
from kvviz.gui.views.attention_image import grid_levels, status_colours, status_lut
from kvviz.memory import PRESET_IDS
from tests.gui.colour_vision import delta_e
from tests.gui.helpers import shown

#: Panels checked after a switch, and the dock each sits in (raised before it is looked at).
PANELS = {
    "attention_uncached": None,
    "attention_cached": None,
    "legend": None,
    "inspector": None,
    "tokens": None,
    "kv_cache": "kv_cache",
    "plot_flops": "plots",
    "plot_cache_bytes": "plots",
    "paged": "paged",
    "memory": "memory",
    "help": "help",
    "controls": "controls",
}
#: Panels whose layout a switch leaves exactly as a window built in the theme lays it out.
SAME_PIXELS = ("attention_uncached", "attention_cached", "legend", "inspector", "tokens", "plot_flops", "controls")
#: Theme fields drawn as flat colours: where the two themes differ, a pixel of the old one is a leftover.
FLAT_FIELDS = (
    "window",
    "panel",
    "text",
    "muted_text",
    "axis",
    "masked",
    "masked_hatch",
    "cache_empty",
    "prompt_token",
    "generated_token",
    "cache_allocated_line",
    "error_text",
)
VISIONS = ("normal", "deuteranopia", "protanopia")


def pixels(image: QImage) -> np.ndarray:
    rgb888 = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb888.constBits(), dtype=np.uint8).reshape(rgb888.height(), rgb888.bytesPerLine())
    return rows[:, : 3 * rgb888.width()].reshape(rgb888.height(), rgb888.width(), 3).copy()


def own_colours(theme: Theme, other: Theme) -> dict[str, np.ndarray]:
    """``theme``'s flat colours that ``other`` does not share, as uint8 RGB."""
    return {
        f: np.round(rgb(getattr(theme, f)) * 255).astype(np.uint8)
        for f in FLAT_FIELDS
        if getattr(theme, f) != getattr(other, f)
    }


def count(image: np.ndarray, colours: dict[str, np.ndarray]) -> dict[str, int]:
    return {name: int(np.all(image == c, axis=2).sum()) for name, c in colours.items()}


def settle(qtbot, window: MainWindow) -> None:
    """Let posted layout and paint events run (Qt lays out after a font change in several passes)."""
    for _ in range(4):
        QApplication.processEvents()
    qtbot.wait(20)


def grab(qtbot, window: MainWindow, name: str) -> np.ndarray:
    dock = PANELS[name]
    if dock is not None:
        window.workspace.docks[dock].raise_()
    settle(qtbot, window)
    return pixels(window.panels[name].grab().toImage())


def busy(window: MainWindow) -> MainWindow:
    """A window in use: steps taken, a step chosen, a head selected, a zoom, choices in the explorers."""
    c = window.controller
    for _ in range(5):
        assert c.step_forward()
    c.go_to(3)
    window.selection.select(1, 2)
    window.workspace.uncached.view.setRange(xRange=(1, 6), yRange=(2, 7), padding=0)
    memory = window.workspace.memory
    memory.model_box.setCurrentIndex(PRESET_IDS.index("llama-3-8b"))
    memory.context_box.setValue(8192)
    memory.batch_box.setValue(4)
    memory.gpu_box.setCurrentIndex(1)
    memory.serving.tp_box.setValue(2)
    memory.show_page(1)
    window.workspace.paged.set_lengths([9, 4])
    window.workspace.controls.prompt.setPlainText("an edit not applied yet")
    return window


def state(window: MainWindow) -> dict:
    """Everything a switch must keep."""
    ws, memory = window.workspace, window.workspace.memory
    return {
        "geometry": window.geometry().getRect(),
        "docks": {
            key: (
                window.dockWidgetArea(dock),
                sorted(d.objectName() for d in window.tabifiedDockWidgets(dock)),
                dock.isVisible(),
                dock.isFloating(),
                dock.visibleRegion().isEmpty(),  # behind another tab
            )
            for key, dock in ws.docks.items()
        },
        "step": window.controller.current.step,
        "steps": len(window.controller.history),
        "run": window.controller.run,
        "selection": (window.selection.layer, window.selection.head),
        "boxes": (window.layer_box.currentIndex(), window.head_box.currentIndex()),
        "memory": (
            memory.spec.id,
            memory.context_box.value(),
            memory.batch_box.value(),
            memory.gpu_name,
            memory.dtype_box.currentText(),
            memory.serving.tp_box.value(),
            memory.pages.currentIndex(),
        ),
        "paged": (ws.paged.lengths.text(), ws.paged.follow.isChecked()),
        "prompt": ws.controls.prompt.toPlainText(),
    }


def dock_sizes(window: MainWindow) -> dict[str, tuple[int, int]]:
    """Sizes of the docks in front (one behind another's tab keeps a size nobody sees)."""
    docks = window.workspace.docks.items()
    return {key: (d.width(), d.height()) for key, d in docks if d.isVisible() and not d.visibleRegion().isEmpty()}


def assert_matrices_drawn(window: MainWindow) -> None:
    """Both panels show the cells in view of the record at the cursor, in the window's theme."""
    record, lut = window.controller.current, status_lut(window.theme)
    layer, head = window.selection.layer, window.selection.head
    for mode in Mode:
        panel = window.panels[f"attention_{mode.value}"]
        grid = panel.grid
        status = record.cell_status(mode, grid.rows, grid.cols)
        expected = status_colours(status, grid_levels(record, layer, head, grid), lut)
        np.testing.assert_array_equal(panel.image.image, expected)


@pytest.fixture
def themed_window(qtbot, small_settings):
    """A shown window built in the theme asked for (``request.param``), the application themed to match."""

    def build(theme: Theme) -> MainWindow:
        apply_to_application(QApplication.instance(), theme)
        window = shown(qtbot, MainWindow(small_settings, theme=theme))
        settle(qtbot, window)
        return window

    yield build
    apply_to_application(QApplication.instance(), DARK)  # the next test's windows are built in the dark theme


@pytest.mark.parametrize("first", ["dark", "slide"])
def test_a_switch_keeps_the_window_and_all_it_shows(qtbot, themed_window, first):
    window = busy(themed_window(THEMES[first]))
    settle(qtbot, window)
    before = state(window)
    sizes = dock_sizes(window)  # a theme's type may move them; the way back restores them
    zoom = window.workspace.uncached.view.viewRange()
    other = "slide" if first == "dark" else "dark"
    for name in (other, first):
        window.set_theme(name)
        settle(qtbot, window)
        assert window.theme is THEMES[name] and window.actions.themes()[name].isChecked()
        assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)] == [window]  # none built
        assert state(window) == before
        assert_matrices_drawn(window)  # the step, selection and zoom shown, in this theme's colours
    for key, (width, height) in dock_sizes(window).items():  # the splitters share out room in whole pixels
        assert abs(width - sizes[key][0]) <= 1 and abs(height - sizes[key][1]) <= 1, key
    np.testing.assert_allclose(window.workspace.uncached.view.viewRange(), zoom, atol=1e-6)
    assert window.settings.get("view/theme") == first


@pytest.mark.parametrize(("first", "second"), [("dark", "slide"), ("slide", "dark")])
def test_every_panel_is_drawn_in_the_new_theme_as_a_window_built_in_it(qtbot, themed_window, first, second):
    new, old = THEMES[second], THEMES[first]
    reference = themed_window(new)
    for _ in range(5):
        reference.controller.step_forward()
    expected = {name: grab(qtbot, reference, name) for name in PANELS}
    reference.close()

    window = themed_window(old)
    for _ in range(5):
        window.controller.step_forward()
    window.set_theme(second)
    settle(qtbot, window)
    leftovers, theirs = own_colours(old, new), own_colours(new, old)
    for name in PANELS:
        drawn = grab(qtbot, window, name)
        left = count(drawn, leftovers)
        allowed = count(expected[name], leftovers)  # e.g. the help page's dark code spans: not the theme's doing
        assert all(left[f] <= allowed[f] + 2 for f in left), (name, left, allowed)
        assert sum(count(drawn, theirs).values()) > 0.2 * drawn.shape[0] * drawn.shape[1], name
        if name in SAME_PIXELS:
            assert drawn.shape == expected[name].shape, name
            assert np.all(drawn == expected[name]), name


@pytest.mark.parametrize("second", ["slide", "dark"])
def test_presentation_mode_and_the_frame_follow_a_switch(qtbot, themed_window, second):
    first = "dark" if second == "slide" else "slide"
    window = themed_window(THEMES[first])
    window.controller.step_forward()
    window.set_theme(second)
    window.actions.presentation.setChecked(True)
    settle(qtbot, window)
    page = pixels(window.workspace.presentation.grab().toImage())
    left = count(page, own_colours(THEMES[first], THEMES[second]))
    assert sum(left.values()) == 0, left
    view = window.workspace.presentation
    assert view.theme.panel == THEMES[second].panel
    assert view.uncached.graphics.backgroundBrush().color() == QColor(THEMES[second].panel)
    window.actions.presentation.setChecked(False)
    settle(qtbot, window)
    bar = pixels(window.statusBar().grab().toImage())
    assert np.all(bar[2, 2] == np.round(rgb(THEMES[second].window) * 255))  # the status bar's ground
    assert window.palette().color(window.palette().ColorRole.Window) == QColor(THEMES[second].window)


@pytest.mark.parametrize("second", ["slide", "dark"])
def test_colour_blind_safe_choices_hold_after_a_switch(qtbot, themed_window, second):
    """The colours the views draw after a switch, not the theme's table: told apart in three visions."""
    first = "dark" if second == "slide" else "slide"
    window = themed_window(THEMES[first])
    for _ in range(3):
        window.controller.step_forward()
    window.set_theme(second)
    settle(qtbot, window)
    record = window.controller.current
    panels = {mode: window.panels[f"attention_{mode.value}"] for mode in Mode}
    for panel in panels.values():
        np.testing.assert_array_equal(panel._lut, status_lut(THEMES[second]))

    def drawn(mode: Mode, status: CellStatus) -> np.ndarray:
        cells = panels[mode].image.image[record.cell_status(mode) == status][:, :3]
        assert len(cells), (mode, status)
        return np.unique(cells, axis=0) / 255.0

    def strip(mode: Mode, source: KVSource) -> np.ndarray:
        return np.unique(panels[mode].kv_image.image[0][record.kv_source(mode) == source][:, :3], axis=0) / 255.0

    pairs = [
        (drawn(Mode.UNCACHED, CellStatus.COMPUTED), drawn(Mode.UNCACHED, CellStatus.RECOMPUTED)),
        (drawn(Mode.CACHED, CellStatus.COMPUTED), drawn(Mode.CACHED, CellStatus.SKIPPED)),
        (strip(Mode.CACHED, KVSource.COMPUTED), strip(Mode.CACHED, KVSource.FROM_CACHE)),
    ]
    plots = window.workspace.plots.flops.curves
    lines = [np.array([c.opts["pen"].color().getRgbF()[:3]]) for c in (plots["uncached"], plots["cached"])]
    pairs.append((lines[0], lines[1]))
    assert lines[1][0] == pytest.approx(rgb(THEMES[second].cached_line), abs=1 / 255)
    for vision, (a, b) in itertools.product(VISIONS, pairs):
        distances = delta_e(a[:, None, :], b[None, :, :], vision)
        assert distances.min() > 15, (vision, distances.min())


def test_a_switch_before_the_views_load_themes_what_loads(qtbot, small_settings):
    window = MainWindow(small_settings, load=False)
    qtbot.addWidget(window)
    window.set_theme("slide")
    window.load()
    try:
        assert window.workspace.uncached.theme is SLIDE
        assert window.workspace.uncached.graphics.backgroundBrush().color() == QColor(SLIDE.panel)
    finally:
        window.set_theme("dark")
