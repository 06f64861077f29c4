"""Training: the loss falls, a seed reproduces a run, and the bits-per-byte measures are right."""

import errno
import math
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F

from kvviz.cli import main
from kvviz.core.checkpoint import load_checkpoint
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.model import TinyDecoder
from kvviz.training.corpus import Corpus, as_prose, load_corpus
from kvviz.training.trainer import (
    TrainingPlan,
    bits_per_byte,
    init_for_training,
    logits_bytes,
    train,
    unigram_bits_per_byte,
)
from kvviz.units import format_bytes

TINY = ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=1, context_length=32)


@pytest.fixture(scope="module")
def small_corpus() -> Corpus:
    full = load_corpus()
    return Corpus(full.train[:20_000], full.heldout[:2_000], full.python_version, full.sha256)


def quick_run(corpus: Corpus, seed: int, steps: int = 40):
    plan = TrainingPlan(steps=steps, batch=8, learning_rate=1e-2, warmup_steps=5, seed=seed)
    return train(TINY, corpus, plan)


def test_training_lowers_the_held_out_loss(small_corpus):
    untrained = TinyDecoder(TINY)
    init_for_training(untrained, seed=0)
    before = bits_per_byte(untrained, small_corpus.heldout)
    result = quick_run(small_corpus, seed=0)
    assert before > 7.0  # small init: close to the 8 bits of guessing among 256 bytes
    assert result.heldout_bits_per_byte < before - 2.0
    assert result.tokens_seen == 40 * 8 * TINY.context_length


def test_a_seed_reproduces_a_run_and_another_seed_does_not(small_corpus):
    a, b, c = (quick_run(small_corpus, seed, steps=5).model.state_dict() for seed in (1, 1, 2))
    assert all(torch.equal(a[name], b[name]) for name in a)
    assert not all(torch.equal(a[name], c[name]) for name in a)


def test_learning_rate_warms_up_then_decays_to_the_floor():
    plan = TrainingPlan(steps=100, learning_rate=1e-3, warmup_steps=10, final_lr_fraction=0.1)
    rates = [plan.learning_rate_at(step) for step in range(1, 101)]
    assert rates[0] == pytest.approx(1e-4)
    assert rates[9] == pytest.approx(1e-3) == max(rates)
    assert rates[-1] == pytest.approx(1e-4)
    assert all(x >= y for x, y in pairwise(rates[9:]))


@pytest.mark.parametrize(("field", "value"), [("steps", 0), ("batch", -1), ("seed", -1), ("learning_rate", 0.0)])
def test_a_bad_plan_names_its_field(field, value):
    with pytest.raises(ConfigError) as info:
        TrainingPlan(**{field: value})
    assert info.value.field == field


def test_training_refuses_half_precision(small_corpus):
    with pytest.raises(ConfigError, match="float32"):
        train(TINY.replace(dtype="bfloat16"), small_corpus, TrainingPlan(steps=1))


def test_bits_per_byte_predicts_every_byte_after_the_first_once():
    model = TinyDecoder(TINY)
    data = bytes(range(32, 127)) * 2  # 190 bytes: five full windows of 32 and a short tail
    ids = torch.tensor(list(data))
    nats = []
    for start in range(0, len(ids) - 1, TINY.context_length):
        window = ids[start : start + TINY.context_length + 1][None]
        with torch.inference_mode():
            logits = model(window[:, :-1], all_logits=True).logits[0]
        nats.append(F.cross_entropy(logits, window[0, 1:], reduction="sum").item())
    expected = sum(nats) / (len(data) - 1) / math.log(2)
    assert bits_per_byte(model, data, chunk=2) == pytest.approx(expected, rel=1e-5)


def test_unigram_baseline_is_the_smoothed_byte_frequency_entropy():
    train_text, heldout = b"aaab" * 10, b"xaab"
    counts = Counter(train_text)
    total = len(train_text) + 256
    expected = -sum(math.log2((counts[b] + 1) / total) for b in heldout[1:]) / 3
    assert unigram_bits_per_byte(train_text, heldout) == pytest.approx(expected)
    assert unigram_bits_per_byte(bytes(range(256)) * 4, bytes(range(256))) == pytest.approx(8.0)


def test_corpus_is_python_docs_split_once_with_a_held_out_tail():
    corpus = load_corpus()
    assert 400_000 < corpus.n_bytes < 1_000_000
    assert len(corpus.heldout) == round(corpus.n_bytes * 0.05)
    assert b"assignment statement" in corpus.train
    assert b"  " not in corpus.train and b"\n\n\n" not in corpus.train
    assert corpus == load_corpus()


def test_prose_drops_indentation_alignment_underlines_and_table_borders():
    text = "Title\n*****\n\n\n\n   indented   text  \n+-----+----+\n| a | b |\n+=====+====+\n"
    assert as_prose(text) == "Title\n\nindented text\n| a | b |"


def train_tiny(out: Path) -> int:
    """`kvviz train` of TINY for 3 steps: seconds, and a model still worse than the unigram baseline."""
    args = ["train", "--out", str(out), "--steps", "3", "--batch", "2", "--layers", "1", "--d-model", "32"]
    return main([*args, "--heads", "2", "--kv-heads", "1", "--context", "32", "--threads", "1"])


