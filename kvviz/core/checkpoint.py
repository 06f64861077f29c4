"""Saved weights for the tiny decoder: the trained model shipped in ``kvviz.assets``, or a user's own file.

A checkpoint is data, never code: it is read only with ``torch.load(weights_only=True)``, and
everything in it (format tag, version, config, every tensor's name and shape) is checked
before a model sees it, so a wrong or damaged file fails with one line naming the file and
the problem instead of a torch traceback or, worse, a model that runs on garbage.

Weights fix the shape of the model (layers, heads, widths) but not how it runs: dtype, batch,
context length and seed stay free. Rotary positions have no learned table, so a context
longer than the one trained on is allowed (quality fades past it).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import torch

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.decoder import ModelSource
from kvviz.core.model import TinyDecoder, parameter_shapes
from kvviz.core.variants import default_variant, trained_path, variant_for
from kvviz.i18n import translate

FORMAT = "kvviz-checkpoint"
VERSION = 1
#: The trained weights of the default shape, which the app, ``kvviz trace`` and ``kvviz export`` start with.
#: Looked up as package data, so a normal install finds them as a checkout does.
TRAINED_WEIGHTS = default_variant().path
#: The suffix of a checkpoint's name; its Markdown model card sits beside it with ``.md``.
CHECKPOINT_SUFFIX = ".pt"
#: Tensors are stored in half precision: half the bytes, and far below what changes a token.
STORAGE_DTYPE = torch.float16

#: Config fields that fix tensor shapes, by the name a user sets them with.
SHAPE_FIELDS = ("vocab_size", "d_model", "n_layers", "n_heads", "n_kv_heads", "head_dim", "mlp_ratio")

#: "trained" (the shipped variant of the config's shape), "random" (seeded init, any shape) or a checkpoint file.
Weights = Literal["trained", "random"] | Path


class CheckpointError(ValueError):
    """A weights file that cannot be used; the message is one line naming the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


@dataclass(frozen=True)
class Checkpoint:
    """A validated checkpoint: ``state_dict`` matches ``TinyDecoder(config)`` key for key, shape for shape.

    ``card`` holds how the weights were made (training data, steps, losses); files that were
    not written by ``kvviz train`` may leave it empty.
    """

    path: Path
    config: ModelConfig
    state_dict: dict[str, torch.Tensor]
    card: dict[str, Any] = field(default_factory=dict)

    @property
    def n_parameters(self) -> int:
        """Distinct parameters; the LM head is tied to the embedding, so it is not counted twice."""
        return sum(t.numel() for t in self.state_dict.values())


def weights_from_text(text: str) -> Weights:
    """Read a user's choice as typed on a command line: "trained", "random" or a path."""
    return text if text in ("trained", "random") else Path(text)  # type: ignore[return-value]


def weights_label(weights: Weights | ModelSource) -> str:
    """How a choice of weights reads in a title or an error message."""
    if isinstance(weights, ModelSource):
        return weights.label
    return weights if isinstance(weights, str) else Path(weights).name


def save_checkpoint(path: str | Path, model: TinyDecoder, card: dict[str, Any] | None = None) -> None:
    """Write ``model`` in the format :func:`load_checkpoint` reads, tensors in :data:`STORAGE_DTYPE`."""
    state = {name: t.detach().to(STORAGE_DTYPE).clone() for name, t in model.state_dict().items()}
    payload = {
        "format": FORMAT,
        "version": VERSION,
        "config": model.config.to_dict(),
        "state_dict": state,
        "card": dict(card or {}),
    }
    torch.save(payload, Path(path))


