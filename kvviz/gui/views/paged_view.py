"""The paged KV cache: a batch of sequences stored in fixed-size blocks, against contiguous slots.

For the current model and a batch of sequence lengths (by default the current step's token
count n and n·3/4, n/2, n/4), the core fills a real paged store (``compare_paging``) and this
view draws what it reports: each sequence's block table as blocks in its row — the used part
filled, the unused tail of its last block hatched — inside an outline of the contiguous slot
a plain cache preallocates for the full context, and the bytes of both side by side.
Every number comes from the :class:`~kvviz.core.paging.PagingComparison`.

A row costs what its pixels show (see :func:`row_shapes`): the stored tokens are one filled
span and the reserved tail another, whatever the number of blocks, and block edges closer
than a few pixels are drawn every k-th block (the diagram says so), never one per block.
"""

from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import shiboken6
from PySide6.QtCore import QCoreApplication, QLineF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kvviz.core.config import ConfigError, ModelConfig
from kvviz.core.paging import PagingComparison, compare_paging
from kvviz.core.record import StepRecord
from kvviz.gui.theme import ERROR_TEXT_STYLE, Theme, qcolor
from kvviz.gui.views.language import FollowsLanguage
from kvviz.units import format_bytes

BLOCK_SIZES = (4, 8, 16, 32)
DEFAULT_BLOCK_SIZE = 16
#: Most sequences the view draws; more would not leave a readable row each.
MAX_SEQUENCES = 16
#: Typing and stepping settle for this long before the store is rebuilt.
SETTLE_MS = 120
#: Closest block edges are drawn, in pixels; closer ones are drawn every k-th block (k a power of two).
MIN_EDGE_PX = 4


class RowShapes(NamedTuple):
    """What one sequence's row draws, in pixels from the row's left: O(pixels), not O(blocks)."""

    used: float  # the stored tokens fill 0..used
    reserved: float  # its blocks reserve 0..reserved; used..reserved is the unused tail of the last block
    edges: np.ndarray  # x of the block edges drawn inside 0..reserved
    edge_stride: int  # an edge is drawn every edge_stride blocks


def row_shapes(tokens: int, blocks: int, block_size: int, token_px: float) -> RowShapes:
    """The row of a sequence of ``tokens`` in ``blocks`` blocks of ``block_size``, at ``token_px`` pixels a token."""
    block_px = block_size * token_px
    stride = 1 if block_px >= MIN_EDGE_PX else 1 << math.ceil(math.log2(MIN_EDGE_PX / block_px))
    edges = np.arange(stride, blocks, stride, dtype=np.float64) * block_px
    return RowShapes(tokens * token_px, blocks * block_px, edges, stride)


