"""Truth against the reference: each architecture's tokens, logits and attention rows equal transformers' own."""

from __future__ import annotations

import pytest
import torch
from transformers import AutoModelForCausalLM

from kvviz.core.defaults import default_config
from kvviz.core.run import RunSpec, build_run
from kvviz.hf.weights import ModelFolderWeights
from tests.hf.tiny_models import ARCHITECTURES

PROMPT = "The KV cache stores keys"
STEPS = 6


def run_of(folder, steps=STEPS, **build):
    weights = ModelFolderWeights(folder)
    config = weights.configure(default_config().replace(context_length=64))
    run = build_run(RunSpec(config=config, prompt=PROMPT, weights=weights), **build)
    for _ in range(steps):
        run.step_forward()
    return run


@pytest.mark.parametrize("arch", [*ARCHITECTURES, "sharded"])
def test_greedy_tokens_and_logits_equal_transformers(model_folders, arch):
    run = run_of(model_folders[arch])
    decoder = run.engine.model
    prompt_ids = decoder.text.encode(PROMPT)
    reference = AutoModelForCausalLM.from_pretrained(model_folders[arch])  # transformers' default attention
    ids = torch.tensor([prompt_ids])
    every = torch.ones_like(ids)  # else generate masks a BOS that shares the pad token's id (Gemma's 0)
    generated = reference.generate(
        ids, attention_mask=every, max_new_tokens=STEPS + 1, min_new_tokens=STEPS + 1, do_sample=False
    )
    last = run.current
    ours = [*last.tokens.tolist(), last.next_token]
    assert ours == generated[0].tolist()
    assert len(set(ours[len(prompt_ids) :])) > 1  # a run of one repeated token would prove little
    with torch.inference_mode():
        want = reference(generated[:, :-1]).logits[:, -1]
        got = decoder(generated[:, :-1]).logits
    torch.testing.assert_close(got, want, atol=1e-4, rtol=1e-4)


@pytest.mark.parametrize("arch", ARCHITECTURES)
def test_recorded_attention_rows_are_the_models_own(model_folders, arch):
    """Every row the cached run recorded equals the weights transformers' eager attention returns."""
    run = run_of(model_folders[arch], steps=3)
    last = run.current
    eager = AutoModelForCausalLM.from_pretrained(model_folders[arch], attn_implementation="eager")
    with torch.inference_mode():
        attentions = eager(torch.tensor([last.tokens.tolist()]), output_attentions=True).attentions
    config = run.config
    assert len(attentions) == config.n_layers
    for layer, want in enumerate(attentions):
        assert want.shape[1] == config.n_heads
        for head in range(config.n_heads):
            got = torch.from_numpy(last.weights(layer, head).copy()).nan_to_num(0.0)
            torch.testing.assert_close(got, want[0, head], atol=1e-5, rtol=1e-4)


def test_recorded_keys_are_the_cache_tensors(model_folders):
    run = run_of(model_folders["llama"], steps=3)
    last = run.current
    for layer, cached in enumerate(run.engine.cache.inner.layers):
        torch.testing.assert_close(torch.from_numpy(last.keys(layer).copy()), cached.keys[0])
        torch.testing.assert_close(torch.from_numpy(last.values(layer).copy()), cached.values[0])
