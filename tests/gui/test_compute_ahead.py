"""While playing, the worker computes several steps ahead, and what it makes is what stepping makes."""

from __future__ import annotations

from kvviz.core.run import build_run
from tests.core.test_made_ahead import assert_same_record


def test_playing_computes_several_steps_ahead_and_shows_them_in_order(qtbot, window):
    controller = window.controller
    worker = controller._worker
    controller.set_steps_per_second(1)
    controller.play()
    shown = controller.current.step
    ready = lambda: controller._run.made_ahead + worker.waiting  # noqa: E731 (without stopping the worker)
    qtbot.waitUntil(lambda: ready() >= 2, timeout=60_000)  # more than the next step, made before it is shown
    controller.pause()
    assert controller.current.step >= shown
    for step in range(controller.current.step + 1, controller.current.step + 4):
        assert controller.step_forward() and controller.current.step == step


def test_records_made_while_running_to_the_end_equal_records_made_on_demand(qtbot, window):
    controller = window.controller
    controller.run_to_end()
    qtbot.waitUntil(lambda: not controller.playing, timeout=120_000)
    records = controller.history
    assert records[-1].n_tokens == controller.config.context_length  # to the end: every step is in the history
    assert [r.step for r in records] == list(range(len(records)))
    on_demand = build_run(controller.run.spec)
    assert_same_record(on_demand.current, records[0])
    for made in records[1:]:
        assert_same_record(on_demand.step_forward(), made)


def test_freed_heap_goes_back_when_playing_stops_never_while_playing(qtbot, window, monkeypatch):
    trims = []
    monkeypatch.setattr("kvviz.gui.controller.trim_heap", lambda: trims.append(1))
    monkeypatch.setattr("kvviz.gui.idle_trim.trim_heap", lambda: trims.append(1))
    controller = window.controller
    controller._worker.wait()  # the step computed ahead at launch has ended
    trims.clear()
    controller.set_steps_per_second(50)
    controller.play()
    qtbot.waitUntil(lambda: controller.current.step >= 3, timeout=60_000)
    assert not trims  # the next steps reuse the pages
    controller.pause()
    assert trims  # at once, when playing stops


def test_freed_heap_goes_back_once_a_step_has_been_read_for_a_while(qtbot, window, monkeypatch):
    """Not after each step made (the next step shown would fault its pages back in), but when the user
    has stopped moving; every move starts the wait again."""
    trims = []
    monkeypatch.setattr("kvviz.gui.idle_trim.trim_heap", lambda: trims.append(1))
    controller = window.controller
    controller._idle.timer.setInterval(1000)
    for _ in range(4):  # moves closer together than the wait
        controller.step_forward()
        qtbot.wait(100)
        assert not trims
    qtbot.waitUntil(lambda: trims == [1], timeout=10_000)  # read for a while: once
    qtbot.wait(1500)
    assert trims == [1]  # not again until something else is shown
    controller.step_back()
    qtbot.waitUntil(lambda: trims == [1, 1], timeout=10_000)
