"""``--weights hf:NAME``: a model from the local Hugging Face cache, never downloaded unless asked."""

from __future__ import annotations

import json
import shutil

import pytest
from huggingface_hub import constants

from kvviz.cli import main

REVISION = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def hub_cache(monkeypatch, tmp_path):
    """An empty local cache, in the layout huggingface_hub writes; the network is off."""
    cache = tmp_path / "hub"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    return cache


def cache_model(cache, folder, repo: str) -> None:
    repo_dir = cache / f"models--{repo.replace('/', '--')}"
    shutil.copytree(folder, repo_dir / "snapshots" / REVISION)
    (repo_dir / "refs").mkdir()
    (repo_dir / "refs" / "main").write_text(REVISION)


def test_a_cached_model_runs_by_its_name(capsys, hub_cache, model_folders):
    cache_model(hub_cache, model_folders["qwen2"], "kvviz-tests/tiny-qwen2")
    assert main(["trace", "--steps", "1", "--json", "--weights", "hf:kvviz-tests/tiny-qwen2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["step"] for d in lines] == [0, 1]


def test_a_name_not_cached_is_one_line_and_no_download(capsys, hub_cache):
    assert main(["trace", "--weights", "hf:kvviz-tests/absent"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "kvviz: error: hf:kvviz-tests/absent: is not in the local Hugging Face cache; "
        "kvviz does not download unless you pass --download\n"
    )
    assert not any(hub_cache.iterdir())


def test_a_malformed_name(capsys, hub_cache):
    assert main(["trace", "--weights", "hf:../../etc"]) == 2
    assert "is not a Hugging Face model name" in capsys.readouterr().err
