"""The paged view costs the GUI thread its pixels, not its blocks or its store, and still draws what the paged
store reports."""

from __future__ import annotations

import threading

import pytest

from kvviz.core.config import ModelConfig
from kvviz.core.engine import Engine
from kvviz.core.paging import compare_paging
from kvviz.gui.theme import DARK, qcolor
from kvviz.gui.views import paged_view
from kvviz.gui.views.paged_view import MIN_EDGE_PX, BlockDiagram, PagedCacheView, default_lengths

BLOCK = 4


@pytest.mark.parametrize("context", [64, 1800, 16384])  # blocks in a full row: below, near, far above its pixels
def test_rows_draw_the_block_tables_at_screen_resolution(qtbot, context):
    config = ModelConfig(d_model=16, n_layers=1, n_heads=2, n_kv_heads=1, context_length=context)
    comparison = compare_paging(config, default_lengths(context - 1, context), BLOCK)
    diagram = BlockDiagram(DARK)
    qtbot.addWidget(diagram)
    diagram.resize(640, 220)
    diagram.set_comparison(comparison, context)
    image = diagram.grab().toImage()  # paints
    row_px = context * diagram.token_px
    assert 400 < row_px < 640
    for seq, row, rect in zip(comparison.sequences, diagram.rows, diagram.row_rects, strict=True):
        block_px = BLOCK * diagram.token_px
        stride = 1
        while stride * block_px < MIN_EDGE_PX:
            stride *= 2
        expected_edges = [j * block_px for j in range(1, len(seq.blocks)) if j % stride == 0]
        assert row.used == pytest.approx(seq.tokens * diagram.token_px)
        assert row.reserved == pytest.approx(len(seq.blocks) * block_px)  # the block table's length
        assert row.reserved - block_px < row.used <= row.reserved  # only the last block is partly used
        assert row.edges.tolist() == pytest.approx(expected_edges)
        assert len(row.edges) <= row_px / MIN_EDGE_PX  # at most one edge per MIN_EDGE_PX pixels: O(pixels)
        assert row.edge_stride == stride and (stride == 1) == (block_px >= MIN_EDGE_PX)
        # the stored tokens are drawn in their colour (left of the first edge and of any block number)
        assert image.pixelColor(round(rect.left()) + 2, round(rect.top()) + 3) == qcolor(DARK.cache_used_line)
    assert (max(row.edge_stride for row in diagram.rows) > 1) == (context > 64)


def test_following_the_run_builds_the_store_off_the_gui_thread(qtbot, monkeypatch):
    config = ModelConfig(d_model=16, n_layers=1, n_heads=2, n_kv_heads=1, context_length=256)
    engine = Engine(config, "paged " * 20)
    threads = []

    def compare(*args):
        threads.append(threading.current_thread())
        return compare_paging(*args)

    monkeypatch.setattr(paged_view, "compare_paging", compare)
    view = PagedCacheView(DARK)
    qtbot.addWidget(view)
    view.set_config(config)
    with qtbot.waitExposed(view):
        view.show()
    qtbot.waitUntil(lambda: not view._stale, timeout=5000)  # the first picture, when the view came on screen
    for _ in range(3):
        record = engine.decode()
        view.set_record(record)
        qtbot.waitUntil(lambda: not view._stale, timeout=5000)
        lengths = default_lengths(record.n_tokens, config.context_length)
        assert view.comparison == compare_paging(config, lengths, view.block_size.currentData())
    assert threads[0] is threading.main_thread()  # coming on screen shows the store at once
    assert len(threads) == 4 and not any(thread is threading.main_thread() for thread in threads[1:])
