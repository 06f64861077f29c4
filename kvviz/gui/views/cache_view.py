"""The KV cache as memory: per layer, the K and V buffers filling up to their capacity.

Each layer's K and V buffer is a band: rows are K/V heads × head dimensions, columns are
cache positions 0..context length. Filled positions show the stored values (batch
element 0), empty ones the allocated but unused space; the column(s) appended this step
are outlined. The header carries the size formula with this step's numbers. When a band
would need more rows than fit, every k-th dimension is shown and the caption says so.

Under a window or sink policy the cache has only sinks + window slots: the outline of the
allocated space then covers just the resident positions (the sinks and the last W), and the
positions evicted from the cache are drawn over in the evicted colour, so the plateau shows.

The picture has at most one column per screen pixel of the positions in view (see
:func:`sample_columns`): a step at thousands of tokens reads the K/V of its pixels, not of
every position, and zooming in (wheel, drag) redraws the region down to single positions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kvviz.core.record import KVSource, Mode, StepRecord
from kvviz.gui.theme import Theme, qcolor
from kvviz.gui.views.attention_image import bin_edges
from kvviz.gui.views.formula_view import FormulaView, ShapeChangeLine
from kvviz.gui.views.head_sharing import HeadSharingView, KVRowsHighlight
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.views.readouts import memory_formula
from kvviz.gui.widgets.axes import SparseLabelAxis, style_axis
from kvviz.units import format_bytes

#: Most rows one band shows; above this, dimensions are shown with a stride.
MAX_BAND_ROWS = 32
#: Fewest columns drawn across the positions in view however narrow the view (as the attention
#: panels): that many cost little, and a short run is drawn position by position.
MIN_COLUMNS = 512
#: Columns assumed for a view not laid out yet (nothing to measure).
UNMEASURED_COLUMNS = 2048


@dataclass(frozen=True)
class BandLayout:
    """Where each layer's K and V band sits (rows), and which dimensions it shows."""

    n_layers: int
    band_rows: int
    gap_rows: int
    dim_stride: int

    @property
    def total_rows(self) -> int:
        return 2 * self.n_layers * (self.band_rows + self.gap_rows)

    def band_top(self, layer: int, which: int) -> int:
        """First row of layer ``layer``'s K (``which`` 0) or V (1) band."""
        return (2 * layer + which) * (self.band_rows + self.gap_rows)

    def labels(self) -> list[tuple[float, str]]:
        """One label per band: "L0 K", "L0 V", …"""
        return [
            (self.band_top(layer, which) + self.band_rows / 2, f"L{layer} {'KV'[which]}")
            for layer in range(self.n_layers)
            for which in (0, 1)
        ]

    def layer_labels(self) -> list[tuple[float, str]]:
        """One label per layer, between its K and V bands: for when bands are too thin to name each."""
        return [(self.band_top(layer, 1) - self.gap_rows / 2, f"L{layer}") for layer in range(self.n_layers)]


