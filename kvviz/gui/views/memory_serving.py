"""The memory explorer's serving tab: how many sequences fit on the chosen GPUs, and why.

Every figure comes from a :class:`kvviz.memory.ServingPlan` (the same one ``kvviz mem --tp …``
prints); this widget picks the serving inputs, lists the plan's line items and draws the
capacity curves (concurrent sequences against context) that :mod:`kvviz.memory.curves` makes.
The model, context, GPU and dtypes come from the explorer around it (:meth:`set_inputs`).
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.gui.views.memory_plots import CURVE_STYLES, CachePlot, count_label
from kvviz.memory.serving import MAX_BLOCK_SIZE, MAX_PARALLEL
from kvviz.units import format_bytes

#: Rows of the plan's readout: key, title.
PLAN_ROWS = (  # the answer first, then how it is reached
    ("sequences", QT_TRANSLATE_NOOP("ServingView", "Concurrent sequences")),
    ("prefix", QT_TRANSLATE_NOOP("ServingView", "With shared prefix")),
    ("gpus", QT_TRANSLATE_NOOP("ServingView", "GPUs")),
    ("heads", QT_TRANSLATE_NOOP("ServingView", "K/V heads per GPU")),
    ("layers", QT_TRANSLATE_NOOP("ServingView", "Layers per GPU")),
    ("usable", QT_TRANSLATE_NOOP("ServingView", "Usable memory")),
    ("weights", QT_TRANSLATE_NOOP("ServingView", "− weights")),
    ("overhead", QT_TRANSLATE_NOOP("ServingView", "− activations, runtime")),
    ("budget", QT_TRANSLATE_NOOP("ServingView", "= left for the cache")),
    ("per_token", QT_TRANSLATE_NOOP("ServingView", "KV per token per GPU")),
    ("tokens", QT_TRANSLATE_NOOP("ServingView", "Cache holds")),
)
#: Cache dtypes the dtype comparison draws (float16 and bfloat16 take the same bytes).
CAPACITY_DTYPES = (
    ("float16", "float16 / bfloat16"),
    ("fp8", QT_TRANSLATE_NOOP("CachePlot", "fp8 + scales")),
    ("int8", QT_TRANSLATE_NOOP("CachePlot", "int8 + scales")),
    ("int4", QT_TRANSLATE_NOOP("CachePlot", "int4 + scales")),
)
COMPARISONS = (QT_TRANSLATE_NOOP("ServingView", "attention variants"), QT_TRANSLATE_NOOP("ServingView", "cache dtypes"))


def spin_box(low: int, high: int, value: int, tip: str) -> QSpinBox:
    """A number field with thousands separators: the explorer's counts run into the millions."""
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setGroupSeparatorShown(True)
    box.setToolTip(tip)
    return box


def _log_sequences(counts: list[int]) -> np.ndarray:
    """Counts for a log axis: a setup that fits no sequence leaves a gap rather than a line to zero."""
    values = np.asarray(counts, dtype=float)
    values[values < 1] = np.nan
    return values


