"""The shipped trained weights: they load, match their card, beat the baseline and write readable text."""

import re

import pytest
import torch

from kvviz.core import tokenizer
from kvviz.core.checkpoint import TRAINED_WEIGHTS, build_model, load_checkpoint
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.engine import Engine
from kvviz.core.head_patterns import head_patterns
from kvviz.core.run import Run
from kvviz.training.corpus import load_corpus
from kvviz.training.model_card import SAMPLE_TOKENS, card_path, greedy_continuation, render_model_card
from kvviz.training.trainer import bits_per_byte, unigram_bits_per_byte

from .test_engine_equivalence import TOLERANCE, reference_greedy


@pytest.fixture(scope="module")
def checkpoint():
    return load_checkpoint(TRAINED_WEIGHTS)


@pytest.fixture(scope="module")
def model():
    return build_model(default_config(), "trained")


@pytest.fixture(scope="module")
def sample(model) -> str:
    return tokenizer.decode(greedy_continuation(model, DEFAULT_PROMPT))


def test_shipped_weights_are_small_and_shaped_as_the_default_config(checkpoint):
    assert TRAINED_WEIGHTS.stat().st_size < 2.5 * 2**20  # "well under 5 MB"
    assert checkpoint.config == default_config()
    assert checkpoint.config.attention_kind == "GQA"


def test_card_facts_agree_with_the_weights(checkpoint):
    card, plan = checkpoint.card, checkpoint.card["plan"]
    assert card["tokens_seen"] == plan["steps"] * plan["batch"] * checkpoint.config.context_length
    assert f"--steps {plan['steps']} --seed {plan['seed']} --batch {plan['batch']}" in card["command"]
    assert f"--layers {checkpoint.config.n_layers} " in card["command"]
    assert card["storage_dtype"] == "float16"
    assert all(t.dtype == torch.float16 for t in checkpoint.state_dict.values())


def test_markdown_card_is_exactly_what_the_checkpoint_renders(checkpoint):
    """Parameter count, size, losses, sample and head table in the card all come from the weights."""
    assert card_path(TRAINED_WEIGHTS).read_text(encoding="utf-8") == render_model_card(checkpoint, DEFAULT_PROMPT)


def test_held_out_loss_matches_the_card_and_beats_the_unigram_baseline(checkpoint, model):
    corpus = load_corpus()
    card = checkpoint.card
    heldout = bits_per_byte(model, corpus.heldout)
    unigram = unigram_bits_per_byte(corpus.train, corpus.heldout)
    if corpus.sha256 == card["corpus_sha256"]:  # the very text it was evaluated on
        assert heldout == pytest.approx(card["heldout_bits_per_byte"], abs=2e-3)
        assert unigram == pytest.approx(card["unigram_bits_per_byte"], abs=1e-9)
    else:  # another Python ships slightly different docs: same kind of text, close figures
        assert heldout == pytest.approx(card["heldout_bits_per_byte"], abs=0.15)
    assert heldout < unigram - 2.0, (heldout, unigram)


def test_greedy_sample_from_the_default_prompt_reads_as_text(sample):
    assert len(tokenizer.encode(sample)) >= SAMPLE_TOKENS - 3  # 100 bytes; a multi-byte char may merge
    longest_run = max(len(m.group()) for m in re.finditer(r"(.)\1*", sample, flags=re.DOTALL))
    assert longest_run <= 4, sample
    assert len(set(sample)) >= 15, sample
    assert sum(c.isalpha() or c in " ,.\n" for c in sample) / len(sample) > 0.85, sample
    for period in range(1, 9):  # the tail is not one short pattern over and over
        tail = sample[-40:]
        assert tail != (tail[:period] * 40)[:40], sample


def test_sample_words_are_words_of_the_training_text(sample):
    corpus_words = set(re.findall(rb"[A-Za-z]+", load_corpus().train))
    words = re.findall(r"[A-Za-z]+", sample)[:-1]  # the last word may be cut off at 100 bytes
    assert len(words) >= 12, sample
    known = [w for w in words if w.encode() in corpus_words]
    assert len(known) / len(words) >= 0.8, (sample, set(words) - {w for w in known})


def test_cached_and_uncached_runs_agree_with_trained_weights(model):
    config = model.config
    run = Run(Engine(config, DEFAULT_PROMPT, model=model))
    records = [run.current, *(run.step_forward() for _ in range(30))]
    assert all(r.cached.next_token == r.uncached.next_token for r in records)
    assert max(r.max_abs_logit_diff for r in records) <= TOLERANCE["float32"]
    assert max(r.recompute_max_abs_diff for r in records[1:]) <= TOLERANCE["float32"]
    generated = [r.next_token for r in records]
    assert generated == reference_greedy(model, run.engine.prompt_ids, len(records), config.batch_size)


@pytest.mark.parametrize("dtype", ["float16", "bfloat16"])
def test_trained_weights_run_in_half_precision_with_cache_and_without(dtype):
    config = default_config().replace(dtype=dtype, batch_size=2)
    run = Run(Engine(config, DEFAULT_PROMPT, model=build_model(config, "trained")))
    records = [run.current, *(run.step_forward() for _ in range(8))]
    assert max(r.max_abs_logit_diff for r in records) <= TOLERANCE[dtype]


def test_a_head_attends_to_the_previous_token_unlike_random_weights(model, sample):
    ids = tokenizer.encode(DEFAULT_PROMPT + sample)
    trained = max(p.previous_token for p in head_patterns(model, ids))
    untrained = max(p.previous_token for p in head_patterns(build_model(model.config, "random"), ids))
    assert trained > 0.5 > untrained
