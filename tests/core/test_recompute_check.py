"""The rows a step compares with the store: bounded each step, every row over a run, and what the readout claims."""

import dataclasses

import numpy as np
import torch

from kvviz.core.agreement import Agreement, agreement_text, compare
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.recompute_check import CHECK_ROWS, max_abs_diff, merged, row_positions
from kvviz.core.run import Run

SMALL = ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=256)
PROMPT = "The KV cache stores keys and values, not attention scores; it grows."  # over one block of rows


def _rows(ranges) -> set[int]:
    return set(row_positions(ranges))


def _corrupt(store, layer: int, row: int) -> None:
    """Add 1 to the stored score of ``row``'s first key in every head of ``layer``."""
    store.packed_scores(layer, row, row + 1)[:, 0] += 1.0  # a view of the stored cells


def test_each_step_checks_a_bounded_set_and_every_row_is_checked_over_the_run():
    run = Run(Engine(SMALL, PROMPT))
    assert run.current.recompute_rows_checked == ()  # prefill recomputes nothing
    seen: set[int] = set()
    for _ in range(40):
        previous, record = run.current, run.step_forward()
        checked = _rows(record.recompute_rows_checked)
        earlier = record.n_tokens - 1
        assert checked <= set(range(earlier))
        made_by_previous = set(range(previous.n_tokens - previous.new_rows, previous.n_tokens))
        assert made_by_previous <= checked  # every row at its first recomputation
        assert len(checked - made_by_previous) <= CHECK_ROWS  # plus one rotating block, no more
        seen |= checked
        assert seen == set(range(earlier))  # nothing recomputed so far went unchecked
    assert record.recompute_max_abs_diff is not None
    assert compare(record.recompute_max_abs_diff, record) is not Agreement.DIFFERENT


def test_a_corrupted_row_is_caught_exactly_when_it_is_checked():
    run = Run(Engine(SMALL, PROMPT))
    for _ in range(3):
        run.step_forward()
    _corrupt(run.engine.store, layer=1, row=5)  # an old prompt row: only the rotating block reaches it
    caught = []
    for _ in range(6):
        record = run.step_forward()
        diff = record.recompute_max_abs_diff
        if 5 in _rows(record.recompute_rows_checked):
            assert diff >= 0.99 and compare(diff, record) is Agreement.DIFFERENT
            caught.append(record.step)
        else:
            assert diff < 1e-4  # a step that did not compare row 5 says nothing about it
    assert caught  # the rotation came back to it within ⌈n / CHECK_ROWS⌉ steps


def test_a_row_corrupted_as_it_is_stored_is_caught_at_the_next_step():
    run = Run(Engine(SMALL, PROMPT))
    made = run.step_forward()
    _corrupt(run.engine.store, layer=0, row=made.n_tokens - 1)  # the row this step just stored
    record = run.step_forward()
    assert record.recompute_max_abs_diff >= 0.99


def test_the_readout_names_the_rows_it_checked():
    run = Run(Engine(SMALL, PROMPT))
    run.step_forward()
    record = run.step_forward()
    P = len(PROMPT)  # byte tokens
    assert record.recompute_rows_checked == ((0, 64), (P, P + 1))  # a rotating block, and the row step 1 made
    assert f"recomputed rows 0–63, {P} " in agreement_text(record)
    unchecked = dataclasses.replace(record, recompute_max_abs_diff=None, recompute_rows_checked=())
    assert "recomputed rows" not in agreement_text(unchecked)


def test_a_decoder_that_captures_every_row_is_compared_on_the_same_rows():
    """A decoder may ignore the rows it is asked for and hand back all of them (a real model's capture)."""
    run = Run(Engine(SMALL, PROMPT))
    for _ in range(2):
        run.step_forward()
    engine = run.engine
    n = run.current.n_tokens  # the rows the store holds: a pass over them recomputes each
    ranges = ((3, 20), (40, 64))
    with torch.inference_mode():
        some = engine.model(engine.sequence[:, :n], capture=row_positions(ranges)).scores
        every = engine.model(engine.sequence[:, :n], capture=True).scores
    assert some[0].shape[2] == 41 and every[0].shape[2] == n
    for layer in range(SMALL.n_layers):
        np.testing.assert_array_equal(some[layer][0, :, :17].numpy(), every[layer][0, :, 3:20].numpy())
    _corrupt(engine.store, layer=0, row=45)
    assert max_abs_diff(engine.store, some, ranges) >= 0.99
    assert max_abs_diff(engine.store, every, ranges) == max_abs_diff(engine.store, some, ranges)


def test_merged_joins_touching_ranges_and_drops_empty_ones():
    assert merged([(64, 70), (0, 64), (5, 5), (80, 81)]) == ((0, 70), (80, 81))
