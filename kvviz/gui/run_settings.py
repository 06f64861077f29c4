"""The run the app's settings describe, and the first run of a launch.

The settings store a :class:`RunSpec` field by field; :func:`first_run` builds the saved
run through the one builder, falling back to random weights, then to the default run, so
that the app always opens with something to step. A saved model folder is opened again
from its path; if it is gone or broken the default run opens, with a notice saying why
(random weights in a real model's shape would be neither that model nor a tiny one).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from kvviz.core.checkpoint import SHAPE_FIELDS, CheckpointError, weights_from_text
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.decoder import ModelSource
from kvviz.core.defaults import default_config
from kvviz.core.policy import CachePolicy
from kvviz.core.run import Run, RunSpec, build_run
from kvviz.core.variants import resolve_trained
from kvviz.gui.settings import MODEL_FIELDS, RUN_DEFAULTS, Settings

#: Settings that describe the run.
MODEL_KEYS = [
    *(f"model/{name}" for name in MODEL_FIELDS),
    "model/prompt",
    "model/max_new_tokens",
    *RUN_DEFAULTS,
    "model/weights",
]


def make_policy(kind: str, window: int, sinks: int) -> CachePolicy:
    """The policy of ``kind``, taking only the numbers it uses (the form keeps the others)."""
    if kind == "full":
        return CachePolicy()
    return CachePolicy(kind, window=window, sinks=sinks if kind == "sink" else 0)


def spec_from_settings(values: dict[str, Any]) -> RunSpec:
    """The run the settings describe; a value the core rejects raises ConfigError, a model folder that
    cannot be opened CheckpointError."""
    if values["model/folder"]:
        weights, config = _folder_weights(values)
    else:
        fields = {name: values[f"model/{name}"] for name in MODEL_FIELDS}
        fields["head_dim"] = fields["head_dim"] or None
        config = default_config().replace(**fields)
        weights = weights_from_text(values["model/weights"])
    return RunSpec(
        config=config,
        prompt=values["model/prompt"],
        max_new_tokens=values["model/max_new_tokens"] or None,
        policy=make_policy(values["model/policy"], values["model/window"], values["model/sinks"]),
        cache_dtype=values["model/cache_dtype"],
        weights=weights,
    )


def _folder_weights(values: dict[str, Any]) -> tuple[ModelSource, ModelConfig]:
    """The saved model folder and the run's config in its shape; the shape settings are not read (a real
    model's widths lie outside the model panel's ranges), only dtype, batch, context and seed."""
    folder = Path(values["model/folder"])
    try:
        from kvviz.hf.weights import ModelFolderWeights
    except ImportError as exc:
        raise CheckpointError(folder, f"a model folder needs the optional extra kvviz[hf] ({exc})") from exc
    weights = ModelFolderWeights(folder, values["model/dtype"])
    run = {name: values[f"model/{name}"] for name in ("batch_size", "seed")}
    context = min(values["model/context_length"], weights.max_positions)  # opens the folder: CheckpointError
    return weights, weights.configure(default_config().replace(context_length=context, **run))


def spec_to_settings(spec: RunSpec, window: int, sinks: int) -> dict[str, Any]:
    """The settings that describe ``spec``; ``window`` and ``sinks`` are kept for a policy that uses neither."""
    values: dict[str, Any] = {f"model/{name}": getattr(spec.config, name) for name in MODEL_FIELDS}
    values["model/head_dim"] = spec.config.head_dim or 0
    values["model/prompt"] = spec.prompt
    values["model/max_new_tokens"] = spec.max_new_tokens or 0
    values["model/policy"] = spec.policy.kind
    values["model/window"] = spec.policy.window or window
    values["model/sinks"] = spec.policy.sinks or sinks
    values["model/cache_dtype"] = spec.cache_dtype
    values["model/weights"] = str(spec.weights)
    values["model/folder"] = str(spec.weights) if isinstance(spec.weights, ModelSource) else ""
    return values


@dataclass(frozen=True)
class FirstRun:
    """The run a launch opens with, a notice for the status bar and the weights problem ("" if none)."""

    run: Run
    notice: str
    weights_problem: str


def first_run(settings: Settings) -> FirstRun:
    """The run the saved settings describe, or the default run if the saved one is unusable.

    Trained weights of a shape without a trained variant run as random weights, with a
    notice; weights that cannot be loaded (the file missing or damaged, or a shape that
    differs from a checkpoint's) give way to random weights of the same shape.
    """
    values = {key: settings.get(key) for key in MODEL_KEYS}
    notice = ""
    try:
        saved = spec_from_settings(values)
    except ConfigError as exc:
        saved = None
        notice = _unusable_notice(exc)
    except CheckpointError as exc:
        saved = None
        notice = _folder_notice(exc)
    if saved is not None:
        weights, note = resolve_trained(saved.config, saved.weights)
        saved = replace(saved, weights=weights)
        trained = QCoreApplication.translate("FirstRun", "Trained weights: {note}")
        notice = notice or (trained.format(note=note) if note else "")
    problem = ""
    for spec in (saved, RunSpec()):
        if spec is None:
            continue
        if isinstance(spec.weights, ModelSource):  # a real model or nothing: never its shape at random
            try:
                return FirstRun(build_run(spec), notice, "")
            except (CheckpointError, ConfigError) as exc:
                notice = _folder_notice(exc)
                continue
        for weights in dict.fromkeys((spec.weights, "random")):
            try:
                run = build_run(replace(spec, weights=weights))
            except CheckpointError as exc:
                problem = problem or _random_instead(exc)
                continue
            except ConfigError as exc:
                if exc.field in SHAPE_FIELDS:  # the saved shape differs from the weights' shape
                    problem = problem or _random_instead(exc)
                else:
                    notice = notice or _unusable_notice(exc)
                    break
                continue
            if problem and not notice:
                notice = QCoreApplication.translate("FirstRun", "Weights not loaded: {problem}").format(problem=problem)
            return FirstRun(run, notice, problem)
    raise RuntimeError("the default model could not be built")  # a bug in the defaults, not user input


def _folder_notice(exc: Exception) -> str:
    return QCoreApplication.translate(
        "FirstRun", "Saved model folder not opened: {reason} — running the default model instead."
    ).format(reason=exc)


def _unusable_notice(exc: Exception) -> str:
    return QCoreApplication.translate(
        "FirstRun", "Saved model settings were not usable ({reason}); using the defaults."
    ).format(reason=exc)


def _random_instead(exc: Exception) -> str:
    return QCoreApplication.translate("FirstRun", "{reason} — running random weights instead").format(reason=exc)
