"""Pictures of the window or of one panel: PNG at a scale or a fixed size, SVG, the clipboard.

The app's File menu and ``kvviz export`` both come here, so the CLI's picture is the
one the app would make. Panels are named by the keys of ``window.panels`` plus
``window``. A picture at scale k is the widget drawn on a canvas with device pixel
ratio k, so text and lines are drawn sharp at k× rather than enlarged from 1×. A fixed
size lays the widget out at the size that gives exactly those pixels (at a scale that
keeps its on-screen area) and puts the old size back afterwards.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QRectF, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QScrollArea, QWidget

from kvviz.atomic_file import OutputError, write_atomic
from kvviz.exports import PICTURE_SUFFIXES, ExportError, suffix_of, wrong_suffix
from kvviz.i18n import translate

if TYPE_CHECKING:
    from kvviz.gui.frame import Frame

#: The name of the whole window among the panels.
WINDOW = "window"
#: Scales offered in the app.
SCALES = (1, 2, 4)
#: Largest picture side, in pixels: beyond this a PNG is no longer a slide picture.
MAX_SIDE = 8192
#: Smallest fixed size, in pixels: below this the panels cannot be drawn legibly.
MIN_SIZE = (320, 180)
#: The screen a fixed-size picture is laid out on before it is scaled up, in logical pixels.
REFERENCE = (1280, 720)
#: Slide sizes by aspect, as offered in the app; ``--size 16:9`` and ``--size 4:3`` take the first of each.
SLIDE_SIZES = {"16:9": ((1920, 1080), (3840, 2160)), "4:3": ((1024, 768), (2048, 1536))}


@dataclass(frozen=True)
class PictureSize:
    """Either a scale of the widget's own size or a fixed size in pixels."""

    scale: float = 1.0
    fixed: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.fixed is None and not 0 < self.scale <= 8:
            raise ExportError(
                translate("export", "scale must be above 0 and at most 8, got {scale}").format(scale=f"{self.scale:g}")
            )
        if self.fixed is not None and not (
            MIN_SIZE[0] <= self.fixed[0] <= MAX_SIDE and MIN_SIZE[1] <= self.fixed[1] <= MAX_SIDE
        ):
            message = translate("export", "size must be {least} to {most} pixels, got {size}")
            raise ExportError(
                message.format(
                    least=f"{MIN_SIZE[0]}x{MIN_SIZE[1]}",
                    most=f"{MAX_SIDE}x{MAX_SIDE}",
                    size=f"{self.fixed[0]}x{self.fixed[1]}",
                )
            )

    def describe(self) -> str:
        return f"{self.fixed[0]}×{self.fixed[1]}" if self.fixed else f"{self.scale:g}×"


def parse_size(text: str) -> tuple[int, int]:
    """``"1920x1080"`` (or ``×``) as (width, height); ``"16:9"`` and ``"4:3"`` are slide sizes (SLIDE_SIZES)."""
    if text.strip() in SLIDE_SIZES:
        return SLIDE_SIZES[text.strip()][0]
    match = re.fullmatch(r"\s*(\d+)\s*[x×X]\s*(\d+)\s*", text)
    if match is None:
        raise ExportError(
            translate("export", "size must look like 1920x1080, 16:9 or 4:3, got {text}").format(text=repr(text))
        )
    size = int(match[1]), int(match[2])
    PictureSize(fixed=size)  # range check
    return size


def panel_names(window: Frame) -> list[str]:
    return [WINDOW, *window.panels]


def panel_widget(window: Frame, name: str) -> QWidget:
    if name == WINDOW:
        return window
    if name not in window.panels:
        message = translate("export", "unknown panel {name}; choose one of: {names}")
        raise ExportError(message.format(name=repr(name), names=", ".join(panel_names(window))))
    widget = window.panels[name]
    if not widget.isVisible():
        message = translate("export", "the panel {name} is hidden; show it from the View menu first")
        raise ExportError(message.format(name=repr(name)))
    return widget


def render(widget: QWidget, size: PictureSize) -> QImage:
    """``widget`` as an image of ``size``, without the on-screen hints (a picture cannot be hovered)."""
    with drawing(widget, size) as draw:
        return draw()


@contextmanager
def drawing(widget: QWidget, size: PictureSize) -> Iterator[Callable[[], QImage]]:
    """``widget`` laid out for pictures of ``size`` while the block runs, and what draws it as one.

    An animation draws all its frames in one block: the widget is laid out once, not once per
    frame (and put back once). Hints are hidden for the block (a picture cannot be hovered).
    """
    from kvviz.gui.views.cell_info import CellInspector

    hints = [w for w in widget.findChildren(CellInspector) if w.isVisible()]
    for hint in hints:
        hint.hide()
    try:
        if size.fixed is None:
            yield lambda: _draw(widget, size.scale, _pixels(widget.size(), size.scale))
        else:
            with _laid_out(widget, size.fixed) as draw:
                yield draw
    finally:
        for hint in hints:
            hint.show()


