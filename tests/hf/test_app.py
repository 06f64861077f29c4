"""The app's "Open model folder…": a real model's run in the same views; a bad folder keeps the current one."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings
from safetensors.torch import load_file, save_file

from kvviz.core.policy import CachePolicy
from kvviz.gui.settings import Settings
from tests.gui.conftest import SMALL_MODEL
from tests.gui.helpers import assert_views_show, press_step, shown


@pytest.fixture
def window(qtbot, tmp_path):
    from kvviz.gui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "user"))
    settings = Settings(tmp_path / "kvviz.ini")
    settings.update(SMALL_MODEL)
    return shown(qtbot, MainWindow(settings))


def test_opening_a_model_folder_runs_it_in_every_view(qtbot, window, model_folders):
    assert window.actions.open_model_folder in window.file_menu.actions()
    assert window.session.open_model_folder(model_folders["qwen2"])
    record = window.controller.current
    assert record.config.n_kv_heads == 1 and record.config.n_heads == 4
    assert "qwen2 weights" in window.windowTitle()
    assert window.panels["tokens"].chips[0].label == "⟨s⟩"  # the model's tokenizer labels the strip
    assert window.workspace.controls.notes["prompt"].text() == f"{record.n_prompt} tokens (qwen2's tokenizer)"
    press_step(qtbot, window)
    assert window.controller.current.step == 1
    assert_views_show(window)


def _pickled_only(folder):
    (folder / "model.safetensors").unlink()
    (folder / "pytorch_model.bin").write_bytes(b"not to be unpickled")


def _other_architecture(folder):
    config = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**config, "model_type": "bert"}))


def _tensor_missing(folder):
    tensors = load_file(folder / "model.safetensors")
    del tensors["model.layers.1.mlp.up_proj.weight"]
    save_file(tensors, folder / "model.safetensors", metadata={"format": "pt"})


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda folder: (folder / "tokenizer.json").unlink(), "has no tokenizer.json"),
        (lambda folder: (folder / "config.json").unlink(), "has no config.json"),
        (_pickled_only, "has weights only as pickle files"),
        (_other_architecture, "has model_type 'bert', which kvviz does not run"),
        (_tensor_missing, "lacks tensor 'model.layers.1.mlp.up_proj.weight'"),
    ],
    ids=["no tokenizer", "no config", "pickle only", "unsupported", "tensor missing"],
)
def test_a_bad_folder_is_one_line_and_the_model_stays(window, model_folders, tmp_path, damage, words):
    before = window.controller.current
    broken = shutil.copytree(model_folders["llama"], tmp_path / "broken")
    damage(broken)
    assert not window.session.open_model_folder(broken)
    error = window.workspace.controls.errors["weights"]
    assert words in error.text() and "the previous model keeps running" in error.text()
    assert "\n" not in error.text()
    assert window.controller.current is before


def test_the_help_page_names_the_model_that_runs(window, model_folders):
    page = window.panels["help"]
    assert "A tiny transformer decoder (" in page.toPlainText()
    assert window.session.open_model_folder(model_folders["mistral"])
    text = " ".join(page.toPlainText().split())
    assert "tiny transformer decoder" not in text
    assert text.count("A real Mistral model, mistral (2 layers, 4 query heads, 2 K/V heads;") == 1


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"policy": CachePolicy("window", window=8)}, "policy", "runs with the full cache only"),
        ({"cache_dtype": "int4"}, "cache_dtype", "stores its cache in the model's dtype only"),
    ],
)
def test_a_cache_a_real_model_cannot_keep_is_one_line_and_the_run_stays(window, model_folders, change, field, words):
    assert window.session.open_model_folder(model_folders["llama"])
    before = window.controller.current
    assert not window.session.apply(replace(window.session.spec, **change))
    error = window.workspace.controls.errors[field].text()
    assert words in error and "\n" not in error
    assert window.controller.current is before


def test_a_run_without_the_uncached_pass_says_so_in_the_status_bar_help_and_panel(window):
    assert window.session.apply(replace(window.session.spec, uncached="off"))
    record = window.controller.current
    assert record.uncached is None
    check = window.status_labels["check"].text()
    assert check.startswith("uncached pass not computed (switched off by the user)")
    help_text = " ".join(window.panels["help"].toPlainText().split())
    assert "with a KV cache (right) only: the pass without one (left) is switched off by the user" in help_text
    assert "Every step is run twice" not in help_text
    assert "not computed this step" in window.workspace.uncached.title.text
    assert window.session.apply(replace(window.session.spec, uncached="on"))
    assert "Every step is run twice" in " ".join(window.panels["help"].toPlainText().split())
