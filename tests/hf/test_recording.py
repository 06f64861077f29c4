"""What a big model records: rows in float16 past a budget, read back as float32; the recompute check holds."""

from __future__ import annotations

import numpy as np
import torch

from kvviz.core.attention_store import FLOAT32_BUDGET, AttentionStore, recording_dtype, recording_nbytes
from kvviz.core.defaults import default_config
from kvviz.core.run import RunSpec, build_run
from kvviz.hf.weights import ModelFolderWeights

GPT2_124M = (12, 12, 12, 64)  # layers, heads, kv heads, head_dim


def test_the_tiny_model_records_in_float32_and_gpt2_124m_at_1024_tokens_in_float16():
    c = default_config()
    assert recording_dtype(c.n_layers, c.n_heads, c.n_kv_heads, c.dim_head, c.context_length) == np.float32
    assert recording_dtype(*GPT2_124M, 256) == np.float32
    assert recording_dtype(*GPT2_124M, 1024) == np.float16
    assert recording_nbytes(*GPT2_124M, 256) <= FLOAT32_BUDGET < recording_nbytes(*GPT2_124M, 1024)
    assert recording_nbytes(*GPT2_124M, 1024, itemsize=2) * 2 == recording_nbytes(*GPT2_124M, 1024)


def test_a_float16_store_reads_back_what_a_float32_store_holds_rounded():
    gen = torch.Generator().manual_seed(0)
    rows = [torch.randn(1, 2, 5, 5, generator=gen).tril() for _ in range(2)]
    kv = [torch.randn(1, 1, 5, 4, generator=gen)]
    wide, half = AttentionStore(1, 2, 1, 4), AttentionStore(1, 2, 1, 4, np.dtype(np.float16))
    for store in (wide, half):
        store.append(rows[:1], rows[1:], kv, kv)
    assert half.nbytes * 2 == wide.nbytes
    got = half.matrix("scores", 0, 1, 5)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, wide.matrix("scores", 0, 1, 5).astype(np.float16).astype(np.float32))
    np.testing.assert_array_equal(half.kv("keys", 0, 5), kv[0][0].numpy().astype(np.float16).astype(np.float32))


def test_a_run_recorded_in_float16_still_finds_recomputed_rows_equal(model_folders, monkeypatch):
    monkeypatch.setattr("kvviz.core.attention_store.FLOAT32_BUDGET", -1)  # every run counts as big
    weights = ModelFolderWeights(model_folders["llama"])
    config = weights.configure(default_config().replace(context_length=32))
    run = build_run(RunSpec(config=config, prompt="The KV cache", weights=weights))
    for _ in range(3):
        run.step_forward()
    last = run.current
    assert run.engine.store.dtype == np.float16
    largest = max(
        np.nanmax(np.abs(last.scores(layer, head)))
        for layer in range(config.n_layers)
        for head in range(config.n_heads)
    )
    one_step = 2.0 ** (np.floor(np.log2(largest)) - 10)  # float16's spacing at the largest score
    assert 0 <= last.recompute_max_abs_diff <= one_step
