"""The token strip shows every token of the record, laid out as if from scratch at every step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.run import Run
from kvviz.gui.theme import DARK
from kvviz.gui.views.token_strip import ChipCanvas, ChipKind, ChipRun, TokenStrip


@pytest.fixture(scope="module")
def engine():
    e = Run(Engine(ModelConfig(d_model=32, n_layers=1, n_heads=2, n_kv_heads=2, context_length=128), "Strips wrap: "))
    for _ in range(40):
        e.step_forward()
    return e


def _fresh_rects(qtbot, run: ChipRun, width: int):
    canvas = ChipCanvas(DARK)
    qtbot.addWidget(canvas)
    canvas.resize(width, 400)
    canvas.set_run(run)
    return canvas.rects


def test_incremental_layout_equals_a_fresh_layout(qtbot, engine):
    strip = TokenStrip(DARK)
    qtbot.addWidget(strip)
    strip.resize(320, 200)
    strip.show()
    history = engine.history
    # forward, back, jumps, and resizes in between: each must land where a fresh layout puts the chips
    order = [*range(len(history)), *range(len(history) - 1, 30, -1), 0, len(history) - 1, 5, 6, 7]
    lines = set()
    for i, index in enumerate(order):
        if i % 17 == 0:
            strip.resize(200 + 13 * i, 200)
        record = history[index]
        strip.set_record(record)
        run = strip.canvas.run
        assert run.tokens == [*map(int, record.tokens), record.next_token]
        assert strip.canvas.rects == _fresh_rects(qtbot, run, strip.canvas.width())
        lines.add(len({rect.top() for rect in strip.canvas.rects}))
    assert max(lines) > 2  # long runs wrap over several lines


def test_each_chip_is_found_under_the_pointer(qtbot, engine):
    canvas = ChipCanvas(DARK)
    qtbot.addWidget(canvas)
    canvas.resize(260, 400)
    record = engine.current
    canvas.set_run(ChipRun.of(record))
    for i, rect in enumerate(canvas.rects):
        chip = canvas.chip_at(rect.center().toPoint())
        assert chip is not None and chip.position == i
    below = canvas.rects[-1].bottomLeft().toPoint() + QPoint(1, 20)
    assert canvas.chip_at(below) is None
    last = canvas.chip_at(canvas.rects[-1].center().toPoint())
    assert last.kind is ChipKind.NEXT and last.token == record.next_token
