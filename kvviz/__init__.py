"""kvviz: watch the KV cache of a tiny transformer decoder work, step by step."""

#: The one place the version is written: pyproject.toml reads it, and so does ``kvviz --version``.
__version__ = "0.1.0"
