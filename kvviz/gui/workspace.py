"""The views and the controller inside the main window, wired together.

Built once per window. It places the panels (central attention pair, docks for the
model, help, cache and plots), connects the window's actions and toolbar to the
controller, passes every record to every view, and keeps the actions, toolbar and
status bar in step with the controller's state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg
import torch
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QSplitter, QVBoxLayout, QWidget

from kvviz.core.config import ConfigError
from kvviz.core.defaults import DEFAULT_PROMPT, default_config
from kvviz.core.engine import Engine
from kvviz.core.record import Mode, StepRecord
from kvviz.gui.attention_panel import AttentionPanel, link_views
from kvviz.gui.cache_view import KVCacheView
from kvviz.gui.cell_info import CellInspector
from kvviz.gui.controller import Controller
from kvviz.gui.controls import ModelChoice, ModelControls
from kvviz.gui.help import HelpPanel
from kvviz.gui.legend import Legend
from kvviz.gui.plots import PlotsPanel
from kvviz.gui.readouts import status_fields
from kvviz.gui.settings import MODEL_FIELDS
from kvviz.gui.token_strip import TokenStrip

if TYPE_CHECKING:
    from kvviz.gui.main_window import MainWindow


#: Settings that describe the run.
MODEL_KEYS = [f"model/{name}" for name in MODEL_FIELDS] + ["model/prompt", "model/max_new_tokens"]


def choice_from_settings(values: dict) -> ModelChoice:
    """The run the settings describe; a value the core rejects raises ConfigError."""
    fields = {name: values[f"model/{name}"] for name in MODEL_FIELDS}
    fields["head_dim"] = fields["head_dim"] or None
    config = default_config().replace(**fields)
    return ModelChoice(config, values["model/prompt"], values["model/max_new_tokens"] or None)


def engine_for(choice: ModelChoice) -> Engine:
    return Engine(choice.config, choice.prompt, max_new_tokens=choice.max_new_tokens)


class Workspace(QObject):
    """Owns the controller and the views of one window; ``panels`` names every view."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
        # The app's models are tiny: per-operation overhead dominates, and OpenMP workers spinning
        # against the GUI thread (and anything else running) made steps up to 100× slower on a busy
        # 2-core machine. One intra-op thread keeps a step's time predictable.
        torch.set_num_threads(1)
        self.window = window
        self.settings = window.settings
        theme = window.theme

        self._layer = self._head = 0
        self.choice, engine, notice = self._first_run()
        self.controller = Controller(engine, self)
        self.controller.set_steps_per_second(self.settings.get("play/steps_per_second"))

        self.uncached = AttentionPanel(Mode.UNCACHED, theme)
        self.cached = AttentionPanel(Mode.CACHED, theme)
        self.cached.view.disableAutoRange()  # follows the uncached panel, which fits and follows growth
        link_views(self.uncached.view, self.cached.view)
        self.legend = Legend(theme)
        self.inspector = CellInspector(theme)
        self.tokens = TokenStrip(theme)
        self.cache_view = KVCacheView(theme)
        self.plots = PlotsPanel(theme)
        self.controls = ModelControls(theme)
        self.help = HelpPanel(theme)

        pair = QSplitter(Qt.Orientation.Horizontal)
        pair.setChildrenCollapsible(False)
        pair.addWidget(self.uncached)
        pair.addWidget(self.cached)
        self.attention_pair = pair
        self.attention = QWidget()
        box = QVBoxLayout(self.attention)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(pair, 1)
        box.addWidget(self.legend)
        box.addWidget(self.inspector)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 2, 4, 2)
        column.setSpacing(4)
        column.addWidget(self.tokens)
        column.addWidget(self.attention, 1)
        window.setCentralWidget(central)
        central.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # where focus rests so Space and arrows step
        self.central = central

        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        self.docks = {
            "controls": self._dock("controls", "Model", self.controls, left),
            "help": self._dock("help", "What am I looking at?", self.help, left),
            "kv_cache": self._dock("kv_cache", "KV cache", self.cache_view, bottom),
            "plots": self._dock("plots", "Plots", self.plots, bottom),
        }
        window.tabifyDockWidget(self.docks["controls"], self.docks["help"])
        window.splitDockWidget(self.docks["kv_cache"], self.docks["plots"], Qt.Orientation.Horizontal)

        self.panels: dict[str, QWidget] = {
            "attention_uncached": self.uncached,
            "attention_cached": self.cached,
            "attention_pair": self.attention_pair,
            "attention": self.attention,
            "legend": self.legend,
            "inspector": self.inspector,
            "tokens": self.tokens,
            "kv_cache": self.cache_view,
            "plots": self.plots,
            **self.plots.plots,
            "controls": self.controls,
            "help": self.help,
        }

        self._connect()
        self._select(self.settings.get("view/layer"), self.settings.get("view/head"), rebuild_boxes=True)
        self.controls.set_choice(self.choice)
        self.window.speed.setValue(self.controller.steps_per_second)
        self._show_history(self.controller.history)
        self._show(self.controller.current)
        self.uncached.fit()
        self._sync()
        central.setFocus()
        if notice:
            window.statusBar().showMessage(notice, 10_000)

    # -- building ------------------------------------------------------------------------------

    def _first_run(self) -> tuple[ModelChoice, Engine, str]:
        """The run the saved settings describe, or the default run if the saved one is unusable."""
        values = {key: self.settings.get(key) for key in MODEL_KEYS}
        try:
            choice = choice_from_settings(values)
            return choice, engine_for(choice), ""
        except ConfigError as exc:
            choice = ModelChoice(default_config(), DEFAULT_PROMPT, None)
            return choice, engine_for(choice), f"Saved model settings were not usable ({exc}); using the defaults."

    def arrange_docks(self) -> None:
        """The first-launch layout: help in front, and most of the window for the matrices."""
        window, docks = self.window, self.docks
        docks["help"].raise_()
        width, height = window.width(), window.height()
        window.resizeDocks([docks["controls"]], [min(340, int(0.21 * width))], Qt.Orientation.Horizontal)
        window.resizeDocks([docks["kv_cache"]], [min(330, int(0.27 * height))], Qt.Orientation.Vertical)
        window.resizeDocks([docks["kv_cache"], docks["plots"]], [width // 2, width // 2], Qt.Orientation.Horizontal)

    def _dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock_{key}")  # saved window states refer to docks by this name
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.window.addDockWidget(area, dock)
        self.window.view_menu.addAction(dock.toggleViewAction())
        return dock

    def _connect(self) -> None:
        w, c, a = self.window, self.controller, self.window.actions
        a.step.triggered.connect(c.step_forward)
        a.step_back.triggered.connect(c.step_back)
        a.play.triggered.connect(c.toggle_play)
        a.first.triggered.connect(c.go_first)
        a.run_to_end.triggered.connect(c.run_to_end)
        a.reset.triggered.connect(c.reset)
        a.fit.triggered.connect(self.uncached.fit)
        a.help.triggered.connect(self._show_help)
        w.speed.valueChanged.connect(c.set_steps_per_second)
        w.step_slider.valueChanged.connect(c.go_to)
        w.layer_box.currentIndexChanged.connect(lambda i: self._select(i, self._head))
        w.head_box.currentIndexChanged.connect(lambda i: self._select(self._layer, i))
        c.record_changed.connect(self._show)
        c.history_changed.connect(self._show_history)
        c.state_changed.connect(self._sync)
        c.stopped.connect(lambda reason: w.statusBar().showMessage(f"Stopped: {reason}", 10_000))
        self.uncached.cell_hovered.connect(self._hover)
        self.cached.cell_hovered.connect(self._hover)
        self.plots.step_clicked.connect(c.go_to)
        self.controls.apply_requested.connect(self.apply)

    # -- reacting ----------------------------------------------------------------------------

    def apply(self, choice: ModelChoice) -> bool:
        """Rebuild the model for ``choice``; an impossible one is explained and the run kept."""
        try:
            engine = engine_for(choice)
        except ConfigError as exc:
            self.controls.show_error(exc.field, exc.rule)
            return False
        except (MemoryError, RuntimeError) as exc:
            self.controls.show_error("model", f"could not build this model: {exc}")
            return False
        self.choice = choice
        self.controller.replace_engine(engine)
        self._select(self._layer, self._head, rebuild_boxes=True)
        self.uncached.fit()
        self.controls.set_choice(choice)
        self.window.statusBar().showMessage(
            f"Model rebuilt: {choice.config.attention_kind}, {choice.config.n_layers} layers, "
            f"{choice.config.n_heads} heads, {choice.config.n_kv_heads} kv-heads",
            6000,
        )
        self.central.setFocus()
        return True

    def _select(self, layer: int, head: int, *, rebuild_boxes: bool = False) -> None:
        config = self.controller.config
        layer = max(0, min(layer, config.n_layers - 1))
        head = max(0, min(head, config.n_heads - 1))
        self._layer, self._head = layer, head
        w = self.window
        if rebuild_boxes:
            for box, count, label in ((w.layer_box, config.n_layers, "layer"), (w.head_box, config.n_heads, "head")):
                box.blockSignals(True)
                box.clear()
                box.addItems([str(i) for i in range(count)])
                box.setToolTip(f"{count} {label}s")
                box.blockSignals(False)
        for box, value in ((w.layer_box, layer), (w.head_box, head)):
            box.blockSignals(True)
            box.setCurrentIndex(value)
            box.blockSignals(False)
        for view in (self.uncached, self.cached, self.inspector):
            view.set_selection(layer, head)

    def _show(self, record: StepRecord) -> None:
        for view in (self.uncached, self.cached, self.inspector, self.tokens, self.cache_view, self.plots):
            view.set_record(record)
        self._show_status(record)

    def _show_history(self, history: tuple[StepRecord, ...]) -> None:
        self.plots.set_history(history)

    def _show_status(self, record: StepRecord) -> None:
        fields = status_fields(record, len(self.controller.history))
        labels = self.window.status_labels
        for name in labels:
            labels[name].setText(getattr(fields, name))
        if self.controller.running_to_end:
            self.window.statusBar().showMessage(f"Running to the end: step {record.step} (P pauses)")

    def _hover(self, row: int, col: int) -> None:
        self.uncached.set_highlight(row, col)
        self.cached.set_highlight(row, col)
        self.inspector.set_cell(row, col)

    def _show_help(self) -> None:
        dock = self.docks["help"]
        dock.show()
        dock.raise_()

    def _sync(self) -> None:
        """Enable what can be done now; move the slider and play button to the state."""
        c, a, w = self.controller, self.window.actions, self.window
        forward = c.can_step_forward()
        back = c.can_step_back()
        a.step.setEnabled(forward)
        a.run_to_end.setEnabled(forward or c.running_to_end)
        a.play.setEnabled(forward or c.playing)
        a.play.setChecked(c.playing)
        a.play.setText("Pause" if c.playing else "Play")
        a.step_back.setEnabled(back)
        a.first.setEnabled(back)
        for action in (a.reset, a.fit, a.help, a.quit):
            action.setEnabled(True)
        steps = len(c.history)
        w.step_slider.blockSignals(True)
        w.step_slider.setRange(0, steps - 1)
        w.step_slider.setValue(c.current.step)
        w.step_slider.blockSignals(False)
        w.step_label.setText(f"step {c.current.step} / {steps - 1}")
        if not c.playing and w.statusBar().currentMessage().startswith("Running to the end"):
            w.statusBar().clearMessage()

    # -- settings ------------------------------------------------------------------------------

    def save_settings(self) -> None:
        choice = self.choice
        values = {f"model/{name}": getattr(choice.config, name) for name in MODEL_FIELDS}
        values["model/head_dim"] = choice.config.head_dim or 0
        values["model/prompt"] = choice.prompt
        values["model/max_new_tokens"] = choice.max_new_tokens or 0
        values["view/layer"] = self._layer
        values["view/head"] = self._head
        values["play/steps_per_second"] = self.controller.steps_per_second
        self.settings.update(values)
