"""`kvviz export`: files of the requested kind and size, data equal to the run's records, one-line errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import xml.dom.minidom

import pytest
from PIL import Image

from kvviz.cli import build_parser, main
from kvviz.cli.common import run_from_args, run_steps
from kvviz.core.metrics import metrics_row
from kvviz.core.serialize import record_to_dict
from kvviz.gui.theme import DARK, apply_to_application

#: A small random model so each export takes well under a second once Qt and torch are loaded.
SMALL = ["--weights", "random", "--layers", "2", "--heads", "4", "--kv-heads", "2", "--d-model", "32"]
SMALL += ["--context", "64", "--prompt", "KV cache", "--seed", "3"]


@pytest.fixture
def out(tmp_path):
    return tmp_path


@pytest.fixture(autouse=True)
def _dark_app_afterwards(qapp):
    """An export in the slide theme re-themes this process's QApplication: put it back."""
    yield
    apply_to_application(qapp, DARK)


def export(*args: str) -> int:
    return main(["export", *SMALL, *args])


def test_png_without_a_display_in_a_fresh_process(out):
    """As users run it: no DISPLAY and no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    target = out / "slide.png"
    cmd = [sys.executable, "-m", "kvviz", "export", *SMALL, "--steps", "3", "--theme", "slide"]
    cmd += ["--size", "800x450", "--out", str(target)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the offscreen platform's propagateSizeHints() notes are noise, not news
    with Image.open(target) as image:
        assert image.size == (800, 450)
        assert image.convert("L").getextrema()[1] == 255  # white slide ground


def test_png_at_a_scale_is_that_many_times_the_panel(out, capsys):
    assert export("--steps", "2", "--panel", "plot_flops", "--out", str(out / "one.png")) == 0
    assert export("--steps", "2", "--panel", "plot_flops", "--scale", "2", "--out", str(out / "two.png")) == 0
    with Image.open(out / "one.png") as one, Image.open(out / "two.png") as two:
        assert two.size == (2 * one.size[0], 2 * one.size[1])
    assert "wrote" in capsys.readouterr().out


def test_same_seed_same_picture(out):
    for name in ("a.png", "b.png"):
        assert export("--steps", "3", "--panel", "attention_pair", "--out", str(out / name)) == 0
    assert (out / "a.png").read_bytes() == (out / "b.png").read_bytes()


def test_svg_of_a_plot(out):
    assert export("--steps", "2", "--panel", "plot_cache_bytes", "--out", str(out / "p.svg")) == 0
    assert xml.dom.minidom.parse(str(out / "p.svg")).documentElement.tagName == "svg"


def test_gif_has_a_frame_per_step_in_the_range(out):
    target = out / "a.gif"
    assert export("--steps", "5", "--from", "1", "--to", "4", "--frame-ms", "250", "--out", str(target)) == 0
    with Image.open(target) as gif:
        assert gif.n_frames == 4
        assert gif.info["duration"] == 250


def test_mp4_has_a_frame_per_step_at_the_size_asked(out, capsys):
    """H.264 through the video extra (the test extra installs it), read back with ffmpeg itself."""
    import imageio_ffmpeg

    path = out / "steps.mp4"
    assert (
        export("--steps", "4", "--from", "0", "--to", "4", "--frame-ms", "200", "--size", "640x360", "--out", str(path))
        == 0
    )
    assert "5 frames" in capsys.readouterr().out
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = reader.__next__()
    frames = list(reader)
    assert meta["size"] == (640, 360) and meta["codec"] == "h264" and meta["fps"] == 5
    assert len(frames) == 5 and {len(frame) for frame in frames} == {640 * 360 * 3}


def test_help_says_mp4_needs_the_video_extra(capsys):
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert ".mp4 needs the video extra: pip install 'kvviz[video]'" in " ".join(capsys.readouterr().out.split())


def test_gif_range_past_the_steps_runs_the_model_on_to_its_end(out, capsys):
    target = out / "a.gif"
    assert export("--steps", "2", "--from", "3", "--to", "6", "--out", str(target)) == 0
    with Image.open(target) as gif:
        assert gif.n_frames == 4
    assert "steps 3..6, 4 frames" in capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".csv", ".json"])
def test_data_equals_the_records(out, suffix):
    target = out / f"m{suffix}"
    assert export("--steps", "3", "--out", str(target)) == 0
    args = build_parser().parse_args(["export", *SMALL, "--steps", "3", "--out", str(target)])
    records = list(run_steps(run_from_args(args, count_flops=True), 3))
    measured = {"uncached_time_s", "cached_time_s"}  # wall times differ from run to run
    if suffix == ".csv":
        with target.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        expected = [{k: "" if v is None else str(v) for k, v in metrics_row(r).items()} for r in records]
        assert [{k: v for k, v in row.items() if k not in measured} for row in rows] == [
            {k: v for k, v in row.items() if k not in measured} for row in expected
        ]
        assert all(float(row["cached_time_s"]) > 0 for row in rows)
    else:
        steps = json.loads(target.read_text(encoding="utf-8"))["steps"]
        expected = json.loads(json.dumps([record_to_dict(r) for r in records]))
        for step in (*steps, *expected):
            for mode in ("cached", "uncached"):
                assert step[mode].pop("time_s") > 0
        assert steps == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--panel", "nope"], "unknown panel 'nope'; choose one of: window, "),
        (["--steps", "0"], "--steps: must be at least 1"),
        (["--size", "10x"], "size must look like 1920x1080"),
        (["--size", "0x100"], "size must be 320x180 to 8192x8192 pixels, got 0x100"),
        (["--size", "100x50"], "size must be 320x180 to 8192x8192 pixels, got 100x50"),
        (["--size", "8193x1080"], "size must be 320x180 to 8192x8192 pixels, got 8193x1080"),
        (["--scale", "0"], "scale must be above 0"),
        (["--layer", "7"], "--layer: must be in 0..1"),
        (["--from", "2", "--to", "1", "--out-suffix", ".gif"], "--from 2 --to 1: the range is reversed"),
        (["--frame-ms", "0", "--out-suffix", ".gif"], "frame duration must be 20..60000 ms"),
        (["--out-suffix", ".svg"], "SVG is made for single plots"),
        (["--out-suffix", ".txt"], "--out: give a file ending in .png"),
    ],
)
def test_mistakes_exit_2_with_one_line_and_no_file(out, capsys, args, message):
    suffix = ".png"
    if "--out-suffix" in args:
        i = args.index("--out-suffix")
        suffix, args = args[i + 1], args[:i] + args[i + 2 :]
    assert export("--steps", "2", *args, "--out", str(out / f"x{suffix}")) == 2
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: ") and message in err
    assert err.count("\n") == 1
    assert list(out.iterdir()) == []


@pytest.mark.parametrize(("where", "message"), [("/proc/x.png", "/proc"), ("missing/x.png", "does not exist")])
def test_unwritable_places_exit_2(out, capsys, where, message):
    target = where if where.startswith("/") else str(out / where)
    assert export("--steps", "1", "--out", target) == 2
    err = capsys.readouterr().err
    assert err.startswith("kvviz: error: ") and message in err
    assert list(out.iterdir()) == []
