"""Memory panel: every figure it shows is the one kvviz.core.memory computes for its inputs."""

import json

import numpy as np
import pytest

from kvviz.core import memory
from kvviz.core.config import ModelConfig
from kvviz.core.model_presets import PUBLISHED
from kvviz.gui.views.memory_panel import DTYPE_CURVES, MemoryPanel, exact_bytes
from kvviz.units import format_flops


@pytest.fixture
def panel(qtbot):
    widget = MemoryPanel()
    qtbot.addWidget(widget)
    widget.resize(1400, 860)
    return widget


def select_model(panel, model_id):
    panel.model_box.setCurrentIndex(memory.PRESET_IDS.index(model_id))


def assert_shows(panel, report):
    assert panel.report == report
    fit = report.gpu(panel.gpu_name)
    assert panel.readout_text("bytes_per_token").startswith(f"{report.bytes_per_token:,} B")
    assert panel.readout_text("cache") == exact_bytes(report.cache_bytes)
    assert panel.readout_text("weights").startswith(exact_bytes(report.weight_bytes))
    assert panel.readout_text("total") == exact_bytes(report.total_bytes)
    assert panel.readout_text("max_context").startswith(memory.describe_max_context(fit))
    assert panel.readout_text("flops_cached").startswith(f"{format_flops(report.flops.cached.total)}  (")
    assert f"({report.flops.cached.total:,})" in panel.readout_text("flops_cached")
    assert panel.readout_text("flops_uncached").startswith(format_flops(report.flops.uncached.total))
    for row, gpu_fit in enumerate(report.gpus):
        assert panel.gpu_table.item(row, 0).text() == gpu_fit.gpu.name
        assert panel.gpu_table.item(row, 3).text() == memory.describe_max_context(gpu_fit)
        assert panel.gpu_table.item(row, 2).text() == ("yes" if gpu_fit.fits else "no")


def test_opens_on_llama_2_7b_with_cores_figures(panel):
    report = memory.memory_report(memory.preset("llama-2-7b"), 4096, 1, "float16")
    assert_shows(panel, report)
    assert panel.readout_text("bytes_per_token") == "524,288 B  (512 KiB)"
    assert panel.readout_text("max_context") == f"{report.gpu('80 GB').max_context:,} tokens on 80 GB (1 sequence)"


def test_every_input_recomputes_through_core(panel, qtbot):
    select_model(panel, "gemma-2-27b")
    panel.context_box.setValue(32_768)
    panel.batch_box.setValue(4)
    panel.dtype_box.setCurrentText("int8")
    panel.gpu_box.setCurrentIndex(3)
    assert panel.gpu_name == "141 GB"
    report = memory.memory_report(memory.preset("gemma-2-27b"), 32_768, 4, "int8")
    assert_shows(panel, report)
    assert "beyond trained 8,192" in panel.readout_text("context")
    assert panel.gpu_table.item(3, 0).font().bold() and not panel.gpu_table.item(2, 0).font().bold()


def test_plots_draw_cores_curves_on_log_axes(panel):
    select_model(panel, "mistral-7b")
    spec = memory.preset("mistral-7b")
    contexts = memory.context_grid(spec)
    variant_curves = panel.variant_plot.curves
    x, y = variant_curves[0].getOriginalDataset()
    assert list(x) == contexts and x[-1] == 1_000_000
    assert np.array_equal(y, memory.cache_curve(spec, "float16", 1, contexts))
    for curve, variant in zip(variant_curves[1:], memory.attention_variants(spec), strict=True):
        assert np.array_equal(curve.getOriginalDataset()[1], memory.cache_curve(variant, "float16", 1, contexts))
    for curve, (dtype, _) in zip(panel.dtype_plot.curves, DTYPE_CURVES, strict=True):
        assert np.array_equal(curve.getOriginalDataset()[1], memory.cache_curve(spec, dtype, 1, contexts))
    assert panel.variant_plot.item.ctrl.logXCheck.isChecked() and panel.variant_plot.item.ctrl.logYCheck.isChecked()
    legend = [label.text for _, label in panel.variant_plot.legend.items]
    assert legend[1:] == [v.name for v in memory.attention_variants(spec)]
    assert {"MHA", "GQA", "MQA", "window", "MLA"} <= {word.strip("()") for name in legend for word in name.split()}


def test_gpu_lines_are_labelled_at_their_decimal_sizes(panel):
    labels = {m.textItem.toPlainText(): m.pos().y() for m in panel.variant_plot._markers if hasattr(m, "textItem")}
    for gpu in memory.GPUS:
        assert labels[gpu.name] == pytest.approx(np.log10(gpu.bytes))
    free = panel.report.gpu("80 GB").free_after_weights
    assert labels["80 GB − weights"] == pytest.approx(np.log10(free))


def test_curves_are_redrawn_only_when_model_dtype_or_batch_change(panel):
    before = list(panel.dtype_plot.curves)
    panel.context_box.setValue(10_000)
    assert panel.dtype_plot.curves == before
    panel.batch_box.setValue(2)
    assert panel.dtype_plot.curves != before


def test_a_bad_config_json_is_reported_and_nothing_is_lost(panel, tmp_path):
    shown = panel.report
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"hidden_size": 64}), encoding="utf-8")
    assert not panel.load_config(path)
    assert not panel.error_label.isHidden()
    assert "num_hidden_layers" in panel.error_label.text()
    assert panel.report == shown


def test_a_good_config_json_is_added_and_shown(panel, tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps(PUBLISHED["deepseek-v2"].config), encoding="utf-8")
    assert panel.load_config(path)
    assert panel.error_label.isHidden()
    assert panel.model_box.currentIndex() == panel.model_box.count() - 1
    assert panel.report.bytes_per_token == 60 * 576 * 2
    assert_shows(panel, memory.memory_report(memory.load_config_json(path), 4096, 1, "float16"))


def test_the_apps_tiny_model_is_listed_and_follows_its_config(panel):
    config = ModelConfig(n_layers=3, n_heads=4, n_kv_heads=2, d_model=64, dtype="float16")
    panel.set_tiny_config(config)
    index = len(memory.PRESET_IDS)
    panel.model_box.setCurrentIndex(index)
    assert "tiny" in panel.model_box.currentText()
    assert panel.report.bytes_per_token == config.kv_bytes_per_token()  # the engine's own formula
    count = panel.model_box.count()
    panel.set_tiny_config(config.replace(n_kv_heads=1))
    assert panel.model_box.count() == count and panel.model_box.currentIndex() == index
    assert panel.report.bytes_per_token == config.replace(n_kv_heads=1).kv_bytes_per_token()


def test_renders_to_an_image(panel):
    panel.show()
    image = panel.grab().toImage()
    assert image.width() >= 1000 and image.height() >= 700
    assert len({image.pixel(x, 300) for x in range(700, 1300, 7)}) > 3  # the plots drew something