def test_train_command_writes_a_loadable_checkpoint_and_card(tmp_path, capsys):
    out = tmp_path / "mine.pt"
    assert train_tiny(out) == 0
    captured = capsys.readouterr()
    assert "step 3/3  loss " in captured.err and "held-out" in captured.err and "eta" in captured.err
    checkpoint = load_checkpoint(out)
    assert checkpoint.config == TINY
    assert checkpoint.card["plan"]["steps"] == 3
    assert checkpoint.card["command"].startswith(f"kvviz train --out {out} --steps 3 ")
    assert f"saved {out} ({format_bytes(out.stat().st_size)})" in captured.out
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    assert f"{checkpoint.card['heldout_bits_per_byte']:.3f}" in card
    assert main(["trace", "--weights", str(out), "--steps", "1", "--prompt", "ab"]) == 0


def test_a_users_card_says_how_to_load_it_and_a_worse_model_reads_as_worse(tmp_path):
    out = tmp_path / "mine.pt"
    assert train_tiny(out) == 0
    card = load_checkpoint(out).card
    text = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "loads by default" not in text
    assert "`--weights mine.pt`" in text
    gap = card["heldout_bits_per_byte"] - card["unigram_bits_per_byte"]
    assert gap > 0.5  # three steps leave it far worse than byte frequencies
    assert f"the model is {gap:.2f} bits per byte above it: worse than byte frequencies alone." in text
    assert "-" not in text.split("The unigram baseline knows only byte frequencies;")[1].split("\n")[0]


def test_train_command_checks_the_output_folder_before_training(tmp_path, capsys):
    assert main(["train", "--out", str(tmp_path / "no" / "such.pt"), "--steps", "1"]) == 2
    assert capsys.readouterr().err.startswith("kvviz: error: --out: folder ")


@pytest.mark.parametrize("threads", ["0", str(10**12)])
def test_train_refuses_a_thread_count_torch_would_take_in_one_line(tmp_path, capsys, threads):
    assert main(["train", "--out", str(tmp_path / "x.pt"), "--steps", "1", "--threads", threads]) == 2
    assert capsys.readouterr().err == f"kvviz: error: --threads: must be 1 to 1024, got {threads}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["ckpt.md", "ckpt", "ckpt.pt.md", "notes.txt"])
def test_train_refuses_an_out_that_is_not_a_checkpoint_name_before_training(tmp_path, capsys, name):
    assert main(["train", "--out", str(tmp_path / name), "--steps", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: --out: give a checkpoint name ending in .pt") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_train_keeps_a_users_file_where_the_card_would_go(tmp_path, capsys):
    notes = tmp_path / "mine.md"
    notes.write_text("my notes\n", encoding="utf-8")
    assert main(["train", "--out", str(tmp_path / "mine.pt"), "--steps", "1"]) == 2
    assert "mine.md exists and is not a kvviz model card" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.md"]


def test_train_replaces_a_symlink_not_its_target_and_rewrites_its_own_card(tmp_path):
    target = tmp_path / "precious.pt"
    target.write_bytes(b"someone else's data")
    link = tmp_path / "link.pt"
    link.symlink_to(target)
    link.with_suffix(".md").write_text("# Model card: `link.pt`\nan older run\n", encoding="utf-8")
    assert train_tiny(link) == 0
    assert target.read_bytes() == b"someone else's data"
    assert not link.is_symlink() and load_checkpoint(link).config == TINY
    assert "an older run" not in link.with_suffix(".md").read_text(encoding="utf-8")


def test_a_failed_save_leaves_the_old_checkpoint_and_no_stray_file(tmp_path, capsys, monkeypatch):
    out = tmp_path / "mine.pt"
    out.write_bytes(b"the previous checkpoint")

    def disk_full(path, *_args, **_kwargs):
        Path(path).write_bytes(b"half a checkp")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kvviz.cli.train.save_checkpoint", disk_full)
    assert train_tiny(out) == 2
    assert capsys.readouterr().err.endswith("cannot write " + str(out) + ": No space left on device\n")
    assert out.read_bytes() == b"the previous checkpoint"
    assert [p.name for p in tmp_path.iterdir()] == ["mine.pt"]


def test_logits_bytes_are_those_of_a_training_steps_logits():
    logits = TinyDecoder(TINY)(torch.zeros(3, TINY.context_length, dtype=torch.long), all_logits=True).logits
    assert logits_bytes(TINY, TrainingPlan(batch=3)) == logits.untyped_storage().nbytes()


def test_train_refuses_a_batch_beyond_memory_in_one_line_before_reading_the_corpus(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("kvviz.cli.train.load_corpus", lambda: pytest.fail("read the corpus first"))
    assert main(["train", "--out", str(tmp_path / "x.pt"), "--batch", "100000000", "--steps", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: --batch: too large: a training step's logits alone take 23.8 TiB")
    assert err.count("\n") == 1 and list(tmp_path.iterdir()) == []