class ServingView(QWidget):
    """Tensor/pipeline parallelism, memory fraction, block size, allowance and shared prefix → capacity."""

    def __init__(self, theme: th.Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.plan: memory.ServingPlan | None = None
        self._inputs: tuple | None = None
        self._curve_key: tuple | None = None

        self.tp_box = spin_box(1, MAX_PARALLEL, 1, "")
        self.pp_box = spin_box(1, 64, 1, "")
        self.util_box = QDoubleSpinBox()
        self.util_box.setRange(0.05, 1.0)
        self.util_box.setSingleStep(0.05)
        self.util_box.setValue(memory.DEFAULT_GPU_UTIL)
        self.block_box = spin_box(1, MAX_BLOCK_SIZE, memory.DEFAULT_BLOCK_SIZE, "")
        self.overhead_box = QDoubleSpinBox()
        self.overhead_box.setRange(0.0, 64.0)
        self.overhead_box.setDecimals(1)
        self.overhead_box.setSuffix(" GiB")
        self.overhead_box.setValue(memory.DEFAULT_OVERHEAD / 2**30)
        self.prefix_box = spin_box(0, 10_000_000, 0, "")
        self.compare_box = QComboBox()
        self.compare_box.addItems(["" for _ in COMPARISONS])
        self.error_label = QLabel()
        self.error_label.setStyleSheet(th.ERROR_TEXT_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plot = CachePlot(
            theme,
            y_label=QT_TRANSLATE_NOOP("CachePlot", "concurrent sequences"),
            x_label=QT_TRANSLATE_NOOP("CachePlot", "context (tokens per sequence)"),
            legend_below=True,
        )

        controls = QGridLayout()  # three rows of three, so the page is no wider than the plot beside it
        boxes = (self.tp_box, self.pp_box, self.util_box, self.block_box, self.overhead_box)
        self._labels = [QLabel() for _ in range(7)]
        for i, box in enumerate((*boxes, self.prefix_box, self.compare_box)):
            controls.addWidget(self._labels[i], i // 3, 2 * (i % 3))
            controls.addWidget(box, i // 3, 2 * (i % 3) + 1)
        _say_fixed_texts(self)
        controls.setColumnStretch(6, 1)
        body = QHBoxLayout()
        readout = QScrollArea()  # a long explanation scrolls rather than pushing rows out of sight
        readout.setWidget(self.readout)
        readout.setWidgetResizable(True)
        readout.setFrameShape(QFrame.Shape.NoFrame)
        readout.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        readout.setMinimumWidth(260)
        body.addWidget(readout, 5)
        body.addWidget(self.plot, 9)  # the legend sits below the axes: the plot takes the room
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.error_label)
        layout.addLayout(body, 1)
        for box in (self.tp_box, self.pp_box, self.block_box, self.prefix_box):
            box.valueChanged.connect(self.refresh)
        for box in (self.util_box, self.overhead_box):
            box.valueChanged.connect(self.refresh)
        self.compare_box.currentIndexChanged.connect(self.refresh)

    def retranslate(self) -> None:
        """Every text in the language installed now; the readout and curves follow at the next refresh."""
        _say_fixed_texts(self)
        self.plot.apply_theme(self.theme)
        self.redraw_curves()

    def apply_theme(self, theme: th.Theme) -> None:
        """The plot in ``theme``; the readout and curves follow at :meth:`redraw_curves`. Every choice stays."""
        self.theme = theme
        self.plot.apply_theme(theme)

    def redraw_curves(self) -> None:
        """Draw the curves and the readout again (in a new theme) at the next refresh."""
        self._curve_key = None

    # -- inputs ---------------------------------------------------------------------------

    def set_inputs(self, spec: memory.ModelSpec, gpu: memory.Gpu, context: int, dtype: str, cache_dtype: str) -> None:
        """What the explorer around this view has chosen; the plan follows."""
        self._inputs = (spec, gpu, context, dtype, cache_dtype)
        self.refresh()

    def setup(self) -> memory.ServingSetup:
        _, gpu, context, dtype, cache_dtype = self._inputs
        return memory.ServingSetup(
            gpu=gpu,
            context=context,
            tp=self.tp_box.value(),
            pp=self.pp_box.value(),
            gpu_util=round(self.util_box.value(), 4),
            block_size=self.block_box.value(),
            overhead=round(self.overhead_box.value() * 2**30),
            shared_prefix=self.prefix_box.value(),
            weight_dtype=dtype,
            cache_dtype=cache_dtype,
        )

    # -- showing ----------------------------------------------------------------------------

    def refresh(self, *_args) -> None:
        """Plan the serving setup; a setup an engine would refuse is said in one line and nothing is drawn."""
        if self._inputs is None:
            return
        spec = self._inputs[0]
        setup = self.setup()
        try:
            plan = memory.plan_serving(spec, setup)
        except memory.SpecError as exc:
            self.plan = None
            self.error_label.setText(
                QCoreApplication.translate("ServingView", "Cannot serve this way: {error}").format(error=exc)
            )
            self.error_label.show()
            self.readout.setText("")
            return
        self.error_label.hide()
        self.plan = plan
        self.readout.setText(self._readout_html(plan))
        key = (spec, replace(setup, context=1, shared_prefix=0), self.compare_box.currentIndex())
        if key != self._curve_key:
            self._curve_key = key
            self._draw_curves(spec, setup)
        self.plot.context_line.setValue(math.log10(setup.context))
        context = QCoreApplication.translate("CachePlot", "context {n}").format(n=f"{setup.context:,}")
        self.plot.context_line.label.setFormat(context)

    def plan_values(self, plan: memory.ServingPlan) -> dict[str, str]:
        """The readout's text by row key (see PLAN_ROWS)."""
        s, f = plan.setup, plan.fullest
        per_gpu = format_bytes(s.gpu.bytes)
        sequences = QCoreApplication.translate("ServingView", "{n} of {context} tokens").format(
            n=f"{plan.max_concurrent_sequences:,}", context=f"{s.context:,}"
        )
        prefix = "—"
        if s.shared_prefix:
            prefix = QCoreApplication.translate(
                "ServingView", "{n} sequences (prefix of {prefix} tokens held once: saves {saving} per GPU)"
            ).format(
                n=f"{plan.max_concurrent_shared:,}",
                prefix=f"{s.shared_prefix:,}",
                saving=format_bytes(plan.prefix_saving_bytes),
            )
        budget = format_bytes(max(f.cache_budget, 0))
        if f.cache_budget < 0:
            budget += "  (" + QCoreApplication.translate("ServingView", "weights do not fit") + ")"
        gpus = QCoreApplication.translate("ServingView", "{n} × {gpu}, {mib} MiB each (nvidia-smi)")
        weights = QCoreApplication.translate("ServingView", "{bytes}  ({dtype}, this GPU's share)")
        overhead = QCoreApplication.translate("ServingView", "{bytes}  (allowance, assumed)")
        tokens = QCoreApplication.translate("ServingView", "{blocks} blocks of {size} = {tokens} tokens")
        return {
            "gpus": gpus.format(n=plan.gpus, gpu=s.gpu.label, mib=f"{s.gpu.bytes // 2**20:,}"),
            "heads": plan.heads_text(),
            "layers": plan.layers_text(),
            "usable": f"{format_bytes(plan.usable_bytes)} = {s.gpu_util:g} × {per_gpu}",
            "weights": weights.format(bytes=format_bytes(f.weight_bytes), dtype=s.weight_dtype),
            "overhead": overhead.format(bytes=format_bytes(s.overhead)),
            "budget": budget,
            "per_token": f"{f.kv_bytes_per_token:,} B  ({s.cache_dtype})",
            "tokens": tokens.format(blocks=f"{f.blocks:,}", size=s.block_size, tokens=f"{plan.tokens_per_gpu:,}"),
            "sequences": sequences,
            "prefix": prefix,
        }

    def _readout_html(self, plan: memory.ServingPlan) -> str:
        values = self.plan_values(plan)
        t = self.theme
        bold = {"sequences", "prefix"}
        rows = "".join(
            f"<tr><td style='color:{t.muted_text}; padding-right:10px'>"
            f"{QCoreApplication.translate('ServingView', title)}</td>"
            f"<td style='font-weight:{'bold' if key in bold else 'normal'}'>{values[key]}</td></tr>"
            for key, title in PLAN_ROWS
        )
        note = ""
        if plan.beyond_trained_context:
            beyond = QCoreApplication.translate(
                "ServingView", "{context} tokens is beyond the model's trained context ({trained})."
            ).format(context=f"{plan.setup.context:,}", trained=f"{plan.spec.trained_context:,}")
            note = f"<p style='color:{t.error_text}'>{beyond}</p>"
        return f"<table cellspacing='2'>{rows}</table>{note}"

    def _draw_curves(self, spec: memory.ModelSpec, setup: memory.ServingSetup) -> None:
        contexts = memory.capacity_grid(memory.PLOT_MAX_CONTEXT)
        series = [(QCoreApplication.translate("CachePlot", "this model"), memory.capacity_curve(spec, setup, contexts))]
        if self.compare_box.currentIndex() == 0:
            series += [(v.name, memory.capacity_curve(v, setup, contexts)) for v in memory.attention_variants(spec)]
        else:
            series += [
                (
                    QCoreApplication.translate("CachePlot", label),
                    memory.capacity_curve(spec, replace(setup, cache_dtype=dtype), contexts),
                )
                for dtype, label in CAPACITY_DTYPES
            ]
        t = self.theme
        pens = [pg.mkPen(t.text, width=t.line_px * 2.2)] + [
            pg.mkPen(colour, width=t.line_px, style=style) for colour, style in CURVE_STYLES
        ]
        pairs = zip(series, pens[: len(series)], strict=True)
        # a variant whose heads this tp cannot split is left out (None)
        curves = [(label, _log_sequences(counts), pen) for (label, counts), pen in pairs if counts is not None]
        self.plot.set_curves(contexts, curves)
        item = self.plot.item
        item.setXRange(math.log10(contexts[0]), math.log10(contexts[-1]), padding=0.02)
        item.getAxis("bottom").setTicks([[(k, count_label(10**k)) for k in range(2, 7)], []])
        item.getAxis("left").setTicks([[(k, count_label(10**k)) for k in range(0, 9)], []])
        gpus = f"{setup.tp * setup.pp} × {setup.gpu.label}" if setup.tp * setup.pp > 1 else setup.gpu.label
        detail = QCoreApplication.translate("ServingView", "tp {tp}, pp {pp}, {dtype} cache")
        self.plot.set_title(gpus, detail.format(tp=setup.tp, pp=setup.pp, dtype=setup.cache_dtype))


def _say_fixed_texts(view: ServingView) -> None:
    """Labels, tips and the comparison's choices in the language installed now."""
    labels = (
        QCoreApplication.translate("ServingView", "TP"),
        QCoreApplication.translate("ServingView", "PP"),
        QCoreApplication.translate("ServingView", "GPU use"),
        QCoreApplication.translate("ServingView", "Block"),
        QCoreApplication.translate("ServingView", "Allowance"),
        QCoreApplication.translate("ServingView", "Shared prefix"),
        QCoreApplication.translate("ServingView", "Compare"),
    )
    for label, text in zip(view._labels, labels, strict=True):
        label.setText(text)
    for box, tip in (
        (
            view.tp_box,
            QCoreApplication.translate("ServingView", "Tensor-parallel degree: GPUs that split every layer"),
        ),
        (
            view.pp_box,
            QCoreApplication.translate("ServingView", "Pipeline-parallel degree: GPUs that each hold a run of layers"),
        ),
        (
            view.util_box,
            QCoreApplication.translate(
                "ServingView", "Fraction of each GPU's memory the engine may use (vLLM's gpu_memory_utilization)"
            ),
        ),
        (view.block_box, QCoreApplication.translate("ServingView", "Tokens per cache block")),
        (
            view.overhead_box,
            QCoreApplication.translate(
                "ServingView", "Activations and runtime per GPU: an allowance, not a measurement"
            ),
        ),
        (
            view.prefix_box,
            QCoreApplication.translate("ServingView", "Tokens of a prompt prefix every sequence shares (counted once)"),
        ),
        (
            view.compare_box,
            QCoreApplication.translate("ServingView", "Which alternatives the capacity plot draws beside this model"),
        ),
    ):
        box.setToolTip(tip)
    for i, text in enumerate(COMPARISONS):
        view.compare_box.setItemText(i, QCoreApplication.translate("ServingView", text))
