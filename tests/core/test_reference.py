"""Whether the uncached reference runs: by the cost of one pass over the context, or as the user says."""

from __future__ import annotations

import pytest

from kvviz.core import reference
from kvviz.core.config import ConfigError
from kvviz.core.defaults import default_config
from kvviz.core.flops import forward_flops
from kvviz.core.record import Mode
from kvviz.core.reference import UNCACHED_BUDGET_FLOPS, choose_reference
from kvviz.core.run import RunSpec, build_run


def test_auto_runs_the_reference_within_the_budget_and_says_why_not_beyond_it():
    assert choose_reference("auto", UNCACHED_BUDGET_FLOPS, 1024).runs
    over = choose_reference("auto", UNCACHED_BUDGET_FLOPS + 1, 1024)
    assert not over.runs
    assert over.reason.startswith("switched off for this model: one pass over 1,024 tokens costs 50 GFLOP")
    assert choose_reference("on", 10**15, 1024).runs
    assert choose_reference("off", 1, 1).reason == "switched off by the user"
    with pytest.raises(ConfigError, match="uncached"):
        choose_reference("sometimes", 1, 1)


def test_the_budget_keeps_the_default_model_and_stops_gpt2_124m_at_1024_tokens():
    c = default_config()
    assert forward_flops(c, c.context_length, c.context_length).total < UNCACHED_BUDGET_FLOPS / 50
    pytest.importorskip("transformers")
    from kvviz.hf.shape import ArchShape

    gpt2 = ArchShape("gpt2", 768, 12, 12, 12, 64, 3072, 50257, 1024)  # GPT-2-124M's shape
    assert gpt2.flops(1, 256, 256).total <= UNCACHED_BUDGET_FLOPS < gpt2.flops(1, 1024, 1024).total


CHOICES = [("auto", 10**6, False), ("auto", 10**12, True), ("on", 1, True)]


@pytest.mark.parametrize(("choice", "budget", "runs"), CHOICES)
def test_a_run_without_the_reference_records_why_and_invents_nothing(monkeypatch, choice, budget, runs):
    monkeypatch.setattr(reference, "UNCACHED_BUDGET_FLOPS", budget)
    run = build_run(RunSpec(config=default_config().replace(context_length=64), uncached=choice))
    record = run.step_forward()
    assert run.engine.modes == ((Mode.UNCACHED, Mode.CACHED) if runs else (Mode.CACHED,))
    if runs:
        assert record.uncached is not None and record.uncached_off == ""
        assert record.max_abs_logit_diff is not None and record.recompute_max_abs_diff is not None
    else:
        assert record.uncached_off.startswith("switched off for this model: one pass over 64 tokens costs")
        assert record.uncached is None
        assert record.max_abs_logit_diff is None and record.recompute_max_abs_diff is None
        assert record.first_divergence_step is None
