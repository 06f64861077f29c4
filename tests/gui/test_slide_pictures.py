"""Pictures and animations composed for a slide: 16:9 and 4:3 sizes, and the panel laid out to fill the
frame (measured on the exported pixels), not a strip of the window with empty space around it."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageSequence

from kvviz.gui.export.picture import SLIDE_SIZES, PictureSize, parse_size
from kvviz.gui.theme import DARK, apply_to_application
from tests.gui.test_cli_export import export


@pytest.fixture(autouse=True)
def _dark_app_afterwards(qapp):
    yield
    apply_to_application(qapp, DARK)


def content_box(rgb: np.ndarray, ground: np.ndarray) -> tuple[float, float]:
    """Width and height of what differs from the ground colour, as shares of the frame's."""
    rows, cols = np.nonzero(np.abs(rgb.astype(int) - ground.astype(int)).max(axis=2) > 30)
    return (cols.max() + 1 - cols.min()) / rgb.shape[1], (rows.max() + 1 - rows.min()) / rgb.shape[0]


def matrix_height(rgb: np.ndarray) -> float:
    """Height of the saturated pixels (the status colours of the matrices), as a share of the frame's."""
    rgb = rgb.astype(int)
    rows = np.flatnonzero(((rgb.max(axis=2) - rgb.min(axis=2)) > 60).sum(axis=1) > 8)
    return (rows.max() + 1 - rows.min()) / rgb.shape[0]


def test_slide_sizes_by_their_aspect():
    assert parse_size("16:9") == (1920, 1080) and parse_size("4:3") == (1024, 768)
    for aspect, sizes in SLIDE_SIZES.items():
        w, h = (int(x) for x in aspect.split(":"))
        assert all(width * h == height * w for width, height in sizes)
        assert all(PictureSize(fixed=size).fixed == size for size in sizes)  # within the limits


@pytest.mark.parametrize(("aspect", "theme"), [("16:9", "slide"), ("4:3", "dark")])
def test_a_panel_picture_fills_the_slide(tmp_path, aspect, theme):
    path = tmp_path / "attention.png"
    assert export("--steps", "6", "--panel", "attention", "--size", aspect, "--theme", theme, "--out", str(path)) == 0
    with Image.open(path) as image:
        assert image.size == parse_size(aspect)
        rgb = np.asarray(image.convert("RGB"))
    ground = rgb[-1, -1]  # the slide's ground colour, in the corner
    width, height = content_box(rgb, ground)
    assert width > 0.9 and height > 0.9, (width, height)  # the panel is laid out over the whole frame
    assert matrix_height(rgb) > 0.55  # and the matrices take most of its height


@pytest.mark.parametrize("panel", ["kv_cache", "plots"])
def test_a_docked_panel_picture_fills_the_frame(tmp_path, panel):
    """A panel in a dock sits in a scroll area that sizes it to its slot: the picture lays it out anew."""
    path = tmp_path / f"{panel}.png"
    assert export("--steps", "6", "--panel", panel, "--size", "1280x720", "--out", str(path)) == 0
    with Image.open(path) as image:
        rgb = np.asarray(image.convert("RGB"))
    width, height = content_box(rgb, rgb[-1, -1])
    assert width > 0.9 and height > 0.9, (width, height)


def test_animation_frames_fill_a_16_9_frame(tmp_path):
    path = tmp_path / "steps.gif"
    assert export("--steps", "6", "--from", "0", "--to", "6", "--size", "1280x720", "--out", str(path)) == 0
    with Image.open(path) as gif:
        frames = [np.asarray(frame.convert("RGB")) for frame in ImageSequence.Iterator(gif)]
    assert len(frames) == 7 and {frame.shape for frame in frames} == {(720, 1280, 3)}
    last = frames[-1]
    width, height = content_box(last, last[-1, -1])
    assert width > 0.9 and height > 0.9, (width, height)
    assert matrix_height(last) > 0.6  # was the top 30 %


def test_the_export_dialog_offers_the_slide_sizes(qtbot, window):
    from kvviz.gui.export.dialog import SizeChooser

    chooser = SizeChooser(window.exports)
    qtbot.addWidget(chooser)
    offered = [chooser.slide.itemData(i) for i in range(chooser.slide.count())]
    assert offered == [size for sizes in SLIDE_SIZES.values() for size in sizes]
    chooser.by_slide.setChecked(True)
    chooser.slide.setCurrentIndex(offered.index((3840, 2160)))
    assert chooser.picture_size() == PictureSize(fixed=(3840, 2160))
    assert not chooser.width.isEnabled() and chooser.slide.isEnabled()
    window.exports._remember("attention", chooser.picture_size())
    again = SizeChooser(window.exports)  # the choice is remembered as a slide
    qtbot.addWidget(again)
    assert again.by_slide.isChecked() and again.picture_size() == PictureSize(fixed=(3840, 2160))


def lost_detail(grey: np.ndarray, size: tuple[int, int]) -> float:
    """Mean change when ``grey`` goes down to ``size`` and back up: what a picture drawn at ``size`` lacks."""
    image = Image.fromarray(grey)
    blurred = image.resize(size, Image.Resampling.BILINEAR).resize(image.size, Image.Resampling.BILINEAR)
    return float(np.abs(grey.astype(float) - np.asarray(blurred, dtype=float)).mean())


def test_a_4k_presentation_has_4k_detail(tmp_path):
    """A 3840×2160 slide is laid out like a 1600×900 page (the same composition) but drawn at 3840×2160:
    its text and lines have edges a 1600×900 picture enlarged to 4K lacks."""
    path = tmp_path / "presentation.png"
    assert export("--steps", "6", "--panel", "presentation", "--size", "3840x2160", "--out", str(path)) == 0
    with Image.open(path) as image:
        assert image.size == (3840, 2160)
        grey = np.asarray(image.convert("L"))
    layout = (1600, 900)  # how the page is laid out for the picture (see picture.REFERENCE)
    enlarged = np.asarray(Image.fromarray(grey).resize(layout, Image.Resampling.BILINEAR).resize((3840, 2160)))
    sharp, flat = lost_detail(grey, layout), lost_detail(enlarged, layout)
    assert sharp > 2 * flat, (sharp, flat)  # else drawn small and enlarged