@contextmanager
def _laid_out(widget: QWidget, pixels: tuple[int, int]) -> Iterator[Callable[[], QImage]]:
    width, height = pixels
    current = widget.size()
    # Large pictures are drawn at a scale that lays the widget out at about its size on screen
    # (a panel: on a 1280×720 screen), so type and lines keep their proportions; small ones at 1×.
    reference = current.expandedTo(QSize(*REFERENCE))
    scale = max(1.0, min(width / reference.width(), height / reference.height()))
    layout_size = QSize(math.ceil(width / scale), math.ceil(height / scale))
    layout_size = layout_size.expandedTo(widget.minimumSize()).expandedTo(widget.minimumSizeHint())
    scale = min(width / layout_size.width(), height / layout_size.height())
    scroller = _resizing_scroller(widget)
    if scroller is not None:
        scroller.setWidgetResizable(False)  # else the dock's scroll area sizes the panel back to its slot

    def draw() -> QImage:
        _settle()
        if widget.size() != layout_size:
            # A panel's own layout answered a change (a resize, a longer title) by asking its parent's for
            # room, which put the panel back in its slot of the window: size it again and draw before that
            # layout runs once more.
            widget.resize(layout_size)
        return _draw(widget, scale, QSize(width, height))

    widget.resize(layout_size)
    try:
        yield draw
    finally:
        widget.resize(current)
        if scroller is not None:
            scroller.setWidgetResizable(True)
        _settle()


def _resizing_scroller(widget: QWidget) -> QScrollArea | None:
    """The scroll area that keeps ``widget`` at its own size (a docked panel's), if there is one."""
    viewport = widget.parentWidget()
    scroller = viewport.parentWidget() if viewport is not None else None
    if isinstance(scroller, QScrollArea) and scroller.widget() is widget and scroller.widgetResizable():
        return scroller
    return None


def _pixels(size: QSize, scale: float) -> QSize:
    return QSize(round(size.width() * scale), round(size.height() * scale))


def _settle() -> None:
    """Let layouts (Qt's and pyqtgraph's) catch up with a resize or a step before drawing."""
    QCoreApplication.sendPostedEvents()


def _draw(widget: QWidget, scale: float, pixels: QSize) -> QImage:
    image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(widget.palette().window().color())
    QWidget.render(widget, image)  # QWidget's: pyqtgraph views override render() for their scene
    image.setDevicePixelRatio(1.0)  # the file's pixels are the picture's size
    return image.convertToFormat(QImage.Format.Format_RGB32)


def picture(window: Frame, name: str, size: PictureSize) -> QImage:
    return render(panel_widget(window, name), size)


def save_png(image: QImage, path: str | Path) -> Path:
    def write(tmp: Path) -> None:
        if not image.save(str(tmp), "PNG"):
            raise OutputError(f"could not encode the PNG for {path}")

    return write_atomic(path, write)


def plot_names(window: Frame) -> list[str]:
    """The panels that can be saved as SVG: the single plots."""
    import pyqtgraph as pg

    return [name for name, widget in window.panels.items() if isinstance(widget, pg.PlotWidget)]


def save_svg(window: Frame, name: str, path: str | Path) -> Path:
    """A plot as SVG, its lines and text vectors (editable on the slide).

    The plot's scene is drawn through Qt's SVG generator; pyqtgraph's SVGExporter cannot
    parse the paths this Qt version writes, and drawing the widget would embed a bitmap.
    """
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    plots = plot_names(window)
    if name not in plots:
        panel_widget(window, name)  # an unknown name gets the list of panels
        message = translate("export", "SVG is made for single plots ({plots}); save {name} as PNG")
        raise ExportError(message.format(plots=", ".join(plots), name=repr(name)))
    view = panel_widget(window, name)

    def write(tmp: Path) -> None:
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(view.size())
        generator.setViewBox(view.rect())
        generator.setTitle(f"kvviz {name}")
        painter = QPainter(generator)
        try:
            painter.fillRect(view.rect(), view.backgroundBrush())
            view.render(painter, QRectF(view.rect()), view.viewport().rect())
        finally:
            painter.end()
        if tmp.stat().st_size == 0:
            raise OutputError(f"could not write the SVG for {path}")

    return write_atomic(path, write)


def export_picture(window: Frame, name: str, path: str | Path, size: PictureSize) -> Path:
    """Write the panel to ``path``; the suffix (.png or .svg) chooses the format."""
    suffix = suffix_of(path)
    if suffix == ".svg":
        return save_svg(window, name, path)
    if suffix != ".png":
        raise wrong_suffix("pictures", PICTURE_SUFFIXES, path)
    return save_png(picture(window, name, size), path)


def copy_picture(window: Frame, name: str, size: PictureSize) -> QImage:
    """Put the panel's picture on the clipboard, ready to paste into a slide."""
    image = picture(window, name, size)
    QGuiApplication.clipboard().setImage(image)
    return image


def suggested_name(name: str, step: int, suffix: str = ".png") -> str:
    return f"kvviz-{name.replace('_', '-')}-step{step}{suffix}"
