"""One window's run on screen: the controller, the selection, the views, and the wires between them.

Data flows one way: the controller emits the record and a frozen :class:`NavState`, the
session hands them to every view, to the actions (:meth:`Actions.sync`) and to the
toolbar and status bar, and never asks the controller back. Commands (actions, toolbar,
the model panel's Apply) go to the controller. A theme switch reaches every view through the
window's :class:`~kvviz.gui.theme.ThemeSwitch`. The session is built around a run that exists
already: the app's first run, or the run an export shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import torch
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QComboBox, QFileDialog, QMainWindow, QStatusBar, QWidget

from kvviz.core.checkpoint import CheckpointError
from kvviz.core.config import ConfigError
from kvviz.core.decoder import ModelSource
from kvviz.core.engine import context_full
from kvviz.core.head_sharing import head_label
from kvviz.core.policy import CachePolicy
from kvviz.core.record import StepRecord
from kvviz.core.run import Run, RunSpec, build_run
from kvviz.core.shape_change import CacheSetting, compare
from kvviz.gui.controller import Controller
from kvviz.gui.eviction_probe_runner import EvictionProbeRunner
from kvviz.gui.frame import Frame, step_text, window_title
from kvviz.gui.navigation import NavState
from kvviz.gui.run_settings import spec_to_settings
from kvviz.gui.selection import Selection
from kvviz.gui.views.controls import weights_text
from kvviz.gui.views.help import model_phrase
from kvviz.gui.views.plots import reference_series
from kvviz.gui.views.readouts import status_fields
from kvviz.gui.workspace import Workspace


def context_limit_message(record: StepRecord) -> str:
    """Why a full-cache run cannot go on, and what would let it; "" when that is not what stopped it."""
    if not context_full(record):
        return ""
    return QCoreApplication.translate(
        "Session",
        "Stopped at the context length: all {n} cache positions hold tokens and the full cache keeps every key, "
        "so there is no room for the next one. Choose a Sliding window or Sinks + window cache policy to keep "
        "generating: old keys are evicted and the cache stays the same size.",
    ).format(n=record.config.context_length)


def model_phrase_of(spec: RunSpec) -> str:
    """How the help page names the model of ``spec``: a model folder by its architecture and name."""
    c = spec.config
    family = spec.weights.family if isinstance(spec.weights, ModelSource) else None
    return model_phrase(weights_text(spec.weights), c.n_layers, c.n_heads, c.n_kv_heads, family)


def rebuilt_message(spec: RunSpec) -> str:
    """What the status bar says once the model panel's Apply has built ``spec``."""
    c = spec.config
    caches = {
        "full": QCoreApplication.translate("Session", "full"),
        "window": QCoreApplication.translate("Session", "sliding window"),
        "sink": QCoreApplication.translate("Session", "sinks + window"),
    }
    return QCoreApplication.translate(
        "Session",
        "Model rebuilt: {weights} weights, {kind}, {layers} layers, {heads} heads, {kv_heads} kv-heads; "
        "{cache} cache in {storage} storage",
    ).format(
        weights=weights_text(spec.weights),
        kind=c.attention_kind,
        layers=c.n_layers,
        heads=c.n_heads,
        kv_heads=c.n_kv_heads,
        cache=caches.get(spec.policy.kind if spec.policy.evicts else "full", spec.policy.kind),
        storage=spec.cache_dtype,
    )


