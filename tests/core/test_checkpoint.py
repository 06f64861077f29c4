"""Checkpoints: a round trip keeps the weights; every kind of bad file is refused in one clear line."""

import io
import os
import pickle
import zipfile
from pathlib import Path

import pytest
import torch

from kvviz.cli import main
from kvviz.core import config as config_module
from kvviz.core.checkpoint import (
    FORMAT,
    STORAGE_DTYPE,
    VERSION,
    CheckpointError,
    build_model,
    config_for_weights,
    load_checkpoint,
    save_checkpoint,
    shape_of,
)
from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.model import TinyDecoder, parameter_shapes

SMALL = ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=2, context_length=32, seed=3)


@pytest.fixture
def saved(tmp_path) -> Path:
    path = tmp_path / "small.pt"
    save_checkpoint(path, TinyDecoder(SMALL), {"note": "test"})
    return path


def payload(path: Path) -> dict:
    return torch.load(path, weights_only=True)


def test_round_trip_keeps_config_card_and_weights_in_storage_precision(saved):
    checkpoint = load_checkpoint(saved)
    assert checkpoint.config == SMALL
    assert checkpoint.card == {"note": "test"}
    original = TinyDecoder(SMALL).state_dict()
    assert checkpoint.state_dict.keys() == original.keys()
    for name, tensor in checkpoint.state_dict.items():
        assert tensor.dtype == STORAGE_DTYPE
        assert torch.equal(tensor, original[name].to(STORAGE_DTYPE)), name
    assert checkpoint.n_parameters == sum(p.numel() for p in TinyDecoder(SMALL).parameters())


def test_build_model_loads_the_weights_and_casts_to_the_config_dtype(saved):
    checkpoint = load_checkpoint(saved)
    run_config = SMALL.replace(dtype="bfloat16", batch_size=3, context_length=100, seed=9)
    model = build_model(run_config, saved)
    assert model.config == run_config
    for name, tensor in model.state_dict().items():
        assert tensor.dtype == torch.bfloat16
        assert torch.equal(tensor, checkpoint.state_dict[name].to(torch.bfloat16)), name


def test_random_weights_allow_any_shape_and_follow_the_seed():
    config = SMALL.replace(n_layers=1, n_heads=2, n_kv_heads=1)
    a, b = build_model(config, "random"), TinyDecoder(config)
    assert all(torch.equal(a.state_dict()[k], v) for k, v in b.state_dict().items())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"n_layers": 3}, "n_layers"),
        ({"n_kv_heads": 4}, "n_kv_heads"),
        ({"d_model": 64}, "d_model"),
        ({"head_dim": 16}, "head_dim"),
        ({"mlp_ratio": 2}, "mlp_ratio"),
    ],
)
def test_saved_weights_refuse_another_shape_naming_the_field(saved, change, field):
    with pytest.raises(ConfigError) as info:
        build_model(SMALL.replace(**change), saved)
    assert info.value.field == field
    assert "fixed at" in info.value.rule and "random weights" in info.value.rule


def test_an_explicit_head_dim_equal_to_the_derived_one_is_the_same_shape(saved):
    model = build_model(SMALL.replace(head_dim=8), saved)
    assert model.config.dim_head == 8


def test_config_for_weights_takes_the_shape_and_keeps_how_it_runs(saved):
    user = ModelConfig(n_layers=6, n_heads=8, dtype="float16", batch_size=2, context_length=80, seed=5)
    config = config_for_weights(saved, user)
    assert shape_of(config) == shape_of(SMALL)
    assert (config.dtype, config.batch_size, config.context_length, config.seed) == ("float16", 2, 80, 5)
    assert config_for_weights("random", user) == user


def write_zip_member(path: Path, data: bytes) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("archive/data.pkl", data)


