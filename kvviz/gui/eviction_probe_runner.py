"""Runs the eviction probe when the help page asks, on a worker thread, and hands back its words.

The probe (:mod:`kvviz.core.eviction_probe`) runs the model twice over every token so far,
up to seconds on a long run, so it never runs on the GUI thread nor by itself: only when
the user follows the help page's link, for the step shown. The model's uncached pass
only reads the weights, so it may run beside the controller's step worker.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QObject, Signal

from kvviz.core.eviction_probe import probe_eviction, probe_text
from kvviz.gui.controller import Controller
from kvviz.gui.views.help import HelpPanel


class EvictionProbeRunner(QObject):
    """Answers ``help.probe_requested`` with the probe of the controller's current step."""

    _finished = Signal(object)  # the probe's Future (emitted from the worker thread)

    def __init__(self, controller: Controller, help_panel: HelpPanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.help = help_panel
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvviz-probe")
        self._pending: Future | None = None
        self._finished.connect(self._show)
        help_panel.probe_requested.connect(self.request)

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def request(self) -> None:
        """Measure the step shown; a request while one runs is dropped (its answer is on the way)."""
        if self._pending is not None:
            return
        record = self.controller.current
        model = self.controller.run.engine.model
        self.help.show_probe(f"Measuring at step {record.step} …")
        self._pending = self._worker.submit(probe_eviction, model, record)
        self._pending.add_done_callback(self._done)

    def wait(self) -> None:
        """Block until the probe in progress, if any, has finished (tests, closing)."""
        if self._pending is not None:
            self._pending.exception()

    def _done(self, future: Future) -> None:
        if shiboken6.isValid(self):
            self._finished.emit(future)

    def _show(self, future: Future) -> None:
        self._pending = None
        self.help.show_probe(probe_text(future.result()))  # an exception here reaches the crash dialog
