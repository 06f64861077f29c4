"""Memory panel: every figure it shows is the one kvviz.memory computes for its inputs."""

import json

import numpy as np
import pytest

from kvviz import memory
from kvviz.core.config import ModelConfig
from kvviz.gui.views.memory_figures import exact_bytes
from kvviz.gui.views.memory_panel import MemoryPanel
from kvviz.gui.views.memory_plots import DTYPE_CURVES
from kvviz.memory.presets import PUBLISHED
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
    assert panel.figures.readout_text("bytes_per_token").startswith(f"{report.bytes_per_token:,} B")
    assert panel.figures.readout_text("cache") == exact_bytes(report.cache_bytes)
    assert panel.figures.readout_text("weights").startswith(exact_bytes(report.weight_bytes))
    assert panel.figures.readout_text("total") == exact_bytes(report.total_bytes)
    assert panel.figures.readout_text("max_context").startswith(memory.describe_max_context(fit))
    assert panel.figures.readout_text("flops_cached").startswith(f"{format_flops(report.flops.cached.total)}  (")
    assert f"({report.flops.cached.total:,})" in panel.figures.readout_text("flops_cached")
    assert panel.figures.readout_text("flops_uncached").startswith(format_flops(report.flops.uncached.total))
    for row, gpu_fit in enumerate(report.gpus):
        assert panel.figures.gpu_table.item(row, 0).text() == gpu_fit.gpu.label
        assert panel.figures.gpu_table.item(row, 3).text() == memory.describe_max_context(gpu_fit, short=True)
        assert panel.figures.gpu_table.item(row, 2).text() == ("yes" if gpu_fit.fits else "no")


def test_opens_on_llama_2_7b_with_cores_figures(panel):
    report = memory.memory_report(memory.preset("llama-2-7b"), 4096, 1, "float16")
    assert_shows(panel, report)
    assert panel.figures.readout_text("bytes_per_token") == "524,288 B  (512 KiB, float16)"
    fit = report.gpu("h100-80gb")
    assert panel.figures.readout_text("max_context") == (
        f"4,096 tokens (trained context; memory: {fit.memory_context:,}) on H100 80GB (SXM) (1 sequence)"
    )


def test_every_input_recomputes_through_core(panel, qtbot):
    select_model(panel, "gemma-2-27b")
    panel.context_box.setValue(32_768)
    panel.batch_box.setValue(4)
    panel.dtype_box.setCurrentText("int8")
    panel.cache_dtype_box.setCurrentText("fp8")
    panel.gpu_box.setCurrentIndex(1)
    assert panel.gpu_name == "h200-141gb"
    report = memory.memory_report(memory.preset("gemma-2-27b"), 32_768, 4, "int8", "fp8")
    assert_shows(panel, report)
    assert "beyond trained 8,192" in panel.figures.readout_text("context")
    assert panel.figures.gpu_table.item(1, 0).font().bold() and not panel.figures.gpu_table.item(0, 0).font().bold()


def test_plots_draw_cores_curves_on_log_axes(panel):
    select_model(panel, "mistral-7b")
    spec = memory.preset("mistral-7b")
    contexts = memory.context_grid(spec)
    variant_curves = panel.cache_size.variant_plot.curves
    x, y = variant_curves[0].getOriginalDataset()
    assert list(x) == contexts and x[-1] == 1_000_000
    assert np.array_equal(y, memory.cache_curve(spec, "float16", 1, contexts))
    for curve, variant in zip(variant_curves[1:], memory.attention_variants(spec), strict=True):
        assert np.array_equal(curve.getOriginalDataset()[1], memory.cache_curve(variant, "float16", 1, contexts))
    for curve, (dtype, _) in zip(panel.cache_size.dtype_plot.curves, DTYPE_CURVES, strict=True):
        assert np.array_equal(curve.getOriginalDataset()[1], memory.cache_curve(spec, dtype, 1, contexts))
    assert (
        panel.cache_size.variant_plot.item.ctrl.logXCheck.isChecked()
        and panel.cache_size.variant_plot.item.ctrl.logYCheck.isChecked()
    )
    legend = [label.text for _, label in panel.cache_size.variant_plot.legend.items]
    assert legend[1:] == [v.name for v in memory.attention_variants(spec)]
    assert {"MHA", "GQA", "MQA", "window", "MLA"} <= {word.strip("()") for name in legend for word in name.split()}


