"""The step caption says the same numbers in Chinese as in English: a translation may reorder the
words, never drop, add or change a figure."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from kvviz.core.caption import step_caption, step_captions
from kvviz.core.config import ModelConfig
from kvviz.core.policy import CachePolicy
from kvviz.core.run import RunSpec, build_run
from kvviz.i18n import SOURCE, set_language
from tests.i18n.speaking import has_chinese

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _records(policy: CachePolicy, steps: int):
    config = ModelConfig(n_layers=1, n_heads=2, n_kv_heads=1, d_model=16, context_length=32)
    spec = RunSpec(config=config, weights="random", prompt="abcdefghij", max_new_tokens=steps + 1, policy=policy)
    run = build_run(spec)
    records = [run.current]
    for _ in range(steps):
        records.append(run.step_forward())
    return records


@pytest.fixture
def chinese():
    set_language("zh_CN")
    yield
    set_language(SOURCE)


@pytest.mark.parametrize("policy", [CachePolicy(), CachePolicy(kind="window", window=8)], ids=["full", "window"])
def test_the_chinese_caption_carries_the_english_numbers(policy):
    records = _records(policy, 8)  # the prefill, decodes with one and several rows, past the window
    english = [form for r in records for form in step_captions(r)]  # the sentence and its shorter forms
    set_language("zh_CN")
    try:
        chinese = [form for r in records for form in step_captions(r)]
    finally:
        set_language(SOURCE)
    for en, zh in zip(english, chinese, strict=True):
        assert has_chinese(zh) and not has_chinese(en), (en, zh)
        assert Counter(NUMBER.findall(zh)) == Counter(NUMBER.findall(en)), (en, zh)
        assert len(NUMBER.findall(en)) >= 5, en  # step, rows, FLOPs, cache size: the figures are there


def test_the_caption_follows_a_switch_back_to_english(chinese):
    record = _records(CachePolicy(), 1)[-1]
    assert has_chinese(step_caption(record))
    set_language(SOURCE)
    assert step_caption(record).startswith("step 1 · decode · ")