class Session(QObject):
    """Shows ``run`` in ``window`` at ``layer``/``head``; ``policy_numbers`` are the W and S the model
    panel offers for a policy the run does not use; ``compute_ahead`` as for :class:`Controller`."""

    def __init__(
        self,
        window: Frame,
        run: Run,
        *,
        layer: int = 0,
        head: int = 0,
        policy_numbers: tuple[int, int] = (32, 4),
        compute_ahead: bool = True,
    ) -> None:
        super().__init__(window)
        # The app's models are tiny: per-operation overhead dominates, and OpenMP workers spinning
        # against the GUI thread (and anything else running) made steps up to 100× slower on a busy
        # 2-core machine. One intra-op thread keeps a step's time predictable.
        torch.set_num_threads(1)
        if run.spec is None:
            raise ValueError("a window shows runs built from a RunSpec (kvviz.core.run.build_run)")
        self.window = window
        self.spec: RunSpec = run.spec
        self.workspace = Workspace(window)
        self.controller = Controller(run, self, compute_ahead=compute_ahead)
        self.selection = Selection(self)
        self.eviction_probe = EvictionProbeRunner(self.controller, self.workspace.help, self)
        self.record = run.current  # the record shown
        self._nav: NavState | None = None
        self._progress = ""  # the status bar's message about a step in progress, cleared when it is done
        self.reference: CacheSetting | None = None  # the setting before the last change of it, kept to compare
        self.plot_reference: tuple[str, dict] = ("", {})  # its name and reference_series, for the plots
        window.attach(self.controller, self.selection, self.workspace.panels)
        self._connect()
        self.workspace.controls.set_policy_numbers(*policy_numbers)
        self._model_changed()
        self.selection.select(layer, head)
        self.controller.announce()
        self.workspace.uncached.fit()
        self.workspace.central.setFocus()

    def _connect(self) -> None:
        w, c, a, s, ws = self.window, self.controller, self.window.actions, self.selection, self.workspace
        a.step.triggered.connect(c.request_step)
        a.step_back.triggered.connect(c.step_back)
        a.play.triggered.connect(c.toggle_play)
        a.first.triggered.connect(lambda: c.go_to(0))
        a.run_to_end.triggered.connect(c.run_to_end)
        a.reset.triggered.connect(c.reset)
        a.fit.triggered.connect(ws.uncached.fit)
        a.help.triggered.connect(ws.show_help)
        a.open_model_folder.triggered.connect(self._ask_model_folder)
        w.speed.setValue(c.steps_per_second)
        w.speed.valueChanged.connect(c.set_steps_per_second)
        w.step_slider.valueChanged.connect(c.go_to)
        w.layer_box.currentIndexChanged.connect(s.set_layer)
        w.head_box.currentIndexChanged.connect(s.set_head)
        w.head_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "head 2 · K/V 1" in full
        s.limits_changed.connect(self._show_limits)
        s.changed.connect(self._show_selection)
        c.record_changed.connect(self._show_record)
        c.history_changed.connect(self._show_history)
        c.navigation_changed.connect(self._show_navigation)
        ws.uncached.cell_hovered.connect(self._hover)
        ws.cached.cell_hovered.connect(self._hover)
        ws.controls.apply_requested.connect(self.apply)
        ws.cache_view.heads.head_clicked.connect(s.set_head)
        ws.cache_view.change.clear_requested.connect(self.clear_reference)
        for view in self.themed_views():
            w.theme_switch.changed.connect(view.apply_theme)
        w.language_switch.changed.connect(self.retranslate)
        ws.late.built.connect(lambda key, view: feed_late_view(self, key, view))

    def themed_views(self) -> tuple[QWidget, ...]:
        """Every view built so far that draws in theme colours of its own: each restyles in place
        (``apply_theme``); a view built later is built in the theme of the moment and restyles from then on."""
        ws = self.workspace
        built = (ws.late.get(key) for key in ("plots", "paged", "memory", "quality", "presentation"))
        return (
            ws.uncached,
            ws.cached,
            ws.legend,
            ws.inspector,
            ws.tokens,
            ws.cache_view,
            ws.controls,
            ws.help,
            *(view for view in built if view is not None),
        )

    def retranslate(self) -> None:
        """After a language switch (every widget has had Qt's LanguageChange): the texts worded from the
        run, the model and the record shown, worded again. Nothing is recomputed or reset."""
        self._name_model()
        self._show_limits(self.spec.config.n_layers, self.spec.config.n_heads)
        self._show_selection(self.selection.layer, self.selection.head)
        self.controller.announce()

    # -- commands ------------------------------------------------------------------------------

    def apply(self, spec: RunSpec) -> bool:
        """Rebuild the model for ``spec``; an impossible one is explained and the run kept."""
        controls = self.workspace.controls
        try:
            run = build_run(spec)
        except ConfigError as exc:
            controls.show_error(exc.field, exc.rule)
            return False
        except CheckpointError as exc:
            controls.show_error("weights", _keeps_running(exc))
            return False
        except (MemoryError, RuntimeError) as exc:
            message = QCoreApplication.translate("Session", "could not build this model: {reason}")
            controls.show_error("model", message.format(reason=exc))
            return False
        before = _setting(self.spec)
        if before != _setting(spec):  # a change of shape, dtype or cache setting: the old run becomes "before"
            self.reference = before
            self.plot_reference = (before.label(_setting(spec)), reference_series(self.controller.history))
            if (plots := self.workspace.late.get("plots")) is not None:
                plots.set_reference(*self.plot_reference)
        self.spec = spec
        self.controller.replace_run(run)
        self._model_changed()
        self.workspace.uncached.fit()
        self.window.statusBar().showMessage(rebuilt_message(spec), 6000)
        self.workspace.central.setFocus()
        return True

    def clear_reference(self) -> None:
        """Forget the run before the last change: its faded lines and the size comparison."""
        self.reference = None
        self.plot_reference = ("", {})
        if (plots := self.workspace.late.get("plots")) is not None:
            plots.set_reference(*self.plot_reference)
        self.workspace.cache_view.change.set_change("", None)

    def open_model_folder(self, path: str | Path) -> bool:
        """Run the Hugging Face model in ``path`` in its dtype; a bad folder is one line and the run is kept."""
        try:
            from kvviz.hf.weights import ModelFolderWeights
        except ImportError as exc:
            message = QCoreApplication.translate("Session", "a model folder needs kvviz[hf] installed ({reason})")
            self.workspace.controls.show_error("weights", message.format(reason=exc))
            return False
        weights = ModelFolderWeights(Path(path))
        try:
            context = min(self.spec.config.context_length, weights.max_positions)
            config = weights.configure(self.spec.config.replace(context_length=context))
        except (ConfigError, CheckpointError) as exc:
            self.workspace.controls.show_error("weights", _keeps_running(exc))
            return False
        return self.apply(replace(self.spec, config=config, weights=weights, policy=CachePolicy(), cache_dtype="model"))

    def _ask_model_folder(self) -> None:
        title = QCoreApplication.translate("Session", "Open a Hugging Face model folder")
        path = QFileDialog.getExistingDirectory(self.window, title)
        if path:
            self.open_model_folder(path)

    def settings_values(self) -> dict:
        """What the settings keep of this session: the run, the selection and the playing speed."""
        values = spec_to_settings(self.spec, *self.workspace.controls.policy_numbers())
        values["view/layer"] = self.selection.layer
        values["view/head"] = self.selection.head
        values["play/steps_per_second"] = self.controller.steps_per_second
        return values

    # -- receiving -----------------------------------------------------------------------------

    def _model_changed(self) -> None:
        """Tell what follows the model's shape rather than its records, and name the weights."""
        spec, ws = self.spec, self.workspace
        self.selection.set_limits(spec.config.n_layers, spec.config.n_heads)
        ws.controls.set_choice(spec)
        if (memory := ws.late.get("memory")) is not None:
            memory.set_tiny_config(spec.config)
        if (paged := ws.late.get("paged")) is not None:
            paged.set_config(spec.config)
        if (quality := ws.late.get("quality")) is not None:
            quality.set_spec(spec)
        self._name_model()

    def _name_model(self) -> None:
        """The window's title and the help page name the model in the current language."""
        spec = self.spec
        self.workspace.help.set_model(model_phrase_of(spec), self.controller.current.uncached_off)
        title = QCoreApplication.translate("Session", "{title} · {weights} weights")
        self.window.setWindowTitle(title.format(title=window_title(), weights=weights_text(spec.weights)))

    def _show_record(self, record: StepRecord) -> None:
        self.record = record
        ws = self.workspace
        built = (ws.late.get(key) for key in ("plots", "paged", "presentation"))
        for view in (ws.uncached, ws.cached, ws.legend, ws.inspector, ws.tokens, ws.cache_view, *built):
            if view is not None:
                view.set_record(record)
        if self.reference is not None:
            now = CacheSetting(record.config, record.cache_dtype, record.policy)
            ws.cache_view.change.set_change(self.reference.label(now), compare(self.reference, now, record.n_tokens))

    def _show_history(self, records: Sequence[StepRecord]) -> None:
        if (plots := self.workspace.late.get("plots")) is not None:
            plots.set_history(records)

    def _show_navigation(self, nav: NavState) -> None:
        """Actions, slider, status bar and the limit banner, from ``nav`` and the record shown."""
        w, record, before = self.window, self.record, self._nav
        self._nav = nav
        w.actions.sync(nav)
        w.step_slider.blockSignals(True)
        w.step_slider.setRange(0, nav.count - 1)
        w.step_slider.setValue(nav.step)
        w.step_slider.blockSignals(False)
        w.step_label.setText(step_text(nav.step, nav.count - 1))
        fields = status_fields(record, nav.count)
        for name, label in w.status_labels.items():
            label.setText(getattr(fields, name))
        self.workspace.controls.show_limit(context_limit_message(record) if nav.at_limit else "")
        self._progress = show_step_messages(w.statusBar(), nav, before, record, self._progress)

    def _show_limits(self, n_layers: int, n_heads: int) -> None:
        show_limits(self.window, n_layers, n_heads, self.spec.config.n_kv_heads)

    def _show_selection(self, layer: int, head: int) -> None:
        w, ws = self.window, self.workspace
        for box, value in ((w.layer_box, layer), (w.head_box, head)):
            box.blockSignals(True)
            box.setCurrentIndex(value)
            box.blockSignals(False)
        for view in (ws.uncached, ws.cached, ws.inspector, ws.late.get("presentation"), ws.cache_view):
            if view is not None:
                view.set_selection(layer, head)

    def _hover(self, row: int, col: int) -> None:
        ws = self.workspace
        ws.uncached.set_highlight(row, col)
        ws.cached.set_highlight(row, col)
        ws.inspector.set_cell(row, col)


