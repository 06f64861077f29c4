"""Settings that survive a restart: plain JSON behind a table of typed defaults.

The settings file is data, never code. QSettings unpickles ``@Variant(…PyObjectWrapper…)``
values when it reads them, so a shared or planted ``kvviz.ini`` could run a command at
launch; this module never hands the file to QSettings: it reads JSON with :mod:`json`
and keeps only values of each default's own type and range. A file that cannot be read
(binary junk, deep nesting, larger than :data:`MAX_FILE_BYTES`) gives every default back,
a value that does not fit gives its own default back, each with one logged line.
Unknown keys are rejected on both read and write so a typo cannot silently store a
setting nobody reads. Tests pass a ``path`` under ``tmp_path`` and never touch the
user's settings.

Model defaults come from :mod:`kvviz.core.defaults`, which imports torch; they are looked
up only when a model setting is first read, so the window can paint before torch loads.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import stat
from functools import cache
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QStandardPaths

from kvviz.atomic_file import write_atomic
from kvviz.gui.control_ranges import POLICY_RANGES, RANGES

log = logging.getLogger(__name__)

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
#: while the full policy is chosen, so switching back restores them), and the cache's storage type;
#: and the Hugging Face model folder the run's weights come from ("" for the tiny decoder's weights),
#: a path as plain text that a relaunch opens again (or, if it is gone, says so and runs the default).
RUN_DEFAULTS: dict[str, Any] = {
    "model/policy": "full",
    "model/window": 32,
    "model/sinks": 4,
    "model/cache_dtype": "model",
    "model/folder": "",
}

#: Settings of the window and the views, with their defaults; the default's type is the setting's type.
VIEW_DEFAULTS: dict[str, Any] = {
    "model/max_new_tokens": 0,  # 0: until the context is full
    "view/layer": 0,
    "view/head": 0,
    "play/steps_per_second": 4,
    "view/theme": "dark",  # a name in kvviz.gui.theme.THEMES
    "view/language": "",  # a code in kvviz.i18n.LANGUAGES; "" follows the system (kvviz.gui.language)
    "export/folder": "",  # last folder an export went to; "" is the home folder
    "export/panel": "attention",
    "export/scale": 2,  # 0: fixed size (export/width × export/height)
    "export/width": 1920,
    "export/height": 1080,
    "export/frame_ms": 500,
    "window/geometry": QByteArray(),
    "window/state": QByteArray(),
}

#: (minimum, maximum) of the integer settings the model controls do not bound (see :func:`int_range`).
VIEW_RANGES: dict[str, tuple[int, int]] = {
    "view/layer": (0, 63),
    "view/head": (0, 63),
    "play/steps_per_second": (1, 60),
    "export/scale": (0, 4),
    "export/width": (16, 16384),
    "export/height": (16, 16384),
    "export/frame_ms": (20, 60_000),
}

#: A settings file larger than this is not one the app wrote (a few kB); it is not read at all.
MAX_FILE_BYTES = 1 << 20
#: Longest text or window-layout value kept (a prompt, a path, a saved dock layout).
MAX_VALUE_CHARS = 1 << 16


def default_path() -> Path:
    """Where the app keeps its settings: ``kvviz/kvviz.json`` in the user's configuration folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder) / "kvviz" / "kvviz.json"


class Settings:
    """Typed access to the app's settings file (JSON); every value read is checked, none is run."""

    def __init__(self, path: str | Path | None = None) -> None:
        self._path = Path(path) if path is not None else default_path()
        self._raw = _read_file(self._path)
        if path is None and not self._raw and not self._path.exists():  # first launch since settings were INI
            self._raw = _read_old_ini(self._path.with_suffix(".ini"))
        self._values: dict[str, Any] = {}  # checked values, by key
        self._dirty = False

    @property
    def path(self) -> str:
        return str(self._path)

    def get(self, key: str) -> Any:
        if key in self._values:
            return self._values[key]
        default = _default(key)
        value = default
        if key in self._raw:
            try:
                value = _checked(key, self._raw[key], default)
            except (TypeError, ValueError) as exc:
                log.warning("settings: %s in %s is not usable (%s); using the default %r", key, self.path, exc, default)
        self._values[key] = value
        return value

    def set(self, key: str, value: Any) -> None:
        self.update({key: value})

    def update(self, values: dict[str, Any]) -> None:
        """Store ``values`` and write the file at once, as a crash must not lose them."""
        converted = {key: _convert(value, _default(key)) for key, value in values.items()}
        self._values.update(converted)
        self._dirty = True
        self.sync()

    def sync(self) -> None:
        """Write the file if anything changed since: whole, so a failed write leaves the old file intact."""
        if not self._dirty:
            return
        stored = {key: self._raw[key] for key in self._raw if key not in self._values}
        stored.update({key: _stored(value) for key, value in self._values.items()})
        text = json.dumps(stored, indent=1, sort_keys=True, ensure_ascii=False)
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8"))
        except OSError as exc:
            log.warning("settings: cannot write %s (%s); this session's settings are not saved", self.path, exc)
            return
        self._raw, self._dirty = stored, False


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


