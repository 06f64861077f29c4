"""Per-step plots with a cursor at the step shown: FLOPs, a cached step's FLOPs by part,
cumulative FLOPs, cache bytes, wall time.

Each plot is its own widget so it can be shown, moved or exported alone. Curves are
built once and fed new data; the cursor line moves with the step. Clicking a plot asks
to show that step. A cached decode step is hundreds of times cheaper than an uncached
one, so its own plot shows that it is not flat: the projections, MLP and LM head cost the
same every step, while attention (Q·Kᵀ and A·V over every cached key) grows with n.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kvviz.core.record import StepRecord
from kvviz.gui.theme import Theme
from kvviz.gui.views.series import StepSeries, step_series
from kvviz.gui.widgets.axes import StepAxis, UnitAxis, style_axis


def round_up(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5, 7.5 × 10ᵏ at or above ``value`` (> 0)."""
    decade = 10.0 ** math.floor(math.log10(value))
    return next(m * decade for m in (1, 1.5, 2, 3, 5, 7.5, 10) if m * decade >= value)


class StepPlot(pg.PlotWidget):
    """One quantity against the step, with a cursor; emits ``step_clicked(step)``."""

    step_clicked = Signal(int)

    def __init__(self, title: str, theme: Theme, *, kind: str, parent: QWidget | None = None) -> None:
        self.value_axis = UnitAxis(kind, theme.muted_text)
        super().__init__(
            parent=parent, background=theme.panel, axisItems={"left": self.value_axis, "bottom": StepAxis("bottom")}
        )
        self.theme = theme
        self._title = title
        self._note_shown: str | None = None
        self._limits: tuple[float, float] | None = None
        self.curves: dict[str, pg.PlotDataItem] = {}
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for name in ("left", "bottom"):
            style_axis(item.getAxis(name), theme, theme.font_pt - 0.5)
        self.cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen(theme.cursor, width=1.5, style=Qt.PenStyle.DashLine))
        item.addItem(self.cursor, ignoreBounds=True)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.set_note("")

    def add_curve(self, key: str, colour: str, *, dashed: bool = False) -> None:
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        pen = pg.mkPen(colour, width=self.theme.line_px, style=style)
        self.curves[key] = self.getPlotItem().plot([], [], pen=pen)

    @property
    def note(self) -> str:
        """The note shown after the title ("" for none)."""
        return self._note_shown or ""

    def set_note(self, note: str) -> None:
        """The title, with an optional note after it."""
        if note == self._note_shown:
            return
        self._note_shown = note
        t = self.theme
        note_html = f" <span style='color:{t.muted_text}'>· {note}</span>" if note else ""
        self.getPlotItem().setTitle(
            f"<span style='color:{t.text}'><b>{self._title}</b>{note_html}</span>", size=f"{t.font_pt}pt"
        )

    def set_series(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        self.curves[key].setData(x, y)

    def fit(self) -> None:
        """Steps from 0 across and values from 0 up (these quantities start at zero), to round limits.

        Round limits change only now and then as a run grows, so the axes are not redrawn
        on every step.
        """
        x_max, y_max = 1.0, 0.0
        for curve in self.curves.values():
            x, y = curve.getOriginalDataset()
            if x is not None and len(x):
                x_max = max(x_max, float(np.nanmax(x)))
                finite = y[np.isfinite(y)]
                y_max = max(y_max, float(finite.max()) if finite.size else 0.0)
        limits = (round_up(x_max), round_up(1.05 * y_max) if y_max > 0 else 1.0)
        if limits != self._limits:
            self._limits = limits
            self.getPlotItem().setRange(xRange=(0, limits[0]), yRange=(0, limits[1]), padding=0.02)

    def set_cursor(self, step: int) -> None:
        self.cursor.setValue(step)

    def _on_click(self, event) -> None:
        vb = self.getPlotItem().getViewBox()
        if vb.sceneBoundingRect().contains(event.scenePos()):
            self.step_clicked.emit(round(vb.mapSceneToView(event.scenePos()).x()))


def cached_decode_flops(history: Sequence[StepRecord]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Decode steps, the FLOPs of each with the cache, and their attention part (Q·Kᵀ + A·V)."""
    decode = [r for r in history if r.step > 0]
    steps = np.array([r.step for r in decode], dtype=np.float64)
    total = np.array([r.cached.flops.total for r in decode], dtype=np.float64)
    attention = np.array([r.cached.flops.qk + r.cached.flops.av for r in decode], dtype=np.float64)
    return steps, total, attention


def attention_share_note(record: StepRecord) -> str:
    """The attention part of ``record``'s cached step, and how many keys it read; "" for the prefill."""
    if record.step == 0:
        return ""
    flops = record.cached.flops
    keys = len(record.policy.resident(record.n_tokens))
    return f"attention (dashed) {(flops.qk + flops.av) / flops.total:.0%} at {keys} keys"


class PlotsPanel(QWidget):
    """The five step plots in a grid; ``plots`` holds them by name."""

    step_clicked = Signal(int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = theme
        self.series: StepSeries | None = None
        self.flops = StepPlot("FLOPs per step", t, kind="flops")
        self.flops.add_curve("uncached", t.uncached_line)
        self.flops.add_curve("cached", t.cached_line)
        self.cached_flops = StepPlot("Cached step FLOPs", t, kind="flops")
        self.cached_flops.add_curve("total", t.cached_line)
        self.cached_flops.add_curve("attention", t.cached_line, dashed=True)
        self.cumulative = StepPlot("Cumulative FLOPs", t, kind="flops")
        self.cumulative.add_curve("uncached", t.uncached_line)
        self.cumulative.add_curve("cached", t.cached_line)
        self.cache_bytes = StepPlot("KV cache bytes", t, kind="bytes")
        self.cache_bytes.add_curve("used", t.cache_used_line)
        self.cache_bytes.add_curve("allocated", t.cache_allocated_line, dashed=True)
        self.time = StepPlot("Wall time per step", t, kind="seconds")
        self.time.add_curve("uncached", t.uncached_line)
        self.time.add_curve("cached", t.cached_line)
        self.key = QLabel(
            "  ".join(
                f"<span style='color:{colour}'>{line}</span> {text}"
                for colour, line, text in (
                    (t.uncached_line, "━━", "without cache"),
                    (t.cached_line, "━━", "with cache"),
                    (t.cached_line, "╍╍", "its attention part (Q·Kᵀ + A·V)"),
                    (t.cache_used_line, "━━", "cache used"),
                    (t.cache_allocated_line, "╍╍", "allocated"),
                    (t.cursor, "┆", "step shown"),
                )
            )
        )
        self.key.setWordWrap(True)
        self.key.setToolTip("Each plot runs across the steps computed so far. Click a plot to show that step.")
        self.plots: dict[str, StepPlot] = {
            "plot_flops": self.flops,
            "plot_cached_flops": self.cached_flops,
            "plot_cumulative_flops": self.cumulative,
            "plot_cache_bytes": self.cache_bytes,
            "plot_time": self.time,
        }
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setSpacing(4)
        grid.addWidget(self.key, 0, 0, 1, 6)
        for i, plot in enumerate(self.plots.values()):  # two plots of FLOPs per step above three below
            row, column, span = (1, 3 * i, 3) if i < 2 else (2, 2 * (i - 2), 2)
            grid.addWidget(plot, row, column, 1, span)
            plot.step_clicked.connect(self.step_clicked)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        for column in range(6):
            grid.setColumnStretch(column, 1)

    def set_history(self, history: Sequence[StepRecord]) -> None:
        s = step_series(history)
        self.series = s
        self.flops.set_series("uncached", s.steps, s.flops_uncached)
        self.flops.set_series("cached", s.steps, s.flops_cached)
        steps, total, attention = cached_decode_flops(history)
        self.cached_flops.set_series("total", steps, total)
        self.cached_flops.set_series("attention", steps, attention)
        self.cumulative.set_series("uncached", s.steps, s.cumulative_uncached)
        self.cumulative.set_series("cached", s.steps, s.cumulative_cached)
        self.cache_bytes.set_series("used", s.steps, s.cache_used)
        self.cache_bytes.set_series("allocated", s.steps, s.cache_allocated)
        self.time.set_series("uncached", s.steps, s.time_uncached)
        self.time.set_series("cached", s.steps, s.time_cached)
        for plot in self.plots.values():
            plot.fit()

    def set_record(self, record: StepRecord) -> None:
        for plot in self.plots.values():
            plot.set_cursor(record.step)
        if self.series is not None and record.step < len(self.series.steps):
            total_u = self.series.cumulative_uncached[record.step]
            total_c = self.series.cumulative_cached[record.step]
            saved = 1 - total_c / total_u if total_u > 0 else float("nan")
            self.cumulative.set_note(f"{saved:.0%} saved")
        self.cached_flops.set_note(attention_share_note(record))
