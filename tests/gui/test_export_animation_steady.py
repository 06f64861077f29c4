"""Animations hold still: every frame the same size, both panels at one scale, fixed over the range.

Measured from the frames' pixels: the status colours are the only saturated pixels of the
attention panels, so their extent in each half of a frame is that panel's matrix (and its
K/V strip), n cells wide.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageSequence

from kvviz.gui.export.animation import frames_like
from kvviz.gui.export.picture import PictureSize
from tests.gui.test_export import pixels, stepped


def matrix_box(half: np.ndarray) -> tuple[int, int, int]:
    """(left, top, width) of the saturated pixels in one panel's picture."""
    rgb = half.astype(int)
    saturated = (rgb.max(axis=2) - rgb.min(axis=2)) > 25  # text and hatching are grey
    rows, cols = np.flatnonzero(saturated.any(axis=1)), np.flatnonzero(saturated.any(axis=0))
    return int(cols[0]), int(rows[0]), int(cols[-1] + 1 - cols[0])


def test_frames_keep_one_size_and_one_scale(window):
    stepped(window, 6)
    steps = range(0, 7)
    images = [pixels(image) for image in frames_like(window, "attention_pair", steps, PictureSize(1))]
    assert len({image.shape for image in images}) == 1
    counts = [window.controller.history[step].n_tokens for step in steps]
    width = images[0].shape[1]
    cell_sizes, corners = [], []
    for image, n in zip(images, counts, strict=True):
        for half in (image[:, : width // 2], image[:, width // 2 :]):
            left, top, extent = matrix_box(half)
            cell_sizes.append(extent / n)
            corners.append((left, top))
    assert max(cell_sizes) - min(cell_sizes) < 0.5, cell_sizes  # within half a pixel per cell
    # cell (0, 0) stays put (to the pixel the new rows' outline adds around it); both panels on one row
    for xs in ([x for x, _ in corners[0::2]], [x for x, _ in corners[1::2]], [y for _, y in corners]):
        assert max(xs) - min(xs) <= 1, corners


def test_gif_frames_have_one_size(window, tmp_path):
    from kvviz.gui.export.animation import save_animation, to_pil

    stepped(window, 4)
    images = [to_pil(image) for image in frames_like(window, "attention", range(0, 5), PictureSize(1))]
    path = save_animation(images, tmp_path / "a.gif", 200)
    with Image.open(path) as gif:
        frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(gif)]
    assert {frame.size for frame in frames} == {images[0].size}
    assert len(frames) == 5
