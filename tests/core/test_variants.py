"""The family of trained models: each ships and writes text, and choosing a shape chooses its weights."""

from __future__ import annotations

import pytest
import torch

from kvviz.cli import main
from kvviz.core import tokenizer, variants
from kvviz.core.checkpoint import build_model, config_for_weights, load_checkpoint, save_checkpoint
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.model import TinyDecoder
from kvviz.core.variants import VARIANTS, Variant, resolve_trained, shape_key, variant_for
from kvviz.training.model_card import card_path, greedy_continuation, render_model_card

SMALL = ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=64)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_each_shipped_variant_has_its_shape_and_writes_printable_varied_text(variant: Variant):
    checkpoint = load_checkpoint(variant.path)
    assert shape_key(checkpoint.config) == shape_key(variant.config)
    assert card_path(variant.path).is_file()
    model = build_model(variant.config, "trained")
    text = tokenizer.decode(greedy_continuation(model, DEFAULT_PROMPT, 80))
    assert all(ch.isprintable() or ch == "\n" for ch in text), repr(text)
    assert len(set(text)) >= 10, repr(text)  # varied: not one byte repeated


def test_the_family_is_a_few_mib():
    assert sum(v.path.stat().st_size for v in VARIANTS) < 10 * 2**20


def test_the_default_shape_is_the_first_variant():
    assert variant_for(default_config()) is VARIANTS[0]
    assert variants.default_variant().path.name == "tiny-model.pt"


@pytest.fixture
def family(tmp_path, monkeypatch) -> dict[str, Variant]:
    """Two small trained stand-ins (random weights saved as checkpoints), as the registry."""
    shapes = {"mha": SMALL, "mqa": SMALL.replace(n_kv_heads=1)}
    made = {}
    for seed, (name, config) in enumerate(shapes.items()):
        path = tmp_path / f"{name}.pt"
        save_checkpoint(path, TinyDecoder(config.replace(seed=100 + seed)))
        made[name] = Variant(name, str(path), config)
    monkeypatch.setattr(variants, "VARIANTS", tuple(made.values()))
    return made


def test_trained_weights_are_the_variant_of_the_shape(family):
    for variant in family.values():
        model = build_model(variant.config.replace(seed=7), "trained")
        saved = load_checkpoint(variant.path).state_dict
        assert all(torch.equal(model.state_dict()[k], saved[k].float()) for k in saved)


def test_a_shape_without_a_variant_runs_random_weights_with_a_note(family):
    odd = SMALL.replace(n_layers=3)
    weights, note = resolve_trained(odd, "trained")
    assert weights == "random"
    assert "no trained model has 3 layers" in note and "\n" not in note
    assert resolve_trained(SMALL, "trained") == ("trained", "")
    with pytest.raises(ConfigError) as info:
        build_model(odd, "trained")  # never silently random: the builder refuses, the caller resolves
    assert info.value.field == "n_layers"


def test_choosing_trained_keeps_a_trained_shape_and_takes_the_default_otherwise(family):
    assert config_for_weights("trained", SMALL.replace(n_kv_heads=1)).n_kv_heads == 1
    assert config_for_weights("trained", SMALL.replace(n_layers=3, dtype="bfloat16")) == SMALL.replace(dtype="bfloat16")


@pytest.mark.parametrize("dtype", ["float32", "float16", "bfloat16"])
def test_dtype_applies_to_trained_weights(family, dtype):
    config = family["mqa"].config.replace(dtype=dtype)
    model = build_model(config, "trained")
    saved = load_checkpoint(family["mqa"].path).state_dict
    assert all(p.dtype == config.torch_dtype for p in model.parameters())
    assert torch.equal(model.embed.weight, saved["embed.weight"].to(config.torch_dtype))


def test_cli_kv_heads_picks_the_variant_without_another_flag(family, capsys):
    args = ["trace", "--steps", "3", "--d-model", "32", "--layers", "1", "--heads", "2", "--context", "64"]
    assert main([*args, "--kv-heads", "1"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("MQA: 1 layers, 2 heads, 1 kv-heads")
    assert "generated:" in out


def test_cli_a_shape_without_a_variant_notes_random_weights_in_one_line(family, capsys):
    args = ["trace", "--steps", "2", "--d-model", "32", "--layers", "2", "--heads", "2", "--context", "64"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err.startswith("kvviz: note: no trained model has 2 layers") and err.count("\n") == 1
    assert "generated:" in out


def test_cli_the_shipped_default_needs_no_flag_and_gives_no_note(capsys):
    assert main(["trace", "--steps", "1"]) == 0
    assert capsys.readouterr().err == ""


def test_each_card_quotes_the_family_scripts_command_for_its_file():
    """What scripts/train_family.sh runs (shown with KVVIZ=echo) is what each shipped card says was run."""
    import os
    import shlex
    import subprocess
    from pathlib import Path

    script = Path(__file__).resolve().parents[2] / "scripts" / "train_family.sh"
    done = subprocess.run(
        ["sh", str(script), "OUT", "T"], env={**os.environ, "KVVIZ": "echo"}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr

    def recipe(command: str) -> tuple[str, list[str]]:
        words = shlex.split(command)
        words = words[words.index("train") + 1 :]  # the options, without the program
        options = dict(zip(words[0::2], words[1::2], strict=True))
        name = Path(options.pop("--out")).name
        options.pop("--threads")  # changes no hyper-parameter
        return name, sorted(options.items())

    planned = dict(recipe(line) for line in done.stdout.splitlines())
    assert len(planned) == 5
    for variant in VARIANTS:
        card = load_checkpoint(variant.path).card
        assert planned[variant.path.name] == recipe(card["command"])[1], variant.name
        assert "scripts/train_family.sh" in card_path(variant.path).read_text(encoding="utf-8")


@pytest.mark.parametrize("variant", VARIANTS[1:], ids=lambda v: v.name)  # the default's: test_trained_model.py
def test_each_variants_card_is_exactly_what_its_checkpoint_renders(variant: Variant):
    checkpoint = load_checkpoint(variant.path)
    assert card_path(variant.path).read_text(encoding="utf-8") == render_model_card(checkpoint, DEFAULT_PROMPT)
    assert f"--layers {variant.config.n_layers} " in checkpoint.card["command"]
    assert f"--kv-heads {variant.config.n_kv_heads} " in checkpoint.card["command"]
