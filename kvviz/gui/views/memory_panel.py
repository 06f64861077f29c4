"""Memory explorer panel: what the KV cache costs for published models and any config.json, and how many
sequences fit when serving them.

Every number shown comes from a :class:`kvviz.memory.MemoryReport`, a
:class:`kvviz.memory.ServingPlan` or a curve computed by :mod:`kvviz.memory`; this widget
only picks the inputs and draws. The "Cache size" tab's plots are log–log (context 1 to 1M
tokens against cache bytes): one compares attention variants at the chosen model's depth and
width, the other the cache dtypes, with GPU sizes as labelled horizontal lines at the memory
their driver reports. The "Serving" tab is :class:`~kvviz.gui.views.memory_serving.ServingView`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.gui.views.memory_plots import PLOT_MAX, CachePlot
from kvviz.gui.views.memory_serving import ServingView
from kvviz.units import format_bytes, format_flops

if TYPE_CHECKING:
    from kvviz.memory.sources import TinyConfig

#: Okabe–Ito colours and distinct dash patterns, one pair per curve after the model's own line.
CURVE_STYLES = (
    (th.ORANGE, Qt.PenStyle.SolidLine),
    (th.SKY_BLUE, Qt.PenStyle.DashLine),
    (th.BLUISH_GREEN, Qt.PenStyle.DotLine),
    (th.VERMILLION, Qt.PenStyle.DashDotLine),
    (th.REDDISH_PURPLE, Qt.PenStyle.DashDotDotLine),
)
#: Cache dtypes compared in the second plot; float16 and bfloat16 take the same bytes, so one curve.
DTYPE_CURVES = (
    ("float32", "float32"),
    ("float16", "float16 / bfloat16"),
    ("fp8", "fp8 + scales"),
    ("int8", "int8 + scales"),
    ("int4", "int4 + scales"),
)
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
DEFAULT_MODEL = "llama-2-7b"
DEFAULT_GPU = "h100-80gb"


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


class MemoryPanel(QWidget):
    """Pick a model, context, batch, dtypes and GPU; read what the cache and weights cost and how many
    sequences a deployment serves.

    ``report`` is the :class:`~kvviz.memory.MemoryReport` on display. The main window calls
    ``set_tiny_config`` whenever the tiny model's configuration changes, to list it beside the
    published models.
    """

    def __init__(self, parent: QWidget | None = None, theme: th.Theme = th.DARK) -> None:
        super().__init__(parent)
        self.theme = theme
        self.report: memory.MemoryReport | None = None
        self._curve_key: tuple | None = None

        self.model_box = QComboBox()
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for model_id in memory.PRESET_IDS:
            spec = memory.preset(model_id)
            self.model_box.addItem(f"{model_id} — {spec.name}", spec)
        self.load_button = QPushButton("Load config.json…")
        self.load_button.setToolTip("Read a Hugging Face config.json (plain JSON) and show its cache")
        self.context_box = self._spin(1, 10_000_000, 4096, "Tokens per sequence")
        self.batch_box = self._spin(1, 65_536, 1, "Sequences held in the cache at once")
        self.dtype_box = QComboBox()
        self.dtype_box.addItems(memory.DTYPES)
        self.dtype_box.setToolTip("Element type of the weights; a model starts at its config's torch_dtype")
        self.cache_dtype_box = QComboBox()
        self.cache_dtype_box.addItem("as weights", None)
        for dtype in memory.DTYPES:
            self.cache_dtype_box.addItem(dtype, dtype)
        self.cache_dtype_box.setToolTip("Element type of the KV cache (quantized types add a float16 scale per vector)")
        self.gpu_box = QComboBox()
        for gpu in memory.GPUS:
            self.gpu_box.addItem(f"{gpu.label} ({gpu.bytes // 2**20:,} MiB)", gpu.name)
        self.gpu_box.setCurrentIndex(memory.GPU_NAMES.index(DEFAULT_GPU))
        self.gpu_box.setToolTip("GPU memory as nvidia-smi reports it")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(f"color: {theme.error_text};")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.readout = self._table(len(READOUT_ROWS), ("", ""))
        self.readout.horizontalHeader().hide()
        for row, (_, title) in enumerate(READOUT_ROWS):
            self.readout.setItem(row, 0, QTableWidgetItem(title))
            self.readout.setItem(row, 1, QTableWidgetItem(""))
        self.gpu_table = self._table(len(memory.GPUS), GPU_COLUMNS)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.note.setStyleSheet(f"color: {theme.muted_text};")

        self.variant_plot = CachePlot(theme)
        self.dtype_plot = CachePlot(theme)
        self.serving = ServingView(theme)

        controls = QGridLayout()
        controls.addWidget(QLabel("Model"), 0, 0)
        controls.addWidget(self.model_box, 0, 1, 1, 3)
        controls.addWidget(self.load_button, 0, 4)
        form = QHBoxLayout()
        for label, box in (
            ("Context", self.context_box),
            ("Batch", self.batch_box),
            ("Weights", self.dtype_box),
            ("Cache", self.cache_dtype_box),
        ):
            row = QFormLayout()
            row.addRow(label, box)
            form.addLayout(row)
        gpu_row = QFormLayout()
        gpu_row.addRow("GPU", self.gpu_box)
        form.addLayout(gpu_row)
        form.addStretch(1)
        controls.addLayout(form, 1, 0, 1, 5)
        controls.setColumnStretch(3, 1)

        figures = QWidget()
        left = QVBoxLayout(figures)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.readout)
        left.addWidget(self.gpu_table)
        left.addWidget(self.note, 1)
        left_panel = QScrollArea()  # the figures scroll on a short screen; the plots keep their height
        left_panel.setWidget(figures)
        left_panel.setWidgetResizable(True)
        left_panel.setFrameShape(QFrame.Shape.NoFrame)
        left_panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_panel.setMinimumWidth(320)
        sizes = QWidget()
        plots = QVBoxLayout(sizes)
        plots.setContentsMargins(0, 0, 0, 0)
        plots.addWidget(self.variant_plot, 1)
        plots.addWidget(self.dtype_plot, 1)
        # Two pages behind two buttons rather than a tab bar: the panel already sits in a tabbed dock.
        self.pages = QStackedWidget()
        self.page_buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for index, (page, text, tip) in enumerate(
            (
                (sizes, "Cache size", "Cache bytes against context: attention variants and cache dtypes"),
                (self.serving, "Serving", "How many sequences fit on GPUs, with tensor and pipeline parallelism"),
            )
        ):
            self.pages.addWidget(page)
            button = QPushButton(text)
            button.setCheckable(True)
            button.setChecked(index == 0)
            button.setToolTip(tip)
            self.page_buttons.addButton(button, index)
            switch.addWidget(button)
        switch.addStretch(1)
        self.page_buttons.idClicked.connect(self.pages.setCurrentIndex)
        right = QVBoxLayout()
        right.addLayout(switch)
        right.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.addWidget(left_panel, 2)  # tables wrap their cells when narrow; the plots get the rest
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        layout.addLayout(body, 1)

        self.model_box.setCurrentIndex(memory.PRESET_IDS.index(DEFAULT_MODEL))
        self.model_box.currentIndexChanged.connect(self._on_model_changed)
        self.load_button.clicked.connect(self._on_load_clicked)
        for box in (self.context_box, self.batch_box):
            box.valueChanged.connect(self._on_input_changed)
        for box in (self.dtype_box, self.cache_dtype_box, self.gpu_box):
            box.currentIndexChanged.connect(self._on_input_changed)
        self._on_model_changed()

    # -- building -----------------------------------------------------------------------

    @staticmethod
    def _spin(low: int, high: int, value: int, tip: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setValue(value)
        box.setGroupSeparatorShown(True)
        box.setToolTip(tip)
        box.setMinimumWidth(110)
        return box

    def _table(self, rows: int, headers: tuple[str, ...]) -> QTableWidget:
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

    # -- inputs ---------------------------------------------------------------------------

    @property
    def spec(self) -> memory.ModelSpec:
        return self.model_box.currentData()

    @property
    def gpu_name(self) -> str:
        return self.gpu_box.currentData()

    @property
    def gpu(self) -> memory.Gpu:
        return memory.gpu_by_name(self.gpu_name)

    def set_tiny_config(self, config: TinyConfig) -> None:
        """Add (or update) the app's tiny model, as configured now, right after the presets."""
        spec = memory.spec_from_model_config(config)
        text = f"tiny — this app's model ({spec.attention_label}, {config.dtype})"
        index = len(memory.PRESET_IDS)
        if isinstance(self.model_box.itemData(index), memory.ModelSpec) and self.model_box.itemData(index).id == "tiny":
            self.model_box.setItemText(index, text)
            self.model_box.setItemData(index, spec)
            if index == self.model_box.currentIndex():
                self.refresh()
        else:
            self.model_box.insertItem(index, text, spec)

    def load_config(self, path: str | Path) -> bool:
        """Add a config.json to the list and show it; on a bad file say why and keep the current model."""
        try:
            spec = memory.load_config_json(path)
            memory.memory_report(spec, self.context_box.value(), self.batch_box.value())  # refused before it is listed
        except memory.SpecError as exc:
            self.error_label.setText(f"Cannot use {path}: {exc}")
            self.error_label.show()
            return False
        self.error_label.hide()
        self.model_box.addItem(f"{Path(spec.source).name} — {spec.name}", spec)
        self.model_box.setCurrentIndex(self.model_box.count() - 1)
        return True

    def _on_load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load config.json", "", "JSON (*.json);;All files (*)")
        if path:
            self.load_config(path)

    def _on_input_changed(self, *_args) -> None:
        self.refresh()

    def _on_model_changed(self, *_args) -> None:
        """A model starts at its config's torch_dtype (float16 when it names none)."""
        with QSignalBlocker(self.dtype_box):
            self.dtype_box.setCurrentText(self.spec.default_dtype)
        self.refresh()

    # -- showing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Recompute the report (and the curves if the model, dtype or batch changed) and show them."""
        spec, dtype, batch = self.spec, self.dtype_box.currentText(), self.batch_box.value()
        cache_dtype = self.cache_dtype_box.currentData() or dtype
        report = memory.memory_report(spec, self.context_box.value(), batch, dtype, cache_dtype)
        self.report = report
        self._show_readout(report)
        self._show_gpus(report)
        for table in (self.readout, self.gpu_table):
            table.fit_height()
        key = (spec, cache_dtype, batch)
        if key != self._curve_key:
            self._curve_key = key
            self._draw_curves(spec, cache_dtype, batch)
        self._draw_markers(report)
        self.serving.set_inputs(spec, self.gpu, report.context, dtype, cache_dtype)

    def show_page(self, index: int) -> None:
        """Show the cache-size plots (0) or the serving page (1), as the buttons above them do."""
        self.page_buttons.button(index).setChecked(True)
        self.pages.setCurrentIndex(index)

    def readout_text(self, key: str) -> str:
        """The text shown for readout row ``key`` (see READOUT_ROWS)."""
        row = [k for k, _ in READOUT_ROWS].index(key)
        return self.readout.item(row, 1).text()

    def _show_readout(self, r: memory.MemoryReport) -> None:
        s, p, f = r.spec, r.params, r.flops
        fit = r.gpu(self.gpu_name)
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

    def _show_gpus(self, r: memory.MemoryReport) -> None:
        for row, fit in enumerate(r.gpus):
            free = format_bytes(fit.free_after_weights) if fit.free_after_weights > 0 else "none"
            cells = (fit.gpu.label, free, "yes" if fit.fits else "no", memory.describe_max_context(fit, short=True))
            for col, text in enumerate(cells):
                item = self.gpu_table.item(row, col)
                item.setText(text)
                item.setToolTip(f"{memory.gpu_size(fit.gpu.bytes)}; longest context {memory.describe_max_context(fit)}")
                bold = fit.gpu.name == self.gpu_name
                font = item.font()
                font.setBold(bold)
                item.setFont(font)

    def _pen(self, colour: str, style: Qt.PenStyle, width: float | None = None):
        return pg.mkPen(colour, width=width or self.theme.line_px, style=style)

    def _draw_curves(self, spec: memory.ModelSpec, dtype: str, batch: int) -> None:
        contexts = memory.context_grid(spec)
        own = ("this model", memory.cache_curve(spec, dtype, batch, contexts))
        variants = [(v.name, memory.cache_curve(v, dtype, batch, contexts)) for v in memory.attention_variants(spec)]
        by_dtype = [(label, memory.cache_curve(spec, d, batch, contexts)) for d, label in DTYPE_CURVES]
        thick = self._pen(self.theme.text, Qt.PenStyle.SolidLine, self.theme.line_px * 2.2)
        styled = [self._pen(c, s) for c, s in CURVE_STYLES]
        self.variant_plot.set_curves(
            contexts, [(own[0], own[1], thick)] + [(n, y, pen) for (n, y), pen in zip(variants, styled, strict=True)]
        )
        self.dtype_plot.set_curves(contexts, [(n, y, pen) for (n, y), pen in zip(by_dtype, styled, strict=True)])
        sequences = "" if batch == 1 else f", batch {batch}"
        width = spec.qk_nope_head_dim if spec.is_mla else spec.head_dim
        self.variant_plot.set_title(
            "Attention variants at the same size",
            f"{spec.n_layers} layers, {spec.n_heads} heads × {width}, {dtype}{sequences}",
        )
        self.dtype_plot.set_title("Cache dtypes", f"{spec.name}{sequences}")
        values = [v for _, y in (own, *variants, *by_dtype) for v in y if v > 0]
        low = min(values)
        high = max(max(values), max(g.bytes for g in memory.GPUS)) * 10  # a decade of room for the GPU labels
        for plot in (self.variant_plot, self.dtype_plot):
            plot.set_view(low, high, PLOT_MAX)

    def _draw_markers(self, r: memory.MemoryReport) -> None:
        gpus = [(g.label, g.bytes, True) for g in memory.GPUS if g.name == self.gpu_name]  # one line: six crowd
        fit = r.gpu(self.gpu_name)
        budget = None
        if fit.free_after_weights > 0:
            budget = (f"{fit.gpu.label} − weights", fit.free_after_weights)
        for plot in (self.variant_plot, self.dtype_plot):
            plot.set_markers(gpus, budget, r.context)