def feed_late_view(session: Session, key: str, view: QWidget) -> None:
    """A view built after the launch (see :mod:`kvviz.gui.lazy`): what ``session`` would have told it so
    far, and from now on; it was built in the window's theme and language of the moment."""
    spec, ws = session.spec, session.workspace
    session.window.theme_switch.changed.connect(view.apply_theme)
    if key == "plots":
        view.step_clicked.connect(session.controller.go_to)
        view.clear_reference.clicked.connect(session.clear_reference)
        view.set_history(session.controller.history)
        view.set_reference(*session.plot_reference)
        view.set_record(session.record)
    elif key == "memory":
        view.set_tiny_config(spec.config)
        ws.docks[key].visibilityChanged.connect(view.exposed)
    elif key == "paged":
        view.set_config(spec.config)
        view.set_record(session.record)
        ws.docks[key].visibilityChanged.connect(view.exposed)
    elif key == "quality":
        view.set_spec(spec)
    elif key == "presentation":
        view.set_record(session.record)
        view.set_selection(session.selection.layer, session.selection.head)


def _keeps_running(exc: Exception) -> str:
    return QCoreApplication.translate("Session", "{reason} — the previous model keeps running").format(reason=exc)


def _setting(spec: RunSpec) -> CacheSetting:
    """What of ``spec`` decides the cache's size (a change of it keeps the run before as a reference)."""
    return CacheSetting(spec.config, spec.cache_dtype, spec.policy)


