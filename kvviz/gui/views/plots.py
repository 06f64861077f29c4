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
from html import escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolButton, QWidget

from kvviz.core.record import StepRecord
from kvviz.gui.theme import Theme
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.views.series import StepSeries, step_series
from kvviz.gui.widgets.axes import StepAxis, UnitAxis, style_axis

# The single plots' names among a window's panels, in the order the panel lays them out (a plain comment:
# lupdate would give one marked "#:" to the next text translators read).
PLOT_NAMES = ("plot_flops", "plot_cached_flops", "plot_cumulative_flops", "plot_cache_bytes", "plot_time")


def round_up(value: float) -> float:
    """The smallest of 1, 1.5, 2, 3, 5, 7.5 × 10ᵏ at or above ``value`` (> 0)."""
    decade = 10.0 ** math.floor(math.log10(value))
    return next(m * decade for m in (1, 1.5, 2, 3, 5, 7.5, 10) if m * decade >= value)


class StepPlot(pg.PlotWidget):
    """One quantity against the step, with a cursor; emits ``step_clicked(step)``."""

    step_clicked = Signal(int)

    def __init__(self, title: str, theme: Theme, *, kind: str, parent: QWidget | None = None) -> None:
        """``title`` is a text marked in the "PlotsPanel" context: it is translated when shown."""
        self.value_axis = UnitAxis(kind, theme.muted_text)
        super().__init__(
            parent=parent, background=theme.panel, axisItems={"left": self.value_axis, "bottom": StepAxis("bottom")}
        )
        self._title = title
        self._note_shown: str | None = None
        self._limits: tuple[float, float] | None = None
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.reference: dict[str, pg.PlotDataItem] = {}  # the run before a change, faded, under the curves
        self._curve_styles: dict[str, tuple[str, bool]] = {}  # key → (Theme field of its colour, dashed)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        self.cursor = pg.InfiniteLine(angle=90)
        item.addItem(self.cursor, ignoreBounds=True)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.apply_theme(theme)

    def add_curve(self, key: str, colour: str, *, dashed: bool = False) -> None:
        """A curve drawn in the theme's ``colour`` field (e.g. "cached_line")."""
        self._curve_styles[key] = (colour, dashed)
        self.curves[key] = self.getPlotItem().plot([], [], pen=self._pen(key))
        self.reference[key] = self.getPlotItem().plot([], [], pen=self._reference_pen(key))
        self.reference[key].setZValue(-1)

    def _pen(self, key: str) -> QPen:
        colour, dashed = self._curve_styles[key]
        style = Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
        return pg.mkPen(getattr(self.theme, colour), width=self.theme.line_px, style=style)

    def _reference_pen(self, key: str) -> QPen:
        """The run before a change: the curve's colour faded toward the ground, dotted."""
        colour = faded_colour(getattr(self.theme, self._curve_styles[key][0]), self.theme)
        return pg.mkPen(colour, width=self.theme.line_px, style=Qt.PenStyle.DotLine)

    def apply_theme(self, theme: Theme) -> None:
        """Background, grid, axes, cursor, curves and title in ``theme``; the data and the range stay."""
        self.theme = theme
        item = self.getPlotItem()
        self.setBackground(theme.panel)
        item.showGrid(x=True, y=True, alpha=theme.grid_alpha)
        for name in ("left", "bottom"):
            style_axis(item.getAxis(name), theme, theme.font_pt - 0.5)
        self.value_axis.set_colour(theme.muted_text)
        self.cursor.setPen(pg.mkPen(theme.cursor, width=1.5, style=Qt.PenStyle.DashLine))
        for key, curve in self.curves.items():
            curve.setPen(self._pen(key))
            self.reference[key].setPen(self._reference_pen(key))
        note, self._note_shown = self.note, None
        self.set_note(note)

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
        title = QCoreApplication.translate("PlotsPanel", self._title)
        self.getPlotItem().setTitle(
            f"<span style='color:{t.text}'><b>{title}</b>{note_html}</span>", size=f"{t.font_pt}pt"
        )

    def retranslate(self) -> None:
        """The title again in the language installed now (its note is the panel's to say again)."""
        note, self._note_shown = self.note, None
        self.set_note(note)

    def set_series(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        self.curves[key].setData(x, y)

    def set_reference(self, key: str, x: np.ndarray, y: np.ndarray) -> None:
        """The faded twin of curve ``key``: the same quantity in the run before a change (empty: none)."""
        self.reference[key].setData(x, y)

    def fit(self) -> None:
        """Steps from 0 across and values from 0 up (these quantities start at zero), to round limits.

        Round limits change only now and then as a run grows, so the axes are not redrawn
        on every step.
        """
        x_max, y_max = 1.0, 0.0
        for curve in (*self.curves.values(), *self.reference.values()):
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


def faded_colour(colour: str, theme: Theme) -> str:
    """``colour`` 40% of the way from the panel's background: the reference lines' colour."""
    a, b = QColor(theme.panel), QColor(colour)
    mixed = [round(x + 0.4 * (y - x)) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)]
    return QColor(*mixed).name()


