"""While playing, the worker computes several steps ahead, and what it makes is what stepping makes."""

from __future__ import annotations

from kvviz.core.config import ModelConfig
from kvviz.core.run import RunSpec, build_run
from kvviz.gui.step_worker import StepWorker
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
    monkeypatch.setattr("kvviz.gui.step_worker.trim_heap", lambda: trims.append(1))
    monkeypatch.setattr("kvviz.gui.controller.trim_heap", lambda: trims.append(1))
    controller = window.controller
    worker = controller._worker
    worker.wait()  # the step computed ahead at launch has ended
    trims.clear()
    controller.set_steps_per_second(50)
    controller.play()
    qtbot.waitUntil(lambda: controller.current.step >= 3, timeout=60_000)
    assert not trims  # the next steps reuse the pages
    controller.pause()
    assert trims  # at once, when playing stops


def test_the_worker_trims_after_a_single_step_not_after_steps_made_for_playing(qtbot, monkeypatch):
    trims = []
    monkeypatch.setattr("kvviz.gui.step_worker.trim_heap", lambda: trims.append(1))
    run = build_run(RunSpec(config=ModelConfig(n_layers=1, d_model=32, context_length=64), weights="random"))
    worker = StepWorker()
    try:
        worker.start(run.engine)  # ahead 1: a person reads the step
        worker.wait_for_one()
        worker.wait()
        assert len(trims) == 1 and len(worker.take()) == 1
        worker.ahead = 3  # playing
        worker.start(run.engine)
        qtbot.waitUntil(lambda: worker.waiting == 3 and not worker.busy(), timeout=60_000)
        assert len(trims) == 1
    finally:
        worker.shutdown()
