"""Freed heap goes back once the user has stopped moving through the steps (see :mod:`kvviz.core.heap`).

Trimming as soon as each single step was made had the next step shown fault its pages back in (2-4 ms
a step at 512 tokens); a person who reads a step for a couple of seconds does not feel the trim.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from kvviz.core.heap import trim_heap

#: A step shown this long without another move is being read.
IDLE_TRIM_MS = 2000


class TrimWhenRead(QObject):
    """Trims once :data:`IDLE_TRIM_MS` after the last :meth:`restart`, or later while ``busy()`` (steps still
    being made: they reuse the pages)."""

    def __init__(self, busy: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._busy = busy
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_TRIM_MS)
        self.timer.timeout.connect(self._fire)

    def restart(self) -> None:
        """Something new is shown: the wait starts again."""
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _fire(self) -> None:
        if self._busy():
            self.timer.start()
        else:
            trim_heap()