class RunsCode:
    """A pickle that would run a shell command when loaded unsafely."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def damaged(tmp_path: Path, saved: Path, kind: str) -> Path:
    """A bad file of the given kind, derived from a good checkpoint where that makes sense."""
    path = tmp_path / f"{kind}.pt"
    good = payload(saved)
    if kind == "random bytes":
        path.write_bytes(os.urandom(4096))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(saved.read_bytes()[: saved.stat().st_size // 2])
    elif kind == "plain pickle with code":
        path.write_bytes(pickle.dumps(RunsCode(tmp_path / "pwned")))
    elif kind == "torch file with code":
        torch.save({**good, "card": RunsCode(tmp_path / "pwned")}, path)
    elif kind == "json text":
        path.write_text('{"format": "kvviz-checkpoint"}')
    elif kind == "bare state_dict":
        torch.save(good["state_dict"], path)
    elif kind == "wrong format":
        torch.save({**good, "format": "something-else"}, path)
    elif kind == "newer version":
        torch.save({**good, "version": VERSION + 1}, path)
    elif kind == "no config":
        torch.save({k: v for k, v in good.items() if k != "config"}, path)
    elif kind == "impossible config":
        torch.save({**good, "config": {**good["config"], "n_heads": 3}}, path)
    elif kind == "unknown config key":
        torch.save({**good, "config": {**good["config"], "rope": "yarn"}}, path)
    elif kind == "missing tensor":
        state = dict(good["state_dict"])
        del state["blocks.1.mlp.up.weight"]
        torch.save({**good, "state_dict": state}, path)
    elif kind == "extra tensor":
        torch.save({**good, "state_dict": {**good["state_dict"], "lm_head.weight": torch.zeros(256, 32)}}, path)
    elif kind == "wrong shape":
        state = {**good["state_dict"], "embed.weight": torch.zeros(256, 16)}
        torch.save({**good, "state_dict": state}, path)
    elif kind == "config of another shape":
        torch.save({**good, "config": {**good["config"], "n_layers": 3}}, path)
    elif kind == "integer tensor":
        state = {**good["state_dict"], "ln_f.weight": torch.ones(32, dtype=torch.int64)}
        torch.save({**good, "state_dict": state}, path)
    elif kind == "NaN weights":
        state = {**good["state_dict"], "ln_f.bias": torch.full((32,), float("nan"))}
        torch.save({**good, "state_dict": state}, path)
    elif kind == "card not a mapping":
        torch.save({**good, "card": ["steps", 3]}, path)
    elif kind == "directory":
        path.mkdir()
    elif kind == "missing file":
        pass
    else:
        raise AssertionError(kind)
    return path


BAD_KINDS = [
    "random bytes",
    "empty",
    "truncated",
    "plain pickle with code",
    "torch file with code",
    "json text",
    "bare state_dict",
    "wrong format",
    "newer version",
    "no config",
    "impossible config",
    "unknown config key",
    "missing tensor",
    "extra tensor",
    "wrong shape",
    "config of another shape",
    "integer tensor",
    "NaN weights",
    "card not a mapping",
    "directory",
    "missing file",
]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_bad_files_are_refused_with_one_line_naming_the_file(tmp_path, saved, kind):
    path = damaged(tmp_path, saved, kind)
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message and len(message) < 300, message
    assert isinstance(info.value, ValueError)
    with pytest.raises(CheckpointError):
        build_model(SMALL, path)
    assert not (tmp_path / "pwned").exists(), "loading a checkpoint ran code from it"


def test_code_in_a_checkpoint_is_named_and_never_run(tmp_path, saved):
    path = damaged(tmp_path, saved, "torch file with code")
    with pytest.raises(CheckpointError, match="holds Python objects"):
        load_checkpoint(path)
    assert not (tmp_path / "pwned").exists()


def test_a_zip_that_is_not_a_torch_file_is_refused(tmp_path):
    path = tmp_path / "other.zip"
    buffer = io.BytesIO()
    pickle.dump({"format": FORMAT}, buffer)
    write_zip_member(path, buffer.getvalue())
    with pytest.raises(CheckpointError, match=str(path)):
        load_checkpoint(path)


def test_cli_reports_a_bad_weights_file_in_one_line_and_exits_2(tmp_path, saved, capsys):
    path = damaged(tmp_path, saved, "wrong shape")
    assert main(["trace", "--weights", str(path), "--steps", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kvviz: error: {path}: ") and err.count("\n") == 1


def test_cli_runs_a_users_checkpoint_with_its_own_shape(saved, capsys):
    assert main(["trace", "--weights", str(saved), "--steps", "2", "--prompt", "abc"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("GQA: 2 layers, 4 heads, 2 kv-heads, head_dim 8")


def test_cli_names_the_option_that_saved_weights_fix(saved, capsys):
    assert main(["trace", "--weights", str(saved), "--layers", "3"]) == 2
    err = capsys.readouterr().err
    assert err == f"kvviz: error: --layers: is fixed at 2 by the {saved.name} weights, got 3; " + (
        "choose random weights to change it\n"
    )


def test_cli_random_weights_take_any_shape_and_heads_alone_mean_mha(capsys):
    assert main(["trace", "--weights", "random", "--layers", "1", "--heads", "2", "--steps", "1"]) == 0
    assert capsys.readouterr().out.startswith("MHA: 1 layers, 2 heads, 2 kv-heads")


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(d_model=32, n_layers=2, n_heads=4, n_kv_heads=4),  # MHA
        ModelConfig(d_model=48, n_layers=3, n_heads=6, n_kv_heads=2, head_dim=12),  # GQA, explicit head_dim
        ModelConfig(d_model=32, n_layers=1, n_heads=4, n_kv_heads=1, dtype="bfloat16"),  # MQA
    ],
    ids=["mha", "gqa", "mqa"],
)
def test_parameter_shapes_are_those_of_the_built_model(config):
    built = {name: tuple(t.shape) for name, t in TinyDecoder(config).state_dict().items()}
    assert parameter_shapes(config) == built
    assert list(parameter_shapes(config)) == list(built)  # in the same order, for the first name reported


def test_a_checkpoint_claiming_a_huge_model_is_refused_without_building_it(tmp_path, saved, monkeypatch):
    def no_building(*_args, **_kwargs):
        raise AssertionError("the check built a model")

    monkeypatch.setattr(TinyDecoder, "__init__", no_building)
    payload = torch.load(saved, weights_only=True)
    payload["config"] = {**payload["config"], "d_model": 1 << 20, "n_layers": 4096}  # ~10¹⁶ parameters
    path = tmp_path / "huge.pt"
    torch.save(payload, path)
    with pytest.raises(CheckpointError, match=r"has an invalid model config: d_model: too large: a run needs"):
        load_checkpoint(path)
    monkeypatch.setattr(config_module, "memory_bytes", lambda: 2**80)  # a machine that could hold it
    with pytest.raises(CheckpointError, match=r"lacks tensor .blocks.2.ln1.weight. \(and 32751 more\)"):
        load_checkpoint(path)


def recompressed(saved: Path, path: Path, extra: torch.Tensor) -> Path:
    """``saved`` with one more tensor, its records deflated: a small file that declares far more."""
    good = payload(saved)
    torch.save({**good, "state_dict": {**good["state_dict"], "embed.weight": extra}}, path.with_suffix(".tmp"))
    with zipfile.ZipFile(path.with_suffix(".tmp")) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info.filename))
    path.with_suffix(".tmp").unlink()
    return path


def test_a_compressed_archive_is_refused_before_torch_reads_it(tmp_path, saved, monkeypatch):
    path = recompressed(saved, tmp_path / "bomb.pt", torch.zeros(16 * 2**20, dtype=torch.float16))  # 32 MiB
    assert path.stat().st_size < 2**20
    monkeypatch.setattr(torch, "load", lambda *_a, **_k: pytest.fail("torch.load read a compressed archive"))
    with pytest.raises(CheckpointError, match=r"bomb.pt: has compressed records .*which torch.save never writes"):
        load_checkpoint(path)


def test_an_archive_declaring_more_than_it_holds_is_refused_before_torch_reads_it(tmp_path, saved, monkeypatch):
    data = bytearray(saved.read_bytes())
    header = data.rindex(b"PK\x01\x02")  # the last central-directory entry; its uncompressed size is at +24
    data[header + 24 : header + 28] = (2**31).to_bytes(4, "little")
    path = tmp_path / "liar.pt"
    path.write_bytes(data)
    monkeypatch.setattr(torch, "load", lambda *_a, **_k: pytest.fail("torch.load read a lying archive"))
    declared = r"liar.pt: declares 2,14\d,\d{3},\d{3} bytes of records in a file of 6\d,\d{3} bytes; refused"
    with pytest.raises(CheckpointError, match=declared):
        load_checkpoint(path)
