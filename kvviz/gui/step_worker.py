"""The next record of a run, computed on a thread of its own while the window shows the newest.

Only the engine is touched there (``engine.decode()``); the history stays on the GUI
thread. One computation at a time, and ``finished`` arrives on the GUI thread (a queued
signal), never after the worker's owner is gone.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QObject, Signal

from kvviz.core.engine import Engine


class StepWorker(QObject):
    """Runs ``engine.decode()`` off the GUI thread; ``pending`` is the computation started last."""

    finished = Signal()  # the computation ended (its result or exception waits in ``pending``)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvviz-step")
        self.pending: Future | None = None

    def start(self, engine: Engine) -> None:
        pending = self._executor.submit(engine.decode)
        self.pending = pending
        pending.add_done_callback(self._done)

    def busy(self) -> bool:
        """Whether a computation is still running."""
        return self.pending is not None and not self.pending.done()

    def wait(self) -> None:
        """Let the computation finish; its exception, if any, is raised here."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def shutdown(self) -> None:
        self.wait()
        self._executor.shutdown(wait=True)

    def _done(self, _future: Future) -> None:
        """Runs on the worker thread: tell the GUI thread, unless the worker is gone."""
        if shiboken6.isValid(self):
            self.finished.emit()
