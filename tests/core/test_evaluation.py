"""Quality against memory: an eval row is what the app's decode steps compute, and its bytes are the cache's."""

from __future__ import annotations

import json
import math

import pytest
import torch
import torch.nn.functional as F

from kvviz.cli import main
from kvviz.core.config import ModelConfig
from kvviz.core.evaluation import CacheSetting, cache_bytes, cache_label, cache_settings, evaluate, setting_of
from kvviz.core.model import TinyDecoder
from kvviz.core.policy import CachePolicy
from kvviz.i18n import set_language
from kvviz.training.corpus import load_corpus

SMALL = ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=24, seed=3)
TEXT = load_corpus().heldout[:200]


def decoded_bits_per_byte(model: TinyDecoder, data: bytes, context: int, setting: CacheSetting) -> float:
    """The same score from the app's own path: a real KVCache, one token per decode step, window by window."""
    ids = list(data)
    nats, scored = 0.0, 0
    for start in range(0, len(ids) - 1, context):
        window = ids[start : start + context + 1]
        cache = model.new_cache(setting.policy, setting.cache_dtype)
        for t in range(len(window) - 1):
            with torch.inference_mode():
                logits = model(torch.tensor([[window[t]]]), start=t, cache=cache).logits  # (1, vocab)
            nats -= float(F.log_softmax(logits.float(), dim=-1)[0, window[t + 1]])
            scored += 1
    return nats / scored / math.log(2)


@pytest.mark.parametrize(
    "setting",
    [
        CacheSetting("full"),
        CacheSetting("int8", cache_dtype="int8"),
        CacheSetting("int4", cache_dtype="int4"),
        CacheSetting("sinks 2 + window 6 fp8", CachePolicy("sink", 6, 2), "fp8"),
        CacheSetting("window 5", CachePolicy("window", 5)),
    ],
    ids=lambda s: s.name,
)
def test_an_eval_row_is_what_decoding_token_by_token_through_the_cache_computes(setting):
    model = TinyDecoder(SMALL)
    row = evaluate(model, "small", TEXT, setting, context=SMALL.context_length)
    assert row.bits_per_byte == pytest.approx(
        decoded_bits_per_byte(model, TEXT, SMALL.context_length, setting), abs=2e-5
    )
    assert row.bytes_scored == len(TEXT) - 1


def test_the_cache_settings_change_the_score():
    """Not a tautology: each setting scores differently from the full cache on the same weights."""
    model = TinyDecoder(SMALL)
    scores = {s.name: evaluate(model, "small", TEXT, s, context=20).bits_per_byte for s in cache_settings(8, 2)}
    assert len(set(scores.values())) == len(scores), scores


def test_bytes_per_token_is_the_formula_with_scales_and_the_window_plateau():
    c = SMALL.replace(batch_size=3)  # the row is for one sequence, whatever the run's batch
    per_token = 2 * c.n_layers * c.n_kv_heads * c.dim_head * 4
    assert cache_bytes(c, CacheSetting("full"), 24) == 24 * per_token
    assert cache_bytes(c, CacheSetting("int8", cache_dtype="int8"), 24) == 24 * 2 * 2 * 2 * (8 + 2)
    assert cache_bytes(c, CacheSetting("int4", cache_dtype="int4"), 24) == 24 * 2 * 2 * 2 * (4 + 2)
    assert cache_bytes(c, CacheSetting("w", CachePolicy("window", 6)), 24) == 6 * per_token
    row = evaluate(TinyDecoder(SMALL), "small", TEXT, CacheSetting("w", CachePolicy("window", 6)), context=24)
    assert row.bytes_per_token == 6 * per_token / 24


def test_a_seed_reproduces_a_sampled_row_and_another_seed_picks_other_windows():
    model = TinyDecoder(SMALL)
    text = load_corpus().heldout[:2000]
    a, b, c = (evaluate(model, "s", text, CacheSetting("full"), 24, sample=5, seed=s) for s in (1, 1, 2))
    assert a == b
    assert a.bits_per_byte != c.bits_per_byte
    assert a.bytes_scored == 5 * 24


def test_settings_are_named_as_the_app_runs_them():
    assert setting_of(CachePolicy(), "model").name == "full"
    assert setting_of(CachePolicy("window", 64), "model").name == "window 64"
    assert setting_of(CachePolicy("sink", 60, 4), "int8").name == "sinks 4 + window 60 int8"
    assert [s.name for s in cache_settings(64, 4)][-1] == setting_of(CachePolicy("sink", 60, 4), "model").name


def test_eval_json_rows_have_the_promised_fields_and_the_default_row_is_the_cards_figure(capsys):
    assert main(["eval", "--json", "--sample", "2", "--seed", "5", "--threads", "1"]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    keys = {"model", "n_layers", "n_kv_heads", "cache", "context", "bytes_per_token", "bits_per_byte"}
    assert all(keys <= set(row) for row in rows)
    assert [r["cache"] for r in rows if r["model"] == "tiny-L4-kv2"][:2] == ["full", "int8"]
    assert {r["context"] for r in rows} == {256}
    assert "rows in" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--context", "30000"], "--context: 30,000 is longer than the held-out text"),
        (["--context", str(10**30)], "--context:"),
        (["--context", "0"], "--context: must be a positive integer"),
        (["--window", "300"], "--window:"),
        (["--sinks", "64"], "--sinks: must be fewer than the window"),
        (["--sample", "-1"], "--sample"),
        (["--threads", str(10**12)], "--threads: must be 1 to 1024"),
    ],
)
def test_eval_refuses_bad_numbers_in_one_line(capsys, args, message):
    assert main(["eval", *args]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"kvviz: error: {message}") and err.count("\n") == 1


def test_a_settings_name_stays_english_and_its_label_speaks_the_language():
    """Rows keep the English name (JSON, the chart's bookkeeping); tables and the chart's points show the label."""
    names = [s.name for s in cache_settings(64, 4)]
    names += [setting_of(CachePolicy("sink", 6, 2), "fp8").name, setting_of(CachePolicy("window", 5), "int4").name]
    assert names == [
        "full",
        "int8",
        "int4",
        "fp8",
        "window 64",
        "sinks 4 + window 60",
        "sinks 2 + window 6 fp8",
        "window 5 int4",
    ]
    assert [cache_label(name) for name in names] == names
    set_language("zh_CN")
    try:
        labels = [cache_label(name) for name in names]
        assert [s.name for s in cache_settings(64, 4)] == names[:6]  # the names do not follow the language
    finally:
        set_language("en")
    assert labels == [
        "完整",
        "int8",
        "int4",
        "fp8",
        "窗口 64",
        "汇聚 4 + 窗口 60",
        "汇聚 2 + 窗口 6 fp8",
        "窗口 5 int4",
    ]
