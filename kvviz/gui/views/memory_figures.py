"""The memory explorer's figures: one model's readout, its fit on each GPU, and the notes behind them.

Every cell is text made from a :class:`kvviz.memory.MemoryReport`; nothing is computed here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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

READOUT_ROWS = (
    ("model", "Model"),
    ("attention", "Attention"),
    ("shape", "Layers, heads"),
    ("parameters", "Parameters"),
    ("context", "Context"),
    ("bytes_per_token", "KV cache per token"),
    ("cache", "KV cache"),
    ("weights", "Weights"),
    ("total", "Weights + cache"),
    ("max_context", "Longest context"),
    ("flops_cached", "FLOPs per token, cached"),
    ("flops_uncached", "FLOPs per token, uncached"),
)
GPU_COLUMNS = ("GPU (nvidia-smi)", "free after weights", "fits", "longest context")


def exact_bytes(n: int) -> str:
    """Exact bytes, then binary and decimal units, e.g. "524,288 B (512 KiB · 524 kB)"."""
    return f"{n:,} B  ({format_bytes(n)} · {memory.format_decimal_bytes(n)})"


class _FittedTable(QTableWidget):
    """A table that shows every row, each as tall as its wrapped text, and never scrolls."""

    def fit_height(self) -> None:
        self.resizeRowsToContents()
        header = self.horizontalHeader()
        header_height = 0 if header.isHidden() else header.sizeHint().height()
        self.setFixedHeight(self.verticalHeader().length() + header_height + 2 * self.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.fit_height()  # a narrower column wraps into taller rows


class FiguresView(QScrollArea):
    """The readout table, the GPU table and the notes, in a column that scrolls on a short screen."""

    def __init__(self, theme: th.Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readout = self._table(len(READOUT_ROWS), ("", ""))
        self.readout.horizontalHeader().hide()
        for row, (_, title) in enumerate(READOUT_ROWS):
            self.readout.setItem(row, 0, QTableWidgetItem(title))
        self.gpu_table = self._table(len(memory.GPUS), GPU_COLUMNS)
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
        params = f"{p.total:,}" + (f"  ({p.active:,} active per token)" if p.active != p.total else "")
        sequences = "1 sequence" if r.batch == 1 else f"{r.batch} sequences"
        context = f"{r.context:,} tokens × {sequences}"
        if r.beyond_trained_context:
            context += f" (beyond trained {s.trained_context:,})"
        values = {
            "model": s.name,
            "attention": s.attention_label,
            "shape": f"{s.n_layers} layers, {s.n_heads} query heads, d_model {s.d_model:,}",
            "context": context,
            "parameters": params,
            "bytes_per_token": f"{r.bytes_per_token:,} B  ({format_bytes(r.bytes_per_token)}, {r.cache_dtype})",
            "cache": exact_bytes(r.cache_bytes),
            "weights": f"{exact_bytes(r.weight_bytes)}  at {r.dtype} ({memory.dtype_source(r)})",
            "total": exact_bytes(r.total_bytes),
            "max_context": f"{memory.describe_max_context(fit)} on {fit.gpu.label} ({sequences})",
            "flops_cached": f"{format_flops(f.cached.total)}  ({f.cached.total:,}) at context {f.context:,}",
            "flops_uncached": f"{format_flops(f.uncached.total)}  ({f.uncached.total / f.cached.total:,.0f}× cached)",
        }
        tips = {
            "model": f"{s.source}\n{s.note}",
            "bytes_per_token": memory.cache_formula(s, r.cache_dtype),
            "cache": memory.cache_scheme(r.cache_dtype),
            "weights": "parameters × bytes per parameter; quantization scales of the weights not counted",
            "flops_cached": "\n".join(memory.FLOPS_FORMULA_LINES),
            "flops_uncached": "\n".join(memory.FLOPS_FORMULA_LINES),
        }
        for row, (key, _) in enumerate(READOUT_ROWS):
            item = self.readout.item(row, 1)
            item.setText(values[key])
            item.setToolTip(tips.get(key, ""))
        self.note.setText(
            f"{s.note}\nSource: {s.source}\n\n"
            + "".join(f"Assumed: {text}.\n" for text in s.assumed)
            + f"KV cache per token = {memory.cache_formula(s, r.cache_dtype)}. {memory.cache_scheme(r.cache_dtype)}.\n"
            + f"FLOPs at context {f.context:,}: {memory.FLOPS_FORMULA}.\n"
            "GPU memory is the total nvidia-smi reports (MiB, binary); kB/MB/GB are decimal. The longest context "
            "is capped at the trained context. Only weights and KV cache are counted here, not activations, "
            "workspace or the runtime's reserve (the Serving tab adds an allowance for them)."
        )

    def _show_gpus(self, r: memory.MemoryReport, gpu_name: str) -> None:
        for row, fit in enumerate(r.gpus):
            free = format_bytes(fit.free_after_weights) if fit.free_after_weights > 0 else "none"
            cells = (fit.gpu.label, free, "yes" if fit.fits else "no", memory.describe_max_context(fit, short=True))
            for col, text in enumerate(cells):
                item = self.gpu_table.item(row, col)
                item.setText(text)
                item.setToolTip(f"{memory.gpu_size(fit.gpu.bytes)}; longest context {memory.describe_max_context(fit)}")
                bold = fit.gpu.name == gpu_name
                font = item.font()
                font.setBold(bold)
                item.setFont(font)
