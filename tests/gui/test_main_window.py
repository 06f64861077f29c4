"""The window driven as a user drives it: keys, toolbar, model panel, hover; views checked against records."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from kvviz.core import tokenizer
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.record import Mode, Phase
from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import DARK
from kvviz.gui.views.attention_image import attention_rgba, status_lut
from tests.gui.helpers import assert_views_show, press_step, shown


def test_first_launch_opens_the_default_model_ready_to_step(qtbot, settings):
    window = shown(qtbot, MainWindow(settings))
    c = window.controller
    assert c.config == default_config()
    assert tokenizer.decode(c.current.tokens[: c.current.n_prompt]) == DEFAULT_PROMPT
    assert c.current.step == 0 and c.current.phase is Phase.PREFILL
    assert window.workspace.docks["help"].isVisible()
    assert_views_show(window)
    press_step(qtbot, window)
    assert c.current.step == 1 and c.current.phase is Phase.DECODE
    assert_views_show(window)


def test_stepping_back_and_forth_with_the_keyboard(qtbot, window):
    c = window.controller
    for _ in range(3):
        press_step(qtbot, window, Qt.Key.Key_Right)
    assert c.current.step == 3
    assert_views_show(window)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert c.current.step == 2
    assert len(c.history) == 4  # stepping back recomputes nothing and forgets nothing
    assert_views_show(window)
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert c.current.step == 0
    assert not window.actions.step_back.isEnabled()
    assert_views_show(window)
    window.step_slider.setValue(3)
    assert c.current.step == 3
    assert_views_show(window)


def test_play_steps_on_a_timer_and_pauses(qtbot, window):
    c = window.controller
    window.speed.setValue(60)
    window.actions.play.trigger()
    assert c.playing and window.actions.play.isChecked()
    qtbot.waitUntil(lambda: c.current.step >= 3, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert not c.playing and not window.actions.play.isChecked()
    step = c.current.step
    qtbot.waitUntil(lambda: not c._timer.isActive())  # a play tick still due has fired: it did not step
    assert not c.step_waiting
    assert c.current.step == step
    assert_views_show(window)


def test_run_to_end_stops_at_the_token_budget(qtbot, small_settings):
    small_settings.set("model/max_new_tokens", 6)
    window = shown(qtbot, MainWindow(small_settings))
    c = window.controller
    qtbot.keyClick(window, Qt.Key.Key_End)
    assert c.running_to_end
    qtbot.waitUntil(lambda: not c.playing, timeout=10_000)
    assert c.current.step == 5  # the prefill made the first of the 6 tokens
    assert not c.can_step_forward()
    assert not window.actions.step.isEnabled()
    assert "max new tokens" in window.statusBar().currentMessage()
    window.actions.step.trigger()  # disabled: nothing happens, nothing breaks
    assert c.current.step == 5
    assert_views_show(window)


def test_run_to_end_stops_when_the_context_is_full(qtbot, small_settings):
    small_settings.update({"model/context_length": 12, "model/prompt": "KV cache"})
    window = MainWindow(small_settings)
    qtbot.addWidget(window)
    c = window.controller
    window.actions.run_to_end.trigger()
    qtbot.waitUntil(lambda: not c.playing, timeout=10_000)
    assert c.current.n_tokens == 12
    assert c.current.step == 12 - c.current.n_prompt
    assert "context length" in window.statusBar().currentMessage()


def test_reset_starts_again_from_the_prefill(qtbot, window):
    c = window.controller
    for _ in range(3):
        press_step(qtbot, window)
    tokens = list(c.current.tokens)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert c.current.step == 0 and len(c.history) == 1
    for _ in range(3):
        press_step(qtbot, window)
    assert list(c.current.tokens) == list(tokens)  # same seed, same run
    assert_views_show(window)


def test_selecting_layer_and_head(qtbot, window):
    press_step(qtbot, window)
    window.layer_box.setCurrentIndex(1)
    window.head_box.setCurrentIndex(3)
    assert_views_show(window)
    record = window.controller.current
    panel = window.panels["attention_cached"]
    expected = attention_rgba(record.cell_status(Mode.CACHED), record.scores(1, 3), status_lut(DARK))
    np.testing.assert_array_equal(panel.image_rgba, expected)
    assert "layer 1 · head 3 · K/V head 1" in panel.title.text
    assert window.layer_box.count() == 2 and window.head_box.count() == 4


def test_changing_the_model_rebuilds_it_and_refreshes_every_view(qtbot, window):
    controls = window.panels["controls"]
    press_step(qtbot, window)
    controls.spins["n_kv_heads"].setValue(1)
    controls.spins["n_layers"].setValue(3)
    controls.dtype.setCurrentText("float16")
    controls.prompt.setPlainText("new prompt")
    assert controls.apply_button.isEnabled()
    assert "MQA" in controls.notes["n_kv_heads"].text()
    qtbot.mouseClick(controls.apply_button, Qt.MouseButton.LeftButton)
    c = window.controller
    assert (c.config.n_kv_heads, c.config.n_layers, c.config.dtype) == (1, 3, "float16")
    assert tokenizer.decode(c.current.tokens[: c.current.n_prompt]) == "new prompt"
    assert c.current.step == 0
    assert window.layer_box.count() == 3
    assert not controls.apply_button.isEnabled()  # the form shows the model in use
    assert_views_show(window)
    press_step(qtbot, window)
    assert_views_show(window)


def test_a_selection_beyond_a_smaller_model_is_clamped(qtbot, window):
    window.layer_box.setCurrentIndex(1)
    window.head_box.setCurrentIndex(3)
    controls = window.panels["controls"]
    controls.spins["n_layers"].setValue(1)
    controls.spins["n_kv_heads"].setValue(1)
    controls.spins["n_heads"].setValue(2)
    controls.apply_button.click()
    assert (window.layer_box.currentIndex(), window.head_box.currentIndex()) == (0, 1)
    assert_views_show(window)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("n_heads", 3, "must divide d_model"),
        ("n_kv_heads", 3, "must divide n_heads"),
        ("context_length", 4, "longer than context_length"),
    ],
)
def test_an_impossible_model_is_explained_next_to_its_control(qtbot, window, field, value, words):
    controls = window.panels["controls"]
    config = window.controller.config
    controls.spins[field].setValue(value)
    shown = {name: label for name, label in controls.errors.items() if not label.isHidden()}
    target = "prompt" if field == "context_length" else field
    assert list(shown) == [target]
    assert words in shown[target].text()
    assert not controls.apply_button.isEnabled()
    controls.spins[field].lineEdit().returnPressed.emit()  # Enter in the field: still refused
    assert window.controller.config == config
    press_step(qtbot, window)  # the run goes on
    assert window.controller.current.step == 1


def test_odd_head_dim_is_explained(qtbot, window):
    controls = window.panels["controls"]
    controls.spins["head_dim"].setValue(7)
    assert not controls.errors["head_dim"].isHidden()
    assert "even" in controls.errors["head_dim"].text()


def test_hovering_a_cell_describes_it_in_both_modes(qtbot, window):
    for _ in range(2):
        press_step(qtbot, window)
    record = window.controller.current
    # the offscreen screen is 800×600, and the pointer reaches only what lies on it
    window.resize(790, 590)
    panel = window.panels["attention_cached"]
    n = record.n_tokens
    last = [None]

    def settled() -> bool:  # the matrix in view, and the panel's layout done (titles and legend fit the width)
        rect, last[0] = last[0], panel.view.sceneBoundingRect()
        return panel.view.viewRange()[1][1] >= n and rect == last[0]

    qtbot.waitUntil(settled)
    row, col = n - 2, 1
    scene = panel.view.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    qtbot.mouseMove(panel.graphics.viewport(), panel.graphics.mapFromScene(scene))
    inspector = window.panels["inspector"]
    qtbot.waitUntil(lambda: inspector.info is not None)
    info = inspector.info
    assert (info.row, info.col) == (row, col)
    assert info.score == pytest.approx(float(record.scores(0, 0)[row, col]))
    assert info.weight == pytest.approx(float(record.weights(0, 0)[row, col]))
    assert info.status == {m: record.cell_status(m)[row, col] for m in Mode}
    assert info.kv_source == {m: record.kv_source(m)[col] for m in Mode}
    labels = tokenizer.token_labels(record.tokens)
    assert (info.query_label, info.key_label) == (labels[row], labels[col])
    text = inspector.text()
    assert f"{info.score:.4g}" in text and f"{info.weight:.4g}" in text
    assert "recomputed" in text and "skipped" in text
    for mode in Mode:
        assert window.panels[f"attention_{mode.value}"].highlight.isVisible()


def test_clicking_a_plot_goes_to_that_step(qtbot, window):
    for _ in range(4):
        press_step(qtbot, window)
    window.panels["plot_flops"].step_clicked.emit(1)
    assert window.controller.current.step == 1
    assert_views_show(window)


def test_settings_persist_between_launches(qtbot, small_settings):
    first = MainWindow(small_settings)
    qtbot.addWidget(first)
    controls = first.panels["controls"]
    controls.spins["n_heads"].setValue(2)
    controls.spins["n_kv_heads"].setValue(1)
    controls.apply_button.click()
    first.head_box.setCurrentIndex(1)
    first.speed.setValue(9)
    first.close()

    second = MainWindow(small_settings)
    qtbot.addWidget(second)
    c = second.controller
    assert (c.config.n_heads, c.config.n_kv_heads) == (2, 1)
    assert second.head_box.currentIndex() == 1
    assert c.steps_per_second == 9 and second.speed.value() == 9
    assert second.panels["controls"].spins["n_heads"].value() == 2


def test_unusable_saved_settings_fall_back_to_the_defaults(qtbot, small_settings):
    small_settings.set("model/n_heads", 3)  # does not divide d_model 32
    window = MainWindow(small_settings)
    qtbot.addWidget(window)
    assert window.controller.config == default_config()
    assert "not usable" in window.statusBar().currentMessage()


def test_each_group_of_tabbed_docks_has_one_tab_bar_on_screen(qtbot, settings):
    from PySide6.QtWidgets import QTabBar

    from kvviz.gui.app import application
    from kvviz.gui.main_window import MainWindow

    application()  # the app's style, which sizes the tab bars
    window = MainWindow(settings)  # as launched: sized before it is shown and arranged
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    qtbot.wait(100)  # the first-launch dock layout is arranged after the first events

    def groups() -> list[tuple[str, ...]]:
        bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible()]
        return sorted(tuple(bar.tabText(i) for i in range(bar.count())) for bar in bars)

    # built at the default 1440×900, less than SIDE_LAYOUT_BELOW tall: the data docks share the left column
    assert groups() == [
        ("KV cache", "Plots", "Paged", "Memory"),
        ("Model", "What am I looking at?", "Quality"),
    ]
