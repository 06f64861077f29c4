"""Presentation mode: F5 and the View menu enter it, a clicker's PageDown/PageUp step, Esc leaves it
with the desktop layout as it was; its type is at least twice the desktop's."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kvviz.core.caption import step_captions
from kvviz.gui.theme import DARK
from tests.gui.helpers import press_step


def covered(window, widget) -> bool:
    """Whether the presentation page is what the window shows at the middle of ``widget``."""
    page = window.workspace.presentation
    top = window.childAt(widget.mapTo(window, widget.rect().center()))
    return top is not None and (top is page or page.isAncestorOf(top))


def test_presentation_keys_enter_step_and_leave(qtbot, window):
    ws = window.workspace
    docks_before = {key: dock.isVisible() for key, dock in ws.docks.items()}
    geometry = {key: dock.geometry() for key, dock in ws.docks.items()}
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert ws.presenting and ws.presentation.isVisible()
    assert ws.presentation.geometry() == window.rect()  # the whole window, menus and docks under it
    shown = [window.menuBar(), window.toolbar, window.statusBar(), *ws.docks.values()]
    shown = [w for w in shown if w.isVisible() and window.rect().contains(w.mapTo(window, w.rect().center()))]
    assert len(shown) >= 5  # menus, toolbar, status bar and the docks in front
    assert [w for w in shown if not covered(window, w)] == []

    press_step(qtbot, window, Qt.Key.Key_PageDown)
    press_step(qtbot, window, Qt.Key.Key_PageDown)
    assert window.controller.current.step == 2
    record = window.controller.current
    assert ws.presentation.caption.text() in step_captions(record)  # the longest form that fits
    assert ws.presentation.cached.image_rgba.shape[:2] == (record.n_tokens, record.n_tokens)
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.controller.current.step == 1
    assert ws.presentation.caption.text() in step_captions(window.controller.current)

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not ws.presenting and not ws.presentation.isVisible()
    assert not any(covered(window, widget) for widget in shown)
    assert {key: dock.isVisible() for key, dock in ws.docks.items()} == docks_before
    assert {key: dock.geometry() for key, dock in ws.docks.items()} == geometry  # the layout was never touched


def test_the_page_follows_the_window_size(qtbot, window):
    window.actions.presentation.trigger()
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.workspace.presentation.geometry() == window.rect())


def test_view_menu_entry_enters_presentation(window):
    window.actions.presentation.trigger()
    assert window.workspace.presenting
    window.actions.presentation.trigger()
    assert not window.workspace.presenting


def test_presentation_type_is_twice_the_desktop_size_and_matrices_are_large(qtbot, window):
    window.resize(1280, 720)
    window.actions.presentation.trigger()
    qtbot.wait(50)
    view = window.workspace.presentation
    assert view.caption.font().pointSizeF() >= 2 * DARK.font_pt
    assert view.theme.token_pt >= 2 * DARK.token_pt and view.theme.title_pt >= 2 * DARK.title_pt
    for panel in (view.uncached, view.cached):
        rect = panel.view.sceneBoundingRect()
        assert min(rect.width(), rect.height()) >= 0.3 * window.height()
