"""Legends and keys wrap like text, so no row of them sets the window's minimum width."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kvviz.gui.main_window import MainWindow
from kvviz.gui.theme import DARK, SLIDE
from kvviz.gui.widgets.flow_layout import FlowLayout
from tests.gui.helpers import shown


def _flow(qtbot, texts: list[str]) -> tuple[QWidget, FlowLayout]:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=10, line_spacing=3)
    for text in texts:
        flow.addWidget(QLabel(text))
    return host, flow


@pytest.mark.parametrize("width", [60, 150, 260, 400, 2000])
def test_items_wrap_inside_the_width_in_reading_order_without_overlap(qtbot, width):
    texts = ["computed this step", "recomputed", "skipped thanks to the cache", "masked", "K/V", "a", "bb"]
    host, flow = _flow(qtbot, texts)
    host.resize(width, 10)
    host.show()
    width = host.width()  # never below the layout's minimum, the widest item
    height = flow.heightForWidth(width)
    flow.setGeometry(host.rect().adjusted(0, 0, 0, height - host.height()))
    rects = [flow.itemAt(i).geometry() for i in range(flow.count())]
    for rect in rects:
        assert rect.right() < width and rect.bottom() < height
    for a, b in itertools.pairwise(rects):  # reading order: right of the previous, or on a lower line
        assert (b.top() == a.top() and b.left() > a.right()) or b.top() > a.bottom()
    for a, b in itertools.combinations(rects, 2):
        assert not a.intersects(b)
    lines = len({rect.top() for rect in rects})
    assert (lines == 1) == (width >= flow.sizeHint().width())
    assert flow.minimumSize().width() == max(QLabel(text).sizeHint().width() for text in texts)


def test_hidden_items_take_no_room(qtbot):
    _host, flow = _flow(qtbot, ["one", "two", "three"])
    full = flow.sizeHint().width()
    flow.itemAt(1).widget().hide()
    assert flow.sizeHint().width() < full


@pytest.mark.parametrize("theme", [DARK, SLIDE], ids=lambda t: t.name)
def test_the_window_leaves_room_for_its_docks_in_either_theme(qtbot, small_settings, theme):
    window = shown(qtbot, MainWindow(small_settings, theme=theme))
    # a one-line legend, token key or cache formula made this 1,372 px in the slide theme
    assert window.minimumSizeHint().width() <= 800
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.workspace.legend.width() < 1100)
    legend = window.workspace.legend
    assert legend.height() >= legend.layout().heightForWidth(legend.width())  # wrapped lines all shown
