"""Where a run meets the widgets: one QObject that owns the run and announces what is shown.

Data flows one way. The controller emits the record at the cursor (``record_changed``),
the records computed so far (``history_changed``) and a frozen :class:`NavState`
(``navigation_changed``); views and actions only receive these. Commands come in through
the methods here.

While the user looks at the newest step, the next one is already being computed on a
worker thread (the run's engine alone: the history is the GUI thread's), so pressing Step
only has to show a record, and playing never blocks the event loop for a whole step: it
shows each step when the worker has it, at most at the chosen speed. While playing, the
worker keeps up to :data:`AHEAD_WHILE_PLAYING` records ready; running to the end shows the
newest record made at each tick (every record still enters the history), and ticks at most
every :data:`RUN_TO_END_FRAME_MS`, so the run goes at the engine's pace, not the engine's plus
a repaint per step (the trained model to 1,024 tokens: 51 s with a repaint per record, 31 s
paced, 15 s for the engine alone; ``benchmarks/scale.py``, ``benchmarks/engine_run.py``).
A Step pressed while
the worker is still on the next step waits for it without blocking either, and presses
made meanwhile count once: a held arrow key stops when it is released, not a queue of key
repeats later. Only one computation runs on a run at a time; anything else that computes
waits for it first.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer, Signal

from kvviz.core.config import ModelConfig
from kvviz.core.engine import GenerationStopped
from kvviz.core.heap import trim_heap
from kvviz.core.record import StepRecord
from kvviz.core.run import Run
from kvviz.gui.idle_trim import TrimWhenRead
from kvviz.gui.navigation import NavState
from kvviz.gui.step_worker import StepWorker

#: Records the worker keeps ready while playing or running to the end (one otherwise).
AHEAD_WHILE_PLAYING = 16
#: Running to the end shows the newest record at most this often (5 frames a second: the run visibly moves).
RUN_TO_END_FRAME_MS = 200


class Controller(QObject):
    """Owns one :class:`Run` at a time; ``compute_ahead=False`` for a window that only shows
    records already made (an export), whose run another controller may be stepping."""

    record_changed = Signal(object)  # StepRecord at the cursor
    history_changed = Signal(object)  # tuple[StepRecord, ...]: every step computed so far
    navigation_changed = Signal(object)  # NavState

    def __init__(self, run: Run, parent: QObject | None = None, *, compute_ahead: bool = True) -> None:
        super().__init__(parent)
        self._run = run
        self._worker = StepWorker(self)
        self._detached = not compute_ahead
        self._timer = QTimer(self)  # the next play tick
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        # The worker starts when the event loop goes idle: after the paint of the step just
        # shown, which it would otherwise slow down by competing for the interpreter.
        self._prefetch_wanted = True
        QAbstractEventDispatcher.instance().aboutToBlock.connect(self._prefetch_if_wanted)
        self._worker.finished.connect(self._on_prepared)
        self._steps_per_second = 4
        self._playing = False
        self._running_to_end = False
        self._tick_waits = False  # a play tick found the next step still being computed
        self._step_waits = False  # the user asked for a step that the worker is still computing
        self._idle = TrimWhenRead(lambda: self._playing or self._worker.busy(), self)  # restarted by each change shown

    # -- what is shown (for tests and exporters; views receive it through the signals) ------

    @property
    def current(self) -> StepRecord:
        return self._run.current

    @property
    def history(self) -> tuple[StepRecord, ...]:
        return self._run.records

    @property
    def navigation(self) -> NavState:
        return NavState.of(self._run, playing=self._playing, to_end=self._running_to_end, waiting=self._step_waits)

    @property
    def config(self) -> ModelConfig:
        return self._run.config

    def can_step_forward(self) -> bool:
        return self._run.can_step_forward()

    @property
    def playing(self) -> bool:
        return self._playing

    @property
    def running_to_end(self) -> bool:
        return self.playing and self._running_to_end

    @property
    def step_waiting(self) -> bool:
        """A step the user asked for is being computed; it shows when the worker has it."""
        return self._step_waits

    @property
    def run(self) -> Run:
        """The run itself, with the records made ahead, once no step is computed on it; views never use it."""
        self._worker.hand_over(self._run, block=False, stop=True)
        return self._run

    def announce(self) -> None:
        """Emit everything shown, for views that have just been connected."""
        self._announce(history=True)

    def detach_run(self) -> Run:
        """Hand the run to another controller (switching theme): this one stops computing on it."""
        self.shutdown()
        return self._run

    def shutdown(self) -> None:
        """Stop playing and computing ahead (the window is closing); waits for a step in progress."""
        self._cancel_step_request()
        self.pause()
        self._idle.stop()
        self._detached = True
        self._worker.shutdown()
        self._worker.hand_over(self._run, block=False)

    # -- changing the model -----------------------------------------------------------------

    def replace_run(self, run: Run) -> None:
        """Show another run (a rebuilt model or prompt) from its prefill."""
        self._cancel_step_request()
        self.pause()
        self._worker.discard()  # the old run's
        self._run = run
        self._announce(history=True)

    # -- navigation ----------------------------------------------------------------------------

    def request_step(self) -> None:
        """The user's Step: shown now if it is ready, else as soon as the worker has it."""
        if self._step_waits:
            return  # already asked: presses made while a step is computed count once
        if self._computing_next():
            self._step_waits = True
            self._emit_navigation()
        else:
            self.step_forward()

    def step_forward(self) -> bool:
        """One step ahead (from history, made ahead, or computed now); False at a limit."""
        self._step_waits = False  # shown now; the announcement below resyncs the actions
        grows = self._run.history.at_newest
        if grows:
            self._worker.hand_over(self._run, block=True)
        try:
            self._run.step_forward()
        except GenerationStopped:
            self.pause()
            self._emit_navigation()
            return False
        self._announce(history=grows)
        return True

    def step_back(self) -> None:
        self._cancel_step_request()
        if self._run.cursor > 0:
            self._run.step_back()
            self._announce()

    def go_to(self, step: int) -> None:
        """Show an already computed step; steps not computed yet are reached by stepping."""
        self._cancel_step_request()
        step = max(0, min(step, len(self._run.history) - 1))
        if step != self._run.cursor:
            self._run.history.go_to(step)
            self._announce()

    def reset(self) -> None:
        """Discard the run and prefill the prompt again."""
        self._cancel_step_request()
        self.pause()
        self._worker.discard()  # made from the run being discarded
        self._run.reset()
        self._announce(history=True)

    # -- playing ---------------------------------------------------------------------------------

    @property
    def steps_per_second(self) -> int:
        return self._steps_per_second

    def set_steps_per_second(self, steps_per_second: int) -> None:
        self._steps_per_second = max(1, int(steps_per_second))
        if self._playing and not self._running_to_end and self._timer.isActive():
            self._timer.start(self._interval_ms())

    def play(self) -> None:
        """Step at the chosen speed until paused or stopped by a limit."""
        self._start(to_end=False)

    def run_to_end(self) -> None:
        """Step as fast as the steps are computed until a limit; pausing cancels it."""
        self._start(to_end=True)

    def _start(self, *, to_end: bool) -> None:
        self._cancel_step_request()
        if not self.can_step_forward():
            return
        self._playing, self._running_to_end = True, to_end
        self._worker.ahead = AHEAD_WHILE_PLAYING
        self._prefetch_wanted = True  # compute further ahead from the next idle moment
        self._timer.start(0 if to_end else self._interval_ms())
        self._emit_navigation()

    def pause(self) -> None:
        if self._playing:
            self._timer.stop()
            self._playing = self._running_to_end = self._tick_waits = False
            self._worker.ahead = 1
            trim_heap()  # what playing freed goes back now (~10 ms at 4,096 tokens); never while playing
            self._emit_navigation()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def _interval_ms(self) -> int:
        return round(1000 / self._steps_per_second)

    def _tick(self) -> None:
        if not self._playing:
            return
        if self._run.history.at_newest:
            self._worker.hand_over(self._run, block=False)
            self._prefetch_if_wanted()  # running to the end keeps the loop busy: it may never idle between steps
        if self._computing_next():
            self._tick_waits = True  # the worker's signal ticks again; the event loop stays free
            return
        if self._running_to_end and self._run.made_ahead > 1:
            self._run.show_made_ahead()  # the newest made: one repaint for all of them
            self._announce(history=True)
        elif not self.step_forward():
            return
        if not self.can_step_forward():
            self.pause()
        elif self._playing:
            self._timer.start(RUN_TO_END_FRAME_MS if self._running_to_end else self._interval_ms())

    # -- computing ahead ----------------------------------------------------------------------

    def _prefetch_if_wanted(self) -> None:
        """Start the worker if a step was shown since it last started (run when the event loop idles)."""
        if self._prefetch_wanted:
            self._prefetch_wanted = False
            self._prefetch()

    def _prefetch(self) -> None:
        """Start computing the steps after the newest one, if the user is looking at the newest."""
        if not self._detached and self._run.history.at_newest:
            self._worker.start_after(self._run)

    def _on_prepared(self) -> None:
        if self._detached:
            return  # the run belongs to another controller now
        if self._step_waits and not self._computing_next():  # a late signal may precede a newer computation
            self.step_forward()
        if self._tick_waits:
            self._tick_waits = False
            self._tick()

    def _computing_next(self) -> bool:
        """Whether the worker is computing the step after the one shown, the newest."""
        ready = self._run.made_ahead or self._worker.waiting  # made, not shown yet
        return self._run.history.at_newest and not ready and self._worker.busy()

    def _cancel_step_request(self) -> None:
        """Any other move wins over a step still waiting for the worker: the latest intent counts."""
        if self._step_waits:
            self._step_waits = False
            self._emit_navigation()

    def _emit_navigation(self) -> None:
        self.navigation_changed.emit(self.navigation)

    def _announce(self, *, history: bool = False) -> None:
        if history:
            self.history_changed.emit(self.history)
        self.record_changed.emit(self.current)
        self._emit_navigation()
        self._prefetch_wanted = True
        self._idle.restart()
