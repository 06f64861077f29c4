"""Views built late (issue 18, start-up): the docks behind another tab and the presentation page are
built when first on screen or first asked for, and then show what an eagerly built view would."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication

from kvviz.gui.export.picture import PictureSize, picture
from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import DARK, SLIDE
from kvviz.gui.views.paged_view import default_lengths
from kvviz.gui.views.plots import PLOT_NAMES
from kvviz.gui.views.quality_chart import spec_key
from kvviz.gui.workspace import LATE_DOCKS
from kvviz.memory import PRESET_IDS, spec_from_model_config
from tests.gui.helpers import assert_views_show, shown

LATE = (*LATE_DOCKS, "presentation")


def built(window: MainWindow) -> list[str]:
    return [key for key in LATE if window.workspace.late.get(key) is not None]


def stepped(window: MainWindow, steps: int) -> MainWindow:
    for _ in range(steps):
        assert window.controller.step_forward()
    return window


def raise_dock(qtbot, window: MainWindow, key: str) -> None:
    """Bring the dock ``key`` to the front, as clicking its tab does, and wait for its view."""
    window.workspace.docks[key].raise_()
    qtbot.waitUntil(lambda: window.workspace.late.get(key) is not None, timeout=5_000)


def assert_late_views_show(window: MainWindow) -> None:
    """Each late view built so far shows the run, the record and the selection the window shows."""
    ws, spec, record = window.workspace, window.session.spec, window.controller.current
    if ws.late.get("plots") is not None:
        assert_views_show(window)  # the plots' curves and cursors among every view's
    if (paged := ws.late.get("paged")) is not None:
        assert paged.config == spec.config
        assert paged.lengths.text() == ", ".join(map(str, default_lengths(record.n_tokens, spec.config.context_length)))
    if (memory := ws.late.get("memory")) is not None:
        tiny = memory.model_box.itemData(len(PRESET_IDS))
        assert tiny.id == "tiny" and tiny == spec_from_model_config(spec.config)
    if (quality := ws.late.get("quality")) is not None:
        assert quality.current == spec_key(spec)
    if (page := ws.late.get("presentation")) is not None and page.isVisible():
        chips = page.tokens.chips
        assert [chip.token for chip in chips] == [*map(int, record.tokens), record.next_token]


def test_a_launch_builds_none_of_the_views_behind_other_tabs(qtbot, small_settings):
    """What makes the first record come sooner: nothing behind a tab is built, even once the layout settled,
    and listing the panels (the export menu, --panel) builds nothing either."""
    window = shown(qtbot, MainWindow(small_settings))
    assert window.workspace.column_layout  # 800 px tall: the plots are tabbed behind the KV cache
    qtbot.wait(300)
    assert built(window) == []
    assert set(window.panels) >= {*LATE, *PLOT_NAMES}
    assert built(window) == []
    window.workspace.docks["kv_cache"].raise_()  # raising what is in front already builds nothing
    qtbot.wait(50)
    assert built(window) == []


@pytest.mark.parametrize("key", ["plots", "paged", "memory"])
def test_a_dock_brought_to_the_front_shows_the_current_record(qtbot, small_settings, key):
    window = stepped(shown(qtbot, MainWindow(small_settings)), 3)
    window.layer_box.setCurrentIndex(1)
    raise_dock(qtbot, window, key)
    assert built(window) == [key]
    view = window.workspace.late.get(key)
    assert view.isVisible() and not view.visibleRegion().isEmpty()
    assert_late_views_show(window)
    stepped(window, 2)  # and follows the run from then on
    window.controller.step_back()
    assert_late_views_show(window)


def test_presentation_mode_builds_its_page_showing_the_current_record(qtbot, small_settings):
    window = stepped(shown(qtbot, MainWindow(small_settings)), 2)
    window.head_box.setCurrentIndex(2)
    window.actions.presentation.setChecked(True)
    assert built(window) == ["presentation"]
    assert window.workspace.presenting
    assert_late_views_show(window)
    where = QCoreApplication.translate("PresentationView", "· layer {layer} · head {head}")
    assert window.workspace.presentation.slide.where.text() == where.format(layer=0, head=2)
    window.controller.step_forward()
    assert_late_views_show(window)
    window.actions.presentation.setChecked(False)
    assert not window.workspace.presenting


def test_a_model_change_reaches_a_view_built_before_and_one_built_after(qtbot, small_settings):
    window = shown(qtbot, MainWindow(small_settings))
    raise_dock(qtbot, window, "paged")
    spec = window.session.spec
    assert window.session.apply(replace(spec, config=spec.config.replace(n_layers=3)))
    stepped(window, 2)
    window.workspace.memory  # noqa: B018 (reading it builds it)
    window.workspace.quality  # noqa: B018
    assert_late_views_show(window)
    plots = window.workspace.plots  # built after the change: it draws the run before it, faded
    assert plots.clear_reference.isVisibleTo(plots) and "before" in plots.key.text()
    x, _ = plots.flops.reference["uncached"].getOriginalDataset()
    assert len(x) == 1  # the run before the change had its prompt's step only


#: Panels drawn from the run alone: the wall-time plot (and the plots panel around it) draws times measured
#: anew in each window.
SAME_IN_EVERY_RUN = ["paged", "memory", "quality", *(name for name in PLOT_NAMES if name != "plot_time")]


@pytest.mark.parametrize("key", SAME_IN_EVERY_RUN)
def test_a_panel_never_shown_exports_as_it_did_when_built_at_launch(qtbot, small_settings, key):
    """Exporting a panel builds it, fed what the window shows: the picture (at a fixed size, which the
    dock's size does not change) is the one the panel gives when built at launch, as every view once was."""
    size = PictureSize(fixed=(640, 400))
    at_launch = shown(qtbot, MainWindow(small_settings))
    for late in LATE:
        at_launch.workspace.late.view(late)
    expected = picture(stepped(at_launch, 2), key, size)
    window = stepped(shown(qtbot, MainWindow(small_settings)), 2)
    got = picture(window, key, size)
    assert built(window) == ["plots" if key in PLOT_NAMES else key]
    a, b = (np.frombuffer(image.constBits(), np.uint8) for image in (got, expected))
    assert a.std() > 10  # drawn, not a flat placeholder
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("key", ["plots", "plot_time"])
def test_the_plots_export_before_they_were_shown(qtbot, small_settings, key):
    window = stepped(shown(qtbot, MainWindow(small_settings)), 2)
    image = picture(window, key, PictureSize(fixed=(640, 400)))
    assert built(window) == ["plots"]
    assert (image.width(), image.height()) == (640, 400)
    assert np.frombuffer(image.constBits(), np.uint8).std() > 10


def test_a_theme_switch_reaches_late_views_built_before_it_and_after_it(qtbot, small_settings):
    window = shown(qtbot, MainWindow(small_settings, theme=DARK))
    raise_dock(qtbot, window, "plots")
    window.set_theme("slide")
    ws = window.workspace
    assert ws.plots.theme is SLIDE  # restyled in place
    assert ws.memory.theme is SLIDE and ws.paged.theme is SLIDE  # built after the switch, in its theme
    assert ws.presentation.theme.panel == SLIDE.panel
    window.set_theme("dark")
    assert all(view.theme.panel == DARK.panel for view in (ws.plots, ws.memory, ws.paged, ws.presentation))


def test_a_language_switch_reaches_late_views_built_before_it_and_after_it(qtbot, small_settings):
    window = shown(qtbot, MainWindow(small_settings))
    raise_dock(qtbot, window, "plots")
    window.set_language("zh_CN")
    try:
        qtbot.wait(5)  # the LanguageChange events
        clear = QCoreApplication.translate("PlotsPanel", "Clear before")
        assert clear != "Clear before"
        assert window.workspace.plots.clear_reference.text() == clear  # retranslated in place
        follow = QCoreApplication.translate("PagedCacheView", "follow the run")
        assert follow != "follow the run"
        assert window.workspace.paged.follow.text() == follow  # built in the language of the moment
    finally:
        window.set_language("en")
        qtbot.wait(5)


def test_a_saved_layout_with_a_late_dock_in_front_builds_it_at_launch(qtbot, small_settings):
    first = shown(qtbot, MainWindow(small_settings))
    raise_dock(qtbot, first, "memory")
    first.close()  # saves the dock state
    second = shown(qtbot, MainWindow(small_settings))
    qtbot.waitUntil(lambda: second.workspace.late.get("memory") is not None, timeout=5_000)
    assert built(second) == ["memory"]
    assert_late_views_show(second)
