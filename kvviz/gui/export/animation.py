"""Animations of steps a..b: GIF, or MP4 when an encoder is installed.

Frames come from a window drawn for the export (see :mod:`kvviz.gui.export.offscreen`):
its controller shows each step of the run's history and the panel is drawn. ``frames``
is a generator so the app can draw one frame per timer tick (widgets may only be drawn
on the GUI thread, and the event loop must keep running) while ``kvviz export`` simply
loops over it. Every file is written through ``write_atomic``: a failed or cancelled
export leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QImage

from kvviz.atomic_file import write_atomic
from kvviz.exports import ANIMATION_SUFFIXES, ExportError, suffix_of, wrong_suffix
from kvviz.gui.export.picture import PictureSize, drawing, panel_widget

if TYPE_CHECKING:
    from kvviz.gui.frame import Frame


def mp4_missing() -> str:
    """Why MP4 is not offered, and how to get it, in the current language."""
    return QCoreApplication.translate(
        "ExportDialog", "MP4 needs the video extra (pip install 'kvviz[video]': imageio-ffmpeg); GIF works without it"
    )


def check_steps(first: int, last: int, n_steps: int) -> range:
    """Steps ``first..last`` (inclusive) of a run with ``n_steps`` steps so far."""
    if not 0 <= first <= last < n_steps:
        raise ExportError(f"step range {first}..{last} is outside the run (steps 0..{n_steps - 1})")
    return range(first, last + 1)


def check_frame_ms(frame_ms: int) -> int:
    if not 20 <= frame_ms <= 60_000:
        raise ExportError(f"frame duration must be 20..60000 ms, got {frame_ms}")
    return frame_ms


def frames(window: Frame, name: str, steps: range, size: PictureSize) -> Iterator[QImage]:
    """The panel of an export window at each step (the window is the export's own: it is left at the last).

    Every frame has the same pixel size, and the matrices keep one scale over the whole range,
    with room for the last step's rows from the first frame, so a cell never moves or resizes.
    """
    controller = window.controller
    check_steps(steps.start, steps.stop - 1, len(controller.history))
    widget = panel_widget(window, name)
    controller.go_to(steps.stop - 1)
    hold_scale(window, controller.current.n_tokens)
    if size.fixed is None:
        size = PictureSize(fixed=(round(widget.width() * size.scale), round(widget.height() * size.scale)))
    no_paint = _NoScreenPaint(window)
    window.installEventFilter(no_paint)
    try:
        with drawing(widget, size) as draw:  # laid out once for every frame
            for step in steps:
                controller.go_to(step)
                yield draw()
    finally:
        window.removeEventFilter(no_paint)
        window.repaint()


class _NoScreenPaint(QObject):
    """Drops a window's repaints while an animation is drawn: frames are drawn into pictures (QWidget.render
    paints on its own), so repainting the window after each step would be work thrown away. Not for a
    still picture: the matrices' views fit their range as they paint, which a frame's held scale replaces."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        return event.type() == QEvent.Type.UpdateRequest


def hold_scale(window: Frame, n_tokens: int) -> None:
    """Fix every attention view of ``window`` on the square a matrix of ``n_tokens`` rows is fitted in."""
    from kvviz.gui.views.attention_panel import AttentionPanel, frame_size

    side = frame_size(n_tokens)
    for panel in (w for w in window.panels.values() if isinstance(w, AttentionPanel)):
        panel.view.disableAutoRange()
        panel.view.setRange(xRange=(0, side), yRange=(0, side), padding=0.02)
    presentation = window.panels.get("presentation")
    if presentation is not None:
        presentation.hold_scale(n_tokens)


def frames_like(window: Frame, name: str, steps: range, size: PictureSize) -> Iterator[QImage]:
    """The panel at each step as ``window`` would show it, drawn in an export window laid out like it.

    ``window`` itself does not move: the export window shows a snapshot of its run's records.
    """
    check_steps(steps.start, steps.stop - 1, len(window.controller.history))
    panel_widget(window, name)  # an unknown or hidden panel is refused before anything is built
    return _frames_like(window, name, steps, size)


def _frames_like(window: Frame, name: str, steps: range, size: PictureSize) -> Iterator[QImage]:
    from kvviz.gui.export.offscreen import export_window, show_panel

    run = window.controller.run.snapshot()
    layer, head = window.selection.layer, window.selection.head
    size_on_screen = (window.width(), window.height())
    with export_window(run, window.theme, layer, head, size=size_on_screen, state=window.saveState()) as shown:
        show_panel(shown, name)
        yield from frames(shown, name, steps, size)


def to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    shared = Image.frombuffer("RGB", (rgb.width(), rgb.height()), rgb.constBits(), "raw", "RGB", rgb.bytesPerLine(), 1)
    return shared.copy()  # the QImage's memory is freed with it


def mp4_available() -> bool:
    try:
        import imageio_ffmpeg  # noqa: F401
    except ImportError:
        return False
    return True


def check_animation_path(path: str | Path) -> str:
    suffix = suffix_of(path)
    if suffix not in ANIMATION_SUFFIXES:
        raise wrong_suffix("animations", ANIMATION_SUFFIXES, path)
    if suffix == ".mp4" and not mp4_available():
        raise ExportError(mp4_missing())
    return suffix


def save_animation(images: Sequence[Image.Image], path: str | Path, frame_ms: int) -> Path:
    """GIF (looping, ``frame_ms`` per frame) or MP4 by the suffix of ``path``."""
    suffix = check_animation_path(path)
    check_frame_ms(frame_ms)
    if not images:
        raise ExportError("no frames to save")
    if suffix == ".gif":
        return write_atomic(path, lambda tmp: _write_gif(images, tmp, frame_ms))
    return write_atomic(path, lambda tmp: _write_mp4(images, tmp, frame_ms))


def _write_gif(images: Sequence[Image.Image], path: Path, frame_ms: int) -> None:
    # One palette for all frames, made from the first and the last (which hold every colour the run
    # shows), so a colour never flickers between frames and Pillow stores only what changed.
    first, last = images[0], images[-1]
    both = Image.new("RGB", (first.width, first.height + last.height))
    both.paste(first, (0, 0))
    both.paste(last, (0, first.height))
    palette = both.quantize(colors=256, dither=Image.Dither.NONE)
    paletted = [im.quantize(palette=palette, dither=Image.Dither.NONE) for im in images]
    paletted[0].save(
        path, format="GIF", save_all=True, append_images=paletted[1:], duration=frame_ms, loop=0, optimize=False
    )


def _write_mp4(images: Sequence[Image.Image], path: Path, frame_ms: int) -> None:
    import imageio_ffmpeg
    import numpy as np

    width, height = images[0].size
    # H.264 in yuv420p needs even sides.
    even = (width - width % 2, height - height % 2)
    writer = imageio_ffmpeg.write_frames(
        str(path), even, fps=1000 / frame_ms, codec="libx264", pix_fmt_out="yuv420p", macro_block_size=1
    )
    writer.send(None)
    try:
        for im in images:
            writer.send(np.ascontiguousarray(np.asarray(im)[: even[1], : even[0]]))
    finally:
        writer.close()
