"""Settings: typed defaults from the core, round trips, and no stray keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray

from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.gui.settings import MODEL_FIELDS, Settings


def test_model_defaults_are_the_core_defaults(settings):
    config = default_config()
    for name in MODEL_FIELDS:
        expected = getattr(config, name)
        assert settings.get(f"model/{name}") == (expected if name != "head_dim" else expected or 0)
    assert settings.get("model/prompt") == DEFAULT_PROMPT


def test_values_round_trip_through_the_file_with_their_types(tmp_path):
    path = tmp_path / "s.ini"
    first = Settings(path)
    first.update({"model/n_layers": 3, "model/dtype": "float16", "model/prompt": "héllo, world", "view/head": 2})
    first.set("window/geometry", QByteArray(b"\x01\x02"))
    first.sync()
    again = Settings(path)
    assert again.get("model/n_layers") == 3
    assert isinstance(again.get("model/n_layers"), int)
    assert again.get("model/dtype") == "float16"
    assert again.get("model/prompt") == "héllo, world"
    assert again.get("view/head") == 2
    assert bytes(again.get("window/geometry")) == b"\x01\x02"


def test_unknown_keys_are_rejected(settings):
    with pytest.raises(KeyError):
        settings.get("model/n_layer")
    with pytest.raises(KeyError):
        settings.set("colour", "red")


def test_a_value_that_does_not_convert_falls_back_to_the_default(tmp_path):
    path = tmp_path / "s.ini"
    path.write_text("[view]\nlayer=three\n[play]\nsteps_per_second=2.5\n", encoding="utf-8")
    s = Settings(path)
    assert s.get("view/layer") == 0
    assert s.get("play/steps_per_second") == 4


def test_only_the_given_file_is_written(tmp_path):
    path = tmp_path / "s.ini"
    s = Settings(path)
    s.set("view/layer", 1)
    s.sync()
    assert s.path == str(path)
    assert "layer=1" in path.read_text(encoding="utf-8")
