"""Hovering a cell of a long run reads that cell's exact values, without building the n×n matrices."""

from __future__ import annotations

import numpy as np
import pytest

from kvviz.core.attention_store import AttentionStore
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.policy import CachePolicy
from kvviz.core.record import CellStatus, KVSource, Mode
from kvviz.gui.theme import DARK
from kvviz.gui.views.cell_info import CellInspector

N = 1500  # tokens: a matrix of 2.25 M cells, far more than any screen shows


@pytest.fixture(scope="module")
def record():
    config = ModelConfig(d_model=16, n_layers=2, n_heads=2, n_kv_heads=1, context_length=N + 8)
    prompt = "KV " * ((N - 1) // 3) + "x" * ((N - 1) % 3)
    engine = Engine(config, prompt, policy=CachePolicy("sink", window=200, sinks=3))
    engine.decode()  # the newest row is computed this step, the others skipped or recomputed
    assert engine.newest.n_tokens == N
    return engine.newest


def test_hover_reads_the_exact_values_of_the_cell_without_whole_matrices(qtbot, monkeypatch, record):
    layer, head = 1, 1
    scores, weights = record.scores(layer, head), record.weights(layer, head)  # the reference: whole matrices
    status = {mode: record.cell_status(mode) for mode in Mode}
    source = {mode: record.kv_source(mode) for mode in Mode}
    labels = record.text.token_labels(record.tokens)

    def whole_matrix(*_args):
        raise AssertionError("the inspector built a whole matrix")

    monkeypatch.setattr(AttentionStore, "matrix", whole_matrix)
    inspector = CellInspector(DARK)
    qtbot.addWidget(inspector)
    inspector.set_selection(layer, head)
    inspector.set_record(record)
    rng = np.random.default_rng(0)
    # the newest row, the sinks, the window's edge, masked cells, evicted cells, and cells anywhere
    cells = [(N - 1, 0), (N - 1, N - 1), (N - 1, N - 200), (N - 1, N - 201), (10, 11), (700, 2), (700, 300)]
    cells += [tuple(int(v) for v in rng.integers(0, N, 2)) for _ in range(40)]
    seen = set()
    for row, col in cells:
        inspector.set_cell(row, col)
        info = inspector.info
        assert (info.row, info.col) == (row, col)
        expected_score, expected_weight = scores[row, col], weights[row, col]
        if np.isnan(expected_score):
            assert info.score is None
        else:
            assert info.score == float(expected_score)  # exactly: the stored value, not an aggregate
            assert info.weight == float(expected_weight)
        assert info.status == {mode: status[mode][row, col] for mode in Mode}
        assert info.kv_source == {mode: source[mode][col] for mode in Mode}
        assert (info.query_label, info.key_label) == (labels[row], labels[col])
        seen.update(info.status.values())
    assert {CellStatus.MASKED, CellStatus.OUT_OF_WINDOW, CellStatus.SKIPPED, CellStatus.COMPUTED} <= seen
    assert KVSource.EVICTED in set(source[Mode.CACHED])
