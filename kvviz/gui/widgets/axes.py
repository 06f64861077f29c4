"""The app's plot axes: token labels that thin out, values in readable units, whole steps.

Attention matrices run from 5 to several hundred tokens; one label per token is only
readable when a cell is large enough on screen. :class:`LabelAxis` picks a stride from
1, 2, 5, 10, 20, 50… so that labels are at least a label's size apart at the current
zoom, and once it thins it prefixes each label with its position so the reader keeps
their place. :func:`style_axis` gives every axis the theme's look and a pixmap cache:
an axis draws its text once and is blitted on the many repaints that only move data.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsItem

from kvviz.gui.theme import Theme, font

_NICE = (1, 2, 5)


def nice_step(at_least: float) -> float:
    """Smallest 1-2-5 × 10^k step that is at least ``at_least`` (> 0)."""
    decade = 10 ** math.floor(math.log10(at_least))
    return next(nice * decade for nice in (*_NICE, 10) if nice * decade >= at_least * (1 - 1e-9))


def finer_step(step: float) -> float:
    """The 1-2-5 step just below ``step`` (itself a 1-2-5 step): 5 → 2 → 1 → 0.5."""
    decade = 10 ** math.floor(math.log10(step) + 1e-9)
    mantissa = round(step / decade)
    return {5: 2, 2: 1}.get(mantissa, 0.5) * decade


def label_stride(pixels_per_cell: float, min_pixels: float) -> int:
    """Smallest 1-2-5 stride whose labels are at least ``min_pixels`` apart."""
    if pixels_per_cell <= 0:
        return 1
    return max(1, round(nice_step(min_pixels / pixels_per_cell)))


class LabelAxis(pg.AxisItem):
    """Axis whose ticks sit at ``i + 0.5`` and read ``labels[i]`` (every ``stride``-th when crowded)."""

    def __init__(self, orientation: str, *, number_when_thinned: bool = True, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._labels: list[str] = []
        self._number_when_thinned = number_when_thinned
        self._stride = 1
        self._room = {False: 0.0, True: 0.0}
        self._every_cell_ticked = True  # whether the last frame drew a tick at every cell it showed
        self._shown_cells: range | None = None  # the cells the last frame covered; None: not known
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False, hideOverlappingLabels=False)

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    @property
    def stride(self) -> int:
        """Label stride of the last drawn frame."""
        return self._stride

    def set_labels(self, labels: Sequence[str]) -> None:
        """New labels; the axis is redrawn only if what it shows changes.

        A decoding step appends one label, a step back takes it off again. Either changes the
        picture only if that cell lies in view and gets a tick there, or if it changes the room
        a label needs, so a long run redraws its token axes once every ``stride`` steps instead
        of at every step, and so does moving back and forth through it.
        """
        labels = list(labels)
        old = self._labels
        if labels == old:
            return
        self._labels = labels
        room = {numbered: self._measure(numbered) for numbered in (False, True)}
        shorter, longer = sorted((old, labels), key=len)
        ends_only = longer[: len(shorter)] == shorter  # cells appended or taken off at the end
        cells = range(len(shorter), len(longer))
        if ends_only and room == self._room and not any(self._draws_tick(i) for i in cells):
            return
        self._room = room
        self.picture = None
        self.update()

    def _draws_tick(self, cell: int) -> bool:
        """Whether the range last drawn would put a tick at ``cell`` (yes if that range is not known)."""
        if self._shown_cells is None:
            return True
        return cell in self._shown_cells and (self._every_cell_ticked or cell % self._stride == 0)

    def setTickFont(self, font) -> None:  # noqa: N802 (pyqtgraph API)
        super().setTickFont(font)
        self._room = {numbered: self._measure(numbered) for numbered in (False, True)}

    def _label_pixels(self, numbered: bool) -> float:
        return self._room[numbered]

    def _measure(self, numbered: bool) -> float:
        """Room one label needs along the axis: its height on a vertical axis, its width on a horizontal one."""
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        if self.orientation in ("left", "right"):
            return metrics.height() + 2
        if numbered:
            return metrics.horizontalAdvance(f"{len(self._labels)} WW") + 12
        widest = max((metrics.horizontalAdvance(label) for label in set(self._labels)), default=0.0)
        return max(widest, metrics.horizontalAdvance("W")) + 6

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph API)
        n = len(self._labels)
        lo, hi = sorted((minVal, maxVal))
        if n == 0 or size <= 0 or hi <= lo:
            self._shown_cells = None
            return []
        per_cell = size / (hi - lo)
        if per_cell >= self._label_pixels(numbered=False):
            stride = 1
        else:
            stride = max(2, label_stride(per_cell, self._label_pixels(numbered=self._number_when_thinned)))
        self._stride = stride
        first_visible = max(0, math.ceil(lo - 0.5))
        minor = stride > 1 and per_cell >= 3  # unlabelled ticks between the labelled ones
        self._shown_cells = range(first_visible, math.floor(hi - 0.5) + 1)
        self._every_cell_ticked = stride == 1 or minor
        last_visible = min(n - 1, math.floor(hi - 0.5))
        first_major = math.ceil(first_visible / stride) * stride
        major = [i + 0.5 for i in range(first_major, last_visible + 1, stride)]
        levels = [(float(stride), major)]
        if minor:
            levels.append((1.0, [i + 0.5 for i in range(first_visible, last_visible + 1) if i % stride]))
        return levels

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        if spacing != self._stride:
            return ["" for _ in values]
        out = []
        for v in values:
            i = math.floor(v)
            if not 0 <= i < len(self._labels):
                out.append("")
            elif self._stride > 1 and self._number_when_thinned:
                out.append(f"{i} {self._labels[i]}")
            else:
                out.append(self._labels[i])
        return out


#: Units of each kind of value, smallest first, as (size in base units, name).
UNITS: dict[str, tuple[tuple[float, str], ...]] = {
    "flops": ((1.0, "FLOP"), (1e3, "kFLOP"), (1e6, "MFLOP"), (1e9, "GFLOP"), (1e12, "TFLOP")),
    "bytes": ((1.0, "B"), (1024.0, "KiB"), (1024.0**2, "MiB"), (1024.0**3, "GiB")),
    "seconds": ((1e-6, "µs"), (1e-3, "ms"), (1.0, "s")),
}


class UnitAxis(pg.AxisItem):
    """A value axis that picks a readable unit for its range (MFLOP, KiB, ms) and ticks on round numbers of it."""

    def __init__(self, kind: str, colour: str, orientation: str = "left", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._units = UNITS[kind]
        self._colour = colour
        self._factor, self._unit = self._units[0]
        self.setLabel(self._unit, color=colour)

    @property
    def unit(self) -> str:
        return self._unit

    def set_colour(self, colour: str) -> None:
        """The label's colour, kept when the unit changes."""
        self._colour = colour
        self.setLabel(self._unit, color=colour)

    def _choose_unit(self, lo: float, hi: float) -> None:
        top = max(abs(lo), abs(hi))
        factor, unit = self._units[0]
        for candidate in self._units:
            if top >= candidate[0]:
                factor, unit = candidate
        if unit != self._unit:
            self._factor, self._unit = factor, unit
            self.setLabel(unit, color=self._colour)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph API)
        """One level of round ticks a label's room apart.

        pyqtgraph's own spacing always labels its top level, however short the plot: in the
        short plots of a docked panel or a slide its labels drew over each other.
        """
        self._choose_unit(minVal, maxVal)
        lo, hi = sorted((minVal / self._factor, maxVal / self._factor))
        if hi <= lo or size <= 0:
            return []
        metrics = QFontMetricsF(self.style["tickFont"] or self.font())
        vertical = self.orientation in ("left", "right")
        room = 1.1 * metrics.height() if vertical else 1.5 * metrics.horizontalAdvance("000.0")
        per_pixel = (hi - lo) / size
        step = nice_step(room * per_pixel)
        # pyqtgraph drops a label that would stick out of the axis; in a plot only a few labels
        # tall that can be all of them, so take finer steps (down to 0.8 of a line) until one fits
        margin = room / 2 * per_pixel
        finest = 0.8 * room * per_pixel
        while math.floor((hi - margin) / step) * step < lo + margin and finer_step(step) >= finest:
            step = finer_step(step)
        return [(step * self._factor, 0.0)]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return super().tickStrings([v / self._factor for v in values], scale, spacing / self._factor)