def test_the_chosen_gpu_is_drawn_at_the_memory_nvidia_smi_reports(panel):
    labels = {
        m.textItem.toPlainText(): m.pos().y() for m in panel.cache_size.variant_plot._markers if hasattr(m, "textItem")
    }
    assert labels["H100 80GB (SXM)"] == pytest.approx(np.log10(81_559 * 2**20))
    free = panel.report.gpu("h100-80gb").free_after_weights
    assert labels["H100 80GB (SXM) − weights"] == pytest.approx(np.log10(free))


def test_curves_are_redrawn_only_when_model_dtype_or_batch_change(panel):
    before = list(panel.cache_size.dtype_plot.curves)
    panel.context_box.setValue(10_000)
    assert panel.cache_size.dtype_plot.curves == before
    panel.batch_box.setValue(2)
    assert panel.cache_size.dtype_plot.curves != before


def test_a_model_starts_at_its_configs_torch_dtype(panel):
    select_model(panel, "llama-3-8b")
    assert panel.dtype_box.currentText() == "bfloat16" and panel.report.dtype == "bfloat16"
    select_model(panel, "llama-2-7b")
    assert panel.report.dtype == "float16"


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
    assert_shows(panel, memory.memory_report(memory.load_config_json(path), 4096, 1, "bfloat16"))


HOSTILE = {
    "nested": "[" * 100_000 + "]" * 100_000,
    "digits": '{"num_hidden_layers": 4, "bos_token_id": ' + "9" * 5000 + "}",
    "vocab": json.dumps({**PUBLISHED["llama-3-8b"].config}).replace("128256", "1" + "0" * 400),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_config_is_refused_and_the_previous_model_stays_shown(panel, tmp_path, name):
    shown, index, count = panel.report, panel.model_box.currentIndex(), panel.model_box.count()
    path = tmp_path / f"{name}.json"
    path.write_text(HOSTILE[name], encoding="utf-8")
    assert not panel.load_config(path)
    assert not panel.error_label.isHidden() and str(path) in panel.error_label.text()
    assert "\n" not in panel.error_label.text()
    assert panel.report == shown and panel.model_box.currentIndex() == index and panel.model_box.count() == count


def test_a_config_with_a_trillion_layers_is_shown_at_once(panel, tmp_path):
    # a per-layer loop used to freeze the window here
    path = tmp_path / "config.json"
    path.write_text(json.dumps({**PUBLISHED["llama-3-8b"].config, "num_hidden_layers": 10**12}), encoding="utf-8")
    assert panel.load_config(path)
    assert panel.report.bytes_per_token == 10**12 * 2 * 8 * 128 * 2
    assert panel.report.gpu("h100-80gb").max_context == 0


def test_serving_tab_shows_the_plan_core_computes(panel):
    select_model(panel, "llama-3-70b")
    panel.serving.tp_box.setValue(16)
    panel.serving.prefix_box.setValue(1000)
    setup = memory.ServingSetup(memory.gpu_by_name("h100-80gb"), context=4096, tp=16, shared_prefix=1000)
    plan = memory.plan_serving(memory.preset("llama-3-70b"), setup)
    assert panel.serving.plan == plan
    assert "replicated on 2 GPUs" in panel.serving.readout.text()
    assert f"{plan.max_concurrent_sequences:,} of 4,096 tokens" in panel.serving.readout.text()
    assert f"{plan.max_concurrent_shared:,} sequences" in panel.serving.readout.text()
    this_model = panel.serving.plot.curves[0].getOriginalDataset()[1]
    contexts = memory.capacity_grid(memory.PLOT_MAX_CONTEXT)
    expected = memory.capacity_curve(memory.preset("llama-3-70b"), setup, contexts)
    assert np.array_equal(np.nan_to_num(this_model), [c if c >= 1 else 0 for c in expected])


def test_serving_tab_refuses_what_an_engine_refuses_in_one_line(panel):
    select_model(panel, "llama-3-70b")
    panel.serving.tp_box.setValue(3)  # 64 heads do not split 3 ways
    assert panel.serving.plan is None
    assert "does not divide the 64 attention heads" in panel.serving.error_label.text()
    panel.serving.tp_box.setValue(4)
    assert panel.serving.plan is not None and panel.serving.error_label.isHidden()


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
