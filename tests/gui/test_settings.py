"""Settings: typed defaults from the core, round trips, no stray keys, and a file that is only data."""

from __future__ import annotations

import json
import logging
import os
import pathlib
import subprocess
import sys
import threading

import hypothesis
import pytest
from hypothesis import strategies as st
from PySide6.QtCore import QByteArray, QSettings

from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.gui import settings as settings_module
from kvviz.gui.settings import MAX_FILE_BYTES, MODEL_FIELDS, VIEW_DEFAULTS, Settings, int_range, model_defaults

ALL_KEYS = [*VIEW_DEFAULTS, *model_defaults()]


def _user_settings_path():
    """The default settings path, which conftest points under a temporary folder (looked up when called)."""
    path = settings_module.default_path()
    assert not str(path).startswith(str(pathlib.Path.home() / ".config")), "a test must never touch real settings"
    return path


def _defaults() -> dict:
    return {**VIEW_DEFAULTS, **model_defaults()}


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "kvviz.gui.settings"]


def test_model_defaults_are_the_core_defaults(settings):
    config = default_config()
    for name in MODEL_FIELDS:
        expected = getattr(config, name)
        assert settings.get(f"model/{name}") == (expected if name != "head_dim" else expected or 0)
    assert settings.get("model/prompt") == DEFAULT_PROMPT


def test_values_round_trip_through_the_file_with_their_types(tmp_path):
    path = tmp_path / "s.json"
    first = Settings(path)
    first.update({"model/n_layers": 3, "model/dtype": "float16", "model/prompt": "héllo, world", "view/head": 2})
    first.set("window/geometry", QByteArray(b"\x01\x02"))
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


def test_the_file_is_plain_json_with_only_the_given_path_written(tmp_path):
    path = tmp_path / "s.json"
    s = Settings(path)
    s.set("view/layer", 1)
    assert s.path == str(path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"view/layer": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]


def test_values_of_keys_not_read_yet_survive_a_write(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"model/prompt": "kept", "view/head": 3}), encoding="utf-8")
    Settings(path).set("view/layer", 1)
    assert Settings(path).get("model/prompt") == "kept"
    assert Settings(path).get("view/head") == 3


#: Values that do not fit their key, each with why.
BAD_VALUES = {
    "view/layer": "three",  # text for an integer
    "play/steps_per_second": 2.5,  # not an integer
    "export/width": 10**9,  # a picture 10⁹ px wide: a huge allocation
    "export/height": -5,
    "export/scale": True,  # a JSON boolean is not an integer
    "model/n_layers": 10**6,  # beyond what the control allows: a model too large to build
    "model/context_length": 0,
    "model/prompt": ["a", "list"],
    "model/dtype": {"nested": {"object": 1}},
    "view/theme": None,
    "model/weights": "path\0with a NUL",
    "window/geometry": "not base64!",
    "window/state": 12,
}


def test_each_value_that_does_not_fit_gets_its_default_back_with_one_logged_line(tmp_path, caplog):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({**BAD_VALUES, "view/head": 2}), encoding="utf-8")
    s = Settings(path)
    with caplog.at_level(logging.WARNING):
        for key in ALL_KEYS:
            s.get(key)
            s.get(key)  # read twice, logged once
    defaults = _defaults()
    for key in BAD_VALUES:
        assert s.get(key) == defaults[key], key
    assert s.get("view/head") == 2  # the good value beside them is kept
    lines = _warnings(caplog)
    assert len(lines) == len(BAD_VALUES)
    assert all("\n" not in line and "using the default" in line for line in lines)


def _hostile_files() -> dict[str, bytes]:
    return {
        "binary junk": bytes(range(256)) * 40,
        "deep nesting": b'{"view/layer": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
        "a huge number": b'{"view/layer": ' + b"9" * 500_000 + b"}",
        "a huge file": b'{"view/layer": 1, "pad": "' + b"x" * MAX_FILE_BYTES + b'"}',
        "not an object": b"[1, 2, 3]",
        "invalid UTF-8": b'{"model/prompt": "\xff\xfe"}',
        "NaN and infinity": b'{"view/layer": NaN, "view/head": -Infinity, "export/width": 1e999}',
        "empty": b"",
    }


@pytest.mark.parametrize("name", list(_hostile_files()))
def test_a_hostile_file_gives_the_defaults_back_with_one_logged_line(tmp_path, caplog, name):
    path = tmp_path / "s.json"
    path.write_bytes(_hostile_files()[name])
    with caplog.at_level(logging.WARNING):
        s = Settings(path)
        values = {key: s.get(key) for key in ALL_KEYS}
    defaults = _defaults()
    assert values == defaults
    lines = _warnings(caplog)
    assert 1 <= len(lines) <= 3, lines  # one for the file, or one per bad value in an otherwise good file
    assert all("\n" not in line and len(line) < 400 for line in lines)


def test_a_settings_path_that_is_no_regular_file_is_refused_at_once(tmp_path, caplog):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    result: list[Settings] = []
    reader = threading.Thread(target=lambda: result.append(Settings(fifo)), daemon=True)
    with caplog.at_level(logging.WARNING):
        reader.start()
        reader.join(10)
    assert result, "reading the settings blocked"
    assert result[0].get("view/layer") == 0
    assert _warnings(caplog) == [f"settings: {fifo} is not a regular file; using the defaults"]


def test_every_integer_setting_has_a_range():
    for key, default in _defaults().items():
        if isinstance(default, int):
            lo, hi = int_range(key)
            assert lo <= default <= hi, key