class StepAxis(pg.AxisItem):
    """The step axis: labelled ticks on whole steps only, never crowded."""

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph API)
        levels = [(s, o) for s, o in super().tickSpacing(minVal, maxVal, size) if s >= 1]
        return levels[:1] or [(1.0, 0.0)]


class SparseLabelAxis(pg.AxisItem):
    """Text labels at given positions, with a coarser set for when the fine one does not fit.

    If a fine label would sit closer than a line of text to the previous one, the coarse
    labels are used, and any of those that still collide are left out.
    """

    def __init__(self, orientation: str, **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._fine: list[tuple[float, str]] = []
        self._coarse: list[tuple[float, str]] = []
        self._shown: dict[float, str] = {}

    def set_labels(self, fine: list[tuple[float, str]], coarse: list[tuple[float, str]] | None = None) -> None:
        if (fine, coarse or fine) != (self._fine, self._coarse):
            self._fine, self._coarse = list(fine), list(coarse or fine)
            self.picture = None
            self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 (pyqtgraph API)
        lo, hi = sorted((minVal, maxVal))
        if not self._fine or hi <= lo or size <= 0:
            return []
        per_unit = size / (hi - lo)
        room = QFontMetricsF(self.style["tickFont"] or self.font()).height()
        visible = [p for p, _ in self._fine if lo <= p <= hi]
        fits = all((b - a) * per_unit >= room for a, b in itertools.pairwise(visible))
        ticks = self._fine if fits else self._coarse
        self._shown, last = {}, None
        for position, label in ticks:
            if lo <= position <= hi and (last is None or (position - last) * per_unit >= room):
                self._shown[position] = label
                last = position
        return [(1.0, list(self._shown))]

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph API)
        return [self._shown.get(v, "") for v in values]


def style_axis(axis: pg.AxisItem, theme: Theme, size_pt: float | None = None, *, mono: bool = False) -> None:
    """Theme colours and font, a device pixmap cache (see the module docstring), and no SI prefix.

    kvviz's axes carry their own units; pyqtgraph's automatic prefix would also rewrite the
    label's HTML and re-measure the axis at every change of range, that is at every step.
    """
    if axis.autoSIPrefix:  # switching it off relabels the axis: once is enough (a theme switch styles again)
        axis.enableAutoSIPrefix(False)
    axis.setPen(pg.mkPen(theme.axis))
    axis.setTextPen(pg.mkPen(theme.text))
    axis.setTickFont(font(theme, size_pt, mono=mono))
    axis.label.setFont(QApplication.font())  # the title takes the font of its time: the theme's, after a switch
    axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
