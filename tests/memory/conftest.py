"""Hypothesis settings for the memory calculator tests (as in tests/core)."""

from hypothesis import settings

settings.register_profile("kvviz", deadline=None, max_examples=25, derandomize=True)
settings.load_profile("kvviz")
