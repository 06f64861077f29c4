"""One Q·Kᵀ panel: the attention matrix of one mode, for the selected layer and head.

Queries are rows, keys are columns. Each cell's hue is its status this step (computed,
recomputed, skipped), its lightness the score; the causal-mask triangle is hatched. A
strip under the matrix marks, per key, whether its K/V was computed this step or read
from the cache. Zoom with the wheel, pan by dragging; ticks thin out to stay readable.

The picture has at most one pixel per screen pixel of the region in view (see
:func:`~kvviz.gui.views.attention_image.sample_grid`): a step at thousands of tokens costs
what the screen shows, and zooming in redraws the region down to single cells. Hover reads
cell positions, so the inspector shows exact values at any zoom.
"""

from __future__ import annotations

import math
import weakref
from functools import lru_cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QVBoxLayout, QWidget

from kvviz.core.record import KVSource, Mode, StepRecord
from kvviz.gui.theme import Theme, qcolor
from kvviz.gui.views.attention_image import (
    Grid,
    SharedScoreLevels,
    kv_source_rgba,
    sample_grid,
    status_colours,
    status_lut,
)
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.widgets.axes import LabelAxis, style_axis
from kvviz.units import format_flops

#: Each mode's title (marked here, translated when shown).
MODE_TITLE = {
    Mode.UNCACHED: QT_TRANSLATE_NOOP("AttentionPanel", "Without KV cache"),
    Mode.CACHED: QT_TRANSLATE_NOOP("AttentionPanel", "With KV cache"),
}
#: The titles when the full ones do not fit a narrow panel.
SHORT_TITLE = {
    Mode.UNCACHED: QT_TRANSLATE_NOOP("AttentionPanel", "Without cache"),
    Mode.CACHED: QT_TRANSLATE_NOOP("AttentionPanel", "With cache"),
}


def _tr(text: str) -> str:
    """A text marked in this module (a NOOP constant), in the language installed now."""
    return QCoreApplication.translate("AttentionPanel", text)


#: Height of the K/V source strip, in pixels.
STRIP_PX = 12
#: Width of the query axis (and the strip's, so the two line up), in pixels.
LEFT_AXIS_PX = 74
#: Fewest cells drawn across a span however small the view: that many cells cost little, and a
#: small window still shows every cell of a short run (the reader zooms in on it).
MIN_PX = 512
#: Pixels assumed across a view not laid out yet (nothing to measure): matrices up to this many
#: tokens are drawn cell for cell.
UNMEASURED_PX = 2048


@lru_cache(maxsize=4)
def mask_path(n: int) -> QPainterPath:
    """The staircase outline of the cells above the diagonal (key after query) of an n×n grid.

    Cached: stepping back and forth alternates between two sizes.
    """
    if n < 2:
        return QPainterPath()
    i = np.arange(1, n, dtype=np.float64)
    x = np.concatenate(([n, 1.0], np.repeat(i, 2) + np.tile([0.0, 1.0], n - 1), [n]))
    y = np.concatenate(([0.0, 0.0], np.repeat(i, 2), [0.0]))
    return pg.arrayToQPath(x, y, connect="all", finiteCheck=False)


