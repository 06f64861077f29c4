"""The next records of a run, computed on a thread of its own while the window shows the newest.

Only the engine is touched there (``engine.decode()``); the history stays on the GUI
thread. One computation at a time; it makes at least one record and goes on while fewer than
``ahead`` records wait to be shown (several while playing, so a slow step is absorbed by
the ones made before it). ``finished`` arrives on the GUI thread (a queued signal) after
each record and when the computation ends, never after the worker's owner is gone.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

import shiboken6
from PySide6.QtCore import QObject, Signal

from kvviz.core.engine import Engine
from kvviz.core.record import StepRecord
from kvviz.core.run import Run


class StepWorker(QObject):
    """Runs ``engine.decode()`` off the GUI thread; ``pending`` is the computation started last."""

    finished = Signal()  # a record was made (it waits in :meth:`take`), or the computation ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kvviz-step")
        self.pending: Future | None = None
        self.ahead = 1  # records to have waiting before the computation stops (the GUI thread sets it)
        self._made: deque[StepRecord] = deque()
        self._made_or_ended = threading.Condition()
        self._stop = threading.Event()

    def start_after(self, run: Run) -> None:
        """Start computing the steps after ``run``'s newest, unless a computation runs, has failed (the next
        step raises its exception), fewer than ``ahead`` would wait, or no step can follow."""
        if self.busy() or (self.pending is not None and self.pending.exception() is not None):
            return
        engine = run.engine
        if run.made_ahead + self.waiting < self.ahead and engine.stop_reason(engine.newest) is None:
            self.start(engine)

    def hand_over(self, run: Run, *, block: bool, stop: bool = False) -> None:
        """Give ``run`` the records made so far. ``block``: first wait for the next one if none is ready;
        ``stop``: first let the computation end. A failed computation's exception is raised here."""
        if stop:
            self.wait()
        elif block and run.made_ahead == 0 and not self._made:
            self.wait_for_one()
        if self.pending is not None and self.pending.done():
            self.wait()
        run.add_made_ahead(self.take())

    def start(self, engine: Engine) -> None:
        self._stop.clear()
        pending = self._executor.submit(self._compute, engine)
        self.pending = pending
        pending.add_done_callback(self._done)

    @property
    def waiting(self) -> int:
        """Records made and not taken yet."""
        return len(self._made)

    def busy(self) -> bool:
        """Whether a computation is still running."""
        return self.pending is not None and not self.pending.done()

    def take(self) -> list[StepRecord]:
        """The records made so far and not taken yet, in step order."""
        with self._made_or_ended:
            made = list(self._made)
            self._made.clear()
        return made

    def wait_for_one(self) -> None:
        """Block until a record is waiting or the computation has ended (its exception is raised here)."""
        pending = self.pending
        if pending is None:
            return
        with self._made_or_ended:
            self._made_or_ended.wait_for(lambda: self._made or pending.done())
        if not self._made:
            self.wait()

    def wait(self) -> None:
        """Stop after the record in progress and let the computation end; its exception, if any, is raised here.

        Records made meanwhile stay for :meth:`take`.
        """
        self._stop.set()
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.result()

    def discard(self) -> None:
        """Let the computation end and drop what it made (the run it was for is being replaced or reset)."""
        self.wait()
        self.take()

    def shutdown(self) -> None:
        self.wait()
        self._executor.shutdown(wait=True)

    def _compute(self, engine: Engine) -> None:
        """Runs on the worker thread: one record, then more while fewer than ``ahead`` wait and a step can follow."""
        while True:
            record = engine.decode()
            with self._made_or_ended:
                self._made.append(record)
                self._made_or_ended.notify_all()
            if self._stop.is_set() or len(self._made) >= self.ahead or engine.stop_reason(record) is not None:
                return
            self._notify()

    def _done(self, _future: Future) -> None:
        """Runs on the worker thread: the computation ended (wake a waiting GUI thread and tell it)."""
        with self._made_or_ended:
            self._made_or_ended.notify_all()
        self._notify()

    def _notify(self) -> None:
        if shiboken6.isValid(self):
            self.finished.emit()