def band_layout(record: StepRecord) -> BandLayout:
    c = record.config
    rows = c.n_kv_heads * c.dim_head
    stride = -(-rows // MAX_BAND_ROWS)
    band = -(-rows // stride)
    return BandLayout(c.n_layers, band, max(1, band // 4), stride)


class Columns(NamedTuple):
    """The cache positions a picture shows, one per pixel column, and the bins they stand for.

    Column ``i`` covers positions ``edges[i]..edges[i+1]`` and shows position ``positions[i]``:
    the newest resident one of its bin, or the newest if the policy evicted the whole bin
    (``evicted[i]``). Newest, so the last column shows the entry appended this step; resident
    first, so the sinks and the window stay visible beside a long evicted span.
    """

    positions: np.ndarray
    edges: np.ndarray
    evicted: np.ndarray

    @property
    def exact(self) -> bool:
        """Whether every position in view has a column of its own."""
        return len(self.positions) == self.edges[-1] - self.edges[0]


def sample_columns(start: int, end: int, pixels: int, evicted: np.ndarray) -> Columns:
    """The columns for positions ``start..end`` drawn on ``pixels`` columns; ``evicted`` (n,) bool per position.

    O(n) whole-array passes: no per-position Python work.
    """
    edges = bin_edges(start, end, pixels)
    span = np.arange(start, end)
    newest_resident = np.maximum.accumulate(np.where(evicted[start:end], -1, span))  # at or before each position
    last = edges[1:] - 1
    chosen = newest_resident[last - start]
    resident = chosen >= edges[:-1]
    return Columns(np.where(resident, chosen, last), edges, ~resident)


def cache_values(record: StepRecord, layout: BandLayout, positions: np.ndarray | None = None) -> np.ndarray:
    """(total_rows, positions) float32 of the cached K/V values shown; NaN in the gaps between bands.

    ``positions`` (all n by default) are read from the store one by one, not as whole buffers.
    """
    positions = np.arange(record.n_tokens) if positions is None else np.asarray(positions)
    out = np.full((layout.total_rows, len(positions)), np.nan, dtype=np.float32)
    for layer in range(layout.n_layers):
        for which, kind in enumerate(("keys", "values")):
            kv = record.store.kv_at(kind, layer, positions)  # (kv_heads, positions, head_dim)
            rows = kv.transpose(0, 2, 1).reshape(-1, len(positions))[:: layout.dim_stride]  # (kv_heads*head_dim, …)
            top = layout.band_top(layer, which)
            out[top : top + rows.shape[0]] = rows
    return out


def position_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """Runs of True in ``mask`` as (start, stop) position ranges."""
    edges = np.diff(np.concatenate(([0], mask.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


class KVCacheView(FollowsLanguage, QWidget):
    """Cache occupancy per layer for the record at the cursor."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self._record: StepRecord | None = None
        self._evicted = np.zeros(0, dtype=bool)  # per position, of the record shown
        self.values = np.zeros((0, 0), dtype=np.float32)  # the picture's values, one column per entry of columns
        self.columns: Columns | None = None
        self.layout_info: BandLayout | None = None
        self.resident_runs: list[tuple[int, int]] = []  # positions whose K/V the cache holds
        self.evicted_runs: list[tuple[int, int]] = []  # positions the policy evicted
        self._framed: tuple[int, BandLayout] | None = None  # width and bands the view was last fitted to

        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.formula = FormulaView(theme)
        self.change = ShapeChangeLine(theme)  # the cache before the last shape change, when one is kept
        self.heads = HeadSharingView(theme)
        self.kv_highlight = KVRowsHighlight(theme)
        self.key = QLabel()
        self.key.setWordWrap(True)
        self.key.setTextFormat(Qt.TextFormat.RichText)
        self.graphics = pg.GraphicsLayoutWidget()
        self.graphics.ci.layout.setContentsMargins(2, 2, 10, 2)
        self.band_axis = SparseLabelAxis("left")
        self.plot = self.graphics.addPlot(axisItems={"left": self.band_axis})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.invertY(True)
        self.plot.setMouseEnabled(x=True, y=False)

        self.empty = QGraphicsPathItem()
        self.plot.addItem(self.empty)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(2)
        self.plot.addItem(self.image)
        self.evicted = QGraphicsPathItem()
        self.evicted.setPen(QPen(Qt.PenStyle.NoPen))
        self.evicted.setZValue(3)
        self.plot.addItem(self.evicted)
        self.appended = QGraphicsRectItem()
        self.appended.setZValue(5)
        self.plot.addItem(self.appended, ignoreBounds=True)
        self.plot.addItem(self.kv_highlight.item, ignoreBounds=True)
        self._style(theme)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.formula)
        layout.addWidget(self.change)
        key_row = QHBoxLayout()  # the head-sharing strip beside the key, so the bands keep their height
        key_row.setSpacing(8)
        key_row.addWidget(self.key, 1)
        key_row.addWidget(self.heads, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(key_row)
        layout.addWidget(self.graphics, 1)

        # A zoom, pan or resize draws the positions in view again at their new resolution, once
        # the burst of range changes has settled.
        self._regrid = QTimer(self)
        self._regrid.setSingleShot(True)
        self._regrid.setInterval(15)
        self._regrid.timeout.connect(self._regrid_if_changed)
        view = self.plot.getViewBox()
        view.sigRangeChanged.connect(lambda *_: self._regrid.start())
        view.sigResized.connect(lambda *_: self._regrid.start())

    def _style(self, theme: Theme) -> None:
        """Colours, pens and the key of ``theme`` (worded in the language installed now), on the items built once."""
        self.theme = theme
        self.formula.setToolTip(
            QCoreApplication.translate(
                "CacheView",
                "Bytes of keys and values the cache holds now: 2 (K and V) × batch × tokens × layers × "
                "kv_heads × head_dim × bytes per element. The product is compared with the bytes the cache "
                "tensors actually use.",
            )
        )
        self.key.setToolTip(
            QCoreApplication.translate(
                "CacheView",
                "One band per buffer, each layer's K above its V; rows are K/V heads × head dimensions, "
                "columns are cache positions.",
            )
        )
        self._lut = pg.colormap.get(theme.cache_values_colormap).getLookupTable(nPts=256, alpha=True)
        low, mid, high = (f"#{r:02x}{g:02x}{b:02x}" for r, g, b, _ in self._lut[[0, 128, 255]])
        value = QCoreApplication.translate("CacheView", "value (− 0 +)")
        empty = QCoreApplication.translate("CacheView", "allocated, empty")
        appended = QCoreApplication.translate("CacheView", "appended this step")
        evicted = QCoreApplication.translate("CacheView", "evicted from the cache")
        self._key_html = (
            f"<span style='color:{low}'>■</span><span style='color:{mid}'>■</span>"
            f"<span style='color:{high}'>■</span> {value} &nbsp; "
            f"<span style='color:{theme.cache_allocated_line}'>▭</span> {empty} &nbsp; "
            f"<span style='color:{theme.kv_computed}'>▯</span> {appended}"
        ) + self.kv_highlight.key_html()
        self._evicted_html = f" &nbsp; <span style='color:{theme.kv_evicted}'>■</span> {evicted}"
        self.key.setText(self._key_html)
        self.graphics.setBackground(theme.panel)
        for name in ("left", "bottom"):
            style_axis(self.plot.getAxis(name), theme)
        self.empty.setBrush(QBrush(qcolor(theme.cache_empty)))
        self.empty.setPen(_cosmetic_pen(theme.cache_allocated_line, 1))
        self.evicted.setBrush(QBrush(qcolor(theme.kv_evicted)))
        self.appended.setPen(_cosmetic_pen(theme.kv_computed, theme.highlight_px))

    def apply_theme(self, theme: Theme) -> None:
        """Restyle in place and show the record again: the view's range stays."""
        self.heads.apply_theme(theme)
        self.kv_highlight.apply_theme(theme)
        self._style(theme)
        self.formula.apply_theme(theme)
        if self._record is not None:
            self.set_record(self._record)

    def retranslate(self) -> None:
        """Every text again in the language installed now."""
        self.heads.retranslate()
        self.formula.retranslate()
        self.change.retranslate()
        self.apply_theme(self.theme)

    def set_record(self, record: StepRecord) -> None:
        self._record = record
        c = record.config
        n, policy = record.n_tokens, record.policy
        capacity = policy.capacity(c.context_length)  # slots allocated
        evicted = record.kv_source(Mode.CACHED) == KVSource.EVICTED
        self._evicted = evicted
        self.evicted_runs = position_runs(evicted)
        self.resident_runs = position_runs(~evicted)
        band = band_layout(record)
        self.layout_info = band

        # Allocated slots: positions 0..capacity until the cache is full, then the resident positions.
        slots = self.resident_runs if n > capacity else [(0, capacity)]
        allocated = QPainterPath()
        for layer in range(band.n_layers):
            for which in (0, 1):
                top = band.band_top(layer, which)
                for start, stop in slots:
                    allocated.addRect(QRectF(start, top, stop - start, band.band_rows))
        self.empty.setPath(allocated)
        self.appended.setRect(QRectF(n - record.new_rows, -0.5, record.new_rows, band.total_rows))
        # A sliding cache runs past the context: the frame widens by doubling, not at every step.
        width = c.context_length
        if self._framed is not None and self._framed[1] == band and self._framed[0] >= c.context_length:
            width = self._framed[0]
        while width < n:
            width *= 2
        if (width, band) != self._framed:
            self._framed = (width, band)
            self.band_axis.set_labels(band.labels(), band.layer_labels())
            self.plot.setLimits(xMin=-0.02 * width, xMax=1.02 * width)
            self.plot.setXRange(0, width, padding=0.01)
            self.plot.setYRange(0, band.total_rows - band.gap_rows, padding=0.02)
        self._draw_columns(self._screen_columns())

        _say_header(self, record, capacity, evicted, band)
        self.formula.set_formula(memory_formula(record))
        self.heads.set_shape(c.n_heads, c.n_kv_heads)
        self.kv_highlight.set_bands(band, max(n, capacity), c.dim_head, c.n_heads, c.n_kv_heads)

    def set_selection(self, layer: int, head: int) -> None:
        """Mark the query head shown in the attention panels, and outline the K/V rows it reads."""
        self.heads.set_selected(head)
        self.kv_highlight.set_selection(layer, head)

    def _screen_columns(self) -> Columns:
        """The columns of the positions in view, one per screen pixel at most."""
        n = self._record.n_tokens
        view = self.plot.getViewBox()
        wide = view.width() * self.devicePixelRatioF()
        if not self.isVisible() or wide < 2:
            return sample_columns(0, n, UNMEASURED_COLUMNS, self._evicted)
        x0, x1 = view.viewRange()[0]
        start, end = min(n, max(0, math.floor(x0))), max(0, min(n, math.ceil(x1)))
        if end <= start:  # panned off the positions: draw them all, for when they come back
            start, end = 0, n
        pixels = math.ceil((end - start) * wide / max(x1 - x0, 1e-9))
        return sample_columns(start, end, max(pixels, MIN_COLUMNS), self._evicted)

    def _draw_columns(self, columns: Columns) -> None:
        """The values of ``columns`` as the picture, and the evicted bins drawn over them."""
        band, edges = self.layout_info, columns.edges
        self.columns = columns
        self.values = cache_values(self._record, band, columns.positions)
        finite = self.values[np.isfinite(self.values)]
        limit = float(np.abs(finite).max()) if finite.size else 1.0
        limit = limit or 1.0
        self.image.setImage(self.values, lut=self._lut, levels=(-limit, limit), autoLevels=False)
        self.image.setRect(QRectF(edges[0], 0, edges[-1] - edges[0], band.total_rows))
        gone = QPainterPath()
        for first, end in position_runs(columns.evicted):
            for layer in range(band.n_layers):
                for which in (0, 1):
                    top = band.band_top(layer, which)
                    gone.addRect(QRectF(edges[first], top, edges[end] - edges[first], band.band_rows))
        self.evicted.setPath(gone)

    def _regrid_if_changed(self) -> None:
        if self._record is None:
            return
        columns, old = self._screen_columns(), self.columns
        if old is None or not (
            np.array_equal(columns.positions, old.positions) and np.array_equal(columns.edges, old.edges)
        ):
            self._draw_columns(columns)


def _cosmetic_pen(colour: str, width: float) -> QPen:
    """A pen that keeps its pixel width at any zoom."""
    pen = QPen(qcolor(colour), width)
    pen.setCosmetic(True)
    return pen


def _say_header(view: KVCacheView, record: StepRecord, capacity: int, evicted: np.ndarray, band: BandLayout) -> None:
    """The header line and the key's tail: what the cache holds, in the language installed now."""
    t, c, n, policy = view.theme, record.config, record.n_tokens, record.policy
    share = record.cache_bytes_used / record.cache_bytes_allocated if record.cache_bytes_allocated else 0.0
    used = QCoreApplication.translate("CacheView", "<b>{used}</b> used of {allocated}").format(
        used=format_bytes(record.cache_bytes_used), allocated=format_bytes(record.cache_bytes_allocated)
    )
    storage = ""
    if record.cache_dtype != "model":
        scales = QCoreApplication.translate("CacheView", "{dtype} + float16 scales")
        storage = " · " + scales.format(dtype=record.cache_dtype)
    if policy.evicts:
        if policy.kind == "sink":
            kept = QCoreApplication.translate("CacheView", "{sinks} sinks + window {window}")
        else:
            kept = QCoreApplication.translate("CacheView", "window {window}")
        header = QCoreApplication.translate(
            "CacheView",
            "<b>KV cache</b> · {kept}: {capacity} slots · {resident} positions resident, "
            "{evicted} evicted · {used} allocated ({share}){storage}",
        ).format(
            kept=kept.format(sinks=policy.sinks, window=policy.window),
            capacity=capacity,
            resident=n - int(evicted.sum()),
            evicted=int(evicted.sum()),
            used=used,
            share=f"{share:.0%}",
            storage=storage,
        )
    else:
        header = QCoreApplication.translate(
            "CacheView", "<b>KV cache</b> · {n} of {capacity} positions · {used} allocated ({share}){storage}"
        ).format(n=n, capacity=capacity, used=used, share=f"{share:.0%}", storage=storage)
    view.header.setText(header)
    if band.dim_stride == 1:
        sequence = QCoreApplication.translate("CacheView", "sequence 0 of {batch}")
    else:
        sequence = QCoreApplication.translate("CacheView", "sequence 0 of {batch}, 1 in {stride} dims")
    sequence = sequence.format(batch=c.batch_size, stride=band.dim_stride)
    view.key.setText(
        view._key_html
        + (view._evicted_html if policy.evicts else "")
        + f"<span style='color:{t.muted_text}'> · {sequence}</span>"
    )
