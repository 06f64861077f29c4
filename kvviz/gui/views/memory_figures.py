"""The memory explorer's figures: one model's readout, its fit on each GPU, and the notes behind them.

Every cell is text made from a :class:`kvviz.memory.MemoryReport`; nothing is computed here.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.units import format_bytes, format_flops

#: Each readout row: its key and its title (marked here, translated when shown).
READOUT_ROWS = (
    ("model", QT_TRANSLATE_NOOP("FiguresView", "Model")),
    ("attention", QT_TRANSLATE_NOOP("FiguresView", "Attention")),
    ("shape", QT_TRANSLATE_NOOP("FiguresView", "Layers, heads")),
    ("parameters", QT_TRANSLATE_NOOP("FiguresView", "Parameters")),
    ("context", QT_TRANSLATE_NOOP("FiguresView", "Context")),
    ("bytes_per_token", QT_TRANSLATE_NOOP("FiguresView", "KV cache per token")),
    ("cache", QT_TRANSLATE_NOOP("FiguresView", "KV cache")),
    ("weights", QT_TRANSLATE_NOOP("FiguresView", "Weights")),
    ("total", QT_TRANSLATE_NOOP("FiguresView", "Weights + cache")),
    ("max_context", QT_TRANSLATE_NOOP("FiguresView", "Longest context")),
    ("flops_cached", QT_TRANSLATE_NOOP("FiguresView", "FLOPs per token, cached")),
    ("flops_uncached", QT_TRANSLATE_NOOP("FiguresView", "FLOPs per token, uncached")),
)
GPU_COLUMNS = (
    QT_TRANSLATE_NOOP("FiguresView", "GPU (nvidia-smi)"),
    QT_TRANSLATE_NOOP("FiguresView", "free after weights"),
    QT_TRANSLATE_NOOP("FiguresView", "fits"),
    QT_TRANSLATE_NOOP("FiguresView", "longest context"),
)


def exact_bytes(n: int) -> str:
    """Exact bytes, then binary and decimal units, e.g. "524,288 B (512 KiB · 524 kB)"."""
    return f"{n:,} B  ({format_bytes(n)} · {memory.format_decimal_bytes(n)})"


class _FittedTable(QTableWidget):
    """A table that shows every row, each as tall as its wrapped text, and never scrolls."""

    def fit_height(self) -> None:
        self.resizeRowsToContents()
        for row in range(self.rowCount()):
            self.setRowHeight(row, self.rowHeight(row) + self._fallback_room(row))
        header = self.horizontalHeader()
        header_height = 0 if header.isHidden() else header.sizeHint().height()
        self.setFixedHeight(self.verticalHeader().length() + header_height + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_height()  # a narrower column wraps into taller rows

    def _fallback_room(self, row: int) -> int:
        """Pixels a row of Chinese text needs beyond Qt's measure, so its last line is not elided.

        Qt sizes a row by the table font's line height, but Chinese glyphs come from a fallback
        CJK font whose lines are taller (about 30 % at the sizes measured); each wrapped line
        of such a row gets that much more.
        """
        texts = (self.item(row, col).text() for col in range(self.columnCount()) if self.item(row, col))
        if not any("\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for text in texts for ch in text):
            return 0
        metrics = self.fontMetrics()
        lines = max(1, round(self.rowHeight(row) / metrics.lineSpacing()))
        return math.ceil(0.3 * lines * metrics.height())


class FiguresView(QScrollArea):
    """The readout table, the GPU table and the notes, in a column that scrolls on a short screen."""

    def __init__(self, theme: th.Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readout = self._table(len(READOUT_ROWS), ("", ""))
        self.readout.horizontalHeader().hide()
        for row in range(len(READOUT_ROWS)):
            self.readout.setItem(row, 0, QTableWidgetItem())
        self.gpu_table = self._table(len(memory.GPUS), GPU_COLUMNS)
        self.retranslate()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.note.setStyleSheet(th.MUTED_TEXT_STYLE)
        figures = QWidget()
        column = QVBoxLayout(figures)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.readout)
        column.addWidget(self.gpu_table)
        column.addWidget(self.note, 1)
        self.setWidget(figures)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(320)

    def retranslate(self) -> None:
        """Row titles and column headers in the language installed now (the panel shows the report again)."""
        for row, (_, title) in enumerate(READOUT_ROWS):
            self.readout.item(row, 0).setText(QCoreApplication.translate("FiguresView", title))
        self.gpu_table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("FiguresView", title) for title in GPU_COLUMNS]
        )

    def show_report(self, report: memory.MemoryReport, gpu_name: str) -> None:
        """Fill the tables and the notes from ``report``, with ``gpu_name`` the GPU chosen."""
        self._show_readout(report, gpu_name)
        self._show_gpus(report, gpu_name)
        for table in (self.readout, self.gpu_table):
            table.fit_height()

    def readout_text(self, key: str) -> str:
        """The text shown for readout row ``key`` (see READOUT_ROWS)."""
        row = [k for k, _ in READOUT_ROWS].index(key)
        return self.readout.item(row, 1).text()

    @staticmethod
    def _table(rows: int, headers: tuple[str, ...]) -> QTableWidget:
        table = _FittedTable(rows, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)  # wraps, never clips
        table.setTextElideMode(Qt.TextElideMode.ElideNone)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        for i in range(rows):
            for j in range(len(headers)):
                table.setItem(i, j, QTableWidgetItem(""))
        return table

    def _show_readout(self, r: memory.MemoryReport, gpu_name: str) -> None:
        s, p, f = r.spec, r.params, r.flops
        fit = r.gpu(gpu_name)
        params = f"{p.total:,}"
        if p.active != p.total:
            active = QCoreApplication.translate("FiguresView", "{n} active per token").format(n=f"{p.active:,}")
            params += f"  ({active})"
        if r.batch == 1:
            sequences = QCoreApplication.translate("FiguresView", "1 sequence")
        else:
            sequences = QCoreApplication.translate("FiguresView", "{n} sequences").format(n=r.batch)
        context = QCoreApplication.translate("FiguresView", "{n} tokens × {sequences}").format(
            n=f"{r.context:,}", sequences=sequences
        )
        if r.beyond_trained_context:
            beyond = QCoreApplication.translate("FiguresView", "beyond trained {n}").format(n=f"{s.trained_context:,}")
            context += f" ({beyond})"
        shape = QCoreApplication.translate("FiguresView", "{layers} layers, {heads} query heads, d_model {d_model}")
        weights = QCoreApplication.translate("FiguresView", "{bytes}  at {dtype} ({source})")
        longest = QCoreApplication.translate("FiguresView", "{context} on {gpu} ({sequences})")
        cached = QCoreApplication.translate("FiguresView", "{flops}  ({exact}) at context {context}")
        uncached = QCoreApplication.translate("FiguresView", "{flops}  ({ratio}× cached)")
        values = {
            "model": s.name,
            "attention": s.attention_label,
            "shape": shape.format(layers=s.n_layers, heads=s.n_heads, d_model=f"{s.d_model:,}"),
            "context": context,
            "parameters": params,
            "bytes_per_token": f"{r.bytes_per_token:,} B  ({format_bytes(r.bytes_per_token)}, {r.cache_dtype})",
            "cache": exact_bytes(r.cache_bytes),
            "weights": weights.format(bytes=exact_bytes(r.weight_bytes), dtype=r.dtype, source=memory.dtype_source(r)),
            "total": exact_bytes(r.total_bytes),
            "max_context": longest.format(
                context=memory.describe_max_context(fit), gpu=fit.gpu.label, sequences=sequences
            ),
            "flops_cached": cached.format(
                flops=format_flops(f.cached.total), exact=f"{f.cached.total:,}", context=f"{f.context:,}"
            ),
            "flops_uncached": uncached.format(
                flops=format_flops(f.uncached.total), ratio=f"{f.uncached.total / f.cached.total:,.0f}"
            ),
        }
        tips = {
            "model": f"{s.source}\n{s.note}",
            "bytes_per_token": memory.cache_formula(s, r.cache_dtype),
            "cache": memory.cache_scheme(r.cache_dtype),
            "weights": QCoreApplication.translate(
                "FiguresView", "parameters × bytes per parameter; quantization scales of the weights not counted"
            ),
            "flops_cached": "\n".join(memory.flops_formula_lines()),
            "flops_uncached": "\n".join(memory.flops_formula_lines()),
        }
        for row, (key, _) in enumerate(READOUT_ROWS):
            item = self.readout.item(row, 1)
            item.setText(values[key])
            item.setToolTip(tips.get(key, ""))
        source = QCoreApplication.translate("FiguresView", "Source: {source}").format(source=s.source)
        assumed = QCoreApplication.translate("FiguresView", "Assumed: {text}.")
        per_token = QCoreApplication.translate("FiguresView", "KV cache per token = {formula}. {scheme}.")
        flops = QCoreApplication.translate("FiguresView", "FLOPs at context {context}: {formula}.")
        self.note.setText(
            f"{s.note}\n{source}\n\n"
            + "".join(assumed.format(text=text) + "\n" for text in s.assumed)
            + per_token.format(
                formula=memory.cache_formula(s, r.cache_dtype), scheme=memory.cache_scheme(r.cache_dtype)
            )
            + "\n"
            + flops.format(context=f"{f.context:,}", formula=" ".join(memory.flops_formula_lines()))
            + "\n"
            + QCoreApplication.translate(
                "FiguresView",
                "GPU memory is the total nvidia-smi reports (MiB, binary); kB/MB/GB are decimal. The longest "
                "context is capped at the trained context. Only weights and KV cache are counted here, not "
                "activations, workspace or the runtime's reserve (the Serving tab adds an allowance for them).",
            )
        )

    def _show_gpus(self, r: memory.MemoryReport, gpu_name: str) -> None:
        for row, fit in enumerate(r.gpus):
            if fit.free_after_weights > 0:
                free = format_bytes(fit.free_after_weights)
            else:
                free = QCoreApplication.translate("FiguresView", "none")
            fits = (
                QCoreApplication.translate("FiguresView", "yes")
                if fit.fits
                else QCoreApplication.translate("FiguresView", "no")
            )
            cells = (fit.gpu.label, free, fits, memory.describe_max_context(fit, short=True))
            tip = QCoreApplication.translate("FiguresView", "{size}; longest context {context}").format(
                size=memory.gpu_size(fit.gpu.bytes), context=memory.describe_max_context(fit)
            )
            for col, text in enumerate(cells):
                item = self.gpu_table.item(row, col)
                item.setText(text)
                item.setToolTip(tip)
                bold = fit.gpu.name == gpu_name
                font = item.font()
                font.setBold(bold)
                item.setFont(font)
