"""What a first-time user gets: the model configuration and prompt every entry point starts from."""

from __future__ import annotations

from kvviz.core.config import ModelConfig

DEFAULT_PROMPT = "The KV cache stores keys and values."


def default_config() -> ModelConfig:
    """The configuration the app, `kvviz trace` and `kvviz export` start with."""
    return ModelConfig()
