"""The family of trained tiny models shipped in ``kvviz.assets``, found by their shape.

They differ only in attention shape (layers, K/V heads) and were trained identically (same
text, steps, schedule, seed and width: ``scripts/train_family.sh``), so their held-out
quality and their cache bytes can be set side by side. Choosing "trained" weights means
"the trained model of this shape": a shape with one loads it, a shape without one runs
random weights, and :func:`resolve_trained` says so in one line instead of refusing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Literal, TypeVar

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.defaults import default_config
from kvviz.i18n import translate

W = TypeVar("W")

#: Where the shipped checkpoints live (the top-level assets/ folder, mapped into the package).
ASSETS = Path(files("kvviz.assets"))


@dataclass(frozen=True)
class Variant:
    """One shipped checkpoint: its name in tables, its file and the shape its weights fix."""

    name: str
    file: str
    config: ModelConfig  # shape fields are the file's (a test reads them back); the rest are defaults

    @property
    def path(self) -> Path:
        return ASSETS / self.file

    @property
    def label(self) -> str:
        """How the app and the CLI name it: "4 layers, 2 of 4 kv-heads (GQA)"."""
        c = self.config
        text = translate("variants", "{layers} layers, {kv_heads} of {heads} kv-heads ({kind})")
        return text.format(layers=c.n_layers, kv_heads=c.n_kv_heads, heads=c.n_heads, kind=c.attention_kind)


def _variant(name: str, file: str, n_layers: int, n_kv_heads: int) -> Variant:
    return Variant(name, file, default_config().replace(n_layers=n_layers, n_kv_heads=n_kv_heads))


#: The default shape first: the model every entry point starts with.
VARIANTS: tuple[Variant, ...] = (
    _variant("tiny-L4-kv2", "tiny-model.pt", 4, 2),
    _variant("tiny-L4-kv4", "tiny-L4-kv4.pt", 4, 4),
    _variant("tiny-L4-kv1", "tiny-L4-kv1.pt", 4, 1),
    _variant("tiny-L2-kv2", "tiny-L2-kv2.pt", 2, 2),
    _variant("tiny-L8-kv2", "tiny-L8-kv2.pt", 8, 2),
)


def shape_key(config: ModelConfig) -> tuple[int, ...]:
    """What a checkpoint fixes (head_dim resolved, so 128 / 4 heads and head_dim 32 agree)."""
    c = config
    return (c.vocab_size, c.d_model, c.n_layers, c.n_heads, c.n_kv_heads, c.dim_head, c.mlp_ratio)


def variant_for(config: ModelConfig) -> Variant | None:
    """The trained variant with ``config``'s shape, or None."""
    key = shape_key(config)
    return next((v for v in VARIANTS if shape_key(v.config) == key), None)


def shipped() -> tuple[Variant, ...]:
    """The variants in the package (read at call time: tests stand in their own)."""
    return VARIANTS


def default_variant() -> Variant:
    return VARIANTS[0]


def trained_path(config: ModelConfig) -> Path:
    """The checkpoint of ``config``'s shape; a ConfigError names the first field off the default shape."""
    variant = variant_for(config)
    if variant is not None:
        return variant.path
    default = default_variant().config
    fields = ("n_layers", "n_kv_heads", "n_heads", "d_model", "head_dim", "vocab_size", "mlp_ratio")
    field = next((f for f in fields if getattr(config, f) != getattr(default, f)), "n_layers")
    raise ConfigError(
        field, translate("variants", "has no trained model ({note})").format(note=no_variant_note(config))
    )


def no_variant_note(config: ModelConfig) -> str:
    """One line: this shape runs random weights, and which shapes have trained ones."""
    c = config
    return translate(
        "variants",
        "no trained model has {layers} layers, {heads} heads, {kv_heads} kv-heads, d_model {d_model}: random "
        "weights (trained: {trained})",
    ).format(
        layers=c.n_layers, heads=c.n_heads, kv_heads=c.n_kv_heads, d_model=c.d_model, trained=trained_shapes_text()
    )


def trained_shapes_text() -> str:
    """The shipped shapes in a few characters each: "L4 kv2, L4 kv4, …" (d_model 128, 4 heads)."""
    return ", ".join(f"L{v.config.n_layers} kv{v.config.n_kv_heads}" for v in VARIANTS)


def resolve_trained(config: ModelConfig, weights: W) -> tuple[W | Literal["random"], str]:
    """The weights to build for a choice of ``weights``, and a one-line note ("" when it stands).

    "trained" on a shape without a trained variant becomes "random"; any other choice stands.
    """
    if weights != "trained" or variant_for(config) is not None:
        return weights, ""
    return "random", no_variant_note(config)
