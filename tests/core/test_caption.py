"""The step's story in words carries the record's own numbers."""

from __future__ import annotations

from kvviz.core.caption import recomputed_rows, step_caption, step_captions
from kvviz.core.config import ModelConfig
from kvviz.core.record import Phase
from kvviz.core.run import RunSpec, build_run
from kvviz.units import format_bytes, format_flops


def _records(steps: int):
    config = ModelConfig(n_layers=1, n_heads=2, n_kv_heads=1, d_model=16, context_length=32)
    run = build_run(RunSpec(config=config, weights="random", prompt="abcde", max_new_tokens=steps + 1))
    records = [run.current]
    for _ in range(steps):
        records.append(run.step_forward())
    return records


def test_caption_tells_each_mode_its_rows_flops_and_the_cache_size():
    prefill, *decodes = _records(3)
    assert prefill.phase is Phase.PREFILL
    assert step_caption(prefill) == (
        f"step 0 · prefill · without a cache 5 rows computed ({format_flops(prefill.uncached.flops.total)}) · "
        f"with a cache 5 rows computed, K/V stored ({format_flops(prefill.cached.flops.total)}) · "
        f"cache {format_bytes(prefill.cache_bytes_used)}"
    )
    last = decodes[-1]
    n = last.n_tokens
    assert recomputed_rows(last) == n - 1  # every earlier row, again
    assert step_caption(last) == (
        f"step 3 · decode · without a cache {n - 1} rows recomputed + 1 new "
        f"({format_flops(last.uncached.flops.total)}) · with a cache 1 new row "
        f"({format_flops(last.cached.flops.total)}) · cache {format_bytes(last.cache_bytes_used)}"
    )


def test_the_shorter_forms_keep_every_number():
    prefill, *decodes = _records(3)
    last = decodes[-1]
    n = last.n_tokens
    flops = [format_flops(r.uncached.flops.total) for r in (prefill, last)]
    cached = [format_flops(r.cached.flops.total) for r in (prefill, last)]
    size = [format_bytes(r.cache_bytes_used) for r in (prefill, last)]
    assert step_captions(prefill)[1:] == (
        f"step 0 · prefill · no cache: 5 rows, {flops[0]} · cache: 5 rows, {cached[0]}, {size[0]}",
        f"step 0 · prefill · 5 rows, {flops[0]} vs 5 rows, {cached[0]} · cache {size[0]}",
    )
    assert step_captions(last) == (
        step_caption(last),
        f"step 3 · decode · no cache: {n - 1}+1 rows, {flops[1]} · cache: 1 row, {cached[1]}, {size[1]}",
        f"step 3 · decode · {n - 1}+1 rows, {flops[1]} vs 1 row, {cached[1]} · cache {size[1]}",
    )
    assert [len(form) for form in step_captions(last)] == sorted((len(f) for f in step_captions(last)), reverse=True)
