"""Records made ahead of the one shown are the records that stepping on demand makes, field by field."""

import dataclasses

import numpy as np
import pytest

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.record import StepRecord
from kvviz.core.run import Run
from kvviz.core.sampling import Sampling

SMALL = ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=128)
PROMPT = "The KV cache stores keys and values, not attention scores; it grows by a row."


def assert_same_record(a: StepRecord, b: StepRecord) -> None:
    """Every field equal; wall times are measured, so only their presence is compared."""
    for field in dataclasses.fields(StepRecord):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if field.name in ("cached", "uncached"):
            assert dataclasses.replace(x, time_s=0.0) == dataclasses.replace(y, time_s=0.0), field.name
            assert x.time_s > 0 and y.time_s > 0
        elif field.name == "tokens":
            np.testing.assert_array_equal(x, y)
        elif field.name == "store":
            c = a.config
            for layer in range(c.n_layers):
                for head in range(c.n_heads):
                    np.testing.assert_array_equal(a.scores(layer, head), b.scores(layer, head))
                    np.testing.assert_array_equal(a.weights(layer, head), b.weights(layer, head))
                np.testing.assert_array_equal(a.keys(layer), b.keys(layer))
                np.testing.assert_array_equal(a.values(layer), b.values(layer))
        else:
            assert x == y, field.name


@pytest.mark.parametrize("sampling", [Sampling(), Sampling(temperature=1.5, top_k=20, seed=3)])
def test_records_made_ahead_equal_records_made_on_demand(sampling):
    on_demand = Run(Engine(SMALL, PROMPT, sampling=sampling))
    expected = [on_demand.step_forward() for _ in range(12)]

    ahead = Run(Engine(SMALL, PROMPT, sampling=sampling))
    made = [ahead.engine.decode() for _ in range(5)]  # as a worker makes them, before any is shown
    ahead.add_made_ahead(made)
    assert ahead.made_ahead == 5 and ahead.current.step == 0
    shown = [ahead.step_forward() for _ in range(3)]
    ahead.add_made_ahead([ahead.engine.decode() for _ in range(4)])
    shown += [ahead.step_forward() for _ in range(9)]  # six made ahead, then three on demand
    assert shown[:5] == made and ahead.made_ahead == 0
    for a, b in zip(expected, shown, strict=True):
        assert_same_record(a, b)


def test_running_to_the_end_shows_the_newest_made_and_keeps_every_record():
    run = Run(Engine(SMALL, PROMPT))
    run.add_made_ahead([run.engine.decode() for _ in range(4)])
    assert run.show_made_ahead().step == 4
    assert [r.step for r in run.records] == [0, 1, 2, 3, 4] and run.made_ahead == 0


def test_a_record_out_of_order_is_refused():
    run = Run(Engine(SMALL, PROMPT))
    first, second = run.engine.decode(), run.engine.decode()
    with pytest.raises(ValueError, match="expected step 1"):
        run.add_made_ahead([second])
    run.add_made_ahead([first, second])
    run.reset()
    assert run.made_ahead == 0 and run.step_forward().step == 1
