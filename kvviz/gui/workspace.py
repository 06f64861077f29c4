"""The views and the controller inside the main window, wired together.

Built once per window. It places the panels (central attention pair, docks for the
model, help, cache, plots, paged cache and memory explorer), connects the window's actions and toolbar to the
controller, passes every record to every view, and keeps the actions, toolbar and
status bar in step with the controller's state.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pyqtgraph as pg
import torch
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QSplitter, QVBoxLayout, QWidget

from kvviz.core.checkpoint import SHAPE_FIELDS, CheckpointError, build_model, weights_from_text, weights_label
from kvviz.core.config import ConfigError
from kvviz.core.defaults import DEFAULT_PROMPT, DEFAULT_WEIGHTS, default_config
from kvviz.core.engine import Engine
from kvviz.core.record import Mode, StepRecord
from kvviz.gui.controller import Controller
from kvviz.gui.eviction_probe_runner import EvictionProbeRunner
from kvviz.gui.settings import MODEL_FIELDS, RUN_DEFAULTS
from kvviz.gui.views.attention_image import SharedScoreLevels
from kvviz.gui.views.attention_panel import AttentionPanel, link_views
from kvviz.gui.views.cache_view import KVCacheView
from kvviz.gui.views.cell_info import CellInspector
from kvviz.gui.views.controls import ModelChoice, ModelControls, make_policy
from kvviz.gui.views.help import HelpPanel
from kvviz.gui.views.legend import Legend
from kvviz.gui.views.memory_panel import MemoryPanel
from kvviz.gui.views.paged_view import PagedCacheView
from kvviz.gui.views.plots import PlotsPanel
from kvviz.gui.views.readouts import status_fields
from kvviz.gui.views.token_strip import TokenStrip

if TYPE_CHECKING:
    from kvviz.gui.main_window import MainWindow


#: Settings that describe the run.
MODEL_KEYS = [
    *(f"model/{name}" for name in MODEL_FIELDS),
    "model/prompt",
    "model/max_new_tokens",
    *RUN_DEFAULTS,
    "model/weights",
]

WINDOW_TITLE = "kvviz — watch the KV cache work"


def choice_from_settings(values: dict) -> ModelChoice:
    """The run the settings describe; a value the core rejects raises ConfigError."""
    fields = {name: values[f"model/{name}"] for name in MODEL_FIELDS}
    fields["head_dim"] = fields["head_dim"] or None
    config = default_config().replace(**fields)
    policy = make_policy(values["model/policy"], values["model/window"], values["model/sinks"])
    return ModelChoice(
        config,
        values["model/prompt"],
        values["model/max_new_tokens"] or None,
        policy,
        values["model/cache_dtype"],
        weights_from_text(values["model/weights"]),
    )


def engine_for(choice: ModelChoice) -> Engine:
    """The run ``choice`` describes; bad weights raise CheckpointError, an impossible choice ConfigError."""
    model = build_model(choice.config, choice.weights)
    return Engine(
        choice.config,
        choice.prompt,
        model=model,
        max_new_tokens=choice.max_new_tokens,
        policy=choice.policy,
        cache_dtype=choice.cache_dtype,
    )


def context_limit_message(record: StepRecord) -> str:
    """Why a full-cache run cannot go on, and what would let it; "" when that is not what stopped it."""
    c = record.config
    if record.policy.evicts or record.n_tokens < c.context_length:
        return ""
    return (
        f"Stopped at the context length: all {c.context_length} cache positions hold tokens and the full "
        "cache keeps every key, so there is no room for the next one. Choose a Sliding window or "
        "Sinks + window cache policy to keep generating: old keys are evicted and the cache stays the same size."
    )


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
        self.choice, engine, notice, weights_problem = self._first_run()
        self.controller = Controller(engine, self)
        self.controller.set_steps_per_second(self.settings.get("play/steps_per_second"))

        levels = SharedScoreLevels()  # both panels show the same scores, in different colours
        self.uncached = AttentionPanel(Mode.UNCACHED, theme, levels=levels)
        self.cached = AttentionPanel(Mode.CACHED, theme, levels=levels)
        self.cached.view.disableAutoRange()  # follows the uncached panel, which fits and follows growth
        link_views(self.uncached.view, self.cached.view)
        self.legend = Legend(theme)
        self.inspector = CellInspector(theme)
        self.tokens = TokenStrip(theme)
        self.cache_view = KVCacheView(theme)
        self.plots = PlotsPanel(theme)
        self.controls = ModelControls(theme)
        self.help = HelpPanel(theme)
        self.eviction_probe = EvictionProbeRunner(self.controller, self.help, self)
        self.paged = PagedCacheView(theme)
        self.memory = MemoryPanel(theme=theme)

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
            "controls": self._dock("controls", "Model", self.controls, left, scroll=True),
            "help": self._dock("help", "What am I looking at?", self.help, left),
            "kv_cache": self._dock("kv_cache", "KV cache", self.cache_view, bottom),
            "plots": self._dock("plots", "Plots", self.plots, bottom),
            "paged": self._dock("paged", "Paged cache", self.paged, bottom),
            "memory": self._dock("memory", "Memory explorer", self.memory, bottom, scroll=True),
        }
        window.tabifyDockWidget(self.docks["controls"], self.docks["help"])
        window.splitDockWidget(self.docks["kv_cache"], self.docks["plots"], Qt.Orientation.Horizontal)
        window.tabifyDockWidget(self.docks["plots"], self.docks["paged"])
        self.docks["paged"].visibilityChanged.connect(self.paged.exposed)
        window.tabifyDockWidget(self.docks["kv_cache"], self.docks["memory"])
        self.docks["plots"].raise_()
        self.docks["kv_cache"].raise_()

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
            "paged": self.paged,
            "memory": self.memory,
        }

        self._connect()
        self._select(self.settings.get("view/layer"), self.settings.get("view/head"), rebuild_boxes=True)
        self.controls.set_policy_numbers(self.settings.get("model/window"), self.settings.get("model/sinks"))
        self.controls.set_choice(self.choice)
        if weights_problem:
            self.controls.show_error("weights", weights_problem)
        self._model_changed()
        self.window.speed.setValue(self.controller.steps_per_second)
        self._show_history(self.controller.history)
        self._show(self.controller.current)
        self.uncached.fit()
        self._sync()
        central.setFocus()
        if notice:
            window.statusBar().showMessage(notice, 10_000)

    # -- building ------------------------------------------------------------------------------

    def _first_run(self) -> tuple[ModelChoice, Engine, str, str]:
        """The run the saved settings describe, or the default run if the saved one is unusable.

        Weights that cannot be loaded (the trained file missing or damaged, or a shape that
        differs from the file's) give way to random weights of the same shape. Returns the
        choice, its engine, a notice for the status bar and the weights problem ("" if none).
        """
        values = {key: self.settings.get(key) for key in MODEL_KEYS}
        notice = ""
        try:
            saved = choice_from_settings(values)
        except ConfigError as exc:
            saved = None
            notice = f"Saved model settings were not usable ({exc}); using the defaults."
        default = ModelChoice(default_config(), DEFAULT_PROMPT, None, weights=DEFAULT_WEIGHTS)
        problem = ""
        for choice in (saved, default):
            if choice is None:
                continue
            for weights in dict.fromkeys((choice.weights, "random")):
                candidate = replace(choice, weights=weights)
                try:
                    engine = engine_for(candidate)
                except CheckpointError as exc:
                    problem = problem or f"{exc} — running random weights instead"
                    continue
                except ConfigError as exc:
                    if exc.field in SHAPE_FIELDS:  # the saved shape differs from the weights' shape
                        problem = problem or f"{exc} — running random weights instead"
                    else:
                        notice = notice or f"Saved model settings were not usable ({exc}); using the defaults."
                        break
                    continue
                if problem and not notice:
                    notice = f"Weights not loaded: {problem}"
                return candidate, engine, notice, problem
        raise RuntimeError("the default model could not be built")  # a bug in the defaults, not user input

    def arrange_docks(self) -> None:
        """The first-launch layout: help in front, and most of the window for the matrices."""
        window, docks = self.window, self.docks
        docks["help"].raise_()
        docks["plots"].raise_()
        docks["kv_cache"].raise_()
        width, height = window.width(), window.height()
        window.resizeDocks([docks["controls"]], [min(340, int(0.21 * width))], Qt.Orientation.Horizontal)
        window.resizeDocks([docks["kv_cache"]], [min(330, int(0.27 * height))], Qt.Orientation.Vertical)
        window.resizeDocks([docks["kv_cache"], docks["plots"]], [width // 2, width // 2], Qt.Orientation.Horizontal)

    def _dock(
        self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea, *, scroll: bool = False
    ) -> QDockWidget:
        """A dock for ``widget``; ``scroll`` for tall panels, so they never force the window's height."""
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock_{key}")  # saved window states refer to docks by this name
        if scroll:
            area_widget = QScrollArea()
            area_widget.setWidget(widget)
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            dock.setWidget(area_widget)
        else:
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
        a.step.triggered.connect(c.request_step)
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
        c.stopped.connect(self._on_stopped)
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
        except CheckpointError as exc:
            self.controls.show_error("weights", f"{exc} — the previous model keeps running")
            return False
        except (MemoryError, RuntimeError) as exc:
            self.controls.show_error("model", f"could not build this model: {exc}")
            return False
        self.choice = choice
        self.controller.replace_engine(engine)
        self._select(self._layer, self._head, rebuild_boxes=True)
        self.uncached.fit()
        self.controls.set_choice(choice)
        self._model_changed()
        c = choice.config
        cache = choice.policy.kind if choice.policy.evicts else "full"
        self.window.statusBar().showMessage(
            f"Model rebuilt: {weights_label(choice.weights)} weights, {c.attention_kind}, {c.n_layers} layers, "
            f"{c.n_heads} heads, {c.n_kv_heads} kv-heads; {cache} cache in {choice.cache_dtype} storage",
            6000,
        )
        self.central.setFocus()
        return True

    def _model_changed(self) -> None:
        """Tell the views that follow the model's shape rather than its records, and name the weights."""
        self.memory.set_tiny_config(self.choice.config)
        self.paged.set_config(self.choice.config)
        self.window.setWindowTitle(f"{WINDOW_TITLE} · {weights_label(self.choice.weights)} weights")

    def _on_stopped(self, reason: str) -> None:
        limit = context_limit_message(self.controller.history[-1])
        message = f"Stopped: {reason}"
        if limit:
            message += " — a Sliding window or Sinks + window cache policy keeps generating"
        self.window.statusBar().showMessage(message, 15_000)

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
        for view in (
            self.uncached,
            self.cached,
            self.legend,
            self.inspector,
            self.tokens,
            self.cache_view,
            self.plots,
            self.paged,
        ):
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
        at_limit = not c.can_step_forward() and c.current.step == steps - 1
        self.controls.show_limit(context_limit_message(c.current) if at_limit else "")
        message = w.statusBar().currentMessage()
        if c.step_waiting:
            w.statusBar().showMessage(f"Computing step {c.current.step + 1} …")
        elif message.startswith("Computing step") or (not c.playing and message.startswith("Running to the end")):
            w.statusBar().clearMessage()

    # -- settings ------------------------------------------------------------------------------

    def save_settings(self) -> None:
        choice = self.choice
        values = {f"model/{name}": getattr(choice.config, name) for name in MODEL_FIELDS}
        values["model/head_dim"] = choice.config.head_dim or 0
        values["model/prompt"] = choice.prompt
        values["model/max_new_tokens"] = choice.max_new_tokens or 0
        values["model/policy"] = choice.policy.kind
        window, sinks = self.controls.spins["window"].value(), self.controls.spins["sinks"].value()
        values["model/window"] = choice.policy.window or window
        values["model/sinks"] = choice.policy.sinks or sinks
        values["model/cache_dtype"] = choice.cache_dtype
        values["model/weights"] = str(choice.weights)
        values["view/layer"] = self._layer
        values["view/head"] = self._head
        values["play/steps_per_second"] = self.controller.steps_per_second
        self.settings.update(values)
