"""The views' Chinese texts fit the window at a laptop's and a projector's size, in both themes, as the
English ones do (tests/gui/test_layout_sizes.py): titles whole, the legend on a line a group, and no
one-line label of a view narrower than its text."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kvviz.gui.settings import Settings
from kvviz.gui.theme import THEMES, apply_to_application
from tests.gui.conftest import SMALL_MODEL
from tests.i18n.speaking import has_chinese, speaking


@pytest.fixture(params=[(theme, size) for theme in ("dark", "slide") for size in ((1280, 720), (1920, 1080))], ids=str)
def chinese_window(request, qtbot, tmp_path, monkeypatch):
    from kvviz.gui.app import application
    from kvviz.gui.main_window import MainWindow

    monkeypatch.setattr("kvviz.gui.settings.default_path", lambda: tmp_path / "user" / "kvviz.json")
    settings = Settings(tmp_path / "kvviz.ini")
    settings.update(SMALL_MODEL)
    theme, size = THEMES[request.param[0]], request.param[1]
    apply_to_application(application(), theme)
    with speaking("zh_CN"):
        window = MainWindow(settings, theme=theme, load=False)
        qtbot.addWidget(window)
        window.resize(*size)
        window.load()
        window.show()
        qtbot.wait(150)  # the first-launch dock arrangement runs after the first events
        window.workspace.uncached.fit()
        qtbot.wait(50)
        yield window
    apply_to_application(application(), THEMES["dark"])


def test_chinese_titles_legend_and_labels_fit(qtbot, chinese_window):
    ws = chinese_window.workspace
    for panel in (ws.uncached, ws.cached):
        assert has_chinese(panel.title.text)
        assert 0 < panel.title.item.boundingRect().width() <= panel.title_room(), panel.title.text
    legend = ws.legend
    assert has_chinese(" ".join(label.text() for label in legend.findChildren(QLabel)))
    rows = {child.y() for child in legend.findChildren(QWidget) if child.parent() is legend and child.isVisible()}
    assert len(rows) <= 2, rows  # a line a group
    ws.docks["kv_cache"].raise_()
    qtbot.wait(50)
    views = (ws.uncached, ws.cached, ws.legend, ws.cache_view, ws.tokens)
    for view in views:
        for widget in [*view.findChildren(QLabel), *view.findChildren(QAbstractButton)]:
            if widget.text() and widget.isVisible() and not (isinstance(widget, QLabel) and widget.wordWrap()):
                assert widget.width() >= widget.minimumSizeHint().width(), widget.text()
