"""A Hugging Face model folder, checked before anything is built from it.

A folder holds ``config.json``, its weights as ``*.safetensors`` (one file, or shards listed by
``model.safetensors.index.json``) and ``tokenizer.json``. Every file is data: the config is
plain JSON, the weights are read only through safetensors (a pickle-based
``pytorch_model.bin`` is refused, never unpickled), and the tokenizer is a JSON description.
Each problem raises :class:`ModelFolderError` with one line naming the folder and what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kvviz.core.checkpoint import CheckpointError
from kvviz.i18n import translate

#: model_type → the architecture family kvviz runs (decoder-only, on CPU).
SUPPORTED = {
    "gpt2": "GPT-2",
    "llama": "Llama",
    "mistral": "Mistral",
    "qwen2": "Qwen2",
    "gemma": "Gemma",
}
CONFIG = "config.json"
TOKENIZER = "tokenizer.json"
INDEX = "model.safetensors.index.json"
#: Larger JSON files are not a model's config or index: refused before parsing.
MAX_JSON_BYTES = 4 << 20
#: Bounds on the numbers a config may claim, so a hostile file cannot make kvviz build a huge model.
LIMITS = {
    "num_hidden_layers": 1024,
    "num_attention_heads": 1024,
    "num_key_value_heads": 1024,
    "hidden_size": 1 << 16,
    "intermediate_size": 1 << 18,
    "head_dim": 4096,
    "vocab_size": 1 << 21,
    "max_position_embeddings": 1 << 24,
}


#: GPT-2's names for the same numbers.
_GPT2_NAMES = {
    "num_hidden_layers": "n_layer",
    "num_attention_heads": "n_head",
    "hidden_size": "n_embd",
    "intermediate_size": "n_inner",
    "max_position_embeddings": "n_positions",
}


class ModelFolderError(CheckpointError):
    """A model folder that cannot be used: one line naming the folder and the problem."""


@dataclass(frozen=True)
class ModelFolder:
    """A folder whose files are all present and readable; ``config`` is its parsed config.json."""

    path: Path
    config: dict[str, Any]
    weight_files: tuple[Path, ...]

    @property
    def model_type(self) -> str:
        return self.config["model_type"]

    @property
    def family(self) -> str:
        return SUPPORTED[self.model_type]

    @property
    def tokenizer_file(self) -> Path:
        return self.path / TOKENIZER


def read_json(path: Path, folder: Path) -> Any:
    """Plain JSON, bounded in size and nesting; any problem is one line."""
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            message = translate("hf.folder", "{name} is larger than {size} MiB; not a model file")
            raise ModelFolderError(folder, message.format(name=path.name, size=MAX_JSON_BYTES >> 20))
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        message = translate("hf.folder", "cannot read {name}: {reason}")
        raise ModelFolderError(folder, message.format(name=path.name, reason=exc.strerror or exc)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        message = translate("hf.folder", "{name} is not valid JSON: {reason}")
        raise ModelFolderError(folder, message.format(name=path.name, reason=exc)) from exc
    except RecursionError as exc:
        message = translate("hf.folder", "{name} is nested too deeply to be a model file")
        raise ModelFolderError(folder, message.format(name=path.name)) from exc


def open_folder(path: str | Path) -> ModelFolder:
    """Check ``path`` as a model folder: config, architecture, numbers, weight files, tokenizer."""
    folder = Path(path)
    if not folder.is_dir():
        if folder.exists():
            raise ModelFolderError(folder, translate("hf.folder", "is not a folder"))
        raise ModelFolderError(folder, translate("hf.folder", "does not exist"))
    if not (folder / CONFIG).is_file():
        message = translate("hf.folder", "has no {file}; a Hugging Face model folder needs one")
        raise ModelFolderError(folder, message.format(file=CONFIG))
    config = read_json(folder / CONFIG, folder)
    if not isinstance(config, dict):
        raise ModelFolderError(folder, translate("hf.folder", "{file} must hold a JSON object").format(file=CONFIG))
    _check_architecture(folder, config)
    weights = _weight_files(folder)
    if not (folder / TOKENIZER).is_file():
        message = translate("hf.folder", "has no {file}; kvviz needs the model's own tokenizer to show its tokens")
        raise ModelFolderError(folder, message.format(file=TOKENIZER))
    return ModelFolder(folder, config, weights)


def _check_architecture(folder: Path, config: dict[str, Any]) -> None:
    model_type = config.get("model_type")
    if model_type not in SUPPORTED:
        known = ", ".join(SUPPORTED)
        message = translate("hf.folder", "has model_type {model_type}, which kvviz does not run (it runs {known})")
        raise ModelFolderError(folder, message.format(model_type=repr(model_type), known=known))
    if config.get("is_encoder_decoder"):
        raise ModelFolderError(
            folder, translate("hf.folder", "is an encoder-decoder model; kvviz runs decoder-only models")
        )
    for name, limit in LIMITS.items():
        value = config.get(name, config.get(_GPT2_NAMES.get(name, name)))
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= limit:
            message = translate("hf.folder", "{file}: {name} must be an integer in 1..{limit}, got {value}")
            raise ModelFolderError(folder, message.format(file=CONFIG, name=name, limit=limit, value=repr(value)))


def _weight_files(folder: Path) -> tuple[Path, ...]:
    """The safetensors files the folder's weights are in: the index's shards, or the single files."""
    index = folder / INDEX
    if index.is_file():
        data = read_json(index, folder)
        weight_map = data.get("weight_map") if isinstance(data, dict) else None
        if not isinstance(weight_map, dict) or not weight_map:
            raise ModelFolderError(folder, translate("hf.folder", "{file} has no weight_map").format(file=INDEX))
        names = sorted({str(v) for v in weight_map.values()})
        for name in names:
            if Path(name).name != name or not name.endswith(".safetensors"):
                message = translate("hf.folder", "{file} names {name}, which is not a safetensors file in the folder")
                raise ModelFolderError(folder, message.format(file=INDEX, name=repr(name)))
            if not (folder / name).is_file():
                message = translate("hf.folder", "lacks shard {name} that {file} lists ({count} shards)")
                raise ModelFolderError(folder, message.format(name=name, file=INDEX, count=len(names)))
        return tuple(folder / name for name in names)
    files = sorted(folder.glob("*.safetensors"))
    if files:
        return tuple(files)
    if any(folder.glob("*.bin")) or any(folder.glob("*.pt")) or any(folder.glob("*.pth")):
        raise ModelFolderError(
            folder,
            translate(
                "hf.folder",
                "has weights only as pickle files (pytorch_model.bin); kvviz reads safetensors only, as pickles can "
                "run code: convert them to safetensors first",
            ),
        )
    raise ModelFolderError(folder, translate("hf.folder", "has no weights (*.safetensors)"))