def test_a_failed_write_keeps_the_old_file_and_raises_nothing(tmp_path, caplog, monkeypatch):
    from kvviz import atomic_file

    def disk_full(path, write):
        def write_then_fail(tmp):
            write(tmp)
            raise OSError(28, "No space left on device")

        return atomic_file.write_atomic(path, write_then_fail)

    path = tmp_path / "s.json"
    path.write_text(json.dumps({"view/head": 3}), encoding="utf-8")
    monkeypatch.setattr("kvviz.gui.settings.write_atomic", disk_full)
    s = Settings(path)
    with caplog.at_level(logging.WARNING):
        s.set("view/layer", 1)
    assert s.get("view/layer") == 1  # this session keeps the value
    assert json.loads(path.read_text(encoding="utf-8")) == {"view/head": 3}  # and the file is whole
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]
    assert len(_warnings(caplog)) == 1
    unwritable = tmp_path / "s.json" / "inside-a-file.json"
    with caplog.at_level(logging.WARNING):
        Settings(unwritable).set("view/layer", 1)
    assert len(_warnings(caplog)) == 3  # it cannot be read either


# -- a settings file that would run code ------------------------------------------------------------


class _Planted:
    """What a crafted settings value unpickles to: a call that leaves a file behind."""

    def __init__(self, marker: pathlib.Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (pathlib.Path.touch, (self.marker,))


def _planted_variant(tmp_path: pathlib.Path, marker: pathlib.Path) -> str:
    """The ``@Variant(…PyObjectWrapper…)`` text QSettings writes for a Python object, checked to be live."""
    carrier = tmp_path / "carrier.ini"
    writer = QSettings(str(carrier), QSettings.Format.IniFormat)
    writer.setValue("x", _Planted(marker))
    writer.sync()
    del writer
    read = f"from PySide6.QtCore import QSettings; QSettings({str(carrier)!r}, QSettings.Format.IniFormat).value('x')"
    subprocess.run([sys.executable, "-c", read], check=True, timeout=60)  # a fresh QSettings reading it: live?
    assert marker.exists(), "the planted value is not live: this test would prove nothing"
    marker.unlink()
    line = next(line for line in carrier.read_text(encoding="latin-1").splitlines() if line.startswith("x="))
    assert "PyObjectWrapper" in line
    return line.removeprefix("x=")


def test_a_value_planted_in_every_key_runs_nothing_when_the_app_launches(qtbot, tmp_path):
    """Every key of the settings file, and of an old kvviz.ini beside it, holds a value QSettings would unpickle."""
    from kvviz.gui.app import launch

    marker = tmp_path / "code-ran"
    variant = _planted_variant(tmp_path, marker)
    ini = "".join(f"[{group}]\n{name}={variant}\n" for group, name in (key.split("/") for key in ALL_KEYS))
    default = _user_settings_path()
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_text(json.dumps(dict.fromkeys(ALL_KEYS, variant)), encoding="utf-8")
    default.with_suffix(".ini").write_text(ini, encoding="latin-1")  # the file QSettings used to read
    shared = tmp_path / "shared-kvviz.ini"
    shared.write_text(ini, encoding="latin-1")

    for settings in (Settings(), Settings(shared)):
        _app, window = launch([], settings)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.ready, timeout=30_000):
            pass
        assert not marker.exists()
        assert window.controller.current.step == 0
        assert window.controller.config == default_config()  # planted values are no model: the defaults run
        window.close()
    assert not marker.exists()


def test_plain_values_of_the_old_ini_file_carry_over_and_nothing_else_is_decoded(tmp_path):
    marker = tmp_path / "code-ran"
    variant = _planted_variant(tmp_path, marker)
    old = _user_settings_path().with_suffix(".ini")
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text(
        "[model]\nn_layers=3\ndtype=float16\nprompt=The KV cache\n"
        f"weights={variant}\n"
        "[view]\nlayer=1\ntheme=slide\n"
        "[window]\ngeometry=@ByteArray(\\x1\\x2)\n"
        '[export]\nfolder="/tmp/a, b"\n',
        encoding="latin-1",
    )
    s = Settings()
    assert [s.get(k) for k in ("model/n_layers", "model/dtype", "model/prompt")] == [3, "float16", "The KV cache"]
    assert [s.get(k) for k in ("view/layer", "view/theme")] == [1, "slide"]
    defaults = _defaults()
    for key in ("model/weights", "window/geometry", "export/folder"):
        assert s.get(key) == defaults[key], key
    assert not marker.exists()
    s.set("view/head", 2)  # the settings go on in JSON; the old file is left as it was
    assert json.loads(_user_settings_path().read_text(encoding="utf-8"))["model/n_layers"] == 3
    assert Settings().get("view/head") == 2


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(st.dictionaries(st.sampled_from(ALL_KEYS) | st.text(max_size=10), json_values, max_size=8))
def test_any_json_object_gives_each_setting_a_value_of_its_type_and_range(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("s") / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    s = Settings(path)
    for key, default in _defaults().items():
        value = s.get(key)
        assert type(value) is type(default), key
        if isinstance(default, int):
            lo, hi = int_range(key)
            assert lo <= value <= hi
            assert value == default or value == data[key]  # the file's own number, or the default
        if isinstance(default, str) and key in data and isinstance(data[key], str) and "\0" not in data[key]:
            assert value == data[key]  # text is kept as it was written
