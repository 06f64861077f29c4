"""Tiny random model folders, one per architecture, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers.utils import logging as hf_logging

from tests.hf.tiny_models import ARCHITECTURES, make_model_folder

hf_logging.disable_progress_bar()


@pytest.fixture(autouse=True, scope="session")
def _one_torch_thread():
    """Tiny models run faster and steadier on one intra-op thread, above all on a busy machine."""
    torch.set_num_threads(1)


@pytest.fixture(scope="session")
def model_folders(tmp_path_factory) -> dict[str, Path]:
    """Architecture → a folder of its tiny random model (``"sharded"``: a Llama split into shards)."""
    root = tmp_path_factory.mktemp("models")
    folders = {arch: make_model_folder(root / arch, arch) for arch in ARCHITECTURES}
    folders["sharded"] = make_model_folder(root / "sharded", "llama", seed=1, shard_size="100KB")
    return folders
