"""Export from the app: picture sizes, pixels per theme, SVG, clipboard, GIF frames, data files, errors."""

from __future__ import annotations

import csv
import json
import sys
import xml.dom.minidom

import numpy as np
import pytest
from PIL import Image
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QPushButton

from kvviz.core.metrics import metrics_row
from kvviz.core.serialize import record_to_dict
from kvviz.gui.export.picture import PictureSize, picture
from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import DARK, SLIDE
from tests.gui.helpers import shown


def pixels(image: QImage) -> np.ndarray:
    """(h, w, 3) uint8 of a picture."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), dtype=np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return rows[:, : 3 * rgb.width()].reshape(rgb.height(), rgb.width(), 3).copy()  # rgb's memory goes with it


@pytest.fixture
def out(tmp_path):
    """An empty folder for the exports (the settings file lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def stepped(window: MainWindow, steps: int) -> MainWindow:
    for _ in range(steps):
        assert window.controller.step_forward()
    return window


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", ["window", "attention", "attention_cached", "kv_cache", "plot_flops"])
def test_png_size_follows_the_scale_and_the_fixed_size(window, out, name):
    widget = window if name == "window" else window.panels[name]
    w, h = widget.width(), widget.height()
    for size, expected in (
        (PictureSize(1), (w, h)),
        (PictureSize(2), (2 * w, 2 * h)),
        (PictureSize(fixed=(640, 360)), (640, 360)),
        (PictureSize(fixed=(1920, 1080)), (1920, 1080)),
    ):
        path = window.exports.save_picture(name, out / f"{name}.png", size)
        image = QImage(str(path))
        assert (image.width(), image.height()) == expected, size
    assert (widget.width(), widget.height()) == (w, h)  # a fixed-size picture puts the layout back


def test_pictures_are_not_blank_and_differ_between_themes(qtbot, window, small_settings):
    stepped(window, 3)
    dark = pixels(picture(window, "attention_pair", PictureSize(1))).astype(np.float32)
    slide_window = shown(qtbot, MainWindow(small_settings, theme=SLIDE))
    stepped(slide_window, 3)
    slide = pixels(picture(slide_window, "attention_pair", PictureSize(1))).astype(np.float32)
    for image in (dark, slide):
        assert image.std() > 20  # cells, hatching and text, not one flat colour
    # the slide picture is on white, the dark one on the dark panel colour
    assert np.median(slide) > 240 > 60 > np.median(dark)
    for name in ("plot_flops", "kv_cache"):
        a = pixels(picture(window, name, PictureSize(1)))
        b = pixels(picture(slide_window, name, PictureSize(1)))
        assert a.astype(np.float32).std() > 10 and b.astype(np.float32).std() > 10
        assert a.shape != b.shape or np.abs(a.astype(int) - b.astype(int)).mean() > 50


def test_slide_theme_draws_larger_type_and_thicker_lines():
    assert SLIDE.panel == "#ffffff"
    assert SLIDE.font_pt > DARK.font_pt and SLIDE.title_pt > DARK.title_pt
    assert SLIDE.line_px > DARK.line_px and SLIDE.highlight_px > DARK.highlight_px


def test_svg_of_a_plot_is_vector_and_other_panels_are_refused(window, out, errors):
    path = window.exports.save_picture("plot_cumulative_flops", out / "plot.svg", PictureSize(1))
    document = xml.dom.minidom.parse(str(path))
    assert document.documentElement.tagName == "svg"
    assert document.getElementsByTagName("path") or document.getElementsByTagName("polyline")
    assert any("Cumulative" in t.toxml() for t in document.getElementsByTagName("text"))
    assert window.exports.save_picture("attention", out / "attention.svg", PictureSize(1)) is None
    assert "single plots" in errors[-1]
    assert leftovers(out) == ["plot.svg"]


def test_copy_puts_the_picture_on_the_clipboard(window):
    assert window.exports.copy("attention_uncached", PictureSize(2))
    image = QGuiApplication.clipboard().image()
    panel = window.panels["attention_uncached"]
    assert (image.width(), image.height()) == (2 * panel.width(), 2 * panel.height())
    assert window.settings.get("export/panel") == "attention_uncached"


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("nope", "ok.png", "unknown panel 'nope'; choose one of: window, "),
        ("attention", "missing/x.png", "does not exist"),
        ("attention", "x.bmp", "pictures are saved as .png or .svg"),
    ],
)
def test_bad_requests_explain_and_leave_no_file(window, out, errors, name, where, message):
    assert window.exports.save_picture(name, out / where, PictureSize(1)) is None
    assert message in errors[-1]
    assert leftovers(out) == []


def test_unwritable_folder_is_explained(window, errors):
    assert window.exports.save_picture("attention", "/proc/x.png", PictureSize(1)) is None
    assert "/proc" in errors[-1]


def test_settings_remember_the_last_choice(window, out):
    window.exports.save_picture("plot_time", out / "t.png", PictureSize(fixed=(800, 450)))
    assert window.exports.folder() == out
    assert window.settings.get("export/panel") == "plot_time"
    assert window.exports.last_size() == PictureSize(fixed=(800, 450))


def test_menu_entries_and_shortcuts(window):
    file_actions = window.file_menu.actions()
    for action, keys in (
        (window.actions.export_picture, "Ctrl+E"),
        (window.actions.copy_picture, "Ctrl+Shift+C"),
        (window.actions.export_animation, "Ctrl+Shift+E"),
        (window.actions.export_data, "Ctrl+Shift+D"),
    ):
        assert action in file_actions
        assert action.shortcut().toString() == keys
        assert action.isEnabled()
    assert set(window.actions.themes()) == {"dark", "slide"}
    assert window.actions.themes()["dark"].isChecked()


