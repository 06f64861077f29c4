"""The uncached reference takes its output from PyTorch's fused attention and writes out only the rows it shows.

It must stay the truth: its logits and the rows it captures agree with attention written out
(scores, mask, softmax, weights · V: what the cached pass and the stored rows use) within the
rounding the records' own agreement words allow, on the shipped model (grouped-query), with
every head layout and every cache policy; the causal shortcut is taken only for a mask that
is the causal triangle cell for cell.
"""

import pytest
import torch
import torch.nn.functional as F

import kvviz.core.model as model_module
from kvviz.core.agreement import rounding_tolerance
from kvviz.core.checkpoint import build_model
from kvviz.core.config import ModelConfig
from kvviz.core.defaults import default_config
from kvviz.core.engine import Engine
from kvviz.core.model import TinyDecoder, fused_mask
from kvviz.core.policy import CachePolicy

POLICIES = [CachePolicy(), CachePolicy("window", 24), CachePolicy("sink", 16, sinks=4)]
T = 200  # longer than the windows, and several of the written-out path's blocks at 8 heads
ROWS = [0, 5, 63, 64, 130, 198, 199]  # captured rows: across blocks, the first and the last


def models() -> list[tuple[str, TinyDecoder]]:
    """The shipped model (4 heads on 2 K/V heads), and random ones with every head per K/V head and one shared."""
    shipped = build_model(default_config(), "trained")
    mha = TinyDecoder(ModelConfig(d_model=64, n_layers=2, n_heads=8, n_kv_heads=8, context_length=256))
    mqa = TinyDecoder(ModelConfig(d_model=64, n_layers=3, n_heads=4, n_kv_heads=1, context_length=256, seed=3))
    return [("shipped", shipped), ("mha", mha), ("mqa", mqa)]


def both_ways(model: TinyDecoder, ids: torch.Tensor, policy: CachePolicy, monkeypatch):
    """The uncached pass as the engine runs it, fused and written out."""
    with torch.inference_mode():
        fused = model(ids, 0, None, capture=ROWS, policy=policy)
        with monkeypatch.context() as patch:
            patch.setattr(model_module, "fused_mask", lambda allowed, n_queries: None)
            written = model(ids, 0, None, capture=ROWS, policy=policy)
    return fused, written


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.kind)
@pytest.mark.parametrize("name", ["shipped", "mha", "mqa"])
def test_fused_reference_agrees_with_attention_written_out(name, policy, monkeypatch):
    model = dict(models())[name]
    ids = torch.randint(0, model.config.vocab_size, (1, T), generator=torch.Generator().manual_seed(1))
    fused, written = both_ways(model, ids, policy, monkeypatch)
    # the tolerance a record of this model, policy and length words as "equal within rounding"
    engine = Engine(model.config, ids[0, : T - 1].tolist(), model=model, policy=policy, max_new_tokens=2)
    record = engine.decode()
    assert record.n_tokens == T

    logit_scale = float(written.logits.abs().max())
    assert float((fused.logits - written.logits).abs().max()) <= rounding_tolerance(record, logit_scale)
    layers = zip(fused.scores, written.scores, fused.weights, written.weights, strict=True)
    for layer, (s_f, s_w, w_f, w_w) in enumerate(layers):
        assert s_f.shape == s_w.shape == (1, model.config.n_heads, len(ROWS), T), layer
        assert torch.equal(torch.isneginf(s_f), torch.isneginf(s_w)), layer  # the same cells masked
        visible = ~torch.isneginf(s_w)
        row_scale = float(s_w[visible].abs().max())
        assert float((s_f - s_w)[visible].abs().max()) <= rounding_tolerance(record, row_scale), layer
        assert float((w_f - w_w).abs().max()) <= rounding_tolerance(record), layer
    for k_f, k_w in zip(fused.keys, written.keys, strict=True):
        assert float((k_f - k_w).abs().max()) <= rounding_tolerance(record, float(k_w.abs().max()))


def test_the_uncached_pass_and_a_prefill_use_the_fused_kernel_and_a_decode_row_does_not(monkeypatch):
    config = ModelConfig(d_model=32, n_layers=3, n_heads=4, n_kv_heads=2, context_length=64)
    calls = []
    real = F.scaled_dot_product_attention

    def counted(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(F, "scaled_dot_product_attention", counted)
    engine = Engine(config, "a prompt of a few tokens")
    # the prefill: the uncached and the cached pass over the prompt (the one-token warm-up is written out)
    assert len(calls) == 2 * config.n_layers and all(c.get("is_causal") for c in calls)
    calls.clear()
    engine.decode()
    assert len(calls) == config.n_layers  # the uncached pass; the cached one's single row is written out


def test_the_causal_shortcut_is_taken_only_for_the_causal_triangle():
    causal = torch.ones(6, 6, dtype=torch.bool).tril()
    assert fused_mask(causal, 6) == {"is_causal": True}
    assert fused_mask(None, 6) == {}
    window = CachePolicy("window", 3).allowed(torch.arange(6), torch.arange(6))
    one_cell_off = causal.clone()
    one_cell_off[5, 0] = False
    wide = torch.ones(6, 8, dtype=torch.bool).tril()
    for mask in (window, one_cell_off, wide):
        assert fused_mask(mask, 6)["attn_mask"] is mask
    # a window no shorter than the pass masks exactly the triangle, so it may take the shortcut
    assert fused_mask(CachePolicy("window", 6).allowed(torch.arange(6), torch.arange(6)), 6) == {"is_causal": True}
