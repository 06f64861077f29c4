"""A model folder comes back at relaunch; gone or broken, the default model runs and one line says why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kvviz.core.defaults import DEFAULT_WEIGHTS, default_config
from kvviz.core.run import RunSpec
from kvviz.gui.run_settings import first_run, spec_to_settings
from kvviz.gui.settings import Settings
from kvviz.hf.weights import ModelFolderWeights


def saved_with(folder: Path, settings_file: Path) -> Settings:
    """What the app writes when it closes on ``folder``'s model (context 40), read back as at a launch."""
    weights = ModelFolderWeights(folder)
    config = weights.configure(default_config().replace(context_length=40))
    Settings(settings_file).update(spec_to_settings(RunSpec(config=config, prompt="Keys", weights=weights), 32, 4))
    return Settings(settings_file)


def test_a_saved_model_folder_is_opened_again(model_folders, tmp_path):
    settings = saved_with(model_folders["gpt2"], tmp_path / "kvviz.json")
    stored = json.loads((tmp_path / "kvviz.json").read_text(encoding="utf-8"))
    assert stored["model/folder"] == str(model_folders["gpt2"])  # plain text, nothing pickled
    first = first_run(settings)
    assert first.notice == first.weights_problem == ""
    spec = first.run.spec
    assert isinstance(spec.weights, ModelFolderWeights) and spec.weights.path == model_folders["gpt2"]
    assert spec.config.context_length == 40 and spec.prompt == "Keys"
    assert first.run.current.own_shape["model_type"] == "gpt2"


def test_the_tiny_models_weights_save_no_folder(tmp_path):
    Settings(tmp_path / "kvviz.json").update(spec_to_settings(RunSpec(), 32, 4))
    assert json.loads((tmp_path / "kvviz.json").read_text(encoding="utf-8"))["model/folder"] == ""


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda folder: shutil.rmtree(folder), "does not exist"),
        (lambda folder: (folder / "tokenizer.json").unlink(), "has no tokenizer.json"),
        (lambda folder: (folder / "model.safetensors").write_bytes(b"\0" * 64), "model.safetensors"),
    ],
    ids=["gone", "no tokenizer", "damaged weights"],
)
def test_a_folder_gone_or_broken_at_relaunch_runs_the_default_model_and_says_why(
    model_folders, tmp_path, damage, reason
):
    folder = shutil.copytree(model_folders["llama"], tmp_path / "llama")
    settings = saved_with(folder, tmp_path / "kvviz.json")
    damage(folder)
    first = first_run(settings)
    assert first.run.spec == RunSpec() and first.run.spec.weights == DEFAULT_WEIGHTS  # the default model
    assert first.notice.startswith(f"Saved model folder not opened: {folder}: ")
    assert reason in first.notice and first.notice.endswith("running the default model instead.")
    assert "\n" not in first.notice
