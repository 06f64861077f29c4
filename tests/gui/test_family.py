"""The model panel chooses trained weights by shape; the quality chart shows `kvviz eval`'s rows and rings the run."""

from __future__ import annotations

import pytest
import torch

from kvviz.core import variants
from kvviz.core.checkpoint import load_checkpoint, save_checkpoint
from kvviz.core.config import ModelConfig
from kvviz.core.evaluation import cache_settings, evaluate_family
from kvviz.core.model import TinyDecoder
from kvviz.core.run import RunSpec
from kvviz.gui.theme import DARK
from kvviz.gui.views.quality_chart import QualityChart, row_key
from kvviz.training.corpus import load_corpus

#: The shape of the GUI tests' small settings (tests/gui/conftest.py), with 2 and 1 K/V heads.
GQA = ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=64)
MQA = GQA.replace(n_kv_heads=1)


@pytest.fixture
def family(tmp_path, monkeypatch) -> dict[str, variants.Variant]:
    made = {}
    for seed, (name, config) in enumerate({"small-kv2": GQA, "small-kv1": MQA}.items()):
        path = tmp_path / f"{name}.pt"
        save_checkpoint(path, TinyDecoder(config.replace(seed=50 + seed)))
        made[name] = variants.Variant(name, str(path), config)
    monkeypatch.setattr(variants, "VARIANTS", tuple(made.values()))
    return made


def test_trained_weights_follow_the_shape_and_never_lock_it(qtbot, window, family):
    controls = window.panels["controls"]
    controls.weights.activated.emit(controls.weights.findData("trained"))
    assert all(controls.spins[name].isEnabled() for name in ("n_layers", "n_heads", "n_kv_heads", "d_model"))
    assert "small-kv2" in controls.notes["weights"].text()

    controls.spins["n_kv_heads"].setValue(1)
    assert "small-kv1" in controls.notes["weights"].text()
    assert controls.choice().weights == "trained"
    controls.apply_button.click()
    model = window.controller.run.engine.model
    saved = load_checkpoint(family["small-kv1"].path).state_dict
    assert torch.equal(model.state_dict()["blocks.0.attn.qkv.weight"], saved["blocks.0.attn.qkv.weight"].float())
    assert "trained weights" in window.windowTitle()

    controls.spins["n_layers"].setValue(3)
    note = controls.notes["weights"].text()
    assert note.startswith("no trained model has 3 layers") and not controls.notes["weights"].isHidden()
    assert controls.choice().weights == "random"
    controls.apply_button.click()
    assert window.controller.config.n_layers == 3 and "random weights" in window.windowTitle()
    assert controls.weights.currentData() == "trained"  # the choice stands: back to 2 layers is trained again
    controls.spins["n_layers"].setValue(2)
    assert controls.choice().weights == "trained"


@pytest.fixture
def chart(qtbot, family):
    view = QualityChart(DARK)
    qtbot.addWidget(view)
    view._text = load_corpus().heldout[:700]  # short, so the rows take milliseconds
    return view


def test_the_chart_shows_evals_rows_and_rings_the_run(chart, family):
    spec = RunSpec(config=MQA, weights="trained", cache_dtype="int4")
    chart.set_spec(spec)
    chart.compute_now()
    expected = list(evaluate_family(chart._text, settings=cache_settings()))
    assert [chart.rows[row_key(r)] for r in expected] == expected  # the same function's numbers
    ringed = chart.rows[chart.current]
    assert (ringed.model, ringed.cache, ringed.n_kv_heads) == ("small-kv1", "int4", 1)  # measured for this run
    assert len(chart.rows) == len(expected) + 1
    x, y = chart.ring.getData()
    assert (x[0], y[0]) == (ringed.bytes_per_token, ringed.bits_per_byte)
    assert "Ringed: this run (small-kv1, int4, float32)" in chart.caption.text()

    chart.set_spec(RunSpec(config=GQA, weights="trained"))  # a row of the family: nothing more to measure
    assert chart.rows[chart.current] == expected[0]


def test_the_chart_measures_on_a_worker_when_first_shown(qtbot, chart, family):
    chart.set_spec(RunSpec(config=GQA, weights="trained", cache_dtype="int8"))
    assert not chart.rows
    chart.show()
    qtbot.waitUntil(lambda: chart._pending is None and len(chart.rows) == 7, timeout=120_000)
    assert chart.rows[chart.current].cache == "int8"
    assert len(chart.labels) == 7


def test_the_chart_behind_another_tab_measures_nothing_until_its_tab_is_raised(qtbot, window, family):
    """A dock behind another tab counts as visible to Qt; measuring there cost every launch a family
    evaluation on a worker (a core and ~100 MiB) that nobody looked at."""
    chart = window.workspace.quality
    chart._text = load_corpus().heldout[:700]
    dock = window.workspace.docks["quality"]
    assert window.tabifiedDockWidgets(dock)  # the layout puts it in a tab group, behind another tab
    qtbot.wait(200)  # the window's layout settles and the chart's shown check runs
    assert chart._pending is None and not chart.rows
    dock.raise_()
    qtbot.waitUntil(lambda: chart._pending is not None, timeout=5_000)  # measuring, on the worker
    qtbot.waitUntil(lambda: chart._pending is None, timeout=120_000)
    assert len(chart.rows) >= len(list(evaluate_family(chart._text, settings=cache_settings())))
