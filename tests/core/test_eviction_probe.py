"""Eviction removes K and V, not influence: altering evicted tokens moves the last logits iff layers > 1."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.eviction_probe import evicted_positions, probe_eviction, probe_text
from kvviz.core.policy import CachePolicy
from kvviz.core.run import Run


def _run(n_layers: int, policy: CachePolicy, steps: int = 24) -> Run:
    config = ModelConfig(d_model=32, n_layers=n_layers, n_heads=4, n_kv_heads=2, context_length=64)
    engine = Run(Engine(config, "eviction probe", policy=policy))
    for _ in range(steps):
        engine.step_forward()
    return engine


POLICIES = [CachePolicy("window", window=10), CachePolicy("sink", window=8, sinks=2)]


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.kind)
@pytest.mark.parametrize("n_layers", [2, 3])
def test_evicted_tokens_still_reach_the_last_logits_of_a_deeper_model(n_layers, policy):
    engine = _run(n_layers, policy)
    record = engine.current
    probe = probe_eviction(engine.engine.model, record)
    assert probe.n_evicted == record.n_tokens - len(policy.resident(record.n_tokens)) > 0
    assert probe.next_token == record.next_token  # the unaltered pass is the run's own (greedy)
    assert probe.max_abs_logit_change > 1e-3  # far above float32 rounding
    assert f"by up to {probe.max_abs_logit_change:.2g}" in probe_text(probe)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.kind)
def test_a_one_layer_model_keeps_nothing_of_an_evicted_token(policy):
    engine = _run(1, policy)
    probe = probe_eviction(engine.engine.model, engine.current)
    assert probe.n_evicted > 0
    assert probe.max_abs_logit_change == 0.0
    assert "exactly as they were (one layer" in probe_text(probe)


def test_only_evicted_positions_are_altered():
    """Altering a resident token instead must move the logits even in one layer: the probe's control."""
    engine = _run(1, CachePolicy("window", window=10))
    record = engine.current
    evicted = evicted_positions(record)
    np.testing.assert_array_equal(evicted, np.arange(record.n_tokens - 10))
    ids = torch.as_tensor(np.array(record.tokens))[None]
    resident_altered = ids.clone()
    resident_altered[0, -5] = (ids[0, -5] + 128) % 256
    with torch.inference_mode():
        before = engine.engine.model(ids, 0, None, policy=record.policy).logits
        after = engine.engine.model(resident_altered, 0, None, policy=record.policy).logits
    assert float((after - before).abs().max()) > 1e-3


def test_nothing_to_probe_while_nothing_is_evicted():
    full = _run(2, CachePolicy(), steps=3)
    assert probe_eviction(full.engine.model, full.current) is None
    early = _run(2, CachePolicy("window", window=32), steps=2)
    assert probe_eviction(early.engine.model, early.current) is None
    assert probe_text(None).startswith("Nothing is evicted at the step shown")


@pytest.mark.parametrize(("layers", "words"), [("1", "exactly as they were"), ("2", "changes the last logits by")])
def test_the_cli_trace_ends_with_the_probe_of_its_last_step(capsys, layers, words):
    from kvviz.cli import main

    shape = ["--weights", "random", "--layers", layers, "--d-model", "32", "--heads", "4", "--kv-heads", "2"]
    assert main(["trace", "--steps", "20", "--policy", "window", "--window", "8", "--context", "64", *shape]) == 0
    last_line = capsys.readouterr().out.strip().splitlines()[-1]
    assert last_line.startswith("At step 20, ") and words in last_line