def frame_size(n: int) -> int:
    """Side of the square the view fits: n rounded up to a multiple of a power of two ≤ n/16.

    Small matrices fit exactly. Larger ones leave at most a sixteenth of room to grow, so
    the range, and with it every axis, changes once every few dozen steps rather than at
    each one (a range change costs more than the rest of the panel's step).
    """
    quantum = 1 << max(0, (max(n, 1) // 16).bit_length() - 1)
    return -(-max(n, 1) // quantum) * quantum


def _outline(colour: str, width: float, z: float) -> QGraphicsRectItem:
    """An unfilled rectangle whose line keeps its pixel width at any zoom."""
    item = QGraphicsRectItem()
    item.setPen(_outline_pen(colour, width))
    item.setZValue(z)
    return item


def _outline_pen(colour: str, width: float) -> QPen:
    pen = QPen(qcolor(colour), width)
    pen.setCosmetic(True)
    return pen


def title_variants(mode: Mode, theme: Theme, record: StepRecord, layer: int, head: int, *, where: bool) -> list[str]:
    """A panel's title from the fullest to the shortest. With ``where`` the layer and head follow the mode:
    on the same line in the fullest (a wide panel gives the matrix the height of a line: Chinese lines are
    taller), else on a second line in every variant; without, each variant is one line. A pair's panels
    keep one height: see :func:`name_spare`."""
    stats = record.mode(mode)
    flops = (
        format_flops(stats.flops.total)
        if stats is not None
        else QCoreApplication.translate("AttentionPanel", "not computed")
    )
    this_step = QCoreApplication.translate("AttentionPanel", "{flops} this step").format(flops=flops)
    kv_head = head // record.config.group_size
    muted = f"<span style='color:{theme.muted_text}'>"
    small = f"<br><span style='color:{theme.muted_text}; font-size:{theme.font_pt}pt'>"
    full = QCoreApplication.translate("AttentionPanel", "layer {layer} · head {head} · K/V head {kv_head}").format(
        layer=layer, head=head, kv_head=kv_head
    )
    brief = f"L{layer} · H{head} · KV{kv_head}"
    name, short = f"<b>{_tr(MODE_TITLE[mode])}</b>", f"<b>{_tr(SHORT_TITLE[mode])}</b>"
    if not where:
        return [
            f"{name} {muted}· {this_step}</span>",
            f"{name} {muted}· {flops}</span>",
            f"{short} {muted}· {flops}</span>",
            short,
        ]
    beside = f"<span style='font-size:{theme.font_pt}pt'>{full}</span>"
    return [
        f"{name} {muted}· {this_step} · {beside}</span>",
        f"{name} {muted}· {this_step}</span>{small}{full}</span>",
        f"{name} {muted}· {flops}</span>{small}{full}</span>",
        f"{name}{small}{flops} · {full}</span>",
        f"{name}{small}{flops} · {brief}</span>",
        f"{short}{small}{flops} · {brief}</span>",
        f"{short}{small}{flops}</span>",
    ]


def axis_title(which: str) -> str:
    """The matrix's axis titles: "query (row)" on the left, "key (column)" under the K/V strip."""
    if which == "query":
        return QCoreApplication.translate("AttentionPanel", "query (row)")
    return QCoreApplication.translate("AttentionPanel", "key (column)")


#: The view each linked view follows (see link_views): a follower fits the matrix while its leader does.
_LEADERS: weakref.WeakKeyDictionary[pg.ViewBox, pg.ViewBox] = weakref.WeakKeyDictionary()


def room_across(graphics: pg.GraphicsLayoutWidget) -> float:
    """Pixels a title may take across: the widget less its layout's margins (0 before it is laid out)."""
    left, _, right, _ = graphics.ci.layout.getContentsMargins()
    return graphics.width() - left - right if graphics.width() > 1 else 0


def name_spare(mode: Mode, theme: Theme, font: QFont) -> float:
    """Pixels by which the other mode's name is wider than ``mode``'s in a title (the splitter may leave the
    panels a pixel apart: 2 more). The fullest title leaves that much spare, so the pair's titles are one
    line or two together and the matrices one size."""
    bold = QFont(font)
    bold.setPointSizeF(theme.title_pt)
    bold.setBold(True)
    widths = {m: QFontMetricsF(bold).horizontalAdvance(_tr(name)) for m, name in MODE_TITLE.items()}
    return max(widths.values()) - widths[mode] + 2


def fit_title(graphics: pg.GraphicsLayoutWidget, label: pg.LabelItem, titles: list[str], spare: float = 0) -> None:
    """Show the fullest of ``titles`` that fits across ``graphics`` (the first with ``spare`` pixels left
    over): a title is shortened, never clipped."""
    if not titles:
        return
    room = room_across(graphics)
    before = label.text
    for index, title in enumerate(titles):
        if title != label.text:
            label.setText(title)
        if room <= 0 or label.item.boundingRect().width() <= room - (spare if index == 0 else 0):
            break
    if label.text != before and room > 0:
        # pyqtgraph makes a label's text its layout's minimum width: a longer title may have held the
        # layout wider than the panel (clipping the matrix) when the panel shrank, so fit it again
        graphics.ci.setGeometry(QRectF(graphics.rect()))


def link_views(a: pg.ViewBox, b: pg.ViewBox) -> None:
    """Keep ``b`` on the region ``a`` shows, at ``a``'s scale; a pan or zoom by the user in either moves both.

    pyqtgraph's own X and Y links between two aspect-locked views of slightly different
    sizes keep correcting each other and drift outward, so the range is copied one way
    per change instead: every change of ``a`` (including its auto-range), and only the
    user's changes of ``b``, so ``a`` keeps fitting the matrix until the user zooms. What
    is copied is the centre and the pixels per cell, not the ranges: a view a few pixels
    narrower would otherwise fit the same ranges at a smaller scale, and one matrix would
    look smaller than the other.
    """
    _LEADERS[b] = a
    busy = False

    def copy(source: pg.ViewBox, target: pg.ViewBox) -> None:
        nonlocal busy
        if busy:
            return
        busy = True
        try:
            target.setRange(**_same_scale(source, target), padding=0)
        finally:
            busy = False

    a.sigRangeChanged.connect(lambda *_: copy(a, b))
    b.sigResized.connect(lambda *_: copy(a, b))
    b.sigRangeChangedManually.connect(lambda *_: copy(b, a))


def _same_scale(source: pg.ViewBox, target: pg.ViewBox) -> dict[str, tuple[float, float]]:
    """Ranges that show ``source``'s centre in ``target`` at ``source``'s pixels per unit."""
    (x0, x1), (y0, y1) = source.viewRange()
    sw, sh, tw, th = source.width(), source.height(), target.width(), target.height()
    if min(sw, sh, tw, th) < 1:  # not laid out yet: the same ranges
        return {"xRange": (x0, x1), "yRange": (y0, y1)}
    half_x = (x1 - x0) / sw * tw / 2
    half_y = (y1 - y0) / sh * th / 2
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return {"xRange": (cx - half_x, cx + half_x), "yRange": (cy - half_y, cy + half_y)}


class AttentionPanel(FollowsLanguage, QWidget):
    """Q·Kᵀ of one mode. Emits ``cell_hovered(row, col)``; (-1, -1) when the pointer leaves the cells."""

    cell_hovered = Signal(int, int)

    def __init__(
        self,
        mode: Mode,
        theme: Theme,
        parent: QWidget | None = None,
        *,
        levels: SharedScoreLevels | None = None,
        where_line: bool = True,
    ) -> None:
        """``levels`` may be shared with the other mode's panel, which shows the same scores;
        ``where_line``: the title's second line names the layer and head (a page that names them once
        leaves it out)."""
        super().__init__(parent)
        self.mode = mode
        self._where_line = where_line
        self.theme = theme
        self._lut = status_lut(theme)
        self._levels = levels or SharedScoreLevels()
        self._record: StepRecord | None = None
        self._layer = 0
        self._head = 0
        self._hover = (-1, -1)
        self._titles: list[str] = []  # the title, fullest first (see _title_variants)
        self._spare = 0.0  # what the fullest title leaves spare (see name_spare)
        self.image_rgba = np.zeros((0, 0, 4), dtype=np.uint8)
        self.grid: Grid | None = None  # the cells image_rgba shows
        self.kv_rgba = np.zeros((1, 0, 4), dtype=np.uint8)

        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.setBackground(theme.panel)
        self.graphics.ci.layout.setContentsMargins(4, 4, 8, 4)
        self.graphics.ci.layout.setVerticalSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.graphics)

        self.title = self.graphics.addLabel("", row=0, col=0, color=theme.text, size=f"{theme.title_pt}pt")
        self.query_axis = LabelAxis("left")
        self.key_axis = LabelAxis("bottom")
        self.plot = self.graphics.addPlot(row=1, col=0, axisItems={"left": self.query_axis})
        self.strip = self.graphics.addPlot(
            row=2, col=0, axisItems={"bottom": self.key_axis, "left": LabelAxis("left", number_when_thinned=False)}
        )
        self._style_plots()

        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        # The square the view fits (see frame_size): invisible, but counted in the auto-range.
        self.frame = QGraphicsRectItem()
        self.frame.setPen(QPen(Qt.PenStyle.NoPen))
        self.plot.addItem(self.frame)
        self.hatch = QGraphicsPathItem()
        self.hatch.setPen(QPen(Qt.PenStyle.NoPen))
        self.hatch.setBrush(QBrush(qcolor(theme.masked_hatch), Qt.BrushStyle.BDiagPattern))
        self.hatch.setZValue(5)
        self.plot.addItem(self.hatch, ignoreBounds=True)
        # Outlines keep one-cell-wide rows and columns findable at several hundred tokens.
        self.new_rows_outline = _outline(theme.computed, theme.highlight_px, z=8)
        self.plot.addItem(self.new_rows_outline, ignoreBounds=True)
        self.highlight = _outline(theme.highlight, theme.highlight_px, z=10)
        self.highlight.hide()
        self.plot.addItem(self.highlight, ignoreBounds=True)
        self.kv_image = pg.ImageItem(axisOrder="row-major")
        self.strip.addItem(self.kv_image)
        self.new_kv_outline = _outline(theme.kv_computed, theme.highlight_px, z=8)
        self.strip.addItem(self.new_kv_outline, ignoreBounds=True)

        self.graphics.scene().sigMouseMoved.connect(self._on_mouse_moved)
        # A zoom, pan or resize draws the region in view again at its new resolution, once the
        # burst of range changes has settled.
        self._regrid = QTimer(self)
        self._regrid.setSingleShot(True)
        self._regrid.setInterval(15)
        self._regrid.timeout.connect(self._regrid_if_changed)
        self.view.sigRangeChanged.connect(lambda *_: self._regrid.start())
        self.view.sigResized.connect(lambda *_: self._regrid.start())

    @property
    def view(self) -> pg.ViewBox:
        return self.plot.getViewBox()

    def _style_plots(self) -> None:
        for plot in (self.plot, self.strip):
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.getAxis("left").setWidth(LEFT_AXIS_PX)
        self._style_axes()
        self.plot.hideAxis("bottom")
        self.plot.invertY(True)
        self.plot.setAspectLocked(True)
        self.view.setDefaultPadding(0.02)
        self.strip.setXLink(self.plot)
        self.strip.getAxis("left").set_labels(["K/V"])
        self.strip.getAxis("left").setStyle(tickLength=0)
        self.strip.setMouseEnabled(x=True, y=False)
        self.strip.getViewBox().disableAutoRange()  # follows the matrix's x range; its own would fight it
        self.strip.getViewBox().setYRange(0, 1, padding=0)
        self.strip.getViewBox().setMinimumHeight(STRIP_PX)
        self.strip.setMaximumHeight(STRIP_PX + 46)
        self.graphics.ci.layout.setRowStretchFactor(1, 1)

    def _style_axes(self) -> None:
        t = self.theme
        for plot in (self.plot, self.strip):
            for name in ("left", "bottom"):
                style_axis(plot.getAxis(name), t, t.token_pt, mono=True)
        self.plot.setLabel("left", axis_title("query"), color=t.muted_text)
        self.strip.setLabel("bottom", axis_title("key"), color=t.muted_text)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle in place and redraw: the record, selection, zoom and hovered cell stay."""
        self.theme = theme
        self._lut = status_lut(theme)
        self.graphics.setBackground(theme.panel)
        self.title.setText(self.title.text, color=theme.text, size=f"{theme.title_pt}pt")
        self._style_axes()
        self.hatch.setBrush(QBrush(qcolor(theme.masked_hatch), Qt.BrushStyle.BDiagPattern))
        for outline, colour in (
            (self.new_rows_outline, theme.computed),
            (self.highlight, theme.highlight),
            (self.new_kv_outline, theme.kv_computed),
        ):
            outline.setPen(_outline_pen(colour, theme.highlight_px))
        if self._record is not None:
            self._redraw()

    # -- input -----------------------------------------------------------------------------

    def set_selection(self, layer: int, head: int) -> None:
        self._layer, self._head = layer, head
        if self._record is not None:
            self._redraw()

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        self._redraw()

    def set_highlight(self, row: int, col: int) -> None:
        """Outline one cell (the one hovered in either panel); (-1, -1) clears it."""
        n = self._record.n_tokens if self._record is not None else 0
        if 0 <= row < n and 0 <= col < n:
            self.highlight.setRect(QRectF(col, row, 1, 1))
            self.highlight.show()
        else:
            self.highlight.hide()

    def fit(self) -> None:
        """Show the whole matrix (in its frame: up to n/16 of room to grow) and follow its growth again."""
        self.view.enableAutoRange()

    # -- drawing -----------------------------------------------------------------------------

    def _redraw(self) -> None:
        record = self._record
        n = record.n_tokens
        layer = min(self._layer, record.config.n_layers - 1)
        head = min(self._head, record.config.n_heads - 1)
        self._draw_matrix(record, layer, head, self._screen_grid(n))
        source = record.kv_source(self.mode)
        self.kv_rgba = kv_source_rgba(source, self.theme)
        frame = QRectF(0, 0, frame_size(n), frame_size(n))
        if frame != self.frame.rect():
            self.frame.setRect(frame)
            self.view.itemBoundsChanged(self.frame)
        self.kv_image.setImage(self.kv_rgba, autoLevels=False)
        self.kv_image.setRect(QRectF(0, 0, n, 1))
        self.hatch.setPath(mask_path(n))
        first_new = n - record.new_rows
        self.new_rows_outline.setRect(QRectF(0, first_new, n, record.new_rows))
        computed_kv = np.flatnonzero(source == KVSource.COMPUTED)
        self.new_kv_outline.setVisible(computed_kv.size < n)
        if computed_kv.size:
            self.new_kv_outline.setRect(QRectF(computed_kv[0], 0, computed_kv[-1] + 1 - computed_kv[0], 1))
        labels = record.text.token_labels(record.tokens)
        self.query_axis.set_labels(labels)
        self.key_axis.set_labels(labels)
        self._titles = title_variants(self.mode, self.theme, record, layer, head, where=self._where_line)
        self._spare = name_spare(self.mode, self.theme, self.title.item.font()) if self._where_line else 0
        fit_title(self.graphics, self.title, self._titles, self._spare)
        if self._hover != (-1, -1):
            self.set_highlight(*self._hover)

    def _draw_matrix(self, record: StepRecord, layer: int, head: int, grid: Grid) -> None:
        status = record.cell_status(self.mode, grid.rows, grid.cols)
        self.image_rgba = status_colours(status, self._levels(record, layer, head, grid), self._lut)
        self.grid = grid
        self.image.setImage(self.image_rgba, autoLevels=False)
        self.image.setRect(QRectF(grid.left, grid.top, grid.right - grid.left, grid.bottom - grid.top))

    def _screen_grid(self, n: int) -> Grid:
        """The grid of the part of the n×n matrix in view, one cell per screen pixel at most."""
        view = self.view
        ratio = self.devicePixelRatioF()
        wide, high = view.width() * ratio, view.height() * ratio
        if not self.isVisible() or wide < 2 or high < 2:
            return sample_grid((0, n), (0, n), (UNMEASURED_PX, UNMEASURED_PX))
        (x0, x1), (y0, y1) = view.viewRange()
        cols = (min(n, max(0, math.floor(x0))), max(0, min(n, math.ceil(x1))))
        rows = (min(n, max(0, math.floor(y0))), max(0, min(n, math.ceil(y1))))
        fitting = any(_LEADERS.get(view, view).autoRangeEnabled())  # its range may lag behind n
        if fitting or cols[1] <= cols[0] or rows[1] <= rows[0]:
            cols = rows = (0, n)
        per_col, per_row = wide / max(x1 - x0, 1e-9), high / max(y1 - y0, 1e-9)
        pixels = (math.ceil((rows[1] - rows[0]) * per_row), math.ceil((cols[1] - cols[0]) * per_col))
        return sample_grid(rows, cols, (max(pixels[0], MIN_PX), max(pixels[1], MIN_PX)))

    def _regrid_if_changed(self) -> None:
        record = self._record
        if record is None:
            return
        grid = self._screen_grid(record.n_tokens)
        old = self.grid
        if old is not None and np.array_equal(grid.rows, old.rows) and np.array_equal(grid.cols, old.cols):
            return
        layer = min(self._layer, record.config.n_layers - 1)
        head = min(self._head, record.config.n_heads - 1)
        self._draw_matrix(record, layer, head, grid)

    def title_room(self) -> float:
        """Pixels the title may take across (see :func:`room_across`)."""
        return room_across(self.graphics)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        fit_title(self.graphics, self.title, self._titles, self._spare)

    # -- hover ---------------------------------------------------------------------------------

    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        cell = (-1, -1)
        if self._record is not None and self.view.sceneBoundingRect().contains(scene_pos):
            p = self.view.mapSceneToView(scene_pos)
            row, col = math.floor(p.y()), math.floor(p.x())
            n = self._record.n_tokens
            if 0 <= row < n and 0 <= col < n:
                cell = (row, col)
        if cell != self._hover:
            self._hover = cell
            self.cell_hovered.emit(*cell)

    def leaveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self._hover != (-1, -1):
            self._hover = (-1, -1)
            self.cell_hovered.emit(-1, -1)
        super().leaveEvent(event)
