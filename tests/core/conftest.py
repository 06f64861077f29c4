"""Small configurations shared by the core tests."""

from hypothesis import settings

settings.register_profile("kvviz", deadline=None, max_examples=25, derandomize=True)
settings.load_profile("kvviz")