def plot_series(history: Sequence[StepRecord], s: StepSeries) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """Each plot's curves (x, y) by key, for ``history`` whose series are ``s``."""
    steps, total, attention = cached_decode_flops(history)
    return {
        "plot_flops": {"uncached": (s.steps, s.flops_uncached), "cached": (s.steps, s.flops_cached)},
        "plot_cached_flops": {"total": (steps, total), "attention": (steps, attention)},
        "plot_cumulative_flops": {
            "uncached": (s.steps, s.cumulative_uncached),
            "cached": (s.steps, s.cumulative_cached),
        },
        "plot_cache_bytes": {"used": (s.steps, s.cache_used), "allocated": (s.steps, s.cache_allocated)},
        "plot_time": {"uncached": (s.steps, s.time_uncached), "cached": (s.steps, s.time_cached)},
    }


def reference_series(history: Sequence[StepRecord]) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
    """What the plots keep of the run before a change: its series, not its records (which hold its
    attention rows); empty for no run."""
    return plot_series(history, step_series(history)) if history else {}


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
    note = QCoreApplication.translate("PlotsPanel", "attention (dashed) {share} at {keys} keys")
    return note.format(share=f"{(flops.qk + flops.av) / flops.total:.0%}", keys=keys)


class PlotsPanel(FollowsLanguage, QWidget):
    """The five step plots in a grid; ``plots`` holds them by name."""

    step_clicked = Signal(int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = theme
        self.series: StepSeries | None = None
        self.flops = StepPlot(QT_TRANSLATE_NOOP("PlotsPanel", "FLOPs per step"), t, kind="flops")
        self.flops.add_curve("uncached", "uncached_line")
        self.flops.add_curve("cached", "cached_line")
        self.cached_flops = StepPlot(QT_TRANSLATE_NOOP("PlotsPanel", "Cached step FLOPs"), t, kind="flops")
        self.cached_flops.add_curve("total", "cached_line")
        self.cached_flops.add_curve("attention", "cached_line", dashed=True)
        self.cumulative = StepPlot(QT_TRANSLATE_NOOP("PlotsPanel", "Cumulative FLOPs"), t, kind="flops")
        self.cumulative.add_curve("uncached", "uncached_line")
        self.cumulative.add_curve("cached", "cached_line")
        self.cache_bytes = StepPlot(QT_TRANSLATE_NOOP("PlotsPanel", "KV cache bytes"), t, kind="bytes")
        self.cache_bytes.add_curve("used", "cache_used_line")
        self.cache_bytes.add_curve("allocated", "cache_allocated_line", dashed=True)
        self.time = StepPlot(QT_TRANSLATE_NOOP("PlotsPanel", "Wall time per step"), t, kind="seconds")
        self.time.add_curve("uncached", "uncached_line")
        self.time.add_curve("cached", "cached_line")
        self.theme = theme
        self.reference_label = ""  # names the run drawn faded ("" for none)
        self._key_html = _key_html(t)
        self.key = QLabel(self._key_html)
        self.key.setWordWrap(True)
        self.plots: dict[str, StepPlot] = dict(
            zip(PLOT_NAMES, (self.flops, self.cached_flops, self.cumulative, self.cache_bytes, self.time), strict=True)
        )
        grid = QGridLayout(self)
        grid.setContentsMargins(2, 2, 2, 2)
        grid.setSpacing(4)
        self.clear_reference = QToolButton()
        self.clear_reference.hide()
        self._record: StepRecord | None = None
        self._say_fixed_texts()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.clear_reference, 0, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(key_row, 0, 0, 1, 6)
        for i, plot in enumerate(self.plots.values()):  # two plots of FLOPs per step above three below
            row, column, span = (1, 3 * i, 3) if i < 2 else (2, 2 * (i - 2), 2)
            grid.addWidget(plot, row, column, 1, span)
            plot.step_clicked.connect(self.step_clicked)
        grid.setRowStretch(1, 1)
        grid.setRowStretch(2, 1)
        for column in range(6):
            grid.setColumnStretch(column, 1)

    def _say_fixed_texts(self) -> None:
        self.key.setToolTip(
            QCoreApplication.translate(
                "PlotsPanel", "Each plot runs across the steps computed so far. Click a plot to show that step."
            )
        )
        self.clear_reference.setText(QCoreApplication.translate("PlotsPanel", "Clear before"))
        self.clear_reference.setToolTip(
            QCoreApplication.translate(
                "PlotsPanel", "Forget the run before the last change of shape, dtype or cache setting"
            )
        )

    def retranslate(self) -> None:
        """Titles, notes, key and buttons again in the language installed now."""
        self._say_fixed_texts()
        self.apply_theme(self.theme)
        for plot in self.plots.values():
            plot.retranslate()
        if self._record is not None:
            self.set_record(self._record)

    def apply_theme(self, theme: Theme) -> None:
        """Every plot and the key in ``theme``; curves, cursors and ranges keep their data."""
        self.theme = theme
        self._key_html = _key_html(theme)
        label = self.reference_label
        self.key.setText(self._key_html + (self._reference_html(label) if label else ""))
        for plot in self.plots.values():
            plot.apply_theme(theme)

    def set_history(self, history: Sequence[StepRecord]) -> None:
        self.series = step_series(history)
        for name, curves in plot_series(history, self.series).items():
            for key, (x, y) in curves.items():
                self.plots[name].set_series(key, x, y)
        for plot in self.plots.values():
            plot.fit()

    def set_reference(self, label: str, series: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]) -> None:
        """Draw ``series`` (the :func:`reference_series` of the run before a change, named ``label``) faded
        under every curve; empty series clear it."""
        empty = np.zeros(0)
        for name, plot in self.plots.items():
            for key in plot.reference:
                plot.set_reference(key, *series.get(name, {}).get(key, (empty, empty)))
            plot.fit()
        self.reference_label = label if series else ""
        self.key.setText(self._key_html + (self._reference_html(label) if series else ""))
        self.clear_reference.setVisible(bool(series))

    def _reference_html(self, label: str) -> str:
        t = self.theme
        before = QCoreApplication.translate("PlotsPanel", "before: {label} (faded, dotted)")
        return f" <span style='color:{t.muted_text}'>┈┈</span> {before.format(label=escape(label))}"

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        for plot in self.plots.values():
            plot.set_cursor(record.step)
        if self.series is not None and record.step < len(self.series.steps):
            total_u = self.series.cumulative_uncached[record.step]
            total_c = self.series.cumulative_cached[record.step]
            saved = 1 - total_c / total_u if total_u > 0 else float("nan")
            self.cumulative.set_note(
                QCoreApplication.translate("PlotsPanel", "{share} saved").format(share=f"{saved:.0%}")
            )
        self.cached_flops.set_note(attention_share_note(record))


def _key_html(t: Theme) -> str:
    """What each line means, in the colours it is drawn in."""
    return "  ".join(
        f"<span style='color:{colour}'>{line}</span> {text}"
        for colour, line, text in (
            (t.uncached_line, "━━", QCoreApplication.translate("PlotsPanel", "without cache")),
            (t.cached_line, "━━", QCoreApplication.translate("PlotsPanel", "with cache")),
            (t.cached_line, "╍╍", QCoreApplication.translate("PlotsPanel", "its attention part (Q·Kᵀ + A·V)")),
            (t.cache_used_line, "━━", QCoreApplication.translate("PlotsPanel", "cache used")),
            (t.cache_allocated_line, "╍╍", QCoreApplication.translate("PlotsPanel", "allocated")),
            (t.cursor, "┆", QCoreApplication.translate("PlotsPanel", "step shown")),
        )
    )
