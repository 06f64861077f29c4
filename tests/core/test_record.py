"""The per-step record: stored rows are what the uncached run recomputes; statuses are consistent."""

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from kvviz.core.attention_store import BLOCK_ROWS, recording_nbytes, triangle_size
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.policy import CachePolicy
from kvviz.core.record import CellStatus, KVSource, Mode, Phase
from kvviz.core.run import Run, RunSpec, build_run

from .strategies import model_configs, prompts


def full_attention(run: Run, n: int) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
    """Scores and weights of an independent uncached pass over the first n tokens (batch element 0)."""
    with torch.inference_mode():
        res = run.engine.model(run.engine.sequence[:, :n], capture=True)
    return [s[0].float() for s in res.scores], [w[0].float() for w in res.weights]


@given(model_configs(), prompts, st.integers(1, 6))
def test_recomputed_rows_equal_rows_stored_earlier(config, prompt, steps):
    run = Run(Engine(config, prompt))
    for _ in range(min(steps, config.context_length - len(run.engine.prompt_ids))):
        r = run.step_forward()
        assert r.recompute_max_abs_diff is not None and r.recompute_max_abs_diff < 1e-4
    final = run.current
    scores, weights = full_attention(run, final.n_tokens)
    for layer in range(config.n_layers):
        for head in range(config.n_heads):
            stored = final.scores(layer, head)
            expect = scores[layer][head].numpy()
            lower = np.tril(np.ones_like(stored, dtype=bool))
            np.testing.assert_allclose(stored[lower], expect[lower], atol=1e-4)
            assert np.isnan(stored[~lower]).all()
            np.testing.assert_allclose(
                final.weights(layer, head)[lower], weights[layer][head].numpy()[lower], atol=1e-5
            )


def test_rows_of_earlier_steps_are_unchanged_in_later_records():
    run = Run(Engine(ModelConfig(), "hello"))
    early = run.step_forward()
    early_scores = early.scores(1, 2).copy()
    for _ in range(5):
        run.step_forward()
    np.testing.assert_array_equal(early.scores(1, 2), early_scores)
    later = run.current.scores(1, 2)
    np.testing.assert_array_equal(later[: early.n_tokens, : early.n_tokens], early_scores)


def test_kv_columns_are_the_cache_contents():
    config = ModelConfig(n_heads=4, n_kv_heads=2)
    run = Run(Engine(config, "cache me"))
    r = run.seek(4)
    for layer in range(config.n_layers):
        np.testing.assert_allclose(r.keys(layer), run.engine.cache.keys[layer][0, :, : r.n_tokens].numpy(), atol=0)
        np.testing.assert_allclose(r.values(layer), run.engine.cache.values[layer][0, :, : r.n_tokens].numpy(), atol=0)


def test_cell_status_and_kv_source():
    run = Run(Engine(ModelConfig(), "abcd"))
    prefill = run.current
    assert prefill.phase is Phase.PREFILL and prefill.new_rows == 4
    for mode in Mode:
        status = prefill.cell_status(mode)
        assert (status[np.tril_indices(4)] == CellStatus.COMPUTED).all()
        assert (status[np.triu_indices(4, 1)] == CellStatus.MASKED).all()
        assert (prefill.kv_source(mode) == KVSource.COMPUTED).all()
    r = run.seek(3)
    n = r.n_tokens
    assert r.phase is Phase.DECODE and n == 7 and r.new_rows == 1
    uncached, cached = r.cell_status(Mode.UNCACHED), r.cell_status(Mode.CACHED)
    assert (uncached[-1] == CellStatus.COMPUTED).all() and (cached[-1] == CellStatus.COMPUTED).all()
    assert np.count_nonzero(uncached == CellStatus.RECOMPUTED) == triangle_size(n - 1)
    assert np.count_nonzero(cached == CellStatus.SKIPPED) == triangle_size(n - 1)
    assert np.count_nonzero(cached == CellStatus.RECOMPUTED) == 0
    assert list(r.kv_source(Mode.CACHED)) == [KVSource.FROM_CACHE] * (n - 1) + [KVSource.COMPUTED]
    assert (r.kv_source(Mode.UNCACHED) == KVSource.COMPUTED).all()


def test_record_is_immutable():
    r = Run(Engine(ModelConfig(), "x")).current
    with pytest.raises(AttributeError):
        r.step = 3
    with pytest.raises(ValueError):
        r.scores(0, 0)[0, 0] = 1.0
    with pytest.raises(ValueError):
        r.cell_status(Mode.CACHED)[0, 0] = 1


def test_row_storage_grows_quadratically_not_cubically():
    """A whole run stores L·H·n²/2 values per array (plus doubling slack), not a matrix per step."""
    config = ModelConfig(n_layers=1, n_heads=1, n_kv_heads=1, d_model=8, context_length=400)
    run = Run(Engine(config, "a"))
    run.seek(399)
    n = run.current.n_tokens
    assert n == 400
    rows_bytes = 2 * triangle_size(n) * 4  # scores + weights, float32
    kv_bytes = 2 * n * config.dim_head * 4
    assert rows_bytes + kv_bytes <= run.engine.store.nbytes <= 1.4 * (rows_bytes + kv_bytes)  # one block of slack
    assert run.engine.store.nbytes == recording_nbytes(1, 1, 1, config.dim_head, n)


@pytest.mark.parametrize("policy", [CachePolicy(), CachePolicy("sink", window=6, sinks=2)], ids=["full", "sink"])
@pytest.mark.parametrize("order", ["each step", "newest first"])
def test_row_scale_is_the_largest_finite_score_stored_so_far(policy, order):
    """What rounding bounds scale with: every stored row counts, masked and evicted cells (-inf) do not; the
    store scans rows when first asked, so asking out of order and across a block's edge gives the same."""
    config = ModelConfig(n_layers=2, n_heads=4, n_kv_heads=2, d_model=32, context_length=96)
    run = build_run(RunSpec(config=config, weights="random", prompt="s" * (BLOCK_ROWS - 6), policy=policy))
    records = [run.current]
    for _ in range(12):
        records.append(run.step_forward())
        if order == "each step":
            assert records[-1].row_scale == _largest_finite_score(records[-1])
    for record in reversed(records):
        assert record.row_scale == _largest_finite_score(record)


def _largest_finite_score(record) -> float:
    n = record.n_tokens
    stored = [record.store.matrix("scores", layer, head, n) for layer in range(2) for head in range(4)]
    return max(float(np.nanmax(np.abs(m))) for m in stored)