def show_step_messages(
    bar: QStatusBar, nav: NavState, before: NavState | None, record: StepRecord, progress: str
) -> str:
    """The status bar's word on a step in progress, or on why generation stopped; returns the
    progress message now shown ("" when none), so the next call knows which message is its own."""
    if nav.waiting:
        progress = QCoreApplication.translate("Session", "Computing step {step} …").format(step=nav.step + 1)
        bar.showMessage(progress)
    elif nav.running_to_end:
        progress = QCoreApplication.translate("Session", "Running to the end: step {step} (P pauses)").format(
            step=nav.step
        )
        bar.showMessage(progress)
    elif progress and bar.currentMessage() == progress:
        bar.clearMessage()
    if nav.at_limit and not (before and before.at_limit and before.step == nav.step):
        if context_full(record):
            stopped = QCoreApplication.translate(
                "Session", "Stopped: {reason} — a Sliding window or Sinks + window cache policy keeps generating"
            )
        else:
            stopped = QCoreApplication.translate("Session", "Stopped: {reason}")
        bar.showMessage(stopped.format(reason=nav.stop_message), 15_000)
    return progress


def show_limits(window: QMainWindow, n_layers: int, n_heads: int, n_kv_heads: int) -> None:
    """The layer and head selectors' entries for a model of this shape (each head with its K/V head)."""
    for box, count, label in ((window.layer_box, n_layers, "layer"), (window.head_box, n_heads, "head")):
        box.blockSignals(True)
        box.clear()
        if label == "head":  # each head with the K/V head it reads
            box.addItems([head_label(i, count, n_kv_heads) for i in range(count)])
        else:
            box.addItems([str(i) for i in range(count)])
        tip = (
            QCoreApplication.translate("Session", "{n} layers")
            if label == "layer"
            else QCoreApplication.translate("Session", "{n} heads")
        )
        box.setToolTip(tip.format(n=count))
        box.blockSignals(False)
