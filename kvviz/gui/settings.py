"""Settings that survive a restart, behind a table of typed defaults.

QSettings hands back strings from INI files and whatever was stored last from anywhere,
so every read goes through the default's type, and a value that does not convert
falls back to the default instead of reaching a widget. Unknown keys are rejected on
both read and write so a typo cannot silently store a setting nobody reads.
Tests pass a ``path`` under ``tmp_path`` and never touch the user's settings.

Model defaults come from :mod:`kvviz.core.defaults`, which imports torch; they are looked
up only when a model setting is first read, so the window can paint before torch loads.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

#: Config fields the model controls set, stored as ``model/<field>``; head_dim 0 means d_model / n_heads.
MODEL_FIELDS = (
    "n_layers",
    "n_heads",
    "n_kv_heads",
    "d_model",
    "head_dim",
    "dtype",
    "batch_size",
    "context_length",
    "seed",
)

#: How the run uses its cache: policy kind ("full", "window", "sink"), window W and sinks S (kept
#: while the full policy is chosen, so switching back restores them), and the cache's storage type.
RUN_DEFAULTS: dict[str, Any] = {
    "model/policy": "full",
    "model/window": 32,
    "model/sinks": 4,
    "model/cache_dtype": "model",
}

#: Settings of the window and the views, with their defaults; the default's type is the setting's type.
VIEW_DEFAULTS: dict[str, Any] = {
    "model/max_new_tokens": 0,  # 0: until the context is full
    "view/layer": 0,
    "view/head": 0,
    "play/steps_per_second": 4,
    "view/theme": "dark",  # a name in kvviz.gui.theme.THEMES
    "export/folder": "",  # last folder an export went to; "" is the home folder
    "export/panel": "attention",
    "export/scale": 2,  # 0: fixed size (export/width × export/height)
    "export/width": 1920,
    "export/height": 1080,
    "export/frame_ms": 500,
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
}


class Settings:
    """Typed access to the app's QSettings (an INI file)."""

    def __init__(self, path: str | Path | None = None) -> None:
        if path is None:
            self._store = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "kvviz", "kvviz")
        else:
            self._store = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._store.fileName()

    def get(self, key: str) -> Any:
        default = _default(key)
        raw = self._store.value(key, default)
        try:
            return _convert(raw, default)
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        default = _default(key)
        self._store.setValue(key, _convert(value, default))

    def update(self, values: dict[str, Any]) -> None:
        for key, value in values.items():
            self.set(key, value)

    def sync(self) -> None:
        self._store.sync()


@cache
def model_defaults() -> dict[str, Any]:
    """``model/*`` defaults from the core's default configuration and prompt."""
    from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config

    config = default_config()
    values: dict[str, Any] = {f"model/{name}": getattr(config, name) for name in MODEL_FIELDS}
    values["model/head_dim"] = config.head_dim or 0
    values["model/prompt"] = DEFAULT_PROMPT
    values.update(RUN_DEFAULTS)
    values["model/weights"] = DEFAULT_WEIGHTS  # "trained", "random" or a checkpoint's path
    return values


def _default(key: str) -> Any:
    if key in VIEW_DEFAULTS:
        return VIEW_DEFAULTS[key]
    if key.startswith("model/") and key in model_defaults():
        return model_defaults()[key]
    raise KeyError(f"unknown setting {key!r}")


def _convert(value: Any, default: Any) -> Any:
    """``value`` as the type of ``default``; raises ValueError/TypeError when it cannot be."""
    if isinstance(default, QByteArray):
        if isinstance(value, QByteArray):
            return value
        if isinstance(value, bytes):
            return QByteArray(value)
        raise TypeError(f"expected bytes, got {type(value).__name__}")
    if isinstance(default, bool):
        if isinstance(value, str):
            if value.lower() not in ("true", "false"):
                raise ValueError(f"not a boolean: {value!r}")
            return value.lower() == "true"
        return bool(value)
    if isinstance(default, int):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise TypeError(f"expected text, got {type(value).__name__}")
        return value
    raise TypeError(f"no conversion for settings of type {type(default).__name__}")
