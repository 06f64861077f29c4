"""What a first-time user gets: the model configuration and prompt every entry point starts from."""

from __future__ import annotations

from kvviz.core.config import ModelConfig

DEFAULT_PROMPT = "The KV cache stores keys and values."


#: The shipped trained weights (kvviz.assets, tiny-model.pt); "random" allows any shape.
DEFAULT_WEIGHTS = "trained"


def default_config() -> ModelConfig:
    """The configuration the app, `kvviz trace` and `kvviz export` start with.

    The shape of the shipped trained weights (a test checks it against the file), so the
    default run uses them; with random weights it is simply a sensible starting shape.
    """
    return ModelConfig(d_model=128, n_layers=4, n_heads=4, n_kv_heads=2, context_length=256)
