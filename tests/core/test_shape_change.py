"""Before and after a shape change: the ratio shown is the ratio of the two caches' measured bytes."""

from fractions import Fraction

import pytest
import torch

from kvviz.core.config import ModelConfig
from kvviz.core.head_sharing import head_groups, head_label, kv_head_of
from kvviz.core.model import TinyDecoder
from kvviz.core.policy import CachePolicy
from kvviz.core.run import RunSpec, build_run
from kvviz.core.shape_change import CacheSetting, compare, format_ratio

BASE = ModelConfig(n_layers=2, n_heads=4, n_kv_heads=2, d_model=32, context_length=48)
PROMPT = "a shape change"


def measured(setting: CacheSetting, steps: int):
    """The record after ``steps`` decode steps of a random-weights run in ``setting``."""
    spec = RunSpec(
        config=setting.config, prompt=PROMPT, policy=setting.policy, cache_dtype=setting.cache_dtype, weights="random"
    )
    run = build_run(spec, record_attention=False)
    for _ in range(steps):
        run.step_forward()
    return run.current


COMBOS = [
    # (after, the text shown): doubling layers while halving kv-heads and dtype nets ½
    (
        CacheSetting(BASE.replace(n_layers=4, n_kv_heads=1, dtype="float16")),
        "× 0.5 = layers × 2 · kv-heads ÷ 2 · bytes ÷ 2",
    ),
    (CacheSetting(BASE.replace(n_kv_heads=4)), "× 2 = kv-heads × 2"),
    (CacheSetting(BASE.replace(n_kv_heads=1)), "× 0.5 = kv-heads ÷ 2"),
    (CacheSetting(BASE, cache_dtype="int8"), "× 0.312 = bytes per vector ÷ 3.2"),  # 8·4 B → 8·1 B + 2 B scale
    (CacheSetting(BASE, cache_dtype="int4"), "× 0.188 = bytes per vector ÷ 5.33"),  # 8·4 B → 8·½ B + 2 B scale
    (CacheSetting(BASE, policy=CachePolicy("window", window=8)), "× 0.4 = tokens in cache ÷ 2.5"),
    (CacheSetting(BASE.replace(batch_size=3, dtype="bfloat16")), "× 1.5 = batch × 3 · bytes ÷ 2"),
    (CacheSetting(BASE), "× 1 (no factor changed)"),
]


@pytest.mark.parametrize(("after", "text"), COMBOS)
def test_the_ratio_shown_is_the_ratio_of_the_measured_caches(after, text):
    before = CacheSetting(BASE)
    old, new = measured(before, 6), measured(after, 6)
    assert old.n_tokens == new.n_tokens == 20
    change = compare(before, after, new.n_tokens)
    assert (change.before.total, change.after.total) == (old.cache_bytes_used, new.cache_bytes_used)
    assert change.ratio == Fraction(new.cache_bytes_used, old.cache_bytes_used)
    assert change.text == text


def test_the_factors_multiply_to_the_ratio_in_every_direction():
    settings = [setting for setting, _ in COMBOS] + [CacheSetting(BASE.replace(n_heads=8, n_kv_heads=8), "fp8")]
    for before in settings:
        for after in settings:
            change = compare(before, after, 30)
            product = Fraction(1)
            for factor in change.factors:
                product *= factor.ratio
            assert product == change.ratio == Fraction(after.factors(30).total, before.factors(30).total)


def test_the_label_names_the_setting_and_what_sets_it_apart():
    after = CacheSetting(BASE.replace(n_heads=8, n_kv_heads=1), "int4", CachePolicy("sink", window=16, sinks=4))
    assert CacheSetting(BASE).label() == "2 layers · 2 K/V heads · float32"
    assert CacheSetting(BASE).label(after) == "2 layers · 4 heads · 2 K/V heads · float32 · head_dim 8"
    assert after.label() == "2 layers · 1 K/V head · float32 · int4 cache · 4 sinks + window 16"


def test_ratios_read_as_a_lecturer_says_them():
    assert [format_ratio(Fraction(r)) for r in ("2", "1/2", "3/2", "2/5", "1024")] == [
        "× 2",
        "÷ 2",
        "× 1.5",
        "÷ 2.5",
        "× 1,024",
    ]
    assert [format_ratio(Fraction(r), decimal=True) for r in ("1/2", "4", "1/3", "1/4096")] == [
        "× 0.5",
        "× 4",
        "× 0.333",
        "× 1/4096",
    ]


@pytest.mark.parametrize(("n_heads", "n_kv_heads"), [(4, 4), (4, 2), (4, 1), (6, 3)])
def test_head_groups_are_the_heads_that_read_each_kv_head_in_the_model(n_heads, n_kv_heads):
    """Altering K/V head g's key weights moves the scores of exactly the heads grouped under g."""
    config = ModelConfig(n_layers=1, n_heads=n_heads, n_kv_heads=n_kv_heads, d_model=8 * n_heads, context_length=16)
    groups = head_groups(n_heads, n_kv_heads)
    assert sorted(h for group in groups for h in group) == list(range(n_heads))
    assert all(len(group) == n_heads // n_kv_heads for group in groups)
    model = TinyDecoder(config)
    ids = torch.tensor([list(b"kv heads")])
    base = model(ids, capture=True).scores[0][0]  # (H, T, T)
    hd = config.dim_head
    for g, group in enumerate(groups):
        altered = TinyDecoder(config)
        with torch.no_grad():
            rows = slice((n_heads + g) * hd, (n_heads + g + 1) * hd)  # the qkv rows of K head g
            altered.blocks[0].attn.qkv.weight[rows] *= 3.0
        scores = altered(ids, capture=True).scores[0][0]
        moved = {h for h in range(n_heads) if not torch.equal(scores[h], base[h])}
        assert moved == set(group) == {h for h in range(n_heads) if kv_head_of(h, n_heads, n_kv_heads) == g}
    assert head_label(n_heads - 1, n_heads, n_kv_heads) == f"head {n_heads - 1} · K/V {n_kv_heads - 1}"
