"""Cache policies, quantized caches, the paged view, weights and the memory dock, driven from the model panel."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from kvviz import memory
from kvviz.core import variants
from kvviz.core.checkpoint import save_checkpoint
from kvviz.core.config import ModelConfig
from kvviz.core.model import TinyDecoder
from kvviz.core.paging import compare_paging
from kvviz.core.policy import CachePolicy
from kvviz.core.record import CellStatus, Mode
from kvviz.gui.main_window import MainWindow
from kvviz.gui.run_settings import MODEL_KEYS, spec_from_settings
from kvviz.gui.views.attention_image import status_lut
from kvviz.gui.views.paged_view import default_lengths
from kvviz.units import format_bytes
from tests.gui.helpers import assert_views_show


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def apply_policy(window, kind: str, window_size: int = 0, sinks: int = 0, cache_dtype: str = "model") -> None:
    controls = window.panels["controls"]
    choose(controls.policy, kind)
    if window_size:
        controls.spins["window"].setValue(window_size)
    if sinks:
        controls.spins["sinks"].setValue(sinks)
    choose(controls.cache_dtype, cache_dtype)
    assert controls.apply_button.isEnabled()
    controls.apply_button.click()


def test_sink_policy_marks_forgotten_keys_and_the_cache_plateaus(qtbot, window):
    apply_policy(window, "sink", window_size=8, sinks=2)
    c = window.controller
    assert c.current.policy == CachePolicy("sink", window=8, sinks=2)
    controls = window.panels["controls"]
    assert controls.notes["policy"].text() == c.current.policy.describe_limit(c.config.context_length)
    for _ in range(c.config.context_length):  # past the context: a sliding cache does not stop
        assert c.step_forward()
    record = c.current
    assert record.n_tokens > c.config.context_length and c.navigation.stop_message == ""
    assert_views_show(window)

    # the plateau: bytes stop growing once sinks + window slots are full
    used = [r.cache_bytes_used for r in c.history if r.n_tokens >= 10]
    assert len(set(used)) == 1 and used[0] == record.cache_bytes_allocated
    cache = window.panels["kv_cache"]
    assert cache.resident_runs == [(0, 2), (record.n_tokens - 8, record.n_tokens)]
    assert "10 slots" in cache.header.text()

    # out-of-window cells are drawn in their own colour, in both panels
    lut = status_lut(window.theme)
    for mode in Mode:
        status = record.cell_status(mode)
        image = window.panels[f"attention_{mode.value}"].image.image
        out = status == CellStatus.OUT_OF_WINDOW
        assert out.sum() > 0
        assert (image[out] == lut[CellStatus.OUT_OF_WINDOW, 0]).all()
        assert not (image[~out][:, :3] == lut[CellStatus.OUT_OF_WINDOW, 0, :3]).all(axis=1).any()
    assert not window.panels["legend"].policy_widgets[0].isHidden()

    window.step_slider.setValue(3)  # scrubbing back shows the earlier records as they were
    assert_views_show(window)


def test_a_window_larger_than_the_context_is_explained(qtbot, window):
    controls = window.panels["controls"]
    choose(controls.policy, "window")
    controls.spins["window"].setValue(500)
    assert not controls.errors["window"].isHidden()
    assert "context_length" in controls.errors["window"].text()
    assert not controls.apply_button.isEnabled()
    assert not controls.spins["sinks"].isEnabled()


def test_int8_cache_reports_its_error_against_full_precision(qtbot, window):
    apply_policy(window, "full", cache_dtype="int8")
    c = window.controller
    assert c.current.cache_dtype == "int8"
    for _ in range(4):
        c.step_forward()
    record = c.current
    assert record.max_abs_logit_diff > 0  # quantization changes the logits a little
    assert_views_show(window)
    assert "int8 cache vs full precision: " in window.status_labels["check"].text()
    assert "int8 + float16 scales" in window.panels["kv_cache"].header.text()


def test_full_cache_explains_why_it_stopped_at_the_context(qtbot, small_settings):
    small_settings.update({"model/context_length": 12})
    window = MainWindow(small_settings)
    qtbot.addWidget(window)
    c = window.controller
    banner = window.panels["controls"].limit_banner
    assert banner.isHidden()
    window.actions.run_to_end.trigger()
    qtbot.waitUntil(lambda: not c.playing, timeout=10_000)
    assert c.current.n_tokens == 12
    assert not banner.isHidden()
    assert "context length" in banner.text() and "Sliding window" in banner.text()
    assert "Sliding window" in window.statusBar().currentMessage()
    c.step_back()  # an earlier step is not where it stopped
    assert banner.isHidden()
    c.step_forward()
    assert not banner.isHidden()
    apply_policy(window, "window", window_size=6)
    assert banner.isHidden()
    for _ in range(12):
        assert c.step_forward()
    assert c.current.n_tokens > 12 and banner.isHidden()
    assert_views_show(window)


def test_policy_and_cache_dtype_persist(qtbot, small_settings):
    first = MainWindow(small_settings)
    qtbot.addWidget(first)
    apply_policy(first, "sink", window_size=7, sinks=3, cache_dtype="int4")
    first.close()
    second = MainWindow(small_settings)
    qtbot.addWidget(second)
    record = second.controller.current
    assert record.policy == CachePolicy("sink", window=7, sinks=3)
    assert record.cache_dtype == "int4"
    controls = second.panels["controls"]
    assert controls.policy.currentData() == "sink" and controls.cache_dtype.currentData() == "int4"
    assert_views_show(second)


def test_paged_view_shows_what_the_paged_store_reports(qtbot, window):
    window.workspace.docks["paged"].show()
    window.workspace.docks["paged"].raise_()
    paged = window.panels["paged"]
    c = window.controller
    c.step_forward()
    qtbot.waitUntil(lambda: paged.comparison is not None and not paged._stale, timeout=5000)
    lengths = default_lengths(c.current.n_tokens, c.config.context_length)
    assert paged.comparison == compare_paging(c.config, lengths, 16)

    paged.set_lengths([30, 17, 5])
    choose(paged.block_size, 8)
    paged.refresh()
    expected = compare_paging(c.config, [30, 17, 5], 8)
    assert paged.comparison == expected
    assert not paged.follow.isChecked()
    text = paged.summary.text()
    for value in (expected.bytes_reserved, expected.bytes_used, expected.contiguous_bytes):
        assert format_bytes(value) in text
    assert paged.diagram.comparison == expected
    c.step_forward()  # no longer following: typed lengths stay
    assert paged.lengths.text() == "30, 17, 5"

    paged.set_lengths([30, 999])  # longer than the context
    paged.refresh()
    assert paged.comparison is None and not paged.error.isHidden()
    assert "context_length" in paged.error.text()


def _checkpoint(tmp_path, config: ModelConfig):
    torch.manual_seed(123)
    model = TinyDecoder(config)
    path = tmp_path / "mine.pt"
    save_checkpoint(path, model)
    return path, model


def test_loading_a_checkpoint_locks_the_shape_and_runs_its_weights(qtbot, window, tmp_path):
    file_config = ModelConfig(d_model=48, n_layers=1, n_heads=3, n_kv_heads=1, context_length=64)
    path, model = _checkpoint(tmp_path, file_config)
    controls = window.panels["controls"]
    assert controls.choose_weights(path)
    assert controls.spins["d_model"].value() == 48 and controls.spins["n_layers"].value() == 1
    for name in ("n_layers", "n_heads", "n_kv_heads", "d_model", "head_dim"):
        assert not controls.spins[name].isEnabled()
        assert "Fixed by the mine.pt weights" in controls.spins[name].toolTip()
    controls.apply_button.click()
    run = window.controller.run
    assert run.config.d_model == 48
    torch.testing.assert_close(
        run.engine.model.state_dict()["embed.weight"], model.state_dict()["embed.weight"].half().float()
    )
    assert "mine.pt weights" in window.windowTitle()
    assert_views_show(window)

    assert controls.choose_weights("random")
    assert controls.spins["d_model"].isEnabled()


def test_a_damaged_checkpoint_is_explained_and_the_model_keeps_running(qtbot, window, tmp_path):
    bad = tmp_path / "bad.pt"
    bad.write_bytes(np.random.default_rng(0).bytes(4096))
    controls = window.panels["controls"]
    run = window.controller.run
    assert not controls.choose_weights(bad)
    assert not controls.errors["weights"].isHidden()
    assert "bad.pt" in controls.errors["weights"].text()
    assert controls.weights.currentData() == "random"
    assert window.controller.run is run
    window.controller.step_forward()
    assert window.controller.current.step == 1
    assert_views_show(window)


def test_missing_trained_weights_fall_back_to_random(qtbot, small_settings, tmp_path, monkeypatch):
    small_settings.set("model/weights", "trained")
    shape = spec_from_settings({key: small_settings.get(key) for key in MODEL_KEYS}).config
    monkeypatch.setattr(variants, "VARIANTS", (variants.Variant("gone", str(tmp_path / "not-there.pt"), shape),))
    window = MainWindow(small_settings)
    qtbot.addWidget(window)
    controls = window.panels["controls"]
    assert controls.weights.currentData() == "random"
    assert "not-there.pt" in controls.errors["weights"].text()
    assert "not-there.pt" in window.statusBar().currentMessage()
    assert "random weights" in window.windowTitle()
    assert not controls.choose_weights("trained")  # choosing them again says why, and keeps random
    assert controls.weights.currentData() == "random"
    assert_views_show(window)


def test_trained_weights_switch(qtbot, window, tmp_path, monkeypatch):
    file_config = ModelConfig(d_model=32, n_layers=2, n_heads=2, n_kv_heads=2, context_length=64)
    path, _ = _checkpoint(tmp_path, file_config)
    monkeypatch.setattr(variants, "VARIANTS", (variants.Variant("small", str(path), file_config),))
    controls = window.panels["controls"]
    controls.weights.activated.emit(controls.weights.findData("trained"))
    assert controls.weights.currentData() == "trained"
    assert controls.spins["n_heads"].value() == 2 and controls.spins["n_heads"].isEnabled()  # a shape, not a lock
    controls.apply_button.click()
    assert window.controller.config.n_heads == 2
    assert "trained weights" in window.windowTitle()
    controls.weights.activated.emit(controls.weights.findData("random"))
    controls.spins["n_heads"].setValue(4)
    controls.apply_button.click()
    assert window.controller.config.n_heads == 4 and "random weights" in window.windowTitle()


def test_memory_dock_follows_the_model(qtbot, window):
    dock = window.workspace.docks["memory"]
    assert dock.toggleViewAction() in window.view_menu.actions()
    panel = window.panels["memory"]
    tiny = len(memory.PRESET_IDS)
    assert panel.model_box.itemData(tiny) == memory.spec_from_model_config(window.controller.config)
    controls = window.panels["controls"]
    controls.spins["n_layers"].setValue(3)
    controls.apply_button.click()
    assert panel.model_box.itemData(tiny) == memory.spec_from_model_config(window.controller.config)
    assert window.controller.config.n_layers == 3


@pytest.mark.parametrize("name", ["out_of_window", "kv_evicted"])
def test_policy_colours_stand_apart(name):
    from kvviz.gui.theme import THEMES, ramp, rgb
    from tests.gui.colour_vision import delta_e

    levels = np.linspace(0.0, 1.0, 11)
    for theme in THEMES.values():
        colour = rgb(getattr(theme, name))
        for vision in ("normal", "deuteranopia", "protanopia"):
            assert delta_e(colour, rgb(theme.masked), vision) > 15
            for status in ("computed", "recomputed", "skipped"):
                cells = ramp(theme, getattr(theme, status), levels)
                assert delta_e(cells, np.broadcast_to(colour, cells.shape), vision).min() > 15
            for strip in ("kv_computed", "kv_from_cache"):
                assert delta_e(colour, rgb(getattr(theme, strip)), vision) > 15


def test_the_paged_view_catches_up_when_its_tab_comes_to_the_front(qtbot, window):
    """Behind the Plots tab it only notes that the run moved; brought to the front it rebuilds."""
    paged, docks = window.panels["paged"], window.workspace.docks
    docks["plots"].raise_()
    qtbot.waitUntil(lambda: not paged.on_screen(), timeout=5000)
    before = paged.comparison
    for _ in range(3):
        window.controller.step_forward()
    assert not paged._timer.isActive()  # no rebuild is due: nothing will change it behind its tab
    assert paged._stale and paged.comparison is before
    docks["paged"].raise_()
    qtbot.waitUntil(lambda: not paged._stale, timeout=5000)
    n = window.controller.current.n_tokens
    assert [usage.tokens for usage in paged.comparison.sequences] == default_lengths(
        n, window.controller.config.context_length
    )