def default_lengths(n_tokens: int, context_length: int) -> list[int]:
    """n, 3n/4, n/2, n/4 for the current step's n tokens (at most the context, at least 1)."""
    n = min(n_tokens, context_length)
    return [max(1, n * k // 4) for k in (4, 3, 2, 1)]


def parse_lengths(text: str) -> list[int]:
    """Comma- or space-separated token counts; a bad entry raises ConfigError("lengths")."""
    parts = text.replace(",", " ").split()
    if not parts:
        rule = QCoreApplication.translate("PagedCacheView", "enter at least one sequence length, e.g. 40, 30, 20")
        raise ConfigError("lengths", rule)
    if len(parts) > MAX_SEQUENCES:
        rule = QCoreApplication.translate("PagedCacheView", "at most {n} sequences")
        raise ConfigError("lengths", rule.format(n=MAX_SEQUENCES))
    try:
        return [int(p) for p in parts]
    except ValueError:
        rule = QCoreApplication.translate("PagedCacheView", "whole numbers of tokens only, got {text}")
        raise ConfigError("lengths", rule.format(text=repr(text))) from None


class BlockDiagram(QWidget):
    """Paints one row per sequence: its blocks (used / wasted) inside its contiguous slot."""

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.comparison: PagingComparison | None = None
        self.context_length = 1
        # what the last paint drew: per sequence its shapes and where its blocks lie; pixels per token
        self.rows: list[RowShapes] = []
        self.row_rects: list[QRectF] = []
        self.token_px = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def set_comparison(self, comparison: PagingComparison | None, context_length: int) -> None:
        self.comparison = comparison
        self.context_length = context_length
        self.update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        t = self.theme
        p = QPainter(self)
        p.fillRect(self.rect(), qcolor(t.panel))
        cmp = self.comparison
        if cmp is None:
            p.end()
            return
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        font = QFont(self.font())
        p.setFont(font)
        metrics = p.fontMetrics()
        row_label = QCoreApplication.translate("PagedCacheView", "seq {sequence} · {tokens} tok")
        label_w = metrics.horizontalAdvance(row_label.format(sequence="00", tokens="0000")) + 12
        left, right, top = label_w, self.width() - 12, 8
        rows = len(cmp.sequences)
        slot_blocks = -(-self.context_length // cmp.block_size)  # blocks a full context would take
        block_w = (right - left) / max(slot_blocks, 1)
        token_w = block_w / cmp.block_size
        stride = row_shapes(0, 0, cmp.block_size, token_w).edge_stride
        note_h = metrics.height() if stride > 1 else 0  # a line under the rows says how edges are drawn
        row_h = max(14, min(34, (self.height() - 2 * top - note_h) // max(rows, 1) - 6))
        self.token_px = token_w
        self.rows, self.row_rects = [], []
        slot_pen = QPen(qcolor(t.cache_allocated_line), 1, Qt.PenStyle.DashLine)
        for i, seq in enumerate(cmp.sequences):
            y = top + i * (row_h + 6)
            p.setPen(qcolor(t.text))
            p.drawText(
                QRectF(0, y, label_w - 8, row_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                row_label.format(sequence=seq.sequence, tokens=seq.tokens),
            )
            p.setPen(slot_pen)
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(QRectF(left, y, self.context_length * token_w, row_h))
            row = row_shapes(seq.tokens, len(seq.blocks), cmp.block_size, token_w)
            self.rows.append(row)
            self.row_rects.append(QRectF(left, y, row.reserved, row_h))
            p.fillRect(QRectF(left, y, row.used, row_h), qcolor(t.cache_used_line))
            tail = QRectF(left + row.used, y, row.reserved - row.used, row_h)
            if tail.width() > 0:
                p.fillRect(tail, qcolor(t.cache_empty))
                p.fillRect(tail, QBrush(qcolor(t.error_text), Qt.BrushStyle.BDiagPattern))
            p.setPen(QPen(qcolor(t.panel), 1))
            p.drawLines([QLineF(left + x, y, left + x, y + row_h) for x in row.edges.tolist()])
            p.drawRect(QRectF(left, y, row.reserved, row_h))
            fits = seq.blocks and metrics.horizontalAdvance(str(max(seq.blocks))) + 4 < block_w
            if row.edge_stride == 1 and fits and row_h >= metrics.height():
                for j, block in enumerate(seq.blocks):  # few: each has room for its number
                    filled = min(cmp.block_size, seq.tokens - j * cmp.block_size)
                    p.setPen(qcolor("#000000" if filled == cmp.block_size else t.text))
                    label = QRectF(left + j * block_w, y, block_w, row_h)
                    p.drawText(label, int(Qt.AlignmentFlag.AlignCenter), str(block))
        if stride > 1:
            p.setPen(qcolor(t.muted_text))
            y = top + rows * (row_h + 6)
            note = QCoreApplication.translate("PagedCacheView", "block edges: 1 in {stride} drawn")
            p.drawText(QRectF(0, y, right, note_h), int(Qt.AlignmentFlag.AlignRight), note.format(stride=stride))
        p.end()


class PagedCacheView(FollowsLanguage, QWidget):
    """A batch of sequences in a paged cache, for the model in use.

    ``comparison`` is the :class:`PagingComparison` on display (None when the lengths are
    invalid, with the reason shown). While "follow the run" is ticked the lengths follow the
    current step; typing lengths unticks it. The store is rebuilt only while the view is shown,
    and off the GUI thread when steps or typing change it: at thousands of tokens filling the
    store takes hundreds of milliseconds (its cost grows with tokens × layers × K/V width).
    """

    _built = Signal(object)  # a background build's Future (emitted from the builder's thread)

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.config: ModelConfig | None = None
        self.comparison: PagingComparison | None = None
        self._n_tokens = 1
        self._stale = True  # what is shown is not what the inputs ask for
        self._builder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvviz-paging")
        self._building: Future | None = None

        self.lengths = QLineEdit()
        self.follow = QCheckBox()
        self.follow.setChecked(True)
        self.block_size = QComboBox()
        for size in BLOCK_SIZES:
            self.block_size.addItem("", size)
        self.block_size.setCurrentIndex(BLOCK_SIZES.index(DEFAULT_BLOCK_SIZE))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_TEXT_STYLE)
        self.error.hide()
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.key = QLabel(_key_html(theme))
        self.key.setWordWrap(True)
        self.diagram = BlockDiagram(theme)

        self._lengths_label, self._block_label = QLabel(), QLabel()
        self.retranslate()
        inputs = QGridLayout()  # two rows: one would make this dock, and the window, wide
        inputs.addWidget(self._lengths_label, 0, 0)
        inputs.addWidget(self.lengths, 0, 1)
        inputs.addWidget(self.follow, 0, 2)
        inputs.addWidget(self._block_label, 1, 0)
        inputs.addWidget(self.block_size, 1, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        inputs.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(inputs)
        layout.addWidget(self.error)
        layout.addWidget(self.summary)
        layout.addWidget(self.key)
        layout.addWidget(self.diagram, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._build_in_background)
        self._built.connect(self._on_built)
        self.lengths.textEdited.connect(self._on_lengths_edited)
        self.follow.toggled.connect(self._on_follow_toggled)
        self.block_size.currentIndexChanged.connect(self._changed)

    def retranslate(self) -> None:
        """Labels, tips, the key and the summary again in the language installed now; the inputs stay."""
        self._lengths_label.setText(QCoreApplication.translate("PagedCacheView", "Sequences (tokens)"))
        self._block_label.setText(QCoreApplication.translate("PagedCacheView", "Block size"))
        self.lengths.setToolTip(
            QCoreApplication.translate("PagedCacheView", "Tokens in each sequence of the batch, separated by commas")
        )
        self.lengths.setPlaceholderText(QCoreApplication.translate("PagedCacheView", "e.g. 40, 30, 20, 10"))
        self.follow.setText(QCoreApplication.translate("PagedCacheView", "follow the run"))
        self.follow.setToolTip(
            QCoreApplication.translate(
                "PagedCacheView", "Use n, 3n/4, n/2 and n/4 tokens, n being the current step's token count"
            )
        )
        for i, size in enumerate(BLOCK_SIZES):
            self.block_size.setItemText(i, QCoreApplication.translate("PagedCacheView", "{n} tokens").format(n=size))
        self.block_size.setToolTip(
            QCoreApplication.translate(
                "PagedCacheView", "Tokens per block: smaller blocks waste less, but need longer block tables"
            )
        )
        self.key.setText(_key_html(self.theme))
        if self.comparison is not None and self.config is not None:
            self.summary.setText(summary_html(self.comparison, self.config, self.theme))
        self.diagram.update()

    def apply_theme(self, theme: Theme) -> None:
        """The key, the summary and the diagram in ``theme``'s colours; lengths and block size stay."""
        self.theme = self.diagram.theme = theme
        self.key.setText(_key_html(theme))
        if self.comparison is not None and self.config is not None:
            self.summary.setText(summary_html(self.comparison, self.config, theme))
        self.diagram.update()

    # -- input -----------------------------------------------------------------------------

    def set_config(self, config: ModelConfig) -> None:
        self.config = config
        self._fill_defaults()
        self._changed()

    def set_record(self, record: StepRecord) -> None:
        if self.config is None or record.config != self.config:
            self.config = record.config
        self._n_tokens = record.n_tokens
        if self.follow.isChecked() and self._fill_defaults():
            self._changed()

    def set_lengths(self, lengths: list[int]) -> None:
        """Type ``lengths`` as a user would (which stops following the run)."""
        self.lengths.setText(", ".join(str(n) for n in lengths))
        self._on_lengths_edited()

    def _fill_defaults(self) -> bool:
        """Put the lengths derived from the current step in the field; True if they changed."""
        if not self.follow.isChecked() or self.config is None:
            return False
        text = ", ".join(str(n) for n in default_lengths(self._n_tokens, self.config.context_length))
        if text == self.lengths.text():
            return False
        self.lengths.setText(text)
        return True

    def _on_lengths_edited(self, *_args) -> None:
        self.follow.blockSignals(True)
        self.follow.setChecked(False)
        self.follow.blockSignals(False)
        self._changed()

    def _on_follow_toggled(self, on: bool) -> None:
        if on:
            self._fill_defaults()
        self._changed()

    def _changed(self, *_args) -> None:
        self._stale = True
        if self.on_screen():
            self._timer.start(SETTLE_MS)

    def on_screen(self) -> bool:
        """Shown and not behind another tab (a tabbed-away dock still counts as visible to Qt)."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def exposed(self, visible: bool) -> None:
        """The dock came to the front (or went behind): catch up with the run if it moved meanwhile."""
        if visible and self._stale:
            QTimer.singleShot(0, self, self._catch_up)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.exposed(True)

    # -- showing ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Build the paged store for the lengths and block size shown, now, and draw what it reports."""
        self._timer.stop()
        if self.config is None:
            return
        self._stale = False
        self._show(build_comparison(*self._request()))

    def wait(self) -> None:
        """Let a background build finish (tests, closing); its result arrives as a queued signal."""
        if self._building is not None:
            self._building.exception()

    def _catch_up(self) -> None:
        if self._stale and self.on_screen():
            self.refresh()

    def _request(self) -> tuple[ModelConfig, str, int]:
        return self.config, self.lengths.text(), self.block_size.currentData()

    def _build_in_background(self) -> None:
        """One build at a time; a change made meanwhile is built when it ends (see _on_built)."""
        if self.config is None or self._building is not None:
            return
        request = self._request()
        self._building = self._builder.submit(build_comparison, *request)
        self._building.add_done_callback(lambda future: self._done(future, request))

    def _done(self, future: Future, request: tuple) -> None:
        """Runs on the builder's thread: hand the result to the GUI thread, unless the view is gone."""
        if shiboken6.isValid(self):
            self._built.emit((future, request))

    def _on_built(self, built: tuple[Future, tuple]) -> None:
        future, request = built
        self._building = None
        if self.config is None:
            return
        if request == self._request():  # else the inputs moved on meanwhile: build them instead
            self._stale = False
            self._show(future.result())
        elif self.on_screen():
            self._timer.start(0)

    def _show(self, built: PagingComparison | ConfigError) -> None:
        if isinstance(built, ConfigError):
            self.comparison = None
            self.error.setText(f"{built.field}: {built.rule}")
            self.error.show()
            self.diagram.set_comparison(None, self.config.context_length)
            return
        self.error.hide()
        self.comparison = built
        self.summary.setText(summary_html(built, self.config, self.theme))
        self.diagram.set_comparison(built, self.config.context_length)


def build_comparison(config: ModelConfig, lengths: str, block_size: int) -> PagingComparison | ConfigError:
    """The paged store for ``lengths`` as typed, or why they cannot be built (safe on any thread)."""
    try:
        return compare_paging(config, parse_lengths(lengths), block_size)
    except ConfigError as exc:
        return exc


def _key_html(theme: Theme) -> str:
    stored = QCoreApplication.translate("PagedCacheView", "tokens stored")
    unused = QCoreApplication.translate("PagedCacheView", "reserved in a block, unused")
    slot = QCoreApplication.translate("PagedCacheView", "contiguous slot for the whole context")
    ids = QCoreApplication.translate("PagedCacheView", "numbers in blocks: physical block ids (block table)")
    return (
        f"<span style='color:{theme.cache_used_line}'>■</span> {stored} &nbsp; "
        f"<span style='color:{theme.error_text}'>▨</span> {unused} &nbsp; "
        f"<span style='color:{theme.cache_allocated_line}'>┅</span> {slot} "
        f"&nbsp; <span style='color:{theme.muted_text}'>{ids}</span>"
    )


def summary_html(c: PagingComparison, config: ModelConfig, theme: Theme) -> str:
    """Bytes reserved and used by the paged store, against contiguous slots for the full context."""
    muted = theme.muted_text
    wasted = c.bytes_reserved - c.bytes_used
    share = wasted / c.bytes_reserved if c.bytes_reserved else 0.0
    saving = c.contiguous_bytes / c.bytes_reserved if c.bytes_reserved else float("inf")
    text = QCoreApplication.translate(
        "PagedCacheView",
        "<b>Paged</b> ({block}-token blocks): <b>{reserved}</b> reserved for <b>{used}</b> of tokens "
        "<span style='color:{muted}'>({wasted} unused in last blocks, {share})</span><br>"
        "<b>Contiguous</b>: <b>{contiguous}</b> "
        "<span style='color:{muted}'>({n} × {context} positions preallocated)</span> "
        "— paging reserves {saving}× less",
    )
    return text.format(
        block=c.block_size,
        reserved=format_bytes(c.bytes_reserved),
        used=format_bytes(c.bytes_used),
        muted=muted,
        wasted=format_bytes(wasted),
        share=f"{share:.0%}",
        contiguous=format_bytes(c.contiguous_bytes),
        n=len(c.sequences),
        context=config.context_length,
        saving=f"{saving:.3g}",
    )
