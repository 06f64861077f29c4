"""Where the core's engine meets the widgets: one QObject that owns the engine.

Widgets never see the engine. They get the record at the cursor through
``record_changed`` and the records computed so far through ``history_changed``, and ask
for navigation through the methods here. Playing and running to the end step from a
QTimer, one step per tick, so the event loop keeps painting and the user can pause.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine, GenerationStopped
from kvviz.core.record import StepRecord


class Controller(QObject):
    """Owns one :class:`Engine` at a time and announces every change of what is shown."""

    record_changed = Signal(object)  # StepRecord at the cursor
    history_changed = Signal(object)  # tuple[StepRecord, ...]: every step computed so far
    state_changed = Signal()  # cursor, playing or stop reason changed: resync the actions
    stopped = Signal(str)  # generation reached a limit; the text says which

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._steps_per_second = 4
        self._running_to_end = False

    # -- what is shown -------------------------------------------------------------------

    @property
    def current(self) -> StepRecord:
        return self._engine.current

    @property
    def history(self) -> tuple[StepRecord, ...]:
        return tuple(self._engine.history)

    @property
    def config(self) -> ModelConfig:
        return self._engine.config

    @property
    def prompt_ids(self) -> list[int]:
        return list(self._engine.prompt_ids)

    @property
    def max_new_tokens(self) -> int | None:
        return self._engine.max_new_tokens

    @property
    def stop_reason(self) -> str | None:
        return self._engine.stop_reason

    def can_step_forward(self) -> bool:
        return self._engine.can_step_forward()

    def can_step_back(self) -> bool:
        return self._engine.cursor > 0

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def running_to_end(self) -> bool:
        return self.playing and self._running_to_end

    @property
    def engine(self) -> Engine:
        """The run itself, for handing it to a rebuilt window (switching theme); views never use it."""
        return self._engine

    # -- changing the model -----------------------------------------------------------------

    def replace_engine(self, engine: Engine) -> None:
        """Show a new run (a rebuilt model or prompt) from its prefill."""
        self.pause()
        self._engine = engine
        self._announce(history=True)

    # -- navigation ----------------------------------------------------------------------------

    def step_forward(self) -> bool:
        """One step ahead (from history or computed now); False, with ``stopped``, at a limit."""
        grows = self._engine.cursor == len(self._engine.history) - 1
        try:
            self._engine.step_forward()
        except GenerationStopped as stop:
            self.pause()
            self.stopped.emit(str(stop))
            self.state_changed.emit()
            return False
        self._announce(history=grows)
        return True

    def step_back(self) -> None:
        if self.can_step_back():
            self._engine.step_back()
            self._announce()

    def go_to(self, step: int) -> None:
        """Show an already computed step; steps not computed yet are reached by stepping."""
        step = max(0, min(step, len(self._engine.history) - 1))
        if step != self._engine.cursor:
            self._engine.seek(step)
            self._announce()

    def go_first(self) -> None:
        self.go_to(0)

    def reset(self) -> None:
        """Discard the run and prefill the prompt again."""
        self.pause()
        self._engine.reset()
        self._announce(history=True)

    # -- playing ---------------------------------------------------------------------------------

    @property
    def steps_per_second(self) -> int:
        return self._steps_per_second

    def set_steps_per_second(self, steps_per_second: int) -> None:
        self._steps_per_second = max(1, int(steps_per_second))
        if self.playing and not self._running_to_end:
            self._timer.setInterval(self._interval_ms())

    def play(self) -> None:
        """Step at the chosen speed until paused or stopped by a limit."""
        if not self.can_step_forward():
            return
        self._running_to_end = False
        self._timer.start(self._interval_ms())
        self.state_changed.emit()

    def run_to_end(self) -> None:
        """Step as fast as the event loop allows until a limit; pausing cancels it."""
        if not self.can_step_forward():
            return
        self._running_to_end = True
        self._timer.start(0)
        self.state_changed.emit()

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self._running_to_end = False
            self.state_changed.emit()

    def toggle_play(self) -> None:
        if self.playing:
            self.pause()
        else:
            self.play()

    def _interval_ms(self) -> int:
        return round(1000 / self._steps_per_second)

    def _tick(self) -> None:
        if not self.step_forward():
            return
        if not self.can_step_forward():
            self.pause()
            self.stopped.emit(self.stop_reason or "end of the run")

    def _announce(self, *, history: bool = False) -> None:
        if history:
            self.history_changed.emit(self.history)
        self.record_changed.emit(self.current)
        self.state_changed.emit()
