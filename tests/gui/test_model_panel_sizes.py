"""The model panel refuses a model beyond the machine's memory through the core's own check."""

from kvviz.core import config as config_module
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.run import RunSpec
from kvviz.gui.theme import DARK
from kvviz.gui.views.controls import ModelControls


def test_a_context_beyond_memory_is_explained_under_its_field(qtbot, monkeypatch):
    controls = ModelControls(DARK)
    qtbot.addWidget(controls)
    controls.set_choice(RunSpec(default_config(), DEFAULT_PROMPT, weights="random"))
    monkeypatch.setattr(config_module, "memory_bytes", lambda: 4 * 2**20)  # the default model takes ~3.4 MiB
    controls.spins["context_length"].setValue(1024)  # ~2 MiB more of K/V cache
    shown = {name: label.text() for name, label in controls.errors.items() if not label.isHidden()}
    assert list(shown) == ["context_length"]
    assert shown["context_length"].startswith("too large: a run needs 4.9")
    assert "more than this machine's 4 MiB of memory" in shown["context_length"]
    assert not controls.apply_button.isEnabled()
    controls.spins["context_length"].setValue(256)
    assert controls.errors["context_length"].isHidden()
