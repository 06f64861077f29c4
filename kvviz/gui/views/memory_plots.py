"""The memory explorer's plots: log–log cache bytes (or sequences) against context, GPU sizes marked.

Draws what it is given (curves computed by :mod:`kvviz.memory.curves`); GPU sizes are drawn
as labelled horizontal lines at the memory their driver reports. :class:`CacheSizePage` is the
explorer's "Cache size" page: attention variants above, cache dtypes below.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.gui.widgets.axes import style_axis
from kvviz.memory import PLOT_MAX_CONTEXT, format_decimal_bytes

PLOT_MAX = PLOT_MAX_CONTEXT
#: Okabe–Ito colours and distinct dash patterns, one pair per curve after the model's own line.
CURVE_STYLES = (
    (th.ORANGE, Qt.PenStyle.SolidLine),
    (th.SKY_BLUE, Qt.PenStyle.DashLine),
    (th.BLUISH_GREEN, Qt.PenStyle.DotLine),
    (th.VERMILLION, Qt.PenStyle.DashDotLine),
    (th.REDDISH_PURPLE, Qt.PenStyle.DashDotDotLine),
)
#: Cache dtypes compared in the second plot; float16 and bfloat16 take the same bytes, so one curve.
#: The labels are marked in the "CachePlot" context and translated when drawn.
DTYPE_CURVES = (
    ("float32", "float32"),
    ("float16", "float16 / bfloat16"),
    ("fp8", QT_TRANSLATE_NOOP("CachePlot", "fp8 + scales")),
    ("int8", QT_TRANSLATE_NOOP("CachePlot", "int8 + scales")),
    ("int4", QT_TRANSLATE_NOOP("CachePlot", "int4 + scales")),
)
#: The cache plots' axis titles (the serving page has its own, marked in the same context).
CACHE_AXIS = QT_TRANSLATE_NOOP("CachePlot", "KV cache (decimal: 1 GB = 10⁹ B)")
CONTEXT_AXIS = QT_TRANSLATE_NOOP("CachePlot", "context (tokens)")


def plot_text(text: str) -> str:
    """A text marked in the "CachePlot" context, in the language installed now."""
    return QCoreApplication.translate("CachePlot", text)


def _decade_ticks(low: float, high: float, label) -> list[tuple[float, str]]:
    """Ticks at each power of ten between ``low`` and ``high`` (log10 view coordinates)."""
    return [(k, label(10**k)) for k in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def count_label(n: int) -> str:
    """1, 10, 100, 1k, 10k, 100k, 1M: labels for token and sequence axes."""
    for unit, scale in (("M", 10**6), ("k", 10**3)):
        if n >= scale:
            return f"{n // scale:,}{unit}"
    return str(n)


class CachePlot(pg.GraphicsLayoutWidget):
    """Log–log cache bytes (or another count: ``y_label``) against context, with GPU lines and the
    chosen context marked.

    The legend has its own column to the right of the axes (or its own rows below them:
    ``legend_below``, for a narrow plot), so no curve can hide under it.
    """

    def __init__(
        self,
        theme: th.Theme,
        parent: QWidget | None = None,
        y_label: str = CACHE_AXIS,
        x_label: str = CONTEXT_AXIS,
        legend_below: bool = False,
    ) -> None:
        super().__init__(parent)
        self.theme = theme
        self.item = item = self.addPlot(row=0, col=0)
        item.setLogMode(x=True, y=True)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.getViewBox().setMouseEnabled(x=False, y=False)
        self._axis_titles = {"bottom": x_label, "left": y_label}  # marked texts, translated when styled
        item.getAxis("left").setWidth(72)
        item.getAxis("bottom").setStyle(hideOverlappingLabels=False)  # keep "1M" at the right edge
        self.legend = pg.LegendItem(labelTextColor=theme.text, labelTextSize=f"{theme.font_pt}pt")
        self.legend_below = legend_below
        if legend_below:
            self.legend.setColumnCount(2)
            self.addItem(self.legend, row=1, col=0)
        else:
            self.addItem(self.legend, row=0, col=1)
        self.ci.layout.setColumnStretchFactor(0, 1)
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.ci.layout.setHorizontalSpacing(18)
        self.curves: list[pg.PlotDataItem] = []
        self._markers: list[pg.GraphicsObject] = []
        self._labels: list[pg.TextItem] = []
        item.getViewBox().sigResized.connect(self._place_labels)
        self.context_line = pg.InfiniteLine(
            angle=90, label="", labelOpts={"position": 0.02, "anchors": [(0, 1), (0, 1)]}
        )
        item.addItem(self.context_line, ignoreBounds=True)
        self._title: tuple[str, str] | None = None
        self.apply_theme(theme)

    def apply_theme(self, theme: th.Theme) -> None:
        """Background, grid, axes, legend, context line and title in ``theme``; curves and GPU lines are
        drawn again by their owner (their pens are the owner's)."""
        self.theme = theme
        self.setBackground(theme.panel)
        self.item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for name in ("bottom", "left"):
            axis = self.item.getAxis(name)
            style_axis(axis, theme)
            title = plot_text(self._axis_titles[name])
            axis.setLabel(title, color=theme.text, **{"font-size": f"{theme.font_pt}pt"})
        self.legend.setLabelTextColor(theme.text)
        self.legend.setLabelTextSize(f"{theme.font_pt}pt")
        self.context_line.setPen(pg.mkPen(theme.cursor, width=1.5))
        label = self.context_line.label
        label.setColor(theme.cursor)
        label.setFont(th.font(theme))
        label.fill = pg.mkBrush(theme.panel)
        label.update()
        if self._title is not None:
            self.set_title(*self._title)

    def set_title(self, title: str, detail: str) -> None:
        """Two short lines rather than one long one: the title's width is the plot's minimum width."""
        self._title = (title, detail)
        t = self.theme
        self.item.setTitle(
            f"{title}<br><span style='font-size:{t.font_pt}pt; color:{t.muted_text}'>{detail}</span>",
            color=t.text,
            size=f"{t.title_pt}pt",
        )

    def set_curves(self, contexts: list[int], curves: list[tuple[str, list[int], pg.QtGui.QPen]]) -> None:
        """Replace the curves: (legend label, value per context, pen); NaN values leave a gap."""
        for curve in self.curves:
            self.item.removeItem(curve)
        self.legend.clear()
        x = np.asarray(contexts, dtype=float)
        self.curves = [self.item.plot(x, np.asarray(y, dtype=float), pen=pen) for _, y, pen in curves]
        for curve, (label, _, _) in zip(self.curves, curves, strict=True):
            self.legend.addItem(curve, label)
        if not self.legend_below:  # a long title must not squeeze the legend column away
            self.ci.layout.setColumnMinimumWidth(1, self.legend.layout.preferredWidth())

    def set_markers(self, gpus: list[tuple[str, float, bool]], budget: tuple[str, int] | None, context: int) -> None:
        """GPU sizes (label, bytes, chosen), the chosen GPU's room for the cache, and the context line."""
        for marker in self._markers:
            self.item.removeItem(marker)
        self._markers, self._labels = [], []
        t = self.theme
        lines = [
            (name, size, t.text if chosen else t.muted_text, 1.6 if chosen else 1.0) for name, size, chosen in gpus
        ]
        if budget is not None:
            lines.append((*budget, t.text, 1.2))
        for i, (text, size, colour, width) in enumerate(lines):
            style = Qt.PenStyle.DashLine if budget is not None and i == len(gpus) else Qt.PenStyle.DotLine
            line = pg.InfiniteLine(pos=math.log10(size), angle=0, pen=pg.mkPen(colour, width=width, style=style))
            label = pg.TextItem(text, color=colour, anchor=(0, 1), fill=pg.mkBrush(t.panel))
            label.setFont(th.font(t, t.font_pt - 1))
            label.setPos(0, math.log10(size))
            label.setZValue(20)
            for marker in (line, label):
                self.item.addItem(marker, ignoreBounds=True)
                self._markers.append(marker)
            self._labels.append(label)
        self._place_labels()
        self.context_line.setValue(math.log10(context))
        label = self.context_line.label
        label.setFormat(QCoreApplication.translate("CachePlot", "context {n}").format(n=f"{context:,}"))
        # At the bottom (curves rise to the right, GPU labels sit at the top); right of the line in the
        # left half of the plot, left of it in the right half, so it is never clipped.
        side = 0 if context < 10 ** (math.log10(PLOT_MAX) / 2) else 1
        label.anchors = [(side, 1), (side, 1)]
        label.updatePosition()

    def _place_labels(self) -> None:
        """GPU sizes lie a fraction of a decade apart, closer than a line of text: their labels go
        left (below the curves) in a staircase, each starting where the one before ends, in pixels."""
        view = self.item.getViewBox()
        (x0, x1), _ = view.viewRange()
        if view.width() <= 0:
            return
        per_pixel = (x1 - x0) / view.width()
        x = x0 + 6 * per_pixel
        for label in self._labels:
            label.setPos(x, label.pos().y())
            x += (label.boundingRect().width() + 6) * per_pixel

    def set_view(self, low: float, high: float, max_tokens: int) -> None:
        """Show contexts 1..max_tokens and bytes low..high, with ticks in readable units."""
        self.item.setXRange(0, math.log10(max_tokens), padding=0.035)  # room for the last tick label
        self.item.setYRange(math.log10(low), math.log10(high), padding=0.02)
        self._place_labels()
        x_ticks = [(k, count_label(10**k)) for k in range(round(math.log10(max_tokens)) + 1)]
        self.item.getAxis("bottom").setTicks([x_ticks, []])
        self.item.getAxis("left").setTicks([_decade_ticks(low, high, format_decimal_bytes), []])


class CacheSizePage(QWidget):
    """Two cache plots one above the other: attention variants at the model's size, and cache dtypes."""

    def __init__(self, theme: th.Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.variant_plot = CachePlot(theme)
        self.dtype_plot = CachePlot(theme)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.variant_plot, 1)
        column.addWidget(self.dtype_plot, 1)

    def retranslate(self) -> None:
        """Axis titles in the language installed now; the owner draws the curves and titles again."""
        self.apply_theme(self.theme)

    def apply_theme(self, theme: th.Theme) -> None:
        """Both plots in ``theme``; the owner draws the curves and markers again (MemoryPanel.apply_theme)."""
        self.theme = theme
        for plot in (self.variant_plot, self.dtype_plot):
            plot.apply_theme(theme)

    def _pen(self, colour: str, style: Qt.PenStyle, width: float | None = None):
        return pg.mkPen(colour, width=width or self.theme.line_px, style=style)

    def draw_curves(self, spec: memory.ModelSpec, dtype: str, batch: int) -> None:
        contexts = memory.context_grid(spec)
        own = (QCoreApplication.translate("CachePlot", "this model"), memory.cache_curve(spec, dtype, batch, contexts))
        variants = [(v.name, memory.cache_curve(v, dtype, batch, contexts)) for v in memory.attention_variants(spec)]
        by_dtype = [(plot_text(label), memory.cache_curve(spec, d, batch, contexts)) for d, label in DTYPE_CURVES]
        thick = self._pen(self.theme.text, Qt.PenStyle.SolidLine, self.theme.line_px * 2.2)
        styled = [self._pen(c, s) for c, s in CURVE_STYLES]
        self.variant_plot.set_curves(
            contexts, [(own[0], own[1], thick)] + [(n, y, pen) for (n, y), pen in zip(variants, styled, strict=True)]
        )
        self.dtype_plot.set_curves(contexts, [(n, y, pen) for (n, y), pen in zip(by_dtype, styled, strict=True)])
        sequences = "" if batch == 1 else QCoreApplication.translate("CachePlot", ", batch {n}").format(n=batch)
        width = spec.qk_nope_head_dim if spec.is_mla else spec.head_dim
        shape = QCoreApplication.translate("CachePlot", "{layers} layers, {heads} heads × {width}, {dtype}{sequences}")
        self.variant_plot.set_title(
            QCoreApplication.translate("CachePlot", "Attention variants at the same size"),
            shape.format(layers=spec.n_layers, heads=spec.n_heads, width=width, dtype=dtype, sequences=sequences),
        )
        self.dtype_plot.set_title(QCoreApplication.translate("CachePlot", "Cache dtypes"), f"{spec.name}{sequences}")
        values = [v for _, y in (own, *variants, *by_dtype) for v in y if v > 0]
        low = min(values)
        high = max(max(values), max(g.bytes for g in memory.GPUS)) * 10  # a decade of room for the GPU labels
        for plot in (self.variant_plot, self.dtype_plot):
            plot.set_view(low, high, PLOT_MAX)

    def draw_markers(self, r: memory.MemoryReport, gpu_name: str) -> None:
        gpus = [(g.label, g.bytes, True) for g in memory.GPUS if g.name == gpu_name]  # one line: six crowd
        fit = r.gpu(gpu_name)
        budget = None
        if fit.free_after_weights > 0:
            budget = (
                QCoreApplication.translate("CachePlot", "{gpu} − weights").format(gpu=fit.gpu.label),
                fit.free_after_weights,
            )
        for plot in (self.variant_plot, self.dtype_plot):
            plot.set_markers(gpus, budget, r.context)
