"""The next step is computed on a worker while the user looks at the newest one."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QTimer

from tests.gui.helpers import assert_views_show


def _prepared(controller) -> bool:
    return controller._pending is not None and controller._pending.done()


def test_stepping_on_shows_the_step_computed_meanwhile(qtbot, window, monkeypatch):
    controller = window.controller
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    engine = controller.engine
    computed_on: list[str] = []
    decode = engine._decode

    def watched():
        computed_on.append(threading.current_thread().name)
        return decode()

    monkeypatch.setattr(engine, "_decode", watched)
    assert controller.step_forward()
    assert computed_on == []  # nothing was computed when the user stepped: the record was ready
    assert controller.current.step == 1
    assert_views_show(window)
    qtbot.waitUntil(lambda: _prepared(controller), timeout=10_000)
    assert computed_on and computed_on[0].startswith("kvviz-step")  # and the next one, on the worker


def test_looking_back_in_history_computes_nothing_ahead(qtbot, window):
    controller = window.controller
    for _ in range(3):
        controller.step_forward()
    controller.go_to(1)
    qtbot.wait(50)
    engine = controller.engine
    assert len(engine.history) == 4 and engine.cursor == 1
    assert controller.step_forward() and controller.current.step == 2


def test_playing_keeps_handling_events_while_a_step_is_computed(qtbot, window, monkeypatch):
    """A slow step (0.3 s here) runs on the worker: the GUI thread's timers keep firing meanwhile."""
    controller = window.controller
    engine = controller.engine
    decode = engine._decode

    def slow():
        time.sleep(0.3)
        return decode()

    monkeypatch.setattr(engine, "_decode", slow)
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
    controller._wait()
    engine = controller.engine

    def broken():
        raise ZeroDivisionError("a bug in a step")

    monkeypatch.setattr(engine, "_decode", broken)
    controller._prefetch()
    try:
        controller.step_forward()
    except ZeroDivisionError as exc:
        assert "a bug in a step" in str(exc)
    else:
        raise AssertionError("the worker's exception was lost")
    monkeypatch.undo()
    assert controller.step_forward() and controller.current.step == 2
