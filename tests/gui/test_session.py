"""One-way data flow: the controller announces, views and actions receive; windows built around a run build none."""

from __future__ import annotations

import pytest

from kvviz.core.engine import Engine
from kvviz.gui.main_window import MainWindow
from kvviz.gui.navigation import NavState
from tests.gui.helpers import assert_views_show, shown


@pytest.fixture
def prefills(monkeypatch) -> list[int]:
    """Counts every run built or restarted from now on (each prefills its prompt once)."""
    calls: list[int] = []
    prefill = Engine.prefill

    def counted(engine):
        calls.append(1)
        return prefill(engine)

    monkeypatch.setattr(Engine, "prefill", counted)
    return calls


def test_the_announced_navigation_state_drives_the_actions(qtbot, small_settings):
    small_settings.set("model/max_new_tokens", 3)
    window = shown(qtbot, MainWindow(small_settings))
    c, a = window.controller, window.actions
    announced: list[NavState] = []
    c.navigation_changed.connect(announced.append)
    assert not a.step_back.isEnabled() and a.step.isEnabled()
    while c.step_forward():
        pass
    last = announced[-1]
    assert last == c.navigation
    assert (last.step, last.count, last.can_back, last.can_forward) == (2, 3, True, False)
    assert last.stop_message == "max new tokens reached (3 generated)"
    assert not a.step.isEnabled() and not a.play.isEnabled() and a.step_back.isEnabled()
    assert "Stopped: max new tokens" in window.statusBar().currentMessage()
    c.go_to(1)
    assert announced[-1].stop_message == "" and announced[-1].can_forward and a.step.isEnabled()
    assert_views_show(window)


def test_one_selection_moves_the_boxes_and_the_panels(qtbot, window):
    window.selection.select(1, 3)
    assert (window.layer_box.currentIndex(), window.head_box.currentIndex()) == (1, 3)
    assert_views_show(window)
    window.head_box.setCurrentIndex(2)
    assert (window.selection.layer, window.selection.head) == (1, 2)
    assert "layer 1 · head 2" in window.panels["attention_cached"].title.text
    window.selection.select(7, 9)  # clamped to the model's 2 layers and 4 heads
    assert (window.selection.layer, window.selection.head) == (1, 3)


def test_a_theme_switch_builds_no_run(qtbot, window, prefills):
    window.controller.step_forward()
    run = window.controller.run
    window.set_theme("slide")
    assert prefills == []
    assert window.controller.run is run and window.controller.current.step == 1
    assert_views_show(window)  # in the slide theme's colours


def test_an_export_window_shows_a_snapshot_and_builds_no_run(qtbot, window, prefills):
    from kvviz.gui.export.offscreen import export_window

    c = window.controller
    for _ in range(3):
        c.step_forward()
    c.go_to(1)
    with export_window(c.run.snapshot(), window.theme, 1, 2) as drawn:
        assert drawn.controller.history == c.history and drawn.controller.current.step == 1
        drawn.controller.go_to(3)
        assert drawn.selection.layer == 1 and drawn.selection.head == 2
        assert_views_show(drawn)
    assert prefills == []
    assert c.current.step == 1  # the window on screen did not move
