"""GUI test fixtures: settings under tmp_path, a small model, a shown main window."""

from __future__ import annotations

import pytest

from kvviz.gui.settings import Settings
from tests.gui.helpers import shown

#: A model small enough that a window builds and steps in milliseconds.
SMALL_MODEL = {
    "model/n_layers": 2,
    "model/n_heads": 4,
    "model/n_kv_heads": 2,
    "model/d_model": 32,
    "model/head_dim": 0,
    "model/context_length": 64,
    "model/prompt": "KV cache",
    "model/max_new_tokens": 0,
    "model/weights": "random",  # any shape; the trained weights fix it
}


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """As in the app (see Workspace): tiny models run faster and steadier on one intra-op thread."""
    import torch

    torch.set_num_threads(1)


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path_factory, monkeypatch):
    """Anything that opens the default settings file opens one under a temporary directory."""
    user_dir = tmp_path_factory.mktemp("user-settings")
    monkeypatch.setattr("kvviz.gui.settings.default_path", lambda: user_dir / "kvviz.json")


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """Messages the app shows in warning dialogs (recorded instead of blocking on them)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(tmp_path / "kvviz.ini")


@pytest.fixture
def small_settings(settings) -> Settings:
    settings.update(SMALL_MODEL)
    return settings


@pytest.fixture
def window(qtbot, small_settings):
    from kvviz.gui.main_window import MainWindow

    return shown(qtbot, MainWindow(small_settings))