def test_gif_has_one_frame_per_step_and_the_duration(qtbot, window, out):
    stepped(window, 5)
    window.controller.go_to(2)
    job = window.exports.start_animation("attention_cached", 0, 4, out / "a.gif", PictureSize(1), 120)
    assert job is not None and not (out / "a.gif").exists()  # frames come one per timer tick
    with qtbot.waitSignal(job.done, timeout=30_000) as done:
        pass
    assert done.args == [out / "a.gif"]
    with Image.open(out / "a.gif") as gif:
        assert gif.n_frames == 5
        assert gif.info["duration"] == 120
        panel = window.panels["attention_cached"]
        assert gif.size == (panel.width(), panel.height())
        first = np.asarray(gif.convert("RGB"), dtype=np.float32)
        gif.seek(4)
        last = np.asarray(gif.convert("RGB"), dtype=np.float32)
    assert first.std() > 20 and np.abs(first - last).mean() > 0.5  # frames show different steps
    assert window.controller.current.step == 2  # the window on screen never moved
    assert leftovers(out) == ["a.gif"]


def test_cancelled_animation_writes_nothing(qtbot, window, out):
    stepped(window, 4)
    job = window.exports.start_animation("attention", 0, 4, out / "a.gif", PictureSize(1), 200)
    job._timer.stop()  # draw two frames by hand, then cancel half-way
    job._tick()
    job._tick()
    assert window.controller.current.step == 4 and job.progress.value() == 2  # drawn elsewhere: the window stays
    with qtbot.waitSignal(job.done) as done:
        job.progress.findChild(QPushButton).click()  # the dialog's Cancel
    assert done.args == [None]
    assert leftovers(out) == []
    assert window.controller.current.step == 4


@pytest.mark.parametrize(
    ("first", "last", "where", "message"),
    [
        (0, 9, "a.gif", "step range 0..9 is outside the run (steps 0..2)"),
        (2, 1, "a.gif", "outside the run"),
        (0, 1, "a.avi", "animations are saved as .gif or .mp4"),
    ],
)
def test_bad_animation_requests_are_explained(window, out, errors, first, last, where, message):
    stepped(window, 2)
    assert window.exports.start_animation("attention", first, last, out / where, PictureSize(1), 200) is None
    assert message in errors[-1]
    assert leftovers(out) == []


def test_data_export_equals_the_records(window, out):
    stepped(window, 3)
    records = window.controller.history
    csv_path = window.exports.save_data(out / "m.csv")
    with csv_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    expected = [{k: "" if v is None else str(v) for k, v in metrics_row(r).items()} for r in records]
    assert rows == expected
    json_path = window.exports.save_data(out / "m.json")
    document = json.loads(json_path.read_text(encoding="utf-8"))
    assert document["steps"] == json.loads(json.dumps([record_to_dict(r) for r in records]))


def test_data_export_to_a_bad_path_is_explained(window, out, errors):
    assert window.exports.save_data(out / "m.txt") is None
    assert "data files are saved as .csv or .json" in errors[-1]
    assert window.exports.save_data(out / "no" / "m.csv") is None
    assert "does not exist" in errors[-1]
    assert leftovers(out) == []


def test_switching_theme_keeps_the_run_and_is_remembered(qtbot, window):
    stepped(window, 3)
    window.controller.go_to(1)
    history = window.controller.history
    window.actions.themes()["slide"].trigger()
    assert window.theme is SLIDE
    assert window.controller.history == history
    assert window.controller.current.step == 1
    assert window.actions.themes()["slide"].isChecked()
    assert window.settings.get("view/theme") == "slide"
    assert np.median(pixels(picture(window, "attention", PictureSize(1)))) > 240
    window.set_theme("dark")
    assert window.theme is DARK and window.actions.themes()["dark"].isChecked()
    assert np.median(pixels(picture(window, "attention", PictureSize(1)))) < 60


def test_picture_dialog_copies_the_chosen_panel_at_the_chosen_size(qtbot, window):
    from kvviz.gui.export.dialog import PictureDialog

    dialog = PictureDialog(window.exports, window)
    qtbot.addWidget(dialog)
    dialog.panel.setCurrentIndex(dialog.panel.findData("plot_flops"))
    dialog.size_chooser.by_size.setChecked(True)
    dialog.size_chooser.width.setValue(640)
    dialog.size_chooser.height.setValue(400)
    dialog._copy()
    image = QGuiApplication.clipboard().image()
    assert (image.width(), image.height()) == (640, 400)
    assert window.exports.last_size() == PictureSize(fixed=(640, 400))
    # Copy picture (Ctrl+Shift+C) repeats the last choice without asking
    QGuiApplication.clipboard().clear()
    window.actions.copy_picture.trigger()
    assert QGuiApplication.clipboard().image().width() == 640


def test_animation_dialog_offers_the_steps_computed(qtbot, window):
    from kvviz.gui.export.dialog import AnimationDialog

    stepped(window, 3)
    dialog = AnimationDialog(window.exports, window)
    qtbot.addWidget(dialog)
    assert (dialog.first.value(), dialog.last.value(), dialog.last.maximum()) == (0, 3, 3)


def test_mp4_without_an_encoder_says_what_to_install(window, out, errors, monkeypatch):
    monkeypatch.setitem(sys.modules, "imageio_ffmpeg", None)  # as if the video extra were not installed
    stepped(window, 2)
    assert window.exports.start_animation("attention", 0, 2, out / "a.mp4", PictureSize(1), 200) is None
    assert "MP4 needs the video extra (pip install 'kvviz[video]'" in errors[-1]
    assert leftovers(out) == []
