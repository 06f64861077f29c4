"""Any configuration and prompt a user can type: either the documented ConfigError naming a real
field, or a config that obeys every rule and, when small enough to run here, a run that keeps the
core's invariants (cached = uncached, FLOPs and bytes formulas). Every branch asserts something,
and each test has examples that reach its branch without an error."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from kvviz.core import tokenizer
from kvviz.core.config import DTYPES, ConfigError, ModelConfig, check_prompt_fits
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.record import Mode
from kvviz.core.run import Run

FIELDS = {f.name for f in dataclasses.fields(ModelConfig) if f.init}
#: Fields a message may name besides the config's own.
OTHER_FIELDS = {"prompt", "config"}

#: Values of any kind; sizes bounded so a config that is valid stays tiny.
anything = st.one_of(
    st.integers(-3, 8),
    st.just(0),
    st.integers(2**40, 2**41),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=True),
    st.text(max_size=4),
    st.lists(st.integers(), max_size=2),
)
small = {
    "vocab_size": st.one_of(st.just(256), st.integers(250, 260), anything),
    "d_model": st.one_of(st.sampled_from([4, 8, 16]), anything),
    "n_layers": st.one_of(st.integers(1, 2), anything),
    "n_heads": st.one_of(st.sampled_from([1, 2, 4]), anything),
    "n_kv_heads": st.one_of(st.sampled_from([1, 2]), anything),
    "head_dim": st.one_of(st.none(), st.sampled_from([2, 3, 4]), anything),
    "context_length": st.one_of(st.integers(1, 24), anything),
    "dtype": st.one_of(st.sampled_from(["float32", "float16", "bfloat16", "int8", "Float32", ""]), anything),
    "batch_size": st.one_of(st.integers(1, 2), anything),
    "seed": st.one_of(st.integers(0, 2**31), anything),
    "mlp_ratio": st.one_of(st.integers(1, 2), anything),
}
config_fields = st.fixed_dictionaries({}, optional=small)
#: Any text: empty, surrogates, combining marks, long.
prompts = st.one_of(st.text(max_size=30), st.text(min_size=100, max_size=400), st.just(""))


def _small_enough(config: ModelConfig) -> bool:
    """Huge-but-valid values (2**40 heads) are valid configs; running them is not what this test is for."""
    return (
        config.d_model <= 64
        and config.dim_head <= 64
        and config.n_heads <= 8
        and config.mlp_ratio <= 8
        and (
            config.vocab_size <= 300 and config.n_layers <= 8 and config.batch_size <= 8 and config.context_length <= 64
        )
    )


def _assert_obeys_every_rule(config: ModelConfig, fields: dict) -> None:
    """What ModelConfig promises of a config it accepts, checked independently of its own checks."""
    assert {name: getattr(config, name) for name in fields} == fields  # kept as given, nothing coerced
    for name in ("vocab_size", "d_model", "n_layers", "n_heads", "n_kv_heads", "context_length", "batch_size"):
        value = getattr(config, name)
        assert type(value) is int and value > 0, name
    assert type(config.mlp_ratio) is int and config.mlp_ratio > 0
    assert config.vocab_size >= 256
    if config.head_dim is None:
        assert config.d_model % config.n_heads == 0 and config.dim_head == config.d_model // config.n_heads
    else:
        assert type(config.head_dim) is int and config.dim_head == config.head_dim > 0
    assert config.dim_head % 2 == 0
    assert config.n_kv_heads <= config.n_heads and config.n_heads % config.n_kv_heads == 0
    assert config.dtype in DTYPES
    assert type(config.seed) is int and config.seed >= 0


@settings(max_examples=40)
@given(config_fields, prompts, st.integers(1, 4))
@example({"d_model": 16, "n_layers": 2, "n_heads": 2, "n_kv_heads": 1, "context_length": 12}, "KV cache", 4)
@example({"n_heads": 2**40}, "x", 1)
# one example at each rule's edge, so a rule the config stops enforcing shows up in the accepted branch
@example({"head_dim": 3}, "x", 1)
@example({"d_model": 6, "n_heads": 2, "n_kv_heads": 1}, "x", 1)
@example({"n_layers": True}, "x", 1)
@example({"n_kv_heads": 3}, "x", 1)
@example({"vocab_size": 255}, "x", 1)
@example({"seed": -1}, "x", 1)
@example({"dtype": "int8"}, "x", 1)
def test_any_config_and_prompt_is_an_error_naming_a_field_or_a_correct_run(fields, prompt, steps):
    try:
        config = ModelConfig(**fields)
    except ConfigError as exc:
        assert exc.field in FIELDS | OTHER_FIELDS, exc
        assert exc.rule and str(exc) == f"{exc.field}: {exc.rule}"
        return
    _assert_obeys_every_rule(config, fields)
    ids = tokenizer.encode(prompt)
    try:
        check_prompt_fits(config, len(ids))
    except ConfigError as exc:
        assert exc.field == "prompt" and (len(ids) == 0 or len(ids) > config.context_length), exc
        return
    if not _small_enough(config):
        event("valid, too large to run here: checked against the rules only")
        return
    run = Run(Engine(config, prompt, count_flops=True))
    records = [run.current]
    for _ in range(steps):
        try:
            records.append(run.step_forward())
        except GenerationStopped as stop:
            assert str(stop) and run.stop_reason
            assert records[-1].n_tokens == config.context_length
            break
    tolerance = 1e-4 if config.dtype == "float32" else 0.25
    for r in records:
        assert r.max_abs_logit_diff <= tolerance, (config, r.step)
        if config.dtype == "float32":
            assert r.cached.next_token == r.uncached.next_token
        for mode in Mode:
            stats = r.cached if mode is Mode.CACHED else r.uncached
            assert stats.flops_measured == stats.flops.total, (mode, r.step)
        assert r.cache_bytes_used == config.kv_bytes_per_token() * r.n_tokens
        assert r.n_tokens == len(ids) + r.step


@settings(max_examples=30)
@given(st.dictionaries(st.text(max_size=12), anything, max_size=4))
@example({})
@example({"n_layers": 3, "dtype": "float16"})
def test_unknown_or_wrong_config_keys_are_config_errors(data):
    try:
        config = ModelConfig.from_dict(data)
    except ConfigError as exc:
        assert exc.field in FIELDS | set(data), exc
        return
    assert set(data) <= FIELDS
    _assert_obeys_every_rule(config, data)
    assert config == ModelConfig(**data)


@settings(max_examples=20)
@given(st.binary(max_size=200))
@example(b"{}")
@example(b'{"n_layers": 3, "context_length": 64}')
def test_any_config_file_is_a_config_error_or_a_config(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("cfg") / "config.json"
    path.write_bytes(content)
    try:
        config = ModelConfig.from_json(path)
    except ConfigError as exc:
        assert exc.field in FIELDS | OTHER_FIELDS
        return
    data = json.loads(content.decode("utf-8"))  # it was a JSON object of config fields, nothing else
    assert isinstance(data, dict) and set(data) <= FIELDS
    _assert_obeys_every_rule(config, data)
