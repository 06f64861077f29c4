"""The memory readout equals the cache's measured bytes; the plot series equal the records."""

from __future__ import annotations

import math

import numpy as np
import pytest

from kvviz.core.agreement import agreement_text
from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.run import Run
from kvviz.gui.theme import DARK
from kvviz.gui.views.cache_view import KVCacheView, band_layout, cache_values
from kvviz.gui.views.formula_view import FormulaView
from kvviz.gui.views.plots import PlotsPanel
from kvviz.gui.views.readouts import MemoryFormula, memory_formula, status_fields
from kvviz.gui.views.series import step_series
from kvviz.units import format_bytes

CONFIGS = [
    ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=4, context_length=48),  # MHA, float32
    ModelConfig(d_model=32, n_layers=3, n_heads=4, n_kv_heads=2, context_length=48, dtype="float16", batch_size=2),
    ModelConfig(d_model=32, n_layers=1, n_heads=4, n_kv_heads=1, context_length=48, dtype="bfloat16"),  # MQA
    ModelConfig(d_model=32, n_layers=2, n_heads=2, n_kv_heads=2, head_dim=12, context_length=48, batch_size=3),
]


def _run(config: ModelConfig, steps: int = 4) -> Run:
    run = Run(Engine(config, "cache me"))
    for _ in range(steps):
        run.step_forward()
    return run


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.attention_kind}-{c.dtype}-b{c.batch_size}")
def test_memory_formula_equals_measured_cache_bytes(qtbot, config):
    run = _run(config)
    view = KVCacheView(DARK)
    qtbot.addWidget(view)
    for record in run.history:
        formula = memory_formula(record)
        assert formula.product == record.cache_bytes_used
        assert formula.agrees
        assert dict(formula.factors) == {
            "K and V": 2,
            "batch": config.batch_size,
            "tokens": record.n_tokens,
            "layers": config.n_layers,
            "kv_heads": config.n_kv_heads,
            "head_dim": config.dim_head,
            "bytes": config.bytes_per_element,
        }
        view.set_record(record)
        assert f"{record.cache_bytes_used:,} B" in view.formula.text()
        assert "≠" not in view.formula.text()


def test_cache_view_shows_the_cached_keys_and_values(qtbot):
    config = CONFIGS[1]
    run = _run(config)
    record = run.current
    view = KVCacheView(DARK)
    qtbot.addWidget(view)
    view.set_record(record)
    band = band_layout(record)
    assert view.values.shape == (band.total_rows, record.n_tokens)
    for layer in range(config.n_layers):
        for which, kv in enumerate((record.keys(layer), record.values(layer))):
            top = band.band_top(layer, which)
            # row r of a band is K/V head r // head_dim, dimension r % head_dim (every dim_stride-th row)
            expected = kv.transpose(0, 2, 1).reshape(-1, record.n_tokens)[:: band.dim_stride]
            np.testing.assert_array_equal(view.values[top : top + expected.shape[0]], expected)
    np.testing.assert_array_equal(cache_values(record, band), view.values)
    rect = view.appended.rect()
    assert (rect.left(), rect.width()) == (record.n_tokens - 1, 1)
    assert f"{record.n_tokens} of {config.context_length} positions" in view.header.text()


def test_status_fields_read_the_record():
    run = _run(CONFIGS[0], steps=2)
    record = run.current
    fields = status_fields(record, len(run.history))
    assert fields.step == "step 2 / 2"
    assert fields.phase == "decode"
    assert fields.tokens == f"{record.n_tokens} tokens ({record.n_prompt} + 2)"
    assert fields.check == agreement_text(record)
    assert fields.check.startswith("cached vs uncached: same tokens so far; logits")


def test_step_series_are_the_records_figures():
    run = _run(CONFIGS[2], steps=5)
    s = step_series(run.history)
    records = run.history
    np.testing.assert_array_equal(s.steps, [r.step for r in records])
    np.testing.assert_array_equal(s.flops_uncached, [r.uncached.flops.total for r in records])
    np.testing.assert_array_equal(s.flops_cached, [r.cached.flops.total for r in records])
    np.testing.assert_array_equal(s.cache_used, [r.cache_bytes_used for r in records])
    np.testing.assert_array_equal(s.time_cached, [r.cached.time_s for r in records])
    assert s.cumulative_uncached[-1] == sum(r.uncached.flops.total for r in records)
    assert s.cumulative_cached[-1] == sum(r.cached.flops.total for r in records)


def test_formula_view_draws_every_factor_inside_the_size_it_asks_for(qtbot):
    factors = (("K and V", 2), ("batch", 1), ("tokens", 1234), ("layers", 4), ("kv_heads", 8), ("head_dim", 16))
    factors += (("bytes", 4),)
    product = math.prod(v for _, v in factors)
    view = FormulaView(DARK)
    qtbot.addWidget(view)
    view.set_formula(MemoryFormula(factors, product, product))
    assert view.text() == f"2 × 1 × 1,234 × 4 × 8 × 16 × 4 = {product:,} B = {format_bytes(product)}"
    assert "kv_heads × head_dim" in view.accessibleName()
    view.set_formula(MemoryFormula(factors, product, product + 8))
    assert view.text().endswith(f"= {format_bytes(product)} ≠ measured {product + 8:,} B")

    hint = view.sizeHint()
    view.resize(hint.width() + 40, hint.height())
    image = view.grab().toImage()
    background = image.pixel(image.width() - 1, 0)
    ink = [x for x in range(image.width()) if any(image.pixel(x, y) != background for y in range(image.height()))]
    assert hint.width() - 15 < ink[-1] < hint.width()  # the warning ends just inside the hint: nothing clipped
    rows = [y for y in range(image.height()) if any(image.pixel(x, y) != background for x in range(hint.width()))]
    assert rows[0] < hint.height() // 2 <= rows[-1]  # names above, values below


def test_the_cached_step_plot_shows_its_attention_part_growing_with_n(qtbot):
    engine = _run(CONFIGS[0], steps=12)
    panel = PlotsPanel(DARK)
    qtbot.addWidget(panel)
    panel.set_history(engine.history)
    decode = engine.history[1:]
    x, total = panel.cached_flops.curves["total"].getOriginalDataset()
    _, attention = panel.cached_flops.curves["attention"].getOriginalDataset()
    np.testing.assert_array_equal(x, [r.step for r in decode])
    np.testing.assert_array_equal(total, [r.cached.flops.total for r in decode])
    np.testing.assert_array_equal(attention, [r.cached.flops.qk + r.cached.flops.av for r in decode])
    assert np.all(np.diff(attention) > 0)  # one more key each step: attention grows
    np.testing.assert_array_equal(np.diff(total), np.diff(attention))  # and it is all that grows
    record = engine.current
    panel.set_record(record)
    share = (record.cached.flops.qk + record.cached.flops.av) / record.cached.flops.total
    assert panel.cached_flops.note == f"attention (dashed) {share:.0%} at {record.n_tokens} keys"
