"""The memory explorer's "Compare" page: pinned configurations as bars of cache bytes at the chosen
context, on a linear axis, each with its ratio to the first.

The bars are :func:`kvviz.memory.pins.bars`; this page keeps the list of pins, offers the
pins that make the usual comparisons (MHA vs GQA vs MQA vs MLA; float16 vs int8 vs int4) and
draws them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.gui.views.memory_plots import CURVE_STYLES
from kvviz.gui.widgets.axes import style_axis
from kvviz.memory.pins import Bar, Pin, add_pins, bars, dtype_pins, variant_pins

#: Height of a bar, in rows (one row per pin; the label sits in the rest, above its bar).
BAR_HEIGHT = 0.5


class DecimalBytesAxis(pg.AxisItem):
    """Ticks in decimal bytes (1 GB = 10⁹ B), as the explorer's other figures."""

    def tickStrings(self, values, scale, spacing) -> list[str]:  # noqa: N802 (pyqtgraph API)
        return [memory.format_decimal_bytes(v) for v in values]


class ComparePage(QWidget):
    """Pins and their bars; ``pins`` is the list in bar order, ``bars`` what is drawn."""

    def __init__(self, theme: th.Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.pins: list[Pin] = []
        self.bars: list[Bar] = []
        self._current: tuple[memory.ModelSpec, str, int] | None = None
        self.context = 1
        self.pin_button = QPushButton()
        self.variants_button = QPushButton()
        self.dtypes_button = QPushButton()
        self.clear_button = QPushButton()
        self.pin_button.clicked.connect(self.pin_current)
        self.variants_button.clicked.connect(self.pin_variants)
        self.dtypes_button.clicked.connect(self.pin_dtypes)
        self.clear_button.clicked.connect(self.clear)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(th.MUTED_TEXT_STYLE)

        self.plot = pg.PlotWidget(background=theme.panel, axisItems={"bottom": DecimalBytesAxis("bottom")})
        item = self.plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.hideAxis("left")
        item.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        item.getViewBox().setMouseEnabled(x=False, y=False)
        item.getViewBox().invertY(True)
        style_axis(item.getAxis("bottom"), theme)
        self.bar_item = pg.BarGraphItem(x0=[], y=[], width=[], height=BAR_HEIGHT)
        item.addItem(self.bar_item)
        self._labels: list[pg.TextItem] = []

        buttons = QHBoxLayout()
        for button in (self.pin_button, self.variants_button, self.dtypes_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(buttons)
        column.addWidget(self.hint)
        column.addWidget(self.plot, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """Buttons, hint and bars' words in the language installed now; the pins stay."""
        self.pin_button.setText(QCoreApplication.translate("ComparePage", "Pin this"))
        self.pin_button.setToolTip(
            QCoreApplication.translate("ComparePage", "Add the model, cache dtype and batch chosen above as a bar")
        )
        self.variants_button.setText(QCoreApplication.translate("ComparePage", "Pin MHA · GQA · MQA · MLA"))
        self.variants_button.setToolTip(
            QCoreApplication.translate(
                "ComparePage", "The chosen model's depth, heads and head width with each attention variant"
            )
        )
        self.dtypes_button.setText(QCoreApplication.translate("ComparePage", "Pin float16 · int8 · int4"))
        self.dtypes_button.setToolTip(
            QCoreApplication.translate(
                "ComparePage", "The chosen model with each cache dtype (int8 and int4 add float16 scales)"
            )
        )
        self.clear_button.setText(QCoreApplication.translate("ComparePage", "Clear"))
        self.clear_button.setToolTip(QCoreApplication.translate("ComparePage", "Remove every bar"))
        self.hint.setText(
            QCoreApplication.translate(
                "ComparePage",
                "Pin configurations to compare their caches as bars at the chosen context, on a linear axis "
                "where a 4× saving looks like one.",
            )
        )
        self._draw()

    def set_inputs(self, spec: memory.ModelSpec, cache_dtype: str, batch: int, context: int) -> None:
        """What the pin buttons pin, and the context the bars are drawn at."""
        self._current = (spec, cache_dtype, batch)
        if context != self.context:
            self.context = context
            self._draw()

    # -- pinning ------------------------------------------------------------------------------

    def pin_current(self) -> None:
        if self._current is not None:
            spec, cache_dtype, batch = self._current
            self._pin([Pin(spec, cache_dtype, batch)])

    def pin_variants(self) -> None:
        if self._current is not None:
            spec, cache_dtype, batch = self._current
            self._pin(variant_pins(spec, cache_dtype, batch))

    def pin_dtypes(self) -> None:
        if self._current is not None:
            spec, _, batch = self._current
            self._pin(dtype_pins(spec, batch))

    def clear(self) -> None:
        self.pins = []
        self._draw()

    def _pin(self, new: list[Pin]) -> None:
        self.pins = add_pins(self.pins, new)
        self._draw()

    def apply_theme(self, theme: th.Theme) -> None:
        """Background, grid, axis and bars in ``theme``; the pins stay."""
        self.theme = theme
        self.plot.setBackground(theme.panel)
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=False, alpha=theme.grid_alpha)
        style_axis(item.getAxis("bottom"), theme)
        self._draw()

    # -- drawing ------------------------------------------------------------------------------

    def _draw(self) -> None:
        t = self.theme
        self.bars = bars(self.pins, self.context)
        item = self.plot.getPlotItem()
        for label in self._labels:
            item.removeItem(label)
        self._labels = []
        n = len(self.bars)
        widths = np.array([b.bytes for b in self.bars], dtype=float)
        others = [colour for colour, _ in CURVE_STYLES]
        brushes = [
            pg.mkBrush(t.text if i == 0 else others[(i - 1) % len(others)]) for i in range(n)
        ]  # first: reference
        self.bar_item.setOpts(x0=np.zeros(n), y=np.arange(n) + 0.1, width=widths, height=BAR_HEIGHT, brushes=brushes)
        self.bar_item.setOpts(pen=pg.mkPen(None))
        for i, bar in enumerate(self.bars):
            words = f"{bar.label}: {memory.format_decimal_bytes(bar.bytes)}"
            if i:
                ratio = QCoreApplication.translate("ComparePage", "× {ratio} of the first")
                words += " · " + ratio.format(ratio=f"{bar.ratio:.3g}")
            text = pg.TextItem(words, color=t.text, anchor=(0, 1))
            text.setFont(th.font(t, t.font_pt - 0.5))
            text.setPos(0, i - 0.15)
            item.addItem(text, ignoreBounds=True)
            self._labels.append(text)
        self.hint.setVisible(n == 0)
        self.plot.setVisible(n > 0)
        self.clear_button.setEnabled(n > 0)
        top = float(widths.max()) if n else 1.0
        item.setXRange(0, top * 1.02, padding=0)
        item.setYRange(-0.8, max(n, 1) - 0.3, padding=0)
        if self.context == 1:
            title = QCoreApplication.translate("ComparePage", "KV cache at {n} token per sequence")
        else:
            title = QCoreApplication.translate("ComparePage", "KV cache at {n} tokens per sequence")
        linear = QCoreApplication.translate("ComparePage", "linear axis")
        item.setTitle(
            f"<span style='color:{t.text}'>{title.format(n=f'{self.context:,}')}</span>"
            f"<span style='color:{t.muted_text}'> · {linear}</span>",
            size=f"{t.font_pt}pt",
        )
