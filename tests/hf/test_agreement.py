"""A real model's cached and uncached passes read "within rounding" in float32, and a real bug still reads "differ"."""

from __future__ import annotations

import pytest

from kvviz.core.agreement import Agreement, agreement_text, rounding_tolerance, step_agreement
from kvviz.core.defaults import default_config
from kvviz.core.run import RunSpec, build_run
from kvviz.hf.weights import ModelFolderWeights
from tests.hf.tiny_models import ARCHITECTURES


def run_of(folder, steps: int):
    weights = ModelFolderWeights(folder)
    config = weights.configure(default_config().replace(context_length=64))
    run = build_run(RunSpec(config=config, prompt="The KV cache stores keys and values", weights=weights))
    for _ in range(steps):
        run.step_forward()
    return run


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_float32_rounding_of_a_real_model_is_within_rounding_not_a_difference(model_folders, arch):
    """Its scores are ~25 in size (initializer_range 0.3): an absolute bound called 2.7e-5 of rounding "differ"."""
    rounded = 0
    for record in run_of(model_folders[arch], 16).records:
        found = step_agreement(record)
        assert found.logits in (Agreement.EQUAL, Agreement.WITHIN_ROUNDING), (record.step, record.max_abs_logit_diff)
        assert found.rows in (None, Agreement.EQUAL, Agreement.WITHIN_ROUNDING), (
            record.step,
            record.recompute_max_abs_diff,
        )
        assert "differ" not in agreement_text(record)
        rounded += found.logits is Agreement.WITHIN_ROUNDING
    assert rounded, "no step differed by rounding at all: the case this test is about did not occur"


def test_the_bound_uses_the_real_models_mlp_width(model_folders):
    record = run_of(model_folders["llama"], 1).current
    assert record.own_shape["d_ff"] == 96 != record.config.d_ff  # the tiny model's 4 · d_model would be 256
    terms = record.config.n_layers * (96**0.5 + record.n_tokens**0.5)
    assert rounding_tolerance(record, 10.0) == pytest.approx(4 * terms * 1.1920929e-07 * 10.0)


@pytest.mark.parametrize("arch", ["gpt2", "llama"])
def test_a_wrong_position_in_the_cached_pass_reads_as_a_difference(model_folders, arch):
    """The bug the check exists for: the cached decode step places its token one position early."""
    run = run_of(model_folders[arch], 0)
    decoder = run.engine.model
    model = decoder.model

    def one_early(**kwargs):
        positions = kwargs["position_ids"]
        if kwargs["use_cache"] and int(positions[0, 0]) > 0:
            kwargs["position_ids"] = positions - 1
        return model(**kwargs)

    decoder.model = one_early
    records = [run.step_forward() for _ in range(5)]
    for record in records:
        assert step_agreement(record).logits is Agreement.DIFFERENT, (record.step, record.max_abs_logit_diff)
        assert "differ" in agreement_text(record)
    assert all(step_agreement(r).rows is Agreement.DIFFERENT for r in records[1:])  # rows stored at a wrong position