def load_checkpoint(path: str | Path) -> Checkpoint:
    """Read and validate a checkpoint file; any problem raises :class:`CheckpointError`."""
    path = Path(path)
    payload = _read(path)
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        problem = translate("checkpoint", 'is not a kvviz checkpoint (no "format": "{format}" entry)')
        raise CheckpointError(path, problem.format(format=FORMAT))
    version = payload.get("version")
    if version != VERSION:
        problem = translate("checkpoint", "has checkpoint version {version}; this kvviz reads version {supported}")
        raise CheckpointError(path, problem.format(version=repr(version), supported=VERSION))
    raw_config = payload.get("config")
    if not isinstance(raw_config, dict):
        raise CheckpointError(path, translate("checkpoint", "has no model config"))
    try:
        config = ModelConfig.from_dict(raw_config)
    except (ConfigError, TypeError) as exc:
        problem = translate("checkpoint", "has an invalid model config: {reason}")
        raise CheckpointError(path, problem.format(reason=exc)) from exc
    state_dict = payload.get("state_dict")
    if not isinstance(state_dict, dict):
        raise CheckpointError(path, translate("checkpoint", "has no state_dict of weights"))
    _check_tensors(path, config, state_dict)
    card = payload.get("card", {})
    if not isinstance(card, dict):
        raise CheckpointError(path, translate("checkpoint", "has a model card that is not a mapping"))
    return Checkpoint(path, config, state_dict, card)


def weights_path(weights: Weights, config: ModelConfig) -> Path | None:
    """The file behind a choice of weights for ``config``; None for random weights.

    "trained" is the shipped variant of ``config``'s shape (a ConfigError if there is none).
    """
    if weights == "random":
        return None
    return trained_path(config) if weights == "trained" else Path(weights)


def config_for_weights(weights: Weights, config: ModelConfig) -> ModelConfig:
    """``config`` with its shape fields taken from the weights (random weights keep every field).

    What a settings panel calls when the user picks weights: dtype, batch, context and
    seed stay as the user set them; layers, heads and widths follow the file. "trained"
    keeps a shape that has a trained variant and otherwise takes the default variant's.
    """
    if weights == "random":
        return config
    if weights == "trained" and variant_for(config) is None:
        config = config.replace(**_shape_fields(default_variant().config))
    fixed = load_checkpoint(weights_path(weights, config)).config  # read, so a missing or damaged file says so now
    return config.replace(**_shape_fields(fixed))


def _shape_fields(config: ModelConfig) -> dict[str, int | None]:
    return {name: getattr(config, name) for name in SHAPE_FIELDS}


def build_model(config: ModelConfig, weights: Weights = "trained") -> TinyDecoder:
    """The decoder ``config`` describes, with random or saved weights, cast to ``config.dtype``.

    Saved weights refuse a config whose shape differs: a :class:`ConfigError` names the first
    field that disagrees, so the UI can point at it. A bad file raises :class:`CheckpointError`.
    """
    path = weights_path(weights, config)
    model = TinyDecoder(config)
    if path is None:
        return model
    checkpoint = load_checkpoint(path)
    check_shape_matches(shape_of(config), checkpoint.config, weights_label(weights))
    model.load_state_dict(checkpoint.state_dict)  # copies into config.dtype
    return model


def shape_of(config: ModelConfig) -> dict[str, int]:
    """The values of :data:`SHAPE_FIELDS` (``head_dim`` resolved, so 128/4 heads and head_dim 32 agree)."""
    return {name: config.dim_head if name == "head_dim" else getattr(config, name) for name in SHAPE_FIELDS}


def check_shape_matches(shape: Mapping[str, int], fixed: ModelConfig, label: str) -> None:
    """Raise ConfigError on the first field of ``shape`` that differs from the weights' config ``fixed``.

    ``shape`` may hold only some fields (the options a user gave), or all (:func:`shape_of`).
    """
    wanted = shape_of(fixed)
    for name, got in shape.items():
        if got != wanted[name]:
            rule = translate(
                "checkpoint",
                "is fixed at {value} by the {label} weights, got {got}; choose random weights to change it",
            ).format(value=wanted[name], label=label, got=got)
            raise ConfigError(name, rule)


