"""The next step is computed on a worker while the user looks at the newest one.

Where a test checks that something did not happen, it first waits for the event that would
have made it happen (the event loop going idle, the worker's signal arriving), never for a
fixed time: on a slow machine a fixed wait passes whether or not the behaviour holds.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QAbstractEventDispatcher, QObject, Qt, QTimer, Slot

from tests.gui.helpers import assert_views_show


def _prepared(controller) -> bool:
    return controller._worker.pending is not None and controller._worker.pending.done()


class _Counter(QObject):
    """Counts a signal's emissions as the GUI thread receives them.

    Connected after the controller's own slots, so when the count moves on, the controller
    has already handled that emission (queued signals arrive in the order of connection).
    """

    def __init__(self, signal) -> None:
        super().__init__()
        self.count = 0
        signal.connect(self._received)

    @Slot()
    def _received(self) -> None:
        self.count += 1


def _worker_signals(controller) -> _Counter:
    """The worker's "step computed" signals, counted once the controller has handled each."""
    return _Counter(controller._worker.finished)


def _idle_event_loops() -> _Counter:
    """Times the event loop went idle, after the controller's start-the-worker-when-idle slot ran."""
    return _Counter(QAbstractEventDispatcher.instance().aboutToBlock)


def test_stepping_on_shows_the_step_computed_meanwhile(qtbot, window, monkeypatch):
    controller = window.controller
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    engine = controller.run.engine
    computed_on: list[str] = []
    decode = engine.decode

    def watched():
        computed_on.append(threading.current_thread().name)
        return decode()

    monkeypatch.setattr(engine, "decode", watched)
    assert controller.step_forward()
    assert computed_on == []  # nothing was computed when the user stepped: the record was ready
    assert controller.current.step == 1
    assert_views_show(window)
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    assert computed_on and computed_on[0].startswith("kvviz-step")  # and the next one, on the worker


def test_looking_back_in_history_computes_nothing_ahead(qtbot, window, monkeypatch):
    controller = window.controller
    for _ in range(3):
        controller.step_forward()
    controller._worker.wait()  # a step computed ahead of the newest, if any, is done: nothing runs now
    started: list[int] = []
    start = controller._worker.start
    monkeypatch.setattr(controller._worker, "start", lambda engine: started.append(engine.newest.step) or start(engine))
    controller.go_to(1)
    idle = _idle_event_loops()
    qtbot.waitUntil(lambda: idle.count >= 2)  # the worker would start now: it starts when the loop idles
    run = controller.run
    assert controller._worker.pending is None and started == []
    assert len(run.history) == 4 and run.cursor == 1
    assert controller.step_forward() and controller.current.step == 2


def test_playing_keeps_handling_events_while_a_step_is_computed(qtbot, window, monkeypatch):
    """A slow step (1 s here) runs on the worker: the GUI thread's timers keep firing meanwhile.

    The step is slower than a repaint even on a loaded machine: the worker computes the next step
    while the window paints this one, so with a faster step the window would paint back to back.
    """
    controller = window.controller
    engine = controller.run.engine
    decode = engine.decode

    def slow():
        time.sleep(1.0)
        return decode()

    monkeypatch.setattr(engine, "decode", slow)
    ticks: list[float] = []
    shown: list[float] = []
    probe = QTimer()
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start(10)
    controller.record_changed.connect(lambda _r: shown.append(time.monotonic()))
    controller.run_to_end()
    qtbot.waitUntil(lambda: len(shown) >= 3, timeout=20_000)
    controller.pause()
    probe.stop()
    between = [t for t in ticks if shown[1] < t < shown[2]]
    assert len(between) >= 3, (len(between), shown)
    assert controller.current.step >= 3
    assert_views_show(window)


def test_a_failing_step_on_the_worker_reaches_the_user_thread(qtbot, window, monkeypatch):
    controller = window.controller
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    controller.step_forward()
    controller._worker.wait()
    engine = controller.run.engine

    def broken():
        raise ZeroDivisionError("a bug in a step")

    monkeypatch.setattr(engine, "decode", broken)
    controller._prefetch()
    try:
        controller.step_forward()
    except ZeroDivisionError as exc:
        assert "a bug in a step" in str(exc)
    else:
        raise AssertionError("the worker's exception was lost")
    monkeypatch.undo()
    assert controller.step_forward() and controller.current.step == 2


