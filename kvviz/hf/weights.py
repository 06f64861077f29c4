"""Weights from a Hugging Face model folder, as a run takes them (a ModelSource).

Opening checks the folder (``folder.py``); building loads the model with transformers from
safetensors only, local files only, and refuses weights that do not fill the model the config
describes (a missing or mis-shaped tensor would otherwise be left at random values).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import torch
from safetensors import safe_open
from transformers import AutoConfig, AutoModelForCausalLM, PretrainedConfig
from transformers.utils import logging as hf_logging

from kvviz.core.config import DTYPES, ConfigError, ModelConfig
from kvviz.hf.attention import ATTENTION, register
from kvviz.hf.decoder import ModelDecoder
from kvviz.hf.folder import ModelFolder, ModelFolderError, open_folder
from kvviz.hf.shape import ArchShape
from kvviz.hf.text import ModelText
from kvviz.i18n import translate


def _more(items: list) -> str:
    return " " + translate("hf.weights", "(and {count} more)").format(count=len(items) - 1) if len(items) > 1 else ""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass(frozen=True)
class ModelFolderWeights:
    """A model folder's weights; ``dtype`` None keeps the folder's own, ``name`` is what the user typed."""

    path: Path
    dtype: str | None = None
    name: str | None = None

    def __str__(self) -> str:  # how settings and the weights selector name it: the folder
        return str(self.path)

    @property
    def label(self) -> str:
        return self.name or self.path.name

    @property
    def family(self) -> str:
        return self.folder.family

    @cached_property
    def folder(self) -> ModelFolder:
        return open_folder(self.path)

    @cached_property
    def hf_config(self) -> PretrainedConfig:
        """The folder's config as transformers reads it (plain JSON; no remote code)."""
        try:
            return AutoConfig.from_pretrained(self.folder.path, local_files_only=True, trust_remote_code=False)
        except Exception as exc:  # transformers raises many types for one meaning: an unusable config
            message = translate("hf.weights", "config.json is not a valid config: {reason}")
            raise ModelFolderError(self.path, message.format(reason=_first_line(exc))) from exc

    @property
    def shape(self) -> ArchShape:
        return ArchShape.of(self.hf_config)

    @cached_property
    def text(self) -> ModelText:
        return ModelText(self.folder.tokenizer_file, self.path)

    @property
    def max_positions(self) -> int:
        return self.shape.max_positions

    @property
    def native_dtype(self) -> str:
        """The folder's dtype by kvviz's name for it (float32 when the config names none kvviz runs)."""
        dtype = getattr(self.hf_config, "dtype", None) or getattr(self.hf_config, "torch_dtype", None)
        name = str(dtype).removeprefix("torch.") if dtype is not None else "float32"
        return name if name in DTYPES else "float32"

    def configure(self, config: ModelConfig) -> ModelConfig:
        """``config`` with the folder's shape and dtype (or the chosen one); context within its positions."""
        shape = self.shape
        if config.context_length > shape.max_positions:
            raise ConfigError(
                "context_length",
                translate(
                    "hf.weights", "must not exceed the {positions} positions {model} was made for, got {value}"
                ).format(positions=shape.max_positions, model=self.label, value=config.context_length),
            )
        return shape.fix(config).replace(dtype=self.dtype or self.native_dtype)

    def build_model(self, config: ModelConfig) -> ModelDecoder:
        """The model in ``config.dtype`` with the folder's tokenizer; CheckpointError names what is wrong."""
        shape = self.shape
        if shape.fix(config) != config:
            rule = translate("hf.weights", "the configuration does not have the shape of {model}")
            raise ConfigError("model", rule.format(model=self.label))
        text = self.text
        if text.vocab_size > shape.vocab_size:
            raise ModelFolderError(
                self.path,
                translate("hf.weights", "tokenizer.json has {tokens} tokens, more than the model's {vocab}").format(
                    tokens=text.vocab_size, vocab=shape.vocab_size
                ),
            )
        self._check_size(shape)
        model = self._load(DTYPES[config.dtype])
        return ModelDecoder(model, text, shape, config)

    def _check_size(self, shape: ArchShape) -> None:
        """Refuse weights too small for the config before loading: transformers would fill the rest at random,
        and a config claiming a huge model would allocate it."""
        held = 0
        for file in self.folder.weight_files:
            try:
                with safe_open(file, framework="pt") as tensors:
                    held += sum(math.prod(tensors.get_slice(name).get_shape()) for name in tensors.keys())  # noqa: SIM118
            except Exception as exc:  # the Rust reader's errors carry no type of their own
                raise ModelFolderError(
                    self.path,
                    translate("hf.weights", "{name} is not a readable safetensors file: {reason}").format(
                        name=file.name, reason=_first_line(exc)
                    ),
                ) from exc
        if held < shape.matrix_parameters:
            raise ModelFolderError(
                self.path,
                translate(
                    "hf.weights", "its weights hold {held} values, but its config needs at least {needed}"
                ).format(held=f"{held:,}", needed=f"{shape.matrix_parameters:,}"),
            )

    def _load(self, dtype: torch.dtype) -> torch.nn.Module:
        register()
        hf_logging.set_verbosity_error()  # loading reports go to the user as one line, not as log noise
        hf_logging.disable_progress_bar()
        try:
            model, info = AutoModelForCausalLM.from_pretrained(
                self.folder.path,
                dtype=dtype,
                attn_implementation=ATTENTION,
                local_files_only=True,
                use_safetensors=True,
                trust_remote_code=False,
                output_loading_info=True,
                ignore_mismatched_sizes=True,  # reported below, as one line, instead of raised as a report
            )
        except Exception as exc:  # damaged files, shapes that differ from the config: one line each
            message = translate("hf.weights", "cannot load its weights: {reason}")
            raise ModelFolderError(self.path, message.format(reason=_first_line(exc))) from exc
        mismatched = sorted(info.get("mismatched_keys") or ())
        if mismatched:
            name, found, wanted = mismatched[0]
            raise ModelFolderError(
                self.path,
                translate("hf.weights", "{name} has shape {shape}, but its config needs {needed}{more}").format(
                    name=name, shape=tuple(found), needed=tuple(wanted), more=_more(mismatched)
                ),
            )
        missing = sorted(info.get("missing_keys") or ())
        if missing:
            message = translate("hf.weights", "lacks tensor {name}{more} that its config needs")
            raise ModelFolderError(self.path, message.format(name=repr(missing[0]), more=_more(missing)))
        return model.eval()


def model_folder_weights(text: str, *, dtype: str | None = None, download: bool = False) -> ModelFolderWeights:
    """The weights ``text`` names: a model folder, or ``hf:NAME`` from the local cache (fetched on ``download``)."""
    from kvviz.hf.hub import PREFIX, resolve

    if text.startswith(PREFIX):
        return ModelFolderWeights(resolve(text, download=download), dtype, text)
    return ModelFolderWeights(Path(text), dtype)
