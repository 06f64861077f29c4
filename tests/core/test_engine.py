"""Navigation, limits and sampling of the step engine."""

import numpy as np
import pytest

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.record import Phase
from kvviz.core.sampling import Sampling
from kvviz.core.serialize import record_to_dict


def test_step_back_and_forward_reuse_history():
    engine = Engine(ModelConfig(), "abc")
    first = [engine.step_forward() for _ in range(3)]
    assert engine.step_back() is first[1]
    assert engine.step_back() is first[0]
    assert engine.step_forward() is first[1]
    assert engine.seek(3) is first[2]
    assert len(engine.history) == 4
    assert engine.seek(0).phase is Phase.PREFILL


def test_reset_reproduces_the_same_run():
    engine = Engine(ModelConfig(), "abc", sampling=Sampling(temperature=1.0, top_k=20, seed=7))
    tokens = [engine.step_forward().next_token for _ in range(6)]
    engine.reset()
    assert len(engine.history) == 1 and engine.cursor == 0
    assert [engine.step_forward().next_token for _ in range(6)] == tokens


def test_sampling_depends_on_seed():
    def run(seed):
        engine = Engine(ModelConfig(), "abc", sampling=Sampling(temperature=2.0, seed=seed))
        return [engine.step_forward().next_token for _ in range(12)]

    assert run(1) == run(1)
    assert run(1) != run(2)


def test_top_k_limits_choices():
    engine = Engine(ModelConfig(), "abc", sampling=Sampling(temperature=5.0, top_k=1, seed=3))
    greedy = Engine(ModelConfig(), "abc")
    assert [engine.step_forward().next_token for _ in range(5)] == [greedy.step_forward().next_token for _ in range(5)]


def test_context_length_stops_with_a_reason():
    engine = Engine(ModelConfig(context_length=6), "abcd")
    engine.step_forward()
    engine.step_forward()
    assert engine.current.n_tokens == 6
    assert engine.stop_reason is not None and "context length" in engine.stop_reason
    assert not engine.can_step_forward()
    with pytest.raises(GenerationStopped, match="context length"):
        engine.step_forward()
    assert engine.current.n_tokens == 6  # nothing wrapped or changed
    assert engine.final_step == engine.current.step == 2
    assert engine.seek(50).step == 2


def test_max_new_tokens_stops_with_a_reason():
    engine = Engine(ModelConfig(), "abcd", max_new_tokens=3)
    engine.seek(10)
    assert engine.current.step == 2  # prefill made token 1, two decode steps made tokens 2 and 3
    assert engine.final_step == 2
    assert "max new tokens" in engine.stop_reason


def test_invalid_engine_arguments():
    with pytest.raises(ConfigError, match="longer than context_length"):
        Engine(ModelConfig(context_length=4), "too long")
    with pytest.raises(ConfigError, match="at least one token"):
        Engine(ModelConfig(), "")
    with pytest.raises(ConfigError) as info:
        Sampling(temperature=-1)
    assert info.value.field == "temperature"
    with pytest.raises(ConfigError) as info:
        Sampling(top_k=-2)
    assert info.value.field == "top_k"
    with pytest.raises(ConfigError) as info:
        Engine(ModelConfig(), "abc", max_new_tokens=0)
    assert info.value.field == "max_new_tokens"


def test_record_without_attention_says_so():
    engine = Engine(ModelConfig(), "abc", record_attention=False)
    r = engine.step_forward()
    assert r.recompute_max_abs_diff is None
    with pytest.raises(ValueError, match="did not record attention"):
        r.scores(0, 0)


def _without_times(record) -> dict:
    data = record_to_dict(record)
    for mode in ("cached", "uncached"):
        data[mode].pop("time_s")
    return data


def test_a_step_prepared_ahead_is_the_step_computed_on_demand():
    sampling = Sampling(temperature=1.0, top_k=20, seed=3)
    plain = Engine(ModelConfig(context_length=12), "abc", sampling=sampling, count_flops=True)
    ahead = Engine(ModelConfig(context_length=12), "abc", sampling=sampling, count_flops=True)
    while plain.can_step_forward():
        shown = ahead.current
        assert ahead.prepare_next()
        assert ahead.current is shown and len(ahead.history) == shown.step + 1  # nothing shown yet
        np.testing.assert_array_equal(shown.scores(0, 0), plain.current.scores(0, 0))  # older records intact
        assert _without_times(ahead.step_forward()) == _without_times(plain.step_forward())
        np.testing.assert_array_equal(ahead.current.scores(1, 1), plain.current.scores(1, 1))
    assert not ahead.prepare_next()
    assert ahead.stop_reason == plain.stop_reason


def test_reset_drops_a_prepared_step():
    engine = Engine(ModelConfig(), "abc")
    first = engine.step_forward().next_token
    engine.reset()
    engine.prepare_next()
    engine.reset()
    assert engine.step_forward().next_token == first and engine.current.step == 1
