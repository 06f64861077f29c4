"""Memory explorer panel: what the KV cache costs for published models and any config.json, and how many
sequences fit when serving them.

Every number shown comes from a :class:`kvviz.memory.MemoryReport`, a
:class:`kvviz.memory.ServingPlan` or a curve computed by :mod:`kvviz.memory`; this widget
only picks the inputs and lays out the views that show them: the figures column
(:mod:`~kvviz.gui.views.memory_figures`) and, behind two buttons, the "Cache size" plots
(:mod:`~kvviz.gui.views.memory_plots`) or the "Serving" page (:mod:`~kvviz.gui.views.memory_serving`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kvviz import memory
from kvviz.gui import theme as th
from kvviz.gui.views.language import FollowsLanguage
from kvviz.gui.views.memory_compare import ComparePage
from kvviz.gui.views.memory_figures import FiguresView
from kvviz.gui.views.memory_plots import CacheSizePage
from kvviz.gui.views.memory_serving import ServingView, spin_box

if TYPE_CHECKING:
    from kvviz.memory.sources import TinyConfig

DEFAULT_MODEL = "llama-2-7b"
DEFAULT_GPU = "h100-80gb"


class MemoryPanel(FollowsLanguage, QWidget):
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
        self._restyled = True  # False from a theme switch until the curves are drawn in the new theme

        self.model_box = QComboBox()
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for model_id in memory.PRESET_IDS:
            spec = memory.preset(model_id)
            self.model_box.addItem(f"{model_id} — {spec.name}", spec)
        self.load_button = QPushButton()
        self.context_box = self._spin(1, 10_000_000, 4096, "")
        self.batch_box = self._spin(1, 65_536, 1, "")
        self.dtype_box = QComboBox()
        self.dtype_box.addItems(memory.DTYPES)
        self.cache_dtype_box = QComboBox()
        self.cache_dtype_box.addItem("", None)  # "as weights", worded by retranslate
        for dtype in memory.DTYPES:
            self.cache_dtype_box.addItem(dtype, dtype)
        self.gpu_box = QComboBox()
        for gpu in memory.GPUS:
            self.gpu_box.addItem(f"{gpu.label} ({gpu.bytes // 2**20:,} MiB)", gpu.name)
        self.gpu_box.setCurrentIndex(memory.GPU_NAMES.index(DEFAULT_GPU))
        self._tiny: TinyConfig | None = None  # the app's model as listed (see set_tiny_config)
        self._loaded: dict[str, tuple[dict, Path]] = {}  # a loaded config's data by its source, worded on a switch
        self.error_label = QLabel()
        self.error_label.setStyleSheet(th.ERROR_TEXT_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.figures = FiguresView(theme)
        self.cache_size = CacheSizePage(theme)
        self.serving = ServingView(theme)
        self.compare = ComparePage(theme)

        controls = QGridLayout()
        self._labels = {name: QLabel() for name in ("model", "context", "batch", "weights", "cache", "gpu")}
        controls.addWidget(self._labels["model"], 0, 0)
        controls.addWidget(self.model_box, 0, 1, 1, 3)
        controls.addWidget(self.load_button, 0, 4)
        form = QHBoxLayout()
        for label, box in (
            ("context", self.context_box),
            ("batch", self.batch_box),
            ("weights", self.dtype_box),
            ("cache", self.cache_dtype_box),
            ("gpu", self.gpu_box),
        ):
            row = QFormLayout()
            row.addRow(self._labels[label], box)
            form.addLayout(row)
        form.addStretch(1)
        controls.addLayout(form, 1, 0, 1, 5)
        controls.setColumnStretch(3, 1)

        # Two pages behind two buttons rather than a tab bar: the panel already sits in a tabbed dock.
        self.pages = QStackedWidget()
        self.page_buttons = QButtonGroup(self)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for index, page in enumerate((self.cache_size, self.serving, self.compare)):
            self.pages.addWidget(page)
            button = QPushButton()
            button.setCheckable(True)
            button.setChecked(index == 0)
            self.page_buttons.addButton(button, index)
            switch.addWidget(button)
        switch.addStretch(1)
        _say_fixed_texts(self)
        self.page_buttons.idClicked.connect(self.pages.setCurrentIndex)
        right = QVBoxLayout()
        right.addLayout(switch)
        right.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.addWidget(self.figures, 2)  # tables wrap their cells when narrow; the plots get the rest
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

    def retranslate(self) -> None:
        """Every text of the explorer again in the language installed now; every choice stays."""
        _say_fixed_texts(self)
        for index, model_id in enumerate(memory.PRESET_IDS):  # their notes, worded when the spec is made
            self.model_box.setItemData(index, memory.preset(model_id))
        if self._tiny is not None:
            self.set_tiny_config(self._tiny)
        for index in range(self.model_box.count()):
            loaded = self._loaded.get(getattr(self.model_box.itemData(index), "source", None))
            if loaded is not None:
                self.model_box.setItemData(index, memory.config_spec(*loaded))
        for page in (self.figures, self.serving, self.compare, self.cache_size):
            page.retranslate()
        self._curve_key = None  # the curves' names are worded too
        self.refresh()

    def apply_theme(self, theme: th.Theme) -> None:
        """Plots, curves and readouts in ``theme``: the model, context and every other choice stay.

        The curves are drawn again now if the panel is shown, else when it is next shown: the
        explorer usually sits behind another tab, and its curves cost most of a switch.
        """
        self.theme = theme
        self.cache_size.apply_theme(theme)
        self.serving.apply_theme(theme)
        self.compare.apply_theme(theme)
        self._curve_key = None  # the curves' pens are the theme's
        self._restyled = False
        self.exposed(self.isVisible() and not self.visibleRegion().isEmpty())  # not behind another tab

    def exposed(self, visible: bool) -> None:
        """The panel came to the front (its dock's visibilityChanged): draw a theme switch's curves now."""
        if visible and not self._restyled:
            self._restyled = True
            self.serving.redraw_curves()
            self.refresh()

    # -- building -----------------------------------------------------------------------

    @staticmethod
    def _spin(low: int, high: int, value: int, tip: str) -> QSpinBox:
        box = spin_box(low, high, value, tip)
        box.setMinimumWidth(110)
        return box

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
        self._tiny = config
        spec = memory.spec_from_model_config(config)
        text = QCoreApplication.translate("MemoryPanel", "tiny — this app's model ({attention}, {dtype})").format(
            attention=spec.attention_label, dtype=config.dtype
        )
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
            data, source = memory.read_config(path)
            spec = memory.config_spec(data, source)
            memory.memory_report(spec, self.context_box.value(), self.batch_box.value())  # refused before it is listed
        except memory.SpecError as exc:
            self.error_label.setText(
                QCoreApplication.translate("MemoryPanel", "Cannot use {path}: {error}").format(path=path, error=exc)
            )
            self.error_label.show()
            return False
        self.error_label.hide()
        self._loaded[spec.source] = (data, source)
        self.model_box.addItem(f"{Path(spec.source).name} — {spec.name}", spec)
        self.model_box.setCurrentIndex(self.model_box.count() - 1)
        return True

    def _on_load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("MemoryPanel", "Load config.json"),
            "",
            QCoreApplication.translate("MemoryPanel", "JSON (*.json);;All files (*)"),
        )
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
        self.figures.show_report(report, self.gpu_name)
        key = (spec, cache_dtype, batch)
        if key != self._curve_key:
            self._curve_key = key
            self.cache_size.draw_curves(spec, cache_dtype, batch)
        self.cache_size.draw_markers(report, self.gpu_name)
        self.serving.set_inputs(spec, self.gpu, report.context, dtype, cache_dtype)
        self.compare.set_inputs(spec, cache_dtype, batch, report.context)

    def show_page(self, index: int) -> None:
        """Show the cache-size plots (0), the serving page (1) or the pinned bars (2), as the buttons above them do."""
        self.page_buttons.button(index).setChecked(True)
        self.pages.setCurrentIndex(index)


def _say_fixed_texts(panel: MemoryPanel) -> None:
    """Labels, buttons and tips in the language installed now."""

    for name, text in (
        ("model", QCoreApplication.translate("MemoryPanel", "Model")),
        ("context", QCoreApplication.translate("MemoryPanel", "Context")),
        ("batch", QCoreApplication.translate("MemoryPanel", "Batch")),
        ("weights", QCoreApplication.translate("MemoryPanel", "Weights")),
        ("cache", QCoreApplication.translate("MemoryPanel", "Cache")),
        ("gpu", QCoreApplication.translate("MemoryPanel", "GPU")),
    ):
        panel._labels[name].setText(text)
    panel.load_button.setText(QCoreApplication.translate("MemoryPanel", "Load config.json…"))
    panel.load_button.setToolTip(
        QCoreApplication.translate("MemoryPanel", "Read a Hugging Face config.json (plain JSON) and show its cache")
    )
    panel.context_box.setToolTip(QCoreApplication.translate("MemoryPanel", "Tokens per sequence"))
    panel.batch_box.setToolTip(QCoreApplication.translate("MemoryPanel", "Sequences held in the cache at once"))
    panel.dtype_box.setToolTip(
        QCoreApplication.translate(
            "MemoryPanel", "Element type of the weights; a model starts at its config's torch_dtype"
        )
    )
    panel.cache_dtype_box.setItemText(0, QCoreApplication.translate("MemoryPanel", "as weights"))
    panel.cache_dtype_box.setToolTip(
        QCoreApplication.translate(
            "MemoryPanel", "Element type of the KV cache (quantized types add a float16 scale per vector)"
        )
    )
    panel.gpu_box.setToolTip(QCoreApplication.translate("MemoryPanel", "GPU memory as nvidia-smi reports it"))
    for index, (text, tip) in enumerate(
        (
            (
                QCoreApplication.translate("MemoryPanel", "Cache size"),
                QCoreApplication.translate(
                    "MemoryPanel", "Cache bytes against context: attention variants and cache dtypes"
                ),
            ),
            (
                QCoreApplication.translate("MemoryPanel", "Serving"),
                QCoreApplication.translate(
                    "MemoryPanel", "How many sequences fit on GPUs, with tensor and pipeline parallelism"
                ),
            ),
            (
                QCoreApplication.translate("MemoryPanel", "Compare"),
                QCoreApplication.translate(
                    "MemoryPanel", "Pinned configurations as bars at the chosen context, on a linear axis"
                ),
            ),
        )
    ):
        button = panel.page_buttons.button(index)
        button.setText(text)
        button.setToolTip(tip)
