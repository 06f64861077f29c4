"""Navigation, limits and sampling of the step run."""

import numpy as np
import pytest

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.record import Phase
from kvviz.core.run import Run
from kvviz.core.sampling import Sampling
from kvviz.core.serialize import record_to_dict


def test_step_back_and_forward_reuse_history():
    run = Run(Engine(ModelConfig(), "abc"))
    first = [run.step_forward() for _ in range(3)]
    assert run.step_back() is first[1]
    assert run.step_back() is first[0]
    assert run.step_forward() is first[1]
    assert run.seek(3) is first[2]
    assert len(run.history) == 4
    assert run.seek(0).phase is Phase.PREFILL


def test_reset_reproduces_the_same_run():
    run = Run(Engine(ModelConfig(), "abc", sampling=Sampling(temperature=1.0, top_k=20, seed=7)))
    tokens = [run.step_forward().next_token for _ in range(6)]
    run.reset()
    assert len(run.history) == 1 and run.cursor == 0
    assert [run.step_forward().next_token for _ in range(6)] == tokens


def test_sampling_depends_on_seed():
    def tokens_of(seed):
        run = Run(Engine(ModelConfig(), "abc", sampling=Sampling(temperature=2.0, seed=seed)))
        return [run.step_forward().next_token for _ in range(12)]

    assert tokens_of(1) == tokens_of(1)
    assert tokens_of(1) != tokens_of(2)


def test_top_k_limits_choices():
    run = Run(Engine(ModelConfig(), "abc", sampling=Sampling(temperature=5.0, top_k=1, seed=3)))
    greedy = Run(Engine(ModelConfig(), "abc"))
    assert [run.step_forward().next_token for _ in range(5)] == [greedy.step_forward().next_token for _ in range(5)]


def test_context_length_stops_with_a_reason():
    run = Run(Engine(ModelConfig(context_length=6), "abcd"))
    run.step_forward()
    run.step_forward()
    assert run.current.n_tokens == 6
    assert run.stop_reason is not None and "context length" in run.stop_reason
    assert not run.can_step_forward()
    with pytest.raises(GenerationStopped, match="context length"):
        run.step_forward()
    assert run.current.n_tokens == 6  # nothing wrapped or changed
    assert run.engine.final_step == run.current.step == 2
    assert run.seek(50).step == 2


def test_max_new_tokens_stops_with_a_reason():
    run = Run(Engine(ModelConfig(), "abcd", max_new_tokens=3))
    run.seek(10)
    assert run.current.step == 2  # prefill made token 1, two decode steps made tokens 2 and 3
    assert run.engine.final_step == 2
    assert "max new tokens" in run.stop_reason


def test_invalid_engine_arguments():
    with pytest.raises(ConfigError, match="longer than context_length"):
        Run(Engine(ModelConfig(context_length=4), "too long"))
    with pytest.raises(ConfigError, match="at least one token"):
        Run(Engine(ModelConfig(), ""))
    with pytest.raises(ConfigError) as info:
        Sampling(temperature=-1)
    assert info.value.field == "temperature"
    with pytest.raises(ConfigError) as info:
        Sampling(top_k=-2)
    assert info.value.field == "top_k"
    with pytest.raises(ConfigError) as info:
        Run(Engine(ModelConfig(), "abc", max_new_tokens=0))
    assert info.value.field == "max_new_tokens"


def test_record_without_attention_says_so():
    run = Run(Engine(ModelConfig(), "abc", record_attention=False))
    r = run.step_forward()
    assert r.recompute_max_abs_diff is None
    with pytest.raises(ValueError, match="did not record attention"):
        r.scores(0, 0)


def _without_times(record) -> dict:
    data = record_to_dict(record)
    for mode in ("cached", "uncached"):
        data[mode].pop("time_s")
    return data


def test_a_step_made_ahead_is_the_step_computed_on_demand():
    """An app makes the next record with the engine alone (on a worker) and shows it later."""
    sampling = Sampling(temperature=1.0, top_k=20, seed=3)
    plain = Run(Engine(ModelConfig(context_length=12), "abc", sampling=sampling, count_flops=True))
    ahead = Run(Engine(ModelConfig(context_length=12), "abc", sampling=sampling, count_flops=True))
    while plain.can_step_forward():
        shown = ahead.current
        made = ahead.engine.decode()
        assert ahead.current is shown and len(ahead.history) == shown.step + 1  # nothing shown yet
        np.testing.assert_array_equal(shown.scores(0, 0), plain.current.scores(0, 0))  # older records intact
        ahead.add_made_ahead([made])  # the worker hands it over on the GUI thread
        assert ahead.step_forward() is made  # shown, not computed again
        assert _without_times(made) == _without_times(plain.step_forward())
        np.testing.assert_array_equal(ahead.current.scores(1, 1), plain.current.scores(1, 1))
    with pytest.raises(GenerationStopped):
        ahead.engine.decode()
    assert ahead.stop_reason == plain.stop_reason


def test_a_record_out_of_order_is_refused():
    run = Run(Engine(ModelConfig(), "abc"))
    run.engine.decode()
    with pytest.raises(ValueError, match="expected step 1"):
        run.history.append(run.engine.decode())
    assert len(run.history) == 1


def test_reset_drops_a_step_made_ahead():
    run = Run(Engine(ModelConfig(), "abc"))
    first = run.step_forward().next_token
    run.reset()
    run.engine.decode()
    run.reset()
    assert run.step_forward().next_token == first and run.current.step == 1
