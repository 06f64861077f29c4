"""Grouped-query attention made visible: the query heads grouped under the K/V head they read, and
the rows of that K/V head outlined in the cache view.

The grouping comes from :mod:`kvviz.core.head_sharing` (the decoder's own rule); these widgets
only draw it. One colour per group from the Okabe–Ito palette, which stays distinct under
the common colour-vision deficiencies; the groups also carry their K/V head's number and sit
side by side, so nothing depends on colour alone. MHA (a group per head) and MQA (one group)
are the two ends of the same strip.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QSizePolicy, QWidget

from kvviz.core.head_sharing import head_groups, kv_head_of, sharing_caption
from kvviz.gui import theme as th
from kvviz.gui.theme import Theme, qcolor
from kvviz.gui.views.language import FollowsLanguage

#: One colour per K/V group (cycling past seven groups; neighbours always differ).
GROUP_COLOURS = (th.ORANGE, th.SKY_BLUE, th.BLUISH_GREEN, th.YELLOW, th.BLUE, th.VERMILLION, th.REDDISH_PURPLE)
#: Width of a head's box the strip asks for.
CELL = 26
#: Narrowest a head's box is drawn; narrower than that, the strip is clipped at the right.
MIN_CELL = 6
#: Boxes narrower than this carry no number.
LABEL_CELL = 18


def group_colour(kv_head: int) -> str:
    return GROUP_COLOURS[kv_head % len(GROUP_COLOURS)]


def _ink(colour: str) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    c = QColor(colour)
    return QColor("#000000") if 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue() > 110 else QColor("#ffffff")


class HeadSharingView(FollowsLanguage, QWidget):
    """K/V heads above, the query heads that read each one below in its colour; the selected head is
    framed. Clicking a query head (or under it) emits ``head_clicked(head)``."""

    head_clicked = Signal(int)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.n_heads = self.n_kv_heads = 1
        self.groups: tuple[tuple[int, ...], ...] = ((0,),)
        self.selected = 0
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._describe()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def set_shape(self, n_heads: int, n_kv_heads: int) -> None:
        if (n_heads, n_kv_heads) == (self.n_heads, self.n_kv_heads):
            return
        self.n_heads, self.n_kv_heads = n_heads, n_kv_heads
        self.groups = head_groups(n_heads, n_kv_heads)
        self.selected = min(self.selected, n_heads - 1)
        self._describe()
        self.updateGeometry()
        self.update()

    def set_selected(self, head: int) -> None:
        if head != self.selected:
            self.selected = head
            self._describe()
            self.updateGeometry()
            self.update()

    def caption(self) -> str:
        """What the strip shows, in words: its tooltip and accessible name."""
        kv = kv_head_of(self.selected, self.n_heads, self.n_kv_heads)
        reads = QCoreApplication.translate("HeadSharingView", "{sharing} · head {head} reads K/V {kv}")
        return reads.format(sharing=sharing_caption(self.n_heads, self.n_kv_heads), head=self.selected, kv=kv)

    def retranslate(self) -> None:
        """Tooltip and caption again in the language installed now."""
        self._describe()
        self.update()

    def _describe(self) -> None:
        about = QCoreApplication.translate(
            "HeadSharingView",
            "{caption}.\nQuery heads grouped under the K/V head they read; the framed one is shown in "
            "the attention panels and its K/V rows are outlined in the cache. Click a head to show it.",
        )
        self.setToolTip(about.format(caption=self.caption()))
        self.setAccessibleName(self.caption())

    # -- geometry ---------------------------------------------------------------------------

    def _base_row(self) -> int:
        return QFontMetrics(self.font()).height() + 6

    def _captioned(self) -> bool:
        """Tall enough for the caption under the boxes (an exported panel; the dock gives two rows)."""
        return self.height() >= 3 * self._base_row() + 2

    def _row(self) -> float:
        """The rows fill the height they are given, never less than a line."""
        rows = 3 if self._captioned() else 2
        return max(float(self._base_row()), min((self.height() - 2) / rows, 1.5 * self._cell()))

    def _cell(self) -> float:
        return max(MIN_CELL, (self.width() - 2) / self.n_heads)

    def head_rect(self, head: int) -> QRectF:
        """Where query head ``head``'s box is drawn (for clicks and tests)."""
        row, cell = self._row(), self._cell()
        return QRectF(1 + head * cell, row + 1, cell, row)

    def head_at(self, x: float) -> int | None:
        head = int((x - 1) // self._cell())
        return head if 0 <= head < self.n_heads else None

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(CELL * min(self.n_heads, 16) + 2, 2 * self._base_row() + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(MIN_CELL * min(self.n_heads, 16) + 2, 2 * self._base_row() + 2)

    # -- input and painting ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        head = self.head_at(event.position().x())
        if head is not None and event.button() == Qt.MouseButton.LeftButton:
            self.head_clicked.emit(head)
        super().mousePressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        t = self.theme
        row, cell = self._row(), self._cell()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * min(2.0, row / self._base_row()))  # type grows with the boxes
        painter.setFont(font)
        centred = Qt.AlignmentFlag.AlignCenter
        metrics = QFontMetrics(font)
        selected_kv = kv_head_of(self.selected, self.n_heads, self.n_kv_heads)
        for kv, group in enumerate(self.groups):
            colour = group_colour(kv)
            span = QRectF(1 + group[0] * cell, 1, cell * len(group), row - 2).adjusted(1, 0, -1, 0)
            chosen = kv == selected_kv
            painter.setPen(QPen(qcolor(t.text if chosen else colour), (3 if chosen else 2) * max(1.0, row / 60)))
            painter.setBrush(qcolor(t.panel))
            painter.drawRoundedRect(span.adjusted(1, 1, -1, -1), 3, 3)
            label = f"K/V {kv}" if metrics.horizontalAdvance(f"K/V {kv}") + 4 <= span.width() else str(kv)
            if metrics.horizontalAdvance(label) + 2 <= span.width():
                painter.setPen(qcolor(t.text))
                painter.drawText(span, centred, label)
            for head in group:
                box = self.head_rect(head).adjusted(1, 1, -1, -1)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(qcolor(colour))
                painter.drawRect(box)
                if cell >= LABEL_CELL:
                    painter.setPen(_ink(colour))
                    painter.drawText(box, centred, str(head))
        painter.setPen(QPen(qcolor(t.text), max(2.5, row / 20)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(self.head_rect(self.selected))
        if self._captioned():
            painter.setPen(qcolor(t.muted_text))
            text = metrics.elidedText(self.caption(), Qt.TextElideMode.ElideRight, self.width() - 4)
            painter.drawText(QRectF(2, 2 * row + 2, self.width() - 4, row), Qt.AlignmentFlag.AlignVCenter, text)
        painter.end()


def kv_head_rows(head_dim: int, dim_stride: int, kv_head: int) -> tuple[float, float]:
    """Rows of ``kv_head`` within a cache band (top, bottom), in the band's drawn rows.

    A band stacks the K/V heads' dimensions and draws every ``dim_stride``-th one (see
    :func:`kvviz.gui.views.cache_view.cache_values`); a head's share of the band is its
    dimensions over the stride, which may fall between drawn rows when the stride is large.
    """
    return kv_head * head_dim / dim_stride, (kv_head + 1) * head_dim / dim_stride


class KVRowsHighlight:
    """An outline over the rows of the K/V head the selected query head reads, in the selected layer's
    K and V bands; one graphics item the cache view adds to its plot."""

    KEY = QT_TRANSLATE_NOOP("KVRowsHighlight", "K/V rows the selected head reads")

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.item = QGraphicsPathItem()
        self.item.setZValue(6)
        self.rows: list[tuple[float, float]] = []  # (top, bottom) in the plot's rows, K band then V band
        self._layer = self._head = 0
        self._shape: tuple | None = None  # (band layout, width, head_dim, n_heads, n_kv_heads)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._redraw()

    def key_html(self) -> str:
        key = QCoreApplication.translate("KVRowsHighlight", self.KEY)
        return f" &nbsp; <span style='color:{self.theme.text}'>▭</span> {key}"

    def set_bands(self, layout, width: int, head_dim: int, n_heads: int, n_kv_heads: int) -> None:
        """The cache view's band layout (a BandLayout) and the positions to outline across."""
        shape = (layout, width, head_dim, n_heads, n_kv_heads)
        if shape != self._shape:
            self._shape = shape
            self._redraw()

    def set_selection(self, layer: int, head: int) -> None:
        if (layer, head) != (self._layer, self._head):
            self._layer, self._head = layer, head
            self._redraw()

    def _redraw(self) -> None:
        if self._shape is None:
            return
        layout, width, head_dim, n_heads, n_kv_heads = self._shape
        layer = min(self._layer, layout.n_layers - 1)
        kv = kv_head_of(min(self._head, n_heads - 1), n_heads, n_kv_heads)
        top, bottom = kv_head_rows(head_dim, layout.dim_stride, kv)
        self.rows = [(layout.band_top(layer, which) + top, layout.band_top(layer, which) + bottom) for which in (0, 1)]
        path = QPainterPath()
        for a, b in self.rows:
            path.addRect(QRectF(0, a, width, b - a))
        pen = QPen(qcolor(self.theme.text), self.theme.highlight_px + 1)
        pen.setCosmetic(True)
        self.item.setPen(pen)
        self.item.setPath(path)