def _read(path: Path) -> Any:
    """Unpickle tensors and plain data only; anything else is refused, never run."""
    if not path.exists():
        raise CheckpointError(path, translate("checkpoint", "does not exist"))
    if not path.is_file():
        raise CheckpointError(path, translate("checkpoint", "is not a file"))
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        problem = translate("checkpoint", "cannot be read: {reason}")
        raise CheckpointError(path, problem.format(reason=exc.strerror or exc)) from exc
    if not zipfile.is_zipfile(path):
        problem = translate("checkpoint", "is not a torch.save zip archive (damaged, truncated or another format)")
        raise CheckpointError(path, problem)
    _check_declared_sizes(path)
    try:
        return torch.load(path, weights_only=True, map_location="cpu")
    except Exception as exc:  # a damaged archive raises almost anything; all mean "unusable file"
        message = str(exc)
        refused = re.search(r"(?:unsupported|Unsupported global:) GLOBAL ([\w.]+)", message)
        if refused or "Weights only load failed" in message:
            what = f" ({refused.group(1)})" if refused else ""
            problem = translate("checkpoint", "holds Python objects, not only tensors{what}; refused to load it")
            raise CheckpointError(path, problem.format(what=what)) from exc
        first_line = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
        raise CheckpointError(path, translate("checkpoint", "is damaged: {reason}").format(reason=first_line)) from exc


def _check_declared_sizes(path: Path) -> None:
    """Refuse, before torch reads a byte of it, an archive that unpacks to more than its own size.

    torch allocates each record at the size the archive declares. torch.save stores records
    uncompressed, so its files never declare more than they hold; a compressed record is how
    a 2 MB file would make torch allocate gigabytes.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CheckpointError(path, translate("checkpoint", "is damaged: {reason}").format(reason=exc)) from exc
    packed = [entry.filename for entry in entries if entry.compress_type != zipfile.ZIP_STORED]
    if packed:
        problem = translate("checkpoint", "has compressed records ({names}), which torch.save never writes; refused")
        raise CheckpointError(path, problem.format(names=_some(packed)))
    declared, size = sum(entry.file_size for entry in entries), path.stat().st_size
    if declared > size:
        problem = translate("checkpoint", "declares {declared} bytes of records in a file of {size} bytes; refused")
        raise CheckpointError(path, problem.format(declared=f"{declared:,}", size=f"{size:,}"))


def _check_tensors(path: Path, config: ModelConfig, state_dict: dict[Any, Any]) -> None:
    """Same names and shapes as the model the config builds, floating point and finite."""
    expected = parameter_shapes(config)  # no memory, however large the config claims to be
    missing = [name for name in expected if name not in state_dict]
    if missing:
        problem = translate("checkpoint", "lacks tensor {names} that its config needs")
        raise CheckpointError(path, problem.format(names=_some(missing)))
    extra = sorted(str(name) for name in state_dict if name not in expected)
    if extra:
        problem = translate("checkpoint", "has tensor {names} that its config does not use")
        raise CheckpointError(path, problem.format(names=_some(extra)))
    for name, shape in expected.items():
        tensor = state_dict[name]
        if not isinstance(tensor, torch.Tensor) or not tensor.is_floating_point():
            raise CheckpointError(
                path, translate("checkpoint", "{name} is not a floating-point tensor").format(name=name)
            )
        if tuple(tensor.shape) != shape:
            problem = translate("checkpoint", "{name} has shape {shape}, but its config needs {needed}")
            raise CheckpointError(path, problem.format(name=name, shape=tuple(tensor.shape), needed=shape))
        if not torch.isfinite(tensor).all():
            raise CheckpointError(
                path, translate("checkpoint", "{name} holds NaN or infinite values").format(name=name)
            )


def _some(names: list[str]) -> str:
    if len(names) == 1:
        return repr(names[0])
    return translate("checkpoint", "{name} (and {more} more)").format(name=repr(names[0]), more=len(names) - 1)