def _step_then_slow_worker(qtbot, controller, monkeypatch) -> threading.Event:
    """Step on (using up the step computed ahead), then start the worker on the next step, held
    until the returned event is set.

    The worker starts at once, before the event loop idles, so it computes with this patch.
    """
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    controller.step_forward()
    engine = controller.run.engine
    assert engine.newest is controller.current  # nothing made ahead
    decode = engine.decode
    release = threading.Event()

    def held():
        release.wait(10)
        return decode()

    monkeypatch.setattr(engine, "decode", held)
    controller._prefetch()
    return release


def test_a_step_asked_for_while_the_worker_computes_waits_without_blocking(qtbot, window, monkeypatch):
    controller = window.controller
    release = _step_then_slow_worker(qtbot, controller, monkeypatch)
    computed = _worker_signals(controller)
    for _ in range(5):  # a held arrow key: presses keep coming while the step is computed
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert controller.current.step == 1 and controller.step_waiting
    assert window.statusBar().currentMessage() == "Computing step 2 …"
    ticks: list[int] = []
    QTimer.singleShot(0, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: ticks == [1])  # the event loop runs while the step is computed
    release.set()
    qtbot.waitUntil(lambda: not controller.step_waiting, timeout=10_000)
    qtbot.waitUntil(lambda: computed.count >= 2, timeout=10_000)  # step 3 is computed too, and handled
    assert controller.current.step == 2  # the presses counted once: the key stops when released
    assert window.statusBar().currentMessage() == ""
    assert_views_show(window)


def test_moving_back_cancels_a_step_still_waiting_for_the_worker(qtbot, window, monkeypatch):
    controller = window.controller
    for _ in range(2):
        controller.step_forward()
    release = _step_then_slow_worker(qtbot, controller, monkeypatch)
    computed = _worker_signals(controller)
    controller.request_step()
    assert controller.step_waiting
    qtbot.keyClick(window, Qt.Key.Key_Left)  # the latest intent wins
    assert not controller.step_waiting and controller.current.step == 2
    release.set()
    qtbot.waitUntil(lambda: computed.count >= 1, timeout=10_000)  # the step it waited for arrived, and was handled
    assert controller.current.step == 2
    assert_views_show(window)


def test_a_run_handed_to_another_window_is_not_stepped_by_the_old_one(qtbot, window, monkeypatch):
    """A theme switch moves the run to a new window; a step the old one still waited for is dropped."""
    controller = window.controller
    release = _step_then_slow_worker(qtbot, controller, monkeypatch)
    computed = _worker_signals(controller)
    controller.request_step()
    threading.Timer(0.2, release.set).start()  # the worker finishes while the old window hands the run over
    run = controller.detach_run()
    assert run.cursor == 1 and len(run.history) == 2 and run.engine.newest.step == 2  # made, not shown
    qtbot.waitUntil(lambda: computed.count >= 1, timeout=10_000)  # the worker's signal arrived, and was handled
    assert run.cursor == 1 and len(run.history) == 2
    assert not controller.step_waiting
    controller._step_waits = True  # even a request that survived the hand-over
    controller._worker.finished.emit()
    assert run.cursor == 1 and len(run.history) == 2


def test_a_late_signal_does_not_make_a_waiting_step_block_the_window(qtbot, window, monkeypatch):
    """The worker's signal of an earlier step may arrive while it computes the next: the wait goes on."""
    controller = window.controller
    release = _step_then_slow_worker(qtbot, controller, monkeypatch)
    controller.request_step()
    started = time.monotonic()
    controller._worker.finished.emit()  # as if the previous step's signal came only now
    assert time.monotonic() - started < 1  # not blocked waiting for the worker (it holds for up to 10 s)
    assert controller.step_waiting and controller.current.step == 1
    release.set()
    qtbot.waitUntil(lambda: controller.current.step == 2, timeout=10_000)