def int_range(key: str) -> tuple[int, int]:
    """The values an integer setting may take: what its control accepts, so a saved value always fits it."""
    if key in VIEW_RANGES:
        return VIEW_RANGES[key]
    name = key.removeprefix("model/")
    return {**RANGES, **POLICY_RANGES}[name]


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None (with one logged line unless it is missing) when it cannot be used."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device would block or never end
            log.warning("settings: %s is not a regular file; using the defaults", path)
            return None
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("settings: cannot read %s (%s); using the defaults", path, exc.strerror or exc)
        return None
    if len(data) > MAX_FILE_BYTES:
        log.warning("settings: %s is larger than %d bytes; using the defaults", path, MAX_FILE_BYTES)
        return None
    return data


def _read_file(path: Path) -> dict[str, Any]:
    """The file's top-level object, or {} (with one logged line) when it is missing or not usable."""
    data = _read_bytes(path)
    if data is None:
        return {}
    try:
        raw = json.loads(data.decode("utf-8"), parse_int=_parse_int)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:120]
        log.warning("settings: %s is not a JSON settings file (%s); using the defaults", path, reason)
        return {}
    if not isinstance(raw, dict):
        log.warning("settings: %s does not hold a JSON object; using the defaults", path)
        return {}
    return raw


def _read_old_ini(path: Path) -> dict[str, Any]:
    """The plain values of the INI file earlier versions kept through QSettings, read as text.

    Only integers and plain text carry over: anything Qt escaped, quoted or wrapped (``@Variant``,
    ``@ByteArray``, lists) is left behind, so nothing in the file is ever decoded, let alone run.
    """
    data = _read_bytes(path)
    if data is None:
        return {}
    values: dict[str, Any] = {}
    group = ""
    for line in data.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1]
            continue
        name, equals, value = line.partition("=")
        if equals and not any(mark in value for mark in '@\\",\ufffd'):
            values[f"{group}/{name}"] = int(value) if re.fullmatch(r"-?[0-9]{1,18}", value) else value
    if values:
        log.info("settings: carried %d plain values over from %s", len(values), path)
    return values


def _parse_int(text: str) -> int | float:
    """A JSON integer; one too long to be any setting reads as infinity, which no integer setting accepts."""
    return int(text) if len(text) <= 24 else float("inf")


def _default(key: str) -> Any:
    if key in VIEW_DEFAULTS:
        return VIEW_DEFAULTS[key]
    if key.startswith("model/") and key in model_defaults():
        return model_defaults()[key]
    raise KeyError(f"unknown setting {key!r}")


def _checked(key: str, raw: Any, default: Any) -> Any:
    """A value read from the file, if it has the default's type and fits; raises ValueError/TypeError."""
    if isinstance(default, QByteArray):
        if not isinstance(raw, str) or len(raw) > MAX_VALUE_CHARS:
            raise TypeError("expected base64 text")
        try:
            return QByteArray(base64.b64decode(raw, validate=True))
        except binascii.Error as exc:
            raise ValueError(f"not base64: {exc}") from exc
    if isinstance(default, int):
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError(f"expected an integer, got {_kind(raw)}")
        lo, hi = int_range(key)
        if not lo <= raw <= hi:
            raise ValueError(f"{raw} is outside {lo}..{hi}")
        return raw
    if isinstance(default, str):
        if not isinstance(raw, str):
            raise TypeError(f"expected text, got {_kind(raw)}")
        if len(raw) > MAX_VALUE_CHARS or "\0" in raw:
            raise ValueError("text too long or holding a NUL character")
        return raw
    raise TypeError(f"no settings of type {type(default).__name__}")


def _kind(raw: Any) -> str:
    """A JSON value's kind, short enough for a log line (never the value itself, which may be huge)."""
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", float: "a number"}.get(
        type(raw), type(raw).__name__
    )


def _convert(value: Any, default: Any) -> Any:
    """``value``, set by the app itself, as the type of ``default``."""
    if isinstance(default, QByteArray):
        if isinstance(value, QByteArray):
            return QByteArray(value)
        if isinstance(value, bytes):
            return QByteArray(value)
        raise TypeError(f"expected bytes, got {type(value).__name__}")
    if isinstance(default, int):
        if isinstance(value, float) and not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise TypeError(f"expected text, got {type(value).__name__}")
        return value
    raise TypeError(f"no conversion for settings of type {type(default).__name__}")


def _stored(value: Any) -> Any:
    """A checked value as JSON holds it (window layouts as base64 text)."""
    if isinstance(value, QByteArray):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value
