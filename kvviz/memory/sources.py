"""Where a :class:`ModelSpec` comes from: a published preset, a config.json on disk, or the app's tiny model."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Protocol

from kvviz.i18n import language, translate
from kvviz.memory.hf_config import load_config_json, spec_from_hf_config
from kvviz.memory.presets import PUBLISHED
from kvviz.memory.spec import LayerSet, ModelSpec, SpecError

PRESET_IDS = tuple(PUBLISHED)


class TinyConfig(Protocol):
    """The fields of :class:`kvviz.core.config.ModelConfig` read here; named, not imported, so no torch loads."""

    n_layers: int
    d_model: int
    n_heads: int
    n_kv_heads: int
    vocab_size: int
    context_length: int
    dtype: str

    @property
    def dim_head(self) -> int: ...

    @property
    def d_ff(self) -> int: ...


def preset(model_id: str) -> ModelSpec:
    """The published configuration ``model_id`` (one of :data:`PRESET_IDS`)."""
    if model_id not in PUBLISHED:
        message = translate("memory.sources", "unknown model {model} (known: {known}; or give a path to a config.json)")
        raise SpecError(message.format(model=repr(model_id), known=", ".join(PRESET_IDS)))
    return _preset(model_id, language())


@cache
def _preset(model_id: str, language: str) -> ModelSpec:
    """One spec per model and language: its note and assumptions are worded in the language active when it was made."""
    p = PUBLISHED[model_id]
    return spec_from_hf_config(p.config, id=model_id, name=p.name, source=p.source, note=_say(p.note))


def _say(sentences: tuple[str, ...]) -> str:
    """A preset's note in the active language, its sentences joined as that language joins them."""
    said = [translate("memory.presets", sentence) for sentence in sentences]
    joined = said[0]
    for sentence in said[1:]:  # Chinese puts no space after 。
        joined = translate("memory.presets", "{sentence} {next}").format(sentence=joined, next=sentence)
    return joined


def resolve_model(text: str) -> ModelSpec:
    """A preset id, or a path to a config.json or to a folder holding one."""
    if text in PUBLISHED:
        return preset(text)
    path = Path(text)
    if path.exists() or "/" in text or "\\" in text or text.endswith(".json"):
        return load_config_json(path)
    return preset(text)  # raises, listing the known ids


def spec_from_model_config(config: TinyConfig, kept_positions: int | None = None) -> ModelSpec:
    """The app's tiny decoder as a spec: pre-LN blocks with LayerNorm, a GELU MLP, RoPE, tied head.

    ``kept_positions`` is how many positions an evicting cache policy keeps in every layer
    (window plus sinks); None keeps them all.
    """
    return ModelSpec(
        id="tiny",
        name=translate("memory.sources", "kvviz tiny model"),
        source="kvviz.core.model.TinyDecoder",
        note=translate(
            "memory.sources", "The model this app runs; its cache bytes are measured from the tensors in the engine."
        ),
        n_layers=config.n_layers,
        d_model=config.d_model,
        n_heads=config.n_heads,
        n_kv_heads=config.n_kv_heads,
        head_dim=config.dim_head,
        vocab_size=config.vocab_size,
        d_ff=config.d_ff,
        trained_context=config.context_length,
        dtype=config.dtype,
        sliding_window=kept_positions,
        sliding=LayerSet() if kept_positions is None else LayerSet("all"),
        gated_mlp=False,
        norm_bias=True,
        tied_embeddings=True,
    )
