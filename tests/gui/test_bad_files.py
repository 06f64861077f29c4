"""Bad files and full disks: a clear message, no partial file, and the app still steps."""

from __future__ import annotations

import errno

import pytest
import torch

from kvviz import atomic_file, cli, exports
from kvviz.gui.export import animation as animation_export
from kvviz.gui.export import picture as picture_export
from kvviz.gui.export.picture import PictureSize
from tests.gui.helpers import assert_views_show


@pytest.fixture
def full_disk(monkeypatch):
    """Every atomic write gets half its bytes out, then the disk is full."""

    def write_atomic(path, write):
        def partial(tmp):
            tmp.write_bytes(b"half a file")
            raise OSError(errno.ENOSPC, "No space left on device")

        return atomic_file.write_atomic(path, partial)

    for module in (picture_export, animation_export, exports):
        monkeypatch.setattr(module, "write_atomic", write_atomic)


@pytest.mark.parametrize("name", ["p.png", "p.svg", "d.csv", "d.json"])
def test_a_full_disk_is_explained_leaves_nothing_and_the_app_steps(window, tmp_path, errors, full_disk, name):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.png").write_bytes(b"an older export")
    target = folder / name
    if target.suffix in (".csv", ".json"):
        assert window.exports.save_data(target) is None
    else:
        assert window.exports.save_picture("plot_flops", target, PictureSize(1)) is None
    assert "No space left on device" in errors[-1]
    assert sorted(p.name for p in folder.iterdir()) == ["keep.png"]
    assert window.controller.step_forward()
    assert_views_show(window)


def test_a_full_disk_during_an_animation_is_explained_and_leaves_nothing(qtbot, window, tmp_path, errors, full_disk):
    for _ in range(3):
        window.controller.step_forward()
    job = window.exports.start_animation("attention", 0, 3, tmp_path / "a.gif", PictureSize(1), 100)
    with qtbot.waitSignal(job.done, timeout=30_000) as done:
        pass
    assert done.args == [None]
    assert "No space left on device" in errors[-1]
    assert not [p for p in tmp_path.iterdir() if p.name != "kvviz.ini"]
    assert window.controller.current.step == 3
    assert window.controller.step_forward()
    assert_views_show(window)


def _checkpoint_files(tmp_path, good):
    raw = good.read_bytes()
    truncated = tmp_path / "truncated.pt"
    truncated.write_bytes(raw[: len(raw) // 2])
    empty = tmp_path / "empty.pt"
    empty.write_bytes(b"")
    state = torch.load(good, weights_only=True)
    wrong = tmp_path / "wrong-shapes.pt"
    if isinstance(state, dict) and "model" in state:
        state["model"] = {k: torch.zeros(3, 5) for k in state["model"]}
    else:
        state = {k: torch.zeros(3, 5) for k in state}
    torch.save(state, wrong)
    folder = tmp_path / "a-folder.pt"
    folder.mkdir()
    return [truncated, empty, wrong, folder, tmp_path / "not-there.pt"]


def test_damaged_checkpoints_are_explained_and_the_model_keeps_running(qtbot, window, tmp_path):
    from kvviz.core.checkpoint import save_checkpoint

    controls = window.panels["controls"]
    good = tmp_path / "good.pt"
    save_checkpoint(good, window.controller.run.engine.model)
    run = window.controller.run
    for bad in _checkpoint_files(tmp_path, good):
        assert not controls.choose_weights(bad), bad
        assert bad.name in controls.errors["weights"].text()
        assert controls.weights.currentData() == "random"
        assert window.controller.run is run
    assert window.controller.step_forward()
    assert_views_show(window)


CORRUPT_CONFIGS = [b"\x00\xff\xfe garbage", b'{"num_hidden_layers": 4, ', b"[1, 2, 3]", b'{"hidden_size": "wide"}']


@pytest.mark.parametrize("content", CORRUPT_CONFIGS)
def test_corrupted_config_json_in_the_memory_panel_is_explained(window, tmp_path, content):
    panel = window.panels["memory"]
    path = tmp_path / "config.json"
    path.write_bytes(content)
    count = panel.model_box.count()
    assert not panel.load_config(path)
    assert not panel.error_label.isHidden() and "config.json" in panel.error_label.text()
    assert panel.model_box.count() == count
    assert window.controller.step_forward()


@pytest.mark.parametrize("content", CORRUPT_CONFIGS)
def test_corrupted_config_json_in_kvviz_mem_is_one_line(capsys, tmp_path, content):
    path = tmp_path / "config.json"
    path.write_bytes(content)
    assert cli.main(["mem", str(path)]) == 2
    _out, err = capsys.readouterr()
    assert err.startswith("kvviz: error: ") and err.count("\n") == 1, err
